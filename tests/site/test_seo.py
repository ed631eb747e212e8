"""Meta description, OpenGraph, canonical URL and schema.org JSON-LD on every
page type, and the print stylesheet."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

from wagtail.models import Site

import pytest

from core.access import MEMBERS_GROUP
from core.models import OrganisationSettings
from tests.factories import make_tool, make_user
from tests.site.content import build_site

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


class HeadParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta = {}
        self.links = []
        self.json_ld = []
        self._in_json_ld = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            if key:
                self.meta[key] = attrs.get("content")
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_json_ld = True
            self.json_ld.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld[-1] += data


def parse_head(response):
    assert response.status_code == 200
    parser = HeadParser()
    parser.feed(response.content.decode())
    return parser


@pytest.fixture
def site():
    return build_site()


def page_urls(site):
    return {
        "HomePage": ("/", "WebSite"),
        "ToolPage": (site.tool.url, "LearningResource"),
        "CasePage": (site.case.url, "Article"),
        "PartnerPage": (site.partner.url, "Organization"),
        "PartnerIndexPage": ("/partnere/", "CollectionPage"),
        "SectorLandingPage": (site.landing.url, "CollectionPage"),
        "StandardPage": (site.standard_page.url, "WebPage"),
        "ToolIndexPage": ("/vaerktoejer/", "CollectionPage"),
        "CaseIndexPage": ("/cases/", "CollectionPage"),
    }


@pytest.mark.parametrize(
    "page_type",
    [
        "HomePage",
        "ToolPage",
        "CasePage",
        "PartnerPage",
        "PartnerIndexPage",
        "SectorLandingPage",
        "StandardPage",
        "ToolIndexPage",
        "CaseIndexPage",
    ],
)
def test_every_page_type_has_meta_opengraph_and_json_ld(client, site, page_type):
    url, schema_type = page_urls(site)[page_type]
    head = parse_head(client.get(url))
    description = head.meta["description"]
    assert description and len(description) <= 160
    assert head.meta["og:description"] == description
    assert head.meta["og:title"]
    assert head.meta["og:url"] == f"http://testserver{url}"
    assert head.meta["og:site_name"] == "Værktøjskassen"
    assert head.meta["og:locale"] == "da_DK"
    assert head.meta["og:type"] in {"website", "article"}
    assert {"rel": "canonical", "href": f"http://testserver{url}"} in head.links
    assert len(head.json_ld) == 1
    data = json.loads(head.json_ld[0])
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == schema_type


def test_tool_json_ld_describes_the_tool(client, site):
    data = json.loads(parse_head(client.get(site.tool.url)).json_ld[0])
    assert data["name"] == site.tool.title
    assert data["url"] == f"http://testserver{site.tool.url}"
    assert data["learningResourceType"] == "Guide"
    assert data["isAccessibleForFree"] is True
    assert data["timeRequired"] == "PT30M"
    assert data["inLanguage"] == ["da"]
    assert data["provider"] == {
        "@type": "Organization",
        "name": site.partner.title,
        "url": f"http://testserver{site.partner.url}",
        "sameAs": [site.partner.website],
    }
    assert {a["audienceType"] for a in data["audience"]} == {
        "Ledere",
        "Medarbejdere på gulvet",
    }
    assert data["about"] == ["Produktion og fremstilling"]


def test_case_json_ld_is_an_article_by_its_partner(client, site):
    head = parse_head(client.get(site.case.url))
    data = json.loads(head.json_ld[0])
    assert data["headline"] == site.case.title
    assert data["author"]["name"] == site.partner.title
    assert data["publisher"]["name"] == "AI-kompetencepagten"
    assert data["image"].startswith("http://testserver/")
    assert data["datePublished"]
    assert head.meta["og:type"] == "article"
    assert head.meta["og:image"] == data["image"]
    assert head.meta["twitter:card"] == "summary_large_image"


def test_partner_json_ld_is_an_organization(client, site):
    data = json.loads(parse_head(client.get(site.partner.url)).json_ld[0])
    assert data["name"] == site.partner.title
    assert data["sameAs"] == [site.partner.website]
    assert data["memberOf"]["name"] == "AI-kompetencepagten"
    assert data["logo"].startswith("http://testserver/")


def test_organisation_is_a_site_setting(client, site):
    organisation = OrganisationSettings.for_site(Site.objects.get(is_default_site=True))
    organisation.name = "Robotpagten"
    organisation.logo = site.partner.logo
    organisation.save()

    head = parse_head(client.get(site.case.url))
    publisher = json.loads(head.json_ld[0])["publisher"]
    assert publisher["name"] == "Robotpagten"
    assert publisher["logo"].startswith("http://testserver/")
    html = client.get("/").content.decode()
    assert '<span class="brand__sub">Robotpagten</span>' in html
    assert "Værktøjskassen er Robotpagtens videndelingsportal." in html


def test_organisation_genitive_follows_danish_rules():
    assert OrganisationSettings(name="AI-kompetencepagten").genitive == (
        "AI-kompetencepagtens"
    )
    assert OrganisationSettings(name="Dansk Erhvervs").genitive == "Dansk Erhvervs'"


def test_home_json_ld_offers_the_site_search(client, site):
    data = json.loads(parse_head(client.get("/")).json_ld[0])
    assert data["potentialAction"]["target"] == (
        "http://testserver/soeg/?q={search_term_string}"
    )


def test_meta_description_prefers_the_search_description(client, site):
    site.tool.search_description = "Kort beskrivelse til søgemaskiner."
    site.tool.save_revision().publish()
    head = parse_head(client.get(site.tool.url))
    assert head.meta["description"] == "Kort beskrivelse til søgemaskiner."


def test_json_ld_cannot_break_out_of_its_script_element(client, site):
    tool = make_tool(title="</script><script>alert(1)</script>")
    response = client.get(tool.url)
    html = response.content.decode()
    assert "<script>alert(1)" not in html
    data = json.loads(parse_head(response).json_ld[0])
    assert data["name"] == "</script><script>alert(1)</script>"


def test_partners_only_tool_is_marked_noindex_and_public_tool_is_not(client, site):
    assert "robots" not in parse_head(client.get(site.tool.url)).meta
    client.force_login(make_user(groups=[MEMBERS_GROUP]))
    head = parse_head(client.get(site.partners_tool.url))
    assert head.meta["robots"] == "noindex"
    data = json.loads(head.json_ld[0])
    assert "conditionsOfAccess" in data


def test_print_stylesheet_is_linked_for_print_media(client, site):
    html = client.get(site.tool.url).content.decode()
    assert re.search(
        r'<link rel="stylesheet" href="[^"]*print\.css" media="print">', html
    )
    css = (ROOT / "portal/static/css/print.css").read_text()
    # The sheet hides navigation and search and shows where links go.
    assert ".site-nav" in css and ".search-box" in css and "attr(href)" in css
