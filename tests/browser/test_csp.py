"""The Content-Security-Policy in chromium: the site's own pages, the Wagtail
admin and Django's admin run without a single violation, and an injected
inline script is really blocked.

Violations are caught twice: a `securitypolicyviolation` listener in every
frame (the admin's preview iframe too) and chromium's console messages."""

import json

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

SEARCH_QUERY = "sidemandsoplæring"

# Runs before any of the page's own scripts, in every frame.
RECORD_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportCspViolation({
    page: location.pathname,
    directive: event.effectiveDirective,
    blocked: event.blockedURI,
    source: `${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`,
    sample: event.sample,
  });
}, true);
"""


@pytest.fixture
def violations(page):
    found = []

    def console(message):
        if "Content Security Policy" in message.text:
            found.append({"page": page.url, "console": message.text})

    page.expose_function(
        "reportCspViolation", lambda violation: found.append(violation)
    )
    page.add_init_script(RECORD_VIOLATIONS)
    page.on("console", console)
    return found


def visit(page, url, *, status=200):
    response = page.goto(url)
    assert response.status == status, url
    assert response.headers.get("content-security-policy"), f"no CSP on {url}"
    # Violations are reported asynchronously; let the page settle first.
    page.wait_for_load_state("networkidle")
    return response


def png_bytes():
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (64, 48), (31, 94, 120)).save(buffer, format="PNG")
    return buffer.getvalue()


def report(found):
    return json.dumps(found, indent=2, ensure_ascii=False)


def admin_log_in(page, base_url):
    from tests.factories import DEFAULT_PASSWORD, make_user

    user = make_user("csp-admin", is_staff=True, is_superuser=True)
    visit(page, f"{base_url}/admin/login/")
    page.locator("input[name=username]").fill(user.username)
    page.locator("input[name=password]").fill(DEFAULT_PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(f"{base_url}/admin/")
    return user


def open_chooser(page, field_id):
    """Opens the chooser modal of a chooser widget that already has a value
    (its "choose another" button sits in the actions dropdown)."""
    widget = page.locator(f"#{field_id}-chooser")
    widget.locator(".w-dropdown__toggle").click()
    widget.locator("[data-chooser-action-choose]").first.click()
    modal = page.locator(".modal.show, .modal[aria-hidden=false]").first
    modal.wait_for()
    page.wait_for_load_state("networkidle")
    modal.locator("button.close, [data-dismiss=modal]").first.click()


def test_public_pages_run_without_violations(
    page, live_server, site_content, violations
):
    base = live_server.url
    policy = None
    for url in (
        "/",
        "/vaerktoejer/",
        site_content.tool.url,
        site_content.case.url,
        site_content.partner.url,
        f"/soeg/?q={SEARCH_QUERY}",
        "/login/",
    ):
        response = visit(page, base + url)
        policy = policy or response.headers["content-security-policy"]
        assert response.headers["content-security-policy"] == policy, url
    visit(page, base + "/findes-ikke/", status=404)
    assert "'unsafe-inline'" not in policy
    assert "'unsafe-eval'" not in policy
    assert not violations, report(violations)


def test_json_ld_data_blocks_are_not_blocked(
    page, live_server, site_content, violations
):
    """CSP governs scripts that run; a JSON-LD data block is not one, so the
    structured data needs neither a nonce nor 'unsafe-inline'."""
    visit(page, live_server.url + site_content.tool.url)
    blocks = page.locator('script[type="application/ld+json"]')
    assert blocks.count()
    data = json.loads(blocks.first.text_content())
    assert data["@context"] == "https://schema.org"
    assert not violations, report(violations)


def test_print_sheet_still_shows_the_site_address(
    page, live_server, site_content, violations
):
    visit(page, live_server.url + site_content.tool.url)
    page.emulate_media(media="print")
    case_link = page.locator(f'.detail a[href="{site_content.case.url}"]')
    after = case_link.evaluate(
        "element => getComputedStyle(element, '::after').content"
    )
    assert f"{live_server.url}{site_content.case.url}" in after
    assert not violations, report(violations)


def test_injected_inline_script_is_blocked_and_reported(
    page, live_server, site_content, violations
):
    visit(page, live_server.url + site_content.tool.url)
    ran = page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.injected = true";
          document.body.append(script);
          const div = document.createElement("div");
          div.innerHTML = '<img src="x:" onerror="window.injected = true">';
          document.body.append(div);
          return new Promise((resolve) => {
            setTimeout(() => resolve(Boolean(window.injected)), 300);
          });
        }"""
    )
    assert ran is False
    directives = {v.get("directive") for v in violations}
    assert {"script-src-elem", "script-src-attr"} <= directives, report(violations)


def test_editor_on_the_public_site_runs_without_violations(
    page, live_server, site_content, violations
):
    """A signed-in editor gets Wagtail's user bar on every public page."""
    admin_log_in(page, live_server.url)
    visit(page, live_server.url + site_content.tool.url)
    assert page.locator("wagtail-userbar, [data-wagtail-userbar]").count()
    visit(page, live_server.url + "/")
    assert not violations, report(violations)


def test_wagtail_admin_runs_without_violations(
    page, live_server, site_content, violations
):
    base = live_server.url
    admin_log_in(page, base)
    visit(page, base + "/admin/")

    # The page editor: StreamField, InlinePanels, choosers, live preview.
    visit(page, f"{base}/admin/pages/{site_content.tool.pk}/edit/")
    # The StreamField is drawn by JavaScript: its rich text proves it ran.
    page.locator(".Draftail-Editor").first.wait_for()
    page.locator(".c-sf-add-button").first.click()
    page.get_by_role("option").first.wait_for()
    page.keyboard.press("Escape")
    page.locator('[data-side-panel-toggle="preview"]').click()
    # Wagtail loads the preview in a second iframe, then swaps it in.
    preview = page.frame_locator("#w-preview-iframe")
    preview.locator("h1", has_text=site_content.tool.title).wait_for()
    page.wait_for_load_state("networkidle")
    open_chooser(page, "id_documents-0-document")

    visit(page, f"{base}/admin/pages/{site_content.case.pk}/edit/")
    open_chooser(page, "id_hero_image")

    visit(page, f"{base}/admin/images/")
    visit(page, f"{base}/admin/images/{site_content.case.hero_image.pk}/")
    visit(page, f"{base}/admin/images/multiple/add/")
    page.locator("#fileupload").set_input_files(
        {"name": "upload.png", "mimeType": "image/png", "buffer": png_bytes()}
    )
    page.locator(".upload-list .upload-success").wait_for()
    page.wait_for_load_state("networkidle")
    visit(page, f"{base}/admin/documents/")
    visit(page, f"{base}/admin/pages/{site_content.tool.get_parent().pk}/")
    visit(page, base + "/django-admin/")
    visit(page, base + "/django-admin/auth/user/")
    assert not violations, report(violations)
