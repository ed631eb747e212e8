"""Subscribing to an alert in chromium, from a filtered tool listing, with
the confirmation mail arriving at a real SMTP server."""

import re

import pytest

from search.models import SearchAlert
from tests.factories import make_sector, make_tool, tool_index

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_subscribe_from_a_filtered_listing(page, live_server, smtp_server):
    tool_index()
    sector = make_sector("Produktion og fremstilling", slug="produktion")
    make_tool(title="Kom i gang med maskinsyn", sectors=[sector])

    page.goto(live_server.url + "/vaerktoejer/?sektor=produktion")
    page.get_by_role("link", name="Få besked om nye værktøjer").click()
    page.wait_for_url(re.compile(r"/soeg/besked/\?sektor=produktion$"))
    page.get_by_text("sektor: Produktion og fremstilling").wait_for()

    page.get_by_label("Din e-mailadresse").fill("not an address")
    page.get_by_role("button", name="Send mig besked").click()
    page.get_by_text("Skriv en gyldig e-mailadresse").wait_for()
    assert smtp_server.messages == []

    page.get_by_label("Din e-mailadresse").fill("maja@eksempel.dk")
    page.get_by_role("button", name="Send mig besked").click()
    page.get_by_role("heading", name="Tjek din e-mail").wait_for()
    assert (
        page.get_by_role("status")
        .inner_text()
        .startswith("Tak! Vi har sendt dig en e-mail med et link.")
    )

    [confirmation] = smtp_server.wait_for(1)
    assert confirmation["To"] == "maja@eksempel.dk"
    assert "/soeg/besked/bekraeft/" in confirmation.get_content()
    alert = SearchAlert.objects.get()
    assert (alert.query_string, alert.confirmed_at) == ("sektor=produktion", None)
