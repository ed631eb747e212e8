"""What a partner editor sees of other partners' work in the admin's
choosers and admin API (core.admin_scope, core.wagtail_hooks)."""

from wagtail.documents import get_document_model

import pytest

from core.choices import Access
from core.roles import partner_collection
from tests.factories import (
    make_case,
    make_document,
    make_editor,
    make_image,
    make_partner,
    make_partner_editor,
    make_tool,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def partners():
    """Partner A and partner B, each with a draft, a public tool and a
    partners-only tool; the titles are unique words for the chooser search."""
    partner_a = make_partner("Fabrik Alfa")
    partner_b = make_partner("Fabrik Beta")
    make_tool(partner_a, title="Alfakladde værktøj", publish=False)
    make_tool(partner_a, title="Alfalukket værktøj", access=Access.PARTNERS)
    make_tool(partner_b, title="Betakladde værktøj", publish=False)
    make_case(partner_b, title="Betakladde case", publish=False)
    make_tool(partner_b, title="Betalukket værktøj", access=Access.PARTNERS)
    make_tool(partner_b, title="Betaoffentlig værktøj")
    return partner_a, partner_b


def in_collection(item, partner):
    item.collection = partner_collection(partner, partner.editor_group)
    item.save()
    return item


def browse(client, parent=None):
    url = f"/admin/choose-page/{parent.pk}/" if parent else "/admin/choose-page/"
    response = client.get(url)
    assert response.status_code == 200
    return response.json()["html"]


def search(client, query):
    response = client.get("/admin/choose-page/search/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_chooser_browse_hides_other_partners_drafts(client, partners):
    partner_a, partner_b = partners
    client.force_login(make_partner_editor(partner_a))

    other = browse(client, partner_b)
    assert "Betaoffentlig værktøj" in other
    assert "Betakladde" not in other
    assert "Betalukket" not in other

    own = browse(client, partner_a)
    assert "Alfakladde værktøj" in own
    assert "Alfalukket værktøj" in own
    assert "Fabrik Beta" in browse(client, partner_b.get_parent())


def test_chooser_cannot_browse_into_another_partners_draft(client, partners):
    partner_a, partner_b = partners
    draft = partner_b.get_children().get(title="Betakladde værktøj")
    client.force_login(make_partner_editor(partner_a))

    response = client.get(f"/admin/choose-page/{draft.pk}/")

    assert response.status_code == 404
    assert "Betakladde" not in response.content.decode()


def test_chooser_search_hides_other_partners_drafts(client, partners):
    partner_a, _ = partners
    client.force_login(make_partner_editor(partner_a))

    assert "Alfakladde værktøj" in search(client, "Alfakladde")
    assert "Betaoffentlig værktøj" in search(client, "Betaoffentlig")
    assert "Betakladde" not in search(client, "Betakladde")
    assert "Betalukket" not in search(client, "Betalukket")


def test_an_editor_sees_every_page_in_the_chooser(client, partners):
    _, partner_b = partners
    client.force_login(make_editor())

    assert "Betakladde værktøj" in browse(client, partner_b)
    assert "Betakladde case" in search(client, "Betakladde")


@pytest.fixture
def documents(partners):
    partner_a, partner_b = partners
    own = in_collection(make_document("Alfa tjekliste"), partner_a)
    other = in_collection(make_document("Beta prisliste"), partner_b)
    return own, other


def api_titles(client, endpoint):
    response = client.get(f"/admin/api/main/{endpoint}/", {"limit": 20})
    assert response.status_code == 200
    return {item["title"] for item in response.json()["items"]}


def test_admin_documents_api_lists_only_the_partners_documents(
    client, partners, documents
):
    partner_a, _ = partners
    own, other = documents
    client.force_login(make_partner_editor(partner_a))

    assert api_titles(client, "documents") == {own.title}
    detail = client.get(f"/admin/api/main/documents/{other.pk}/")
    assert detail.status_code == 404


def test_document_chooser_lists_only_the_partners_documents(
    client, partners, documents
):
    partner_a, _ = partners
    own, other = documents
    client.force_login(make_partner_editor(partner_a))

    html = client.get("/admin/documents/chooser/").json()["html"]

    assert own.title in html
    assert other.title not in html


def test_an_editor_sees_every_document_in_the_admin_api(client, documents):
    client.force_login(make_editor())

    titles = api_titles(client, "documents")

    assert {document.title for document in documents} <= titles
    assert titles == set(get_document_model().objects.values_list("title", flat=True))


def test_partner_editor_chooses_only_the_partners_images(client, partners):
    partner_a, partner_b = partners
    own = in_collection(make_image("Alfa robotarm"), partner_a)
    other = in_collection(make_image("Beta svejsecelle"), partner_b)
    client.force_login(make_partner_editor(partner_a))

    html = client.get("/admin/images/chooser/").json()["html"]
    assert own.title in html
    assert other.title not in html
    assert api_titles(client, "images") == {own.title}


# The admin's reports

REPORTS = [
    "/admin/reports/locked/",
    "/admin/reports/locked/results/",
    "/admin/reports/workflow/",
    "/admin/reports/workflow/results/",
    "/admin/reports/workflow_tasks/",
    "/admin/reports/workflow_tasks/results/",
    "/admin/reports/site-history/",
    "/admin/reports/site-history/results/",
    "/admin/reports/aging-pages/",
    "/admin/reports/aging-pages/results/",
    "/admin/reports/page-types-usage/",
    "/admin/reports/page-types-usage/results/",
]


def test_no_report_shows_a_partner_editor_another_partners_drafts(client, partners):
    partner_a, partner_b = partners
    client.force_login(make_partner_editor(partner_a))
    for url in REPORTS:
        response = client.get(url)
        assert response.status_code in (200, 302, 403), url
        html = response.content.decode()
        assert "Betakladde" not in html, url
        assert "Betalukket" not in html, url


def test_the_page_types_report_is_for_editors(client, partners):
    partner_a, _partner_b = partners
    client.force_login(make_partner_editor(partner_a))
    # Wagtail's admin answers a refusal with a redirect to the dashboard.
    refused = client.get("/admin/reports/page-types-usage/results/")
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    menu = client.get("/admin/").content.decode()
    assert "/admin/reports/page-types-usage/" not in menu

    client.force_login(make_editor())
    response = client.get("/admin/reports/page-types-usage/")
    assert response.status_code == 200
    assert "Betakladde case" in response.content.decode()


def test_the_page_types_report_sends_anonymous_visitors_to_the_login(client):
    response = client.get("/admin/reports/page-types-usage/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
