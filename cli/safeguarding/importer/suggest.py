"""Suggest, never assert, which requirements each section meets, from the rule set's words.

A section's words are compared with each requirement's title and description; the words
rarer across the rule set count for more. The result is a suggestion for the coordinator
to confirm: it is written as a comment, never as `covers`.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

from ..check.requirements import Requirement, RuleSet
from ..load.doctree import Path_
from ..results import Level

_WORD = re.compile(r"[a-z]{4,}")
# Words too common in this field to tell requirements apart.
_STOP = frozenset({
    "about", "also", "after", "against", "along", "among", "because", "been", "before",
    "being", "between", "both", "could", "does", "done", "each", "every", "from", "have",
    "having", "here", "into", "itself", "more", "most", "much", "must", "only", "other",
    "over", "same", "should", "some", "such", "than", "that", "their", "them", "then",
    "there", "these", "they", "this", "those", "through", "under", "until", "upon", "very",
    "were", "what", "when", "where", "which", "while", "will", "with", "within", "would",
    "your", "area", "local", "children", "child", "young", "people", "partners", "partner",
    "safeguarding", "arrangements", "work", "working"
})
THRESHOLD = 0.25
MOST = 3


def stem(word: str) -> str:
    for ending in ("ing", "ies", "ed", "es", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)] + ("y" if ending == "ies" else "")
    return word


def words(text: str) -> set[str]:
    return {stem(w) for w in _WORD.findall(text.lower()) if w not in _STOP}


def section_text(section: dict[str, Any]) -> str:
    """A section's own words (not its subsections'): title, body, blocks."""
    return " ".join([section.get("title", ""), section.get("body", ""),
                     *(_strings(b) for b in section.get("blocks", []))])


def _strings(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return " ".join(_strings(v) for v in value.values())
    if isinstance(value, list):
        return " ".join(_strings(v) for v in value)
    return ""


class Suggester:
    """Scores sections against the requirements of one rule set."""

    def __init__(self, rules: RuleSet) -> None:
        self.title = rules.title
        self.requirements = [r for r in rules.requirements if r.level is not Level.NOTE]
        self.terms = {r.id: (words(r.title), words(r.description)) for r in self.requirements}
        counts = Counter(w for t, d in self.terms.values() for w in t | d)
        total = len(self.requirements) or 1
        self.idf = {w: math.log(1 + total / n) for w, n in counts.items()}

    def score(self, requirement: Requirement, found: set[str]) -> float:
        title, description = self.terms[requirement.id]
        weights = {w: self.idf[w] for w in description} | {w: 2 * self.idf[w] for w in title}
        total = sum(weights.values()) or 1.0
        return sum(v for w, v in weights.items() if w in found) / total

    def suggest(self, text: str) -> list[str]:
        found = words(text)
        scored = sorted(((self.score(r, found), r.id) for r in self.requirements), reverse=True)
        return [ident for value, ident in scored[:MOST] if value >= THRESHOLD]


def suggest_sections(sections: list[dict[str, Any]], suggester: Suggester,
                     path: Path_ = ()) -> Iterator[tuple[Path_, list[str]]]:
    """Each section's path and its suggested requirement ids (only where there are some)."""
    for i, section in enumerate(sections):
        where = (*path, "sections", i)
        ids = suggester.suggest(section_text(section))
        if ids:
            yield where, ids
        yield from suggest_sections(section.get("sections", []), suggester, where)


def missing(suggester: Suggester, suggested: list[list[str]]) -> list[Requirement]:
    """The requirements no section looks like it meets."""
    seen = {i for ids in suggested for i in ids}
    return [r for r in suggester.requirements if r.id not in seen]
