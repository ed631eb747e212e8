"""Learning paths (/start-her/), the editors' totals, retention and erase,
and the area names in search."""

import datetime
import io

from django.core.management import call_command
from django.utils import timezone

import pytest

from competence.models import CompetenceResult, LearningPath, LearningPathStep
from competence.privacy import (
    RESULT_RETENTION_DAYS,
    erase_for_token,
    export_for_token,
    purge_expired_results,
)
from tests.competence.conftest import strong_except, take_check
from tests.factories import make_editor, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def path(catalogue):
    path = LearningPath.objects.create(
        title="For produktionen", slug="produktionen", role_group="produktionen"
    )
    public = catalogue.tools[("on-the-job", "begynder")]
    for number, page in enumerate([public, catalogue.secret, catalogue.case]):
        LearningPathStep.objects.create(
            path=path,
            page=page,
            why=f"Trin {number}",
            duration="15 min.",
            sort_order=number,
        )
    return path


def test_a_path_lists_its_visible_steps_and_ticks_them_off(client, path, catalogue):
    html = client.get("/start-her/produktionen/").content.decode()
    assert catalogue.tools[("on-the-job", "begynder")].title in html
    assert catalogue.case.title in html
    assert catalogue.secret.title not in html  # partners-only, outsider
    assert "0 af 2 trin er klaret" in html
    step = path.steps.first()
    response = client.post("/start-her/produktionen/", {"step": step.pk})
    assert response.status_code == 302
    assert (
        "1 af 2 trin er klaret"
        in client.get("/start-her/produktionen/").content.decode()
    )
    client.post("/start-her/produktionen/", {"step": step.pk})
    assert "0 af 2 trin" in client.get("/start-her/produktionen/").content.decode()


@pytest.mark.parametrize("value", ["", "abc", "999999", "-1"])
def test_a_bad_step_gets_a_danish_400(client, path, value):
    response = client.post("/start-her/produktionen/", {"step": value})
    assert response.status_code == 400
    assert "Det trin findes ikke" in response.content.decode()


def test_the_result_links_the_path_for_its_roles(client, path, catalogue):
    token = take_check(
        client,
        catalogue.production,
        strong_except("on-the-job"),
        roles=("ledere", "produktionen"),
    )
    html = client.get(f"/kompetencetjek/resultat/{token}/").content.decode()
    assert "/start-her/produktionen/" in html
    assert "For produktionen" in client.get("/start-her/").content.decode()


def test_editors_see_anonymous_totals_and_export_them(client, catalogue):
    first = take_check(client, catalogue.production, strong_except("strategi"))
    data = {"previous": first}
    from tests.competence.conftest import check_data

    data.update(check_data(catalogue.production, lambda q: 2))
    client.post("/kompetencetjek/", data)
    client.force_login(make_user("ude"))
    assert client.get("/admin/kompetencetjek/tal/").status_code in (302, 403)
    client.force_login(make_editor("redaktoer-tal"))
    html = client.get("/admin/kompetencetjek/tal/").content.decode()
    assert "Kompetencetjek i tal" in html
    assert "Produktion" in html
    response = client.get("/admin/kompetencetjek/tal.csv")
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    assert "Tjek i alt;;2" in body and "Nye målinger;;1" in body
    # Counts only: no token and no answer text.
    assert first not in body and first not in html


def test_results_not_opened_for_the_retention_period_are_purged(client, catalogue):
    old = take_check(client, catalogue.production, lambda q: 1)
    fresh = take_check(client, catalogue.production, lambda q: 1)
    CompetenceResult.objects.filter(token=old).update(
        last_opened_at=timezone.now()
        - datetime.timedelta(days=RESULT_RETENTION_DAYS + 1)
    )
    assert purge_expired_results() == 1
    assert not CompetenceResult.objects.filter(token=old).exists()
    assert CompetenceResult.objects.filter(token=fresh).exists()
    out = io.StringIO()
    call_command("purge_competence_results", stdout=out)
    assert "Slettede 0 resultater" in out.getvalue()


def test_opening_a_result_keeps_it(client, catalogue):
    token = take_check(client, catalogue.production, lambda q: 1)
    long_ago = timezone.now() - datetime.timedelta(days=RESULT_RETENTION_DAYS - 1)
    CompetenceResult.objects.filter(token=token).update(last_opened_at=long_ago)
    client.get(f"/kompetencetjek/resultat/{token}/")
    assert CompetenceResult.objects.get(token=token).last_opened_at > long_ago


def test_export_and_erase_by_token(client, catalogue):
    token = take_check(client, catalogue.production, lambda q: 1)
    exported = export_for_token(token)
    assert exported["token"] == token and exported["scores"]
    assert export_for_token("ukendt") is None
    assert erase_for_token(token) is True
    assert erase_for_token(token) is False
    assert client.get(f"/kompetencetjek/resultat/{token}/").status_code == 404


def test_search_finds_the_area_names(client, catalogue):
    from core.models.taxonomy import CompetenceArea
    from tests.factories import make_tool

    # The word is only in the area's name, not in the tool's own text.
    tool = make_tool(
        title="Guide til tavlemødet",
        competence_areas=[CompetenceArea.objects.get(slug="ledelsesforankring")],
    )
    html = client.get("/soeg/", {"q": "ledelsesforankring"}).content.decode()
    assert tool.url in html
    listing = client.get("/vaerktoejer/", {"omraade": "tryghed"}).content.decode()
    assert "Værktøj tryghed oevet" in listing
    assert "Værktøj strategi oevet" not in listing


def test_editors_can_open_the_questions_advice_and_paths_in_the_admin(client, path):
    from competence.models import AreaGuidance, Question

    client.force_login(make_editor("redaktoer-admin"))
    for model, pk in (
        (Question, Question.objects.first().pk),
        (AreaGuidance, AreaGuidance.objects.first().pk),
        (LearningPath, path.pk),
    ):
        meta = model._meta
        base = f"/admin/snippets/{meta.app_label}/{meta.model_name}/"
        assert client.get(base).status_code == 200, base
        assert client.get(f"{base}edit/{pk}/").status_code == 200, base
