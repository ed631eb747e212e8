"""What a result recommends: different answers give different tools, ordered
by fit, and partners-only tools only for members, on every channel."""

import re

import pytest

from competence.models import CompetenceResult, PlanItem
from competence.recommend import recommend
from core.access import MEMBERS_GROUP
from tests.competence.conftest import strong_except, take_check
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def titles(html):
    return set(re.findall(r'<li class="rec-item"><a href="[^"]*">([^<]+)</a>', html))


def test_different_answers_give_different_areas_and_tools(client, catalogue):
    strategy = take_check(client, catalogue.production, strong_except("strategi"))
    safety = take_check(client, catalogue.production, strong_except("tryghed"))
    first = recommend(CompetenceResult.objects.get(token=strategy), None)
    second = recommend(CompetenceResult.objects.get(token=safety), None)
    assert first.areas[0].area.slug == "strategi"
    assert second.areas[0].area.slug == "tryghed"
    assert {t.pk for t in first.tools()} != {t.pk for t in second.tools()}
    page_one = client.get(f"/kompetencetjek/resultat/{strategy}/").content.decode()
    page_two = client.get(f"/kompetencetjek/resultat/{safety}/").content.decode()
    assert titles(page_one) != titles(page_two)
    assert "Værktøj strategi begynder" in page_one
    assert "Værktøj tryghed begynder" in page_two


def test_the_level_follows_the_score(client, catalogue):
    low = take_check(client, catalogue.production, lambda q: 0)
    middle = take_check(client, catalogue.production, lambda q: 2)
    low_rec = recommend(CompetenceResult.objects.get(token=low), None)
    mid_rec = recommend(CompetenceResult.objects.get(token=middle), None)
    assert low_rec.areas[0].level.slug == "begynder"
    assert low_rec.areas[0].tools[0].title.endswith("begynder")
    assert mid_rec.areas[0].level.slug in ("oevet", "avanceret")
    assert not mid_rec.areas[0].tools[0].title.endswith("begynder")


def test_start_areas_say_why_and_there_is_always_an_on_the_job_and_a_leadership_step(
    client, catalogue
):
    token = take_check(client, catalogue.production, strong_except("strategi"))
    rec = recommend(CompetenceResult.objects.get(token=token), None)
    assert 2 <= len(rec.areas) <= 3
    assert all("af 100" in advice.why for advice in rec.areas)
    assert rec.on_the_job and rec.leadership
    assert rec.on_the_job_tool is not None and rec.leadership_tool is not None
    assert rec.areas[0].cases == [catalogue.case.specific]


def test_cases_from_the_same_sector_come_first(client, catalogue):
    from tests.factories import make_case, make_partner

    other = make_partner("Butikken", sectors=[catalogue.retail])
    make_case(
        other,
        title="Case om strategi i handlen",
        sectors=[catalogue.retail],
        competence_areas=[catalogue.case.competence_areas.first()],
    )
    token = take_check(client, catalogue.retail, strong_except("strategi"))
    rec = recommend(CompetenceResult.objects.get(token=token), None)
    assert rec.areas[0].cases[0].title == "Case om strategi i handlen"


def members_and_outsiders():
    member = make_user("medlem", groups=[MEMBERS_GROUP])
    outsider = make_user("udenforstaaende")
    return member, outsider


def test_partners_only_tools_are_recommended_to_members_only(client, catalogue):
    member, outsider = members_and_outsiders()
    token = take_check(client, catalogue.production, strong_except("strategi"))
    result = CompetenceResult.objects.get(token=token)
    assert catalogue.secret.pk in {t.pk for t in recommend(result, member).tools()}
    for user in (None, outsider):
        assert catalogue.secret.pk not in {
            t.pk for t in recommend(result, user).tools()
        }


def channels(token):
    return [
        f"/kompetencetjek/resultat/{token}/",
        f"/kompetencetjek/resultat/{token}/plan/",
        f"/kompetencetjek/resultat/{token}/plan/udskrift/",
        f"/kompetencetjek/resultat/{token}/kompetenceplan.csv",
    ]


def test_no_channel_of_a_result_shows_partners_only_tools_to_outsiders(
    client, catalogue
):
    member, outsider = members_and_outsiders()
    # A member builds a plan with the partners-only tool and shares the link.
    client.force_login(member)
    token = take_check(client, catalogue.production, strong_except("strategi"))
    result = CompetenceResult.objects.get(token=token)
    PlanItem.objects.create(
        result=result, tool=catalogue.secret, role_group="ledere", month="2027-03-01"
    )
    member_views = [client.get(url).content.decode() for url in channels(token)]
    assert all(catalogue.secret.title in html for html in member_views)
    for login in (None, outsider):
        client.logout()
        if login is not None:
            client.force_login(login)
        for url in channels(token):
            body = client.get(url).content.decode("utf-8-sig")
            assert catalogue.secret.title not in body, (login, url)
            assert catalogue.secret.url not in body, (login, url)


def test_an_outsider_cannot_post_a_partners_only_tool_into_a_plan(client, catalogue):
    token = take_check(client, catalogue.production, strong_except("strategi"))
    prefix = f"t{catalogue.secret.pk}"
    response = client.post(
        f"/kompetencetjek/resultat/{token}/plan/",
        {
            f"{prefix}-include": "on",
            f"{prefix}-role_group": "ledere",
            f"{prefix}-month": "2027-03",
        },
    )
    assert response.status_code in (302, 400)
    assert not PlanItem.objects.filter(tool=catalogue.secret).exists()


def test_saving_as_an_outsider_keeps_a_members_hidden_plan_item(client, catalogue):
    member, _outsider = members_and_outsiders()
    token = take_check(client, catalogue.production, strong_except("strategi"))
    result = CompetenceResult.objects.get(token=token)
    PlanItem.objects.create(
        result=result, tool=catalogue.secret, role_group="ledere", month="2027-03-01"
    )
    response = client.post(f"/kompetencetjek/resultat/{token}/plan/", {})
    assert response.status_code == 302
    assert PlanItem.objects.filter(result=result, tool=catalogue.secret).exists()
