"""Min værktøjskasse and Sammenlign in chromium: save from a card, open the
list, pick two tools and see the grid; the listing's boxes survive the
search form's live updates."""

import pytest

from tests.factories import make_partner, make_tool

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BLOCKING_IMPACTS = {"serious", "critical"}


def axe_violations(page, axe_path):
    page.evaluate(axe_path.read_text())
    results = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations']})"
    )
    return [
        f"[{v['impact']}] {v['id']}: {[node['target'] for node in v['nodes']]}"
        for v in results["violations"]
        if v["impact"] in BLOCKING_IMPACTS
    ]


def grid_columns(page):
    table = page.get_by_role("table")
    table.wait_for()
    return [
        " ".join(text.split()) for text in table.locator("thead th").all_inner_texts()
    ]


def test_save_from_cards_then_compare_from_the_list(page, live_server, axe_path):
    partner = make_partner(title="Fabrikken A/S")
    make_tool(partner, title="Tjekliste til første vagt", minutes_needed=10)
    make_tool(partner, title="Promptkort til vedligehold", price="betalt")
    make_tool(partner, title="Tredje værktøj")

    page.goto(live_server.url + partner.url)
    for title in ("Tjekliste til første vagt", "Promptkort til vedligehold"):
        page.get_by_role("button", name=f"Gem i min værktøjskasse ({title})").click()
        page.wait_for_load_state()
        # Back on the same page, which says so (cards are the same for
        # every visitor: they sit in cached fragments).
        assert page.url == live_server.url + partner.url
        page.get_by_role("status").filter(
            has_text="Værktøjet er gemt i din værktøjskasse."
        ).wait_for()

    page.goto(live_server.url + "/min-vaerktoejskasse/")
    assert page.get_by_role("heading", level=1).inner_text() == "Min værktøjskasse"
    cards = page.locator(".card--tool")
    assert cards.count() == 2
    assert "Tredje værktøj" not in page.content()
    assert axe_violations(page, axe_path) == []

    page.get_by_label("Sammenlign Tjekliste til første vagt").check()
    page.get_by_label("Sammenlign Promptkort til vedligehold").check()
    page.get_by_role("button", name="Sammenlign valgte").click()
    page.wait_for_load_state()

    assert page.url.startswith(live_server.url + "/sammenlign/?")
    columns = grid_columns(page)
    # The list is newest first, and the grid keeps that order.
    assert columns == ["Promptkort til vedligehold", "Tjekliste til første vagt"]
    price_row = page.get_by_role("row", name="Pris")
    assert " ".join(price_row.inner_text().split()) == "Pris Betalt Gratis"
    assert page.get_by_role("rowheader", name="Fandt den nyttig").count() == 1
    assert axe_violations(page, axe_path) == []


def test_listing_boxes_survive_live_updates_and_compare(page, live_server):
    first = make_tool(title="Første listeværktøj")
    second = make_tool(title="Andet listeværktøj")
    make_tool(title="Tredje listeværktøj")

    page.goto(live_server.url + "/vaerktoejer/")
    page.get_by_label("Sammenlign Første listeværktøj").check()
    page.get_by_label("Sammenlign Andet listeværktøj").check()
    # Ticking a box must not trigger the search form's live reload, which
    # would replace the results and lose the ticks.
    page.wait_for_timeout(500)
    assert "id=" not in page.url
    assert page.get_by_label("Sammenlign Første listeværktøj").is_checked()

    page.get_by_role("button", name="Sammenlign valgte").click()
    page.wait_for_load_state()
    assert sorted(grid_columns(page)) == sorted([first.title, second.title])
