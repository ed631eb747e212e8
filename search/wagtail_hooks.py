import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.access import EDITORS_GROUP
from search.models import SynonymGroup, ZeroResultQuery

DASHBOARD_DAYS = 30


class SynonymGroupViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "search"
    menu_label = _("Synonymer")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["__str__", "note"]
    search_fields = ["terms", "note"]


register_snippet(SynonymGroupViewSet)


class SearchQueriesPanel(Component):
    """The dashboard panel: what visitors search for, and what they search
    for without finding anything."""

    name = "search_queries"
    order = 250
    template_name = "search/admin/dashboard_panel.html"

    def get_context_data(self, parent_context=None):
        from wagtail.contrib.search_promotions.models import Query

        since = timezone.now().date() - datetime.timedelta(days=DASHBOARD_DAYS)
        return {
            "days": DASHBOARD_DAYS,
            "top_queries": [
                {"query_string": query.query_string, "hits": query._hits}
                for query in Query.get_most_popular(date_since=since)[:10]
            ],
            "zero_queries": list(
                ZeroResultQuery.objects.filter(last_seen__date__gte=since).order_by(
                    "-hits", "-last_seen"
                )[:10]
            ),
        }


@hooks.register("construct_homepage_panels")
def add_search_queries_panel(request, panels):
    user = request.user
    if user.is_superuser or user.groups.filter(name=EDITORS_GROUP).exists():
        panels.append(SearchQueriesPanel())
