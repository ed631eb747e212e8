"""The before/after chart on a case page: the geometry of two horizontal bars
and the Danish sentence that says what they show. Plain functions, so the
template only places what is worked out here and the tests can check the
numbers without a browser.

The SVG's coordinates are in viewBox units and written as strings with a
decimal point: a number handed to the template would be localized to "68,0",
which is no SVG length."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

VIEW_WIDTH = 340
VIEW_HEIGHT = 72
BAR_X = 60
TRACK = 170
BAR_HEIGHT = 24
ROW_Y = (6, 42)
VALUE_GAP = 6
MINUS = "\u2212"  # a true minus sign, read as "minus" and as wide as "+"
# Between a number and its unit, so "38 %" never breaks over two lines.
NBSP = "\u00a0"

PERCENT = "procent"  # cases.models.MeasurementUnit.PERCENT


def danish_number(value):
    """4.50 -> "4,5", 1250 -> "1.250": no trailing zeros, decimal comma and
    thousands points in the active (Danish) locale."""
    value = Decimal(value)
    if value == value.to_integral_value():
        places = 0
    elif (value * 10) == (value * 10).to_integral_value():
        places = 1
    else:
        places = 2
    return number_format(value, places, use_l10n=True, force_grouping=True)


def with_unit(value, unit_text):
    number = danish_number(value)
    return f"{number}{NBSP}{unit_text}" if unit_text else number


def signed(value, places=0):
    """A change with its sign: "+40", "−38" (never "−0")."""
    quantum = Decimal(1).scaleb(-places)
    rounded = Decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)
    if rounded == 0:
        return danish_number(0)
    sign = "+" if rounded > 0 else MINUS
    return sign + danish_number(abs(rounded))


def relative_change(before, after):
    """The change in percent of the before figure, or None from zero."""
    if before == 0:
        return None
    return (Decimal(after) - Decimal(before)) / Decimal(before) * 100


def percent_text(change):
    # A change under one percent would round to "0 %", which hides it.
    places = 1 if abs(change) < 1 else 0
    return f"{signed(change, places)}{NBSP}%"


@dataclass(frozen=True)
class Bar:
    label: str
    value_text: str
    share: float  # percent of the larger value
    x: str
    width: str
    height: str
    y: str
    text_y: str
    value_x: str
    css_class: str
    fill: str


@dataclass(frozen=True)
class BeforeAfterChart:
    heading: str
    description: str
    change_text: str
    verdict: str
    bars: tuple
    view_box: str = f"0 0 {VIEW_WIDTH} {VIEW_HEIGHT}"

    @property
    def text(self):
        """The text alternative: what was measured, both numbers, the
        change and whether it is an improvement."""
        return f"{self.heading}: {self.description}"


# Both colours keep at least 3:1 against white (WCAG 1.4.11) and tell the
# bars apart in print, where the row labels say which is which anyway.
BEFORE_FILL = "#6b7a86"
AFTER_FILL = "#0b4f6c"


def fmt(number):
    return f"{number:.1f}"


def bar(label, value, share, row, unit_text, css_class, fill):
    width = TRACK * share / 100
    y = ROW_Y[row]
    return Bar(
        label=label,
        value_text=with_unit(value, unit_text),
        share=share,
        x=fmt(BAR_X),
        width=fmt(width),
        height=fmt(BAR_HEIGHT),
        y=fmt(y),
        text_y=fmt(y + BAR_HEIGHT * 0.7),
        value_x=fmt(BAR_X + width + VALUE_GAP),
        css_class=css_class,
        fill=fill,
    )


def verdict(before, after, lower_is_better):
    if before == after:
        return _("uændret")
    improved = (after < before) == lower_is_better
    return _("en forbedring") if improved else _("en forværring")


def before_after_bars(measurement):
    """The chart of one measurement (anything with label, unit, before,
    after, period, lower_is_better and unit_for(value), such as
    cases.models.CasePageMeasurement): both bars scaled to the larger
    value, and the sentence a screen reader and a printout get."""
    before, after = Decimal(measurement.before), Decimal(measurement.after)
    largest = max(before, after)

    def share(value):
        return float(value / largest * 100) if largest else 0.0

    bars = (
        bar(
            _("Før"),
            before,
            share(before),
            0,
            measurement.unit_for(before),
            "before-after__bar--before",
            BEFORE_FILL,
        ),
        bar(
            _("Efter"),
            after,
            share(after),
            1,
            measurement.unit_for(after),
            "before-after__bar--after",
            AFTER_FILL,
        ),
    )

    if measurement.unit == PERCENT:
        # A share that moves from 10 % to 15 % rose 5 points, not 5 %.
        span = _("fra %(before)s til %(after)s") % {
            "before": with_unit(before, "%"),
            "after": with_unit(after, "%"),
        }
        points = signed(after - before, 1)
        change_text = "" if before == after else f"{points}{NBSP}" + _("procentpoint")
    else:
        span = _("fra %(before)s til %(after)s") % {
            "before": danish_number(before),
            "after": with_unit(after, measurement.unit_for(after)),
        }
        change = relative_change(before, after)
        change_text = "" if change is None or change == 0 else percent_text(change)

    outcome = verdict(before, after, measurement.lower_is_better)
    if measurement.lower_is_better and before != after:
        outcome = _("%(verdict)s, da lavere er bedre") % {"verdict": outcome}
    description = span
    if change_text:
        description += f", {change_text}"
    description += f". {outcome[:1].upper()}{outcome[1:]}."

    heading = measurement.label
    if measurement.period:
        heading = f"{heading}, {measurement.period}"
    return BeforeAfterChart(
        heading=heading,
        description=description,
        change_text=change_text,
        verdict=outcome,
        bars=bars,
    )
