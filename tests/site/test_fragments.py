"""Cached fragments (core.fragments): a publish shows at once, the cache
never hands partners-only content to another audience, a draft preview is
never stored, and what belongs to one visitor (the save state, the feedback
thanks, the form tokens) stays theirs. The fragments are what makes a page
cheap (issue 13): the home page, the partner pages, the tool page's parts,
the tool and case listings and every page's head tags."""

import re

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

import pytest

from core.access import MEMBERS_GROUP
from core.choices import Access
from core.fragments import (
    content_changed,
    content_generation,
)
from core.models.generation import ContentGeneration
from core.models.partners import PARTNER_PAGE_SIZE
from search.models import ZeroResultQuery
from tests.factories import (
    home_page,
    make_case,
    make_document,
    make_partner,
    make_partner_member,
    make_tool,
    make_user,
    partner_index,
)
from tests.site.content import build_site
from toolbox.models import ToolPage

pytestmark = pytest.mark.django_db


def text(response):
    assert response.status_code == 200
    return response.content.decode()


JSON_LD = re.compile(r'<script type="application/ld\+json"[^>]*>(.*?)</script>')


def json_ld_of(html):
    return JSON_LD.search(html)[1]


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        text(client.get(url))
    return len(queries)


@pytest.fixture
def site():
    """The small site of the page tests, in a test transaction."""
    return build_site()


# The home page and the partner pages


def test_a_published_case_shows_on_the_warm_home_page_at_once(client, site_tree):
    home_page()
    first = make_case(title="Første case på forsiden")
    assert first.title in text(client.get("/"))

    second = make_case(title="Anden case, udgivet efter cachen blev varm")
    assert second.title in text(client.get("/"))

    second.unpublish()
    assert second.title not in text(client.get("/"))


def test_a_published_hero_text_shows_on_the_warm_home_page_at_once(client, site):
    assert "Pagten i tal" in text(client.get("/"))
    home = home_page()
    home.hero_text = "En ny indledning, udgivet lige nu."
    home.save_revision().publish()
    assert "En ny indledning, udgivet lige nu." in text(client.get("/"))


def test_a_change_writes_a_new_generation_to_the_database():
    """Every process reads the generation from the database, so a change is
    seen by all of them when its transaction commits, and not before."""
    before = content_generation()
    content_changed()
    after = content_generation()
    assert after != before
    assert ContentGeneration.objects.get().value == after


def test_a_partner_page_cached_for_a_member_leaks_nothing_to_others(client, site_tree):
    partner_index()
    partner = make_partner("Cachepartner A/S")
    make_tool(partner, title="Offentlig tjekliste")
    make_tool(partner, title="Hemmelig skabelon", access=Access.PARTNERS)

    member = make_partner_member()
    client.force_login(member)
    assert "Hemmelig skabelon" in text(client.get(partner.url))
    client.logout()

    anonymous = text(client.get(partner.url))
    assert "Offentlig tjekliste" in anonymous
    assert "Hemmelig skabelon" not in anonymous

    client.force_login(make_user("udenfor"))
    outsider = text(client.get(partner.url))
    assert "Offentlig tjekliste" in outsider
    assert "Hemmelig skabelon" not in outsider


def test_a_partner_page_pages_its_tools(client, site_tree):
    partner_index()
    partner = make_partner("Mange værktøjer ApS")
    total = PARTNER_PAGE_SIZE + 3
    for number in range(total):
        make_tool(partner, title=f"Værktøj nummer {number:03d}")

    def tools_on(url):
        # A card names its tool more than once (link, hidden button text).
        found = re.findall(r"Værktøj nummer \d{3}", text(client.get(url)))
        return list(dict.fromkeys(found))

    first = text(client.get(partner.url))
    assert f"{total} værktøjer" in first
    assert "Side 1 af 2" in first
    assert len(tools_on(partner.url)) == PARTNER_PAGE_SIZE
    second = tools_on(f"{partner.url}?vaerktoejer-side=2")
    assert len(second) == 3
    assert second[-1] == f"Værktøj nummer {total - 1:03d}"
    # Junk and out-of-range numbers give a page, never an error.
    assert len(tools_on(f"{partner.url}?vaerktoejer-side=abc")) == PARTNER_PAGE_SIZE
    assert tools_on(f"{partner.url}?vaerktoejer-side=999") == second


def test_save_buttons_in_a_cached_fragment_work_for_the_next_visitor(site_tree):
    """Cards carry no CSRF token of their own: a cached card posts the
    page's form, whose token is the current visitor's."""
    from django.test import Client

    from toolbox import saved

    partner_index()
    partner = make_partner("Gemmepartner")
    tool = make_tool(partner, title="Værktøj at gemme")
    assert text(Client().get(partner.url))  # warms the fragment

    visitor = Client(enforce_csrf_checks=True)
    html = text(visitor.get(partner.url))
    form = re.search(r'<form id="save-tool-form".*?</form>', html, re.S).group(0)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    action = f"/vaerktoejer/{tool.pk}/gem/"
    assert f'form="save-tool-form" formaction="{action}"' in html

    response = visitor.post(action, {"csrfmiddlewaretoken": token, "next": partner.url})
    assert response.status_code == 302
    assert visitor.session[saved.SESSION_KEY] == [tool.pk]


# The tool page


def test_a_published_change_shows_on_a_warm_tool_page_at_once(client, site):
    tool = site.tool
    assert "Bruges i 1 case" in text(client.get(tool.url))

    page = ToolPage.objects.get(pk=tool.pk)
    page.title = "Tjekliste til sidemandsoplæring, 2. udgave"
    page.save_revision().publish()
    make_case(site.other_partner, title="Ny case med tjeklisten", tools=[tool])
    related = make_tool(
        site.other_partner,
        title="Nyt beslægtet værktøj til sidemandsoplæring",
        sectors=[site.sector],
        themes=list(tool.themes.all()),
        audiences=list(tool.audiences.all()),
    )

    html = text(client.get(tool.url))
    assert '<h1 id="tool-title">Tjekliste til sidemandsoplæring, 2. udgave</h1>' in html
    assert 'content="Tjekliste til sidemandsoplæring, 2. udgave"' in html  # og:title
    assert "2. udgave" in json_ld_of(html)
    assert "Bruges i 2 cases" in html
    assert "Ny case med tjeklisten" in html
    assert related.title in html


def test_a_tool_page_warmed_by_a_member_leaks_nothing_to_others(client, site):
    """The related-tools box of a public tool names a partners-only tool for
    a member; the cached box must not reach anyone else."""
    member = make_user(groups=[MEMBERS_GROUP])
    client.force_login(member)
    assert site.partners_tool.title in text(client.get(site.tool.url))
    # The partners-only tool's own page is now cached for partners, too.
    assert site.partners_tool.title in text(client.get(site.partners_tool.url))
    client.logout()

    anonymous = text(client.get(site.tool.url))
    assert site.tool.title in anonymous
    assert site.partners_tool.title not in anonymous
    assert client.get(site.partners_tool.url).status_code == 302  # to log in

    client.force_login(make_user("udenfor-vaerktoej"))
    outsider = text(client.get(site.tool.url))
    assert site.partners_tool.title not in outsider
    assert client.get(site.partners_tool.url).status_code == 403


def test_the_save_state_and_feedback_thanks_stay_with_their_visitor(site):
    tool = site.tool
    saver = Client()
    text(saver.get(tool.url))  # warms every fragment
    saver.post(f"/vaerktoejer/{tool.pk}/gem/", {"next": tool.url})
    assert "Gemt i min værktøjskasse" in text(saver.get(tool.url))

    other = Client(enforce_csrf_checks=True)
    html = text(other.get(tool.url))
    assert "Gemt i min værktøjskasse" not in html
    assert f'action="/vaerktoejer/{tool.pk}/gem/"' in html

    # The feedback form carries this visitor's own token, so it posts.
    form = re.search(r"<form [^>]*data-feedback-form>.*?</form>", html, re.S)[0]
    action = re.search(r'action="([^"]+)"', form)[1]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)[1]
    response = other.post(
        action, {"csrfmiddlewaretoken": token, "helpful": "ja"}, follow=True
    )
    assert "Tak for din tilbagemelding!" in text(response)
    assert "Tak for din tilbagemelding!" not in text(saver.get(tool.url))


def test_a_draft_preview_is_neither_served_from_nor_stored_in_the_cache(client, site):
    tool = site.tool
    text(client.get(tool.url))  # warms the live page's fragments

    draft = ToolPage.objects.get(pk=tool.pk)
    draft.title = "Kladde som ingen besøgende må se"
    draft.summary = "Et resumé, der kun findes i kladden."
    preview = draft.save_revision().as_object().make_preview_request()
    preview = preview.content.decode()
    assert '<h1 id="tool-title">Kladde som ingen besøgende må se</h1>' in preview
    assert 'content="Et resumé, der kun findes i kladden."' in preview

    live = text(client.get(tool.url))
    assert "Kladde" not in live
    assert "kun findes i kladden" not in live
    assert tool.title in live


def test_head_tags_follow_the_host_they_were_asked_for(client, site):
    first = text(client.get(site.tool.url, HTTP_HOST="en.example.dk"))
    second = text(client.get(site.tool.url, HTTP_HOST="to.example.dk"))
    assert f'<link rel="canonical" href="http://en.example.dk{site.tool.url}">' in first
    assert (
        f'<link rel="canonical" href="http://to.example.dk{site.tool.url}">' in second
    )
    assert "en.example.dk" not in second


def test_a_warm_tool_page_reads_none_of_its_relations(client, site):
    """Warm, the page's content comes from the fragments: no relations,
    related tools, cases or downloads are read again."""
    cold = queries_for(client, site.tool.url)
    warm = queries_for(client, site.tool.url)
    assert warm <= cold - 8, (cold, warm)


# The tool and case listings


@pytest.mark.parametrize(
    "path", ["/vaerktoejer/", "/vaerktoejer/?sektor=produktion"], ids=["all", "sector"]
)
def test_a_listing_warmed_by_a_member_leaks_nothing_and_shows_a_publish(
    client, site, path
):
    member = make_user(groups=[MEMBERS_GROUP])
    client.force_login(member)
    assert site.partners_tool.title in text(client.get(path))
    client.logout()

    assert site.partners_tool.title not in text(client.get(path))
    client.force_login(make_user("udenfor-liste"))
    assert site.partners_tool.title not in text(client.get(path))

    new = make_tool(
        site.partner, title="Helt nyt værktøj i kataloget", sectors=[site.sector]
    )
    assert new.title in text(client.get(path))


def test_a_case_listing_shows_a_publish_at_once(client, site):
    assert site.case.title in text(client.get("/cases/"))
    new = make_case(site.other_partner, title="Helt ny case i oversigten")
    assert new.title in text(client.get("/cases/"))


def test_a_listing_is_served_from_the_cache_only_for_its_own_links(client, site):
    own = "/vaerktoejer/?sektor=produktion"
    queries_for(client, own)
    warm = queries_for(client, own)

    # Another spelling of the same listing is answered, never stored.
    made_up = "/vaerktoejer/?sektor=produktion&kampagne=nyhedsbrev"
    assert site.tool.title in text(client.get(made_up))
    searched = queries_for(client, made_up)
    assert searched > warm
    assert queries_for(client, made_up) == searched


def test_a_listing_with_a_query_is_searched_and_logged_every_time(client, site):
    path = "/vaerktoejer/?q=tidsmaskiner+paa+fabrikken"
    for _ in range(2):
        assert "0 resultater" in text(client.get(path))
    assert ZeroResultQuery.objects.get(query_string__contains="tidsmaskiner").hits == 2


def test_a_renamed_document_shows_on_the_warm_tool_page_at_once(client, site):
    document = make_document("Skabelon til tavlemøder")
    tool = make_tool(title="Værktøj med skabelon", documents=[document])
    assert "Skabelon til tavlemøder" in text(client.get(tool.url))
    document.title = "Skabelon til tavlemøder, 2. udgave"
    document.save()
    assert "Skabelon til tavlemøder, 2. udgave" in text(client.get(tool.url))
