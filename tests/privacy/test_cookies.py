"""A visitor who only reads gets no cookie beyond the strictly necessary
(the Danish cookie rules): the pages set none, except the CSRF token that
protects the forms on them (save a tool, feedback, alerts)."""

import pytest

from tests.factories import (
    case_index,
    make_case,
    make_partner,
    make_sector,
    make_standard_page,
    make_tool,
    tool_index,
)

pytestmark = pytest.mark.django_db

# The only cookie a reader may get, and why: docs/security.md and the
# privacy notice list it.
STRICTLY_NECESSARY = {"csrftoken"}


@pytest.fixture
def pages():
    tool_index()
    case_index()
    sector = make_sector("Produktion", slug="produktion")
    partner = make_partner(title="Metalpartner")
    tool = make_tool(partner, sectors=[sector])
    case = make_case(partner, tools=[tool])
    page = make_standard_page(slug="privatlivspolitik", title="Privatlivspolitik")
    return [
        "/",
        "/vaerktoejer/",
        "/vaerktoejer/?sektor=produktion",
        "/cases/",
        "/partnere/",
        partner.url,
        tool.url,
        case.url,
        page.url,
        "/soeg/?q=robot",
        "/soeg/besked/",
        "/sammenlign/?id=1&id=2",
        "/min-vaerktoejskasse/",
        "/foreslaa-et-vaerktoej/",
        "/feeds/vaerktoejer/",
    ]


def test_reading_sets_no_cookie_beyond_the_strictly_necessary(client, pages):
    for url in pages:
        response = client.get(url)
        assert response.status_code in {200, 400}, url
        names = set(response.cookies)
        assert names <= STRICTLY_NECESSARY, (url, names)
        for name in names:
            # Never sent along from other sites' links.
            assert response.cookies[name]["samesite"] == "Lax", (url, name)
    assert "sessionid" not in client.cookies
