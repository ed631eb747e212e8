"""Cached fragments (portal.fragments): a publish shows at once, the cache
never hands partners-only content to another audience, and a partner page
with many items is paged (issue 13)."""

import re

from django.core.cache import cache

import pytest

from portal.choices import Access
from portal.models.partners import PARTNER_PAGE_SIZE
from tests.factories import (
    home_page,
    make_case,
    make_partner,
    make_partner_member,
    make_tool,
    make_user,
    partner_index,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def text(response):
    assert response.status_code == 200
    return response.content.decode()


def test_a_published_case_shows_on_the_warm_home_page_at_once(client, site_tree):
    home_page()
    first = make_case(title="Første case på forsiden")
    assert first.title in text(client.get("/"))

    second = make_case(title="Anden case, udgivet efter cachen blev varm")
    assert second.title in text(client.get("/"))

    second.unpublish()
    assert second.title not in text(client.get("/"))


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

    response = visitor.post(
        action, {"csrfmiddlewaretoken": token, "next": partner.url}
    )
    assert response.status_code == 302
    assert visitor.session[saved.SESSION_KEY] == [tool.pk]
