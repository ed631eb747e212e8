from django.urls import path, re_path

from search import views

app_name = "search"

urlpatterns = [
    path("", views.search_page, name="page"),
    path("forslag/", views.suggest, name="suggest"),
    path("besked/", views.alert_subscribe, name="alert"),
    re_path(
        r"^besked/bekraeft/(?P<token>[A-Za-z0-9_-]{20,64})/$",
        views.alert_confirm,
        name="alert-confirm",
    ),
    re_path(
        r"^besked/afmeld/(?P<token>[A-Za-z0-9_-]{20,64})/$",
        views.alert_unsubscribe,
        name="alert-unsubscribe",
    ),
]
