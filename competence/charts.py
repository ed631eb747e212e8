"""The result's charts, in the case charts' style (cases.charts): one
horizontal bar per area on a 0-100 track, and the before/after pair per
area when a result re-measures an earlier one. Coordinates are strings, as
there, so the template never localises them."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from cases.charts import (
    AFTER_FILL,
    BAR_HEIGHT,
    NBSP,
    PERCENT,
    before_after_bars,
    fmt,
)

LABEL_WIDTH = 290
TRACK = 300
ROW_HEIGHT = 34
VALUE_GAP = 6
VIEW_WIDTH = LABEL_WIDTH + TRACK + 60


@dataclass(frozen=True)
class AreaRow:
    slug: str
    label: str
    score: int
    value_text: str
    x: str
    width: str
    y: str
    text_y: str
    value_x: str
    height: str = fmt(BAR_HEIGHT)


@dataclass(frozen=True)
class AreaChart:
    rows: tuple
    view_box: str
    text: str
    track: str = fmt(TRACK)


def area_chart(scores, names):
    """One bar per scored area (scores: {slug: 0-100}, names: {slug: name},
    both in the areas' order), with the sentence that reads it out."""
    rows = []
    for number, (slug, score) in enumerate(scores.items()):
        width = TRACK * score / 100
        y = number * ROW_HEIGHT + 4
        rows.append(
            AreaRow(
                slug=slug,
                label=names.get(slug, slug),
                score=score,
                value_text=f"{score}{NBSP}/{NBSP}100",
                x=fmt(LABEL_WIDTH),
                width=fmt(width),
                y=fmt(y),
                text_y=fmt(y + BAR_HEIGHT * 0.7),
                value_x=fmt(LABEL_WIDTH + width + VALUE_GAP),
            )
        )
    height = max(len(rows), 1) * ROW_HEIGHT + 4
    text = _("Jeres score pr. område, fra 0 til 100: ") + "; ".join(
        f"{row.label} {row.score}" for row in rows
    )
    return AreaChart(tuple(rows), f"0 0 {VIEW_WIDTH} {height}", text + ".")


BAR_FILL = AFTER_FILL


@dataclass(frozen=True)
class AreaMeasurement:
    """An area's two scores in the shape cases.charts.before_after_bars
    reads (a case's CasePageMeasurement)."""

    label: str
    before: int
    after: int
    period: str = ""
    unit: str = PERCENT
    lower_is_better: bool = False

    def unit_for(self, value):
        return "%"


def comparison_charts(before, after, names):
    """Before/after charts for every area both results scored."""
    return [
        before_after_bars(
            AreaMeasurement(names.get(slug, slug), before[slug], after[slug])
        )
        for slug in after
        if slug in before
    ]
