"""Characters XML 1.0 cannot carry, saved in a public tool (the admin accepts
them, e.g. Word's manual line break U+000B), never break a feed: every tools
feed answers 200 with parseable XML, and the sitemap stays parseable."""

import xml.etree.ElementTree as ET

import pytest

from tests.factories import make_partner, make_sector, make_theme, make_tool

ATOM = "{http://www.w3.org/2005/Atom}"
# Vertical tab and form feed (Word's line and page breaks), C0 controls,
# and the noncharacter U+FFFE. PostgreSQL refuses NUL itself, so \x01 stands
# in for "\x00-ish".
TITLE = "Tjekliste\x0btil\x01sidemandsoplæring\x1f"
SUMMARY = "Første linje\x0banden linje\x0cside to\x08\x02\ufffe slut."
TOOL_FEEDS = [
    "/feeds/vaerktoejer/",
    "/feeds/vaerktoejer/atom/",
    "/feeds/vaerktoejer/?sektor=styring",
    "/feeds/vaerktoejer/atom/?tema=kontrol",
    "/feeds/vaerktoejer/?q=tjekliste",
    "/feeds/vaerktoejer/atom/?q=tjekliste",
]


@pytest.fixture
def database_search(settings):
    from search.service import reset_fallback

    settings.SEARCH_BACKEND = "database"
    reset_fallback()


@pytest.fixture
def control_tool(db):
    sector = make_sector("Styring\x0bog\x01drift", slug="styring")
    theme = make_theme("Kontrol\x0ctegn", slug="kontrol")
    partner = make_partner("Smedjen\x02 A/S")
    return make_tool(
        partner, title=TITLE, summary=SUMMARY, sectors=[sector], themes=[theme]
    )


def texts(root):
    """Every text and attribute value in the document."""
    for element in root.iter():
        yield element.text or ""
        yield from element.attrib.values()


@pytest.mark.parametrize("url", TOOL_FEEDS)
def test_every_tools_feed_answers_and_parses(
    client, control_tool, database_search, url
):
    response = client.get(url)

    assert response.status_code == 200
    root = ET.fromstring(response.content)
    if "atom" in url:
        entries = list(root.iter(f"{ATOM}entry"))
        titles = [entry.findtext(f"{ATOM}title") for entry in entries]
    else:
        entries = list(root.iter("item"))
        titles = [item.findtext("title") for item in entries]
    # The tool is still listed, with the breaks turned into spaces and the
    # other characters dropped.
    assert titles == ["Tjekliste tilsidemandsoplæring"]
    assert "Første linje anden linje side to slut." in response.content.decode()
    for text in texts(root):
        assert not any(ord(char) < 0x20 and char not in "\t\n\r" for char in text)


def test_author_and_categories_are_cleaned_too(client, control_tool):
    rss = ET.fromstring(client.get("/feeds/vaerktoejer/").content)
    item = next(rss.iter("item"))
    assert sorted(c.text for c in item.findall("category")) == [
        "Kontrol tegn",
        "Styring ogdrift",
    ]
    # RSS puts the author's name in dc:creator when there is no e-mail.
    assert "Smedjen A/S" in ET.tostring(item, encoding="unicode")

    atom = ET.fromstring(client.get("/feeds/vaerktoejer/atom/").content)
    entry = next(atom.iter(f"{ATOM}entry"))
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Smedjen A/S"
    # Atom writes categories as attributes, which the XML writer never
    # checks: without the cleaning the feed would be 200 but unparseable.
    assert sorted(c.get("term") for c in entry.findall(f"{ATOM}category")) == [
        "Kontrol tegn",
        "Styring ogdrift",
    ]


def test_filter_names_in_the_feed_title_are_cleaned(client, control_tool):
    response = client.get("/feeds/vaerktoejer/?sektor=styring")
    channel = ET.fromstring(response.content).find("channel")
    assert "Styring ogdrift" in channel.findtext("title")


def test_sitemap_stays_parseable(client, control_tool):
    assert ET.fromstring(client.get("/sitemap.xml").content) is not None
    response = client.get("/sitemap-sider.xml")

    assert response.status_code == 200
    root = ET.fromstring(response.content)
    locations = [
        loc.text
        for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    ]
    assert any(location.endswith(control_tool.url) for location in locations)
