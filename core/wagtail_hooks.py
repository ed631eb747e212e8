"""Admin registration for the portal: the taxonomies as snippets, and what
a partner editor may see in the admin's choosers and API."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.admin_scope import (
    EDITORS_ONLY_REPORTS,
    media_in_scope,
    page_in_scope,
    pages_in_scope,
    sees_all_content,
)
from core.models.taxonomy import (
    Audience,
    CompetenceArea,
    CompetenceLevel,
    Sector,
    Theme,
)


class TaxonomyViewSet(SnippetViewSet):
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]


class SectorViewSet(TaxonomyViewSet):
    model = Sector
    icon = "site"
    menu_label = _("Sektorer")
    list_display = ["name", "slug", "is_focus", "sort_order"]
    list_filter = ["is_focus"]


class ThemeViewSet(TaxonomyViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Temaer")


class AudienceViewSet(TaxonomyViewSet):
    model = Audience
    icon = "group"
    menu_label = _("Målgrupper")


class CompetenceLevelViewSet(TaxonomyViewSet):
    model = CompetenceLevel
    icon = "pick"
    menu_label = _("Kompetenceniveauer")


class CompetenceAreaViewSet(TaxonomyViewSet):
    model = CompetenceArea
    icon = "crosshairs"
    menu_label = _("Kompetenceområder")


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("Taksonomi")
    menu_icon = "list-ul"
    menu_order = 300
    items = (
        SectorViewSet,
        ThemeViewSet,
        AudienceViewSet,
        CompetenceLevelViewSet,
        CompetenceAreaViewSet,
    )


register_snippet(TaxonomyGroup)


@hooks.register("construct_page_chooser_queryset")
def scope_page_chooser(pages, request):
    """Used by the chooser's browse and search views alike."""
    match = request.resolver_match
    parent_id = match.kwargs.get("parent_page_id") if match else None
    # The browse view shows the page it browses as its heading, unfiltered.
    if parent_id is not None and not page_in_scope(parent_id, request.user):
        raise Http404
    return pages_in_scope(pages, request.user)


@hooks.register("construct_document_chooser_queryset")
def scope_document_chooser(documents, request):
    return media_in_scope(documents, request.user)


@hooks.register("construct_image_chooser_queryset")
def scope_image_chooser(images, request):
    return media_in_scope(images, request.user)


class ScopedDocumentsAdminAPIViewSet(DocumentsAdminAPIViewSet):
    def get_queryset(self):
        return media_in_scope(super().get_queryset(), self.request.user)


class ScopedImagesAdminAPIViewSet(ImagesAdminAPIViewSet):
    def get_queryset(self):
        return media_in_scope(super().get_queryset(), self.request.user)


# Runs after wagtail.documents' and wagtail.images' own hooks (order 0), so
# these endpoints replace theirs, which list every file with its URL.
@hooks.register("construct_admin_api", order=100)
def scope_admin_api(router):
    router.register_endpoint("documents", ScopedDocumentsAdminAPIViewSet)
    router.register_endpoint("images", ScopedImagesAdminAPIViewSet)


@hooks.register("construct_reports_menu")
def hide_editors_only_reports(request, menu_items):
    if sees_all_content(request.user):
        return
    menu_items[:] = [
        item for item in menu_items if item.name not in EDITORS_ONLY_REPORTS
    ]
