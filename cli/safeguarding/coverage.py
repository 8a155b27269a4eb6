"""Requirement coverage: for each requirement of a rule set, met, partial or missing, and where.

- **met**: a section (or block) names the requirement in `covers` and has real content,
  or the document holds typed evidence the rule set accepts (a budget block, the named
  partners, a publication date ...).
- **partial**: only sections with thin or placeholder content name it: nothing at all
  (a heading with no body, blocks or subsections), fewer than three words, or text that
  is only a placeholder such as "TBC", "TODO", "to follow", "[Insert details here]" or
  lorem ipsum. A figure whose image is missing is nothing, unless it describes the
  diagram in words.
- **missing**: nothing names it and no typed evidence is there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .doctree import (
    Path_,
    block_label,
    iter_blocks,
    iter_section_blocks,
    iter_sections,
    section_label,
)
from .requirements import Evidence, Requirement, RuleSet
from .results import Coverage, Status

MIN_WORDS = 3
STANDING_FIELDS = ("partners", "chair", "scrutiny")  # a document's own override partnership.yaml's
# A date given as a month only counts as the date.
DOCUMENT_ALIASES = {"published": ("published", "published_month"),
                    "review_due": ("review_due", "review_due_month")}
# A rating that is itself the analysis the `little_or_no_progress` requirement asks for.
RATING_EVIDENCE = {"little_or_no_progress": "little-or-no-progress"}

_PLACEHOLDER = re.compile(
    r"\b(tbc|tba|tbd|todo|to ?do|to follow|to be (confirmed|added|agreed|completed|written|"
    r"inserted|updated)|coming soon|placeholder|insert [a-z ]{1,80} here|x{3,})\b", re.IGNORECASE)
# Template instructions left in: "[Insert the budget]", "<add the chair's name>".
# Bounded, and starting at the first of a run of brackets only: a text of thousands of "["
# or unclosed "[insert" is read a few times, not once from every bracket to the end.
_TEMPLATE = re.compile(r"(?<![\[<{])[\[<{]+\s*(?:insert|add|enter|include|describe|name|"
                       r"complete|fill)\b[^\]>}]{0,300}[\]>}]+", re.IGNORECASE)
_LOREM = re.compile(r"lorem ipsum", re.IGNORECASE)
_MARKUP = re.compile(r"[#*_`>|\[\]()\-:.,;!?\"'…]+")


def is_thin(text: str) -> bool:
    """Whether text says nothing: empty, under three words, lorem ipsum, or only placeholders."""
    if _LOREM.search(text):
        return True
    words = _MARKUP.sub(" ", _PLACEHOLDER.sub(" ", _TEMPLATE.sub(" ", text))).split()
    return len(words) < MIN_WORDS


def has_substance(part: dict[str, Any]) -> bool:
    """Whether a section or block carries real content, in its text, blocks or subsections."""
    if part.get("type") == "figure":
        # A lost image shows the reader nothing; its caption is only a title.
        return bool(part.get("src")) or not is_thin(part.get("description") or "")
    if part.get("type") not in (None, "text"):
        return True  # a typed block (figures, a table, priorities) is content in itself
    if not is_thin(part.get("body") or ""):
        return True
    children = (part.get("blocks") or []) + (part.get("sections") or [])
    return any(isinstance(c, dict) and has_substance(c) for c in children)


@dataclass(frozen=True)
class Claim:
    """A section or block that names a requirement in its `covers`."""

    label: str
    substantial: bool


def iter_claims(data: dict[str, Any]) -> Iterator[tuple[str, Claim]]:
    """(requirement id, claim) for every `covers` entry in the document."""
    for path, section in iter_sections(data):
        label = section_label(section, path)
        for ident in section.get("covers") or []:
            yield ident, Claim(label, has_substance(section))
        for block_path, block in iter_section_blocks(section, path):
            name = block_label(block, label, block_path[len(path):])
            for ident in block.get("covers") or []:
                yield ident, Claim(name, has_substance(block))


def standing_facts(document: dict[str, Any], partnership: dict[str, Any] | None) -> dict:
    """partnership.yaml's facts, with the document's own partners, chair and scrutiny on top."""
    facts = dict(partnership or {})
    facts.update({k: document[k] for k in STANDING_FIELDS if document.get(k)})
    return facts


def has_value(data: Any, steps: list[str]) -> bool:
    """Whether the dotted path is non-empty; through a list, non-empty for every item."""
    if not steps:
        return data not in (None, "", [], {})
    if isinstance(data, list):
        return bool(data) and all(has_value(item, steps) for item in data)
    return isinstance(data, dict) and has_value(data.get(steps[0]), steps[1:])


def evidence_found(item: Evidence, data: dict[str, Any], facts: dict[str, Any]) -> bool:
    """Whether one typed evidence item (anything but `covers`) is in the document."""
    if item.kind == "block":
        return any(True for _ in iter_blocks(data, str(item.value)))
    if item.kind == "partnership":
        return has_value(facts, str(item.value).split("."))
    if item.kind == "document":
        fields = DOCUMENT_ALIASES.get(str(item.value), (str(item.value),))
        return any(has_value(data, [name]) for name in fields)
    return False


def rated_items(data: dict[str, Any], rating: str) -> list[Path_]:
    """Paths of the priorities the document rates with the given rating."""
    return [(*path, "items", i) for path, block in iter_blocks(data, "priorities")
            for i, item in enumerate(block.get("items") or [])
            if isinstance(item, dict) and item.get("rating") == rating]


def check_coverage(rule_set: RuleSet, data: dict[str, Any],
                   partnership: dict[str, Any] | None) -> list[Coverage]:
    """Coverage of every requirement of the rule set, in the rule set's order."""
    claims: dict[str, list[Claim]] = {}
    for ident, claim in iter_claims(data):
        claims.setdefault(ident, []).append(claim)
    facts = standing_facts(data, partnership)
    return [_cover(r, claims.get(r.id, []), data, facts) for r in rule_set.requirements]


def _cover(requirement: Requirement, claims: list[Claim], data: dict[str, Any],
           facts: dict[str, Any]) -> Coverage:
    typed = [str(e) for e in requirement.evidence
             if e.kind != "covers" and evidence_found(e, data, facts)]
    rating = RATING_EVIDENCE.get(requirement.id)
    if rating and rated_items(data, rating):
        typed.append(f"rating: {rating}")
    if any(c.substantial for c in claims) or typed:
        status = Status.MET
    else:
        status = Status.PARTIAL if claims else Status.MISSING
    labels = tuple(dict.fromkeys(c.label for c in claims))
    return Coverage(requirement.id, requirement.title, requirement.level, status, labels,
                    tuple(typed), requirement.description, requirement.source)

