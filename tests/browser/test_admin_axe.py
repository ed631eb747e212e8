"""The admin a partner editor works in, checked by axe-core in chromium: the
dashboard, their usage view, their partner page in the explorer, the edit
form of one of their tools and the documents index."""

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

BLOCKING_IMPACTS = {"serious", "critical"}

# Serious findings in Wagtail's own admin markup that the project cannot
# change without copying Wagtail's templates: (rule id, CSS selector) pairs,
# each excluded only on that selector.
WAGTAIL_KNOWN = {
    # Wagtail's tag field (the w-tag controller running jQuery tag-it) hides
    # the labelled <input> and types into a new one that tag-it creates with
    # neither a label nor an aria-label; Wagtail passes tag-it no option that
    # could name it. Seen on the tool edit form's "tags" field (Wagtail 8.0.1).
    "label": {".ui-autocomplete-input"},
}


@pytest.fixture
def partner_admin(site_tree):
    from core.roles import partner_collection
    from tests.factories import (
        make_case,
        make_document,
        make_partner,
        make_partner_editor,
        make_tool,
    )
    from toolbox.models import ToolFeedback, ToolStats

    partner = make_partner("Værkstedet A/S")
    document = make_document("Tjekliste til opstart")
    document.collection = partner_collection(partner, partner.editor_group)
    document.save()
    tool = make_tool(partner, title="Opstartstjekliste", documents=[document])
    ToolStats.objects.create(
        tool=tool, views=120, downloads=30, helpful_yes=5, helpful_no=1
    )
    ToolFeedback.objects.create(
        tool=tool, helpful=True, comment="God til nye kolleger.", client_key="k"
    )
    make_case(partner, title="Opstart på lageret", tools=[tool])
    return {
        "partner": partner,
        "tool": tool,
        "editor": make_partner_editor(partner),
    }


def admin_urls(data):
    return {
        "dashboard": "/admin/",
        "usage": "/admin/vaerktoejer/mine/",
        "explorer": f"/admin/pages/{data['partner'].pk}/",
        "tool edit": f"/admin/pages/{data['tool'].pk}/edit/",
        "documents": "/admin/documents/",
    }


def log_in(page, base_url, user):
    from tests.factories import DEFAULT_PASSWORD

    page.goto(f"{base_url}/login/?next=/admin/")
    page.get_by_label("Brugernavn").fill(user.username)
    page.get_by_label("Adgangskode").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_load_state()


def blocking_violations(page, axe_path):
    page.evaluate(axe_path.read_text())
    results = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations']})"
    )
    found = []
    for violation in results["violations"]:
        if violation["impact"] not in BLOCKING_IMPACTS:
            continue
        known = WAGTAIL_KNOWN.get(violation["id"], set())
        nodes = [
            node for node in violation["nodes"] if " ".join(node["target"]) not in known
        ]
        if nodes:
            found.append((violation, nodes))
    return "\n".join(
        f"[{violation['impact']}] {violation['id']}: {violation['help']}\n"
        + "\n".join(f"    {node['target']}: {node['html'][:160]}" for node in nodes)
        for violation, nodes in found
    )


@pytest.mark.parametrize("width", [375, 1280])
def test_partner_editors_admin_pages_have_no_serious_violations(
    page, live_server, partner_admin, axe_path, width
):
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, live_server.url, partner_admin["editor"])
    problems = []
    for name, url in admin_urls(partner_admin).items():
        response = page.goto(live_server.url + url)
        assert response.status == 200, name
        # Not the dashboard a refused request lands on.
        assert page.url == live_server.url + url, name
        page.wait_for_load_state("networkidle")
        report = blocking_violations(page, axe_path)
        if report:
            problems.append(f"axe-core at {width} px on {name} ({url}):\n{report}")
    assert not problems, "\n".join(problems)


def test_usage_view_shows_the_partners_figures(page, live_server, partner_admin):
    log_in(page, live_server.url, partner_admin["editor"])
    page.goto(live_server.url + "/admin/")
    panel = page.locator(".partner-tools-panel")
    panel.get_by_role("link", name="Se brug, kommentarer og cases").click()
    page.wait_for_load_state()
    assert page.url == live_server.url + "/admin/vaerktoejer/mine/"
    row = page.get_by_role("row").filter(has_text="Opstartstjekliste")
    assert row.get_by_role("cell").first.inner_text() == "120"
    assert page.get_by_text("God til nye kolleger.").is_visible()
    assert page.get_by_role("link", name="Opstart på lageret").is_visible()
