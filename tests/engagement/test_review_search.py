"""Searching the admin's list of tools that need review (?q=) answers and
narrows the list; it used to be a 500, because the list's rule and sort use
last_reviewed, which ToolPage's search index cannot filter or sort on."""

import datetime

import pytest

from tests.factories import (
    make_partner,
    make_partner_editor,
    make_tool,
    make_user,
    published_long_ago,
)

pytestmark = pytest.mark.django_db

REVIEW_ADMIN = "/admin/vaerktoejer/gennemgang/"


@pytest.fixture
def tools():
    today = datetime.date.today()
    long_ago = today.replace(year=today.year - 2)
    return {
        "never": published_long_ago(
            make_tool(title="Tjekliste til oplæring", last_reviewed=None)
        ),
        "stale": make_tool(title="Tjekliste til sikkerhed", last_reviewed=long_ago),
        "other": published_long_ago(
            make_tool(title="Skabelon til oplæring", last_reviewed=None)
        ),
        "fresh": make_tool(title="Tjekliste til kvalitet", last_reviewed=today),
    }


def titles_in(response, tools):
    html = response.content.decode()
    return {name for name, tool in tools.items() if tool.title in html}


@pytest.fixture
def superuser_client(client):
    client.force_login(make_user("root", is_staff=True, is_superuser=True))
    return client


def test_any_query_answers(superuser_client, tools):
    response = superuser_client.get(REVIEW_ADMIN, {"q": "x"})

    assert response.status_code == 200
    assert titles_in(response, tools) == set()


@pytest.mark.parametrize("ordering", [None, "last_reviewed", "-last_reviewed", "title"])
def test_search_narrows_the_list_to_matching_tools_that_need_review(
    superuser_client, tools, ordering
):
    params = {"q": "tjekliste", **({"ordering": ordering} if ordering else {})}
    response = superuser_client.get(REVIEW_ADMIN, params)

    assert response.status_code == 200
    # "fresh" matches the query but was reviewed; "other" needs review but
    # does not match.
    assert titles_in(response, tools) == {"never", "stale"}


def test_search_keeps_to_the_tools_the_editor_may_edit(client):
    from django.contrib.auth.models import Permission

    partner, other_partner = make_partner(), make_partner()
    mine = published_long_ago(
        make_tool(partner, title="Tjekliste hos os", last_reviewed=None)
    )
    theirs = published_long_ago(
        make_tool(other_partner, title="Tjekliste hos dem", last_reviewed=None)
    )
    editor = make_partner_editor(partner)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)

    response = client.get(REVIEW_ADMIN, {"q": "tjekliste"})

    assert response.status_code == 200
    html = response.content.decode()
    assert mine.title in html
    assert theirs.title not in html
