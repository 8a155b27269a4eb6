"""Which edition of Working Together a document answers to, and why.

In order: `--edition` on the command line; the edition the document declares; the
edition in force on its publication date (2018 up to 14 December 2023, 2023 from 15
December 2023). A document with no publication date is dated by its reporting period's
end, then the date its arrangements took effect, started in shadow form or were signed,
and a note says so. With no date at all, the edition in force on `today` applies.

Notes also tell the user when a declared edition was not the one in force on the
publication date, when a publication month (December 2023) straddles the change, and,
from 15 December 2023, that arrangements under 2018 have to (or had to) move to 2023.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from ..findings import Finding, note
from ..load.layout import ARRANGEMENTS
from ..rules import known

if TYPE_CHECKING:  # only a type here: the CLI reads EDITIONS without loading YAML
    from ..load.yamlfile import SourceFile

WT2018, WT2023 = "wt2018", "wt2023"
EDITIONS = (WT2018, WT2023)
WT2023_FROM = date(2023, 12, 15)
# Areas had until the end of December 2024 to bring their arrangements in line with 2023.
WT2023_TRANSITION_END = date(2024, 12, 31)
RULE_DATE = known("edition.date")
RULE_SUPERSEDED = known("edition.superseded")
_YEAR_BY_EDITION = {WT2018: 2018, WT2023: 2023}
# How findings name an edition, and how a published document cites it.
EDITION_NAMES = {e: f"Working Together {y}" for e, y in _YEAR_BY_EDITION.items()}
EDITION_TITLES = {e: f"Working Together to Safeguard Children {y}"
                  for e, y in _YEAR_BY_EDITION.items()}

# Fields that date a document, best first; paths into the document's data.
DATE_FIELDS: tuple[tuple[str, ...], ...] = (
    ("published",), ("published_month",), ("reporting_period", "end"), ("effective_from",),
    ("shadow_from",), ("signed",),
)


@dataclass(frozen=True)
class EditionChoice:
    """The edition chosen, how it was chosen, and any notes to tell the user."""

    edition: str
    reason: str  # e.g. "declared by the document", "in force on 2019-06-28 (published)"
    findings: tuple[Finding, ...] = field(default=())


PUBLICATION_FIELDS = (("published",), ("published_month",))


def parse_date(value: Any, last_day: bool = False) -> date | None:
    """A YYYY-MM-DD string as a date, a YYYY-MM month as its first (or last) day; else None."""
    if not isinstance(value, str):
        return None
    try:
        if len(value) == 7:
            first = date.fromisoformat(value + "-01")
            following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return following - timedelta(days=1) if last_day else first
        return date.fromisoformat(value)
    except ValueError:
        return None


def document_date(data: dict[str, Any]) -> tuple[date, tuple[str, ...]] | None:
    """The date a document is dated by, with the path of the field it came from."""
    for path in DATE_FIELDS:
        value: Any = data
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        found = parse_date(value)
        if found:
            return found, path
    return None


def in_force_on(day: date) -> str:
    return WT2023 if day >= WT2023_FROM else WT2018


def choose_edition(source: SourceFile, kind: str, today: date,
                   override: str | None = None) -> EditionChoice:
    """The edition to check a document against."""
    data = source.data
    if override:
        return EditionChoice(override, "chosen with --edition")
    choice = _declared(source) or _dated(source, today)
    if kind == ARRANGEMENTS and choice.edition == WT2018 and today >= WT2023_FROM:
        where = ("edition",) if data.get("edition") else ()
        return EditionChoice(choice.edition, choice.reason,
                             (*choice.findings, _superseded(source, where, today)))
    return choice


def _published(data: dict[str, Any]) -> tuple[date, date, str] | None:
    """The earliest and latest day the document can have been published, and the field."""
    for (name,) in PUBLICATION_FIELDS:
        first, last = parse_date(data.get(name)), parse_date(data.get(name), last_day=True)
        if first and last:
            return first, last, name
    return None


def _declared(source: SourceFile) -> EditionChoice | None:
    data = source.data
    declared = data.get("edition")
    if declared not in EDITIONS:
        return None
    published = _published(data)
    if published is None or in_force_on(published[0]) != in_force_on(published[1]):
        return EditionChoice(declared, "declared by the document")
    in_force = in_force_on(published[0])
    if in_force == declared:
        return EditionChoice(declared, "declared by the document")
    when = data[published[2]]
    message = (f"the document declares {EDITION_NAMES[declared]}, but Working Together 2023 was in "
               f"force when it was published ({when}); it is checked against the edition "
               "it declares") if declared == WT2018 else (
               f"the document declares {EDITION_NAMES[declared]}, which was not yet in force "
               f"when it was published ({when}); it is checked against the edition it declares")
    return EditionChoice(declared, "declared by the document", (note(
        RULE_DATE, message, source.locate(("edition",)),
        f"check `edition`, or run `safeguarding check --edition {in_force}`"),))


def _dated(source: SourceFile, today: date) -> EditionChoice:
    dated = document_date(source.data)
    if dated is None:
        return EditionChoice(in_force_on(today), f"in force today ({today}); the document has "
                             "no date", (_undated(source, today),))
    day, path = dated
    edition = in_force_on(day)
    notes: tuple[Finding, ...] = ()
    if path not in PUBLICATION_FIELDS:
        notes = (_dated_by(source, path, day, edition),)
    elif in_force_on(parse_date(source.data[path[0]], last_day=True) or day) != edition:
        notes = (note(RULE_DATE, f"the document was published in {source.data[path[0]]}, the "
                      f"month Working Together 2023 came into force ({WT2023_FROM}); without "
                      f"the day, it is checked against the edition in force on {day} "
                      f"({edition})", source.locate(path),
                      "add `published: \"YYYY-MM-DD\"` or `edition` if the document states it"),)
    return EditionChoice(edition, f"in force on {day} ({'.'.join(path)})", notes)


def _undated(source: SourceFile, today: date) -> Finding:
    return note(RULE_DATE, "the document gives no publication or other date, so it is checked "
                f"against the edition in force today ({in_force_on(today)})",
                source.locate(()), "add `published: \"YYYY-MM-DD\"` if the document states it")


def _dated_by(source: SourceFile, path: tuple[str, ...], day: date, edition: str) -> Finding:
    return note(RULE_DATE, f"the document gives no publication date; its edition ({edition}) "
                f"is the one in force on its {' '.join(path).replace('_', ' ')} ({day})",
                source.locate(path), "add `published: \"YYYY-MM-DD\"` if the document states it")


def _superseded(source: SourceFile, path: tuple[str, ...], today: date) -> Finding:
    # Arrangements (unlike a report, tied to its year) stay in force until replaced.
    deadline = "must meet" if today <= WT2023_TRANSITION_END else "had to meet"
    return note(RULE_SUPERSEDED, "these arrangements answer to Working Together 2018, which "
                f"Working Together 2023 replaced on {WT2023_FROM}; arrangements {deadline} the "
                "2023 edition by the end of December 2024", source.locate(path),
                "run `safeguarding check --edition wt2023` to see what they lack")
