"""Signal handlers for tools. Connected in apps.ready()."""

from django.db.models.signals import post_save

from wagtail.models import ReferenceIndex

from toolbox.models import ToolPage


def index_references_now(sender, instance, raw=False, **kwargs):
    """Wagtail records which documents a page links to in a background task.
    Until that task runs, a document linked only from a partners-only tool's
    body would look unused, and so public (portal.access). Recording a
    tool's references in the saving transaction closes that window."""
    if raw:
        return
    ReferenceIndex.create_or_update_for_object(instance)


def connect():
    post_save.connect(index_references_now, sender=ToolPage, dispatch_uid="t-refs")
