"""Logged search queries hold no e-mail addresses or phone numbers: they are
removed before Wagtail's query log or the zero-result list stores them."""

from wagtail.contrib.search_promotions.models import Query

import pytest

from core.contact_details import scrub_contact_details
from search.models import ZeroResultQuery
from tests.factories import make_tool, tool_index

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("lone.hansen@svejs.dk robot", "robot"),
        ("ring 12 34 56 78 om svejsning", "ring om svejsning"),
        ("+45 12345678", ""),
        ("cpr 010190-1234", "cpr"),
        ("ISO 9001 tjekliste 2026", "ISO 9001 tjekliste 2026"),
        ("Lone@[127.0.0.1]", ""),
    ],
)
def test_scrub(typed, kept):
    assert scrub_contact_details(typed) == kept


@pytest.mark.parametrize(
    "query",
    [
        "anna.jensen@eksempel.dk",
        "kontakt anna.jensen@eksempel.dk om robotter",
        "ring til 20 30 40 50",
        "+4520304050 svejserobot",
    ],
)
def test_searches_with_contact_details_log_none_of_them(client, query):
    tool_index()
    make_tool(title="Svejserobot i praksis")
    assert client.get("/soeg/", {"q": query}).status_code == 200
    logged = [
        *Query.objects.values_list("query_string", flat=True),
        *ZeroResultQuery.objects.values_list("query_string", flat=True),
    ]
    text = " ".join(logged)
    assert "@" not in text
    assert "eksempel" not in text
    assert "2030" not in text.replace(" ", "")
    assert "4520" not in text.replace(" ", "")
