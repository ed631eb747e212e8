"""The Kompetencetjek (/kompetencetjek/), its results, plans and the
"Start her" learning paths (/start-her/). Thin views: scoring is in
competence.scoring, the choice of tools and cases in competence.recommend,
plans in competence.plans."""

import datetime
import re

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from competence.charts import area_chart, comparison_charts
from competence.forms import CheckForm, question_field_name
from competence.models import CompetenceResult, LearningPath
from competence.paths import find_step, path_for_result, ticked, toggle, visible_steps
from competence.plans import (
    plan_csv,
    plan_form,
    plan_rows,
    save_plan,
    visible_items,
)
from competence.recommend import next_areas, recommend
from competence.scoring import current_questionnaire, scores_from_snapshot, snapshot
from core.models.taxonomy import CompetenceArea
from core.ratelimit import client_key, hit_rate_limit

TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{16,64}")
# Opening a result keeps it alive (see competence.privacy); once a day is
# enough, so reading a result is not a write each time.
TOUCH_AFTER = datetime.timedelta(days=1)
CHECKS_PER_HOUR = 30


def find_result(token):
    if not isinstance(token, str) or not TOKEN_PATTERN.fullmatch(token):
        return None
    return (
        CompetenceResult.objects.select_related("sector", "previous")
        .filter(token=token)
        .first()
    )


def not_found(request):
    response = render(request, "competence/not_found.html", status=404)
    return _private(response)


def _private(response):
    """A result is for whoever holds its link: never cached on the way,
    never indexed."""
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _touch(result):
    now = timezone.now()
    if now - result.last_opened_at > TOUCH_AFTER:
        CompetenceResult.objects.filter(pk=result.pk).update(last_opened_at=now)


def _initial_from(previous, questionnaire):
    """A retake starts from the earlier answers that still exist."""
    initial = {
        "sector": previous.sector_id,
        "size_band": previous.size_band,
        "role_groups": previous.role_groups,
    }
    changed = False
    answered = {
        row["id"]: row["answer_id"] for row in previous.answers.get("questions", [])
    }
    for question in questionnaire.questions:
        answer_id = answered.get(question.id)
        if answer_id is not None and question.answer(answer_id) is not None:
            initial[question_field_name(question.id)] = answer_id
        else:
            changed = True
    return initial, changed


@never_cache
@require_http_methods(["GET", "POST"])
def check(request):
    questionnaire = current_questionnaire()
    previous_token = request.POST.get("previous") or request.GET.get("igen") or ""
    previous = find_result(previous_token) if previous_token else None
    if previous_token and previous is None:
        return not_found(request)
    changed = False
    if request.method == "POST":
        form = CheckForm(questionnaire, request.POST)
        if form.is_valid():
            if hit_rate_limit(
                "competence-check", client_key(request), CHECKS_PER_HOUR, 3600
            ):
                response = render(
                    request,
                    "competence/check.html",
                    {
                        "form": form,
                        "questionnaire": questionnaire,
                        "previous": previous,
                        "rate_limited": True,
                    },
                    status=429,
                )
                return response
            data = snapshot(questionnaire, form.chosen())
            result = CompetenceResult.objects.create(
                questionnaire_version=questionnaire.version,
                sector=form.cleaned_data["sector"],
                size_band=form.cleaned_data["size_band"],
                role_groups=form.cleaned_data["role_groups"],
                answers=data,
                scores=scores_from_snapshot(data),
                previous=previous,
            )
            return redirect("competence:result", token=result.token)
        status = 400
    else:
        initial = {}
        if previous is not None:
            initial, changed = _initial_from(previous, questionnaire)
        form = CheckForm(questionnaire, initial=initial)
        status = 200
    return render(
        request,
        "competence/check.html",
        {
            "form": form,
            "questionnaire": questionnaire,
            "previous": previous,
            "questions_changed": changed,
            "count": len(questionnaire.questions) + 3,
        },
        status=status,
    )


def _area_names(result):
    names = dict(result.answers.get("areas", {}))
    names.update(CompetenceArea.objects.values_list("slug", "name"))
    return names


@never_cache
@require_http_methods(["GET"])
def result_view(request, token):
    result = find_result(token)
    if result is None:
        return not_found(request)
    _touch(result)
    names = _area_names(result)
    recommendations = recommend(result, request.user)
    previous = result.previous
    comparison = next_up = None
    if previous is not None:
        comparison = comparison_charts(previous.scores, result.scores, names)
        next_up = next_areas(result.scores, list(CompetenceArea.objects.all()))
    questionnaire_changed = (
        result.questionnaire_version != current_questionnaire().version
    )
    response = render(
        request,
        "competence/result.html",
        {
            "result": result,
            "chart": area_chart(result.scores, names),
            "recommendations": recommendations,
            "comparison": comparison,
            "next_areas": next_up,
            "path": path_for_result(result),
            "questionnaire_changed": questionnaire_changed,
            "share_url": request.build_absolute_uri(
                reverse("competence:result", args=[result.token])
            ),
        },
    )
    return _private(response)


@never_cache
@require_http_methods(["GET", "POST"])
def plan_view(request, token):
    result = find_result(token)
    if result is None:
        return not_found(request)
    recommendations = recommend(result, request.user)
    data = request.POST if request.method == "POST" else None
    form = plan_form(result, data)
    rows = plan_rows(result, request.user, recommendations, data)
    status = 200
    if request.method == "POST":
        if form.is_valid() and all(
            row.is_valid() or not row["include"].value() for _tool, row in rows
        ):
            save_plan(result, form, rows)
            messages.success(request, _("Planen er gemt."))
            return redirect("competence:plan", token=result.token)
        status = 400
    response = render(
        request,
        "competence/plan.html",
        {
            "result": result,
            "form": form,
            "rows": rows,
            "rows_have_errors": status == 400,
        },
        status=status,
    )
    return _private(response)


@never_cache
@require_http_methods(["GET"])
def plan_print(request, token):
    result = find_result(token)
    if result is None:
        return not_found(request)
    names = _area_names(result)
    response = render(
        request,
        "competence/plan_print.html",
        {
            "result": result,
            "items": visible_items(result, request.user),
            "chart": area_chart(result.scores, names),
            "recommendations": recommend(result, request.user),
        },
    )
    return _private(response)


@never_cache
@require_http_methods(["GET"])
def plan_download(request, token):
    result = find_result(token)
    if result is None:
        return not_found(request)
    body = plan_csv(
        result, visible_items(result, request.user), request.build_absolute_uri
    )
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="kompetenceplan.csv"'
    return _private(response)


@require_http_methods(["GET"])
def paths(request):
    return render(
        request,
        "competence/paths.html",
        {"paths": LearningPath.objects.prefetch_related("steps")},
    )


@require_http_methods(["GET", "POST"])
def path_detail(request, slug):
    path = LearningPath.objects.filter(slug=slug).first()
    if path is None:
        raise Http404
    if request.method == "POST":
        step_id = request.POST.get("step", "")
        step = find_step(path, int(step_id)) if step_id.isdigit() else None
        if step is None:
            return render(
                request,
                "competence/path.html",
                _path_context(request, path, error=True),
                status=400,
            )
        toggle(request.session, step)
        return redirect(
            f"{reverse('competence:path', args=[path.slug])}#trin-{step.pk}"
        )
    return render(request, "competence/path.html", _path_context(request, path))


def _path_context(request, path, error=False):
    steps = visible_steps(path, request.user)
    done = ticked(request.session)
    for step in steps:
        step.done = step.pk in done
    return {
        "path": path,
        "steps": steps,
        "done_count": sum(step.done for step in steps),
        "error": error,
    }
