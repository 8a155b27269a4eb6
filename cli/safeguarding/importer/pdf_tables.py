"""Tables of a PDF: from its tags where it is tagged (Word and this tool tag theirs), else from
ruled grids. Striped tables without rules are only readable from the tags."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .page_text import squash

Box = tuple[float, float, float, float]
_CELLS = ("TH", "TD")


def page_tables(page: Any) -> list[tuple[Box, list[list[str]]]]:
    """Each table on the page: its box and its rows of cell text."""
    try:
        tree = page.structure_tree
    except Exception:  # an unusual or broken structure tree: fall back to ruled grids
        tree = []
    tagged = [_from_tags(page, table) for table in _tables(tree)]
    found = [t for t in tagged if t is not None]
    return found or _ruled(page)


def _tables(elements: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for element in elements:
        if element.get("type") == "Table":
            yield element
        else:
            yield from _tables(element.get("children", []))


def _rows(element: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for child in element.get("children", []):
        if child.get("type") == "TR":
            yield child
        elif child.get("type") != "Caption":
            yield from _rows(child)


def _mcids(element: dict[str, Any]) -> set[int]:
    found = set(element.get("mcids") or [])
    for child in element.get("children", []):
        found |= _mcids(child)
    return found


def _from_tags(page: Any, table: dict[str, Any]) -> tuple[Box, list[list[str]]] | None:
    rows, chars = [], []
    for row in _rows(table):
        cells = []
        for cell in row.get("children", []):
            if cell.get("type") not in _CELLS:
                continue
            ids = _mcids(cell)
            mine = [c for c in page.chars if c.get("mcid") in ids]
            chars += mine
            cells.append(squash(_text(page, mine)))
        if cells:
            rows.append(cells)
    if len(rows) < 1 or not chars:
        return None
    box = (min(c["x0"] for c in chars), min(c["top"] for c in chars),
           max(c["x1"] for c in chars), max(c["bottom"] for c in chars))
    return box, rows


def _text(page: Any, chars: list[dict[str, Any]]) -> str:
    if not chars:
        return ""
    ids = {id(c) for c in chars}
    return str(page.filter(lambda obj: id(obj) in ids).extract_text())


def _ruled(page: Any) -> list[tuple[Box, list[list[str]]]]:
    """Grids drawn with lines, leaving out a frame or background round the whole page."""
    area = float(page.width * page.height)
    inner = page.filter(lambda o: not (o.get("object_type") == "rect" and
                                       (o["x1"] - o["x0"]) * (o["bottom"] - o["top"]) > 0.3 * area))
    found = []
    for table in inner.find_tables():
        rows = [[squash(c or "") for c in row] for row in table.extract()]
        if sum(1 for r in rows if sum(1 for c in r if c) >= 2) >= 2:
            found.append((tuple(table.bbox), rows))
    return found
