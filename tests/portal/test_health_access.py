"""/sundhed/ gives the public only its status; the figures behind it (queue
sizes, which move when editors publish) go to staff and to monitoring with
HEALTH_TOKEN (issue 18). And HEAD is answered on the GET-only pages."""

import pytest

from search.models import PendingIndexUpdate
from tests.factories import make_editor, make_user

pytestmark = pytest.mark.django_db

TOKEN = "overvaagning-hemmelig"  # noqa: S105 - test-only token


@pytest.fixture(autouse=True)
def health_token(settings):
    settings.HEALTH_TOKEN = TOKEN


def test_anonymous_visitors_get_only_the_status(client):
    PendingIndexUpdate.objects.create(key="tool-1")
    response = client.get("/sundhed/")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "Cookie" in response["Vary"]


def test_signed_in_non_staff_and_a_wrong_token_get_only_the_status(client):
    client.force_login(make_user())
    assert client.get("/sundhed/").json() == {"status": "ok"}
    client.logout()
    assert client.get("/sundhed/", HTTP_X_HEALTH_TOKEN="gæt").json() == {"status": "ok"}


def test_an_empty_token_setting_opens_nothing(client, settings):
    settings.HEALTH_TOKEN = ""
    assert client.get("/sundhed/", HTTP_X_HEALTH_TOKEN="").json() == {"status": "ok"}


def test_staff_and_monitoring_get_the_figures(client):
    PendingIndexUpdate.objects.create(key="tool-1")

    body = client.get("/sundhed/", HTTP_X_HEALTH_TOKEN=TOKEN).json()
    assert body["search_index"]["waiting"] == 1
    assert body["database"] is True

    client.force_login(make_editor())
    assert client.get("/sundhed/").json()["search_index"]["waiting"] == 1


@pytest.mark.parametrize(
    "path",
    [
        "/sundhed/",
        "/sammenlign/",
        "/min-vaerktoejskasse/",
        "/min-vaerktoejskasse/udskriv/",
        "/robots.txt",
    ],
)
def test_head_is_answered_like_get(client, site_tree, path):
    get = client.get(path)
    head = client.head(path)

    assert head.status_code == get.status_code != 405
    assert head.content == b""
