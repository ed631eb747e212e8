"""Min værktøjskasse: saving as anonymous (session) and signed in (account),
the merge on sign-in, access on the list, the share link and the print view."""

import re

from django.core import signing
from django.test import Client

import pytest

from core.choices import Access
from tests.factories import (
    DEFAULT_PASSWORD,
    make_partner,
    make_partner_member,
    make_tool,
    make_user,
)
from tests.site.content import paragraph
from toolbox import saved
from toolbox.models import SavedTool, ToolPage

pytestmark = pytest.mark.django_db

LIST_URL = "/min-vaerktoejskasse/"


def save(client, tool, **extra):
    return client.post(f"/vaerktoejer/{tool.pk}/gem/", extra)


def remove(client, tool, **extra):
    return client.post(f"/vaerktoejer/{tool.pk}/fjern/", extra)


def sign_in(client, user):
    """Signs in through the site's login form, as a visitor does, so the
    user_logged_in signal sees the visitor's own session."""
    response = client.post(
        "/login/", {"username": user.username, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302, response.content.decode()[:500]


def listed(client, url=LIST_URL):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def share_url(html):
    match = re.search(r'id="share-url"[^>]*value="([^"]+)"', html)
    assert match, "no share link on the page"
    return match.group(1).replace("http://testserver", "")


def make_partners_only_tool(title):
    return make_tool(make_partner(), title=title, access=Access.PARTNERS)


def test_anonymous_visitor_saves_in_the_session(client):
    tool = make_tool(title="Tjekliste til første vagt")
    response = save(client, tool)
    assert response.status_code == 302
    assert response["Location"] == tool.url
    assert client.session[saved.SESSION_KEY] == [tool.pk]
    assert not SavedTool.objects.exists()
    html = listed(client)
    assert "Tjekliste til første vagt" in html
    assert f'action="/vaerktoejer/{tool.pk}/fjern/"' in html

    # Saving twice keeps one entry; removing empties the list.
    save(client, tool)
    assert client.session[saved.SESSION_KEY] == [tool.pk]
    remove(client, tool)
    assert client.session[saved.SESSION_KEY] == []
    assert "Du har ikke gemt nogen værktøjer endnu." in listed(client)


def test_the_form_returns_to_its_page_but_never_off_site(client):
    tool = make_tool()
    response = save(client, tool, next="/vaerktoejer/?sektor=produktion")
    assert response["Location"] == "/vaerktoejer/?sektor=produktion"
    response = remove(client, tool, next="https://evil.example.com/")
    assert response["Location"] == LIST_URL


def test_only_tools_one_may_see_can_be_saved(client):
    hidden = make_partners_only_tool("Hemmelig promptbog")
    draft = make_tool(title="Kladde", publish=False)
    assert save(client, hidden).status_code == 404
    assert save(client, draft).status_code == 404
    assert client.get(f"/vaerktoejer/{hidden.pk}/gem/").status_code == 405
    assert saved.SESSION_KEY not in client.session
    outsider = make_user("outsider")
    client.force_login(outsider)
    assert save(client, hidden).status_code == 404
    assert not SavedTool.objects.exists()


def test_a_full_list_is_refused_with_a_danish_message(client, monkeypatch):
    monkeypatch.setattr(saved, "MAX_SAVED", 2)
    first, second, third = make_tool(), make_tool(), make_tool()
    save(client, first)
    save(client, second)
    response = save(client, third)
    assert response.status_code == 400
    assert "Din værktøjskasse er fuld" in response.content.decode()
    assert client.session[saved.SESSION_KEY] == [second.pk, first.pk]


def test_sign_in_merges_the_session_into_the_account(client):
    user = make_user("anna")
    earlier = make_tool(title="Gemt på kontoen")
    SavedTool.objects.create(user=user, tool=earlier)
    first = make_tool(title="Gemt før login")
    second = make_tool(title="Også gemt før login")
    save(client, first)
    save(client, second)
    save(client, earlier)

    sign_in(client, user)
    assert saved.SESSION_KEY not in client.session
    assert sorted(
        SavedTool.objects.filter(user=user).values_list("tool_id", flat=True)
    ) == sorted([earlier.pk, first.pk, second.pk])

    # The list belongs to the account: another device sees it too.
    other_device = Client()
    sign_in(other_device, user)
    html = listed(other_device)
    for title in ("Gemt på kontoen", "Gemt før login", "Også gemt før login"):
        assert title in html
    # Newest first, in the order they were saved before signing in.
    assert html.index("Også gemt før login") < html.index("Gemt før login")


def test_signed_in_users_save_to_their_account(client):
    user = make_user("bo")
    tool = make_tool(title="Rollespil om AI")
    client.force_login(user)
    save(client, tool)
    assert list(SavedTool.objects.values_list("user_id", "tool_id")) == [
        (user.pk, tool.pk)
    ]
    client.logout()
    assert "Rollespil om AI" not in listed(client)
    remove_client = Client()
    remove_client.force_login(user)
    remove(remove_client, tool)
    assert not SavedTool.objects.exists()


def test_a_tool_made_partners_only_vanishes_for_outsiders(client):
    partner = make_partner()
    tool = make_tool(partner, title="Snart kun for partnere")
    public = make_tool(title="Altid offentlig")
    outsider = make_user("outsider")
    member = make_partner_member("member")
    for user in (outsider, member):
        SavedTool.objects.create(user=user, tool=tool)
        SavedTool.objects.create(user=user, tool=public)
    save(client, tool)  # an anonymous visitor's session list
    ToolPage.objects.filter(pk=tool.pk).update(access=Access.PARTNERS)

    html = listed(client)
    assert "Snart kun for partnere" not in html
    assert "Altid offentlig" not in html  # never saved by this visitor

    outsider_client = Client()
    outsider_client.force_login(outsider)
    html = listed(outsider_client)
    assert "Snart kun for partnere" not in html
    assert f"/vaerktoejer/{tool.pk}/" not in html
    assert "Altid offentlig" in html

    member_client = Client()
    member_client.force_login(member)
    html = listed(member_client)
    assert "Snart kun for partnere" in html
    assert "Kun for partnere" in html


def test_share_link_shows_only_public_tools_to_anyone(client):
    member = make_partner_member("member")
    public = make_tool(title="Offentlig tjekliste")
    secret = make_partners_only_tool("Partnernes promptbog")
    client.force_login(member)
    save(client, public)
    save(client, secret)
    html = listed(client)
    url = share_url(html)
    assert "Værktøjer, der kun er for partnere, kommer ikke med." in html
    # The link carries only the public tool, not even the other's id.
    token = url.rstrip("/").rsplit("/", 1)[-1]
    assert signing.loads(token, salt=saved.SHARE_SALT) == [public.pk]

    outsider = Client()
    outsider.force_login(make_user("outsider"))
    for viewer in (Client(), outsider, client):
        shared = listed(viewer, url)
        assert "Offentlig tjekliste" in shared
        assert "Partnernes promptbog" not in shared

    printed = listed(Client(), url + "?udskriv")
    assert 'class="detail print-sheet"' in printed
    assert "Offentlig tjekliste" in printed
    assert "Partnernes promptbog" not in printed

    # A tool that later becomes partners-only drops out of the shared list.
    ToolPage.objects.filter(pk=public.pk).update(access=Access.PARTNERS)
    assert "Offentlig tjekliste" not in listed(Client(), url)


def test_no_share_link_without_public_tools(client):
    client.force_login(make_partner_member("member"))
    save(client, make_partners_only_tool("Kun internt"))
    html = listed(client)
    assert 'id="share-url"' not in html
    assert "Der er ingen offentlige værktøjer på listen at dele." in html


@pytest.mark.parametrize(
    "token",
    ["forfalsket", "WzEsMl0:1tAbCd:ugyldig-signatur", "x" * 5000, "%00"],
)
def test_forged_share_links_get_400(client, token):
    response = client.get(f"/min-vaerktoejskasse/delt/{token}/")
    assert response.status_code == 400
    assert "Linket til listen er ugyldigt." in response.content.decode()


def test_a_signature_from_another_purpose_is_refused(client):
    tool = make_tool()
    token = signing.dumps([tool.pk])  # signed, but not as a share link
    assert client.get(f"/min-vaerktoejskasse/delt/{token}/").status_code == 400


def steps(*headings):
    return {
        "type": "steps",
        "value": {
            "heading": "Sådan gør I",
            "steps": [
                {"heading": heading, "text": f"<p>{heading} nu.</p>", "minutes": 5}
                for heading in headings
            ],
        },
    }


def test_print_view_has_every_sheet_with_its_steps(client):
    first = make_tool(
        title="Morgenmødets tjekliste",
        body=[paragraph("<p>Første ark.</p>"), steps("Forbered", "Gennemfør")],
        minutes_needed=15,
        used_where=["linjen"],
    )
    second = make_tool(title="Promptkort", body=[steps("Skriv prompten")])
    hidden = make_partners_only_tool("Skjult ark")
    save(client, first)
    save(client, second)
    # A partners-only tool in an anonymous session (saved when it was
    # public): the sheet is left out.
    session = client.session
    session[saved.SESSION_KEY] = [hidden.pk, *session[saved.SESSION_KEY]]
    session.save()

    response = client.get("/min-vaerktoejskasse/udskriv/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="detail print-sheet"') == 2
    for text in (
        "Morgenmødets tjekliste",
        "Promptkort",
        "Forbered",
        "Gennemfør",
        "Skriv prompten",
        "Egnet til produktionsgulvet",
        "Fakta om værktøjet",
    ):
        assert text in html
    assert "Skjult ark" not in html
    # Newest first, like the list.
    assert html.index("Promptkort") < html.index("Morgenmødets tjekliste")
    assert "private" in response["Cache-Control"]


def test_tool_page_offers_save_and_then_remove(client):
    tool = make_tool(title="Værktøj med knap")
    html = client.get(tool.url).content.decode()
    assert f'action="/vaerktoejer/{tool.pk}/gem/"' in html
    assert "Gem i min værktøjskasse" in html
    save(client, tool)
    html = client.get(tool.url).content.decode()
    assert f'action="/vaerktoejer/{tool.pk}/fjern/"' in html
    assert "Gemt i min værktøjskasse" in html


def test_list_reads_saved_tools_in_bounded_queries(
    client, django_assert_max_num_queries
):
    user = make_user("many")
    for _n in range(8):
        SavedTool.objects.create(user=user, tool=make_tool())
    client.force_login(user)
    client.get(LIST_URL)  # warm caches (site root paths, settings)
    with django_assert_max_num_queries(20):
        response = client.get(LIST_URL)
    assert response.content.decode().count('class="card card--tool"') == 8
