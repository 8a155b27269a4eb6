"""A table becomes a plain `table` block; typed blocks where the figures parse."""

from __future__ import annotations

import re
from typing import Any

from ..load.block_types import TABLE
from ..load.doctree import Path_
from ..rules import known
from .page_text import parse_number
from .typed import recognise

NoteSpec = tuple[str, str, Path_, str]
RULE_TABLE_EMPTY = known("import.table_empty")
RULE_NOT_TYPED = known("import.table_not_typed")


def table_block(rows: list[list[str]], title: str) -> tuple[dict[str, Any], list[NoteSpec]]:
    """The block for a table and what needs checking in it."""
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    width = max((len(r) for r in rows), default=0)
    rows = [r + [""] * (width - len(r)) for r in rows]
    block: dict[str, Any] = {"type": TABLE}
    if title:
        block["title"] = title
    if not rows:
        block.update(columns=["Column 1"], rows=[[None]])
        return block, [(RULE_TABLE_EMPTY, "an empty table was found", (), "delete it")]
    start = next((i for i, r in enumerate(rows) if sum(1 for c in r if c.strip()) >= 2), 0)
    head = [unescape(c) for c in rows[start]]
    typed, reason = recognise(head, [[unescape(c) for c in r] for r in rows[start + 1:]])
    if typed is not None:
        return ({"type": typed.pop("type"), **({"title": title} if title else {}), **typed},
                [])
    body: list[list[str | None]] = [list(r) for r in rows[start + 1:]] or [[None] * width]
    block["columns"] = [cell or f"Column {i + 1}" for i, cell in enumerate(head)]
    block["rows"] = [[cell_value(c) for c in r] for r in body]
    notes: list[NoteSpec] = []
    if reason:
        notes.append((RULE_NOT_TYPED, f"this table looks like typed figures, but "
                      f"{reason}", ("type",), "correct the figure and make it a typed block "
                      "(see docs/encoding.md), or leave it a plain table"))
    if start:
        block["notes"] = [" ".join(c for r in rows[:start] for c in r if c)]
    return block, notes


def unescape(text: str) -> str:
    """A cell as plain text (the readers escape Markdown)."""
    return re.sub(r"\\([\\*_`\[\]<>])", r"\1", text)


def cell_value(cell: str | None) -> str | float | int | None:
    """A cell as the schema wants it: a number where it is one, else text, or empty."""
    if cell is None or not cell.strip():
        return None
    number = parse_number(cell)
    return number if number is not None else cell
