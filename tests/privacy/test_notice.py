"""The privacy notice: load_demo creates /privatlivspolitik/ as a draft for
the pact's review, it names every kind of data, its retention and every
cookie, and the footer and every form that takes personal data link to it."""

from io import StringIO

from django.core.management import call_command

import pytest

from portal.models import StandardPage
from privacy.retention import MANUAL, RULES
from tests.factories import make_tool, tool_index

pytestmark = pytest.mark.django_db

NOTICE = "/privatlivspolitik/"
LINK = f'href="{NOTICE}"'


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_load_demo_creates_the_notice_marked_as_a_draft(client):
    call_command("load_demo", "--size", "small", "--no-index", stdout=StringIO())
    page = StandardPage.objects.get(slug="privatlivspolitik")
    assert page.live
    response = client.get(NOTICE)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Udkast – skal gennemgås af pagten" in html
    for rule in RULES:
        assert rule.kind.replace("»", "&raquo;") in html or rule.kind in html
    for kind, *_rest in MANUAL:
        assert kind in html
    for cookie in ("csrftoken", "sessionid", "messages"):
        assert cookie in html
    # The footer links to it, and every form that takes personal data.
    assert html.count(LINK) >= 1
    for url in ("/soeg/besked/", "/foreslaa-et-vaerktoej/", "/bliv-partner/"):
        form_page = client.get(url)
        assert form_page.status_code == 200, url
        assert form_page.content.decode().count(LINK) >= 2, url  # footer and form


def test_the_feedback_form_links_to_the_notice(client):
    tool_index()
    tool = make_tool()
    html = client.get(tool.url).content.decode()
    form = html[html.index('class="feedback-form"') :]
    assert LINK in form[: form.index("</form>")]
