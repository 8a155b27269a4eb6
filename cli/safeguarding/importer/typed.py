"""Recognise tables that are typed blocks: a budget, training figures, key facts.

Each recogniser looks at the column headings first. When they say what the table is but a
figure does not parse, it says which, and the table stays a plain one for a person to retype.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..load.block_types import BUDGET, KEY_FACTS, TRAINING
from .page_text import parse_number, squash

Recognised = tuple[dict[str, Any] | None, str]  # the block, or why it could not be one
_EMPTY = {"", "-", "–", "—", "n/a"}
_GROUPS = {"balances": "opening", "opening": "opening", "opening balances": "opening",
           "income": "income", "expenditure": "expenditure", "spending": "expenditure"}
_TOTALS = (("total income", "income"), ("total expenditure", "expenditure"), ("net", "net"),
           ("closing", "closing"), ("carried forward", "closing"))
_ONE_IN = re.compile(r"^(?P<value>£?[\d,]+(?:\.\d+)?%?)\s*\(?\s*(?:1\s+in\s+(?P<one_in>[\d,]+)"
                     r"\s*\)?)?$")
_RATE = re.compile(r"^(?:1\s+in\s+(?P<one_in>[\d,]+)|(?P<value>[\d,]+(?:\.\d+)?)%?)$")
_COMPARATOR = re.compile(r"(?P<label>[A-Za-z][A-Za-z '&-]*?):\s*(?:1\s+in\s+(?P<one_in>[\d,]+)|"
                         r"(?P<value>[\d,]+(?:\.\d+)?)%?)")
_REGIONS = re.compile(r"midlands|north|south|east|west|london|yorkshire|region", re.IGNORECASE)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60].strip("-") or "fund"


def _find(head: list[str], *patterns: str) -> int | None:
    for i, cell in enumerate(head):
        if any(re.search(p, cell, re.IGNORECASE) for p in patterns):
            return i
    return None


def _amount(cell: str) -> tuple[bool, float | int | None]:
    text = squash(cell).lower()
    if text in _EMPTY:
        return True, None
    value = parse_number(text)
    return value is not None, value


def recognise_training(head: list[str], body: list[list[str]]) -> Recognised:
    title = _find(head, r"course|training|event|session title|programme")
    attended = _find(head, r"attend|delegates|participants|trained")
    if title is None or attended is None or title == attended:
        return None, ""
    sessions = _find(head, r"^sessions|number of sessions|courses run")
    events, total = [], {}
    for row in body:
        figures = {"attended": row[attended]}
        if sessions is not None:
            figures["sessions"] = row[sessions]
        parsed = {k: parse_number(v) for k, v in figures.items()
                  if squash(v).lower() not in _EMPTY}
        if any(not isinstance(v, int) or v < 0 for v in parsed.values()):
            return None, f"the training figures in the row '{row[title]}' are not whole numbers"
        if row[title].lower().startswith("total"):
            total = parsed
        elif row[title].strip():
            events.append({"title": row[title], **parsed})
    if not events:
        return None, ""
    block: dict[str, Any] = {"type": TRAINING, "events": events}
    if total:
        block["total"] = total
    return block, ""


def recognise_budget(head: list[str], body: list[list[str]]) -> Recognised:
    groups = [_GROUPS.get(_group(row).lower(), "") for row in body]
    if not {"income", "expenditure"} & set(groups) or len(head) < 2:
        return None, ""
    total_col = len(head) - 1 if head[-1].strip().lower() in ("total", "totals") else None
    fund_cols = [i for i in range(1, len(head)) if i != total_col]
    funds = [{"id": slug(head[i]), "name": head[i]} for i in fund_cols]
    block: dict[str, Any] = {"type": BUDGET}
    if total_col is not None and funds:
        block["funds"] = funds
    group, totals = "", {}
    for row, row_group in zip(body, groups, strict=True):
        if row_group:
            group = row_group
            continue
        line = _budget_line(row, {i: slug(head[i]) for i in fund_cols}, total_col,
                            "funds" in block)
        if isinstance(line, str):
            return None, line
        kind = next((k for start, k in _TOTALS if row[0].lower().startswith(start)), None)
        if kind:
            totals[kind] = line
        elif group:
            block.setdefault(group, []).append(line)
    if totals:
        block["totals"] = totals
    return block, ""


def _group(row: list[str]) -> str:
    """A row that names a group (Income, Expenditure): one text across the row."""
    cells = {c for c in row if c.strip()}
    return cells.pop() if len(cells) == 1 and row[0].strip() else ""


def _budget_line(row: list[str], fund_ids: dict[int, str], total_col: int | None,
                 by_fund: bool) -> dict[str, Any] | str:
    line: dict[str, Any] = {"label": row[0] or "Line"}
    amounts = {}
    for i in fund_ids:
        ok, value = _amount(row[i])
        if not ok:
            return f"the amount '{row[i]}' in the line '{row[0]}' is not a figure"
        amounts[i] = value
    if by_fund:
        line["amounts"] = {fund_ids[i]: value for i, value in amounts.items()}
    elif fund_ids:
        line["amount"] = next(iter(amounts.values()))
    if total_col is not None:
        ok, value = _amount(row[total_col])
        if not ok:
            return f"the total '{row[total_col]}' in the line '{row[0]}' is not a figure"
        line["total" if by_fund else "amount"] = value
    return line


def recognise_key_facts(head: list[str], body: list[list[str]]) -> Recognised:
    if _find(head[:1], r"measure|indicator|key fact|fact") is None or len(head) < 2:
        return None, ""
    compared = _find(head, r"compared|comparator|benchmark")
    facts = []
    for row in body:
        found = _ONE_IN.match(squash(row[1]).replace("\u00a0", " "))
        if not found:
            return None, f"the figure '{row[1]}' for '{row[0]}' is not a number"
        value = parse_number(found.group("value"))
        fact: dict[str, Any] = {"id": slug(row[0]), "label": row[0], "value": value}
        if found.group("value").endswith("%"):
            fact["unit"] = "percent"
        if found.group("one_in"):
            fact["one_in"] = parse_number(found.group("one_in"))
        if compared is not None and compared != 1:
            comparators = _comparators(row[compared])
        else:  # one column for each comparator, named by its heading
            comparators = [c for label, cell in zip(head[2:], row[2:], strict=False)
                           if (c := _column_comparator(label, cell)) is not None]
        if comparators:
            fact["comparators"] = comparators
        facts.append(fact)
    return ({"type": KEY_FACTS, "facts": facts}, "") if facts else (None, "")


def _comparators(cell: str) -> list[dict[str, Any]]:
    """'Statistical neighbours: 1 in 34 West Midlands: 1 in 27' → two comparators."""
    return [_comparator(squash(found.group("label")), found)
            for found in _COMPARATOR.finditer(cell.replace("\u00a0", " "))]


def _column_comparator(label: str, cell: str) -> dict[str, Any] | None:
    found = _RATE.match(squash(cell.replace("\u00a0", " ")))
    return _comparator(squash(label), found) if found and label.strip() else None


def _comparator(label: str, found: re.Match[str]) -> dict[str, Any]:
    lower = label.lower()
    area = ("statistical-neighbours" if "statistical" in lower else
            "england" if lower == "england" else "national" if "national" in lower else
            "previous-year" if "year" in lower else
            "region" if _REGIONS.search(label) else "other")
    item: dict[str, Any] = {"area": area, "label": label}
    if found.group("one_in"):
        item["one_in"] = parse_number(found.group("one_in"))
    else:
        item["value"] = parse_number(found.group("value"))
    return item


RECOGNISERS: tuple[Callable[[list[str], list[list[str]]], Recognised], ...] = (
    recognise_budget, recognise_training, recognise_key_facts)


def recognise(head: list[str], body: list[list[str]]) -> Recognised:
    """The first typed block the table is; else None and, if it nearly was one, why not."""
    reasons = []
    for recogniser in RECOGNISERS:
        block, reason = recogniser(head, body)
        if block is not None:
            return block, ""
        if reason:
            reasons.append(reason)
    return None, "; ".join(reasons)
