import datetime

import pytest

from core.access import EDITORS_GROUP
from tests.factories import (
    make_editor,
    make_partner,
    make_partner_editor,
    make_partner_member,
    make_tool,
    make_user,
    published_long_ago,
)
from toolbox.models import ToolFeedback

pytestmark = pytest.mark.django_db

FEEDBACK_ADMIN = "/admin/vaerktoejer/tilbagemeldinger/"
STATS_ADMIN = "/admin/vaerktoejer/statistik/"
REVIEW_ADMIN = "/admin/vaerktoejer/gennemgang/"


@pytest.fixture
def answered_tool(client):
    tool = make_tool(title="Tjekliste med svar")
    client.post(
        f"/vaerktoejer/{tool.pk}/nyttig/", {"helpful": "nej", "comment": "For lang."}
    )
    client.logout()
    return tool


def test_editors_read_feedback_per_tool(client, answered_tool):
    other = make_tool(title="Andet værktøj")
    ToolFeedback.objects.create(
        tool=other, helpful=True, comment="Rigtig god.", client_key="x"
    )
    client.force_login(make_editor())
    response = client.get(FEEDBACK_ADMIN)
    assert response.status_code == 200
    html = response.content.decode()
    assert "For lang." in html and "Rigtig god." in html

    filtered = client.get(FEEDBACK_ADMIN, {"tool": answered_tool.pk}).content.decode()
    assert "For lang." in filtered
    assert "Rigtig god." not in filtered

    feedback = ToolFeedback.objects.get(tool=answered_tool)
    assert client.get(f"{FEEDBACK_ADMIN}inspect/{feedback.pk}/").status_code == 200
    assert client.get(STATS_ADMIN).status_code == 200


def test_nobody_adds_feedback_in_the_admin(client, answered_tool):
    client.force_login(make_editor())
    assert client.get(f"{FEEDBACK_ADMIN}new/").status_code in {302, 403}


@pytest.mark.parametrize("make", [make_partner_member, make_user])
def test_feedback_is_for_editors_only(client, answered_tool, make):
    from django.contrib.auth.models import Permission

    user = make()
    # Into the admin, so that only the feedback policy stands in the way.
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get("/admin/").status_code == 200
    assert client.get(FEEDBACK_ADMIN).status_code in {302, 403}


def test_review_listing_shows_tools_not_reviewed_for_a_year(client):
    today = datetime.date.today()
    stale = make_tool(
        title="Gammelt værktøj", last_reviewed=today.replace(year=today.year - 2)
    )
    never = published_long_ago(make_tool(title="Aldrig gennemgået", last_reviewed=None))
    fresh = make_tool(title="Frisk værktøj", last_reviewed=today)
    client.force_login(make_editor())
    response = client.get(REVIEW_ADMIN)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Værktøjer der trænger til gennemgang" in html
    assert stale.title in html
    assert never.title in html
    assert fresh.title not in html


def test_partner_editors_see_only_their_own_tools_for_review(client):
    partner, other_partner = make_partner(), make_partner()
    mine = published_long_ago(
        make_tool(partner, title="Mit gamle værktøj", last_reviewed=None)
    )
    theirs = published_long_ago(
        make_tool(other_partner, title="Deres gamle værktøj", last_reviewed=None)
    )
    editor = make_partner_editor(partner)
    from django.contrib.auth.models import Permission

    from wagtail.models import Page  # noqa: F401 - admin access via group

    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    html = client.get(REVIEW_ADMIN).content.decode()
    assert mine.title in html
    assert theirs.title not in html


def test_taxonomies_are_snippets_in_a_danish_menu_group(client):
    client.force_login(make_editor())
    response = client.get("/admin/")
    assert "Taksonomi" in response.content.decode()
    for model in ("sector", "theme", "audience"):
        assert client.get(f"/admin/snippets/portal/{model}/").status_code == 200


def test_editors_group_name_is_the_access_rule_one():
    assert EDITORS_GROUP == "Redaktører"
