"""The Content-Security-Policy header (core.security): strict on the public
site and Django's admin, relaxed only where Wagtail's admin needs it, and
public pages carry no inline code the policy would have to allow.

tests/browser/test_csp.py checks the same policies in chromium."""

from html.parser import HTMLParser

from django.http import HttpResponse
from django.test import RequestFactory, override_settings

import pytest

from core.security import ContentSecurityPolicyMiddleware, serialize_policy
from tests.factories import make_user
from tests.site.content import build_site

pytestmark = pytest.mark.django_db

HEADER = "Content-Security-Policy"
# Script types the browser does not run: CSP leaves these data blocks alone.
DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}


def directives(response):
    header = response[HEADER]
    return {
        name: sources for name, *sources in (part.split() for part in header.split(";"))
    }


class InlineCode(HTMLParser):
    """Collects what a strict policy blocks: inline scripts, <style>,
    style="" and on* handler attributes, javascript: links."""

    def __init__(self):
        super().__init__()
        self.found = []
        self.in_inline_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.in_inline_script = (
            tag == "script"
            and "src" not in attributes
            and attributes.get("type") not in DATA_SCRIPT_TYPES
        )
        if tag == "style":
            self.found.append("<style>")
        for name, value in attrs:
            if name == "style" or name.startswith("on"):
                self.found.append(f"<{tag} {name}={value!r}>")
            if name == "href" and (value or "").strip().startswith("javascript:"):
                self.found.append(f"<{tag} href={value!r}>")

    def handle_data(self, data):
        if self.in_inline_script and data.strip():
            self.found.append(f"<script>{data.strip()[:80]}</script>")

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_inline_script = False


def inline_code(response):
    parser = InlineCode()
    parser.feed(response.content.decode())
    return parser.found


@pytest.fixture
def site():
    return build_site()


def test_public_policy_blocks_inline_code(client, site):
    response = client.get("/")
    assert "'unsafe-inline'" not in response[HEADER]
    assert "'unsafe-eval'" not in response[HEADER]
    policy = directives(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"]


@pytest.mark.parametrize(
    "url", ["/", "/vaerktoejer/", "/soeg/?q=ai", "/login/", "/findes-ikke/"]
)
def test_every_public_response_has_the_strict_policy(client, site, url):
    response = client.get(url)
    assert response.status_code in {200, 404}
    assert "'unsafe-inline'" not in response[HEADER]
    assert directives(response)["script-src"] == ["'self'"]


def test_public_pages_have_no_inline_code(client, site):
    """Nothing the public policy would block, so nothing breaks under it."""
    urls = [
        "/",
        "/vaerktoejer/",
        site.tool.url,
        site.case.url,
        site.partner.url,
        site.landing.url,
        site.standard_page.url,
        "/soeg/?q=sidemandsoplæring",
        "/login/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert inline_code(response) == [], url
    # A signed-in editor also gets Wagtail's user bar.
    client.force_login(make_user("redaktoer", is_staff=True, is_superuser=True))
    response = client.get(site.tool.url)
    assert inline_code(response) == []


def test_wagtail_admin_gets_only_its_measured_relaxations(client):
    client.force_login(make_user("admin", is_staff=True, is_superuser=True))
    response = client.get("/admin/")
    assert response.status_code == 200
    admin = directives(response)
    public = directives(client.get("/login/"))
    relaxed = {name for name in admin if admin[name] != public[name]}
    assert relaxed == {"script-src", "style-src", "img-src"}
    assert admin["script-src"] == ["'self'", "'unsafe-inline'"]
    assert admin["style-src"] == ["'self'", "'unsafe-inline'"]
    assert admin["img-src"] == ["'self'", "data:", "blob:"]
    assert "'unsafe-eval'" not in response[HEADER]


def test_admin_login_and_django_admin(client):
    assert "'unsafe-inline'" in client.get("/admin/login/")[HEADER]
    # Django's admin needs no inline code: it keeps the strict policy.
    client.force_login(make_user("admin", is_staff=True, is_superuser=True))
    response = client.get("/django-admin/")
    assert response.status_code == 200
    assert directives(response)["script-src"] == ["'self'"]


def test_a_policy_set_by_the_view_is_kept():
    def view(request):
        response = HttpResponse()
        response[HEADER] = "default-src 'none'"
        return response

    response = ContentSecurityPolicyMiddleware(view)(RequestFactory().get("/"))
    assert response[HEADER] == "default-src 'none'"


def test_report_only_mode_reports_without_blocking():
    with override_settings(CSP_REPORT_ONLY=True):
        middleware = ContentSecurityPolicyMiddleware(lambda request: HttpResponse())
    response = middleware(RequestFactory().get("/"))
    assert HEADER not in response
    assert "script-src 'self'" in response[f"{HEADER}-Report-Only"]


def test_serialize_policy_writes_bare_directives():
    policy = {"default-src": ["'self'"], "upgrade-insecure-requests": []}
    assert serialize_policy(policy) == "default-src 'self'; upgrade-insecure-requests"
