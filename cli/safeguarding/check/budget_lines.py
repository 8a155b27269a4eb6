"""A budget line's figure: one rule for the chart that draws it and the check that adds it up."""

from __future__ import annotations

from typing import Any


def line_value(line: dict[str, Any]) -> float | None:
    """The line's figure: its `amount` (the whole of a one-fund line, printed in its Amount
    column), else its stated `total` (a line of several funds, as printed), else the sum of
    its `amounts` by fund; None when it gives no figure at all.

    The amount comes first because the schema makes `total` the printed total of a line's
    fund amounts: a one-fund line's `total` is checked against its amount, never drawn."""
    for key in ("amount", "total"):
        if isinstance(line.get(key), int | float):
            return float(line[key])
    amounts = [v for v in (line.get("amounts") or {}).values() if isinstance(v, int | float)]
    return float(sum(amounts)) if amounts else None
