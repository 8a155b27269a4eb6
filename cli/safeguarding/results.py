"""What `validate` and `check` find, before reporting: one result type for both commands.

Every reporter writes a CheckResult: `validate` fills its findings and the files it read
(with their texts, for quoting); `check` also each document's requirement coverage.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from .findings import Finding, has_errors


class Status(StrEnum):
    MET = "met"
    PARTIAL = "partial"  # some of its elements, not all
    MISSING = "missing"
    NEEDS_REVIEW = "needs-review"  # all else there; a reader's judgement not yet recorded


class Level(StrEnum):
    MUST = "must"
    SHOULD = "should"
    EXPECTED = "expected"
    NOTE = "note"  # duties not yet in force: told, never failed


COMING_STATUS = "coming"  # the status shown for a duty not yet in force that is not met yet


@dataclass(frozen=True)
class ElementResult:
    """One element of a requirement: met, missing or needs-review, and what showed it."""

    id: str
    title: str
    status: str  # "met", "missing" or "needs-review"
    found: str = ""  # what showed it: "text in 2.3", "partners.lead", "reviewed by ..."
    question: str = ""  # a judgement's: what the reader judges, from the rule set's `review`


@dataclass(frozen=True)
class Coverage:
    """How one document stands against one requirement."""

    id: str
    title: str
    level: Level
    status: Status
    sections: tuple[str, ...] = ()  # ids of the sections (or blocks) that cover it
    evidence: tuple[str, ...] = ()  # typed evidence found, e.g. "block: budget"
    description: str = ""
    source: str = ""
    elements: tuple[ElementResult, ...] = ()
    review: str = ""  # a recorded reader's verdict: "met, reviewed by A Person on 2025-05-01"
    text_hash: str = ""  # of the covering text, for a review to be tied to
    stale_review_line: int = 0  # of the text_hash of a review of text changed since, if any

    @property
    def missing_elements(self) -> tuple[str, ...]:
        """The titles of the elements not (yet) shown, for messages."""
        return tuple(e.title for e in self.elements if e.status != "met")

    @property
    def to_judge(self) -> tuple[str, ...]:
        """What a reader is still to judge: each pending judgement's question."""
        return tuple(e.question or e.title for e in self.elements if e.status == "needs-review")

    @property
    def where(self) -> str:
        """Where it is shown, a recorded review with its reviewer, what is still lacking and
        what a reader is to judge: the one wording every check format uses. (How to record a
        review is said apart, by check.review_record.)"""
        parts = [", ".join((*self.sections, *self.evidence))] if self.sections or \
            self.evidence else []
        if self.review:
            parts.append(f"reader's verdict: {self.review}")
        lacking = [e.title for e in self.elements if e.status == "missing"]
        if lacking and self.status is not Status.MISSING:
            parts.append("not shown: " + "; ".join(lacking))
        if self.to_judge:
            parts.append("to judge: " + "; ".join(self.to_judge))
        if self.stale_review_line:
            parts.append(f"the review at line {self.stale_review_line} was of earlier text")
        return " | ".join(parts)

    @property
    def coming(self) -> bool:
        """A duty not yet in force that the document does not meet yet: told, never failed.

        Decided here only, so that every format calls it coming, never missing."""
        return self.level is Level.NOTE and self.status is not Status.MET

    @property
    def shown_status(self) -> str:
        """The status as reporters show it: met, partial, missing, or coming."""
        return COMING_STATUS if self.coming else self.status.value


@dataclass
class DocumentResult:
    """Everything `check` says about one document."""

    partnership: str  # slug
    document: str  # id, e.g. "2023-24"
    kind: str  # "arrangements" or "yearly-report"
    edition: str  # "wt2018" or "wt2023"
    file: str  # the document's file, as shown to users
    title: str = ""
    requirements: list[Coverage] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    edition_reason: str = ""  # e.g. "declared by the document", "chosen with --edition"
    checked: bool = True  # False when validation failed and the document was not checked
    # Where a review is added: the line of the `reviews:` key and the column of its items'
    # dashes, or None when the document has no reviews yet.
    reviews_at: tuple[int, int] | None = None

    def fails(self, strict: bool = False) -> bool:
        """A must-level gap or an error fails; with strict, should-level gaps too."""
        failing = {Level.MUST, Level.SHOULD} if strict else {Level.MUST}
        # Waiting for a reader's judgement is work for the scrutineer, not a failure.
        gap = any(c.level in failing and c.status not in (Status.MET, Status.NEEDS_REVIEW)
                  for c in self.requirements)
        missing_must = any(
            c.level is Level.MUST and c.status is Status.MISSING for c in self.requirements
        )
        return has_errors(self.findings) or missing_must or (strict and gap)


VALIDATE, CHECK = "validate", "check"  # the question a result answers
AS_READ = "as_read"  # a field's metadata: text kept as read, for quoting, not for printing


@dataclass
class CheckResult:
    """Every document's result, plus findings about files that are not documents.

    A result of `validate` has no documents: its findings are all in `findings`, and `files`
    names every file read (so that a format can list the valid ones too)."""

    documents: list[DocumentResult] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    command: str = CHECK
    # Each file's text as it was read, by its name as findings show it: a format quoting the
    # line a finding is about quotes it from here, never from the disk (the file may have
    # changed or gone since). Left as read by reporters.clean.printable: the quoting format
    # makes the line it takes printable.
    texts: dict[str, str] = field(default_factory=dict, repr=False, compare=False,
                                  metadata={AS_READ: True})

    def fails(self, strict: bool = False) -> bool:
        return has_errors(self.findings) or any(d.fails(strict) for d in self.documents)
