"""What an editor can do about a search that found nothing, straight from the
dashboard: start a synonym group or a promoted result with the search filled
in. Partner editors and everyone outside the admin get neither."""

import html as html_lib
import re

from django.contrib.auth.models import AnonymousUser

from wagtail.contrib.search_promotions.models import Query, SearchPromotion

import pytest

from portal.factories import home_page
from search.models import SynonymGroup, ZeroResultQuery
from search.wagtail_hooks import zero_result_actions
from tests.factories import (
    make_editor,
    make_partner,
    make_partner_editor,
    make_partner_member,
    make_user,
)

pytestmark = pytest.mark.django_db

QUERY = "robotsvejsning på linjen"


def action_links(html):
    """The dashboard's action links: {label: [href, ...]}."""
    links = {}
    for href, label in re.findall(
        r'<a class="button[^"]*" href="([^"]+)">([^<]+)<', html
    ):
        links.setdefault(label.strip(), []).append(html_lib.unescape(href))
    return links


def field_value(html, name):
    """The value a form shows in its input or textarea called `name`."""
    textarea = re.search(
        rf'<textarea[^>]*name="{name}"[^>]*>(.*?)</textarea>', html, re.S
    )
    if textarea:
        return html_lib.unescape(textarea.group(1)).strip()
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', html)
    assert tag, f"no field {name}"
    value = re.search(r'value="([^"]*)"', tag.group(0))
    return html_lib.unescape(value.group(1)) if value else ""


def add_form_action(html):
    """Where the page's add form posts to."""
    actions = re.findall(r'<form[^>]*action="([^"]*/add/[^"]*)"', html)
    assert len(actions) == 1, actions
    return html_lib.unescape(actions[0])


@pytest.fixture
def zero_query():
    ZeroResultQuery.record(QUERY)
    return QUERY


@pytest.fixture
def editor_client(client):
    client.force_login(make_editor("redaktoer-nulresultater"))
    return client


@pytest.fixture
def partner_editor():
    return make_partner_editor(make_partner("Sydfyns Maskinfabrik"), "partner-fyn")


def dashboard_links(client):
    response = client.get("/admin/")
    assert response.status_code == 200
    return action_links(response.content.decode())


def test_the_dashboard_offers_both_actions_for_a_zero_result_query(
    editor_client, zero_query
):
    links = dashboard_links(editor_client)
    assert len(links["Tilføj synonym"]) == 1
    assert len(links["Opret søgepromovering"]) == 1


def test_add_synonym_opens_the_synonym_form_with_the_query(editor_client, zero_query):
    [url] = dashboard_links(editor_client)["Tilføj synonym"]
    response = editor_client.get(url)
    assert response.status_code == 200
    assert field_value(response.content.decode(), "terms") == QUERY


def test_the_prefilled_synonym_form_saves_a_group(editor_client, zero_query):
    [url] = dashboard_links(editor_client)["Tilføj synonym"]
    html = editor_client.get(url).content.decode()
    action = add_form_action(html)
    response = editor_client.post(
        action, {"terms": f"{field_value(html, 'terms')}, svejserobot", "note": ""}
    )
    assert response.status_code == 302
    group = SynonymGroup.objects.get(terms__contains="svejserobot")
    assert group.term_list() == [QUERY, "svejserobot"]


def test_create_promotion_opens_wagtails_form_with_the_query(editor_client, zero_query):
    [url] = dashboard_links(editor_client)["Opret søgepromovering"]
    response = editor_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert field_value(html, "query_string") == QUERY

    # The form posts to Wagtail's own add view, which saves the promotion.
    action = add_form_action(html)
    response = editor_client.post(
        action,
        {
            "query_string": field_value(html, "query_string"),
            "editors_picks-TOTAL_FORMS": 1,
            "editors_picks-INITIAL_FORMS": 0,
            "editors_picks-MAX_NUM_FORMS": 1000,
            "editors_picks-0-DELETE": "",
            "editors_picks-0-ORDER": 0,
            "editors_picks-0-page": home_page().pk,
            "editors_picks-0-description": "Start her",
        },
    )
    assert response.status_code == 302
    promotion = SearchPromotion.objects.get(query=Query.get(QUERY))
    assert promotion.page_id == home_page().pk


def test_odd_input_is_escaped_or_cut_never_an_error(editor_client):
    odd = '<b>"svejsning" & co</b>'
    for url in (
        "/admin/snippets/portal_search/synonymgroup/add/",
        "/admin/soegning/promovering/ny/",
    ):
        response = editor_client.get(url, {"q": odd})
        assert response.status_code == 200
        html = response.content.decode()
        assert odd not in html
        assert editor_client.get(url, {"q": "x" * 5000}).status_code == 200
        assert editor_client.get(url).status_code == 200
    ZeroResultQuery.record(odd)
    html = editor_client.get("/admin/").content.decode()
    assert odd not in html


def test_partner_editors_get_no_actions_and_cannot_reach_the_forms(
    client, zero_query, partner_editor
):
    assert zero_result_actions(partner_editor) == {}
    client.force_login(partner_editor)
    links = dashboard_links(client)
    assert "Tilføj synonym" not in links
    assert "Opret søgepromovering" not in links

    for url in (
        "/admin/snippets/portal_search/synonymgroup/add/",
        "/admin/soegning/promovering/ny/",
    ):
        response = client.get(url, {"q": QUERY})
        assert response.status_code in (302, 403)
        assert QUERY not in response.content.decode()
        if response.status_code == 302:
            assert response.url.startswith("/admin/") and "add" not in response.url

    client.post(
        "/admin/snippets/portal_search/synonymgroup/add/",
        {"terms": f"{QUERY}, svejserobot"},
    )
    client.post(
        "/admin/searchpicks/add/",
        {
            "query_string": QUERY,
            "editors_picks-TOTAL_FORMS": 1,
            "editors_picks-INITIAL_FORMS": 0,
            "editors_picks-MAX_NUM_FORMS": 1000,
            "editors_picks-0-ORDER": 0,
            "editors_picks-0-page": home_page().pk,
        },
    )
    assert not SynonymGroup.objects.filter(terms__contains="svejserobot").exists()
    assert not SearchPromotion.objects.filter(query__query_string=QUERY).exists()


@pytest.mark.parametrize("who", ["anonymous", "member", "outsider"])
def test_no_one_outside_the_admin_reaches_the_forms(client, zero_query, who):
    users = {
        "anonymous": None,
        "member": make_partner_member("medlem-nulresultater"),
        "outsider": make_user("udenforstaaende-nulresultater"),
    }
    user = users[who]
    if user is not None:
        client.force_login(user)
    assert zero_result_actions(user or AnonymousUser()) == {}
    for url in (
        "/admin/",
        "/admin/snippets/portal_search/synonymgroup/add/",
        "/admin/soegning/promovering/ny/",
    ):
        response = client.get(url, {"q": QUERY})
        assert response.status_code == 302
        assert "/login/" in response.url
        assert QUERY not in response.content.decode()
