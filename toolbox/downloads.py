"""Which tools use a document, and so who may download it."""

from wagtail.documents import get_document_model
from wagtail.models import ReferenceIndex
from wagtail.permissions import policy_registry

from core.access import visible_access_levels
from toolbox.models import ToolPage, ToolPageDocument, ToolSuggestion

# The collection that files sent with a visitor's tool suggestion go to
# (toolbox.suggestions).
SUGGESTIONS_COLLECTION = "Forslag"


def tools_referring_to(document):
    """Ids of the tools (live or not) that attach document or link to it
    from their body, by the attached-files table and Wagtail's reference
    index (kept up to date as tools are saved: toolbox.signals)."""
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


def tools_using_document(document):
    """Ids of the live tools that attach document or link to it."""
    candidates = tools_referring_to(document)
    if not candidates:
        return set()
    return set(
        ToolPage.objects.live().filter(pk__in=candidates).values_list("pk", flat=True)
    )


def is_unreleased(document, tool_ids):
    """A file no live tool uses yet, though a tool refers to it or a visitor
    sent it with a suggestion: it waits for an editor to publish its tool."""
    awaiting = (
        bool(tool_ids)
        or document.collection.name == SUGGESTIONS_COLLECTION
        or ToolSuggestion.objects.filter(document=document).exists()
    )
    return awaiting and not ToolPage.objects.live().filter(pk__in=tool_ids).exists()


def manages_document(user, document):
    """Wagtail's own rule for who may edit a document (its collection
    permissions): editors, and partner editors in their own collection."""
    if not user.is_authenticated:
        return False
    policy = policy_registry.get_by_type(get_document_model())
    return policy.user_has_permission_for_instance(user, "change", document)


def document_is_restricted(document, request):
    """A document is withheld when a tool that uses it is one this request
    may not see: partners-only for an outsider, or behind a Wagtail privacy
    restriction the request does not pass. A file that only drafts use, or
    that a visitor suggested, is served only to those who may edit it in the
    admin, until a tool that uses it is published."""
    tool_ids = tools_referring_to(document)
    if is_unreleased(document, tool_ids):
        return not manages_document(request.user, document)
    if not tool_ids:
        return False
    tools = ToolPage.objects.filter(pk__in=tool_ids)
    if tools.exclude(access__in=visible_access_levels(request.user)).exists():
        return True
    for tool in tools.not_public():
        for restriction in tool.get_view_restrictions():
            if not restriction.accept_request(request):
                return True
    return False
