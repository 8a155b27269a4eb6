"""What a reader finds in a Word or PDF file, in reading order, before it becomes sections."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Heading:
    """A heading; level 1 is the largest the reader saw."""

    level: int
    text: str


@dataclass
class Para:
    """A paragraph of Markdown text, or one list item (`list` is `-` or `1.`)."""

    text: str
    list: str = ""
    depth: int = 0


@dataclass
class Table:
    """A table's cells as text, the first row its headings."""

    rows: list[list[str]]
    title: str = ""


@dataclass
class Image:
    """An image's bytes, its file extension and its alternative text, if any."""

    data: bytes
    ext: str
    alt: str = ""


@dataclass
class Caption:
    """A caption or block title: it titles the table or figure next to it."""

    text: str


Item = Heading | Para | Table | Image | Caption


@dataclass
class Extracted:
    """Everything a reader got from one file."""

    items: list[Item]
    title: str = ""
    dropped: list[str] = field(default_factory=list)  # what was left out, for the summary
