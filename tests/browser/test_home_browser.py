import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_home_page_in_chromium(page, live_server, artifacts_dir):
    page.goto(live_server.url + "/")
    assert "Værktøjskassen" in page.title()
    assert page.locator("html").get_attribute("lang") == "da"
    assert page.locator("a.skip-link").inner_text() == "Gå til indhold"
    page.screenshot(path=artifacts_dir / "foundation-home.png")
