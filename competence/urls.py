from django.urls import path

from competence import views

app_name = "competence"

urlpatterns = [
    path("kompetencetjek/", views.check, name="check"),
    path("kompetencetjek/resultat/<str:token>/", views.result_view, name="result"),
    path("kompetencetjek/resultat/<str:token>/plan/", views.plan_view, name="plan"),
    path(
        "kompetencetjek/resultat/<str:token>/plan/udskrift/",
        views.plan_print,
        name="plan_print",
    ),
    path(
        "kompetencetjek/resultat/<str:token>/kompetenceplan.csv",
        views.plan_download,
        name="plan_csv",
    ),
    path("start-her/", views.paths, name="paths"),
    path("start-her/<slug:slug>/", views.path_detail, name="path"),
]
