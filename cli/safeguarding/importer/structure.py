"""Turn a reader's items into the document's nested section tree, text as Markdown.

Headings nest by level and keep their numbers (`3.5`, `Section 2`, `Appendix A`). Text
before a section's first table or figure is its body; text after one goes into a `text`
block, as the hand-encoded documents do. What needs a human is noted with its place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..load.block_types import FIGURE, TEXT
from ..load.doctree import Path_
from ..load.layout import suggested_slug
from ..rules import known
from .model import Caption, Extracted, Heading, Image, Item, Para, Table
from .tables import table_block

_NUMBERED = re.compile(
    r"^(?P<num>(?:section|appendix|part|chapter|annex|schedule)\s+[\w.]+|\d{1,2}(?:\.\d{1,2})*\.?"
    r"|[A-Z]\.)\s+(?P<title>\S.*)$", re.IGNORECASE)

RULE_FRONT_MATTER = known("import.front_matter")
RULE_IMAGE_ALT = known("import.image_alt")
_FRONT = 1000  # the front page's level: every heading closes it


@dataclass(frozen=True)
class Note:
    """Something the importer could not do for sure: where in the new file, and why."""

    rule: str
    message: str
    path: Path_
    hint: str = ""


@dataclass
class Built:
    """The sections, the images to save (file name → bytes) and the notes."""

    sections: list[dict[str, Any]]
    images: dict[str, bytes] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)


def split_number(heading: str) -> tuple[str, str]:
    """'3.5 Independent scrutiny' → ('3.5', 'Independent scrutiny'); no number → ('', text)."""
    found = _NUMBERED.match(heading)
    if not found:
        return "", heading
    return found.group("num").rstrip("."), found.group("title").strip()


def build_sections(extracted: Extracted, image_prefix: str) -> Built:
    builder = _Builder(image_prefix)
    for item in extracted.items:
        builder.add(item)
    builder.flush()
    return Built(builder.top, builder.images, builder.notes)


class _Builder:
    def __init__(self, image_prefix: str) -> None:
        self.top: list[dict[str, Any]] = []
        self.stack: list[tuple[int, dict[str, Any], Path_]] = []
        self.pending: list[Para] = []
        self.caption = ""
        self.images: dict[str, bytes] = {}
        self.notes: list[Note] = []
        self.ids: set[str] = set()
        self.prefix = image_prefix
        self.last: Item | None = None

    def add(self, item: Item) -> None:
        if isinstance(item, Heading):
            self.flush()
            self.open(item)
        elif isinstance(item, Para):
            self.pending.append(item)
        elif isinstance(item, Caption):
            self.add_caption(item.text)
        elif isinstance(item, Table):
            self.add_block(*table_block(item.rows, item.title or self.take_caption()))
        else:
            self.add_image(item)
        self.last = item

    def current(self) -> tuple[dict[str, Any], Path_]:
        if not self.stack:  # text before the first heading: the cover, usually
            section = {"id": self.unique("front-page"), "title": "Front page"}
            self.top.append(section)
            path: Path_ = ("sections", len(self.top) - 1)
            self.stack.append((_FRONT, section, path))
            self.notes.append(Note(RULE_FRONT_MATTER, "text before the first heading was "
                                   "put in a section of its own", (*path, "title"),
                                   "move what belongs elsewhere (a subtitle, a date) and "
                                   "delete the rest"))
        return self.stack[-1][1], self.stack[-1][2]

    def open(self, heading: Heading) -> None:
        while self.stack and self.stack[-1][0] >= heading.level:
            self.stack.pop()
        number, title = split_number(heading.text)
        section: dict[str, Any] = {"id": self.unique(suggested_slug(title)[:70].strip("-"))}
        if number:
            section["number"] = number
        section["title"] = title
        if self.stack:
            parent, parent_path = self.stack[-1][1], self.stack[-1][2]
            children = parent.setdefault("sections", [])
            path = (*parent_path, "sections", len(children))
        else:
            children, path = self.top, ("sections", len(self.top))
        children.append(section)
        self.stack.append((heading.level, section, path))

    def unique(self, base: str) -> str:
        ident, n = base or "section", 2
        while ident in self.ids:
            ident, n = f"{base}-{n}", n + 1
        self.ids.add(ident)
        return ident

    def flush(self) -> None:
        if not self.pending:
            return
        text = markdown(self.pending)
        self.pending = []
        section, _ = self.current()
        if "blocks" not in section and "body" not in section:
            section["body"] = text
        else:
            section.setdefault("blocks", []).append({"type": TEXT, "body": text})

    def add_block(self, block: dict[str, Any], notes: list[tuple[str, str, Path_, str]]) -> None:
        self.flush()
        section, path = self.current()
        blocks = section.setdefault("blocks", [])
        where = (*path, "blocks", len(blocks))
        blocks.append(block)
        self.notes += [Note(rule, msg, (*where, *sub), hint) for rule, msg, sub, hint in notes]

    def take_caption(self) -> str:
        caption, self.caption = self.caption, ""
        return caption

    def add_caption(self, text: str) -> None:
        section, _ = self.current()
        blocks = section.get("blocks", [])
        if isinstance(self.last, Image) and blocks and "caption" not in blocks[-1]:
            blocks[-1]["caption"] = text  # a caption under its image
        else:
            self.flush()
            self.caption = text

    def add_image(self, image: Image) -> None:
        name = f"{self.prefix}-{len(self.images) + 1}.{image.ext}"
        self.images[name] = image.data
        block: dict[str, Any] = {"type": FIGURE, "src": f"assets/{name}"}
        notes: list[tuple[str, str, Path_, str]] = []
        if image.alt:
            block["alt"] = image.alt
        else:
            block["alt"] = "[Describe this image]"
            notes.append((RULE_IMAGE_ALT, f"the image saved as assets/{name} has no "
                          "alternative text in the document", ("alt",),
                          "write what the image shows for someone who cannot see it"))
        if self.caption:
            block["caption"] = self.take_caption()
        self.add_block(block, notes)


def markdown(paras: list[Para]) -> str:
    """Paragraphs separated by blank lines, list items by line breaks."""
    out: list[str] = []
    for i, para in enumerate(paras):
        previous = paras[i - 1] if i else None
        if para.list:
            line = f"{'  ' * para.depth}{para.list} {para.text}"
            joiner = "\n" if previous is not None and previous.list else "\n\n"
        else:
            line, joiner = para.text, "\n\n"
        out.append((joiner if out else "") + line)
    return "".join(out)
