"""One facet registry (search.types) behind the search, the feeds, the CSV
export and the API; one Danish message for a search that is too long."""

import pytest

from search.types import (
    CASE,
    FACETS_BY_PARAM,
    PARTNER,
    TOOL,
    facet_choices,
    facets_for,
)


def params(kind):
    return [facet.param for facet in facets_for(kind)]


def test_each_kind_has_its_facets():
    assert params(TOOL) == [
        "sektor",
        "tema",
        "maalgruppe",
        "format",
        "pris",
        "sprog",
        "niveau",
        "omraade",
        "tid",
        "bruges",
    ]
    assert params(CASE) == ["sektor", "tema", "omraade", "laeringsformat"]
    assert params(PARTNER) == ["sektor", "type"]


def test_the_search_type_facet_is_the_kind_not_the_partner_type(db):
    assert FACETS_BY_PARAM["type"].field == "kind"
    assert [value for value, _label in facet_choices()["type"]] == [TOOL, CASE]


@pytest.mark.parametrize(
    ("path", "kind"),
    [("/api/v1/tools", TOOL), ("/api/v1/cases", CASE), ("/api/v1/partners", PARTNER)],
)
def test_api_filters_are_the_registry(client, db, path, kind):
    operation = client.get("/api/v1/openapi.json").json()["paths"][path]["get"]
    documented = {p["name"]: p.get("description") for p in operation["parameters"]}
    for facet in facets_for(kind):
        assert documented[facet.param] == facet.help_text
    # Paging, sorting, and the partner a partner detail's lists link to.
    extra = {"side", "per_side", "sortering", "partner"}
    assert set(documented) - extra == set(params(kind))


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/partners?type=ukendt",
        "/feeds/vaerktoejer/?format=ukendt",
        "/vaerktoejer/eksport.csv?maalgruppe=ukendt",
    ],
)
def test_unknown_values_are_named_by_the_facet(client, catalogue, url):
    response = client.get(url)
    assert response.status_code == 400
    body = response.content.decode()
    facet = {"type": "partnertype", "format": "format", "maalgruppe": "målgruppe"}
    param = url.split("?")[1].split("=")[0]
    assert f"Ukendt {facet[param]}: ukendt." in body


def test_too_many_values_are_refused_alike(client, catalogue):
    query = "&".join(f"sektor=s{number}" for number in range(51))
    message = "For mange værdier for sektor (højst 50)."
    assert client.get(f"/api/v1/tools?{query}").json() == {"detail": message}
    assert client.get(f"/feeds/cases/?{query}").content.decode() == message


def test_a_search_too_long_gets_one_message_everywhere(client, db):
    message = "Søgningen er for lang. Skriv højst 200 tegn."
    too_long = {"q": "x" * 201}
    feed = client.get("/feeds/vaerktoejer/", too_long)
    assert (feed.status_code, feed.content.decode()) == (400, message)
    suggest = client.get("/soeg/forslag/", too_long)
    assert (suggest.status_code, suggest.json()) == (400, {"error": message})
    page = client.get("/soeg/", too_long)
    assert page.status_code == 400
    assert message in page.content.decode()
