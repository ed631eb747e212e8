"""Admin views for the quality of the catalogue: visitors' feedback, usage
figures, and the tools that have not been reviewed for a year; and, for
partner editors, their own tools' use and a dashboard panel."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.urls import path, reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.pages.listing import IndexView as PageIndexView
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

import django_filters

from core.access import EDITORS_GROUP, can_view, refuse
from core.admin_scope import partners_edited_by, sees_all_content
from toolbox.downloads import document_is_restricted
from toolbox.engagement import (
    count_document_download,
    count_view,
    tools_edited_by,
    usage_of,
    usage_summary,
)
from toolbox.models import ToolFeedback, ToolPage, ToolStats, ToolSuggestion
from toolbox.suggest_admin import ToolSuggestionViewSet


class EditorsReadPolicy(ModelPermissionPolicy):
    """Redaktører may look at (and, where allowed, delete) what visitors
    sent; nobody adds or edits it in the admin."""

    def __init__(self, model, actions):
        super().__init__(model)
        self.actions = set(actions)

    def user_has_permission(self, user, action):
        if action not in self.actions or not user.is_active:
            return False
        if user.is_superuser:
            return True
        is_editor = getattr(user, "_is_portal_editor", None)
        if is_editor is None:
            is_editor = user.groups.filter(name=EDITORS_GROUP).exists()
            user._is_portal_editor = is_editor
        return is_editor or super().user_has_permission(user, action)


register_permission_policy(
    ToolFeedback, EditorsReadPolicy(ToolFeedback, ["view", "delete"])
)
register_permission_policy(ToolStats, EditorsReadPolicy(ToolStats, ["view"]))
register_permission_policy(
    ToolSuggestion, EditorsReadPolicy(ToolSuggestion, ["view", "delete"])
)


class ToolFeedbackFilterSet(WagtailFilterSet):
    tool = django_filters.ModelChoiceFilter(
        label=_("Værktøj"),
        queryset=lambda request: (
            ToolPage.objects.filter(feedback__isnull=False).distinct().order_by("title")
        ),
    )
    helpful = django_filters.BooleanFilter(label=_("Nyttigt"))

    class Meta:
        model = ToolFeedback
        fields = ["tool", "helpful"]


class CommentColumn(Column):
    def get_value(self, instance):
        return Truncator(instance.comment).chars(120)


class ScoreColumn(Column):
    """The Wilson lower bound as a whole percentage, not a raw float."""

    def get_value(self, instance):
        return f"{round(instance.helpful_score * 100)} %"


class OwnerColumn(Column):
    def get_value(self, instance):
        return instance.partner.title if instance.partner_id else _("Pagten")


class ToolFeedbackViewSet(ModelViewSet):
    model = ToolFeedback
    icon = "comment"
    menu_label = _("Tilbagemeldinger")
    url_prefix = "vaerktoejer/tilbagemeldinger"
    name = "toolfeedback"
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "tool",
        "helpful",
        CommentColumn("comment", label=_("Kommentar")),
        "created_at",
    ]
    filterset_class = ToolFeedbackFilterSet
    search_fields = ["comment", "tool__title"]
    search_backend_name = None
    inspect_view_fields = ["tool", "helpful", "comment", "created_at", "client_key"]
    list_export = ["tool", "helpful", "comment", "created_at"]
    form_fields = ["helpful", "comment"]

    def get_queryset(self, request):
        return ToolFeedback.objects.select_related("tool")


class ToolStatsViewSet(ModelViewSet):
    model = ToolStats
    icon = "doc-full-inverse"
    menu_label = _("Brug og nytte")
    url_prefix = "vaerktoejer/statistik"
    name = "toolstats"
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "tool",
        "views",
        "downloads",
        "helpful_yes",
        "helpful_no",
        ScoreColumn("helpful_score", label=_("Nyttescore"), sort_key="helpful_score"),
        "updated_at",
    ]
    search_fields = ["tool__title"]
    search_backend_name = None
    form_fields = []
    ordering = ["-helpful_score", "-views"]

    def get_queryset(self, request):
        return ToolStats.objects.select_related("tool")


class ReviewIndexView(PageIndexView):
    """Tools the user may edit that were never reviewed, or not for a year.

    The review rule and the "Senest gennemgået" sort both use last_reviewed,
    which ToolPage's search index can neither filter nor sort on: handing
    this queryset to the search backend made every ?q= a 500. So a search
    here only names the matching tools, and the list stays a database
    queryset in its own order."""

    default_ordering = "last_reviewed"
    page_title = _("Værktøjer der trænger til gennemgang")

    def get_base_queryset(self):
        return super().get_base_queryset().needing_review().select_related("partner")

    def order_queryset(self, queryset):
        if self.is_searching and not self.is_explicitly_ordered:
            # Wagtail leaves a search unordered for relevance; this list has
            # no relevance order, only its own.
            return queryset.order_by(self.default_ordering)
        return super().order_queryset(queryset)

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        matches = ToolPage.objects.autocomplete(
            self.search_query, order_by_relevance=False
        )
        return queryset.filter(pk__in=[page.pk for page in matches])


class ReviewViewSet(PageListingViewSet):
    model = ToolPage
    index_view_class = ReviewIndexView
    icon = "time"
    menu_label = _("Værktøjer der trænger til gennemgang")
    name = "vaerktoejer_gennemgang"
    url_prefix = "vaerktoejer/gennemgang"
    columns = [
        *PageIndexView.base_columns,
        OwnerColumn("partner", label=_("Ejer"), width="20%"),
        Column(
            "last_reviewed",
            label=_("Senest gennemgået"),
            sort_key="last_reviewed",
            width="15%",
        ),
    ]


def reads_own_usage(user):
    """Partner editors read their own tools' use; editors and superusers
    may open the same view over every tool."""
    return sees_all_content(user) or partners_edited_by(user).exists()


class PartnerUsageView(WagtailAdminTemplateMixin, TemplateView):
    """Views, downloads, "nyttig" answers, comments and cases of the tools
    the user edits: the scope is tools_edited_by's, never the view's."""

    template_name = "toolbox/admin/partner_usage.html"
    page_title = _("Mine værktøjers brug")
    header_icon = "view"
    paginate_by = 20

    def dispatch(self, request, *args, **kwargs):
        if not reads_own_usage(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        tools = tools_edited_by(user).order_by("title", "pk")
        page = Paginator(tools, self.paginate_by).get_page(self.request.GET.get("p"))
        context.update(
            page_obj=page,
            rows=usage_of(tools.filter(pk__in=[tool.pk for tool in page]), user),
            sees_all=sees_all_content(user),
            add_tool_links=add_tool_links(user),
        )
        return context


def add_tool_links(user):
    """Where a partner editor adds a tool: below each partner page they edit."""
    return [
        {
            "partner": partner,
            "url": reverse(
                "wagtailadmin_pages:add", args=("toolbox", "toolpage", partner.pk)
            ),
        }
        for partner in partners_edited_by(user).order_by("title")
    ]


class PartnerUsageMenuItem(MenuItem):
    def is_shown(self, request):
        return partners_edited_by(request.user).exists()


class PartnerUsageViewSet(ViewSet):
    name = "vaerktoejer_brug"
    url_prefix = "vaerktoejer/mine"
    icon = "view"
    menu_label = _("Mine værktøjers brug")
    menu_item_class = PartnerUsageMenuItem

    def get_urlpatterns(self):
        return [path("", PartnerUsageView.as_view(), name="index")]


class ToolQualityGroup(ViewSetGroup):
    menu_label = _("Værktøjer")
    menu_icon = "clipboard-list"
    menu_order = 250
    items = (
        PartnerUsageViewSet,
        ReviewViewSet,
        ToolSuggestionViewSet,
        ToolFeedbackViewSet,
        ToolStatsViewSet,
    )


@hooks.register("register_admin_viewset")
def register_tool_quality_views():
    return ToolQualityGroup()


class PartnerToolsPanel(Component):
    """A partner editor's dashboard: their tools in figures, or, before the
    first one, where to add it."""

    name = "partner_tools"
    order = 50
    template_name = "toolbox/admin/partner_dashboard_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        return {
            **usage_summary(self.user),
            "usage_url": reverse("vaerktoejer_brug:index"),
            "add_tool_links": add_tool_links(self.user),
        }


@hooks.register("construct_homepage_panels")
def add_partner_tools_panel(request, panels):
    if partners_edited_by(request.user).exists():
        panels.append(PartnerToolsPanel(request.user))


@hooks.register("before_serve_page")
def guard_tool_page(page, request, serve_args, serve_kwargs):
    """A partners-only tool is served only to those who may see it; a view
    is counted only when the page is served."""
    if not isinstance(page, ToolPage):
        return None
    if not can_view(request.user, page):
        return refuse(request)
    count_view(request, page)
    return None


@hooks.register("before_serve_document")
def refuse_restricted_documents(document, request):
    """A document that a tool this request may not see uses is refused:
    anonymous visitors are sent to log in, signed-in outsiders get 403."""
    if document_is_restricted(document, request):
        return refuse(request)
    return None


@hooks.register("before_serve_document")
def count_tool_download(document, request):
    """Registered after the access check, so only served files count."""
    count_document_download(request, document)
