"""Open-data endpoints run the same number of queries for 1 item as for 6."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from tests.factories import make_case, make_partner, make_sector, make_theme, make_tool

URLS = [
    "/api/v1/tools?per_side=50",
    "/api/v1/cases?per_side=50",
    "/api/v1/partners?per_side=50",
    "/feeds/vaerktoejer/",
    "/feeds/cases/atom/",
    "/sitemap.xml",
    "/sitemap-sider.xml",
]


def add_content(count, sector, theme):
    partner = make_partner(sectors=[sector])
    for _ in range(count):
        tool = make_tool(partner, sectors=[sector], themes=[theme], tags=["ai"])
        make_case(partner, tools=[tool], sectors=[sector], themes=[theme])


def queries_for(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.django_db
@pytest.mark.parametrize("url", URLS)
def test_query_count_does_not_grow_with_content(client, url):
    sector, theme = make_sector(), make_theme()
    add_content(1, sector, theme)
    client.get(url)  # warm per-process caches (site root paths)
    few = queries_for(client, url)
    add_content(5, sector, theme)
    client.get(url)
    many = queries_for(client, url)
    assert many <= few
