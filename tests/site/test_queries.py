"""Pages run a bounded number of SQL queries whatever the amount of content:
each page is measured with a few items and again with ten times as many, and
both counts must stay under the same bound (and the larger site may not need
more queries than the small one)."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from portal.access import MEMBERS_GROUP
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
    }


def add_content(site, count):
    """More tools and cases of the same partner and sector, every case using
    the main tool and a new one, so every list and count on the pages grows."""
    for _ in range(count):
        tool = make_tool(site.other_partner, sectors=[site.sector])
        make_case(
            site.other_partner,
            sectors=[site.sector],
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


def test_live_figures_are_served_from_the_fragment_cache(client):
    build_site()
    first = count_queries(client, "/")  # warms renditions and the fragment
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    sums = [q["sql"] for q in queries if "SUM(" in q["sql"].upper()]
    assert not sums, "the live figures were computed again"
    assert len(queries) <= first
