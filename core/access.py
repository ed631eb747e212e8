"""Who may see what. Page serving, listings, documents, feeds, the API and
the search index all ask these functions; none of them repeats the rule.

A page is visible to a user when it is live, outside every Wagtail privacy
restriction, and (for tools) its access level is one the user may see.
Pages behind a Wagtail view restriction are left out of every list, search
and feed for everyone: they are reached only by their own URL, where Wagtail
checks the restriction itself."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeAlias

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q

from wagtail.query import PageQuerySet

from core.choices import Access

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User
    from django.db.models import Model
    from django.http import HttpRequest, HttpResponseRedirect

    # Whoever asks: a signed-in user, an anonymous visitor, or nobody (the
    # index, feeds and exports ask for the public).
    Viewer: TypeAlias = User | AnonymousUser | None

EDITORS_GROUP = "Redaktører"
MEMBERS_GROUP = "Partnermedlemmer"


def sees_partner_content(user: Viewer) -> bool:
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
        # Asked many times per request: remembered on the user object.
        user._sees_partner_content = cached  # type: ignore[attr-defined]
    return cached


def visible_access_levels(user: Viewer) -> list[Access]:
    if sees_partner_content(user):
        return [Access.PUBLIC, Access.PARTNERS]
    return [Access.PUBLIC]


def can_view(user: Viewer, item: Any) -> bool:
    """May this user see this item's access level (anything with `access`)?
    Liveness and Wagtail privacy are checked by whoever serves the page."""
    access = getattr(item, "access", Access.PUBLIC)
    return access in visible_access_levels(user)


def refuse(request: HttpRequest) -> HttpResponseRedirect:
    """The answer to a request for something this user may not see: an
    anonymous visitor is sent to log in; a signed-in outsider gets 403, as
    logging in again would only loop."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


class AccessLevelMixin:
    """Content with an access level. A page type without an `access` field
    (cases) is always public."""

    access = Access.PUBLIC

    @property
    def partners_only(self) -> bool:
        return self.access == Access.PARTNERS


def has_access_level(model: type[Model]) -> bool:
    return any(field.name == "access" for field in model._meta.concrete_fields)


class VisibleQuerySet(PageQuerySet):
    """The one definition of "visible to this user" for content pages."""

    def listable(self) -> VisibleQuerySet:
        """Live pages outside any Wagtail privacy restriction: what the
        search index, listings, feeds and exports may ever hold."""
        return self.live().public()

    def visible_to(self, user: Viewer) -> VisibleQuerySet:
        queryset = self.listable()
        if has_access_level(self.model):
            queryset = queryset.filter(access__in=visible_access_levels(user))
        return queryset
