"""Documents that a partners-only tool uses are served only to partners and
editors, also when requested straight from Wagtail's document URL."""

import pytest

from core.choices import Access
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


def test_a_file_linked_only_from_a_partners_tool_body_is_refused_at_once(client):
    """Production queues Wagtail's reference-index update for the worker.
    A file linked only from a partners-only tool's body must be refused
    from the moment the tool is saved, before any worker has run."""
    from django.test import override_settings

    from django_tasks_db.models import DBTaskResult

    queued = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    document = make_document("Kun linket fra brødteksten")
    with override_settings(TASKS=queued):
        make_tool(
            access=Access.PARTNERS,
            body=[
                (
                    "paragraph",
                    f'<p>Se <a linktype="document" id="{document.pk}">'
                    "skabelonen</a>.</p>",
                )
            ],
        )
        waiting = DBTaskResult.objects.filter(
            task_path__endswith="update_reference_index_task"
        )
        assert waiting.exists(), "Wagtail's own update waits for a worker"
    response = client.get(document.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=")
    outsider = make_user()
    client.force_login(outsider)
    assert client.get(document.url).status_code == 403


def test_a_file_of_a_tool_behind_wagtail_privacy_follows_the_restriction(client):
    """A public tool behind a login restriction: its file needs a login too."""
    from wagtail.models import PageViewRestriction

    document = make_document("Bag login")
    tool = make_tool(documents=[document])
    PageViewRestriction.objects.create(
        page=tool, restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get(document.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=")
    client.force_login(make_user())
    assert client.get(document.url).status_code == 200
