"""Accessible bar charts as inline SVG, drawn by hand: small, exact, the same bytes every time.

Each chart is `<svg role="img" aria-labelledby="…">` whose first child is a `<title>`
holding the whole text alternative (WeasyPrint copies it into the PDF Figure's /Alt),
then a `<desc>`; all text is real `<text>`. The figures themselves are always also in a
table next to the chart, rendered by the block's template.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH = 440  # drawn 1:1 in the PDF (116 mm); on screen scaled to the column
VALUE_SPACE = 125  # room right of the longest bar for its figure, more if a figure is longer
GAP = 6  # between a bar and its figure
ROW = 44  # label line + bar + gap
GROUP_HEAD = 30
LINE = 19  # each further line of a wrapped label
BAR_HEIGHT = 16
LABEL_MAX = 52  # characters per line at 15px in WIDTH
CHAR_WIDTH = WIDTH / LABEL_MAX  # the same estimate, to fit a figure beside its bar
NEUTRAL = "#666666"  # 5.7:1 on white: bars are graphics (3:1 needed) and this is text-safe too
INK = "#1a1a1a"


@dataclass(frozen=True)
class Bar:
    label: str
    value: float  # drawn length, in the group's scale; never negative
    text: str  # the figure as printed, e.g. "£150,000" or "1 in 200"
    emphasis: bool = True  # this area / this year in the main colour; others neutral


@dataclass(frozen=True)
class Group:
    label: str  # "" when the chart has one unnamed group
    bars: tuple[Bar, ...]
    left_out: tuple[str, ...] = ()  # what is not drawn and why, e.g. "Wales (no figure)"


@dataclass(frozen=True)
class Chart:
    id: str
    caption: str  # shown under the chart
    alt: str  # the full text alternative
    svg: Markup


def bar_chart(chart_id: str, caption: str, groups: Sequence[Group], colour: str,
              own_scales: bool = False, shared: Sequence[Bar] = ()) -> Chart:
    """Horizontal bars; with own_scales each group is drawn to its own scale (mixed units).
    `shared`: the bars of charts shown beside this one in the same unit (income beside
    expenditure), so that equal amounts draw equally long in both."""
    alt = f"Bar chart: {caption}. " + " ".join(_alt_group(g) for g in groups)
    # Said under the chart too: a sighted reader should not have to find the gap in the table.
    left_out = "; ".join(f"{g.label}: {', '.join(g.left_out)}" if g.label else ", ".join(g.left_out)
                         for g in groups if g.left_out)
    caption += f". Not drawn: {left_out}" if left_out else ""
    desc = ("Each measure is drawn to its own scale. " if own_scales else "") + \
        "The same figures are in the table with the chart."
    body, height = _draw(groups, colour, own_scales, shared)
    svg = Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'font-family="\'Atkinson Hyperlegible Next\', \'DejaVu Sans\', sans-serif" font-size="15">'
        f'<title id="{chart_id}-title">{escape(alt)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>{body}</svg>')
    return Chart(chart_id, caption, alt, svg)


def _alt_group(group: Group) -> str:
    bars = "; ".join([f"{bar.label}: {bar.text}" for bar in group.bars]
                     + ([f"not drawn: {', '.join(group.left_out)}"] if group.left_out else []))
    return f"{group.label}: {bars}." if group.label else f"{bars}."


def _draw(groups: Sequence[Group], colour: str, own_scales: bool,
          shared: Sequence[Bar] = ()) -> tuple[str, int]:
    parts: list[str] = []
    y = 4
    every = [bar for g in groups for bar in g.bars] + list(shared)
    overall = _largest(every)
    # Every figure fits right of its bar: bars are shortened to leave room for the longest one.
    longest = WIDTH - max([VALUE_SPACE] + [GAP + len(bar.text) * CHAR_WIDTH for bar in every])
    for group in groups:
        if group.label:
            lines = _wrap(group.label)
            parts += [_text(0, y + 18 + LINE * i, line, weight="700")
                      for i, line in enumerate(lines)]
            y += GROUP_HEAD + LINE * (len(lines) - 1)
        scale = _largest(group.bars) if own_scales else overall
        for bar in group.bars:
            row, height = _bar_row(bar, y, longest, scale, colour)
            parts.append(row)
            y += height
        y += 8 if group.label else 0
    return "".join(parts), y


def _largest(bars: Iterable[Bar]) -> float:
    return max((bar.value for bar in bars), default=0.0) or 1.0


def _bar_row(bar: Bar, y: int, longest: float, scale: float, colour: str) -> tuple[str, int]:
    """One labelled bar, `longest` long at the value `scale`, and the height it takes (a long
    label wraps above the bar)."""
    length = round(longest * max(bar.value, 0.0) / scale, 1)
    fill = colour if bar.emphasis else NEUTRAL
    lines = _wrap(bar.label)
    y_bar = y + LINE * (len(lines) - 1)
    return ("".join(_text(0, y + 14 + LINE * i, line) for i, line in enumerate(lines))
            + f'<rect x="0" y="{y_bar + 20}" width="{length}" height="{BAR_HEIGHT}" '
            f'fill="{fill}"/>'
            + _text(length + GAP, y_bar + 33, bar.text, weight="700")), ROW + y_bar - y


def _text(x: float, y: float, text: str, weight: str = "400") -> str:
    return (f'<text x="{x}" y="{y}" fill="{INK}" font-weight="{weight}">'
            f"{escape(text)}</text>")


def _wrap(label: str) -> list[str]:
    # SVG text does not wrap by itself; cutting a label would lose words.
    return textwrap.wrap(label, LABEL_MAX) or [""]
