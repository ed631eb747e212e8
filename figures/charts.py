"""Horizontal bar charts for /tal/: geometry worked out here, placed by the
template, with a sentence per bar as the text alternative. Numbers and
coordinates as in cases.charts (Danish numbers, SVG lengths as strings)."""

from dataclasses import dataclass

from cases.charts import NBSP, danish_number, fmt

VIEW_WIDTH = 400
LABEL_WIDTH = 170
TRACK = 160
ROW_HEIGHT = 26
BAR_HEIGHT = 18
FILL = "#0b4f6c"


@dataclass(frozen=True)
class ChartBar:
    label: str
    value_text: str
    y: str
    text_y: str
    width: str
    value_x: str


@dataclass(frozen=True)
class BarChart:
    heading: str
    bars: tuple
    view_box: str
    text: str
    label_x: str = fmt(LABEL_WIDTH - 6)
    bar_x: str = fmt(LABEL_WIDTH)
    fill: str = FILL


def bar_chart(heading, values, total):
    """values: {label: people}. Each bar is scaled to the largest value;
    the text gives every value and its share of total."""
    largest = max(values.values(), default=0)
    bars, sentences = [], []
    for row, (label, value) in enumerate(values.items()):
        width = TRACK * value / largest if largest else 0
        y = row * ROW_HEIGHT + 4
        share = (
            f" ({danish_number(round(value / total * 100))}{NBSP}%)" if total else ""
        )
        value_text = danish_number(value)
        bars.append(
            ChartBar(
                label=label,
                value_text=value_text,
                y=fmt(y),
                text_y=fmt(y + BAR_HEIGHT * 0.75),
                width=fmt(width),
                value_x=fmt(LABEL_WIDTH + width + 6),
            )
        )
        sentences.append(f"{label}: {value_text}{share}")
    height = max(len(bars), 1) * ROW_HEIGHT + 8
    return BarChart(
        heading=heading,
        bars=tuple(bars),
        view_box=f"0 0 {VIEW_WIDTH} {height}",
        text=f"{heading}: " + "; ".join(sentences) + "." if sentences else heading,
    )
