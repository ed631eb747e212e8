"""Every public page type renders in Danish with the content its spec asks for."""

import re

import pytest

from core.access import MEMBERS_GROUP
from core.choices import PartnerType
from tests.factories import (
    make_case,
    make_partner,
    make_sector,
    make_tool,
    make_user,
)
from tests.site.content import build_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    return build_site()


def html_of(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def text_of(html):
    """The visible text of the main landmark, whitespace collapsed."""
    main = html[html.index("<main") : html.index("</main>")]
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


def test_home_page_shows_every_section(client, site):
    html = html_of(client.get("/"))
    text = text_of(html)
    assert "Del AI-værktøjer, der virker i praksis" in text
    # Editable key figures beside the live figures.
    assert "314.000" in text and "AI-opkvalificeringer i 2025" in text
    assert "Lige nu i Værktøjskassen" in text
    assert re.search(r"\b2 partnere\b", text)
    assert "120 medarbejdere opkvalificeret i cases" in text
    # Featured items in editor order, each with its kind.
    assert "Udvalgt af redaktionen" in text
    positions = [
        text.index(title)
        for title in (site.tool.title, site.case.title, site.other_partner.title)
    ]
    assert positions == sorted(positions)
    assert "Fokus 2026" in text and "Flere produktionsvirksomheder" in text
    assert "Produktionsvirksomheder i fokus" in text
    assert site.partner.title in text
    assert "Nyeste cases" in text
    assert f'href="{site.case.url}"' in html


def test_home_page_headings_are_in_order(client, site):
    html = html_of(client.get("/"))
    levels = [int(level) for level in re.findall(r"<h([1-6])[\s>]", html)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))


def test_page_has_landmarks_skip_link_and_language(client, site):
    html = html_of(client.get(site.tool.url))
    assert '<html lang="da">' in html
    assert '<a class="skip-link" href="#main">Gå til indhold</a>' in html
    assert '<main id="main"' in html
    for landmark in ("<header", "<nav", "<footer"):
        assert landmark in html
    assert 'role="search"' in html
    assert '<label for="site-search"' in html


def test_tool_page_shows_metadata_downloads_cases_and_partner(client, site):
    html = html_of(client.get(site.tool.url))
    text = text_of(html)
    for label, value in [
        ("Format", "Guide"),
        ("Målgrupper", "Ledere, Medarbejdere på gulvet"),
        ("Sektorer", "Produktion og fremstilling"),
        ("Temaer", "Læring på jobbet"),
        ("Samlet tidsforbrug", "2 x 30 min"),
        ("Sprog", "Dansk"),
        ("Pris", "Gratis"),
    ]:
        assert f"{label} {value}" in text, label
    assert "Senest gennemgået" in text
    assert "ikke gennemgået inden for det seneste år" not in text
    # Shop-floor fit.
    assert "30 minutter" in text
    assert "Ved linjen, Printet" in text
    # The main language is not repeated among the others.
    assert "Findes også på Engelsk, Polsk" in text
    # Downloads.
    download = site.tool.documents.get().document
    assert f'href="{download.url}"' in html
    assert "Tjekliste (PDF)" in text
    # Used in cases, with links.
    assert "Bruges i 1 case" in text
    assert f'href="{site.case.url}"' in html
    # Owner, external link, print button and the printed source line.
    assert "Delt af" in text and site.partner.title in text
    assert 'href="https://eksempel.example.dk/tjekliste"' in html
    assert "data-print" in html and "Udskriv værktøjsark" in html
    assert f"Hentet fra http://testserver{site.tool.url}" in text
    assert "Kun for partnere" not in text


def test_tool_of_the_pact_itself_names_the_pact(client, site):
    tool = make_tool(title="Pagtens kompetencestrategi")
    text = text_of(html_of(client.get(tool.url)))
    assert "Delt af AI-kompetencepagten" in text
    assert "Ingen cases endnu" in text and "Bruges i 0" not in text


def test_partners_only_tool_redirects_anonymous_visitors_to_login(client, site):
    response = client.get(site.partners_tool.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=")
    assert site.partners_tool.title not in client.get("/login/").content.decode()


def test_partners_only_tool_shows_to_a_partner_member(client, site):
    client.force_login(make_user(groups=[MEMBERS_GROUP]))
    html = html_of(client.get(site.partners_tool.url))
    text = text_of(html)
    assert site.partners_tool.title in text
    assert "Kun for partnere" in text
    # Reviewed in 2024: readers are told to check it is still current.
    assert "ikke gennemgået inden for det seneste år" in text
    assert '<meta name="robots" content="noindex">' in html


def test_partner_editor_logs_in_through_the_login_form(client, site):
    response = client.post(
        f"/login/?next={site.partners_tool.url}",
        {
            "username": site.partner_editor.username,
            "password": "test-adgang-2026",
            "next": site.partners_tool.url,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == site.partners_tool.url
    assert site.partners_tool.title in html_of(client.get(site.partners_tool.url))


def test_failed_login_answers_with_a_danish_form_error(client, site):
    response = client.post(
        "/login/", {"username": site.partner_editor.username, "password": "forkert"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "Brugernavn eller adgangskode er forkert" in html


def test_case_page_shows_figures_tools_partner_and_sections(client, site):
    html = html_of(client.get(site.case.url))
    text = text_of(html)
    assert "Resultater i tal" in text
    assert "120 medarbejdere opkvalificeret" in text
    assert "55 % Føler sig tryggere i jobbet" in text
    assert "-18 % Færre fejl" in text
    assert "Periode: 2025" in text
    for heading in ("Udfordringen", "Sådan gjorde vi", "Resultaterne"):
        assert heading in text
    assert "Få operatører havde prøvet AI." in text
    assert "Det var kollegerne ved linjen, der gjorde forskellen." in text
    assert "Brugte værktøjer" in text
    assert f'href="{site.tool.url}"' in html
    assert "Partneren bag" in text and site.partner.title in text
    assert "Læringsformat On-the-job-training" in text
    # The hero image is a rendition with the image's alt text.
    assert re.search(
        r'<img[^>]+alt="En operatør viser en kollega en tablet ved linjen"', html
    )
    assert ".fill-1200x600" in html


def test_case_page_hides_partners_only_tools_from_anonymous_visitors(client, site):
    html = html_of(client.get(site.case.url))
    assert site.partners_tool.title not in html
    client.force_login(make_user(groups=[MEMBERS_GROUP]))
    assert site.partners_tool.title in html_of(client.get(site.case.url))


def test_partner_index_filters_by_type(client, site):
    text = text_of(html_of(client.get("/partnere/")))
    assert site.partner.title in text and site.other_partner.title in text
    assert "2 partnere" in text
    text = text_of(
        html_of(client.get("/partnere/", {"type": PartnerType.EDUCATION.value}))
    )
    assert site.other_partner.title in text
    assert site.partner.title not in text
    # An unknown type is ignored, not an error.
    assert client.get("/partnere/", {"type": "<script>"}).status_code == 200


def test_partner_page_lists_its_tools_and_cases(client, site):
    html = html_of(client.get(site.partner.url))
    text = text_of(html)
    assert site.partner.title in text
    assert "Stålvirksomhed med 180 medarbejdere i Aalborg." in text
    assert f'href="{site.tool.url}"' in html
    assert f'href="{site.case.url}"' in html
    assert "1 værktøj" in text and "1 case" in text
    assert site.partners_tool.title not in html
    client.force_login(make_user(groups=[MEMBERS_GROUP]))
    text = text_of(html_of(client.get(site.partner.url)))
    assert site.partners_tool.title in text and "2 værktøjer" in text


def test_sector_landing_shows_the_sectors_tools_and_cases(client, site):
    other = make_sector("Offentlig sektor", slug="offentlig")
    elsewhere = make_tool(title="Værktøj til kommuner", sectors=[other])
    elsewhere_case = make_case(title="Case fra en kommune", sectors=[other])
    html = html_of(client.get(site.landing.url))
    text = text_of(html)
    assert "Værktøjer til Produktion og fremstilling" in text
    assert site.tool.title in text and site.case.title in text
    assert elsewhere.title not in text and elsewhere_case.title not in text
    assert site.partners_tool.title not in text
    assert 'href="/vaerktoejer/?sektor=produktion"' in html


def test_standard_page_renders_its_body_and_appears_in_the_footer(client, site):
    html = html_of(client.get(site.standard_page.url))
    text = text_of(html)
    assert "Om pagten" in text
    assert "Pagten blev lanceret i 2024." in text
    footer = html[html.index("<footer") :]
    assert f'href="{site.standard_page.url}"' in footer


def test_not_found_page_is_danish(client, site):
    response = client.get("/findes-ikke/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Siden findes ikke" in html
    assert '<html lang="da">' in html


def test_server_error_page_needs_no_database():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Der opstod en fejl" in html and 'lang="da"' in html


def test_unpublished_partner_content_is_not_listed(client, site):
    draft = make_tool(site.partner, title="Kladde til værktøj", publish=False)
    assert draft.title not in html_of(client.get(site.partner.url))
    partner = make_partner("Ny partner")
    assert partner.title in html_of(client.get("/partnere/"))


def test_case_section_with_its_own_heading_gets_no_second_one(client, site):
    case = make_case(
        site.partner,
        challenge=[
            {"type": "paragraph", "value": "<h2>Vores udfordring</h2><p>Ny.</p>"}
        ],
        approach=[{"type": "paragraph", "value": "<p>Uden overskrift.</p>"}],
    )
    html = html_of(client.get(case.url))
    assert "Vores udfordring" in html
    assert "Udfordringen" not in html
    assert '<h2 id="approach-heading">Sådan gjorde vi</h2>' in html


def test_home_page_caches_nothing_user_dependent(client, site):
    from tests.site.content import curate_home

    curate_home(site.partner, [site.partners_tool, site.tool])
    member = make_user(groups=[MEMBERS_GROUP])
    client.force_login(member)
    assert site.partners_tool.title in html_of(client.get("/"))
    client.logout()
    # The member's visit filled the page's fragment caches; an anonymous
    # visitor still never sees the partners-only tool.
    html = html_of(client.get("/"))
    assert site.partners_tool.title not in html
    assert site.tool.title in html
