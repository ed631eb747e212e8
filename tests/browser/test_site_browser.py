"""The public site in chromium: partners-only access, accessibility (axe-core)
and screenshots at phone and desktop widths."""

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

WIDTHS = {"phone": 375, "desktop": 1280}
BLOCKING_IMPACTS = {"serious", "critical"}
SEARCH_QUERY = "sidemandsoplæring"


def page_urls(site):
    return {
        "home": "/",
        "tool": site.tool.url,
        "case": site.case.url,
        "search": f"/soeg/?q={SEARCH_QUERY}",
    }


def log_in(page, base_url, user, next_url):
    from tests.factories import DEFAULT_PASSWORD

    page.goto(f"{base_url}/login/?next={next_url}")
    page.get_by_label("Brugernavn").fill(user.username)
    page.get_by_label("Adgangskode").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_load_state()


def test_partner_editor_sees_partners_only_tool(page, live_server, site_content):
    url = site_content.partners_tool.url
    log_in(page, live_server.url, site_content.partner_editor, url)
    assert page.url == live_server.url + url
    assert page.get_by_role("heading", level=1).inner_text() == (
        site_content.partners_tool.title
    )
    assert page.locator(".detail .badge--partners").first.is_visible()
    # The partner's own page lists it too, for a partner.
    page.goto(live_server.url + site_content.partner.url)
    assert page.get_by_role("link", name=site_content.partners_tool.title).count()


def test_anonymous_visitor_never_sees_partners_only_tool(
    page, live_server, site_content
):
    title = site_content.partners_tool.title
    page.goto(live_server.url + site_content.partners_tool.url)
    assert page.url.startswith(f"{live_server.url}/login/")
    assert page.get_by_role("heading", level=1).inner_text() == "Log ind"
    assert title not in page.content()

    for listing in (
        "/vaerktoejer/",
        site_content.partner.url,
        site_content.landing.url,
    ):
        response = page.goto(live_server.url + listing)
        assert response.status == 200, listing
        assert page.get_by_role("link", name=site_content.tool.title).count(), listing
        assert title not in page.content(), listing


@pytest.mark.parametrize("name", ["home", "tool", "case", "search"])
def test_no_serious_accessibility_violations(
    name, page, live_server, site_content, axe_path, artifacts_dir
):
    page.set_viewport_size({"width": WIDTHS["desktop"], "height": 900})
    response = page.goto(live_server.url + page_urls(site_content)[name])
    assert response.status == 200
    page.evaluate(axe_path.read_text())
    results = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations']})"
    )
    blocking = [v for v in results["violations"] if v["impact"] in BLOCKING_IMPACTS]
    report = "\n".join(
        f"[{v['impact']}] {v['id']}: {v['help']}\n"
        + "\n".join(
            f"    {node['target']}: {node['html'][:160]}" for node in v["nodes"]
        )
        for v in blocking
    )
    assert not blocking, f"axe-core found on the {name} page:\n{report}"


@pytest.mark.parametrize("name", ["home", "tool", "case", "search"])
@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_screenshots(name, width, page, live_server, site_content, artifacts_dir):
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    response = page.goto(live_server.url + page_urls(site_content)[name])
    assert response.status == 200
    # Nothing may overflow sideways on a phone.
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {width}"
    path = artifacts_dir / f"site-{name}-{width}.png"
    page.screenshot(path=path, full_page=True)
    assert path.stat().st_size > 0


def test_skip_link_is_the_first_stop_and_moves_focus_to_main(
    page, live_server, site_content
):
    page.goto(live_server.url + site_content.tool.url)
    page.keyboard.press("Tab")
    skip_link = page.locator("a.skip-link")
    assert skip_link.evaluate("element => element === document.activeElement")
    box = skip_link.bounding_box()
    assert box is not None and box["y"] >= 0, "the focused skip link is on screen"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_tool_page_prints_as_a_clean_sheet(page, live_server, site_content):
    page.goto(live_server.url + site_content.tool.url)
    assert page.get_by_role("button", name="Udskriv værktøjsark").is_visible()
    page.emulate_media(media="print")
    for chrome in (".site-header", ".site-nav", ".site-footer", "[data-print]"):
        assert not page.locator(chrome).first.is_visible(), chrome
    source = page.locator(".print-source")
    assert source.is_visible()
    assert f"{live_server.url}{site_content.tool.url}" in source.inner_text()
    # Links show their address on paper.
    case_link = page.locator(f'.detail a[href="{site_content.case.url}"]')
    after = case_link.evaluate(
        "element => getComputedStyle(element, '::after').content"
    )
    assert site_content.case.url in after
