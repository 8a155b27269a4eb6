"""A table becomes a plain `table` block; typed blocks where the figures parse."""

from __future__ import annotations

from typing import Any

Path_ = tuple[str | int, ...]
NoteSpec = tuple[str, str, Path_, str]


def table_block(rows: list[list[str]], title: str) -> tuple[dict[str, Any], list[NoteSpec]]:
    """The block for a table and what needs checking in it."""
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    width = max((len(r) for r in rows), default=0)
    rows = [r + [""] * (width - len(r)) for r in rows]
    block: dict[str, Any] = {"type": "table"}
    if title:
        block["title"] = title
    if not rows:
        block.update(columns=["Column 1"], rows=[[None]])
        return block, [("import.table-empty", "an empty table was found", (), "delete it")]
    head = rows[0]
    body: list[list[str | None]] = [list(r) for r in rows[1:]] or [[None] * width]
    block["columns"] = [cell or f"Column {i + 1}" for i, cell in enumerate(head)]
    block["rows"] = [[cell_value(c) for c in r] for r in body]
    return block, []


def cell_value(cell: str | None) -> str | float | int | None:
    """A cell as the schema wants it: a number where it is one, else text, or empty."""
    if cell is None or not cell.strip():
        return None
    number = parse_number(cell)
    return number if number is not None else cell


def parse_number(text: str) -> int | float | None:
    """'£1,234' → 1234, '12.5%' → 12.5, '(300)' → -300; None when it is not a figure."""
    t = text.strip().replace(",", "").replace("£", "").replace("%", "").strip()
    negative = t.startswith("(") and t.endswith(")")
    t = t.strip("()").strip()
    if t.startswith("-") or t.startswith("−"):
        negative, t = True, t[1:].strip()
    if not t or not all(c.isdigit() or c == "." for c in t) or t.count(".") > 1 or t == ".":
        return None
    value = float(t) if "." in t else int(t)
    return -value if negative else value
