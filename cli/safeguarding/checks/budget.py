"""figures.budget_totals: a budget's stated totals agree with its lines."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..budget_lines import line_value
from ..doctree import Path_
from ..findings import Finding, Severity
from .check_context import CheckContext
from .registry import rule

TOLERANCE = 1.0  # a pound either way is rounding, not an error
SINGLE = ""  # the one fund of a budget without `funds`
TOTAL = "total"  # the total column

Row = dict[str, float]  # fund id (or SINGLE, or TOTAL) → amount


@rule("figures.budget_totals", Severity.ERROR)
def budget_totals(context: CheckContext) -> Iterator[Finding]:
    """A budget's totals add up.

    Checked: each line's `total` against its `amounts`; total income and total
    expenditure, per fund and in the total column, against their lines; the net
    position against income less expenditure; and, where opening balances are given,
    the closing balance against opening plus net. Blank cells count as 0; a difference
    of up to 1 is rounding. Each comparison uses the stated totals where given, so one
    wrong figure gives one finding.

    passes: income lines 94,700 and 72,908 with `totals.income.total: 167608`
    fails:  an expenditure line of 60 in the training fund, with the stated training
            fund total of expenditure 0
    """
    for path, block in context.blocks("budget"):
        funds = {f["id"]: f.get("name", f["id"]) for f in block.get("funds") or []}
        yield from _check_block(context, path, block, funds or {SINGLE: "the budget"})


def _check_block(context: CheckContext, path: Path_, block: dict[str, Any],
                 funds: dict[str, str]) -> Iterator[Finding]:
    totals = block.get("totals") or {}
    for part in ("opening", "income", "expenditure"):
        for i, line in enumerate(block.get(part) or []):
            yield from _own_total(context, (*path, part, i), line)
    for name, line in totals.items():
        yield from _own_total(context, (*path, "totals", name), line)
    used: dict[str, Row] = {}
    for part in ("income", "expenditure"):
        computed = _column_sums(block.get(part) or [], funds)
        yield from _compare(context, (*path, "totals", part), totals.get(part), computed,
                            f"total {part}", funds)
        used[part] = {**computed, **_stated(totals.get(part), funds)}
    net = {k: used["income"][k] - used["expenditure"][k] for k in used["income"]}
    yield from _compare(context, (*path, "totals", "net"), totals.get("net"), net,
                        "net position (income less expenditure)", funds)
    if block.get("opening") and totals.get("closing"):
        opening = _column_sums(block["opening"], funds)
        net = {**net, **_stated(totals.get("net"), funds)}
        closing = {k: opening[k] + net[k] for k in opening}
        yield from _compare(context, (*path, "totals", "closing"), totals["closing"], closing,
                            "closing balance (opening plus net)", funds)


def _own_total(context: CheckContext, path: Path_, line: dict[str, Any]) -> Iterator[Finding]:
    amounts = line.get("amounts") or {}
    if line.get("total") is None or not (amounts or line.get("amount") is not None):
        return
    # A one-fund line's figure is its amount (budget_lines.line_value): a total beside it
    # must say the same, or the chart and the table would show another figure than it.
    added = sum(float(v or 0) for v in amounts.values()) if amounts else float(line["amount"])
    what = "its amounts add up to" if amounts else "its amount is"
    if abs(added - line["total"]) > TOLERANCE:
        yield budget_totals.finding(
            f"'{line.get('label')}' shows a total of {_money(line['total'])}, but {what} "
            f"{_money(added)} ({_difference(line['total'], added)})",
            context.locate((*path, "total")), "correct the total or the amounts as printed")


def _amount(line: dict[str, Any], fund: str) -> float | None:
    value = line.get("amount") if fund == SINGLE else (line.get("amounts") or {}).get(fund)
    return None if value is None else float(value)


def _column_sums(lines: list[dict[str, Any]], funds: dict[str, str]) -> Row:
    sums = {f: sum(_amount(line, f) or 0 for line in lines) for f in funds}
    return {**sums, TOTAL: sum(line_value(line) or 0 for line in lines)}


def _stated(line: dict[str, Any] | None, funds: dict[str, str]) -> Row:
    if not line:
        return {}
    stated = {f: _amount(line, f) for f in funds}
    stated[TOTAL] = None if line.get("total") is None else float(line["total"])
    return {k: v for k, v in stated.items() if v is not None}


def _compare(context: CheckContext, path: Path_, line: dict[str, Any] | None, expected: Row,
             what: str, funds: dict[str, str]) -> Iterator[Finding]:
    for key, value in _stated(line, funds).items():
        if abs(value - expected[key]) <= TOLERANCE:
            continue
        where = {TOTAL: ("total",), SINGLE: ("amount",)}.get(key, ("amounts", key))
        column = "in the total column" if key == TOTAL else f"for {funds[key]}"
        if key == SINGLE and TOTAL in _stated(line, funds):
            column = ""
        yield budget_totals.finding(
            f"the {what} {column} is printed as {_money(value)}, but the figures give "
            f"{_money(expected[key])} ({_difference(value, expected[key])})"
            .replace("  ", " "),
            context.locate((*path, *where)), "correct the figure as printed, or the lines")


def _money(value: float) -> str:
    text = f"{abs(value):,.2f}".removesuffix(".00")
    return f"-{text}" if value < 0 else text


def _difference(printed: float, computed: float) -> str:
    gap = printed - computed
    return f"printed {_money(abs(gap))} too {'high' if gap > 0 else 'low'}"
