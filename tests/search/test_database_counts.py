"""The database backend's totals and facet counts. A query that matches most
of the text is counted by reading every visible row once (its listing's
counts minus those of the rows it does not match); any other by reading its
matches through the full-text index. Both must give the same answer, follow
publishing, and never count what the visitor may not see. Runs on SQLite
and PostgreSQL."""

from django.test import override_settings

import pytest

from core.choices import Access
from search.backends import database
from search.backends.database import results_cache
from search.service import search
from tests.factories import (
    make_case,
    make_partner_member,
    make_sector,
    make_theme,
    make_tool,
)

pytestmark = pytest.mark.django_db

EVERY_ROW = 0.0  # every query with a match is read row by row
MATCHES_ALONE = 2.0  # no query is


@pytest.fixture(autouse=True)
def database_backend():
    results_cache.clear()
    with override_settings(SEARCH_BACKEND="database", SEARCH_RESULTS_CACHE_SECONDS=0):
        yield


@pytest.fixture
def catalogue():
    metal, food = make_sector("Metalindustri"), make_sector("Fødevareindustri")
    ethics, safety = make_theme("Dataetik"), make_theme("Arbejdsmiljø")
    make_tool(title="Tjekliste til robotcellen", sectors=[metal], themes=[safety])
    make_tool(title="Tjekliste til hygiejne", sectors=[food], themes=[safety])
    make_tool(title="Tjekliste til data", sectors=[metal, food], themes=[ethics])
    make_tool(
        title="Lukket tjekliste til ledere",
        sectors=[metal],
        themes=[ethics],
        access=Access.PARTNERS,
    )
    make_tool(title="Vagtplan for mejeriet", sectors=[food], themes=[safety])
    make_case(title="Tjekliste gav færre fejl", sectors=[metal], themes=[safety])
    make_case(title="Bageriets nye ovn", sectors=[food], themes=[ethics])
    return {"metal": metal, "food": food, "ethics": ethics, "safety": safety}


def answer(results):
    counts = {
        facet.param: {value.value: value.count for value in facet.values}
        for facet in results.facets
    }
    return results.total, [hit.title for hit in results.hits], counts


def read(monkeypatch, share, *args, **kwargs):
    monkeypatch.setattr(database, "BROAD_SHARE", share)
    return answer(search(*args, log=False, **kwargs))


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"sektor": ["metal"]},
        {"sektor": ["metal", "food"]},
        {"tema": ["safety"], "type": ["tool"]},
        {"sektor": ["food"], "tema": ["ethics"]},
        {"format": ["guide"]},
    ],
)
@pytest.mark.parametrize("sort", ["relevans", "nyeste", "mest-brugt"])
def test_every_row_and_matches_alone_give_one_answer(
    monkeypatch, catalogue, filters, sort
):
    filters = {
        param: [
            catalogue[value].slug if value in catalogue else value for value in values
        ]
        for param, values in filters.items()
    }
    matches_alone = read(monkeypatch, MATCHES_ALONE, "tjekliste", filters, sort)
    # The first read counts the listing in the same statement, the second
    # takes it from the cache.
    counting_listing = read(monkeypatch, EVERY_ROW, "tjekliste", filters, sort)
    from_listing = read(monkeypatch, EVERY_ROW, "tjekliste", filters, sort)
    assert counting_listing == matches_alone
    assert from_listing == matches_alone


@pytest.mark.parametrize("share", [EVERY_ROW, MATCHES_ALONE])
def test_each_facet_is_counted_with_the_other_filters(monkeypatch, catalogue, share):
    metal, safety = catalogue["metal"].slug, catalogue["safety"].slug
    total, titles, counts = read(
        monkeypatch, share, "tjekliste", {"sektor": [metal], "tema": [safety]}
    )
    assert total == 2
    assert sorted(titles) == ["Tjekliste gav færre fejl", "Tjekliste til robotcellen"]
    # Sectors with the theme filter alone, themes with the sector alone.
    assert counts["sektor"][metal] == 2
    assert counts["sektor"][catalogue["food"].slug] == 1
    assert counts["tema"] == {safety: 2, catalogue["ethics"].slug: 1}
    assert counts["type"] == {"tool": 1, "case": 1}


@pytest.mark.parametrize("share", [EVERY_ROW, MATCHES_ALONE])
def test_partners_only_pages_are_counted_only_for_partners(
    monkeypatch, catalogue, share
):
    metal = catalogue["metal"].slug
    total, titles, counts = read(monkeypatch, share, "tjekliste")
    assert total == 4
    assert "Lukket tjekliste til ledere" not in titles
    assert counts["sektor"][metal] == 3
    assert counts["tema"][catalogue["ethics"].slug] == 1

    member = make_partner_member()
    total, titles, counts = read(monkeypatch, share, "tjekliste", user=member)
    assert total == 5
    assert "Lukket tjekliste til ledere" in titles
    assert counts["sektor"][metal] == 4
    assert counts["tema"][catalogue["ethics"].slug] == 2


def test_a_publish_retires_the_listing_counts(monkeypatch, catalogue):
    food = catalogue["food"].slug
    filters = {"tema": [catalogue["safety"].slug]}
    before = read(monkeypatch, EVERY_ROW, "tjekliste", filters)
    assert before[0] == 3 and before[2]["sektor"][food] == 1
    make_tool(
        title="Tjekliste til kølerummet",
        sectors=[catalogue["food"]],
        themes=[catalogue["safety"]],
    )
    after = read(monkeypatch, EVERY_ROW, "tjekliste", filters)
    assert after[0] == 4 and after[2]["sektor"][food] == 2
    assert after == read(monkeypatch, MATCHES_ALONE, "tjekliste", filters)
