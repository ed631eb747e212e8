"""Min værktøjskasse: the tools a visitor has saved.

A signed-in user's list is kept as SavedTool rows, so it follows them to any
device; an anonymous visitor's list lives in the session and is merged into
the account on sign-in (toolbox.signals). What is shown is always filtered
through ToolPage.objects.visible_to(user), so a tool that has become
partners-only drops out of the list of anyone outside the partner circle.

A list is shared as a signed value of its public tools' ids: the link needs
no storage, cannot be forged, and shows only tools that are public when it
is opened, whoever opens it and whoever made it."""

import datetime

from django.contrib.auth.models import AnonymousUser
from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.choices import Access
from toolbox.models import SavedTool, ToolPage

SESSION_KEY = "toolbox_saved"
# Bounds the session, the rows per user and the print view's queries.
MAX_SAVED = 50
SHARE_SALT = "toolbox.saved.share"
# A signed list of MAX_SAVED ids is far shorter; anything longer is junk.
MAX_SHARE_TOKEN_LENGTH = 1000


class SaveLimitReached(Exception):
    """The list is full; str(error) is the Danish message."""

    def __init__(self):
        super().__init__(
            _(
                "Din værktøjskasse er fuld: du kan gemme højst %(limit)d værktøjer. "
                "Fjern et værktøj, før du gemmer et nyt."
            )
            % {"limit": MAX_SAVED}
        )


class BadShareLink(ValueError):
    """A share link that was not made by this site."""


def _session_ids(session):
    ids = session.get(SESSION_KEY, [])
    if not isinstance(ids, list):
        return []
    return [pk for pk in ids if isinstance(pk, int)]


def saved_ids(request):
    """The ids of the tools this visitor has saved, newest first, whether
    or not the visitor may still see them."""
    user = request.user
    if user.is_authenticated:
        return list(
            SavedTool.objects.filter(user=user).values_list("tool_id", flat=True)
        )
    return _session_ids(request.session)


def save_tool(request, tool):
    """Adds tool to the visitor's list (once); SaveLimitReached when full.
    The caller has checked that the visitor may see the tool."""
    user = request.user
    if user.is_authenticated:
        with transaction.atomic():
            mine = SavedTool.objects.filter(user=user)
            if mine.filter(tool=tool).exists():
                return
            if mine.count() >= MAX_SAVED:
                raise SaveLimitReached
            SavedTool.objects.get_or_create(user=user, tool=tool)
        return
    ids = _session_ids(request.session)
    if tool.pk in ids:
        return
    if len(ids) >= MAX_SAVED:
        raise SaveLimitReached
    request.session[SESSION_KEY] = [tool.pk, *ids]


def remove_tool(request, tool_id):
    """Takes the tool off the visitor's list; a tool not on it is no error."""
    user = request.user
    if user.is_authenticated:
        SavedTool.objects.filter(user=user, tool_id=tool_id).delete()
        return
    ids = _session_ids(request.session)
    if tool_id in ids:
        request.session[SESSION_KEY] = [pk for pk in ids if pk != tool_id]


def merge_into_account(session, user):
    """Moves the tools saved in the session into the user's list, keeping
    their order and the MAX_SAVED limit, and empties the session's list."""
    ids = _session_ids(session)
    if not ids:
        return 0
    existing = set(
        SavedTool.objects.filter(user=user).values_list("tool_id", flat=True)
    )
    tools = set(ToolPage.objects.filter(pk__in=ids).values_list("pk", flat=True))
    new = [pk for pk in ids if pk in tools and pk not in existing]
    new = new[: max(0, MAX_SAVED - len(existing))]
    now = timezone.now()
    # The session list is newest first: one microsecond apart keeps that order.
    rows = [
        SavedTool(
            user=user, tool_id=pk, created_at=now - datetime.timedelta(microseconds=n)
        )
        for n, pk in enumerate(new)
    ]
    SavedTool.objects.bulk_create(rows, ignore_conflicts=True)
    del session[SESSION_KEY]
    return len(rows)


def _in_order(tools, ids):
    position = {pk: n for n, pk in enumerate(ids)}
    return sorted(tools, key=lambda tool: position[tool.pk])


def visible_saved_tools(request):
    """The saved tools the visitor may see now, newest first, with the data
    a listing card shows."""
    ids = saved_ids(request)
    if not ids:
        return []
    tools = (
        ToolPage.objects.visible_to(request.user).filter(pk__in=ids).with_listing_data()
    )
    return _in_order(tools, ids)


def share_token(tools):
    """The signed value for a share link to the public ones among tools,
    "" when none of them is public."""
    ids = [tool.pk for tool in tools if tool.access == Access.PUBLIC]
    if not ids:
        return ""
    return signing.dumps(ids, salt=SHARE_SALT, compress=True)


def shared_tools(token):
    """The tools of a share link that are public now (to anyone, so as to
    AnonymousUser), in the list's order; BadShareLink for a link this site
    did not sign."""
    if len(token) > MAX_SHARE_TOKEN_LENGTH:
        raise BadShareLink
    try:
        ids = signing.loads(token, salt=SHARE_SALT)
    except signing.BadSignature as error:
        raise BadShareLink from error
    if not isinstance(ids, list) or not all(isinstance(pk, int) for pk in ids):
        raise BadShareLink
    tools = (
        ToolPage.objects.visible_to(AnonymousUser())
        .filter(pk__in=ids[:MAX_SAVED])
        .with_listing_data()
    )
    return _in_order(tools, ids)


def tools_for_print(tools):
    """The same tools with what a printed sheet shows loaded in bulk."""
    return _in_order(
        ToolPage.objects.filter(pk__in=[tool.pk for tool in tools])
        .select_related("partner")
        .prefetch_related(
            "audiences", "sectors", "themes", "tags", "documents__document"
        ),
        [tool.pk for tool in tools],
    )
