"""Pledges and reports in the admin, each partner editor confined to their
own partner (figures.permissions), editors approving by publishing."""

from django.utils.translation import gettext_lazy as _

from wagtail.permissions import policy_registry
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    EditView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from figures.forms import PartnerScopedForm, UpskillingReportForm
from figures.models import UpskillingPledge, UpskillingReport


class PartnerScopedEditView(EditView):
    """Another partner's pledge or report is not found, rather than shown."""

    def get_queryset(self):
        policy = policy_registry.get_by_type(self.model)
        return policy.instances_user_has_permission_for(self.request.user, "change")


class PartnerScopedViewSet(SnippetViewSet):
    edit_view_class = PartnerScopedEditView
    list_filter = ["year", "live"]
    list_display = ["partner", "year", "people", "live"]

    def get_queryset(self, request):
        return self.permission_policy.instances_user_has_permission_for(
            request.user, "change"
        ).select_related("partner")


class UpskillingPledgeViewSet(PartnerScopedViewSet):
    model = UpskillingPledge
    icon = "pick"
    menu_label = _("Løfter")
    base_form_class = PartnerScopedForm


class UpskillingReportViewSet(PartnerScopedViewSet):
    model = UpskillingReport
    icon = "doc-full"
    menu_label = _("Rapporter")
    list_display = ["partner", "year", "period", "people", "live"]
    list_filter = ["year", "period", "live"]
    base_form_class = UpskillingReportForm


class FiguresViewSetGroup(SnippetViewSetGroup):
    items = (UpskillingReportViewSet, UpskillingPledgeViewSet)
    menu_icon = "table"
    menu_label = _("Pagten i tal")
    menu_name = "pagten-i-tal"


register_snippet(FiguresViewSetGroup)
