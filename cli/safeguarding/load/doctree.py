"""Walk a document's data: its sections, typed blocks and prose, each with its path.

Paths are tuples of keys and indexes into the document's data, the same paths
`SourceFile.locate` takes, so whatever a walker yields can be located at a line.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .block_types import SIGNATORIES, holds_blocks

Path_ = tuple[str | int, ...]

# Keys whose strings are codes, dates or addresses rather than words a reader reads.
NOT_PROSE = frozenset({
    "id", "type", "src", "url", "covers", "role", "rating", "status", "kind", "unit", "area",
    "date", "as_of", "start", "end", "previous_id", "partner", "currency", "partnership",
    "edition", "lang", "published", "signed", "shadow_from", "effective_from", "review_due",
    "previous_report", "number", "version",
})
# A document's parts that are never printed: its readers' reviews are a record for the
# partnership, so placeholders and shorthand in them are nobody's business but its own.
NOT_PUBLISHED = frozenset({"reviews"})


def iter_sections(data: dict[str, Any], path: Path_ = ()) -> Iterator[tuple[Path_, dict]]:
    """Every section, parents before their subsections, in document order."""
    for i, section in enumerate(data.get("sections") or []):
        if isinstance(section, dict):
            here = (*path, "sections", i)
            yield here, section
            yield from iter_sections(section, here)


def iter_blocks(data: dict[str, Any], kind: str | None = None) -> Iterator[tuple[Path_, dict]]:
    """Every typed block (of one type, when given), in document order."""
    for path, section in iter_sections(data):
        yield from _iter_block_list(section.get("blocks"), (*path, "blocks"), kind)


def iter_signatories(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Everyone who signed: the document's own `signatories`, then those of its blocks."""
    people = [*(data.get("signatories") or ()),
              *(p for _, b in iter_blocks(data, SIGNATORIES) for p in b.get("signatories") or ())]
    return (p for p in people if isinstance(p, dict))


def iter_section_blocks(section: dict[str, Any], path: Path_) -> Iterator[tuple[Path_, dict]]:
    """The blocks of one section (not of its subsections), those inside priorities too."""
    return _iter_block_list(section.get("blocks"), (*path, "blocks"), None)


def block_label(block: dict[str, Any], section: str, place: Path_) -> str:
    """How findings and coverage name a block: its id, else its place in its section.

    `place` is the block's path below its section: ("blocks", 2) is "block 3";
    ("blocks", 2, "items", 0, "blocks", 1) is "block 3, item 1, block 2".
    """
    if block.get("id"):
        return str(block["id"])
    words = {"blocks": "block", "items": "item"}
    where = ", ".join(f"{words[str(k)]} {int(i) + 1}" for k, i in zip(place[::2], place[1::2],
                                                                       strict=True))
    return f"{section} ({where})"


def _iter_block_list(blocks: Any, path: Path_, kind: str | None) -> Iterator[tuple[Path_, dict]]:
    for j, block in enumerate(blocks or []):
        if not isinstance(block, dict):
            continue
        here = (*path, j)
        if kind is None or block.get("type") == kind:
            yield here, block
        # A reported priority may print its own tables (e.g. training) inside its progress.
        for k, item in enumerate(block.get("items") or [] if holds_blocks(block.get("type"))
                                 else []):
            if isinstance(item, dict):
                yield from _iter_block_list(item.get("blocks"), (*here, "items", k, "blocks"),
                                            kind)


def iter_prose(value: Any, path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    """Every string a reader reads (titles, bodies, cells, captions), in document order."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in NOT_PROSE and not (key in NOT_PUBLISHED and not path):
                yield from iter_prose(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from iter_prose(item, (*path, i))


def section_label(section: dict[str, Any], path: Path_) -> str:
    """How a section is named in reports: its id, else its number, else its position."""
    if section.get("id"):
        return str(section["id"])
    if section.get("number"):
        return f"section {section['number']}"
    return "section " + ".".join(str(p + 1) for p in path if isinstance(p, int))


def get_path(data: Any, path: Path_) -> Any:
    """The value at path, or None when any step is missing."""
    for key in path:
        if isinstance(data, dict) and isinstance(key, str):
            data = data.get(key)
        elif isinstance(data, list) and isinstance(key, int) and key < len(data):
            data = data[key]
        else:
            return None
    return data
