"""Bliv partner: stored, mailed to the editors, and guarded against bots."""

from django.core import mail

from wagtail.contrib.forms.models import FormSubmission

import pytest

from core.honeypot import HONEYPOT_FIELD
from core.models import PartnerFormField, PartnerFormPage
from core.models.forms import SUBMISSION_LIMIT
from tests.factories import home_page, make_editor

pytestmark = pytest.mark.django_db

VALID = {
    "navn": "Mette Jensen",
    "e_mail": "mette@smedjen.example.dk",
    "organisation": "Smedjen A/S",
    "besked": "Vi vil gerne dele vores tjekliste til sidemandsoplæring.",
}


@pytest.fixture
def form_page():
    page = PartnerFormPage(
        title="Bliv partner",
        slug="bliv-partner",
        thank_you_text="<p>Tak, vi kontakter dig snart.</p>",
    )
    for label, field_type, required in [
        ("Navn", "singleline", True),
        ("E-mail", "email", True),
        ("Organisation", "singleline", True),
        ("Besked", "multiline", False),
    ]:
        page.form_fields.add(
            PartnerFormField(label=label, field_type=field_type, required=required)
        )
    home_page().add_child(instance=page)
    page.save_revision().publish()
    return page


def test_form_shows_a_honeypot_labelled_for_screen_readers(client, form_page):
    response = client.get(form_page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'name="{HONEYPOT_FIELD}"' in html
    assert "Lad være tomt" in html
    assert 'for="id_navn"' in html


def test_valid_submission_is_stored_and_mailed_to_the_editors(
    client, form_page, settings
):
    settings.EDITORS_EMAIL = ["redaktion@example.dk", "pagt@example.dk"]
    response = client.post(form_page.url, VALID)
    assert response.status_code == 200
    assert "Tak, vi kontakter dig snart." in response.content.decode()

    submission = FormSubmission.objects.get(page=form_page)
    assert submission.get_data()["organisation"] == "Smedjen A/S"
    assert HONEYPOT_FIELD not in submission.form_data

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["redaktion@example.dk", "pagt@example.dk"]
    assert message.subject == "Ny henvendelse: Bliv partner"
    assert "Smedjen A/S" in message.body
    assert "Lad være tomt" not in message.body


def test_an_editor_set_address_wins(client, form_page):
    form_page.to_address = "partnerskab@example.dk"
    form_page.subject = "Ny partner?"
    form_page.save_revision().publish()
    client.post(form_page.url, VALID)
    assert mail.outbox[0].to == ["partnerskab@example.dk"]
    assert mail.outbox[0].subject == "Ny partner?"


def test_bots_filling_the_honeypot_get_thanks_and_nothing_happens(client, form_page):
    response = client.post(form_page.url, {**VALID, HONEYPOT_FIELD: "http://spam"})
    assert response.status_code == 200
    assert "Tak, vi kontakter dig snart." in response.content.decode()
    assert not FormSubmission.objects.exists()
    assert mail.outbox == []


def test_invalid_submission_shows_errors_and_stores_nothing(client, form_page):
    response = client.post(form_page.url, {**VALID, "e_mail": "ikke en adresse"})
    assert response.status_code == 200
    assert "Formularen er ikke sendt" in response.content.decode()
    assert not FormSubmission.objects.exists()
    assert mail.outbox == []


def test_submissions_are_rate_limited_per_client(client, form_page):
    for _ in range(SUBMISSION_LIMIT):
        assert client.post(form_page.url, VALID).status_code == 200
    response = client.post(form_page.url, VALID)
    assert response.status_code == 429
    assert "Prøv igen om en times tid" in response.content.decode()
    assert FormSubmission.objects.count() == SUBMISSION_LIMIT
    assert len(mail.outbox) == SUBMISSION_LIMIT
    other = client.post(form_page.url, VALID, REMOTE_ADDR="198.51.100.9")
    assert other.status_code == 200


def test_editors_see_submissions_in_the_admin(client, form_page):
    client.post(form_page.url, VALID)
    client.force_login(make_editor())
    response = client.get(f"/admin/forms/submissions/{form_page.pk}/")
    assert response.status_code == 200
    assert "Smedjen A/S" in response.content.decode()


def test_editors_can_create_and_edit_the_form_page(client, form_page):
    client.force_login(make_editor())
    assert client.get(f"/admin/pages/{form_page.pk}/edit/").status_code == 200
    # One per site: the add view refuses a second.
    add = client.get(f"/admin/pages/add/portal/partnerformpage/{home_page().pk}/")
    assert add.status_code in {302, 403}


def test_the_form_page_can_be_added_under_the_home_page(client):
    client.force_login(make_editor())
    add = client.get(f"/admin/pages/add/portal/partnerformpage/{home_page().pk}/")
    assert add.status_code == 200
