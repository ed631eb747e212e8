from django.urls import path

from toolbox import suggest_views

app_name = "toolbox_suggest"

urlpatterns = [
    path("", suggest_views.suggest_tool, name="form"),
    path("tak/", suggest_views.thanks, name="thanks"),
]
