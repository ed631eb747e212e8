"""The visitor's experience in chromium: no page scrolls sideways at 320 px
(WCAG 1.4.10), partner names wrap instead of being cut off, and axe-core
finds nothing serious on the pages this issue changed."""

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

BLOCKING_IMPACTS = {"serious", "critical"}
NO_MATCH = "zqxjvw"


@pytest.fixture
def site(site_content):
    from portal.factories import PartnerFormPageFactory
    from tests.factories import make_partner, make_standard_page

    site_content.accessibility = make_standard_page(
        title="Tilgængelighedserklæring", slug="tilgaengelighed"
    )
    PartnerFormPageFactory()
    # The longest partner type and a long name, in the narrowest card.
    make_partner(
        "Uddannelsesinstitutionernes Efteruddannelsesudvalg",
        partner_type="uddannelse",
    )
    return site_content


def page_urls(site):
    return {
        "home": "/",
        "tool listing": "/vaerktoejer/",
        "tool": site.tool.url,
        "case": site.case.url,
        "partner list": "/partnere/",
        "search": "/soeg/?q=sidemandsoplæring",
        "zero results": f"/soeg/?q={NO_MATCH}",
        "production": site.landing.url,
        "accessibility": site.accessibility.url,
        "login": "/login/",
    }


def axe_violations(page, axe_path):
    page.evaluate(axe_path.read_text())
    results = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations']})"
    )
    blocking = [v for v in results["violations"] if v["impact"] in BLOCKING_IMPACTS]
    return "\n".join(
        f"[{v['impact']}] {v['id']}: {v['help']}\n"
        + "\n".join(
            f"    {node['target']}: {node['html'][:160]}" for node in v["nodes"]
        )
        for v in blocking
    )


def test_no_page_scrolls_sideways_at_320_px(page, live_server, site, axe_path):
    page.set_viewport_size({"width": 320, "height": 800})
    problems = []
    for name, url in page_urls(site).items():
        response = page.goto(live_server.url + url)
        assert response.status == 200, name
        overflow = page.evaluate(
            "document.documentElement.scrollWidth"
            " - document.documentElement.clientWidth"
        )
        if overflow > 0:
            problems.append(f"{name} scrolls sideways by {overflow}px")
        report = axe_violations(page, axe_path)
        if report:
            problems.append(f"axe-core at 320 px on {name}:\n{report}")
    assert not problems, "\n".join(problems)


def test_no_serious_accessibility_violations_on_desktop(
    page, live_server, site, axe_path
):
    page.set_viewport_size({"width": 1280, "height": 900})
    problems = []
    for name, url in page_urls(site).items():
        page.goto(live_server.url + url)
        report = axe_violations(page, axe_path)
        if report:
            problems.append(f"axe-core at 1280 px on {name}:\n{report}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("width", [320, 1280])
def test_partner_names_wrap_inside_their_cards(page, live_server, site, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + "/partnere/")
    cut_off = page.evaluate(
        """() => [...document.querySelectorAll('.card--partner')].flatMap(card => {
             const edge = card.getBoundingClientRect().right;
             return [...card.querySelectorAll('.card__kind, .card__title, .card__text')]
               .filter(el => el.getBoundingClientRect().right > edge + 0.5
                             || el.scrollWidth > el.clientWidth)
               .map(el => el.textContent.trim());
           })"""
    )
    assert cut_off == []
    assert page.get_by_text("Uddannelsesinstitutionernes").is_visible()


def test_the_footer_leads_to_the_accessibility_statement(page, live_server, site):
    page.goto(live_server.url + site.tool.url)
    footer = page.locator("footer")
    footer.get_by_role("link", name="Tilgængelighedserklæring").click()
    page.wait_for_load_state()
    assert page.url == live_server.url + site.accessibility.url
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Tilgængelighedserklæring"
    )


def test_the_zero_result_page_leads_on(page, live_server, site):
    page.goto(f"{live_server.url}/soeg/?q={NO_MATCH}")
    assert not page.locator(".facets").count()
    page.get_by_role("link", name="Se alle værktøjer").click()
    page.wait_for_load_state()
    assert page.url == f"{live_server.url}/vaerktoejer/"
    assert page.get_by_role("link", name=site.tool.title).count()
