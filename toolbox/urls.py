from django.urls import path

from toolbox import views

app_name = "toolbox"

urlpatterns = [
    path("<int:tool_id>/nyttig/", views.feedback, name="feedback"),
    path("<int:tool_id>/gem/", views.save, name="save"),
    path("<int:tool_id>/fjern/", views.remove, name="remove"),
    path(
        "<int:tool_id>/download/<int:document_id>/",
        views.download,
        name="download",
    ),
]
