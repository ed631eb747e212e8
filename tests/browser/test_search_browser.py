"""The search flow in a real browser: type a query, see suggestions, tick a
sector, see the counts change, open a tool."""

import re

from django.test import override_settings

import pytest
from playwright.sync_api import expect

from tests.factories import make_case, make_partner, make_sector, make_tool

pytestmark = pytest.mark.browser


@pytest.fixture
def catalogue(site_tree):
    production = make_sector("Produktion og fremstilling", slug="produktion")
    health = make_sector("Sundhed og omsorg", slug="sundhed")
    partner = make_partner("Fabrik Vest A/S", sectors=[production])
    tool = make_tool(
        partner,
        title="Sidemandsoplæring ved båndet",
        summary="Sådan lærer erfarne kolleger nye op ved båndet.",
        sectors=[production],
    )
    make_tool(
        title="Sidemandsoplæring i plejen",
        summary="Oplæring af nye kolleger i ældreplejen.",
        sectors=[health],
    )
    make_case(partner, title="Fabrik Vest om sidemandsoplæring", sectors=[production])
    return tool


@override_settings(SEARCH_BACKEND="database")
def test_search_suggest_facet_and_open(catalogue, live_server, page):
    page.goto(f"{live_server.url}/soeg/")
    box = page.locator("#search-query")
    box.press_sequentially("sidemand", delay=30)

    expect(box).to_have_attribute("aria-expanded", "true")
    listbox = page.locator(f"#{box.get_attribute('aria-controls')}")
    options = listbox.get_by_role("option")
    expect(options).to_have_count(3)
    box.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", re.compile("option-0"))
    box.press("Escape")
    expect(box).to_have_attribute("aria-expanded", "false")
    box.press("Enter")

    count = page.locator(".results__count")
    expect(count).to_contain_text("3 resultater")
    type_facet = page.locator("fieldset", has=page.locator("legend", has_text="Type"))
    expect(type_facet).to_contain_text("Værktøj (2")

    page.get_by_label(re.compile("Produktion og fremstilling")).check()
    expect(count).to_contain_text("2 resultater")
    expect(type_facet).to_contain_text("Værktøj (1")
    expect(page).to_have_url(re.compile("sektor=produktion"))
    expect(page.get_by_label(re.compile("Produktion og fremstilling"))).to_be_focused()

    page.get_by_role("link", name=catalogue.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(catalogue.title)
