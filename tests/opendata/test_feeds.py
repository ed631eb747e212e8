import xml.etree.ElementTree as ET

import pytest

from tests.factories import make_partner_member, make_sector, make_tool
from toolbox.models import ToolFormat

ATOM = "{http://www.w3.org/2005/Atom}"


def rss_titles(response):
    root = ET.fromstring(response.content)
    return [item.findtext("title") for item in root.iter("item")]


def atom_titles(response):
    root = ET.fromstring(response.content)
    return [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]


@pytest.fixture
def other_tool(catalogue):
    office = make_sector("Kontor og administration", slug="kontor")
    return make_tool(
        title="Promptbibliotek til kontoret",
        sectors=[office],
        tool_format=ToolFormat.PROMPTS,
    )


def test_tool_feed_lists_new_public_tools_newest_first(client, catalogue, other_tool):
    response = client.get("/feeds/vaerktoejer/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    assert rss_titles(response) == [other_tool.title, catalogue["public"].title]
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("language") == "da"
    assert channel.findtext("title") == "Nye værktøjer i Værktøjskassen"


def test_filtered_feed_follows_the_listing_filters(client, catalogue, other_tool):
    url = "/feeds/vaerktoejer/?sektor=produktion&tema=on-the-job-training"
    response = client.get(url)
    assert rss_titles(response) == [catalogue["public"].title]
    channel = ET.fromstring(response.content).find("channel")
    assert "Produktion og fremstilling" in channel.findtext("title")
    assert "On-the-job-training" in channel.findtext("title")
    assert "sektor=produktion" in channel.findtext("link")


def test_repeated_values_are_alternatives(client, catalogue, other_tool):
    response = client.get("/feeds/vaerktoejer/atom/?sektor=produktion&sektor=kontor")
    assert sorted(atom_titles(response)) == sorted(
        [catalogue["public"].title, other_tool.title]
    )
    response = client.get("/feeds/vaerktoejer/atom/?format=promptbibliotek")
    assert atom_titles(response) == [other_tool.title]


def test_tool_entries_carry_link_date_author_and_categories(client, catalogue):
    root = ET.fromstring(client.get("/feeds/vaerktoejer/").content)
    item = next(root.iter("item"))
    # From the request, not the Site record (core.links).
    assert item.findtext("link") == "http://testserver" + catalogue["public"].url
    assert item.findtext("pubDate")
    categories = [element.text for element in item.iter("category")]
    assert "Produktion og fremstilling" in categories
    assert "On-the-job-training" in categories


@pytest.mark.parametrize(
    "query",
    [
        "sektor=findes-ikke",
        "tema=%3Cscript%3E",
        "format=skabelon&format=ukendt",
        "maalgruppe=" + "x" * 5000,
        "sektor=%00",
    ],
)
def test_unknown_filter_values_get_a_danish_400(client, catalogue, query):
    response = client.get(f"/feeds/vaerktoejer/?{query}")
    assert response.status_code == 400
    assert "Ukendt" in response.content.decode()


def test_unknown_parameters_are_ignored(client, catalogue):
    response = client.get("/feeds/vaerktoejer/?utm_source=nyhedsbrev")
    assert response.status_code == 200


def test_case_feed_filters_by_training_format(client, catalogue):
    response = client.get("/feeds/cases/?laeringsformat=on-the-job")
    assert rss_titles(response) == [catalogue["case"].title]
    response = client.get("/feeds/cases/?laeringsformat=kursus")
    assert rss_titles(response) == []
    assert client.get("/feeds/cases/?laeringsformat=ukendt").status_code == 400


def test_unpublished_tools_stay_out(client, catalogue):
    draft = make_tool(title="Kladde, ikke udgivet", publish=False)
    assert draft.title not in client.get("/feeds/vaerktoejer/").content.decode()


def client_user(client):
    from django.contrib.auth import get_user

    return get_user(client)


@pytest.fixture
def database_search(settings):
    # The search service's contract tests cover both backends; here the
    # feed's wiring and access are what is tested.
    from search.service import reset_fallback

    settings.SEARCH_BACKEND = "database"
    reset_fallback()


def test_search_feed_follows_a_query_as_an_anonymous_visitor(
    client, catalogue, other_tool, database_search
):
    response = client.get("/feeds/vaerktoejer/?q=tjekliste")
    assert response.status_code == 200
    assert rss_titles(response) == [catalogue["public"].title]
    title = ET.fromstring(response.content).find("channel").findtext("title")
    assert "\u201dtjekliste\u201d" in title

    # The partners-only tool matches its own title, but never for a feed.
    query = {"q": "Fortroligt partnerværktøj"}
    assert rss_titles(client.get("/feeds/vaerktoejer/", query)) == []
    client.force_login(make_partner_member())
    assert atom_titles(client.get("/feeds/vaerktoejer/atom/", query)) == []
    # The same search on the site, as that partner, does find it.
    from search.service import search

    hits = search("Fortroligt partnerværktøj", user=client_user(client), log=False)
    assert catalogue["secret"].pk in [hit.page_id for hit in hits.hits]


def test_search_feed_combines_query_and_filters(
    client, catalogue, other_tool, database_search
):
    response = client.get("/feeds/vaerktoejer/?q=promptbibliotek&sektor=produktion")
    assert rss_titles(response) == []
    response = client.get("/feeds/vaerktoejer/?q=promptbibliotek&sektor=kontor")
    assert rss_titles(response) == [other_tool.title]


def test_too_long_or_odd_queries_are_answered(client, catalogue, database_search):
    assert client.get("/feeds/vaerktoejer/", {"q": "x" * 5000}).status_code == 400
    for query in ['AND (( "', "\x00\x01", "🙂", "   "]:
        assert client.get("/feeds/cases/", {"q": query}).status_code == 200


def test_listing_advertises_a_feed_for_its_own_filters(client, catalogue, other_tool):
    import re

    from tests.factories import tool_index

    response = client.get(tool_index().url + "?sektor=produktion&side=1")
    html = response.content.decode()
    links = re.findall(
        r'<link rel="alternate" type="application/rss\+xml"[^>]*href="([^"]+)"', html
    )
    feed = next(link for link in links if link.startswith("/feeds/vaerktoejer/"))
    assert "sektor=produktion" in feed
    feed_response = client.get(feed.replace("&amp;", "&"))
    assert feed_response.status_code == 200
    assert rss_titles(feed_response) == [catalogue["public"].title]
