"""Build the typed views of a document's sections and blocks: html ids, heading levels, charts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..load.block_types import charts_for, registry
from ..load.doctree import Path_, block_label, iter_section_blocks, section_label
from .block_charts import ChartSettings
from .context import BlockView, SectionView, TocEntry

MAX_LEVEL = 6
TOC_DEPTH = 2  # sections and their subsections; deeper ones are found through the bookmarks


def section_html_id(section: dict[str, Any], path: Path_) -> str:
    """The section's own id, else one made from its position (an underscore: never a data id)."""
    if section.get("id"):
        return str(section["id"])
    return "sec_" + "_".join(str(p + 1) for p in path if isinstance(p, int))


def build_sections(data: dict[str, Any], settings: ChartSettings, path: Path_ = (),
                   level: int = 2) -> tuple[SectionView, ...]:
    views = []
    for i, section in enumerate(data.get("sections") or []):
        here = (*path, "sections", i)
        html_id = section_html_id(section, here)
        views.append(SectionView(
            html_id=html_id,
            number=str(section.get("number") or ""),
            title=section["title"],
            body=section.get("body") or "",
            level=min(level, MAX_LEVEL),
            blocks=build_blocks(section.get("blocks") or [], html_id, level + 1, settings),
            sections=build_sections(section, settings, here, level + 1),
        ))
    return tuple(views)


def build_blocks(blocks: list[dict[str, Any]], parent_id: str, level: int,
                 settings: ChartSettings) -> tuple[BlockView, ...]:
    views = []
    for j, block in enumerate(blocks):
        html_id = _block_html_id(block, parent_id, j)
        kind = registry()[block["type"]]
        nested = tuple(
            build_blocks(item.get("blocks") or [], _item_html_id(html_id, k), level + 2,
                         settings)
            for k, item in enumerate(block.get("items") or [])) \
            if kind.items_hold_blocks else ()
        pairs = kind.previous(block, settings.previous_facts) if kind.previous else []
        areas, compared = kind.areas(block) if kind.areas else ((), ())
        views.append(BlockView(block["type"], html_id, block, min(level, MAX_LEVEL),
                               charts_for(block, html_id, settings), nested, tuple(pairs),
                               areas, compared))
    return tuple(views)


def _block_html_id(block: dict[str, Any], parent_id: str, index: int) -> str:
    return str(block.get("id") or f"{parent_id}_b{index + 1}")


def _item_html_id(block_id: str, index: int) -> str:
    return f"{block_id}_{index + 1}"


def block_html_id(section: dict[str, Any], section_id: str, place: Path_) -> str:
    """The html id build_blocks gives the block at `place` below its section."""
    node: Any = section
    html_id = section_id
    for key, index in zip(place[::2], place[1::2], strict=True):
        node = node[key][index]
        html_id = _block_html_id(node, html_id, int(index)) if key == "blocks" \
            else _item_html_id(html_id, int(index))
    return html_id


def build_toc(sections: tuple[SectionView, ...], depth: int = TOC_DEPTH) -> tuple[TocEntry, ...]:
    if depth == 0:
        return ()
    return tuple(TocEntry(s.html_id, s.number, s.title, build_toc(s.sections, depth - 1))
                 for s in sections)


def iter_section_views(sections: tuple[SectionView, ...]) -> Iterator[SectionView]:
    for section in sections:
        yield section
        yield from iter_section_views(section.sections)


def iter_block_views(sections: tuple[SectionView, ...]) -> Iterator[BlockView]:
    for section in iter_section_views(sections):
        for block in section.blocks:
            yield block
            for inner in block.nested:
                yield from inner


def places_by_label(data: dict[str, Any], path: Path_ = (),
                    parent: str = "") -> dict[str, tuple[str, str]]:
    """How `check` names each section, block and typed evidence → (html id, text shown).

    An unnumbered subsection is shown with its parent ("9 Quality …: Evidence of Impact"),
    since several subsections often share a title.
    """
    found: dict[str, tuple[str, str]] = {}
    for i, section in enumerate(data.get("sections") or []):
        here = (*path, "sections", i)
        html_id = section_html_id(section, here)
        label = section_label(section, here)
        if section.get("number"):
            shown = f"{section['number']} {section['title']}"
        else:
            shown = f"{parent}: {section['title']}" if parent else section["title"]
        found[label] = (html_id, shown)
        for block_path, block in iter_section_blocks(section, here):
            place = block_path[len(here):]
            block_id = block_html_id(section, html_id, place)
            text = f"{shown}: {block['title']}" if block.get("title") else shown
            found[block_label(block, label, place)] = (block_id, text)
            # `check` names typed evidence "block: budget": the first such block.
            found.setdefault(f"block: {block['type']}", (block_id, text))
        found.update(places_by_label(section, here, shown))
    return found
