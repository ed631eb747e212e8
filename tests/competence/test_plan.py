"""The Kompetenceplan: edit, save with the token, print on A4, download."""

import csv
import io
from pathlib import Path

from django.contrib.staticfiles import finders

import pytest

from competence.models import CompetenceResult
from competence.recommend import recommend
from tests.competence.conftest import strong_except, take_check

pytestmark = pytest.mark.django_db


def plan_post(tools, **extra):
    data = {"plan_owner": "Produktionschefen", "plan_remeasure_on": "2027-09-01"}
    for number, tool in enumerate(tools, start=1):
        prefix = f"t{tool.pk}"
        data.update(
            {
                f"{prefix}-include": "on",
                f"{prefix}-order": str(number),
                f"{prefix}-role_group": "produktionen",
                f"{prefix}-month": f"2027-0{number}",
                f"{prefix}-duration": "2 timer",
                f"{prefix}-on_the_job": "on" if number == 1 else "",
            }
        )
    data.update(extra)
    return data


@pytest.fixture
def result_with_plan(client, catalogue):
    token = take_check(client, catalogue.production, strong_except("strategi"))
    form = client.get(f"/kompetencetjek/resultat/{token}/plan/")
    assert form.status_code == 200
    result = CompetenceResult.objects.get(token=token)
    # The plan offers the recommended tools (and those already in it).
    chosen = recommend(result, None).tools()[:2]
    assert chosen[0] == catalogue.tools[("strategi", "begynder")]
    response = client.post(f"/kompetencetjek/resultat/{token}/plan/", plan_post(chosen))
    assert response.status_code == 302
    return CompetenceResult.objects.get(token=token), chosen


def test_the_plan_is_saved_with_the_token_and_can_be_edited(client, result_with_plan):
    result, chosen = result_with_plan
    items = list(result.plan_items.all())
    assert [item.tool_id for item in items] == [tool.pk for tool in chosen]
    assert items[0].on_the_job and not items[1].on_the_job
    assert items[0].role_group == "produktionen"
    assert str(items[1].month) == "2027-02-01"
    result.refresh_from_db()
    assert result.plan_owner == "Produktionschefen"
    # Edit: only the second tool, first in order now.
    client.post(f"/kompetencetjek/resultat/{result.token}/plan/", plan_post(chosen[1:]))
    assert [item.tool_id for item in result.plan_items.all()] == [chosen[1].pk]


def test_the_print_view_is_one_a4_document_with_the_ai_literacy_section(
    client, result_with_plan
):
    result, chosen = result_with_plan
    response = client.get(f"/kompetencetjek/resultat/{result.token}/plan/udskrift/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "competence-print.css" in html and 'media="print"' in html
    assert "AI-forordningens artikel 4" in html
    assert "Produktionschefen" in html
    assert html.index(chosen[0].title) < html.index(chosen[1].title)
    css = Path(finders.find("competence/competence-print.css")).read_text()
    assert "size: A4" in css


def test_the_download_opens_in_a_danish_spreadsheet(client, result_with_plan):
    result, chosen = result_with_plan
    response = client.get(f"/kompetencetjek/resultat/{result.token}/kompetenceplan.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff")), delimiter=";"))
    header = rows.index(
        ["Nr.", "Værktøj", "Link", "Hvem", "Måned", "Varighed", "På jobbet"]
    )
    assert rows[header + 1][1] == chosen[0].title
    assert rows[header + 1][-1] == "ja" and rows[header + 2][-1] == "nej"


@pytest.mark.parametrize(
    "field, value",
    [("month", "marts"), ("month", "2027-13"), ("role_group", "direktør")],
)
def test_bad_plan_values_give_a_danish_form_error(client, catalogue, field, value):
    token = take_check(client, catalogue.production, strong_except("strategi"))
    tool = catalogue.tools[("strategi", "begynder")]
    data = plan_post([tool])
    data[f"t{tool.pk}-{field}"] = value
    response = client.post(f"/kompetencetjek/resultat/{token}/plan/", data)
    assert response.status_code == 400
    assert "Planen er ikke gemt" in response.content.decode()


def test_a_bad_remeasure_date_is_refused(client, catalogue):
    token = take_check(client, catalogue.production, strong_except("strategi"))
    response = client.post(
        f"/kompetencetjek/resultat/{token}/plan/",
        {"plan_remeasure_on": "i morgen"},
    )
    assert response.status_code == 400
    assert "Skriv datoen som åååå-mm-dd." in response.content.decode()
