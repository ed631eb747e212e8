from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.models import GroupApprovalTask


class EditorApprovalTask(GroupApprovalTask):
    """The editors' step of "Partnergodkendelse".

    Approving from the dashboard or the moderation list publishes the
    submitted revision as it stands, without the edit form's validation. A
    revision that is not complete (a tool a visitor suggested, before an
    editor has written its summary) would fail on publish with a server
    error; it is opened in its edit view instead, where the form says what
    is missing, and stays in moderation."""

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve":
            page = task_state.revision.as_object()
            try:
                page.full_clean()
            except ValidationError:
                return reverse("wagtailadmin_pages:edit", args=[page.pk])
        return super().on_action(task_state, user, action_name, **kwargs)

    class Meta:
        verbose_name = _("redaktørgodkendelse")
        verbose_name_plural = _("redaktørgodkendelser")
