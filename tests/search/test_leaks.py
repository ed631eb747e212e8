"""Nothing a user may not see reaches them through search, on either
backend: not pages behind Wagtail's own privacy settings, not partners-only
words through "Mente du". Each channel is asked as an anonymous visitor and
as a signed-in user outside the partner circle."""

from django.test import Client

from wagtail.models import PageViewRestriction

import pytest

from core.choices import Access
from search.client import admin_client, alias_name
from search.service import autocomplete, get_backend, search
from tests.factories import case_index, make_case, make_tool, make_user

# A made-up word that exists only in one partners-only tool.
CANARY = "zyxkvarbel"
CANARY_TYPO = "zyxkvarbol"
PRIVATE_WORD = "ovnstyring"


@pytest.fixture(scope="module")
def leaks(search_backend, django_db_blocker):
    """Pages behind a login restriction and a partners-only canary, added to
    the module's data set (and its index)."""
    name, data = search_backend
    with django_db_blocker.unblock():
        private_tool = make_tool(
            data.partners["nord"],
            title="Lukket forløb om ovnstyring",
            summary="Kun for dem med login: ovnstyring trin for trin.",
            sectors=[data.sectors["produktion"]],
        )
        PageViewRestriction.objects.create(
            page=private_tool, restriction_type=PageViewRestriction.LOGIN
        )
        private_case = make_case(
            data.partners["nord"],
            title="Lukket case om ovnstyring",
            summary="Ovnstyring i praksis, bag login.",
        )
        PageViewRestriction.objects.create(
            page=private_case, restriction_type=PageViewRestriction.LOGIN
        )
        canary = make_tool(
            data.partners["nord"],
            title=f"Metoden {CANARY} til robotceller",
            summary=f"Intern metode: {CANARY} for robotceller.",
            access=Access.PARTNERS,
        )
        outsider = make_user("udenforstaaende")
        case_index()
        if name == "elasticsearch":
            from search import indexing

            indexing.rebuild(progress=False)
    return {
        "private": [private_tool, private_case],
        "canary": canary,
        "outsider": outsider,
        "member": data.member,
    }


@pytest.fixture(params=["anonymous", "outsider"])
def viewer(request, leaks):
    return None if request.param == "anonymous" else leaks["outsider"]


def client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_private_pages_are_never_found(backend, leaks, viewer, db):
    for user in (viewer, leaks["member"]):
        results = search(PRIVATE_WORD, user=user, log=False)
        assert results.total == 0
        assert not results.hits
        assert autocomplete("lukket", user) == []


def test_private_pages_stay_out_of_every_page(backend, leaks, viewer, db):
    client = client_for(viewer)
    titles = [page.title for page in leaks["private"]]
    for url, params in (
        ("/soeg/", {"q": PRIVATE_WORD}),
        ("/soeg/forslag/", {"q": "lukket"}),
        ("/vaerktoejer/", {"q": PRIVATE_WORD}),
        ("/vaerktoejer/", {}),
        ("/cases/", {"q": PRIVATE_WORD}),
        ("/cases/", {}),
        ("/feeds/vaerktoejer/", {"q": PRIVATE_WORD}),
        (leaks["private"][0].get_parent().url, {}),
    ):
        response = client.get(url, params)
        assert response.status_code == 200, url
        body = response.content.decode()
        for title in titles:
            assert title not in body, url


def test_private_pages_are_not_indexed(backend, leaks, db):
    if backend != "elasticsearch":
        pytest.skip("only the Elasticsearch backend has an index")
    client = admin_client()
    for page in leaks["private"]:
        kind = "tool" if page.specific_class.__name__ == "ToolPage" else "case"
        assert not client.exists(index=alias_name(), id=f"{kind}-{page.pk}")
    assert client.exists(index=alias_name(), id=f"tool-{leaks['canary'].pk}")


def test_spelling_uses_only_words_the_user_may_see(backend, leaks, viewer, db):
    engine = get_backend(backend)
    assert CANARY not in engine.spelling(CANARY_TYPO, viewer)
    # The same typo, asked by a partner, is corrected to the canary word.
    assert engine.spelling(CANARY_TYPO, leaks["member"]) == CANARY


def test_did_you_mean_never_shows_a_partners_only_word(backend, leaks, viewer, db):
    results = search(CANARY_TYPO, user=viewer, log=False)
    assert results.corrected_query != CANARY
    assert not results.hits
    body = client_for(viewer).get("/soeg/", {"q": CANARY_TYPO}).content.decode()
    assert CANARY not in body.lower()
    member = client_for(leaks["member"]).get("/soeg/", {"q": CANARY_TYPO})
    assert CANARY in member.content.decode().lower()
