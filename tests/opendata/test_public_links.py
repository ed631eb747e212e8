"""Absolute links point where the visitor is, not at the Site record's
"localhost": open data builds them from the request, mails and tasks from
PUBLIC_BASE_URL (core.links)."""

import re
from datetime import timedelta

from django.utils import timezone

import pytest

from search.alerts import send_all_digests
from search.models import SearchAlert
from tests.factories import make_partner, make_sector, make_tool, tool_index

pytestmark = pytest.mark.django_db

HOST = "portal.eksempel.dk"
LINK = re.compile(r"https?://[^\s\"'<>]+")


@pytest.fixture
def catalogue(settings):
    settings.ALLOWED_HOSTS = [HOST, "testserver", "localhost"]
    tool_index()
    sector = make_sector("Produktion", slug="produktion")
    partner = make_partner(title="Linkfabrikken", sectors=[sector])
    return make_tool(partner, title="Værktøj med rigtige links", sectors=[sector])


def links_in(text):
    return [
        link
        for link in LINK.findall(text)
        # Namespaces and the schemas a feed or an API names.
        if not re.match(r"https?://(www\.w3\.org|purl\.org|www\.sitemaps\.org)", link)
    ]


@pytest.mark.parametrize(
    "path",
    [
        "/feeds/vaerktoejer/",
        "/feeds/vaerktoejer/atom/",
        "/feeds/cases/",
        "/api/v1/tools",
        "/vaerktoejer/eksport.csv",
    ],
)
def test_open_data_links_to_the_host_it_was_asked_on(client, catalogue, path):
    response = client.get(path, HTTP_HOST=HOST)
    assert response.status_code == 200
    raw = (
        b"".join(response.streaming_content)
        if response.streaming
        else response.content
    )
    text = raw.decode("utf-8-sig")
    links = links_in(text)
    if path != "/feeds/cases/":
        assert any(catalogue.slug in link for link in links), path
    for link in links:
        assert link.startswith(f"http://{HOST}/"), (path, link)


def test_the_digest_links_to_the_public_address(client, catalogue, settings):
    settings.PUBLIC_BASE_URL = "https://vaerktoejskassen.example.dk"
    alert = SearchAlert.objects.create(
        email="digest@eksempel.dk",
        query_string="sektor=produktion",
        confirmed_at=timezone.now() - timedelta(days=8),
        last_sent_at=timezone.now() - timedelta(days=8),
    )
    catalogue.first_published_at = timezone.now()
    catalogue.save(update_fields=["first_published_at"])
    from django.core import mail

    assert send_all_digests() == 1, alert
    [digest] = mail.outbox
    text = digest.body + "".join(
        str(content) for content, _type in getattr(digest, "alternatives", [])
    )
    links = links_in(text)
    assert any(catalogue.slug in link for link in links)
    assert any("afmeld" in link or "unsubscribe" in link for link in links), links
    for link in links:
        assert link.startswith("https://vaerktoejskassen.example.dk/"), link
