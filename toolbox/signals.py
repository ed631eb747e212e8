"""Signal handlers for tools. Connected in apps.ready()."""

from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_save

from wagtail.admin.signal_handlers import (
    task_submission_email_notifier,
    workflow_submission_email_notifier,
)
from wagtail.models import ReferenceIndex, TaskState, WorkflowState
from wagtail.signals import task_submitted, workflow_submitted

from toolbox.models import ToolPage
from toolbox.saved import merge_into_account
from toolbox.suggestions import filing_suggestion


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


def _unless_filing_suggestion(notifier):
    def notify(sender, instance=None, **kwargs):
        if filing_suggestion.get():
            return True
        return notifier(sender=sender, instance=instance, **kwargs)

    return notify


# Wagtail's submission notices, kept for every workflow but a visitor's
# suggestion (toolbox.suggestions mails the editors once instead). They are
# connected under Wagtail's own dispatch_uid and sender before wagtail.admin
# is ready (toolbox comes first in INSTALLED_APPS), so Wagtail's connect
# finds them and adds no second handler.
WAGTAIL_NOTICES = [
    (
        task_submitted,
        TaskState,
        "group_approval_task_submitted_email_notification",
        _unless_filing_suggestion(task_submission_email_notifier),
    ),
    (
        workflow_submitted,
        WorkflowState,
        "workflow_state_submitted_email_notification",
        _unless_filing_suggestion(workflow_submission_email_notifier),
    ),
]


def connect():
    for signal, sender, dispatch_uid, handler in WAGTAIL_NOTICES:
        signal.connect(handler, sender=sender, dispatch_uid=dispatch_uid)
    post_save.connect(
        index_references_now, sender=ToolPage, dispatch_uid="toolbox-tool-references"
    )
    user_logged_in.connect(keep_saved_tools, dispatch_uid="toolbox-saved-merge")
