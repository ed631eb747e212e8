"""Foreslå et værktøj in chromium: a visitor reaches the form from the tool
index, fills it in with a file, and sees the Danish confirmation; the
receipt arrives over SMTP."""

import pytest

from core.roles import ensure_editorial_setup
from tests.factories import make_sector, tool_index
from toolbox.models import ToolPage, ToolSuggestion

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def test_a_visitor_suggests_a_tool_and_is_thanked(
    page, live_server, smtp_server, tmp_path
):
    ensure_editorial_setup()
    tool_index()
    make_sector("Metal og maskiner")
    upload = tmp_path / "lommeguide.pdf"
    upload.write_bytes(PDF)

    page.goto(live_server.url + "/vaerktoejer/")
    page.locator("main").get_by_role("link", name="Foreslå et værktøj").click()
    page.get_by_role("heading", name="Foreslå et værktøj").wait_for()

    page.get_by_label("Værktøjets navn").fill("Svejserobotternes lommeguide")
    page.get_by_label("Eller vedhæft en fil").set_input_files(str(upload))
    page.get_by_label("Sektor").select_option(label="Metal og maskiner")
    page.get_by_label("Hvorfor hjalp værktøjet?").fill(
        "Nye kolleger lærte at programmere svejserobotten på en formiddag."
    )
    page.get_by_label("Dit navn").fill("Lone Hansen")
    page.get_by_label("Din e-mail").fill("lone@svejs.example.dk")
    # The honeypot is there for bots, out of sight for people (a
    # visually-hidden box of at most one pixel).
    box = page.locator('input[name="fax"]').locator("xpath=..").bounding_box()
    assert box is None or (box["width"] <= 1 and box["height"] <= 1)
    page.get_by_role("button", name="Send forslaget").click()

    page.get_by_role("heading", name="Tak for dit forslag").wait_for()
    assert "gennemgår det" in page.get_by_role("status").inner_text()
    assert page.url == live_server.url + "/foreslaa-et-vaerktoej/tak/"

    suggestion = ToolSuggestion.objects.select_related("page").get()
    assert suggestion.document is not None
    assert not ToolPage.objects.get(pk=suggestion.page_id).live
    receipt = next(
        message
        for message in smtp_server.wait_for(1)
        if message["To"] == "lone@svejs.example.dk"
    )
    assert "Tak for dit forslag" in receipt["Subject"]


def test_a_form_error_keeps_what_was_typed(page, live_server):
    ensure_editorial_setup()
    tool_index()
    make_sector("Metal og maskiner")
    page.goto(live_server.url + "/foreslaa-et-vaerktoej/")
    page.get_by_label("Værktøjets navn").fill("Uden link og fil")
    page.get_by_label("Sektor").select_option(label="Metal og maskiner")
    page.get_by_label("Hvorfor hjalp værktøjet?").fill("Det sparede os en dag.")
    page.get_by_label("Dit navn").fill("Lone Hansen")
    page.get_by_label("Din e-mail").fill("lone@svejs.example.dk")
    page.get_by_role("button", name="Send forslaget").click()

    page.get_by_text("Forslaget er ikke sendt").wait_for()
    assert page.get_by_text("Angiv et link til værktøjet").is_visible()
    assert page.get_by_label("Værktøjets navn").input_value() == "Uden link og fil"
    assert page.get_by_label("Hvorfor hjalp værktøjet?").input_value() == (
        "Det sparede os en dag."
    )
    assert not ToolSuggestion.objects.exists()
