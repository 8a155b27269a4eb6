"""The charts of typed blocks: the budget, training attendance, key facts compared (each
block type's function is named in block_types.BLOCK_TYPES)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .budget_lines import line_value
from .charts import Bar, Chart, Group, bar_chart
from .formatting import fact_value, has_pence, label, money, number, one_in

MIN_BARS = 2  # a chart of one bar says nothing a sentence would not


def chart_id(html_id: str, name: str) -> str:
    """A block's chart's html id, e.g. key-facts_compared: templates ask for it by name."""
    return f"{html_id}_{name}"


@dataclass(frozen=True)
class ChartSettings:
    colour: str
    area: str  # the partnership's area, e.g. "Riverside": the name of "our" bar
    this_year: str = ""  # e.g. "2023-24"
    previous_year: str = ""  # e.g. "2022-23", when last year's report exists
    previous_facts: dict[str, dict[str, Any]] = field(default_factory=dict)  # by fact id


def budget_charts(block: dict[str, Any], html_id: str, s: ChartSettings) -> tuple[Chart, ...]:
    drawn = []
    for key, caption in (("income", "Income by contributor"), ("expenditure", "Expenditure")):
        amounts = [(line["label"], line_value(line)) for line in block.get(key) or []]
        pence = has_pence(amount for _, amount in amounts)
        bars = tuple(Bar(name, amount, money(amount, pence))
                     for name, amount in amounts if amount is not None and amount > 0)
        # A bar cannot show these; the chart says so rather than leave them out unnoticed.
        left_out = tuple(f"{name} ({_not_drawn(amount)})" for name, amount in amounts
                         if amount is None or amount <= 0)
        if len(bars) >= MIN_BARS:
            drawn.append((key, caption, Group("", bars, left_out)))
    # Both in pounds, side by side: one scale, so that £84,015 never draws as long as £94,700.
    every = [bar for *_, group in drawn for bar in group.bars]
    return tuple(bar_chart(chart_id(html_id, key), caption, [group], s.colour, shared=every)
                 for key, caption, group in drawn)


def _not_drawn(amount: float | None) -> str:
    if amount is None:
        return "no figure"
    return "zero" if amount == 0 else "a negative amount"


def training_charts(block: dict[str, Any], html_id: str, s: ChartSettings) -> tuple[Chart, ...]:
    bars = tuple(Bar(event["title"], float(event["attended"]), number(event["attended"]))
                 for event in block["events"] if isinstance(event.get("attended"), int | float))
    if len(bars) < MIN_BARS:
        return ()
    return (bar_chart(chart_id(html_id, "attendance"), "Attendance by course", [Group("", bars)],
                      s.colour),)


def comparator_charts(block: dict[str, Any], html_id: str, s: ChartSettings) -> tuple[Chart, ...]:
    groups = [g for fact in block["facts"] if (g := _compared(fact, s.area)) is not None]
    if not groups:
        return ()
    rates = any(isinstance(f.get("one_in"), int | float) for f in block["facts"])
    caption = "Key facts compared with other areas" + (
        " (a longer bar is a higher rate: “1 in 30” is more children than “1 in 200”)"
        if rates else "")
    return (bar_chart(chart_id(html_id, "compared"), caption, groups, s.colour, own_scales=True),)


def _compared(fact: dict[str, Any], area: str) -> Group | None:
    """Our figure and each comparator on the same basis: both as 1 in N, or both as values."""
    as_rate = isinstance(fact.get("one_in"), int | float)
    ours = _rate_bar(area, fact["one_in"]) if as_rate else \
        Bar(area, float(fact["value"]), fact_value(fact["value"], fact.get("unit")))
    others, left_out = [], []
    for comp in fact.get("comparators") or []:
        name = comp.get("label") or label(comp["area"])
        rate, value = (isinstance(comp.get(k), int | float) for k in ("one_in", "value"))
        if as_rate and rate:
            others.append(_rate_bar(name, comp["one_in"], emphasis=False))
        elif not as_rate and value:
            others.append(Bar(name, max(float(comp["value"]), 0.0),
                              fact_value(comp["value"], fact.get("unit")), emphasis=False))
        elif rate or value:  # on another basis than ours: one bar beside the other would mislead
            left_out.append(f"{name} ({'not given as 1 in N' if as_rate else 'given as 1 in N'})")
        else:  # said, so that a reader does not take a missing bar for a zero
            left_out.append(f"{name} (no figure)")
    return Group(fact["label"], (ours, *others), tuple(left_out)) if others else None


def _rate_bar(name: str, n: float, emphasis: bool = True) -> Bar:
    # "1 in 200" is more common than "1 in 240": the bar is the rate, 1/N.
    return Bar(name, 1.0 / float(n), one_in(n), emphasis)


def previous_year_charts(block: dict[str, Any], html_id: str,
                         s: ChartSettings) -> tuple[Chart, ...]:
    groups = []
    for fact, before in previous_pairs(block, s.previous_facts):
        unit = fact.get("unit")
        groups.append(Group(fact["label"], (
            Bar(s.previous_year, max(float(before["value"]), 0.0),
                fact_value(before["value"], unit), emphasis=False),
            Bar(s.this_year, max(float(fact["value"]), 0.0), fact_value(fact["value"], unit)))))
    if not groups:
        return ()
    caption = f"Key facts in {s.this_year} compared with {s.previous_year}"
    return (bar_chart(chart_id(html_id, "previous"), caption, groups, s.colour, own_scales=True),)


def previous_pairs(block: dict[str, Any],
                   previous: dict[str, dict[str, Any]]) -> list[tuple[dict, dict]]:
    """This block's facts with last year's fact of the same id and unit."""
    pairs = []
    for fact in block["facts"]:
        before = previous.get(fact.get("id") or "")
        if before and before.get("unit") == fact.get("unit"):
            pairs.append((fact, before))
    return pairs
