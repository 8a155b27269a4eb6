"""Requirement coverage: for each requirement of a rule set, met, partial, missing or
needs-review, computed from its elements (schemas/requirements/, vocabulary in evidence.py).

- **met**: every element is shown, by typed data or by text in a covering section (one
  that names the requirement in `covers`), and every judgement has a current review.
- **partial**: some elements are shown, not all; the missing ones are named.
- **needs-review**: everything but a reader's judgement is shown, and no current review
  of the covering text is recorded in the document's `reviews`.
- **missing**: no element is shown.

A `covers` claim is checked, not trusted: a claim whose text has none of the
requirement's text evidence is `coverage.unsupported_claim` and counts for nothing.
Sentences that restate the guidance's own list (they quote a requirement's title, or
mostly its description's words) are not evidence. A rule set without elements falls
back to its `evidence` list, any item of which is enough.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..findings import Finding, Location, Severity
from ..load.block_types import BUDGET, FIGURE, PRIORITIES
from ..load.block_types import TEXT as TEXT_BLOCK
from ..load.doctree import (
    Path_,
    block_label,
    iter_blocks,
    iter_section_blocks,
    iter_sections,
    section_label,
)
from ..results import Coverage, ElementResult, Status
from ..rules import known
from .evidence import (
    DOCUMENT_ALIASES,
    JUDGEMENT,
    TEXT,
    Words,
    content_words,
    prose_of,
    said_as_done,
    sentences,
    states_duty,
    text_found,
    typed_found,
)
from .placeholders import MIN_WORDS, is_thin, says_something
from .requirements import Element, Evidence, Requirement, RuleSet
from .review_record import stale_hint

__all__ = ["MIN_WORDS", "assess_coverage", "check_coverage", "has_substance", "is_thin"]

STANDING_FIELDS = ("partners", "chair", "scrutiny")  # a document's own override partnership.yaml's
# A rating that is itself the analysis the `little_or_no_progress` requirement asks for.
RATING_EVIDENCE = {"little_or_no_progress": "little-or-no-progress"}
RULE_UNSUPPORTED = known("coverage.unsupported_claim")
RULE_WRONG_KIND = known("coverage.wrong_kind")
RULE_STALE = known("coverage.review_stale")
RULE_UNKNOWN_REVIEW = known("coverage.review_unknown_requirement")
RULE_UNTAGGED = known("coverage.untagged_evidence")
# A sentence restates a requirement when most of its meaningful words are the requirement's.
RESTATES_SHARE = 0.5  # in a text that echoes several requirements: a copy of the list
RESTATES_CLOSE = 0.75  # anywhere
RESTATES_LIST = 3  # requirements echoed that make a text a copy of the list
RESTATES_MIN_WORDS = 5  # a close echo outside a copied list
RESTATES_LIST_WORDS = 2  # an item of a copied list
RESTATES_ITEM_WORDS = 4  # a sentence that counts towards telling a copied list (not a cell)

def has_substance(part: dict[str, Any]) -> bool:
    """Whether a section or block carries real content, in its text, blocks or subsections."""
    if part.get("type") == FIGURE:
        # A lost image shows the reader nothing; its caption is only a title.
        return bool(part.get("src")) or not is_thin(part.get("description") or "")
    if part.get("type") not in (None, TEXT_BLOCK):
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
    path: Path_ = ()  # of the covers entry, for findings
    text: str = ""  # all the words a reader reads in it
    heading: str = ""  # its title, which labels the text and is no evidence on its own


def iter_claims(data: dict[str, Any]) -> Iterator[tuple[str, Claim]]:
    """(requirement id, claim) for every `covers` entry in the document."""
    for path, section in iter_sections(data):
        label = section_label(section, path)
        text = prose_of(section)
        for k, ident in enumerate(section.get("covers") or []):
            yield ident, Claim(label, has_substance(section), (*path, "covers", k), text,
                               str(section.get("title") or ""))
        for block_path, block in iter_section_blocks(section, path):
            name = block_label(block, label, block_path[len(path):])
            block_text = prose_of(block)
            for k, ident in enumerate(block.get("covers") or []):
                yield ident, Claim(name, has_substance(block), (*block_path, "covers", k),
                                   block_text, str(block.get("title") or ""))


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
    return [(*path, "items", i) for path, block in iter_blocks(data, PRIORITIES)
            for i, item in enumerate(block.get("items") or [])
            if isinstance(item, dict) and item.get("rating") == rating]


@dataclass
class CoverageResult:
    """Every requirement's coverage, and the findings about claims and reviews."""

    requirements: list[Coverage] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


Locate = Callable[[Path_], Location]


def check_coverage(rule_set: RuleSet, data: dict[str, Any],
                   partnership: dict[str, Any] | None) -> list[Coverage]:
    """Coverage of every requirement of the rule set, in the rule set's order."""
    return assess_coverage(rule_set, data, partnership).requirements


def assess_coverage(rule_set: RuleSet, data: dict[str, Any], partnership: dict[str, Any] | None,
                    locate: Locate = lambda _: Location(""),
                    other_kind_ids: frozenset[str] = frozenset()) -> CoverageResult:
    """Coverage of every requirement, with located findings: unsupported claims, ids of
    another kind of document, stale reviews."""
    claims: dict[str, list[Claim]] = {}
    result = CoverageResult()
    own_ids = {r.id for r in rule_set.requirements}
    for ident, claim in iter_claims(data):
        claims.setdefault(ident, []).append(claim)
        if ident in other_kind_ids and ident not in own_ids:
            result.findings.append(Finding(
                RULE_WRONG_KIND, Severity.ERROR,
                f"'{ident}' is a requirement of another kind of document, not of "
                f"{rule_set.kind}", locate(claim.path),
                "use an id of this document's rule set (see `safeguarding rules` or "
                "docs/requirements.md)"))
    facts = standing_facts(data, partnership)
    reader = _Restatements(rule_set)
    reviews = _reviews(data)
    for r in rule_set.requirements:
        if r.elements:
            borrowed = _claims_of_other_editions(r, claims)
            coverage, found = _cover_elements(r, claims.get(r.id, []) + borrowed, data, facts,
                                              reader, reviews.get(r.id), locate,
                                              frozenset(c.path for c in borrowed))
            result.findings += found
            if coverage.status in (Status.MISSING, Status.PARTIAL) and not claims.get(r.id) \
                    and not borrowed:
                result.findings += _untagged(r, data, reader, locate)
        else:
            coverage = _cover(r, claims.get(r.id, []), data, facts)
        result.requirements.append(coverage)
    for i, review in enumerate(data.get("reviews") or []):
        if isinstance(review, dict) and review.get("requirement") not in own_ids:
            result.findings.append(Finding(
                RULE_UNKNOWN_REVIEW, Severity.WARNING,
                f"the review of '{review.get('requirement')}' is of no requirement of "
                f"{rule_set.title}", locate(("reviews", i, "requirement")),
                "review a requirement the document is checked against"))
    return result


class _Restatements:
    """Tells sentences that restate the guidance's list from sentences that say something.

    A sentence restates a requirement when it quotes its title, or when most of its
    meaningful words are the requirement's own. A text that echoes three or more
    requirements is a copy of the list, and every echoing sentence of it is dropped, with
    the lines that introduce it; elsewhere only a close echo is."""

    def __init__(self, rule_set: RuleSet) -> None:
        # (title, index of its requirement): a quoted title and an echo of the description
        # are one requirement echoed, not two towards a copied list
        self.titles = [(r.title.lower(), i) for i, r in enumerate(rule_set.requirements)
                       if len(r.title.split()) >= 3]
        self.words = [content_words(f"{r.title} {r.description}")
                      for r in rule_set.requirements]
        self._cache: dict[str, Words] = {}

    def echoes(self, sentence: str) -> tuple[float, int, int]:
        """How closely the sentence echoes a requirement (1.0 for a quoted title), which one,
        and how many meaningful words the sentence has."""
        lower = " ".join(sentence.lower().split())
        own = content_words(sentence)
        for title, i in self.titles:
            if title in lower:
                return 1.0, i, max(len(own), RESTATES_MIN_WORDS)
        if len(own) < RESTATES_LIST_WORDS:
            return 0.0, 0, len(own)
        share, which = max(((len(own & words) / len(own), i)
                            for i, words in enumerate(self.words)), default=(0.0, 0))
        return share, which, len(own)

    def evidence_words(self, text: str, heading: str = "", not_done: bool = False,
                       with_heading: bool = True) -> Words:
        """The text's words, without the sentences that only restate the guidance, nor (unless
        `not_done`: terms that describe what is not done) those that say a thing is not done
        or only planned. The heading is read with the text (`with_heading`), and over nothing
        else that counts it is no evidence: it is a label, as a `covers` tag is."""
        key = f"{not_done}\0{with_heading}\0{heading}\0{text}"
        if key not in self._cache:
            parts = [(s, *self.echoes(s)) for s in sentences(text)]
            listed = {i for _, share, i, n in parts
                      if share >= RESTATES_SHARE and n >= RESTATES_ITEM_WORDS}
            if len(listed) >= RESTATES_LIST:  # a copy of the list: every echo goes, and so
                # do the lines that introduce it ("the arrangements should set out:")
                kept = [s for s, share, _, _ in parts
                        if share < RESTATES_SHARE and not s.rstrip().endswith(":")]
            else:
                kept = [s for s, share, _, n in parts
                        if share < RESTATES_CLOSE or n < RESTATES_MIN_WORDS]
            kept = [s for s in kept if not states_duty(s)]
            if not not_done:
                kept = [said for said in map(said_as_done, kept) if said]
            body = [s for s in kept if s.strip() != heading.strip()]
            if all(not says_something(s) for s in body):
                kept = []
            self._cache[key] = Words.of("\n".join(kept if with_heading else body))
        return self._cache[key]


def _untagged(requirement: Requirement, data: dict[str, Any], reader: _Restatements,
              locate: Locate) -> list[Finding]:
    """A note at the first section that shows every text element of a requirement no section
    claims: the verdict stays the claims', and the encoder is told where to add the tag."""
    wanted = [[spec for kind, spec in e.evidence if kind == TEXT] for e in requirement.elements]
    wanted = [specs for specs in wanted if specs]
    if not wanted:
        return []
    for path, section in iter_sections(data):
        text, heading = prose_of(section), str(section.get("title") or "")
        if all(any(text_found(spec, reader.evidence_words(
                text, heading, bool(spec.get("not_done")), False)) for spec in specs)
               for specs in wanted):
            label = section_label(section, path)
            return [Finding(
                RULE_UNTAGGED, Severity.NOTE,
                f"'{label}' seems to show '{requirement.id}' ({requirement.title}), which no "
                "section claims: its text counts for nothing until one does", locate(path),
                f"if it does, add {requirement.id} to its `covers`: check reads a "
                "requirement's text only in the sections that claim it")]
    return []


def _claims_of_other_editions(requirement: Requirement, claims: dict[str, list[Claim]]
                              ) -> list[Claim]:
    """Claims of the requirement under its ids in other editions (`same_as`), from sections
    that do not also claim it under its own id: a 2023 document tagged with a 2018 id says
    what the section is about, and its text is still measured against this edition."""
    own = {c.path[:-2] for c in claims.get(requirement.id, [])}  # the section or block
    return [c for ident in requirement.same_as for c in claims.get(ident, [])
            if c.path[:-2] not in own]


def _reviews(data: dict[str, Any]) -> dict[str, tuple[int, dict[str, Any]]]:
    """The last review recorded for each requirement, with its index."""
    found: dict[str, tuple[int, dict[str, Any]]] = {}
    for i, review in enumerate(data.get("reviews") or []):
        if isinstance(review, dict) and review.get("requirement"):
            found[str(review["requirement"])] = (i, review)
    return found


def text_hash(claims: list[Claim]) -> str:
    """A short hash of the covering text, which a review is tied to."""
    text = "\n".join(sorted(f"{c.label}\n{c.text}" for c in claims))
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def _cover_elements(requirement: Requirement, claims: list[Claim], data: dict[str, Any],
                    facts: dict[str, Any], reader: _Restatements,
                    review: tuple[int, dict[str, Any]] | None, locate: Locate,
                    borrowed: frozenset[Path_] = frozenset()
                    ) -> tuple[Coverage, list[Finding]]:
    findings: list[Finding] = []
    supporting: set[Path_] = set()
    has_text_evidence = False
    digest = text_hash(claims) if claims else ""
    verdict, stale_line = _current_review(requirement, review, digest, locate, findings)
    results = []
    texts = [spec for e in requirement.elements for kind, spec in e.evidence if kind == TEXT]

    def shows(claim: Claim, spec: dict[str, Any], with_heading: bool = True) -> bool:
        return text_found(spec, reader.evidence_words(
            claim.text, claim.heading, bool(spec.get("not_done")), with_heading))

    # A heading gives the text its context ("Scrutiny" over "twice a year, by an independent
    # person") only when the text itself shows part of the requirement: the heading
    # "Independent scrutiny" over "our scrutineer is Dr Smith" shows nothing of what it found.
    said = {c.path for c in claims if any(shows(c, spec, False) for spec in texts)}
    for element in requirement.elements:
        found = ""
        for kind, spec in element.evidence:
            if kind == TEXT:
                has_text_evidence = True
                hits = [c for c in claims if c.path in said and shows(c, spec)]
                supporting.update(c.path for c in hits)
                found = found or (f"text in {hits[0].label}" if hits else "")
            elif kind != JUDGEMENT and not found and typed_found(kind, spec, data, facts):
                found = _describe(kind, spec)
        results.append(_element_result(element, found, claims, verdict))
    for c in claims:
        # a claim under another edition's id that shows nothing is not this edition's claim
        if has_text_evidence and c.path not in supporting and c.path not in borrowed:
            findings.append(Finding(
                RULE_UNSUPPORTED, Severity.WARNING,
                f"'{c.label}' claims '{requirement.id}' ({requirement.title}), but its text "
                "shows none of what the requirement asks for"
                + ("" if c.substantial else " (it is empty or a placeholder)"),
                locate(c.path),
                "write what the requirement asks for, or remove the id from `covers`; "
                "restating the guidance's list is not evidence"))
    status = _status(results)
    labels = tuple(dict.fromkeys(c.label for c in claims if c.path in supporting))
    typed = tuple(dict.fromkeys(e.found for e in results
                                if e.found and not e.found.startswith(("text in", "reviewed"))))
    shown = ""
    if verdict is not None:
        shown = (f"{verdict.get('verdict')}, reviewed by {verdict.get('by')} on "
                 f"{verdict.get('date')}")
    return Coverage(requirement.id, requirement.title, requirement.level, status, labels, typed,
                    requirement.description, requirement.source, tuple(results), shown,
                    digest, stale_line), findings


def _current_review(requirement: Requirement, review: tuple[int, dict[str, Any]] | None,
                    digest: str, locate: Locate, findings: list[Finding]
                    ) -> tuple[dict[str, Any] | None, int]:
    """The recorded review, if it was of the text as it is now; a stale one is a finding,
    and its line is returned for the reporters' instructions (else 0)."""
    if review is None:
        return None, 0
    i, recorded = review
    if str(recorded.get("text_hash")) == digest:
        return recorded, 0
    at = locate(("reviews", i, "text_hash"))
    findings.append(Finding(
        RULE_STALE, Severity.WARNING,
        f"the review of '{requirement.id}' by {recorded.get('by')} ({recorded.get('date')}) "
        "was of text that has changed since; it no longer counts",
        at, stale_hint(digest)))
    return None, at.line


def _element_result(element: Element, found: str, claims: list[Claim],
                    verdict: dict[str, Any] | None) -> ElementResult:
    if found:
        return ElementResult(element.id, element.title, "met", found)
    if not element.judgement or not claims:
        return ElementResult(element.id, element.title, "missing")
    if verdict is None:
        return ElementResult(element.id, element.title, "needs-review",
                             question=element.question)
    status = "met" if verdict.get("verdict") == "met" else "missing"
    return ElementResult(element.id, element.title, status,
                         f"reviewed by {verdict.get('by')} on {verdict.get('date')}")


def _status(elements: list[ElementResult]) -> Status:
    states = [e.status for e in elements]
    if all(s == "met" for s in states):
        return Status.MET
    if all(s == "missing" for s in states):
        return Status.MISSING
    if "missing" not in states:
        return Status.NEEDS_REVIEW
    return Status.PARTIAL


def _describe(kind: str, spec: Any) -> str:
    """How typed evidence is named in reports, in the words of the rule sets' `evidence`
    lists ("block: budget", "partnership: partners.lead"), which renderers link to."""
    if kind == "field":
        return f"partnership: {spec}"
    if kind == "partners":
        return "partnership: partners" + (f".{spec['person']}" if spec.get("person") else "")
    if kind == "chair":
        return "partnership: chair.person"
    if kind == "agencies":
        return "partnership: relevant_agencies"
    if kind == "budget":
        return f"block: {BUDGET}"
    if kind == "signatories":
        return "document: signatories"
    if kind == "period":
        return "document: reporting_period"
    return f"{kind}: {spec}"


def _cover(requirement: Requirement, claims: list[Claim], data: dict[str, Any],
           facts: dict[str, Any]) -> Coverage:
    """The fallback for a requirement without elements: any one evidence item is enough."""
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
