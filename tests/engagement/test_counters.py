"""Views and downloads are counted in the cache and reach ToolStats in
batches: never a database write per page view."""

import io

from django.core.management import call_command

import pytest

from core.choices import Access
from tests.factories import make_document, make_partner_member, make_tool, make_user
from toolbox import engagement
from toolbox.models import ToolStats

pytestmark = pytest.mark.django_db


def download_url(tool, document):
    return f"/vaerktoejer/{tool.pk}/download/{document.pk}/"


def stats(tool):
    return ToolStats.objects.filter(tool=tool).first()


def test_views_are_counted_in_the_cache_and_flushed_by_the_command(client):
    tool, other = make_tool(), make_tool()
    for _ in range(3):
        assert client.get(tool.url).status_code == 200
    client.get(other.url)
    assert not ToolStats.objects.exists()  # nothing written while serving

    call_command("flush_stats", stdout=io.StringIO())
    assert stats(tool).views == 3
    assert stats(other).views == 1

    # Counts are taken out of the cache: a second flush adds nothing.
    call_command("flush_stats", stdout=io.StringIO())
    assert stats(tool).views == 3
    client.get(tool.url)
    engagement.flush_stats()
    assert stats(tool).views == 4


def test_a_page_view_writes_nothing_to_the_database(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    tool = make_tool()
    client.get(tool.url)
    with CaptureQueriesContext(connection) as queries:
        client.get(tool.url)
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        and "toolstats" in q["sql"].lower()
    ]
    assert writes == []


def test_refused_visitors_and_crawlers_are_not_counted(client):
    secret = make_tool(access=Access.PARTNERS)
    assert client.get(secret.url).status_code == 302
    document = make_document()
    tool = make_tool(documents=[document])
    crawler = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
    assert client.get(tool.url, HTTP_USER_AGENT=crawler).status_code == 200
    assert client.get(document.url, HTTP_USER_AGENT=crawler).status_code == 200
    engagement.flush_stats()
    assert stats(secret) is None
    assert stats(tool) is None


def test_closed_buckets_are_drained_by_a_later_request(
    client, monkeypatch, settings, django_capture_on_commit_callbacks
):
    settings.TOOL_STATS_FLUSH_INTERVAL = 60
    clock = [1_000_000.0]
    monkeypatch.setattr(engagement, "_now", lambda: clock[0])
    tool = make_tool()
    for _ in range(4):
        client.get(tool.url)
    clock[0] += 60  # the next bucket: the first one is not closed for long enough
    client.get(tool.url)
    assert stats(tool) is None

    clock[0] += 60  # two buckets on: the first is drained, through the task
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client.get(tool.url)
    assert len(callbacks) == 1
    assert stats(tool).views == 4

    clock[0] += 120
    with django_capture_on_commit_callbacks(execute=True):
        client.get(tool.url)
    assert stats(tool).views == 6
    engagement.flush_stats()
    assert stats(tool).views == 7


def test_download_link_redirects_to_the_document_which_counts_it(client):
    document = make_document()
    tool = make_tool(documents=[document])
    response = client.get(download_url(tool, document))
    assert response.status_code == 302
    assert response["Location"] == f"{document.url}?vaerktoej={tool.pk}"
    assert not ToolStats.objects.exists()
    served = client.get(response["Location"])
    assert served.status_code == 200
    engagement.flush_stats()
    assert stats(tool).downloads == 1
    assert stats(tool).views == 0


def test_direct_document_links_count_too(client):
    document = make_document()
    tool = make_tool(documents=[document])
    client.get(document.url)
    engagement.flush_stats()
    assert stats(tool).downloads == 1


def test_a_shared_file_counts_for_the_tool_it_was_fetched_from(client):
    document = make_document()
    first, second = make_tool(documents=[document]), make_tool(documents=[document])
    client.get(download_url(second, document), follow=True)
    engagement.flush_stats()
    assert stats(second).downloads == 1
    assert stats(first) is None


def test_partial_and_head_requests_are_not_counted(client):
    document = make_document()
    tool = make_tool(documents=[document])
    client.head(document.url)
    client.get(document.url, HTTP_RANGE="bytes=10-20")
    client.get(document.url, HTTP_RANGE="bytes=0-9")
    engagement.flush_stats()
    assert stats(tool).downloads == 1


def test_download_of_a_document_the_tool_does_not_use_is_404(client):
    tool = make_tool(documents=[make_document()])
    stranger = make_document()
    assert client.get(download_url(tool, stranger)).status_code == 404
    assert client.get(f"/vaerktoejer/{tool.pk}/download/999999/").status_code == 404


def test_partners_only_download_needs_a_partner(client):
    document = make_document()
    tool = make_tool(access=Access.PARTNERS, documents=[document])
    url = download_url(tool, document)

    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=")
    client.get(document.url)  # refused: not counted

    client.force_login(make_user())
    assert client.get(url).status_code == 403
    assert client.get(document.url).status_code == 403

    engagement.flush_stats()
    assert stats(tool) is None

    client.force_login(make_partner_member())
    response = client.get(url, follow=True)
    assert response.status_code == 200
    engagement.flush_stats()
    assert stats(tool).downloads == 1


def test_a_cache_fault_costs_a_count_not_the_page(client, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(engagement, "_count", broken)
    assert client.get(make_tool().url).status_code == 200


def test_counts_for_deleted_tools_are_dropped(client):
    tool = make_tool()
    client.get(tool.url)
    tool.delete()
    assert engagement.flush_stats() == 0
    assert not ToolStats.objects.exists()
