"""Who may see what. Page serving, listings, documents, feeds, the API and
the search index all ask these functions; none of them repeats the rule.

A page is visible to a user when it is live, outside every Wagtail privacy
restriction, and (for tools) its access level is one the user may see.
Pages behind a Wagtail view restriction are left out of every list, search
and feed for everyone: they are reached only by their own URL, where Wagtail
checks the restriction itself."""

from django.db.models import Q

from wagtail.query import PageQuerySet

from portal.choices import Access

EDITORS_GROUP = "Redaktører"
MEMBERS_GROUP = "Partnermedlemmer"


def sees_partner_content(user):
    """True for editors and for users who belong to a partner."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_sees_partner_content", None)
    if cached is None:
        cached = user.groups.filter(
            Q(name__in=[EDITORS_GROUP, MEMBERS_GROUP]) | Q(partner_page__isnull=False)
        ).exists()
        user._sees_partner_content = cached
    return cached


def visible_access_levels(user):
    if sees_partner_content(user):
        return [Access.PUBLIC, Access.PARTNERS]
    return [Access.PUBLIC]


def can_view(user, item):
    """May this user see this item's access level (anything with `access`)?
    Liveness and Wagtail privacy are checked by whoever serves the page."""
    access = getattr(item, "access", Access.PUBLIC)
    return access in visible_access_levels(user)


def has_access_level(model):
    return any(field.name == "access" for field in model._meta.concrete_fields)


class VisibleQuerySet(PageQuerySet):
    """The one definition of "visible to this user" for content pages."""

    def listable(self):
        """Live pages outside any Wagtail privacy restriction: what the
        search index, listings, feeds and exports may ever hold."""
        return self.live().public()

    def visible_to(self, user):
        queryset = self.listable()
        if has_access_level(self.model):
            queryset = queryset.filter(access__in=visible_access_levels(user))
        return queryset


def tools_referring_to(document):
    """Ids of the tools (live or not) that attach document or link to it
    from their body, by the attached-files table and Wagtail's reference
    index (kept up to date as tools are saved: toolbox.signals)."""
    from wagtail.models import ReferenceIndex

    from toolbox.models import ToolPageDocument

    attached = ToolPageDocument.objects.filter(document=document).values_list(
        "page_id", flat=True
    )
    referencing = (
        ReferenceIndex.get_references_to(document)
        .filter(
            base_content_type__app_label="wagtailcore",
            base_content_type__model="page",
        )
        .values_list("object_id", flat=True)
    )
    return set(attached) | {int(pk) for pk in referencing if str(pk).isdigit()}


def document_is_restricted(document, request):
    """A document is withheld when a tool that uses it is one this request
    may not see: partners-only for an outsider, or behind a Wagtail privacy
    restriction the request does not pass."""
    from toolbox.models import ToolPage

    tool_ids = tools_referring_to(document)
    if not tool_ids:
        return False
    tools = ToolPage.objects.filter(pk__in=tool_ids)
    levels = visible_access_levels(request.user)
    if tools.exclude(access__in=levels).exists():
        return True
    for tool in tools.not_public():
        for restriction in tool.get_view_restrictions():
            if not restriction.accept_request(request):
                return True
    return False
