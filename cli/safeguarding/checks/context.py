"""What a consistency check is given: one document, its partnership, last year's report, today."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from ..coverage import STANDING_FIELDS
from ..doctree import Path_, iter_blocks, iter_prose
from ..edition import document_date
from ..findings import Location
from ..yamlfile import SourceFile

# Web addresses inside prose: nothing in them is a word, an acronym or a percentage.
_ADDRESS = re.compile(r"\]\([^)]*\)|<[a-z]+://[^>]*>|\b[a-z]+://\S+|\bwww\.\S+|\S+@\S+\.\S+",
                      re.IGNORECASE)
# Where a sentence ends in Markdown prose. A single line break is not one: block scalars
# wrap sentences across lines. A blank line, a list item, a heading or a table row is.
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n\s*\n|\n(?=[ \t]*(?:[-*+][ \t]|\d+[.)][ \t]|#|\|))")


def sentence_around(text: str, start: int, end: int | None = None) -> str:
    """The sentence of text that holds text[start:end], across wrapped lines."""
    end = start if end is None else end
    begin, finish = 0, len(text)
    for boundary in _SENTENCE_END.finditer(text):
        if boundary.end() <= start:
            begin = boundary.end()
        elif boundary.start() >= end:
            finish = boundary.start()
            break
    return text[begin:finish]


@dataclass
class CheckContext:
    """One document to check, with everything a check may compare it with."""

    source: SourceFile
    kind: str
    edition: str
    today: date
    partnership: SourceFile | None = None
    previous: SourceFile | None = None  # last year's report, when named and loaded
    previous_report: str = ""  # the id the document names as last year's report
    known_requirements: frozenset[str] = field(default_factory=frozenset)

    @property
    def data(self) -> dict[str, Any]:
        return self.source.data

    def locate(self, path: Path_) -> Location:
        return self.source.locate(path)

    def dated(self) -> tuple[date, Path_] | None:
        """The document's date (publication, else period end ...) and the field it is in."""
        return document_date(self.data)

    def standing(self, name: str) -> tuple[Any, SourceFile | None]:
        """partners, chair or scrutiny as at this document, and the file that states them."""
        if name in STANDING_FIELDS and self.data.get(name):
            return self.data[name], self.source
        facts = self.partnership.data if self.partnership else None
        if isinstance(facts, dict) and facts.get(name):
            return facts[name], self.partnership
        return None, None

    def blocks(self, kind: str) -> Iterator[tuple[Path_, dict[str, Any]]]:
        return iter_blocks(self.data, kind)

    @cached_property
    def prose(self) -> list[tuple[Path_, str]]:
        """Every string a reader reads, in document order, with its path."""
        return list(iter_prose(self.data))

    def matches(self, pattern: re.Pattern[str]) -> Iterator[tuple[Path_, str, re.Match[str]]]:
        """Every match of pattern in the prose, outside web addresses, in document order."""
        for path, text in self.prose:
            addresses = [m.span() for m in _ADDRESS.finditer(text)]
            for match in pattern.finditer(text):
                if not any(a <= match.start() < b for a, b in addresses):
                    yield path, text, match

    def locate_match(self, path: Path_, text: str, match: re.Match[str]) -> Location:
        """The line and column of a match inside a string value, as the file shows it."""
        return locate_in_value(self.source, path, text, match.start(), match.group(0))



def locate_in_value(source: SourceFile, path: Path_, text: str, start: int,
                    needle: str) -> Location:
    """Find the n-th occurrence of needle in the file from where the value starts.

    The value's own text (block scalar, folded or quoted) holds the same occurrences in
    the same order as the file, so counting them finds the right line; if the file cannot
    be read, the value's start is close enough.
    """
    at = source.locate(path)
    try:
        lines = source.path.read_text(encoding="utf-8-sig").splitlines()
    except OSError:
        return at
    wanted = text[:start].count(needle)
    for number in range(at.line, len(lines) + 1):
        line = lines[number - 1]
        column = at.column - 1 if number == at.line else 0
        while (column := line.find(needle, column)) >= 0:
            if wanted == 0:
                return Location(at.file, number, column + 1)
            wanted, column = wanted - 1, column + len(needle)
    return at
