"""What editors read in the admin: the review list names each tool's owner,
the usefulness score reads as a percentage, and the query log keeps only
what a visitor could have meant."""

import datetime

from wagtail.contrib.search_promotions.models import Query

import pytest

from search.models import ZeroResultQuery
from search.service import search
from tests.factories import make_editor, make_partner, make_tool
from toolbox.engagement import record_feedback

pytestmark = pytest.mark.django_db


def test_review_list_names_the_owner(client):
    old = datetime.date.today().replace(year=datetime.date.today().year - 2)
    partner = make_partner("Fabrik Vest A/S")
    make_tool(partner, title="Gammel tjekliste", last_reviewed=old)
    client.force_login(make_editor())
    html = client.get("/admin/vaerktoejer/gennemgang/").content.decode()
    assert "Ejer" in html
    assert "Fabrik Vest A/S" in html


def test_usefulness_reads_as_a_percentage(client):
    tool = make_tool(title="Nyttig skabelon")
    for number in range(9):
        record_feedback(tool, True, "", f"client-{number}")
    client.force_login(make_editor())
    html = client.get("/admin/vaerktoejer/statistik/").content.decode()
    tool.refresh_from_db()
    score = tool.stats.helpful_score
    assert f"{round(score * 100)} %" in html
    assert str(score) not in html


@pytest.mark.parametrize(
    "junk", ["<script>alert(1)</script>", "!!!???...", "{{7*7}}", "-"]
)
def test_junk_queries_are_not_logged(junk):
    search(junk)
    assert not Query.objects.exists()
    assert not ZeroResultQuery.objects.exists()


def test_a_real_query_is_logged():
    search("zzkvantekursus")
    assert Query.objects.filter(query_string="zzkvantekursus").exists()
    assert ZeroResultQuery.objects.filter(query_string="zzkvantekursus").exists()
