"""The catalogue on a phone and the printed tool sheet, in chromium: at
375 x 667 the first tool shows on the first screen with the filters folded
behind a "Filtre" button, a tool's facts come before its related tools, and
the printed sheet keeps every step title whole."""

import io
import re

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PHONE = {"width": 375, "height": 667}
DESKTOP = {"width": 1280, "height": 900}
STEP_TITLES = ["Forbered", "Afhold workshoppen", "Aftal næste skridt"]


@pytest.fixture
def site(site_content):
    from tests.factories import make_sector, make_theme, make_tool

    # The demo's workshop steps, whose first letters the step numbers once
    # covered in print ("rbered", "hold workshoppen").
    site_content.sheet_tool = make_tool(
        site_content.partner,
        title="Workshop om AI ved linjen",
        summary="En workshop i tre trin for hold på produktionsgulvet.",
        # Enough taxonomy for a long facet column, as on the real site.
        sectors=[site_content.sector]
        + [make_sector(f"Sektor {n}", slug=f"sektor-{n}") for n in range(6)],
        themes=[make_theme(f"Tema {n}", slug=f"tema-{n}") for n in range(6)],
        body=[
            {
                "type": "steps",
                "value": {
                    "heading": "Sådan gør I",
                    "steps": [
                        {
                            "heading": title,
                            "text": "<p>Gør det sammen.</p>",
                            "minutes": 15,
                        }
                        for title in STEP_TITLES
                    ],
                },
            }
        ],
    )
    # The demo's intro: the first screen must hold it too.
    from portal.demo.content import TOOL_INDEX_INTRO
    from toolbox.models import ToolIndexPage

    ToolIndexPage.objects.update(intro=TOOL_INDEX_INTRO)
    return site_content


def visible_checkboxes(page):
    return page.locator(".facets input[type=checkbox]").evaluate_all(
        "boxes => boxes.filter(box => box.checkVisibility()).length"
    )


def expanded_state(page, name):
    """The expanded state chromium gives a button in its accessibility tree,
    as a screen reader gets it."""
    session = page.context.new_cdp_session(page)
    nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    for node in nodes:
        if node.get("role", {}).get("value") != "button":
            continue
        if not node.get("name", {}).get("value", "").startswith(name):
            continue
        for prop in node.get("properties", []):
            if prop["name"] == "expanded":
                return prop["value"]["value"]
        return None
    raise AssertionError(f"no button {name!r}")


def test_phone_listing_shows_a_result_first_and_folds_the_filters(
    page, live_server, site
):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/vaerktoejer/")

    first_hit = page.locator(".hit-list > li").first.bounding_box()
    # The card's top and its title's first line are on the first screen.
    assert 0 <= first_hit["y"] < PHONE["height"] - 40, first_hit
    checkboxes = page.locator(".facets input[type=checkbox]")
    assert checkboxes.count() > 10
    assert visible_checkboxes(page) == 0

    toggle = page.get_by_role("button", name=re.compile("^Filtre"))
    assert toggle.is_visible()
    assert expanded_state(page, "Filtre") is False
    toggle.focus()
    page.keyboard.press("Enter")
    assert visible_checkboxes(page) == checkboxes.count()
    assert expanded_state(page, "Filtre") is True
    page.keyboard.press("Escape")
    assert visible_checkboxes(page) == 0

    # Ticking a filter updates the results in place: the panel stays open
    # with the box still focused, and the button counts the active filter.
    toggle.click()
    box = checkboxes.first
    box_id = box.get_attribute("id")
    box.check()
    page.wait_for_url(re.compile(r"\?.+="))
    expect(page.locator(f"#{box_id}")).to_be_focused()
    assert page.locator(f"#{box_id}").is_checked()
    assert page.locator(f"#{box_id}").is_visible()
    expect(
        page.get_by_role("button", name="Filtre (1 aktivt)", exact=True)
    ).to_be_visible()
    page.get_by_role("button", name="Luk filtre").click()
    assert visible_checkboxes(page) == 0


def test_phone_listing_without_javascript_folds_the_filters_too(
    browser, live_server, site
):
    context = browser.new_context(
        locale="da-DK", java_script_enabled=False, viewport=PHONE
    )
    page = context.new_page()
    try:
        page.goto(live_server.url + "/vaerktoejer/")
        assert page.locator(".hit-list > li").first.bounding_box()["y"] < 627
        assert visible_checkboxes(page) == 0
        page.get_by_role("button", name=re.compile("^Filtre")).click()
        assert visible_checkboxes(page) > 10

        page.goto(live_server.url + "/vaerktoejer/?sektor=produktion")
        assert visible_checkboxes(page) == 0
        toggle = page.get_by_role("button", name="Filtre (1 aktivt)", exact=True)
        assert toggle.is_visible()
    finally:
        context.close()


def test_wide_listing_shows_the_filters_without_a_button(page, live_server, site):
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + "/vaerktoejer/")
    checkboxes = page.locator(".facets input[type=checkbox]")
    assert visible_checkboxes(page) == checkboxes.count() > 10
    assert not page.locator(".facets__toggle").is_visible()
    assert not page.locator(".facets__close").is_visible()
    # The facets stay beside the results.
    facets = page.locator(".facets").bounding_box()
    results = page.locator(".results").bounding_box()
    assert facets["x"] + facets["width"] <= results["x"]


def test_phone_tool_page_puts_the_facts_before_related_tools(page, live_server, site):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + site.tool.url)
    facts = page.locator(".panel--facts").bounding_box()
    related = page.locator(".related").bounding_box()
    summary = page.locator(".detail__header").bounding_box()
    assert summary["y"] < facts["y"] < related["y"]
    # Right after the summary: above the body and the floor panel.
    body = page.locator(".detail__body").bounding_box()
    assert facts["y"] < body["y"]


def test_wide_tool_page_keeps_the_facts_beside_the_body(page, live_server, site):
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + site.tool.url)
    facts = page.locator(".panel--facts").bounding_box()
    body = page.locator(".detail__body").bounding_box()
    assert facts["x"] >= body["x"] + body["width"]
    assert facts["y"] < body["y"] + body["height"]


def pdf_text(page):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    return "\n".join(pdf_page.extract_text() for pdf_page in reader.pages)


def test_printed_tool_sheet_keeps_step_titles_whole(page, live_server, site):
    page.goto(live_server.url + site.sheet_tool.url)
    page.emulate_media(media="print")
    # Nothing covers a title's first letters: the point there belongs to the
    # title, not to the step number drawn by its list item.
    covered = page.locator(".steps__title").evaluate_all(
        """titles => titles.filter(title => {
             const r = title.getBoundingClientRect();
             const hit = document.elementFromPoint(r.left + 3, r.top + r.height / 2);
             return !title.contains(hit);
           }).map(title => title.textContent.trim())"""
    )
    assert covered == []

    # In the sheet's text each title follows its number, whole: a number
    # laid over the title's first letters comes out after the step instead.
    text = pdf_text(page)
    for number, title in enumerate(STEP_TITLES, start=1):
        assert re.search(rf"{number}\s*{re.escape(title)} \(15 minutter\)", text), text
    assert "Var dette værktøj nyttigt?" not in text
    assert "Relaterede værktøjer" not in text
    assert "Hentet fra" in text


def test_printed_listing_hides_filters_and_navigation(page, live_server, site):
    page.goto(live_server.url + "/vaerktoejer/")
    text = pdf_text(page)
    assert site.tool.title in text
    assert "Filtre" not in text
    assert "Afgræns resultaterne" not in text
    assert "Sortér efter" not in text
