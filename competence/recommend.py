"""What a result recommends: the areas to start with and, for each, the
tools and cases that fit best, chosen from what the viewer may see.

Recommendations are worked out when a result is shown, for whoever shows
it, never stored: a partners-only tool a member was shown does not travel
in the link to an outsider, and a tool published since shows up. Fit is one
database expression per candidate (area first, then level, sector,
shop-floor fit and what visitors found useful), so a catalogue of 50 000
pages costs a few indexed queries, not a scan in Python."""

from dataclasses import dataclass, field

from django.db.models import (
    Case,
    Exists,
    F,
    FloatField,
    OuterRef,
    Q,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from cases.models import CasePage
from competence.choices import RoleGroup
from competence.models import AreaGuidance
from competence.scoring import level_index
from core.models.taxonomy import CompetenceArea, CompetenceLevel
from toolbox.models import ToolPage

START_AREAS = 3
TOOLS_PER_AREA = 3
CASES_PER_AREA = 2
# Where the on-the-job activity and the leadership step find their tools.
ON_THE_JOB_AREA = "on-the-job"
LEADERSHIP_AREA = "ledelsesforankring"
# Below this score an area is worth starting with at all.
GOOD_ENOUGH = 80
FLOOR_MINUTES = 15

# The weights of fit: the area is a filter; a tool at the company's level
# beats one at the next, a tool for its sector beats a general one.
LEVEL_WEIGHT = 4
SECTOR_WEIGHT = 3
FLOOR_WEIGHT = 2
USEFUL_WEIGHT = 2


@dataclass
class AreaAdvice:
    area: CompetenceArea
    score: int
    level: CompetenceLevel | None
    why: str
    tools: list = field(default_factory=list)
    cases: list = field(default_factory=list)


@dataclass
class Recommendations:
    areas: list
    on_the_job: str
    on_the_job_tool: ToolPage | None
    leadership: str
    leadership_tool: ToolPage | None

    def tools(self):
        """Every recommended tool once, in the order shown."""
        seen, tools = set(), []
        for advice in self.areas:
            for tool in advice.tools:
                if tool.pk not in seen:
                    seen.add(tool.pk)
                    tools.append(tool)
        for tool in (self.on_the_job_tool, self.leadership_tool):
            if tool is not None and tool.pk not in seen:
                seen.add(tool.pk)
                tools.append(tool)
        return tools


def start_areas(scores, areas, limit=START_AREAS):
    """The areas to start with: the lowest scores below GOOD_ENOUGH, ties
    in the areas' own order (strategy before the rest, as editors sort)."""
    ranked = sorted(
        (area for area in areas if area.slug in scores),
        key=lambda area: (scores[area.slug], area.sort_order, area.name),
    )
    chosen = [area for area in ranked if scores[area.slug] < GOOD_ENOUGH][:limit]
    # A company strong everywhere still gets its weakest areas to grow in.
    return chosen or ranked[:limit]


def _has(model, field_name, target_id):
    relation = model._meta.get_field(field_name)
    through = relation.remote_field.through
    source, target = relation.m2m_field_name(), relation.m2m_reverse_field_name()
    return Exists(
        through.objects.filter(
            **{f"{source}_id": OuterRef("pk"), f"{target}_id": target_id}
        )
    )


def _score_expression(conditions):
    total = Value(0.0, output_field=FloatField())
    for condition, weight in conditions:
        total = total + Case(
            When(condition, then=Value(float(weight))),
            default=Value(0.0),
            output_field=FloatField(),
        )
    return total


def best_tools(user, area, level, sector, shop_floor, limit, exclude=()):
    tools = ToolPage.objects.visible_to(user).filter(competence_areas=area)
    conditions = []
    if level is not None:
        conditions.append((_has(ToolPage, "competence_levels", level.pk), LEVEL_WEIGHT))
    if sector is not None:
        conditions.append((_has(ToolPage, "sectors", sector.pk), SECTOR_WEIGHT))
    if shop_floor:
        floor = Q(minutes_needed__lte=FLOOR_MINUTES) | Q(
            used_where__contains_any=["linjen"]
        )
        conditions.append((floor, FLOOR_WEIGHT))
    fit = _score_expression(conditions) + USEFUL_WEIGHT * Coalesce(
        F("stats__helpful_score"), Value(0.0), output_field=FloatField()
    )
    return list(
        tools.exclude(pk__in=list(exclude))
        .annotate(fit=fit)
        .select_related("partner")
        .order_by("-fit", "title", "pk")[:limit]
    )


def best_cases(user, area, level, sector, size_band, limit):
    """Cases from similar companies: same sector first, then size."""
    cases = CasePage.objects.visible_to(user).filter(competence_areas=area)
    conditions = []
    if sector is not None:
        conditions.append((_has(CasePage, "sectors", sector.pk), SECTOR_WEIGHT))
    conditions.append((Q(company_size=size_band), 2))
    if level is not None:
        conditions.append((_has(CasePage, "competence_levels", level.pk), 1))
    return list(
        cases.annotate(fit=_score_expression(conditions))
        .select_related("partner")
        .order_by("-fit", "-first_published_at", "pk")[:limit]
    )


def _why(area, score, guidance):
    told = guidance.why if guidance else area.description
    return _("I scorer %(score)s af 100 på %(area)s. %(why)s") % {
        "score": score,
        "area": area.name,
        "why": told,
    }


DEFAULT_ON_THE_JOB = (
    "Vælg én opgave, som en erfaren kollega viser en ny kollega med et "
    "AI-værktøj, 15 minutter ved linjen eller skrivebordet, hver uge i en måned."
)
DEFAULT_LEADERSHIP = (
    "Sæt AI-kompetencer på dagsordenen på næste ledermøde: hvem lærer hvad, "
    "hvornår, og hvem følger op."
)


def recommend(result, user):
    """Recommendations for a result as `user` may see them."""
    scores = result.scores or {}
    areas = list(CompetenceArea.objects.all())
    by_slug = {area.slug: area for area in areas}
    levels = list(CompetenceLevel.objects.all())
    guidance = {g.area_id: g for g in AreaGuidance.objects.all()}
    shop_floor = RoleGroup.SHOP_FLOOR in (result.role_groups or [])
    sector = result.sector
    advice, shown = [], set()
    for area in start_areas(scores, areas):
        score = scores[area.slug]
        index = level_index(score, levels)
        level = levels[index] if index is not None else None
        tools = best_tools(
            user, area, level, sector, shop_floor, TOOLS_PER_AREA, exclude=shown
        )
        shown.update(tool.pk for tool in tools)
        advice.append(
            AreaAdvice(
                area=area,
                score=score,
                level=level,
                why=_why(area, score, guidance.get(area.pk)),
                tools=tools,
                cases=best_cases(
                    user, area, level, sector, result.size_band, CASES_PER_AREA
                ),
            )
        )
    first = guidance.get(advice[0].area.pk) if advice else None

    def extra_tool(slug):
        area = by_slug.get(slug)
        if area is None:
            return None
        score = scores.get(slug, 0)
        index = level_index(score, levels)
        level = levels[index] if index is not None else None
        found = best_tools(user, area, level, sector, shop_floor, 1, exclude=shown)
        found = found or best_tools(user, area, level, sector, shop_floor, 1)
        return found[0] if found else None

    return Recommendations(
        areas=advice,
        on_the_job=first.on_the_job_activity if first else DEFAULT_ON_THE_JOB,
        on_the_job_tool=extra_tool(ON_THE_JOB_AREA),
        leadership=first.leadership_step if first else DEFAULT_LEADERSHIP,
        leadership_tool=extra_tool(LEADERSHIP_AREA),
    )


def next_areas(after, areas, limit=START_AREAS):
    """After a second measurement: the areas to take on next, the weakest
    now (an area that moved up may have left the list)."""
    return start_areas(after, areas, limit)
