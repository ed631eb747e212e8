"""A visitor's tool suggestion (/foreslaa-et-vaerktoej/) becomes a draft
ToolPage in the editors' moderation queue.

The draft is never published here: it waits in the "Partnergodkendelse"
workflow until an editor has written its public text and approves it. What
the visitor told the editors (name, e-mail, why the tool helped) is a
ToolSuggestion, shown in the admin only. A file they sent is a Wagtail
Document in the "Forslag" collection, withheld from the public until a tool
that uses it is live (toolbox.downloads.document_is_restricted).
"""

import contextvars
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wagtail.documents import get_document_model
from wagtail.models import Collection, Workflow

from core.mailing import may_mail
from core.roles import WORKFLOW_NAME
from toolbox.downloads import SUGGESTIONS_COLLECTION
from toolbox.models import ToolIndexPage, ToolPage, ToolPageDocument, ToolSuggestion

logger = logging.getLogger(__name__)

SUBMISSION_LIMIT = 5
SUBMISSION_WINDOW = 60 * 60


# Set while a visitor's suggestion enters the workflow: Wagtail's own
# submission notices (one mail per superuser and per editor) are left out
# then, as send_suggestion_mails tells the editors once (toolbox.signals).
filing_suggestion = contextvars.ContextVar("filing_suggestion", default=False)


class SuggestionsClosed(Exception):
    """The site has no tool index to file a suggestion under."""


def suggestions_collection():
    """The "Forslag" collection, created on first use under the root
    collection, where only editors hold rights."""
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=SUGGESTIONS_COLLECTION).first()
    if collection is None:
        collection = root.add_child(name=SUGGESTIONS_COLLECTION)
    return collection


def suggestion_parent():
    """Suggested tools wait as drafts under the pact's own tool index: a
    draft is in no listing, and an editor can move it to a partner."""
    parent = ToolIndexPage.objects.first()
    if parent is None:
        raise SuggestionsClosed
    return parent


def _unique_slug(parent, title):
    base = slugify(title)[:60] or "forslag"
    taken = set(
        parent.get_children()
        .filter(slug__startswith=base)
        .values_list("slug", flat=True)
    )
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def _store_document(upload, title):
    document = get_document_model()(
        title=title[:255], file=upload, collection=suggestions_collection()
    )
    document._set_document_file_metadata()
    document.save()
    return document


@transaction.atomic
def create_suggestion(*, title, link, upload, sector, reason, name, email):
    """Files the suggestion as a draft ToolPage in the moderation workflow
    and returns its ToolSuggestion. The mails go out once it is committed."""
    parent = suggestion_parent()
    document = _store_document(upload, title) if upload is not None else None
    # The public text (summary, format) is the editors' to write: nothing
    # the visitor typed goes where the site would show it, the title aside.
    tool = ToolPage(
        title=title,
        slug=_unique_slug(parent, title),
        live=False,
        external_url=link,
        sectors=[sector] if sector is not None else [],
        documents=[ToolPageDocument(document=document)] if document else [],
    )
    parent.add_child(instance=tool)
    # The moderation queue lists revisions: the workflow needs one to review.
    # Unvalidated, as a draft saved in the admin is: the summary and format
    # are required only when an editor completes the page.
    tool.save_revision(clean=False)
    suggestion = ToolSuggestion.objects.create(
        page=tool,
        link=link,
        document=document,
        sector=sector,
        reason=reason,
        name=name,
        email=email,
    )
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME, active=True).first()
    if workflow is None:
        logger.error("Tool suggestion %s: no moderation workflow", suggestion.pk)
    else:
        marker = filing_suggestion.set(True)
        try:
            workflow.start(tool, None)
        finally:
            filing_suggestion.reset(marker)
    transaction.on_commit(lambda: send_suggestion_mails(suggestion))
    return suggestion


def send_suggestion_mails(suggestion):
    """A receipt to the visitor and one notice to the editors' address. The
    receipt goes to an address nobody has confirmed: it quotes nothing the
    visitor typed, and core.mailing limits how many one address gets. A
    mail that fails is logged (without addresses): the draft is in the
    queue anyway."""
    context = {
        "suggestion": suggestion,
        "tool": suggestion.page,
        "edit_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        + reverse("wagtailadmin_pages:edit", args=[suggestion.page_id]),
    }
    mails = [
        (
            _("Tak for dit forslag til Værktøjskassen"),
            "toolbox/suggest/receipt_email.txt",
            [suggestion.email],
        ),
        (
            _("Nyt forslag til et værktøj: %(title)s")
            % {"title": suggestion.page.draft_title},
            "toolbox/suggest/editors_email.txt",
            list(settings.EDITORS_EMAIL),
        ),
    ]
    if not may_mail(suggestion.email):
        logger.info("Tool suggestion %s: the address has had its mails", suggestion.pk)
        mails = mails[1:]
    for subject, template, recipients in mails:
        if not recipients:
            continue
        try:
            send_mail(
                subject.replace("\n", " "),
                render_to_string(template, context),
                settings.DEFAULT_FROM_EMAIL,
                recipients,
            )
        except Exception:
            logger.exception(
                "Tool suggestion %s: a mail (%s) could not be sent",
                suggestion.pk,
                template.rsplit("/", 1)[-1],
            )
