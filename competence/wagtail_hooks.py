"""The Kompetencetjek in the admin: questions, area advice and learning
paths as snippets, and the anonymous totals with their CSV export."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from competence.models import AreaGuidance, LearningPath, Question
from competence.stats import totals, totals_csv

STATS_PERMISSION = "competence.view_competenceresult"


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "help"
    menu_label = _("Spørgsmål")
    list_display = ["text", "sort_order", "active"]
    list_filter = ["active"]
    ordering = ["sort_order", "pk"]


class AreaGuidanceViewSet(SnippetViewSet):
    model = AreaGuidance
    icon = "crosshairs"
    menu_label = _("Råd om områderne")
    list_display = ["area"]


class LearningPathViewSet(SnippetViewSet):
    model = LearningPath
    icon = "list-ol"
    menu_label = _("Læringsstier")
    list_display = ["title", "role_group", "sort_order"]
    ordering = ["sort_order", "title"]


class CompetenceGroup(SnippetViewSetGroup):
    menu_label = _("Kompetencetjek")
    menu_icon = "clipboard-list"
    menu_order = 310
    items = (QuestionViewSet, AreaGuidanceViewSet, LearningPathViewSet)


register_snippet(CompetenceGroup)


def _allowed(request):
    return request.user.has_perm(STATS_PERMISSION)


def stats_view(request):
    if not _allowed(request):
        raise PermissionDenied
    return render(
        request,
        "competence/admin/stats.html",
        {"totals": totals(), "csv_url": reverse("competence_stats_csv")},
    )


def stats_csv_view(request):
    if not _allowed(request):
        raise PermissionDenied
    response = HttpResponse(
        totals_csv(totals()), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="kompetencetjek-tal.csv"'
    return response


@hooks.register("register_admin_urls")
def register_stats_urls():
    return [
        path("kompetencetjek/tal/", stats_view, name="competence_stats"),
        path("kompetencetjek/tal.csv", stats_csv_view, name="competence_stats_csv"),
    ]


class StatsMenuItem(MenuItem):
    def is_shown(self, request):
        return _allowed(request)


@hooks.register("register_admin_menu_item")
def register_stats_menu_item():
    return StatsMenuItem(
        _("Kompetencetjek i tal"),
        reverse("competence_stats"),
        icon_name="table",
        order=320,
    )
