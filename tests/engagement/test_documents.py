"""Documents that a partners-only tool uses are served only to partners and
editors, also when requested straight from Wagtail's document URL."""

import pytest

from portal.choices import Access
from tests.factories import (
    make_document,
    make_editor,
    make_partner_member,
    make_tool,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def secret_document():
    document = make_document("Fortrolig skabelon")
    make_tool(access=Access.PARTNERS, documents=[document])
    return document


def test_anonymous_visitors_are_sent_to_log_in(client, secret_document):
    response = client.get(secret_document.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=")


def test_logged_in_non_partners_get_403(client, secret_document):
    client.force_login(make_user())
    assert client.get(secret_document.url).status_code == 403


@pytest.mark.parametrize("make", [make_partner_member, make_editor])
def test_partners_and_editors_get_the_file(client, secret_document, make):
    client.force_login(make())
    response = client.get(secret_document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Indhold til download.\n"


def test_public_documents_are_served_to_everyone(client):
    document = make_document()
    make_tool(documents=[document])
    assert client.get(document.url).status_code == 200


def test_refused_before_the_reference_index_catches_up(client):
    """In production Wagtail updates its reference index in a background
    task; until the worker has run, an attached file is still refused."""
    from wagtail.signal_handlers import disable_reference_index_auto_update

    document = make_document("Nyligt vedhæftet")
    with disable_reference_index_auto_update():
        make_tool(access=Access.PARTNERS, documents=[document])
    response = client.get(document.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=")
