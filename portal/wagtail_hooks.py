"""Admin registration for the portal: the taxonomies as snippets, and the
access check on documents that partners-only tools use."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from portal.access import document_is_restricted, sees_partner_content
from portal.models import Audience, Sector, Theme


class SectorViewSet(SnippetViewSet):
    model = Sector
    icon = "site"
    menu_label = _("Sektorer")
    list_display = ["name", "slug", "is_focus", "sort_order"]
    list_filter = ["is_focus"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Temaer")
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]


class AudienceViewSet(SnippetViewSet):
    model = Audience
    icon = "group"
    menu_label = _("Målgrupper")
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("Taksonomi")
    menu_icon = "list-ul"
    menu_order = 300
    items = (SectorViewSet, ThemeViewSet, AudienceViewSet)


register_snippet(TaxonomyGroup)


@hooks.register("before_serve_document")
def refuse_partner_documents(document, request):
    """A document that a partners-only tool uses is served only to those
    who may see the tool: anonymous visitors are sent to log in, and a
    logged-in visitor outside the partner circle gets 403."""
    if sees_partner_content(request.user) or not document_is_restricted(document):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


@hooks.register("before_serve_document")
def count_tool_download(document, request):
    """Registered after the access check, so only served files count."""
    from toolbox.engagement import count_document_download

    count_document_download(request, document)
