"""What a consistency check is given: one document, its partnership, last year's report, today."""

from __future__ import annotations

import os
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from ..coverage import STANDING_FIELDS
from ..doctree import Path_, iter_blocks, iter_prose
from ..edition import document_date
from ..findings import Location
from ..yamlfile import SourceFile

# Web addresses inside prose: nothing in them is a word, an acronym or a percentage.
_ADDRESS = re.compile(
    # Each part is bounded, so an unclosed "](" cannot make the search scan to the end of
    # the text from every position (quadratic on a long pasted body).
    r"\]\([^)\n]{0,2000}\)|<[a-z]+://[^>\s]{0,2000}>|\b[a-z]+://\S+|\bwww\.\S+"
    r"|\b[\w.+-]{1,64}@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
# Where a sentence ends in Markdown prose. A single line break is not one: block scalars
# wrap sentences across lines. A blank line, a list item, a heading or a table row is.
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n\s*\n|\n(?=[ \t]*(?:[-*+][ \t]|\d+[.)][ \t]|#|\|))")


def sentence_around(text: str, start: int, end: int | None = None) -> str:
    """The sentence of text that holds text[start:end], across wrapped lines."""
    end = start if end is None else end
    starts, ends = spans(_SENTENCE_END, text)
    before = bisect_right(ends, start)
    after = bisect_left(starts, end)
    return text[ends[before - 1] if before else 0:starts[after] if after < len(starts)
                else len(text)]


# Checks ask these questions once per match: computed once per text, a document with
# thousands of matches costs linear rather than quadratic time.
@lru_cache(maxsize=256)
def spans(pattern: re.Pattern[str], text: str) -> tuple[list[int], list[int]]:
    """The starts and ends of pattern's matches in text, in order."""
    found = list(pattern.finditer(text))
    return [m.start() for m in found], [m.end() for m in found]


def within(pattern: re.Pattern[str], text: str, position: int) -> bool:
    """Whether position lies inside one of pattern's matches in text."""
    starts, ends = spans(pattern, text)
    i = bisect_right(starts, position) - 1
    return i >= 0 and position < ends[i]


@dataclass
class CheckContext:
    """One document to check, with everything a check may compare it with."""

    source: SourceFile
    kind: str
    edition: str
    today: date
    partnership: SourceFile | None = None
    previous: SourceFile | None = None  # last year's report, when named and loaded
    previous_report: str = ""  # last year's report: the id named, else the year before's
    known_requirements: frozenset[str] = field(default_factory=frozenset)
    document_id: str = ""  # the file's name: a reporting year (2023-24) or a version

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
            for match in pattern.finditer(text):
                if not within(_ADDRESS, text, match.start()):
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
    wanted = bisect_left(_positions(text, needle), start)
    try:  # the file's size and time are part of the key: a file edited in between is re-read
        stat = os.stat(source.path)
    except OSError:
        return at
    places = _file_places(str(source.path), stat.st_mtime_ns, stat.st_size, needle, at.line,
                          at.column)
    if wanted < len(places):
        return Location(at.file, *places[wanted])
    return at


# Both caches turn a document with thousands of matches from quadratic into linear work.
@lru_cache(maxsize=256)
def _positions(text: str, needle: str) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(needle), text)]


@lru_cache(maxsize=256)
def _file_places(path: str, mtime: int, size: int, needle: str, line: int,
                 column: int) -> list[tuple[int, int]]:
    """(line, column) of each occurrence of needle in the file from line:column on."""
    try:
        lines = _file_lines(path, mtime, size)
    except OSError:
        return []
    places = []
    for number in range(line, len(lines) + 1):
        text, at = lines[number - 1], (column - 1 if number == line else 0)
        while (at := text.find(needle, at)) >= 0:
            places.append((number, at + 1))
            at += len(needle)
    return places


@lru_cache(maxsize=16)
def _file_lines(path: str, mtime: int, size: int) -> list[str]:
    return Path(path).read_text(encoding="utf-8-sig").splitlines()
