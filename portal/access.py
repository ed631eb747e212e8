"""Who may see what. Page serving, listings, documents, feeds, the API and
the search index all ask these functions; none of them repeats the rule."""

from django.db.models import Q

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
    """May this user see this item (anything with an `access` field)?"""
    access = getattr(item, "access", Access.PUBLIC)
    return access == Access.PUBLIC or sees_partner_content(user)


def visible_to(queryset, user):
    """Narrows a queryset of items with an `access` field to what user may see."""
    if sees_partner_content(user):
        return queryset
    return queryset.filter(access=Access.PUBLIC)


def document_is_restricted(document):
    """A document is partners-only when any partners-only tool refers to it,
    as an attached file or from its body (Wagtail's reference index)."""
    from wagtail.models import ReferenceIndex

    from toolbox.models import ToolPage, ToolPageDocument

    # Attached files first, from the table itself: Wagtail updates the
    # reference index in a background task, which may not have run yet.
    if ToolPageDocument.objects.filter(
        document=document, page__access=Access.PARTNERS
    ).exists():
        return True

    page_ids = (
        ReferenceIndex.get_references_to(document)
        .filter(
            base_content_type__model="page", base_content_type__app_label="wagtailcore"
        )
        .values_list("object_id", flat=True)
    )
    return ToolPage.objects.filter(
        pk__in=[int(pk) for pk in page_ids if str(pk).isdigit()], access=Access.PARTNERS
    ).exists()
