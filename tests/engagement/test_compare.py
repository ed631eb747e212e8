"""Sammenlign (/sammenlign/): the grid, bad input, partners-only tools; and the
signals of use on tool cards."""

import re
from html.parser import HTMLParser

from django.test import Client

import pytest

from core.choices import Access
from tests.factories import (
    make_audience,
    make_case,
    make_partner,
    make_partner_member,
    make_sector,
    make_tool,
    make_user,
)
from toolbox.models import MIN_ANSWERS_FOR_SHARE, SavedTool, ToolPage, ToolStats

pytestmark = pytest.mark.django_db


class TableReader(HTMLParser):
    """The comparison table as {row heading: [cell texts]} plus the column
    headings."""

    def __init__(self):
        super().__init__()
        self.rows, self.columns = {}, []
        self._cells, self._text, self._in_cell = [], "", False

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self._cells = []
        elif tag in ("th", "td"):
            self._in_cell, self._text = True, ""

    def handle_endtag(self, tag):
        if tag in ("th", "td"):
            self._cells.append(" ".join(self._text.split()))
            self._in_cell = False
        elif tag == "tr":
            heading, *cells = self._cells
            if heading:
                self.rows[heading] = cells
            else:
                self.columns = cells

    def handle_data(self, data):
        if self._in_cell:
            self._text += data


def compare(client, *ids):
    query = "&".join(f"id={pk}" for pk in ids)
    return client.get(f"/sammenlign/?{query}")


def read_table(response):
    reader = TableReader()
    reader.feed(response.content.decode())
    return reader


def stats(tool, yes=0, no=0, downloads=0):
    return ToolStats.objects.create(
        tool=tool, helpful_yes=yes, helpful_no=no, downloads=downloads
    )


def test_the_grid_compares_the_facts(client):
    floor = make_audience("Medarbejdere på gulvet")
    sector = make_sector("Fødevarer")
    first = make_tool(
        title="Tjekliste til linjen",
        minutes_needed=15,
        effort="2 timer",
        used_where=["linjen", "pc"],
        languages_available=["en", "pl"],
        audiences=[floor],
        sectors=[sector],
    )
    second = make_tool(title="Betalt kursus", price="betalt", tool_format="kursus")
    make_case(title="Case A", tools=[first])
    make_case(title="Case B", tools=[first])
    make_case(title="Kladde-case", tools=[first], publish=False)
    stats(first, yes=8, no=2)
    stats(second, yes=1, no=1)

    response = compare(client, first.pk, second.pk)
    assert response.status_code == 200
    table = read_table(response)
    assert table.columns == ["Tjekliste til linjen", "Betalt kursus"]
    assert table.rows == {
        "Format": ["Guide", "Kursus eller e-læring"],
        "Tid pr. gang": ["15 minutter", "–"],
        "Samlet tidsforbrug": ["2 timer", "–"],
        "Bruges": ["Ved linjen, Ved en pc", "–"],
        "Sprog": ["Dansk, også Engelsk, Polsk", "Dansk"],
        "Pris": ["Gratis", "Betalt"],
        "Målgrupper": ["Medarbejdere på gulvet", "–"],
        "Sektorer": ["Fødevarer", "–"],
        "Cases": ["Bruges i 2 cases", "Ingen cases endnu"],
        "Fandt den nyttig": ["80 % (8 af 10 svar)", "For få svar til en andel (2)"],
    }
    html = response.content.decode()
    assert '<th scope="row">Format</th>' in html
    assert "<caption" in html


def test_order_follows_the_query_and_repeats_count_once(client):
    first, second = make_tool(title="Første"), make_tool(title="Anden")
    response = compare(client, second.pk, first.pk, second.pk)
    assert response.status_code == 200
    assert read_table(response).columns == ["Anden", "Første"]


@pytest.mark.parametrize(
    "query",
    [
        "",
        "id=1",
        "id=1&id=2&id=3&id=4&id=5",
        "id=abc&id=2",
        "id=-1&id=2",
        "id=1.5&id=2",
        "id=99999999999999999999&id=2",
        "id=%00&id=2",
        "id=82&id=%C2%B2",  # a superscript two: isdigit() but not int()
        "id=82&id=%E2%91%A0",  # a circled one
        "id=82&id=%D9%A3",  # an Arabic-Indic three: int() takes it
        "id=82&id=+3",
    ],
)
def test_bad_input_gets_a_danish_400(client, query):
    make_tool(), make_tool()
    response = client.get(f"/sammenlign/?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "<table" not in html


def test_unknown_and_unpublished_ids_get_400(client):
    tool = make_tool()
    draft = make_tool(title="Upubliceret kladde", publish=False)
    for other in (987654, draft.pk):
        response = compare(client, tool.pk, other)
        assert response.status_code == 400
        assert "findes ikke" in response.content.decode()
        assert "Upubliceret kladde" not in response.content.decode()


@pytest.fixture
def partners_only():
    return make_tool(
        make_partner(), title="Partnernes hemmelige promptbog", access=Access.PARTNERS
    )


@pytest.mark.parametrize("who", ["anonymous", "outsider"])
def test_a_partners_only_id_is_answered_like_a_missing_one(client, partners_only, who):
    if who == "outsider":
        client.force_login(make_user("outsider"))
    first, second = make_tool(title="Offentlig A"), make_tool(title="Offentlig B")
    missing = partners_only.pk + 1000

    for ids in [(first.pk, second.pk, "{}"), (first.pk, "{}")]:
        answers = []
        for other in (partners_only.pk, missing):
            query = [str(part).format(other) for part in ids]
            response = compare(client, *query)
            # The page repeats its own address (login and save links) and
            # a fresh CSRF token; the rest must be the same.
            html = re.sub(rf"id(=|%3D){other}\b", "id=ID", response.content.decode())
            html = re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "", html)
            answers.append((response.status_code, html))
        assert answers[0] == answers[1]
        status, html = answers[0]
        assert status == 400
        assert "findes ikke" in html
        assert "Partnernes hemmelige promptbog" not in html
        assert f"/{partners_only.slug}/" not in html


def test_partner_members_compare_partners_only_tools(client, partners_only):
    client.force_login(make_partner_member("member"))
    public = make_tool(title="Offentlig A")
    response = compare(client, public.pk, partners_only.pk)
    assert response.status_code == 200
    assert read_table(response).columns == [
        "Offentlig A",
        "Partnernes hemmelige promptbog Kun for partnere",
    ]


def test_compare_is_private_to_the_visitor(client):
    first, second = make_tool(), make_tool()
    response = compare(client, first.pk, second.pk)
    assert "private" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]


def test_compare_queries_are_bounded(client, django_assert_max_num_queries):
    tools = [make_tool() for _n in range(4)]
    compare(client, tools[0].pk, tools[1].pk)  # warm the site caches
    with django_assert_max_num_queries(12):
        response = compare(client, *[tool.pk for tool in tools])
    assert len(read_table(response).columns) == 4


def test_saved_list_and_listing_offer_the_comparison(client):
    first, second = make_tool(title="Gemt A"), make_tool(title="Gemt B")
    user = make_user("chooser")
    for tool in (first, second):
        SavedTool.objects.create(user=user, tool=tool)
    client.force_login(user)
    html = client.get("/min-vaerktoejskasse/").content.decode()
    assert 'form id="compare-picks"' in html
    for tool in (first, second):
        assert f'name="id" value="{tool.pk}" form="compare-picks"' in html

    listing = Client().get(ToolPage.objects.get(pk=first.pk).get_parent().url)
    html = listing.content.decode()
    assert 'id="compare-picks"' in html
    assert f'value="{first.pk}" form="compare-picks"' in html


# Signals of use on tool cards


def card_html(client, partner):
    response = client.get(partner.url)
    assert response.status_code == 200
    return response.content.decode()


def test_card_shows_the_useful_share_only_past_the_threshold(client):
    partner = make_partner()
    few = make_tool(partner, title="Få svar")
    enough = make_tool(partner, title="Nok svar")
    stats(few, yes=MIN_ANSWERS_FOR_SHARE - 1, no=0)
    stats(enough, yes=7, no=MIN_ANSWERS_FOR_SHARE - 2)  # 7 of 10 at N = 5

    html = card_html(client, partner)
    assert html.count("af 10 fandt den nyttig") == 1
    assert "7 af 10 fandt den nyttig" in html
    card = html[html.index("Få svar") :]
    card = card[: card.index("</article>")]
    assert "af 10" not in card


def test_card_rounds_the_share_and_counts_downloads_and_cases(client):
    partner = make_partner()
    tool = make_tool(partner, title="Populært værktøj")
    lonely = make_tool(partner, title="Ubrugt værktøj")
    stats(tool, yes=8, no=1, downloads=1234)  # 8 of 9: 8.9 of 10
    make_case(partner, title="Eneste case", tools=[tool])

    html = card_html(client, partner)
    card = html[html.index("Populært værktøj") :]
    card = card[: card.index("</article>")]
    assert "9 af 10 fandt den nyttig" in card
    assert "1234 downloads" in card
    assert "Bruges i 1 case<" in card

    make_case(partner, title="Anden case", tools=[tool])
    html = card_html(client, partner)
    assert "Bruges i 2 cases" in html

    card = html[html.index("Ubrugt værktøj") :]
    card = card[: card.index("</article>")]
    assert "card__signals" not in card  # nothing to say: no list at all
    assert lonely.pk


def test_partners_only_share_never_reaches_a_public_card(client):
    partner = make_partner()
    secret = make_tool(partner, title="Intern promptbog", access=Access.PARTNERS)
    stats(secret, yes=9, no=1)
    html = card_html(client, partner)
    assert "Intern promptbog" not in html
    assert "af 10 fandt den nyttig" not in html


def test_most_useful_sort_explains_itself(client):
    tool = make_tool()
    listing = tool.get_parent().url
    html = client.get(listing + "?sort=nyttigst").content.decode()
    assert 'aria-describedby="sort-help"' in html
    assert "40 ja ud af 45 svar står før 2 ud af 2" in html
    assert "Cases har ingen svar" not in html  # the listing holds only tools
    html = client.get("/soeg/?q=v%C3%A6rkt%C3%B8j&sort=nyttigst").content.decode()
    assert "Cases har ingen svar og står efter værktøjerne." in html
    html = client.get(listing).content.decode()
    assert 'id="sort-help"' not in html
