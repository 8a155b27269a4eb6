"""The declared context handed to the templates: everything they may use, and nothing else.

Templates read the document's own data (already schema-valid) through `doc`, and
everything derived from it (html ids, heading levels, charts, the appendix, the
glossary) through these typed views, so no template works out a figure, a status or an
id: it formats and lays out what it is given (a block's charts by name:
`block.chart("compared")`), deciding only how (a table's column span, a class for a long
word).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from ..load.block_types import registry
from .block_charts import chart_id
from .branding import Branding
from .charts import Chart
from .markdown import MarkdownRenderer


@dataclass(frozen=True)
class BlockView:
    """One typed block: its data, its html id, its charts, and (priorities) nested blocks."""

    type: str
    html_id: str
    data: Mapping[str, Any]
    level: int  # the heading level for the block's title
    charts: tuple[Chart, ...] = ()
    nested: tuple[tuple[BlockView, ...], ...] = ()  # per priority item, its blocks
    # key facts: (this year's fact, last year's fact of the same id), for the comparison table
    previous: tuple[tuple[Mapping[str, Any], Mapping[str, Any]], ...] = ()
    # key facts compared with other areas: the areas' names (the table's columns), and per
    # fact its comparator in each column, or None
    areas: tuple[str, ...] = ()
    compared: tuple[tuple[Mapping[str, Any], tuple[Mapping[str, Any] | None, ...]], ...] = ()

    @property
    def partial(self) -> str:
        return registry()[self.type].partial

    def chart(self, name: str) -> Chart | None:
        """The block's chart of that name (e.g. "compared"), if it has one."""
        return next((c for c in self.charts if c.id == chart_id(self.html_id, name)), None)

    @property
    def content_level(self) -> int:
        """The level for headings inside the block: one under its title, if it has one."""
        return min(self.level + (1 if self.data.get("title") else 0), 6)


@dataclass(frozen=True)
class SectionView:
    html_id: str
    number: str
    title: str
    body: str
    level: int  # h2 for a top-level section (h1 is the document's title), at most h6
    blocks: tuple[BlockView, ...]
    sections: tuple[SectionView, ...]


@dataclass(frozen=True)
class TocEntry:
    html_id: str
    number: str
    title: str
    children: tuple[TocEntry, ...] = ()


@dataclass(frozen=True)
class Place:
    """Where a requirement is met: a link within the document, or words when there is none."""

    text: str
    html_id: str = ""


@dataclass(frozen=True)
class AppendixRow:
    title: str
    description: str
    level: str  # must, should, expected, note
    status: str  # met, partial, missing, needs-review
    places: tuple[Place, ...]
    lacking: tuple[str, ...] = ()  # the elements not shown (partial) or not yet reviewed


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    meaning: str


@dataclass(frozen=True)
class Meta:
    """What goes in <head>, and from there into the PDF's metadata: never the clock."""

    title: str
    lang: str
    author: str
    description: str
    date: str  # W3C-DTF (2024-09-30 or 2019-06), or "" when the document gives none
    keywords: str


@dataclass(frozen=True)
class DocumentContext:
    kind: str  # arrangements or yearly-report
    doc_id: str
    doc: Mapping[str, Any]
    partnership: Mapping[str, Any]
    meta: Meta
    branding: Branding
    logo_uri: str  # data: URI, or ""
    draft: bool
    sections: tuple[SectionView, ...]
    toc: tuple[TocEntry, ...]
    edition_title: str
    previous_year: str  # id of last year's report when its key facts are compared, else ""
    appendix: tuple[AppendixRow, ...]
    glossary: tuple[GlossaryEntry, ...]
    signatories: tuple[Mapping[str, Any], ...]  # the document's, when no block shows them
    figure_uris: Mapping[str, str]  # asset path → data: URI
    font_css: Markup  # @font-face rules with the shipped font inlined
    md: MarkdownRenderer

    def as_template_vars(self) -> dict[str, Any]:
        return {"c": self, "doc": self.doc, "partnership": self.partnership, "md": self.md}
