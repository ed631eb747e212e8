"""The feedback widget in chromium: JavaScript sends it without leaving the
page; the server's answer is announced in the status region."""

import pytest

from tests.factories import make_tool
from toolbox.models import ToolFeedback

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_feedback_is_sent_in_place_and_announced(page, live_server):
    tool = make_tool(title="Tjekliste til morgenmødet")
    page.goto(live_server.url + tool.url)
    widget = page.locator("#nyttig")
    widget.get_by_label("Ja").check()
    widget.get_by_label("Kommentar (valgfri)").fill("Virkede med det samme.")
    widget.get_by_role("button", name="Send tilbagemelding").click()

    status = widget.get_by_role("status")
    status.get_by_text("Tak for din tilbagemelding!").wait_for()
    assert page.url == live_server.url + tool.url  # no reload, no redirect
    assert widget.locator("form").is_hidden()
    feedback = ToolFeedback.objects.get()
    assert (feedback.tool_id, feedback.helpful) == (tool.pk, True)
    assert feedback.comment == "Virkede med det samme."
