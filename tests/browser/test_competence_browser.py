"""The competence journey in chromium, on a phone and on a desktop: from the
home page to the Kompetencetjek, a result, a plan, the printed plan (one A4
document with the AI-literacy section) and a second measurement."""

import importlib
import io

from django.apps import apps as django_apps

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PHONE = {"width": 375, "height": 667}
DESKTOP = {"width": 1280, "height": 900}


def reseed():
    """Live-server tests flush the database: the areas, levels, questions
    and advice their migrations seeded come back the same way."""
    for module, function in (
        ("core.migrations.0006_competence_level", "create_levels"),
        ("core.migrations.0011_competence_area", "create_areas"),
        ("competence.migrations.0002_seed_questions", "seed"),
    ):
        getattr(importlib.import_module(module), function)(django_apps, None)


@pytest.fixture
def journey_site(site_content):
    from competence.models import LearningPath, LearningPathStep
    from core.models.taxonomy import CompetenceArea, CompetenceLevel
    from tests.factories import make_tool

    reseed()
    levels = list(CompetenceLevel.objects.all())
    for area in CompetenceArea.objects.all():
        make_tool(
            site_content.partner,
            title=f"Værktøj til {area.name.lower()}",
            competence_areas=[area],
            competence_levels=levels,
            sectors=[site_content.sector],
        )
    path = LearningPath.objects.create(
        title="For produktionen: AI ved linjen",
        slug="produktionen",
        role_group="produktionen",
    )
    LearningPathStep.objects.create(
        path=path, page=site_content.tool, why="Start her.", duration="15 min."
    )
    return site_content


def answer_everything(page, answer_index):
    """Ticks one radio per group (the answer_index-th, or the last) and the
    production role, without JavaScript help."""
    for fieldset in page.locator("fieldset.check-question").all():
        radios = fieldset.locator("input[type=radio]")
        if radios.count():
            index = min(answer_index, radios.count() - 1)
            radios.nth(index).check()
    page.get_by_label("Produktionen").check()


def pdf_text(page):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    return "\n".join(pdf_page.extract_text() for pdf_page in reader.pages)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_home_check_result_plan_print_and_retake(
    browser, live_server, journey_site, artifacts_dir, viewport
):
    context = browser.new_context(locale="da-DK", viewport=viewport)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/")
        page.get_by_role("link", name="Tag kompetencetjekket").first.click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Kompetencetjek")

        answer_everything(page, 0)
        page.get_by_role("button", name="Se resultatet").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Jeres resultat")
        expect(page.locator("svg.area-chart__svg")).to_be_visible()
        expect(page.locator(".start-area")).to_have_count(3)
        result_url = page.url
        if viewport is PHONE:
            # Nothing wider than the phone.
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE["width"] + 1
        page.screenshot(
            path=str(artifacts_dir / f"competence-result-{viewport['width']}.png"),
            full_page=True,
        )

        page.get_by_role("link", name="Lav en kompetenceplan").click()
        page.locator("input[name$='-include']").first.check()
        page.get_by_label("Ansvarlig for planen").fill("Produktionschefen")
        page.get_by_role("button", name="Gem planen").click()
        expect(page.get_by_text("Planen er gemt.")).to_be_visible()

        page.get_by_role("link", name="Udskriv planen").click()
        page.emulate_media(media="print")
        text = pdf_text(page)
        assert "Kompetenceplan" in text
        assert "Produktionschefen" in text
        assert "artikel 4" in text
        assert "Søg i værktøjer" not in text  # no site chrome on paper
        page.emulate_media(media="screen")

        page.goto(result_url)
        page.get_by_role("link", name="Mål igen").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Mål igen")
        answer_everything(page, 3)
        page.get_by_role("button", name="Se resultatet").click()
        expect(page.get_by_role("heading", name="Før og efter")).to_be_visible()
        expect(page.locator(".before-after__figure").first).to_be_visible()
        expect(
            page.get_by_role("link", name="Læringssti: For produktionen: AI ved linjen")
        ).to_be_visible()
    finally:
        context.close()


def axe_violations(page, axe_path):
    """axe-core's serious and critical violations on the page, as text."""
    page.evaluate(axe_path.read_text())
    results = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations']})"
    )
    return [
        f"{violation['id']}: {[node['target'] for node in violation['nodes']]}"
        for violation in results["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def test_the_check_and_its_result_have_no_serious_axe_violations(
    page, live_server, journey_site, axe_path
):
    page.goto(live_server.url + "/kompetencetjek/")
    assert axe_violations(page, axe_path) == []
    page.get_by_role("button", name="Se resultatet").click()  # all skipped
    expect(page.get_by_role("alert")).to_contain_text("Svar på de markerede")
    assert axe_violations(page, axe_path) == []
    answer_everything(page, 1)
    page.get_by_role("button", name="Se resultatet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jeres resultat")
    assert axe_violations(page, axe_path) == []
    page.get_by_role("link", name="Lav en kompetenceplan").click()
    assert axe_violations(page, axe_path) == []
