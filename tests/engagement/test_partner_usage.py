"""A partner editor reads their own tools' use in the admin ("Mine værktøjers
brug" and the dashboard panel), and never another partner's."""

from django.contrib.auth.models import Permission
from django.urls import reverse

import pytest

from core.choices import Access
from tests.factories import (
    make_case,
    make_editor,
    make_partner,
    make_partner_editor,
    make_partner_member,
    make_tool,
    make_user,
)
from toolbox.engagement import tools_edited_by
from toolbox.models import ToolFeedback, ToolStats

pytestmark = pytest.mark.django_db

USAGE = "/admin/vaerktoejer/mine/"
DASHBOARD = "/admin/"
# The sidebar is rendered as JSON, so the menu item is found by its URL there.
MENU_ENTRY = f'"url": "{USAGE}"'
FEEDBACK_ADMIN = "/admin/vaerktoejer/tilbagemeldinger/"
STATS_ADMIN = "/admin/vaerktoejer/statistik/"


class Catalogue:
    pass


def give_stats(tool, views, downloads, yes, no):
    ToolStats.objects.create(
        tool=tool, views=views, downloads=downloads, helpful_yes=yes, helpful_no=no
    )


def comment(tool, text, helpful=True):
    ToolFeedback.objects.create(
        tool=tool, helpful=helpful, comment=text, client_key="k"
    )


@pytest.fixture
def catalogue():
    """Two partners with tools, figures, comments and cases. Every figure is
    unique on the page, so a leak shows up as a number too."""
    c = Catalogue()
    c.mine = make_partner("Egen Partner A/S")
    c.theirs = make_partner("Anden Partner ApS")
    c.tool = make_tool(c.mine, title="Vores tjekliste")
    c.partners_tool = make_tool(
        c.mine, title="Vores interne guide", access=Access.PARTNERS
    )
    c.their_tool = make_tool(c.theirs, title="Deres hemmelige skabelon")
    give_stats(c.tool, 4321, 1234, 3, 1)
    give_stats(c.partners_tool, 555, 66, 0, 0)
    give_stats(c.their_tool, 9876, 8765, 7, 2)
    comment(c.tool, "Meget brugbar på gulvet.")
    comment(c.tool, "For lang til en pause.", helpful=False)
    comment(c.their_tool, "Deres kommentar må ikke ses.")
    c.own_case = make_case(c.mine, title="Vores egen case", tools=[c.tool])
    c.other_case = make_case(c.theirs, title="Deres offentlige case", tools=[c.tool])
    c.other_draft = make_case(
        c.theirs, title="Deres kladde-case", tools=[c.tool], publish=False
    )
    c.their_case = make_case(
        c.theirs, title="Case om deres skabelon", tools=[c.their_tool]
    )
    c.editor = make_partner_editor(c.mine)
    return c


THEIR_SECRETS = [
    "Deres hemmelige skabelon",
    "9876",
    "8765",
    "Deres kommentar må ikke ses.",
    "Deres kladde-case",
    "Case om deres skabelon",
]


def assert_nothing_of_theirs(html):
    leaked = [secret for secret in THEIR_SECRETS if secret in html]
    assert not leaked, leaked


def test_partner_editor_sees_own_figures_comments_and_cases(client, catalogue):
    client.force_login(catalogue.editor)
    response = client.get(USAGE)
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "Mine værktøjers brug",
        "Vores tjekliste",
        "Vores interne guide",
        "4321",
        "1234",
        "75 %",  # 3 of 4 answered "ja"
        "Meget brugbar på gulvet.",
        "For lang til en pause.",
        "Vores egen case",
        "Deres offentlige case",  # another partner's live case using our tool
        "555",
    ):
        assert text in html, text
    assert_nothing_of_theirs(html)


def test_partner_editor_dashboard_summarises_only_own_tools(client, catalogue):
    client.force_login(catalogue.editor)
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Jeres værktøjer" in html
    assert "4876" in html  # 4321 + 555 views
    assert "1300" in html  # 1234 + 66 downloads
    assert USAGE in html
    assert_nothing_of_theirs(html)


def test_partner_editor_without_tools_is_prompted_to_add_one(client):
    partner = make_partner("Ny Partner")
    other = make_partner("Travl Partner")
    make_tool(other, title="En andens værktøj")
    client.force_login(make_partner_editor(partner))
    html = client.get(DASHBOARD).content.decode()
    add_url = reverse(
        "wagtailadmin_pages:add", args=("toolbox", "toolpage", partner.pk)
    )
    assert "I har endnu ingen værktøjer" in html
    assert "Tilføj et værktøj" in html
    assert f'href="{add_url}"' in html
    assert "En andens værktøj" not in html
    # The link leads to a form the partner editor may use.
    assert client.get(add_url).status_code == 200

    usage = client.get(USAGE)
    assert usage.status_code == 200
    assert "En andens værktøj" not in usage.content.decode()


def test_the_menu_offers_the_usage_view_to_partner_editors_only(client, catalogue):
    client.force_login(catalogue.editor)
    assert MENU_ENTRY in client.get(DASHBOARD).content.decode()
    # The editors' full views stay closed to partner editors.
    assert client.get(FEEDBACK_ADMIN).status_code in {302, 403}
    assert client.get(STATS_ADMIN).status_code in {302, 403}


@pytest.mark.parametrize("make", [make_partner_member, make_user])
def test_signed_in_outsiders_get_no_usage_data(client, catalogue, make):
    user = make()
    # Let them into the admin, so that only the usage rules stand in the way.
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    refused = client.get(USAGE)
    # Wagtail's admin turns a PermissionDenied into a redirect to the dashboard.
    assert refused.status_code in {302, 403}
    if refused.status_code == 302:
        assert refused["Location"] == DASHBOARD
    dashboard = client.get(DASHBOARD)
    assert dashboard.status_code == 200
    html = dashboard.content.decode()
    assert "Jeres værktøjer" not in html
    assert MENU_ENTRY not in html and USAGE not in html
    assert "Vores tjekliste" not in html and "4321" not in html
    assert_nothing_of_theirs(html)
    assert not tools_edited_by(user).exists()


def test_anonymous_visitors_are_sent_to_log_in(client, catalogue):
    response = client.get(USAGE)
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    html = client.get(USAGE, follow=True).content.decode()
    assert "Vores tjekliste" not in html
    assert_nothing_of_theirs(html)


def test_editors_see_every_tool(client, catalogue):
    client.force_login(make_editor())
    html = client.get(USAGE).content.decode()
    for text in (
        "Vores tjekliste",
        "Deres hemmelige skabelon",
        "9876",
        "Deres kommentar må ikke ses.",
        "Deres kladde-case",
        "Egen Partner A/S",
    ):
        assert text in html, text


def test_tools_edited_by_is_the_partners_subtree(catalogue):
    assert set(tools_edited_by(catalogue.editor)) == {
        catalogue.tool,
        catalogue.partners_tool,
    }
    assert set(tools_edited_by(make_partner_editor(catalogue.theirs))) == {
        catalogue.their_tool
    }
    draft = make_tool(catalogue.mine, title="Vores kladde", publish=False)
    assert draft in set(tools_edited_by(catalogue.editor))


@pytest.mark.parametrize("page_number", ["abc", "-1", "99999", "1.5", "ækv"])
def test_bad_page_numbers_are_not_errors(client, catalogue, page_number):
    client.force_login(catalogue.editor)
    response = client.get(USAGE, {"p": page_number})
    assert response.status_code == 200
    assert "Vores tjekliste" in response.content.decode()
    assert_nothing_of_theirs(response.content.decode())


def test_comments_beyond_the_newest_are_counted_not_listed(client, catalogue):
    from toolbox.engagement import COMMENTS_SHOWN

    for n in range(COMMENTS_SHOWN + 3):
        comment(catalogue.partners_tool, f"Kommentar nummer {n:03d}")
    client.force_login(catalogue.editor)
    html = client.get(USAGE).content.decode()
    assert f"Kommentar nummer {COMMENTS_SHOWN + 2:03d}" in html
    assert "Kommentar nummer 000" not in html
    assert f"af {COMMENTS_SHOWN + 3} kommentarer" in html
