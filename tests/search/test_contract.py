"""The search contract: the same behaviour from both backends."""

import pytest

from search.service import autocomplete, related_tools, search
from search.types import CASE, TOOL


def titles(results):
    return [hit.title for hit in results.hits]


def facet_counts(results, param):
    facet = next(f for f in results.facets if f.param == param)
    return {value.value: value.count for value in facet.values}


# Danish relevance


def test_title_match_ranks_first(backend, data):
    results = search("sidemandsoplæring")
    top_two = titles(results)[:2]
    assert data.tools["ojt"].title in top_two
    assert data.cases["nord"].title in top_two


def test_inflected_form_finds_the_base_form(backend, data):
    results = search("sidemandsoplæringen")
    assert data.tools["ojt"].title in titles(results)


def test_plural_finds_singular(backend, data):
    results = search("kompetencestrategier")
    assert titles(results)[0] == data.tools["strategi"].title


def test_typo_is_forgiven(backend, data):
    results = search("sidemandsoplæing")
    assert data.tools["ojt"].title in titles(results)


def test_synonym_finds_the_other_term(backend, data):
    # "AI" is not in the tool's text; "kunstig intelligens" is its synonym.
    results = search("AI")
    assert data.tools["ki"].title in titles(results)


def test_drafts_are_never_found(backend, data):
    results = search("kladde")
    assert data.tools["kladde"].title not in titles(results)


def test_highlights_are_marked_and_escaped(backend, data):
    results = search("dataetik")
    hit = results.hits[0]
    assert "<mark>" in str(hit.title_html) or "<mark>" in str(hit.snippet_html)
    hostile = search('<script>alert("x")</script> dataetik')
    assert hostile.hits
    for hit in hostile.hits:
        assert "<script>" not in str(hit.title_html) + str(hit.snippet_html)


# Facets, filters, sorting, pagination


def test_facet_counts_exclude_only_their_own_filter(backend, data):
    everything = search("")
    assert facet_counts(everything, "sektor") == {
        "produktion": 3,  # two public tools and a case; not the partners-only tool
        "sundhed": 3,
        "detail": 1,
    }
    filtered = search("", filters={"sektor": ["produktion"]})
    assert filtered.total == 3
    # The sector facet still counts as if no sector were chosen ...
    assert facet_counts(filtered, "sektor") == facet_counts(everything, "sektor")
    # ... while the other facets count within the chosen sector.
    assert facet_counts(filtered, "type") == {TOOL: 2, CASE: 1}
    selected = [
        value.value
        for facet in filtered.facets
        if facet.param == "sektor"
        for value in facet.values
        if value.selected
    ]
    assert selected == ["produktion"]


def test_filters_combine(backend, data):
    results = search("", filters={"sektor": ["produktion"], "format": ["guide"]})
    assert titles(results) == [data.tools["ojt"].title]
    audience = search("", filters={"maalgruppe": ["ledere"]})
    assert titles(audience) == [data.tools["ki"].title]
    cases_only = search("", filters={"laeringsformat": ["kursus"]})
    assert titles(cases_only) == [data.cases["huset"].title]


def test_kind_restricts_to_tools_or_cases(backend, data):
    tools = search("", kind=TOOL)
    assert {hit.kind for hit in tools.hits} == {TOOL}
    assert tools.total == 4
    assert "type" not in [facet.param for facet in tools.facets]
    cases = search("", kind=CASE)
    assert {hit.kind for hit in cases.hits} == {CASE}
    assert "maalgruppe" not in [facet.param for facet in cases.facets]


def test_sort_newest_and_most_used(backend, data):
    newest = search("", sort="nyeste")
    published = [hit.published for hit in newest.hits]
    assert published == sorted(published, reverse=True)
    most_used = search("", sort="mest-brugt", kind=TOOL)
    assert most_used.hits[0].title == data.tools["ojt"].title  # used in one case
    cases = search("", sort="mest-brugt", kind=CASE)
    assert titles(cases) == [data.cases["nord"].title, data.cases["huset"].title]


def test_sort_most_useful_follows_the_visitors_answers(backend, data):
    useful = titles(search("", sort="nyttigst", kind=TOOL))
    assert useful[0] == data.tools["strategi"].title
    assert useful.index(data.tools["ki"].title) >= 1
    mixed = search("", sort="nyttigst")
    # Cases have no answers and come after every tool.
    kinds = [hit.kind for hit in mixed.hits]
    assert kinds == sorted(kinds, key=lambda kind: kind == CASE)


def test_pagination_is_complete_and_bounded(backend, data):
    first = search("", page=1, page_size=5)
    second = search("", page=2, page_size=5)
    assert first.total == second.total == 6
    assert len(first.hits) == 5 and len(second.hits) == 1
    ids = {(h.kind, h.page_id) for h in first.hits + second.hits}
    assert len(ids) == 6
    beyond = search("", page=10**9, page_size=5)
    assert beyond.page == 2 and len(beyond.hits) == 1


def test_promotion_and_featured_boost(backend, data):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    before = search("guide")
    assert titles(before)[0] == data.tools["etik"].title  # title match
    SearchPromotion.objects.create(
        query=Query.get("guide"), page=data.tools["ojt"], sort_order=0
    )
    after = search("guide")
    assert titles(after)[0] == data.tools["ojt"].title


def test_zero_results_relax_the_filters(backend, data):
    results = search("kompetencestrategi", filters={"sektor": ["sundhed"]})
    assert results.total == 0
    assert data.tools["strategi"].title in [hit.title for hit in results.relaxed_hits]


def test_zero_results_are_logged_for_editors(backend, data):
    from wagtail.contrib.search_promotions.models import Query

    from search.models import ZeroResultQuery

    search("xyzzy finnes ikke")
    search("sidemandsoplæring")
    assert ZeroResultQuery.objects.filter(query_string="xyzzy finnes ikke").exists()
    assert Query.objects.filter(query_string="sidemandsoplæring").exists()
    assert not ZeroResultQuery.objects.filter(query_string="sidemandsoplæring").exists()


# Access: anonymous visitor against a partner user


def test_partners_only_hits_and_totals(backend, data):
    anonymous = search("robotsvejsning")
    member = search("robotsvejsning", user=data.member)
    assert anonymous.total == 0 and not anonymous.hits
    assert not anonymous.relaxed_hits and not anonymous.corrected_query
    assert member.total == 1
    assert member.hits[0].partners_only
    assert "<mark>" in str(member.hits[0].title_html) + str(member.hits[0].snippet_html)


def test_partners_only_in_facet_counts_and_totals(backend, data):
    anonymous = search("", kind=TOOL)
    member = search("", kind=TOOL, user=data.member)
    assert member.total == anonymous.total + 1
    assert facet_counts(member, "sektor")["produktion"] == (
        facet_counts(anonymous, "sektor")["produktion"] + 1
    )
    assert "promptbibliotek" not in facet_counts(anonymous, "format")
    assert facet_counts(member, "format")["promptbibliotek"] == 1


def test_partners_only_in_highlights_and_snippets(backend, data):
    anonymous = search("kvalitetskontrol")
    for hit in anonymous.hits:
        assert "kvalitetskontrol" not in (hit.snippet_html + hit.title_html).lower()
    member = search("kvalitetskontrol", user=data.member)
    assert "kvalitetskontrol" in str(member.hits[0].snippet_html).lower()


def test_partners_only_in_suggestions(backend, data):
    assert autocomplete("robotsv", None) == []
    assert [s["title"] for s in autocomplete("promptbib", data.member)] == [
        data.tools["hemmelig"].title
    ]
    # A spelling correction is never offered towards hidden content.
    anonymous = search("robotsvejsnin")
    assert anonymous.total == 0 and not anonymous.corrected_query
    member = search("robotsvejsnin", user=data.member)
    assert data.tools["hemmelig"].title in titles(member)


def test_autocomplete_finds_title_prefixes(backend, data):
    suggestions = autocomplete("sidemand", None)
    found = [s["title"] for s in suggestions]
    assert data.tools["ojt"].title in found
    assert data.tools["kladde"].title not in found
    assert all(s["url"].startswith("/") for s in suggestions)
    assert autocomplete("s", None) == []


def test_related_tools_respect_access(backend, data):
    anonymous = [hit.page_id for hit in related_tools(data.tools["ojt"], None)]
    member = [hit.page_id for hit in related_tools(data.tools["ojt"], data.member)]
    assert data.tools["hemmelig"].pk not in anonymous
    assert data.tools["hemmelig"].pk in member
    assert data.tools["ojt"].pk not in member


# The pages


def test_search_page_renders_results_and_facets(backend, data, client):
    response = client.get("/soeg/", {"q": "sidemandsoplæring", "sektor": "produktion"})
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="{data.tools["ojt"].url}"' in html
    assert "<mark>" in html
    assert 'name="sektor" value="produktion" checked' in html
    assert "<legend" in html and "chip" in html
    assert data.tools["hemmelig"].url not in html


def test_partner_sees_badge_on_search_page(backend, data, client):
    client.force_login(data.member)
    html = client.get("/soeg/", {"q": "robotsvejsning"}).content.decode()
    assert f'href="{data.tools["hemmelig"].url}"' in html
    assert "Kun for partnere" in html


def test_tool_and_case_listings_use_the_service(backend, data, client):
    from tests.factories import case_index, tool_index

    tools_url = tool_index().url
    response = client.get(tools_url, {"sektor": "produktion", "side": "1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert data.tools["ojt"].title in html
    assert data.tools["strategi"].title not in html
    assert data.tools["hemmelig"].title not in html
    cases = client.get(case_index().url, {"laeringsformat": "on-the-job"})
    assert data.cases["nord"].title in cases.content.decode()
    assert data.cases["huset"].title not in cases.content.decode()


def test_suggest_endpoint(backend, data, client):
    response = client.get("/soeg/forslag/", {"q": "sidemand"})
    assert response.status_code == 200
    payload = response.json()
    assert data.tools["ojt"].title in [s["title"] for s in payload["suggestions"]]
    assert client.get("/soeg/forslag/", {"q": "x" * 5000}).status_code == 400


@pytest.mark.parametrize(
    "params",
    [
        {"q": ""},
        {"q": 'AND (( "'},
        {"q": "🙂 værktøj 🚀"},
        {"q": "a\x00b\x1fc"},
        {"q": "sidemandsoplæring", "side": "-1"},
        {"q": "sidemandsoplæring", "side": str(10**9)},
        {"q": "sidemandsoplæring", "side": "abc"},
        {"sektor": "findes-ikke", "format": "nej"},
        {"sort": "'; DROP TABLE"},
    ],
)
def test_odd_input_gets_sane_answers(backend, data, client, params):
    response = client.get("/soeg/", params)
    assert response.status_code == 200


@pytest.mark.parametrize(
    "params", [{"q": "x" * 10_000}, {"antal": "0"}, {"antal": "1000"}, {"antal": "x"}]
)
def test_unsearchable_input_gets_a_clear_400(backend, data, client, params):
    response = client.get("/soeg/", params)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html
