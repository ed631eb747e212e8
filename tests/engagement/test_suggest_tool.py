"""Foreslå et værktøj: a visitor's suggestion becomes a draft in the editors'
moderation queue, mailed through a real SMTP server, and nothing of it
reaches the public before an editor approves it."""

import logging
import time

from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.models import TaskState, WorkflowState

import pytest

from core.honeypot import HONEYPOT_FIELD
from core.roles import WORKFLOW_NAME, ensure_editorial_setup
from tests.factories import (
    make_editor,
    make_partner_member,
    make_sector,
    make_tool,
    make_user,
    tool_index,
)
from toolbox.downloads import SUGGESTIONS_COLLECTION
from toolbox.models import ToolPage, ToolSuggestion
from toolbox.suggestions import SUBMISSION_LIMIT

pytestmark = pytest.mark.django_db

URL = "/foreslaa-et-vaerktoej/"
TITLE = "Svejserobotternes lommeguide"
SUGGESTER = "lone.hansen@svejs.example.dk"
REASON = "Vi brugte den til at lære nye kolleger at programmere svejserobotten."
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def sector():
    ensure_editorial_setup()
    tool_index()
    return make_sector("Metal og maskiner")


def pdf_file(name="lommeguide.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def form_data(sector, /, **overrides):
    data = {
        "title": TITLE,
        "link": "https://svejs.example.dk/lommeguide",
        "sector": str(sector.pk),
        "reason": REASON,
        "name": "Lone Hansen",
        "email": SUGGESTER,
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def submitted(client, sector, django_capture_on_commit_callbacks):
    """A suggestion with a link and a PDF, sent by an anonymous visitor."""
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, form_data(sector, file=pdf_file()))
    assert response.status_code == 302
    return ToolSuggestion.objects.select_related("page", "document").get()


def test_the_form_is_danish_and_has_a_hidden_honeypot(client, sector):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Foreslå et værktøj</h1>" in html
    assert 'enctype="multipart/form-data"' in html
    assert f'name="{HONEYPOT_FIELD}"' in html
    assert "Lad være tomt" in html
    assert f'<option value="{sector.pk}">Metal og maskiner</option>' in html


def test_links_from_the_tool_index_and_the_footer(client, sector):
    html = client.get("/vaerktoejer/").content.decode()
    assert html.count(f'href="{URL}"') >= 2  # the index's own link and the footer
    assert "Foreslå et værktøj" in html


def test_a_suggestion_is_a_draft_in_the_moderation_queue(client, submitted, sector):
    tool = submitted.page.specific
    assert isinstance(tool, ToolPage)
    assert not tool.live
    assert tool.first_published_at is None
    assert tool.get_parent().specific_class.__name__ == "ToolIndexPage"
    assert tool.external_url == "https://svejs.example.dk/lommeguide"
    assert list(tool.sectors.all()) == [sector]
    assert [link.document for link in tool.documents.all()] == [submitted.document]
    # Nothing the visitor wrote about themselves is in the page's fields.
    assert tool.summary == ""
    assert REASON not in str(tool.body)
    assert submitted.reason == REASON
    assert submitted.name == "Lone Hansen"
    assert submitted.email == SUGGESTER

    state = WorkflowState.objects.get(object_id=str(tool.pk))
    assert state.workflow.name == WORKFLOW_NAME
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    editor = make_editor()
    reviewable = TaskState.objects.reviewable_by(editor)
    assert [task.revision.object_id for task in reviewable] == [str(tool.pk)]

    client.force_login(editor)
    dashboard = client.get("/admin/").content.decode()
    assert TITLE in dashboard
    listing = client.get("/admin/vaerktoejer/forslag/").content.decode()
    assert TITLE in listing
    inspect = client.get(f"/admin/vaerktoejer/forslag/inspect/{submitted.pk}/")
    assert SUGGESTER in inspect.content.decode()
    assert client.get(f"/admin/pages/{tool.pk}/edit/").status_code == 200


def test_outsiders_cannot_read_the_suggestions_in_the_admin(client, submitted):
    client.force_login(make_user(is_staff=True))
    response = client.get("/admin/vaerktoejer/forslag/")
    assert response.status_code in {302, 403}
    assert SUGGESTER.encode() not in response.content


def test_thanks_page_is_danish(client, sector):
    response = client.post(URL, form_data(sector), follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tak for dit forslag" in html
    assert "gennemgår det" in html


def test_receipt_and_editor_mails_arrive_over_smtp(
    client, sector, smtp_server, settings, django_capture_on_commit_callbacks, caplog
):
    settings.EDITORS_EMAIL = ["redaktion@vaerktoejskassen.example.dk"]
    caplog.set_level(logging.DEBUG)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, form_data(sector, file=pdf_file()))
    assert response.status_code == 302
    messages = smtp_server.wait_for(2)
    by_recipient = {message["To"]: message for message in messages}

    receipt = by_recipient[SUGGESTER]
    assert receipt["Subject"].strip() == "Tak for dit forslag til Værktøjskassen"
    body = receipt.get_content()
    assert "Redaktionen gennemgår forslaget" in body
    # The address is not confirmed: nothing the visitor typed is quoted.
    assert REASON not in body
    assert TITLE not in receipt["Subject"] + body
    assert "Lone Hansen" not in body

    notice = by_recipient["redaktion@vaerktoejskassen.example.dk"]
    assert notice["Subject"].strip() == f"Nyt forslag til et værktøj: {TITLE}"
    body = notice.get_content()
    assert REASON in body
    assert SUGGESTER in body
    assert "lommeguide" in body  # the stored file's name
    tool = ToolPage.objects.get(title=TITLE)
    assert f"/admin/pages/{tool.pk}/edit/" in body

    # The test server's own log (mail.log) shows what it received; the
    # portal's loggers must not name anyone.
    ours = "\n".join(
        record.getMessage()
        for record in caplog.records
        if not record.name.startswith("mail.log")
    )
    assert SUGGESTER not in ours
    assert "redaktion@vaerktoejskassen" not in ours


def test_a_failing_mail_server_loses_no_suggestion(
    client, sector, settings, django_capture_on_commit_callbacks, caplog
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 9  # discard: nothing listens
    settings.EMAIL_TIMEOUT = 2
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, form_data(sector))
    assert response.status_code == 302
    assert ToolSuggestion.objects.count() == 1
    assert "could not be sent" in caplog.text
    assert SUGGESTER not in caplog.text


def test_the_suggested_file_is_withheld_until_the_tool_is_published(client, submitted):
    document = submitted.document
    assert document.collection.name == SUGGESTIONS_COLLECTION

    response = client.get(document.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=")
    for outsider in (make_user(), make_partner_member()):
        client.force_login(outsider)
        assert client.get(document.url).status_code == 403

    client.force_login(make_editor())
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF

    # An editor completes the public text and publishes: the file is out.
    client.logout()
    tool = submitted.page.specific
    tool.summary = "En lommeguide til svejserobotter."
    tool.tool_format = "guide"
    tool.save_revision().publish()
    assert client.get(document.url).status_code == 200


def test_the_file_stays_withheld_when_an_editor_detaches_it(client, submitted):
    tool = submitted.page.specific
    tool.documents.all().delete()
    assert client.get(submitted.document.url).status_code == 302
    client.force_login(make_user())
    assert client.get(submitted.document.url).status_code == 403


@pytest.mark.parametrize("make_visitor", [None, make_user])
def test_the_draft_is_nowhere_public(client, sector, make_visitor):
    control = make_tool(title="Svejserobotternes tjekliste", sectors=[sector])
    client.post(URL, form_data(sector, file=pdf_file()))
    draft = ToolPage.objects.get(title=TITLE)
    if make_visitor:
        client.force_login(make_visitor())

    for url in [
        "/vaerktoejer/",
        "/soeg/?q=svejserobotternes",
        "/sitemap-sider.xml",
        "/feeds/vaerktoejer/",
        "/feeds/vaerktoejer/atom/",
        "/api/v1/tools",
        "/vaerktoejer/eksport.csv",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        content = (
            b"".join(response.streaming_content)
            if response.streaming
            else response.content
        ).decode()
        # The channel does list tools (search marks the words it matched,
        # so the slug is what is compared).
        assert control.slug in content, url
        assert "lommeguide" not in content.lower(), url

    assert client.get(f"/api/v1/tools/{draft.pk}").status_code == 404
    assert client.get("/vaerktoejer/" + draft.slug + "/").status_code == 404


def test_honeypot_stores_and_sends_nothing(client, sector, mailoutbox):
    response = client.post(
        URL, form_data(sector, **{HONEYPOT_FIELD: "http://spam.example"})
    )
    assert response.status_code == 302
    assert not ToolSuggestion.objects.exists()
    assert not ToolPage.objects.filter(title=TITLE).exists()
    assert mailoutbox == []


def test_the_rate_limit_keeps_what_was_typed(client, sector):
    for number in range(SUBMISSION_LIMIT):
        response = client.post(URL, form_data(sector, title=f"Forslag {number}"))
        assert response.status_code == 302
    response = client.post(URL, form_data(sector, title="Et forslag for meget"))
    assert response.status_code == 429
    html = response.content.decode()
    assert "flere forslag fra dig på kort tid" in html
    assert 'value="Et forslag for meget"' in html
    assert REASON in html
    assert ToolSuggestion.objects.count() == SUBMISSION_LIMIT


def test_the_rate_limit_is_per_client(client, sector):
    for number in range(SUBMISSION_LIMIT + 1):
        client.post(URL, form_data(sector, title=f"Forslag {number}"))
    other = client.post(
        URL, form_data(sector, title="Fra en anden"), REMOTE_ADDR="10.0.0.9"
    )
    assert other.status_code == 302


def assert_form_error(response, message):
    assert response.status_code == 400
    html = response.content.decode()
    assert "Forslaget er ikke sendt" in html
    assert message in html
    assert f'value="{TITLE}"' in html
    assert REASON in html
    assert not ToolSuggestion.objects.exists()
    return html


def test_a_wrong_file_type_is_a_danish_form_error(client, sector):
    upload = SimpleUploadedFile(
        "vaerktoej.exe", b"MZ\x90\x00", "application/octet-stream"
    )
    response = client.post(URL, form_data(sector, link=None, file=upload))
    html = assert_form_error(response, "Filtypen .exe kan ikke sendes")
    assert "vælge filen igen" in html


def test_a_file_that_lies_about_its_type_is_refused(client, sector):
    upload = pdf_file(content=b"<html><script>alert(1)</script></html>")
    response = client.post(URL, form_data(sector, file=upload))
    assert_form_error(response, "Filens indhold passer ikke til filtypen .pdf")


def test_a_too_big_file_is_a_danish_form_error(client, sector, settings):
    settings.TOOL_SUGGESTION_MAX_UPLOAD_SIZE = 1024
    upload = pdf_file(content=PDF + b"0" * 2048)
    response = client.post(URL, form_data(sector, file=upload))
    assert_form_error(response, "Filen er for stor")


def test_a_link_or_a_file_is_required(client, sector):
    response = client.post(URL, form_data(sector, link=None))
    assert_form_error(response, "Angiv et link til værktøjet, vedhæft en fil")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": "x" * 201}, "må højst have 200 tegn"),
        ({"reason": "x" * 2001}, "må højst have 2000 tegn"),
        ({"email": "ikke-en-adresse"}, "Skriv en gyldig e-mail"),
        ({"link": "javascript:alert(1)"}, "Skriv et gyldigt link"),
        ({"sector": "999999"}, "Vælg en sektor fra listen"),
        ({"sector": "abc"}, "Vælg en sektor fra listen"),
        ({"name": ""}, "Skriv dit navn"),
    ],
)
def test_bad_input_is_a_danish_form_error(client, sector, overrides, message):
    response = client.post(URL, form_data(sector, **overrides))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert REASON[:40] in html or "reason" in overrides
    assert not ToolSuggestion.objects.exists()


def test_a_title_with_line_breaks_becomes_one_line(
    client, sector, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, form_data(sector, title="Første linje\r\nBcc: x@example.dk"))
    tool = ToolPage.objects.get()
    assert tool.title == "Første linje Bcc: x@example.dk"
    assert len(mailoutbox) == 2
    assert all("\n" not in message.subject for message in mailoutbox)


def test_other_methods_are_refused(client, sector):
    assert client.put(URL).status_code == 405


def test_two_suggestions_with_the_same_title_both_land(client, sector):
    client.post(URL, form_data(sector))
    client.post(URL, form_data(sector), REMOTE_ADDR="10.0.0.2")
    slugs = set(ToolPage.objects.filter(title=TITLE).values_list("slug", flat=True))
    assert len(slugs) == 2


@pytest.mark.elasticsearch
def test_the_draft_is_not_in_the_elasticsearch_index(
    client, sector, elasticsearch_url, django_capture_on_commit_callbacks
):
    from search import indexing
    from search.service import search
    from tests.search.conftest import clear_search_caches, es_settings

    clear_search_caches()
    with es_settings(elasticsearch_url):
        indexing.rebuild(progress=False)
        try:
            with django_capture_on_commit_callbacks(execute=True):
                control = make_tool(title="Svejserobotternes tjekliste")
                client.post(URL, form_data(sector, file=pdf_file()))
            draft = ToolPage.objects.get(title=TITLE)
            # A rebuild reads every page, drafts included, and must skip it.
            indexing.rebuild(progress=False)
            indexing.refresh()
            results = search("svejserobotternes", log=False)
            assert [hit.title for hit in results.hits] == [control.title]
            assert search("lommeguide", log=False).hits == []
            assert draft.title == TITLE  # the draft exists; it is only unlisted
            html = client.get("/soeg/", {"q": "svejserobotternes"}).content.decode()
            assert control.slug in html
            assert draft.slug not in html
        finally:
            indexing.delete_all()
            clear_search_caches()


def test_approving_an_unwritten_suggestion_opens_its_edit_view(submitted, client):
    """The dashboard's "Godkend" publishes a revision without the edit form:
    a suggestion whose summary nobody has written yet is sent to its edit
    view and stays in moderation, instead of failing with a server error."""
    from django.urls import reverse

    from core.access import EDITORS_GROUP
    from tests.factories import make_user

    page = submitted.page
    task_state = page.current_workflow_state.current_task_state
    client.force_login(make_user("redaktoer-godkend", groups=[EDITORS_GROUP]))
    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]
    )

    response = client.post(approve, {})
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    page.refresh_from_db()
    assert not page.live
    task_state.refresh_from_db()
    assert task_state.status == task_state.STATUS_IN_PROGRESS

    # A complete revision in the same workflow is published by the button.
    from wagtail.models import Workflow

    from core.roles import WORKFLOW_NAME
    from tests.factories import make_tool

    tool = make_tool(title="Færdig skabelon", publish=False)
    revision = tool.save_revision()
    Workflow.objects.get(name=WORKFLOW_NAME).start(tool, None)
    task_state = tool.current_workflow_state.current_task_state
    assert task_state.revision_id == revision.pk
    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=[tool.pk, "approve", task_state.pk]
    )
    assert client.post(approve, {}).status_code == 302
    tool.refresh_from_db()
    assert tool.live


# Issue 18: one suggestion, the mails it needs once; a receipt quotes nothing
# the visitor typed; a recipient gets a bounded number of receipts.

PHISH = "Din konto lukkes i dag. Log ind på https://evil.example/login"


def test_one_suggestion_sends_one_receipt_and_one_notice(
    client, sector, smtp_server, settings, django_capture_on_commit_callbacks
):
    from tests.factories import make_user as make_any_user

    settings.EDITORS_EMAIL = ["redaktion@vaerktoejskassen.example.dk"]
    # Editors and superusers with addresses: Wagtail would mail each of them
    # about the workflow and its task as well.
    make_editor(email="e1@vaerktoejskassen.example.dk")
    make_editor(email="e2@vaerktoejskassen.example.dk")
    make_any_user(is_superuser=True, email="root@vaerktoejskassen.example.dk")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, form_data(sector, title=PHISH, name=PHISH))
    assert response.status_code == 302
    smtp_server.wait_for(2)
    time.sleep(0.3)  # would-be extra mails would have arrived by now
    recipients = sorted(message["To"] for message in smtp_server.messages)
    assert recipients == sorted(["redaktion@vaerktoejskassen.example.dk", SUGGESTER])
    receipt = next(m for m in smtp_server.messages if m["To"] == SUGGESTER)
    assert "evil" not in receipt["Subject"] + receipt.get_content()


def test_a_partner_editors_submission_still_notifies_the_editors(
    client, sector, mailoutbox
):
    from tests.factories import make_partner, make_partner_editor

    editor = make_editor(email="e1@vaerktoejskassen.example.dk")
    partner = make_partner()
    tool = make_tool(partner, publish=False)
    from wagtail.models import Workflow

    # Wagtail's own notices stay on for everything but visitors' suggestions.
    Workflow.objects.get(name=WORKFLOW_NAME).start(tool, make_partner_editor(partner))
    assert editor.email in {address for mail in mailoutbox for address in mail.to}


def test_receipts_to_one_address_are_limited(
    sector, smtp_server, django_capture_on_commit_callbacks
):
    from django.test import Client

    from core.mailing import RECIPIENT_LIMIT

    for number in range(RECIPIENT_LIMIT + 2):
        visitor = Client(REMOTE_ADDR=f"10.8.0.{number}")
        with django_capture_on_commit_callbacks(execute=True):
            response = visitor.post(URL, form_data(sector, title=f"Forslag {number}"))
        assert response.status_code == 302
    assert ToolSuggestion.objects.count() == RECIPIENT_LIMIT + 2
    time.sleep(0.3)
    receipts = [m for m in smtp_server.messages if m["To"] == SUGGESTER]
    assert len(receipts) == RECIPIENT_LIMIT


def test_the_link_field_holds_what_the_form_accepts(client, sector):
    from toolbox.forms import ToolSuggestionForm

    form_limit = ToolSuggestionForm.base_fields["link"].max_length
    assert form_limit == ToolPage._meta.get_field("external_url").max_length
    too_long = "https://svejs.example.dk/" + "a" * form_limit
    response = client.post(URL, form_data(sector, link=too_long))
    assert response.status_code == 400
    longest = "https://svejs.example.dk/" + "a" * (form_limit - 25)
    response = client.post(URL, form_data(sector, link=longest))
    assert response.status_code == 302
    assert ToolPage.objects.get(title=TITLE).external_url == longest


def test_a_domain_literal_address_is_refused(client, sector):
    response = client.post(URL, form_data(sector, email="lone@[127.0.0.1]"))
    assert response.status_code == 400
    assert "med et domænenavn" in response.content.decode()
