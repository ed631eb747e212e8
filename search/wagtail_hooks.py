import datetime
from urllib.parse import urlencode

from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.site_summary import SummaryItem
from wagtail.admin.ui.components import Component
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.contrib.search_promotions.views import CreateView as PromotionCreateView
from wagtail.permissions import policy_registry
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView as SnippetCreateView
from wagtail.snippets.views.snippets import SnippetViewSet

from core.admin_scope import sees_all_content
from search.health import lag_panel
from search.models import SearchAlert, SynonymGroup, ZeroResultQuery

DASHBOARD_DAYS = 30
PROMOTION_FROM_QUERY = "search_promotion_from_query"


def prefilled_query(request):
    """The search a form is started from (`?q=`), as the query log keeps it."""
    return " ".join(request.GET.get("q", "").split())[:255]


class SynonymGroupCreateView(SnippetCreateView):
    """The synonym form, started from a search that found nothing."""

    def get_initial_form_instance(self):
        instance = super().get_initial_form_instance()
        query = prefilled_query(self.request)
        if query:
            instance = instance or self.model()
            instance.terms = query
        return instance


class SynonymGroupViewSet(SnippetViewSet):
    model = SynonymGroup
    add_view_class = SynonymGroupCreateView
    icon = "search"
    menu_label = _("Synonymer")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["__str__", "note"]
    search_fields = ["terms", "note"]


register_snippet(SynonymGroupViewSet)


class PromotionFromQueryView(PromotionCreateView):
    """Wagtail's own add form for promoted results, with the search term
    filled in. The form still posts to Wagtail's view, which saves it; the
    permission check (add a SearchPromotion) is the inherited one."""

    def get_initial(self):
        initial = super().get_initial()
        query = prefilled_query(self.request)
        if query:
            initial["query_string"] = query
        return initial


@hooks.register("register_admin_urls")
def register_promotion_from_query_url():
    return [
        path(
            "soegning/promovering/ny/",
            PromotionFromQueryView.as_view(),
            name=PROMOTION_FROM_QUERY,
        )
    ]


def zero_result_actions(user):
    """What this user may do about a search that found nothing (a synonym, a
    promoted result, both or neither), as each action's URL up to its `q=`."""
    actions = {}
    if SynonymGroup.snippet_viewset.permission_policy.user_has_permission(user, "add"):
        actions["synonym_url"] = SynonymGroup.snippet_viewset.get_url_name("add")
    if policy_registry.get_by_type(SearchPromotion).user_has_permission(user, "add"):
        actions["promotion_url"] = PROMOTION_FROM_QUERY
    return {key: f"{reverse(url_name)}?" for key, url_name in actions.items()}


class SearchQueriesPanel(Component):
    """The dashboard panel: what visitors search for, and what they search
    for without finding anything."""

    name = "search_queries"
    order = 250
    template_name = "search/admin/dashboard_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        since = timezone.now().date() - datetime.timedelta(days=DASHBOARD_DAYS)
        actions = zero_result_actions(self.user)
        zero_queries = ZeroResultQuery.objects.filter(
            last_seen__date__gte=since
        ).order_by("-hits", "-last_seen")[:10]
        return {
            "days": DASHBOARD_DAYS,
            "can_act": bool(actions),
            "top_queries": [
                {"query_string": query.query_string, "hits": query._hits}
                for query in Query.get_most_popular(date_since=since)[:10]
            ],
            "zero_queries": [
                {
                    "query_string": query.query_string,
                    "hits": query.hits,
                    **{
                        key: base + urlencode({"q": query.query_string})
                        for key, base in actions.items()
                    },
                }
                for query in zero_queries
            ],
        }


@hooks.register("construct_homepage_panels")
def add_search_panels(request, panels):
    user = request.user
    if not sees_all_content(user):
        return
    lag = lag_panel()
    if lag is not None:
        panels.append(lag)
    panels.append(SearchQueriesPanel(user))


class SearchAlertSummaryItem(SummaryItem):
    """The dashboard's count of confirmed alerts ("Få besked om nye
    værktøjer"). Only the number: the addresses are not listed or exported
    in the admin; they are the subscribers' to remove."""

    order = 900
    template_name = "search/alerts/admin_summary.html"

    def get_context_data(self, parent_context):
        confirmed = SearchAlert.objects.filter(confirmed_at__isnull=False)
        return {"total": confirmed.count()}


@hooks.register("construct_homepage_summary_items")
def add_search_alert_summary(request, items):
    if sees_all_content(request.user):
        items.append(SearchAlertSummaryItem(request))
