"""The charts of typed blocks (the budget, training attendance, key facts against last year),
and the key facts compared with last year and with other areas, as tables.

A block type's functions are its entries in CHARTS, PREVIOUS and AREAS, at the end, keyed by
its `type`; block_types.BLOCK_TYPES finds them there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..check.budget_lines import line_value
from .charts import Bar, Chart, Group, bar_chart
from .formatting import fact_value, has_pence, label, money, number

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


ChartFunction = Callable[[dict[str, Any], str, ChartSettings], tuple[Chart, ...]]
# (this year's item, last year's item of the same id), for a table comparing the two
PairFunction = Callable[[dict[str, Any], dict[str, dict[str, Any]]], list[tuple[dict, dict]]]
# (the areas compared, per item its figure for each area or None), for a table of areas
AreasFunction = Callable[[dict[str, Any]], tuple[tuple[str, ...], tuple[tuple[
    dict[str, Any], tuple[dict[str, Any] | None, ...]], ...]]]

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


def compared_with_areas(block: dict[str, Any]) -> tuple[tuple[str, ...], tuple[tuple[
        dict[str, Any], tuple[dict[str, Any] | None, ...]], ...]]:
    """The key facts that have comparators, as one table: a column per area compared (in the
    order the data first names them), and per fact its comparator in each column, if any."""
    names: dict[str, None] = {}
    facts = [f for f in block["facts"] if f.get("comparators")]
    for fact in facts:
        names.update((_comparator_name(c), None) for c in fact["comparators"])
    rows = []
    for fact in facts:
        by_name = {_comparator_name(c): c for c in fact["comparators"]}
        rows.append((fact, tuple(by_name.get(name) for name in names)))
    return tuple(names), tuple(rows)


def _comparator_name(comp: dict[str, Any]) -> str:
    return str(comp.get("label") or label(comp["area"]))


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


# By block type. Other areas' figures are one table, not also a chart: the at-a-glance page
# shows each figure once. Last year's figures are charted, beside their own table.
CHARTS: dict[str, ChartFunction] = {
    "key-facts": previous_year_charts,
    "training": training_charts,
    "budget": budget_charts,
}
PREVIOUS: dict[str, PairFunction] = {"key-facts": previous_pairs}  # compared with last year
AREAS: dict[str, AreasFunction] = {"key-facts": compared_with_areas}  # with other areas
