"""The filters of issue 12 in open data: the JSON API, the feeds and the
CSV export narrow by pris, sprog, niveau, tid and bruges, refuse values that
name nothing, and never let a partners-only tool through, to an anonymous
caller or a signed-in user outside the partner circle."""

import csv
import io
import xml.etree.ElementTree as ET

import pytest

from core.choices import Access
from core.models.taxonomy import CompetenceLevel
from tests.factories import make_partner, make_partner_member, make_tool, make_user


@pytest.fixture
def floor(db):
    """Three public tools and a partners-only one that matches every filter
    the public "linje" tool matches."""
    beginner, _created = CompetenceLevel.objects.get_or_create(
        slug="begynder", defaults={"name": "Begynder", "sort_order": 10}
    )
    advanced, _created = CompetenceLevel.objects.get_or_create(
        slug="avanceret", defaults={"name": "Avanceret", "sort_order": 30}
    )
    partner = make_partner("Linjefabrikken A/S")
    shop_floor = {
        "price": "gratis",
        "language": "da",
        "languages_available": ["uk"],
        "minutes_needed": 10,
        "used_where": ["linjen"],
    }
    return {
        "linje": make_tool(
            partner,
            title="Kvarters-tjek ved linjen",
            competence_levels=[beginner],
            **shop_floor,
        ),
        "moede": make_tool(
            title="Strategidag i mødelokalet",
            price="betalt",
            language="da-en",
            minutes_needed=180,
            used_where=["moedelokale"],
            competence_levels=[advanced],
        ),
        "uden": make_tool(title="Værktøj uden gulvdata"),
        "hemmelig": make_tool(
            partner,
            title="Fortroligt kvarters-tjek",
            access=Access.PARTNERS,
            competence_levels=[beginner],
            **shop_floor,
        ),
    }


@pytest.fixture(params=["anonymous", "outsider", "partner"])
def caller(request, client, floor):
    """Open data is public content for everyone, partners included."""
    if request.param == "outsider":
        client.force_login(make_user("udenforstaaende-api"))
    elif request.param == "partner":
        client.force_login(make_partner_member())
    return client


def api_titles(client, params):
    response = client.get("/api/v1/tools", params)
    assert response.status_code == 200, response.content
    return {tool["title"] for tool in response.json()["results"]}


def rss_titles(response):
    root = ET.fromstring(response.content)
    return {item.findtext("title") for item in root.iter("item")}


def csv_titles(response):
    raw = b"".join(response.streaming_content).decode("utf-8-sig")
    header, *rows = list(csv.reader(io.StringIO(raw)))
    title = header.index("Titel")
    return {row[title] for row in rows}


FILTERS = [
    ({"pris": "betalt"}, ["moede"]),
    ({"sprog": "uk"}, ["linje"]),
    ({"sprog": "en"}, ["moede"]),
    ({"niveau": "begynder"}, ["linje"]),
    ({"tid": "15-min"}, ["linje"]),
    ({"tid": ["15-min", "laengere"]}, ["linje", "moede"]),
    ({"bruges": "linjen", "pris": "gratis"}, ["linje"]),
    ({"bruges": "moedelokale", "sprog": "uk"}, []),
]


@pytest.mark.parametrize(("params", "expected"), FILTERS)
def test_api_filters(caller, floor, params, expected):
    assert api_titles(caller, params) == {floor[key].title for key in expected}


@pytest.mark.parametrize(("params", "expected"), FILTERS)
def test_feed_filters(caller, floor, params, expected):
    for path in ("/feeds/vaerktoejer/", "/feeds/vaerktoejer/atom/"):
        response = caller.get(path, params)
        assert response.status_code == 200
        body = response.content.decode()
        assert floor["hemmelig"].title not in body
        if path.endswith("/atom/"):
            continue
        assert rss_titles(response) == {floor[key].title for key in expected}


@pytest.mark.parametrize(("params", "expected"), FILTERS)
def test_csv_export_filters(caller, floor, params, expected):
    response = caller.get("/vaerktoejer/eksport.csv", params)
    assert response.status_code == 200
    assert csv_titles(response) == {floor[key].title for key in expected}


def test_partners_only_tool_is_never_found_by_its_own_filters(caller, floor):
    params = {"sprog": "uk", "tid": "15-min", "bruges": "linjen", "niveau": "begynder"}
    assert api_titles(caller, params) == {floor["linje"].title}
    feed = caller.get("/feeds/vaerktoejer/", {**params, "q": "kvarters-tjek"})
    assert rss_titles(feed) == {floor["linje"].title}
    assert floor["hemmelig"].slug not in feed.content.decode()
    export = caller.get("/vaerktoejer/eksport.csv", params)
    assert csv_titles(export) == {floor["linje"].title}


def test_feed_title_names_the_chosen_values(client, floor):
    response = client.get("/feeds/vaerktoejer/", {"tid": "15-min", "sprog": "uk"})
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("title") == (
        "Nye værktøjer i Værktøjskassen: Ukrainsk, Højst 15 min."
    )
    assert "tid=15-min" in channel.findtext("link")


def test_api_writes_the_competence_levels(client, floor):
    tool = client.get(f"/api/v1/tools/{floor['linje'].pk}").json()
    assert tool["competence_levels"] == [{"slug": "begynder", "name": "Begynder"}]
    assert tool["minutes_needed"] == 10
    assert client.get(f"/api/v1/tools/{floor['hemmelig'].pk}").status_code == 404


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/api/v1/tools?sprog=xx", "Ukendt sprog: xx."),
        ("/api/v1/tools?tid=evigt", "Ukendt tid på gulvet: evigt."),
        ("/feeds/vaerktoejer/?niveau=mester", "Ukendt kompetenceniveau: mester."),
        ("/feeds/vaerktoejer/?bruges=kontor", "Ukendt brugssted: kontor."),
        ("/vaerktoejer/eksport.csv?pris=dyrt", "Ukendt pris: dyrt."),
    ],
)
def test_unknown_values_are_400(client, floor, url, message):
    response = client.get(url)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_case_endpoints_do_not_take_tool_filters(client, floor):
    # Not a case facet: ignored like any unknown parameter, not applied.
    response = client.get("/api/v1/cases", {"pris": "betalt"})
    assert response.status_code == 200
    operation = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/cases"]
    assert "pris" not in {param["name"] for param in operation["get"]["parameters"]}


def test_openapi_documents_the_new_tool_filters(client, db):
    operation = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/tools"]
    documented = {
        p["name"]: p.get("description") for p in operation["get"]["parameters"]
    }
    for param in ("pris", "sprog", "niveau", "tid", "bruges"):
        assert documented[param]
