"""The Kompetencetjek's questionnaire and its scoring.

The questionnaire is whatever active Question snippets say right now. A
result never points back at them: it stores a snapshot of every question it
answered (text, chosen answer, the points the answer gave and the most
points the question could give per area), and its scores are computed from
that snapshot. So editors may reword, rescore, reorder or retire questions
at any time without changing a stored result; the version (a hash of the
questionnaire's content) tells a result and a stale form that the questions
have changed since.

A score is the share of the possible points per area, 0-100; an area no
question measured has no score (it is left out, not shown as zero)."""

import hashlib
import json
from dataclasses import dataclass, field

from competence.models import Question
from core.models.taxonomy import CompetenceArea

SNAPSHOT_FORMAT = 1


@dataclass(frozen=True)
class Answer:
    id: str
    text: str
    points: dict  # area slug -> points


@dataclass(frozen=True)
class QuestionView:
    id: int
    text: str
    help_text: str
    answers: tuple

    def answer(self, answer_id):
        return next((a for a in self.answers if a.id == answer_id), None)

    def max_points(self):
        """The most points any one answer gives, per area."""
        most = {}
        for answer in self.answers:
            for slug, points in answer.points.items():
                most[slug] = max(most.get(slug, 0), points)
        return most


@dataclass(frozen=True)
class Questionnaire:
    questions: tuple
    areas: dict = field(default_factory=dict)  # slug -> name, in the areas' order

    @property
    def version(self):
        content = [
            (
                q.id,
                q.text,
                [(a.id, a.text, sorted(a.points.items())) for a in q.answers],
            )
            for q in self.questions
        ]
        digest = hashlib.sha256(json.dumps(content).encode()).hexdigest()
        return digest[:16]

    def question(self, question_id):
        return next((q for q in self.questions if q.id == question_id), None)


def _items(raw_list):
    """A ListBlock's stored items, in the old (plain values) or the new
    ({"type": "item", "value": ...}) form."""
    for item in raw_list or []:
        if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
            yield item["value"]
        else:
            yield item


def current_questionnaire():
    """The active questions with their answers, read from the StreamField's
    raw data: one query for the questions and one for the areas, however
    many answers there are."""
    areas = {
        pk: (slug, name)
        for pk, slug, name in CompetenceArea.objects.values_list("pk", "slug", "name")
    }
    questions = []
    for question in Question.objects.filter(active=True):
        answers = []
        for block in question.answers.raw_data:
            if block.get("type") != "answer":
                continue
            value = block.get("value") or {}
            points = {}
            for score in _items(value.get("scores")):
                area = areas.get(score.get("area")) if isinstance(score, dict) else None
                if area is None:
                    continue
                slug = area[0]
                points[slug] = points.get(slug, 0) + int(score.get("points") or 0)
            answers.append(Answer(str(block.get("id")), value.get("text", ""), points))
        if len(answers) >= 2:
            questions.append(
                QuestionView(
                    question.pk, question.text, question.help_text, tuple(answers)
                )
            )
    ordered = dict(
        CompetenceArea.objects.order_by("sort_order", "name").values_list(
            "slug", "name"
        )
    )
    return Questionnaire(tuple(questions), ordered)


def snapshot(questionnaire, chosen):
    """What a result stores: {question id: answer id} turned into the
    questions as answered, self-contained."""
    rows = []
    for question in questionnaire.questions:
        answer = question.answer(chosen[question.id])
        rows.append(
            {
                "id": question.id,
                "text": question.text,
                "answer_id": answer.id,
                "answer": answer.text,
                "points": answer.points,
                "max": question.max_points(),
            }
        )
    return {
        "format": SNAPSHOT_FORMAT,
        "version": questionnaire.version,
        "areas": questionnaire.areas,
        "questions": rows,
    }


def scores_from_snapshot(data):
    """{area slug: 0-100} from a stored snapshot, in the areas' order."""
    got, possible = {}, {}
    for row in data.get("questions", []):
        for slug, points in (row.get("max") or {}).items():
            possible[slug] = possible.get(slug, 0) + int(points)
        for slug, points in (row.get("points") or {}).items():
            got[slug] = got.get(slug, 0) + int(points)
    order = list(data.get("areas", {})) or sorted(possible)
    order += [slug for slug in possible if slug not in order]
    return {
        slug: round(100 * got.get(slug, 0) / possible[slug])
        for slug in order
        if possible.get(slug)
    }


def level_index(score, levels):
    """Which of `levels` (ordered, lowest first) fits a score: the bottom
    third is the first level, and so on."""
    if not levels:
        return None
    return min(int(score * len(levels) / 100), len(levels) - 1)
