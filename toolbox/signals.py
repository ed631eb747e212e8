"""Signal handlers for tools. Connected in apps.ready()."""

from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_save

from wagtail.models import ReferenceIndex

from toolbox.models import ToolPage
from toolbox.saved import merge_into_account


def index_references_now(sender, instance, raw=False, **kwargs):
    """Wagtail records which documents a page links to in a background task.
    Until that task runs, a document linked only from a partners-only tool's
    body would look unused, and so public (core.access). Recording a
    tool's references in the saving transaction closes that window."""
    if raw:
        return
    ReferenceIndex.create_or_update_for_object(instance)


def keep_saved_tools(sender, request, user, **kwargs):
    """What a visitor saved before signing in stays in Min værktøjskasse."""
    session = getattr(request, "session", None)
    if session is not None:
        merge_into_account(session, user)


def connect():
    post_save.connect(
        index_references_now, sender=ToolPage, dispatch_uid="toolbox-tool-references"
    )
    user_logged_in.connect(keep_saved_tools, dispatch_uid="toolbox-saved-merge")
