"""The editors' list of visitors' tool suggestions (who sent them and why),
beside the draft each one became. Registered in toolbox.wagtail_hooks."""

from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.viewsets.model import ModelViewSet

from toolbox.models import ToolSuggestion


class ReasonColumn(Column):
    def get_value(self, instance):
        return Truncator(instance.reason).chars(120)


class DraftColumn(TitleColumn):
    """Links to the draft's edit view, where it is reviewed and approved."""

    def get_value(self, instance):
        return instance.page.draft_title

    def get_link_url(self, instance, parent_context):
        return reverse("wagtailadmin_pages:edit", args=[instance.page_id])


class ToolSuggestionViewSet(ModelViewSet):
    model = ToolSuggestion
    icon = "help"
    menu_label = _("Forslag fra besøgende")
    url_prefix = "vaerktoejer/forslag"
    name = "toolsuggestion"
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        DraftColumn("page", label=_("Kladde")),
        "sector",
        ReasonColumn("reason", label=_("Hvorfor det hjalp")),
        "name",
        "created_at",
    ]
    search_fields = ["reason", "name", "page__title"]
    search_backend_name = None
    inspect_view_fields = [
        "page",
        "link",
        "document",
        "sector",
        "reason",
        "name",
        "email",
        "created_at",
    ]
    form_fields = ["reason"]
    ordering = ["-created_at"]

    def get_queryset(self, request):
        return ToolSuggestion.objects.select_related("page", "sector", "document")
