"""figures.budget_totals: a budget's stated totals agree with its lines."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from ...findings import Finding, Severity
from ...load.block_types import BUDGET
from ...load.doctree import Path_
from ..budget_lines import line_value
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
    of up to 1 is rounding. Each comparison uses the stated totals where given, and a
    totals row that no longer adds up across its columns by the same amount as a wrong
    figure already found is that figure's consequence, told in its finding: one wrong
    figure gives one finding.

    passes: income lines 94,700 and 72,908 with `totals.income.total: 167608`
    fails:  an expenditure line of 60 in the training fund, with the stated training
            fund total of expenditure 0
    """
    for path, block in context.blocks(BUDGET):
        funds = {f["id"]: f.get("name", f["id"]) for f in block.get("funds") or []}
        yield from _check_block(context, path, block, funds or {SINGLE: "the budget"})


def _check_block(context: CheckContext, path: Path_, block: dict[str, Any],
                 funds: dict[str, str]) -> Iterator[Finding]:
    totals = block.get("totals") or {}
    for part in ("opening", "income", "expenditure"):
        for i, line in enumerate(block.get(part) or []):
            yield from (f for f, _, _ in _own_total(context, (*path, part, i), line))
    # A totals row that does not add up across its columns, by a gap equal to a wrong
    # column total's, repeats that error: it is told in the wrong figure's finding.
    rows = [found for name, line in totals.items()
            for found in _own_total(context, (*path, "totals", name), line)]
    columns: list[tuple[Finding, float]] = []
    used: dict[str, Row] = {}
    lines: dict[str, Row] = {}
    for part in ("income", "expenditure"):
        lines[part] = _column_sums(block.get(part) or [], funds)
        columns += _compare(context, (*path, "totals", part), totals.get(part), [lines[part]],
                            f"total {part}", funds)
        used[part] = {**lines[part], **_stated(totals.get(part), funds)}
    # A later total may follow the printed totals or the lines: either agrees with it.
    net_lines = {k: lines["income"][k] - lines["expenditure"][k] for k in lines["income"]}
    net = {k: used["income"][k] - used["expenditure"][k] for k in used["income"]}
    columns += _compare(context, (*path, "totals", "net"), totals.get("net"), [net, net_lines],
                        "net position (income less expenditure)", funds)
    if block.get("opening") and totals.get("closing"):
        opening = _column_sums(block["opening"], funds)
        printed_net = {**net, **_stated(totals.get("net"), funds)}
        closing = [{k: opening[k] + n[k] for k in opening} for n in (printed_net, net_lines)]
        columns += _compare(context, (*path, "totals", "closing"), totals["closing"], closing,
                            "closing balance (opening plus net)", funds)
    yield from _fold(columns, rows)


def _fold(columns: list[tuple[Finding, float]],
          rows: list[tuple[Finding, float, str]]) -> Iterator[Finding]:
    """The column findings, each telling the totals rows it throws out; other rows alone."""
    told: dict[int, list[str]] = {}
    for row, gap, text in rows:
        cause = next((i for i, (_, g) in enumerate(columns) if abs(abs(g) - abs(gap))
                      <= TOLERANCE), None)
        if cause is None:
            yield row
        else:
            told.setdefault(cause, []).append(text)
    for i, (finding, _) in enumerate(columns):
        if i in told:
            finding = replace(finding, message=f"{finding.message}; this also explains why "
                              f"{' and '.join(told[i])}")
        yield finding


def _own_total(context: CheckContext, path: Path_,
               line: dict[str, Any]) -> Iterator[tuple[Finding, float, str]]:
    """A line whose total disagrees with its amounts, with the gap and, in a few words,
    what a reader is told when it is the consequence of another wrong figure."""
    amounts = line.get("amounts") or {}
    if line.get("total") is None or not (amounts or line.get("amount") is not None):
        return
    # A one-fund line's figure is its amount (budget_lines.line_value): a total beside it
    # must say the same, or the chart and the table would show another figure than it.
    added = sum(float(v or 0) for v in amounts.values()) if amounts else float(line["amount"])
    what = "its amounts add up to" if amounts else "its amount is"
    if abs(added - line["total"]) > TOLERANCE:
        finding = budget_totals.finding(
            f"'{line.get('label')}' shows a total of {_money(line['total'])}, but {what} "
            f"{_money(added)} ({_difference(line['total'], added)})",
            context.locate((*path, "total")), "correct the total or the amounts as printed")
        told = (f"'{line.get('label')}' adds up to {_money(added)} across its columns "
                f"against its total of {_money(line['total'])}")
        yield finding, line["total"] - added, told


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


def _compare(context: CheckContext, path: Path_, line: dict[str, Any] | None,
             bases: list[Row], what: str,
             funds: dict[str, str]) -> Iterator[tuple[Finding, float]]:
    """Each stated figure of line that agrees with none of the bases, with its gap from the
    first (the printed totals above it, then the lines)."""
    expected = bases[0]
    for key, value in _stated(line, funds).items():
        if any(abs(value - basis[key]) <= TOLERANCE for basis in bases):
            continue
        where = {TOTAL: ("total",), SINGLE: ("amount",)}.get(key, ("amounts", key))
        column = "in the total column" if key == TOTAL else f"for {funds[key]}"
        if key == SINGLE and TOTAL in _stated(line, funds):
            column = ""
        yield budget_totals.finding(
            f"the {what} {column} is printed as {_money(value)}, but the figures give "
            f"{_money(expected[key])} ({_difference(value, expected[key])})"
            .replace("  ", " "),
            context.locate((*path, *where)), "correct the figure as printed, or the lines"), \
            value - expected[key]


def _money(value: float) -> str:
    text = f"{abs(value):,.2f}".removesuffix(".00")
    return f"-{text}" if value < 0 else text


def _difference(printed: float, computed: float) -> str:
    gap = printed - computed
    return f"printed {_money(abs(gap))} too {'high' if gap > 0 else 'low'}"
