"""The filters of issue 12 (pris, sprog, niveau, tid, bruges): the same
narrowing and the same facet counts from both backends, and never a trace
of a partners-only tool for an anonymous visitor or a signed-in outsider."""

from django.test import Client

import pytest

from core.access import MEMBERS_GROUP
from core.choices import Access
from core.models.taxonomy import CompetenceLevel
from search.params import parse_search_params
from search.service import search
from search.types import TOOL, facet_choices
from tests.factories import make_case, make_partner, make_tool, make_user
from tests.search.conftest import BACKENDS, backend_url, built_and_indexed

NEW_PARAMS = ["pris", "sprog", "niveau", "tid", "bruges"]


def levels():
    """The levels the portal migration creates; a flushing (transactional)
    test earlier in the session may have removed them."""
    found = {}
    for order, (name, slug) in enumerate(
        [("Begynder", "begynder"), ("Øvet", "oevet"), ("Avanceret", "avanceret")]
    ):
        found[slug], _created = CompetenceLevel.objects.get_or_create(
            slug=slug, defaults={"name": name, "sort_order": (order + 1) * 10}
        )
    return found


def build():
    level = levels()
    partner = make_partner("Værkstedet A/S")
    tools = {
        # Ten minutes: fits in both "højst 15 min." and "højst 1 time".
        "linje": make_tool(
            partner,
            title="Tavlemøde ved linjen",
            price="gratis",
            language="da",
            languages_available=["pl", "uk"],
            minutes_needed=10,
            used_where=["linjen", "print"],
            competence_levels=[level["begynder"]],
        ),
        "moede": make_tool(
            title="Workshop i mødelokalet",
            price="betalt",
            language="da-en",
            languages_available=["de"],
            minutes_needed=45,
            used_where=["moedelokale"],
            competence_levels=[level["oevet"]],
        ),
        "kursus": make_tool(
            title="Kursus for superbrugere",
            price="gratis",
            language="en",
            minutes_needed=120,
            used_where=["pc"],
            competence_levels=[level["oevet"], level["avanceret"]],
        ),
        "uden": make_tool(title="Værktøj uden gulvdata", price="gratis"),
        "hemmelig": make_tool(
            partner,
            title="Hemmelig arabisk robotguide",
            access=Access.PARTNERS,
            price="betalt",
            language="da",
            languages_available=["ar"],
            minutes_needed=5,
            used_where=["linjen"],
            competence_levels=[level["avanceret"]],
        ),
        "kladde": make_tool(
            title="Kladde på arabisk",
            languages_available=["ar"],
            minutes_needed=5,
            publish=False,
        ),
    }
    case = make_case(partner, title="Case fra værkstedet")
    users = {
        "outsider": make_user("udenforstaaende-filtre"),
        "member": make_user("partnermedlem-filtre", groups=[MEMBERS_GROUP]),
    }
    return {"tools": tools, "case": case, "users": users}


@pytest.fixture(scope="module", params=BACKENDS)
def filters_data(request, django_db_setup, django_db_blocker):
    name = request.param
    url = backend_url(request, name)
    with django_db_blocker.unblock(), built_and_indexed(name, url, build) as data:
        yield data


@pytest.fixture
def data(filters_data, db):
    return filters_data


def titles(results):
    return {hit.title for hit in results.hits}


def named(data, *keys):
    return {data["tools"][key].title for key in keys}


def counts(results, param):
    facet = next(facet for facet in results.facets if facet.param == param)
    return {value.value: value.count for value in facet.values}


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"pris": ["betalt"]}, ["moede"]),
        ({"pris": ["gratis"]}, ["linje", "kursus", "uden"]),
        # The main language counts, "Dansk og engelsk" as both.
        ({"sprog": ["da"]}, ["linje", "moede", "uden"]),
        ({"sprog": ["en"]}, ["moede", "kursus"]),
        ({"sprog": ["uk"]}, ["linje"]),
        ({"sprog": ["uk", "de"]}, ["linje", "moede"]),
        ({"niveau": ["oevet"]}, ["moede", "kursus"]),
        ({"niveau": ["begynder", "avanceret"]}, ["linje", "kursus"]),
        ({"tid": ["15-min"]}, ["linje"]),
        ({"tid": ["1-time"]}, ["linje", "moede"]),
        ({"tid": ["laengere"]}, ["kursus"]),
        ({"bruges": ["print"]}, ["linje"]),
        ({"bruges": ["linjen", "pc"]}, ["linje", "kursus"]),
        # Facets narrow each other.
        ({"tid": ["1-time"], "pris": ["gratis"]}, ["linje"]),
        ({"sprog": ["en"], "niveau": ["avanceret"]}, ["kursus"]),
        ({"bruges": ["moedelokale"], "pris": ["gratis"]}, []),
    ],
)
def test_each_filter_narrows_the_tools(data, filters, expected):
    results = search("", filters=filters, kind=TOOL)
    assert titles(results) == named(data, *expected)
    assert results.total == len(expected)


def test_tool_filters_leave_out_the_cases(data):
    everything = search("")
    assert data["case"].title in titles(everything)
    paid = search("", filters={"pris": ["betalt"]})
    assert titles(paid) == named(data, "moede")
    assert counts(paid, "type") == {TOOL: 1}


def test_facet_counts(data):
    results = search("", kind=TOOL)
    assert counts(results, "pris") == {"gratis": 3, "betalt": 1}
    assert counts(results, "sprog") == {"da": 3, "en": 2, "de": 1, "pl": 1, "uk": 1}
    assert counts(results, "niveau") == {"begynder": 1, "oevet": 2, "avanceret": 1}
    assert counts(results, "tid") == {"15-min": 1, "1-time": 2, "laengere": 1}
    assert counts(results, "bruges") == {
        "linjen": 1,
        "moedelokale": 1,
        "pc": 1,
        "print": 1,
    }


def test_facet_values_keep_the_registry_order(data):
    results = search("", kind=TOOL)
    facet = next(facet for facet in results.facets if facet.param == "niveau")
    assert [value.label for value in facet.values] == ["Begynder", "Øvet", "Avanceret"]
    facet = next(facet for facet in results.facets if facet.param == "tid")
    assert [value.label for value in facet.values] == [
        "Højst 15 min.",
        "Højst 1 time",
        "Mere end 1 time",
    ]


def test_a_facet_counts_without_its_own_filter(data):
    results = search("", filters={"pris": ["gratis"], "tid": ["1-time"]}, kind=TOOL)
    # Its own filter left out: every price among tools of at most an hour ...
    assert counts(results, "pris") == {"gratis": 1, "betalt": 1}
    # ... and every time among the free tools.
    assert counts(results, "tid") == {"15-min": 1, "1-time": 1, "laengere": 1}
    assert counts(results, "sprog") == {"da": 1, "pl": 1, "uk": 1}
    selected = [
        value.value
        for facet in results.facets
        if facet.param == "tid"
        for value in facet.values
        if value.selected
    ]
    assert selected == ["1-time"]


def test_filters_combine_with_a_query(data):
    results = search("workshop", filters={"sprog": ["de"]}, kind=TOOL)
    assert titles(results) == named(data, "moede")
    assert not search("workshop", filters={"sprog": ["uk"]}, kind=TOOL).hits


def test_the_new_facets_are_offered_for_tools_only(data):
    tools = [facet.param for facet in search("", kind=TOOL).facets]
    assert set(NEW_PARAMS) <= set(tools)
    cases = [facet.param for facet in search("", kind="case").facets]
    assert not set(NEW_PARAMS) & set(cases)


# Partners-only tools: never returned, never counted


@pytest.mark.parametrize("who", ["anonymous", "outsider"])
def test_partners_only_tools_are_never_counted(data, who):
    user = data["users"].get(who)
    results = search("", kind=TOOL, user=user)
    assert counts(results, "pris")["betalt"] == 1
    assert "ar" not in counts(results, "sprog")
    assert counts(results, "niveau")["avanceret"] == 1
    assert counts(results, "tid")["15-min"] == 1
    assert counts(results, "bruges")["linjen"] == 1


@pytest.mark.parametrize("who", ["anonymous", "outsider"])
@pytest.mark.parametrize(
    "filters",
    [
        {"sprog": ["ar"]},
        {"pris": ["betalt"], "tid": ["15-min"]},
        {"niveau": ["avanceret"], "bruges": ["linjen"]},
    ],
)
def test_partners_only_tools_are_never_returned(data, who, filters):
    user = data["users"].get(who)
    for query in ("", "robotguide"):
        results = search(query, filters=filters, user=user)
        assert data["tools"]["hemmelig"].title not in titles(results)
        assert data["tools"]["hemmelig"].title not in {
            hit.title for hit in results.relaxed_hits
        }
        if filters == {"sprog": ["ar"]}:
            assert results.total == 0


def test_partner_members_see_and_count_the_partners_only_tool(data):
    member = data["users"]["member"]
    results = search("", kind=TOOL, user=member)
    assert counts(results, "sprog")["ar"] == 1
    assert counts(results, "pris")["betalt"] == 2
    assert counts(results, "tid")["15-min"] == 2
    arabic = search("", filters={"sprog": ["ar"]}, user=member)
    assert titles(arabic) == named(data, "hemmelig")


@pytest.mark.parametrize("who", ["anonymous", "outsider"])
def test_search_page_filters_and_hides(data, who):
    client = Client()
    if who == "outsider":
        client.force_login(data["users"]["outsider"])
    response = client.get("/soeg/", {"sprog": "ar"})
    assert response.status_code == 200
    assert data["tools"]["hemmelig"].title not in response.content.decode()
    response = client.get("/soeg/", {"tid": "15-min", "pris": "gratis"})
    page = response.content.decode()
    assert response.status_code == 200
    assert data["tools"]["linje"].title in page
    assert data["tools"]["moede"].title not in page
    assert data["tools"]["hemmelig"].title not in page
    assert "Tid på gulvet" in page and "Højst 15 min." in page


def test_unknown_values_are_dropped_by_the_page_parser(data):
    from django.http import QueryDict

    request = parse_search_params(
        QueryDict("pris=gratis&pris=dyrt&tid=evigt&niveau=oevet&bruges=<x>")
    )
    assert request.filters == {"pris": ["gratis"], "niveau": ["oevet"]}


def test_the_competence_levels_are_the_editors_taxonomy(data):
    assert [value for value, _label in facet_choices()["niveau"]] == [
        "begynder",
        "oevet",
        "avanceret",
    ]


def test_ensure_rebuilds_an_index_of_an_older_mapping(es_index):
    from search.client import admin_client, alias_name
    from search.documents import MAPPING_VERSION

    client = admin_client()
    before = es_index.alias_targets(client)
    assert es_index.index_version(client) == MAPPING_VERSION
    assert not es_index.ensure()
    # An index built before the new facets: its strict mapping would refuse
    # every document that carries them.
    client.indices.put_mapping(index=alias_name(), meta={"version": 1})
    assert es_index.ensure()
    after = es_index.alias_targets(client)
    assert after != before and len(after) == 1
    assert es_index.index_version(client) == MAPPING_VERSION
