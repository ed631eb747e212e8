"""Min værktøjskasse and the comparison, at the site's top level (portal/urls.py
includes them before Wagtail's catch-all)."""

from django.urls import path

from toolbox import views

app_name = "saved"

urlpatterns = [
    path("min-vaerktoejskasse/", views.saved_list, name="list"),
    path("min-vaerktoejskasse/udskriv/", views.saved_print, name="print"),
    path("min-vaerktoejskasse/delt/<str:token>/", views.shared_list, name="shared"),
    path("sammenlign/", views.compare, name="compare"),
]
