"""What a consistency check is given: one document, its partnership, last year's report, today."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any

from ...findings import Location
from ...load.doctree import Path_, iter_blocks, iter_prose
from ...load.yamlfile import SourceFile
from ..coverage import STANDING_FIELDS
from ..edition import document_date

if TYPE_CHECKING:
    from ..requirements import RuleSets

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
    return text[slice(*_sentence_bounds(text, start, start if end is None else end))]


def in_sentence(pattern: re.Pattern[str], text: str, start: int, end: int) -> bool:
    """Whether pattern matches inside the sentence that holds text[start:end].

    Asked of the matches of the whole text, found once: searching each match's sentence
    made a long sentence of many matches ("101% 101% ...") quadratic.
    """
    first, last = _sentence_bounds(text, start, end)
    starts, ends = spans(pattern, text)
    i = bisect_left(starts, first)
    return i < len(starts) and ends[i] <= last


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    starts, ends = spans(_SENTENCE_END, text)
    before = bisect_right(ends, start)
    after = bisect_left(starts, end)
    return (ends[before - 1] if before else 0, starts[after] if after < len(starts)
            else len(text))


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


@dataclass(frozen=True)
class SeriesEntry:
    """One document of the partnership's series of the same kind: its id and file."""

    id: str  # the file's name: a reporting year (2023-24) or a version (2019-06)
    source: SourceFile


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
    # The partnership's documents of this kind, this one included (cross-document checks).
    series: tuple[SeriesEntry, ...] = ()
    # The rule sets this check runs under, for a check that must judge as a requirement does.
    rule_sets: RuleSets | None = None

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

    def locate_match(self, path: Path_, match: re.Match[str]) -> Location:
        """The line and column of a match inside a string value, as the file shows it."""
        return self.source.locate_in(path, match.start(), match.end())
