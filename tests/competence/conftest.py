"""A small catalogue for the Kompetencetjek: tools per area and level, one
partners-only tool, cases; and helpers that answer the check."""

from types import SimpleNamespace

import pytest

from competence.scoring import current_questionnaire
from core.choices import Access, SizeBand
from core.models.taxonomy import CompetenceArea, CompetenceLevel
from tests.factories import make_case, make_partner, make_sector, make_tool


def area(slug):
    return CompetenceArea.objects.get(slug=slug)


def level(slug):
    return CompetenceLevel.objects.get(slug=slug)


@pytest.fixture
def catalogue(db):
    production = make_sector("Produktion", slug="produktion", is_focus=True)
    retail = make_sector("Handel", slug="handel")
    partner = make_partner("Metalværket", sectors=[production])
    tools = {}
    for area_obj in CompetenceArea.objects.all():
        for level_obj in CompetenceLevel.objects.all():
            tools[(area_obj.slug, level_obj.slug)] = make_tool(
                partner,
                title=f"Værktøj {area_obj.slug} {level_obj.slug}",
                competence_areas=[area_obj],
                competence_levels=[level_obj],
                sectors=[production],
            )
    secret = make_tool(
        partner,
        title="Hemmeligt partnerværktøj til strategi",
        access=Access.PARTNERS,
        competence_areas=list(CompetenceArea.objects.all()),
        competence_levels=list(CompetenceLevel.objects.all()),
        sectors=[production],
        minutes_needed=10,
        used_where=["linjen"],
    )
    case = make_case(
        partner,
        title="Case om strategi i produktionen",
        competence_areas=[area("strategi")],
        sectors=[production],
        company_size=SizeBand.MEDIUM,
    )
    return SimpleNamespace(
        production=production,
        retail=retail,
        partner=partner,
        tools=tools,
        secret=secret,
        case=case,
    )


def check_data(sector, pick, *, size_band=SizeBand.MEDIUM, roles=("ledere",)):
    """POST data for the check: pick(question) gives the answer's index."""
    questionnaire = current_questionnaire()
    data = {
        "version": questionnaire.version,
        "sector": str(sector.pk),
        "size_band": size_band,
        "role_groups": list(roles),
    }
    for question in questionnaire.questions:
        index = min(pick(question), len(question.answers) - 1)
        data[f"q{question.id}"] = question.answers[index].id
    return data


def strong_except(*weak_slugs):
    """Highest answers everywhere except the questions that measure one of
    weak_slugs, answered lowest."""

    def pick(question):
        measured = {slug for answer in question.answers for slug in answer.points}
        return 0 if measured & set(weak_slugs) else 3

    return pick


def take_check(client, sector, pick, **kwargs):
    response = client.post("/kompetencetjek/", check_data(sector, pick, **kwargs))
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"].rstrip("/").rsplit("/", 1)[-1]
