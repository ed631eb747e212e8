"""Pages run a bounded number of SQL queries whatever the amount of content:
each page is measured with a few items and again with ten times as many, and
both counts must stay under the same bound (and the larger site may not need
more queries than the small one)."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from core.access import MEMBERS_GROUP
from tests.factories import make_case, make_tool, make_user
from tests.site.content import build_site

pytestmark = pytest.mark.django_db

FEW = 3
MANY = 30

# Upper bounds measured on SQLite and PostgreSQL with some headroom; a bound
# that holds for both 3 and 30 items proves there is no query per item.
BOUNDS = {
    # Issue 13: the four pages a campaign sends visitors to run at most 15,
    # their lists cached as fragments until the next publish.
    "home": 15,
    "partner": 15,
    "partner_index": 15,
    "sector_landing": 15,
    # Signed in: the saved-tools state of the tool page's own save button.
    "tool": 44,
    "case": 30,
    "tool_index": 26,
    "case_index": 24,
    "tool_index_sector": 26,
    "case_index_sector": 24,
    "partner_tools_page_2": 15,
}


def urls(site):
    return {
        "home": "/",
        "tool": site.tool.url,
        "case": site.case.url,
        "partner": site.other_partner.url,
        "partner_index": "/partnere/",
        "sector_landing": site.landing.url,
        "tool_index": "/vaerktoejer/",
        "case_index": "/cases/",
        "tool_index_sector": f"/vaerktoejer/?sektor={site.sector.slug}",
        "case_index_sector": f"/cases/?sektor={site.sector.slug}",
        # With 30 items the partner's tools run to a second page.
        "partner_tools_page_2": f"{site.other_partner.url}?vaerktoejer-side=2",
    }


def add_content(site, count):
    """More tools and cases of the same partner and sector, every case using
    the main tool and a new one, so every list and count on the pages grows;
    with a theme and a tag each, so every relation a card, a feed item or an
    API result lists grows too."""
    theme = site.tool.themes.first()
    for number in range(count):
        tool = make_tool(
            site.other_partner,
            sectors=[site.sector],
            themes=[theme],
            tags=["ai", f"emne {number}"],
        )
        make_case(
            site.other_partner,
            sectors=[site.sector],
            themes=[theme],
            tags=["ai"],
            tools=[site.tool, tool],
            hero_image=site.case.hero_image,
        )


def count_queries(client, url):
    # The first request creates image renditions; the page is measured warm,
    # as visitors see it (renditions are cached).
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("logged_in", [False, True], ids=["anonymous", "partner"])
def test_query_count_does_not_grow_with_content(
    client, logged_in, django_assert_max_num_queries
):
    # One site for all page types: building it is the slow part.
    site = build_site(extra_tools=FEW - 1, extra_cases=FEW - 1)
    if logged_in:
        client.force_login(make_user(groups=[MEMBERS_GROUP]))
    pages = urls(site)
    few = {name: count_queries(client, url) for name, url in pages.items()}
    add_content(site, MANY - FEW)
    cache.clear()
    many = {name: count_queries(client, url) for name, url in pages.items()}
    for name, url in pages.items():
        print(f"{name} ({'partner' if logged_in else 'anonymous'}): ", end="")
        print(f"{few[name]} -> {many[name]}")
        assert many[name] <= few[name], (
            f"{name}: {few[name]} queries with {FEW} items, {many[name]} with {MANY}"
        )
        with django_assert_max_num_queries(BOUNDS[name]):
            client.get(url)


# Open data is anonymous whoever asks, and measured with a cleared cache (the
# sitemap is cached until the next publish). Bounds as above; a feed with ?q=
# goes through the search service and is held by the search tests.
OPEN_DATA_BOUNDS = {
    "api_tools": 13,
    "api_tools_sector": 14,
    "api_tools_by_title": 13,
    "api_tool": 15,
    "api_cases": 10,
    "api_case": 13,
    "api_partners": 8,
    "api_partner": 11,
    "feed_tools_rss": 11,
    "feed_tools_atom": 11,
    "feed_tools_sector": 13,
    "feed_cases_rss": 11,
    "feed_cases_atom": 11,
    "sitemap_index": 10,
    "sitemap_section": 9,
}


def open_data_urls(site):
    return {
        "api_tools": "/api/v1/tools",
        "api_tools_sector": f"/api/v1/tools?sektor={site.sector.slug}",
        "api_tools_by_title": "/api/v1/tools?sortering=titel&per_side=100",
        "api_tool": f"/api/v1/tools/{site.tool.pk}",
        "api_cases": "/api/v1/cases?per_side=100",
        "api_case": f"/api/v1/cases/{site.case.pk}",
        "api_partners": "/api/v1/partners",
        "api_partner": f"/api/v1/partners/{site.other_partner.pk}",
        "feed_tools_rss": "/feeds/vaerktoejer/",
        "feed_tools_atom": "/feeds/vaerktoejer/atom/",
        "feed_tools_sector": f"/feeds/vaerktoejer/?sektor={site.sector.slug}",
        "feed_cases_rss": "/feeds/cases/",
        "feed_cases_atom": "/feeds/cases/atom/",
        "sitemap_index": "/sitemap.xml",
        "sitemap_section": "/sitemap-sider.xml",
    }


def count_cold_queries(client, url):
    """Queries of a request that builds its answer: the sitemap is cached
    until the next publish, and a cached page proves nothing."""
    assert client.get(url).status_code == 200
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_open_data_query_count_does_not_grow_with_content(client):
    site = build_site(extra_tools=FEW - 1, extra_cases=FEW - 1)
    pages = open_data_urls(site)
    few = {name: count_cold_queries(client, url) for name, url in pages.items()}
    add_content(site, MANY - FEW)
    many = {name: count_cold_queries(client, url) for name, url in pages.items()}
    for name in pages:
        print(f"{name}: {few[name]} -> {many[name]}")
    grown = {name: (few[name], many[name]) for name in pages if many[name] > few[name]}
    assert not grown, f"queries with {FEW} and {MANY} items: {grown}"
    over = {name: n for name, n in many.items() if n > OPEN_DATA_BOUNDS[name]}
    assert not over, f"over the bound: {over}"


def test_live_figures_are_served_from_the_fragment_cache(client):
    build_site()
    first = count_queries(client, "/")  # warms renditions and the fragment
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    sums = [q["sql"] for q in queries if "SUM(" in q["sql"].upper()]
    assert not sums, "the live figures were computed again"
    assert len(queries) <= first
