"""The check: questions from the admin, scoring, results by token."""

import pytest

from competence.models import CompetenceResult, Question
from competence.scoring import current_questionnaire, scores_from_snapshot
from tests.competence.conftest import check_data, strong_except, take_check

pytestmark = pytest.mark.django_db


def test_the_seeded_questionnaire_asks_context_first_and_12_to_20_questions(client):
    questionnaire = current_questionnaire()
    assert 12 <= len(questionnaire.questions) + 3 <= 20
    html = client.get("/kompetencetjek/").content.decode()
    sector = html.index("Hvilken sektor")
    assert (
        sector
        < html.index("Hvor mange ansatte")
        < html.index("Hvilke grupper")
        < html.index(questionnaire.questions[0].text)
    )
    # Production first among the sectors; plain radios, no script needed.
    assert 'type="radio"' in html


def test_every_area_is_measured_by_some_question():
    questionnaire = current_questionnaire()
    measured = {
        slug for q in questionnaire.questions for a in q.answers for slug in a.points
    }
    assert set(questionnaire.areas) <= measured


def test_scores_are_the_share_of_possible_points(catalogue):
    questionnaire = current_questionnaire()
    lowest = {q.id: q.answers[0].id for q in questionnaire.questions}
    highest = {q.id: q.answers[-1].id for q in questionnaire.questions}
    from competence.scoring import snapshot

    assert set(scores_from_snapshot(snapshot(questionnaire, lowest)).values()) == {0}
    top = scores_from_snapshot(snapshot(questionnaire, highest))
    assert set(top.values()) == {100}
    assert list(top) == list(questionnaire.areas)


def test_a_result_is_stored_under_an_unguessable_token_without_personal_data(
    client, catalogue
):
    token = take_check(client, catalogue.production, strong_except("strategi"))
    result = CompetenceResult.objects.get(token=token)
    assert len(token) >= 24
    assert result.scores["strategi"] < result.scores["anvendelse"]
    assert result.sector == catalogue.production
    names = [f.name for f in CompetenceResult._meta.get_fields()]
    assert not {"email", "name", "user"} & set(names)
    page = client.get(f"/kompetencetjek/resultat/{token}/")
    assert page.status_code == 200
    assert "private" in page["Cache-Control"] and "no-store" in page["Cache-Control"]
    html = page.content.decode()
    assert "<svg" in html and 'role="img"' in html
    assert "Jeres score pr. område" in html  # the chart's text alternative


def test_editing_questions_keeps_old_results(client, catalogue):
    token = take_check(client, catalogue.production, strong_except("strategi"))
    result = CompetenceResult.objects.get(token=token)
    before = dict(result.scores)
    first = Question.objects.order_by("sort_order").first()
    first.text = "Et helt nyt spørgsmål om strategi?"
    first.save()
    Question.objects.exclude(pk=first.pk).order_by("sort_order")[:1].get().delete()
    Question.objects.create(
        text="Et nyt spørgsmål", answers=list(first.answers.raw_data), sort_order=1
    )
    result.refresh_from_db()
    assert result.scores == before == scores_from_snapshot(result.answers)
    html = client.get(f"/kompetencetjek/resultat/{token}/").content.decode()
    assert "Spørgsmålene er ændret" in html
    # A retake from the old result starts from the answers that still exist.
    retake = client.get(f"/kompetencetjek/?igen={token}").content.decode()
    assert "Nogle spørgsmål er nye eller ændret" in retake


def test_a_form_answered_on_old_questions_is_refused_in_danish(client, catalogue):
    data = check_data(catalogue.production, lambda q: 1)
    question = Question.objects.first()
    question.text = "Ændret, mens nogen svarede"
    question.save()
    response = client.post("/kompetencetjek/", data)
    assert response.status_code == 400
    assert "Spørgsmålene er blevet ændret" in response.content.decode()
    assert not CompetenceResult.objects.exists()


def test_a_skipped_question_gets_a_danish_message(client, catalogue):
    data = check_data(catalogue.production, lambda q: 1)
    skipped = next(key for key in data if key.startswith("q"))
    del data[skipped]
    response = client.post("/kompetencetjek/", data)
    assert response.status_code == 400
    assert "Vælg et svar på dette spørgsmål." in response.content.decode()
    assert not CompetenceResult.objects.exists()


@pytest.mark.parametrize(
    "field, value",
    [
        ("sector", "999999"),
        ("sector", "'; DROP TABLE"),
        ("size_band", "en million"),
        ("role_groups", "direktionen"),
        ("version", "x" * 500),
        ("question", "ikke-et-svar"),
    ],
)
def test_garbage_values_give_form_errors_not_500(client, catalogue, field, value):
    data = check_data(catalogue.production, lambda q: 1)
    if field == "question":
        field = next(key for key in data if key.startswith("q"))
    data[field] = value
    response = client.post("/kompetencetjek/", data)
    assert response.status_code == 400
    assert "fejl" in response.content.decode()


@pytest.mark.parametrize(
    "token", ["x", "a" * 24, "aaaa.bbbb.cccc.dddd.eeee", "%00" * 10, "A" * 200]
)
def test_a_tampered_token_gets_a_danish_404(client, catalogue, token):
    for url in (
        f"/kompetencetjek/resultat/{token}/",
        f"/kompetencetjek/resultat/{token}/plan/",
        f"/kompetencetjek/resultat/{token}/plan/udskrift/",
        f"/kompetencetjek/?igen={token}",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Vi kan ikke finde det resultat" in response.content.decode()


def test_a_retake_compares_before_and_after_and_suggests_next_areas(client, catalogue):
    first = take_check(client, catalogue.production, strong_except("strategi"))
    retake_form = client.get(f"/kompetencetjek/?igen={first}").content.decode()
    assert f'name="previous" value="{first}"' in retake_form
    data = check_data(catalogue.production, strong_except("tryghed"))
    data["previous"] = first
    response = client.post("/kompetencetjek/", data)
    second = response["Location"].rstrip("/").rsplit("/", 1)[-1]
    result = CompetenceResult.objects.get(token=second)
    assert result.previous.token == first
    html = client.get(f"/kompetencetjek/resultat/{second}/").content.decode()
    assert "Før og efter" in html
    assert "before-after__bar--before" in html
    assert "Næste områder" in html
