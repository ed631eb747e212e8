"""The visitor's search flows in chromium, on the real Elasticsearch: pick a
suggestion and download the tool's file; filter by sector; and the same
with the keyboard alone."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.factories import make_document, make_partner, make_sector, make_tool
from tests.search.conftest import clear_search_caches, es_settings

pytestmark = pytest.mark.browser


@pytest.fixture
def es_catalogue(elasticsearch_url, site_tree):
    clear_search_caches()
    with es_settings(elasticsearch_url):
        from search import indexing

        indexing.rebuild(progress=False)
        production = make_sector("Produktion og fremstilling", slug="produktion")
        health = make_sector("Sundhed og omsorg", slug="sundhed")
        partner = make_partner("Fabrik Vest A/S", sectors=[production])
        sheet = make_document(
            "Oplæringsskema",
            content=b"Trin;Ansvarlig\nVis maskinen;Mentor\n",
            filename="oplaeringsskema.csv",
        )
        tool = make_tool(
            partner,
            title="Sidemandsoplæring ved båndet",
            summary="Sådan lærer erfarne kolleger nye op ved båndet.",
            sectors=[production],
            documents=[sheet],
        )
        make_tool(
            title="Sidemandsoplæring i plejen",
            summary="Oplæring af nye kolleger i ældreplejen.",
            sectors=[health],
        )
        make_tool(
            title="Sidemandsoplæring på lageret",
            summary="Oplæring af nye kolleger på lageret.",
            sectors=[health],
        )
        # Live indexing ran on publish; make the documents visible now.
        indexing.refresh()
        try:
            yield tool
        finally:
            indexing.delete_all()
            clear_search_caches()


def test_pick_a_suggestion_and_download_the_file(es_catalogue, live_server, page):
    page.goto(f"{live_server.url}/soeg/")
    box = page.locator("#search-query")
    box.press_sequentially("sidemand", delay=30)
    listbox = page.locator(f"#{box.get_attribute('aria-controls')}")
    option = listbox.get_by_role("option", name=re.compile("ved båndet"))
    expect(option).to_be_visible()
    option.click()

    expect(page.get_by_role("heading", level=1)).to_have_text(es_catalogue.title)
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Oplæringsskema")).click()
    assert download.value.suggested_filename.endswith(".csv")
    assert "Vis maskinen" in Path(download.value.path()).read_text(encoding="utf-8")


def test_tick_a_sector_and_see_counts_and_results_change(
    es_catalogue, live_server, page
):
    page.goto(f"{live_server.url}/soeg/?q=sidemandsoplæring")
    count = page.locator(".results__count")
    expect(count).to_contain_text("3 resultater")
    sector_facet = page.locator(
        "fieldset", has=page.locator("legend", has_text="Sektor")
    )
    expect(sector_facet).to_contain_text("Sundhed og omsorg (2")

    page.get_by_label(re.compile("Produktion og fremstilling")).check()
    expect(count).to_contain_text("1 resultat")
    expect(page).to_have_url(re.compile("sektor=produktion"))
    # The sector facet keeps counting without its own filter.
    expect(sector_facet).to_contain_text("Sundhed og omsorg (2")
    results = page.locator(".results")
    expect(results).not_to_contain_text("i plejen")

    results.get_by_role("link", name=es_catalogue.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(es_catalogue.title)


def tab_until(page, predicate, limit=60):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(predicate):
            return True
    return False


def test_keyboard_only_skip_link_suggestion_and_facet(es_catalogue, live_server, page):
    page.goto(f"{live_server.url}/soeg/")
    page.keyboard.press("Tab")
    expect(page.locator("a.skip-link")).to_be_focused()
    page.keyboard.press("Enter")
    assert tab_until(page, "document.activeElement.id === 'search-query'")

    page.keyboard.type("sidemand", delay=30)
    box = page.locator("#search-query")
    expect(box).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", re.compile("option-0"))
    page.keyboard.press("Enter")
    expect(page).not_to_have_url(re.compile("/soeg/"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sidemandsoplæring")

    page.goto(f"{live_server.url}/soeg/?q=sidemandsoplæring")
    count = page.locator(".results__count")
    expect(count).to_contain_text("3 resultater")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert tab_until(
        page,
        "document.activeElement.value === 'sundhed' && "
        "document.activeElement.type === 'checkbox'",
    )
    page.keyboard.press("Space")
    expect(count).to_contain_text("2 resultater")
    expect(page).to_have_url(re.compile("sektor=sundhed"))
