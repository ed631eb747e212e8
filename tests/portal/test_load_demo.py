"""The demo data command: idempotent, every page it makes answers (the smoke
test from STYLE.md), and --scale keeps the page tree valid.

The tests run the real command with --size small (same builders, fewer
items) so the suite stays quick; --no-index leaves the test search index
alone (the search app's own tests cover rebuilding)."""

from collections import defaultdict
from io import StringIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Group
from django.core.management import call_command
from django.test import RequestFactory

from wagtail.documents import get_document_model
from wagtail.models import Page, ReferenceIndex, Revision

import pytest

from cases.models import CasePage, CasePageTool
from core.access import EDITORS_GROUP, MEMBERS_GROUP
from core.choices import Access
from core.models import (
    CompetenceArea,
    CompetenceLevel,
    PartnerPage,
    PortalImage,
    Sector,
)
from portal.models import HomePage
from toolbox.downloads import document_is_restricted
from toolbox.models import ToolPage

SAMPLE_PER_TYPE = 4


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """The demo's images and documents go to a throw-away folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


def load_demo(*args):
    out = StringIO()
    call_command("load_demo", "--size", "small", "--no-index", *args, stdout=out)
    return out.getvalue()


def snapshot():
    """Counts of everything the command creates."""
    counts = {
        "pages": Page.objects.count(),
        "live pages": Page.objects.live().count(),
        "revisions": Revision.objects.count(),
        "references": ReferenceIndex.objects.count(),
        "images": PortalImage.objects.count(),
        "documents": get_document_model().objects.count(),
        "users": get_user_model().objects.count(),
        "groups": Group.objects.count(),
        "sectors": Sector.objects.count(),
        "case tool links": CasePageTool.objects.count(),
        "featured": HomePage.objects.get().featured_items.count(),
    }
    for page in Page.objects.all().values("content_type__model"):
        counts[page["content_type__model"]] = counts.get(page["content_type__model"], 0)
        counts[page["content_type__model"]] += 1
    return counts


@pytest.mark.django_db
def test_load_demo_twice_changes_nothing():
    first_output = load_demo()
    after_first = snapshot()
    second_output = load_demo()

    assert snapshot() == after_first
    assert "intet ændret" in second_output
    assert "admin" in first_output and "/admin/" in first_output
    assert after_first["partnerpage"] >= 10
    assert after_first["toolpage"] >= 10
    assert after_first["casepage"] >= 10
    # Every page the command made was published through a revision.
    assert not Page.objects.filter(depth__gt=2, live_revision__isnull=True).exists()


@pytest.mark.django_db
def test_demo_content_is_what_the_portal_needs():
    load_demo()

    assert Sector.objects.filter(is_focus=True).values_list("slug", flat=True)[0] == (
        "produktion"
    )
    home = HomePage.objects.get()
    figures = [block.value["value"] for block in home.key_figures]
    assert "314.000" in figures and "70+" in figures
    assert len(home.focus_items) == 3
    featured = list(home.featured_items.all())
    assert len(featured) >= 4
    assert any(item.override_text for item in featured)
    assert home.spotlight_partner.sectors.filter(is_focus=True).exists()

    tools = ToolPage.objects.live()
    assert tools.filter(partner__isnull=True).exists()  # the pact's own tools
    assert tools.filter(access=Access.PARTNERS).exists()
    assert tools.filter(documents__isnull=False).exists()
    # Downloads follow their tool's access (through Wagtail's reference index).
    for tool in tools.filter(documents__isnull=False).distinct():
        for link in tool.documents.all():
            anonymous = RequestFactory().get("/")
            anonymous.user = AnonymousUser()
            restricted = document_is_restricted(link.document, anonymous)
            assert restricted == (tool.access == Access.PARTNERS), tool.title
    assert any(tool.needs_review for tool in tools)
    assert CasePage.objects.filter(tool_links__isnull=False).exists()
    assert all(case.partner_id for case in CasePage.objects.all())
    assert not PortalImage.objects.filter(description="").exists()
    # The Kompetencetjek recommends per area and level: every pair has a
    # public tool, and cases carry areas too.
    public = tools.filter(access=Access.PUBLIC)
    for area in CompetenceArea.objects.all():
        for level in CompetenceLevel.objects.all():
            assert public.filter(
                competence_areas=area, competence_levels=level
            ).exists(), (area.slug, level.slug)
    assert CasePage.objects.filter(competence_areas__isnull=False).exists()

    User = get_user_model()
    assert User.objects.get(username="admin").is_superuser
    assert (
        User.objects.get(username="redaktoer")
        .groups.filter(name=EDITORS_GROUP)
        .exists()
    )
    assert User.objects.filter(groups__name=MEMBERS_GROUP).exists()
    partner_editor = User.objects.filter(username__startswith="partner-").first()
    assert partner_editor.groups.filter(partner_page__isnull=False).exists()


def sample_pages(limit=SAMPLE_PER_TYPE):
    """Up to limit live pages of each page type, as specific pages."""
    by_type = defaultdict(list)
    for page in Page.objects.live().filter(depth__gt=1).specific().order_by("path"):
        if len(by_type[type(page)]) < limit:
            by_type[type(page)].append(page)
    return [page for pages in by_type.values() for page in pages]


def partners_only_tools(limit=2):
    return list(ToolPage.objects.live().filter(access=Access.PARTNERS)[:limit])


@pytest.mark.django_db
def test_every_demo_page_answers_and_its_edit_view_opens(client):
    load_demo()
    pages = sample_pages() + partners_only_tools()
    assert {type(page).__name__ for page in pages} >= {
        "HomePage",
        "ToolIndexPage",
        "CaseIndexPage",
        "PartnerIndexPage",
        "SectorLandingPage",
        "StandardPage",
        "PartnerPage",
        "ToolPage",
        "CasePage",
    }

    for page in pages:
        response = client.get(page.url)
        if getattr(page, "access", Access.PUBLIC) == Access.PARTNERS:
            assert response.status_code == 302, page.url
            assert response["Location"].startswith("/login/")
        else:
            assert response.status_code == 200, page.url

    client.force_login(get_user_model().objects.get(username="admin"))
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        response = client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200, f"edit view of {page.url}"


@pytest.mark.django_db
def test_scale_adds_tools_and_cases_and_keeps_the_tree_valid(client):
    load_demo()
    tools, cases = ToolPage.objects.count(), CasePage.objects.count()

    output = load_demo("--scale", "50")
    assert ToolPage.objects.count() == tools + 50
    assert CasePage.objects.count() == cases + 50
    assert "50" in output
    assert Page.find_problems() == ([], [], [], [], [])

    load_demo("--scale", "50")  # again: more content, still a valid tree
    assert ToolPage.objects.count() == tools + 100
    assert CasePage.objects.count() == cases + 100
    assert Page.find_problems() == ([], [], [], [], [])

    synthetic_partner = PartnerPage.objects.get(slug="testdata-01")
    tool = ToolPage.objects.filter(
        pk__in=ToolPage.objects.child_of(synthetic_partner).values("pk"),
        access=Access.PUBLIC,
    ).first()
    case = CasePage.objects.child_of(synthetic_partner).first()
    assert tool.partner_id == synthetic_partner.pk
    assert case.tool_links.exists() and case.sectors.exists()
    assert client.get(tool.url).status_code == 200
    assert client.get(case.url).status_code == 200
    assert client.get(synthetic_partner.url).status_code == 200
    client.force_login(get_user_model().objects.get(username="admin"))
    assert client.get(f"/admin/pages/{tool.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{case.pk}/edit/").status_code == 200


def test_full_plan_is_deterministic_and_shaped_like_the_pact():
    """The full data set's specs, without the database: the same seed gives
    the same content, in the proportions the issue asks for."""
    from portal.demo.builders import make_plan
    from portal.demo.text import REVIEW_REFERENCE

    plan = make_plan("full")
    assert make_plan("full") == plan

    tools = plan.pact_tools + plan.partner_tools
    kinds = [partner["kind"] for partner in plan.partners]
    assert 60 <= len(plan.partners) <= 80
    assert kinds.count("production") >= len(kinds) / 3
    assert {"production", "company", "education", "organisation"} <= set(kinds)
    assert 130 <= len(tools) <= 170
    assert 100 <= len(plan.cases) <= 140
    assert plan.pact_tools and all(tool["owner"] is None for tool in plan.pact_tools)

    partners_only = [tool for tool in tools if tool["access"] == "partners"]
    assert 0.05 <= len(partners_only) / len(tools) <= 0.2
    stale = [
        tool for tool in tools if (REVIEW_REFERENCE - tool["last_reviewed"]).days > 365
    ]
    assert stale and len(stale) < len(tools) / 2
    assert len({tool["tool_format"] for tool in tools}) >= 6
    assert sum(tool["document"] for tool in tools) >= len(tools) / 3
    assert all(1 <= len(case["effects"]) <= 3 for case in plan.cases)
    assert all(1 <= len(case["tools"]) <= 3 for case in plan.cases)
    assert len({partner["slug"] for partner in plan.partners}) == len(plan.partners)
    everything = repr(plan).lower()
    assert "lorem" not in everything and "ipsum" not in everything
