from django.urls import path

from figures import views

urlpatterns = [
    path("", views.figures_page, name="figures"),
    path("tal.csv", views.figures_csv, name="figures_csv"),
]
