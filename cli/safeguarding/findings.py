"""Findings: every problem anywhere is a value with a rule id, a severity and a location."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


@dataclass(frozen=True, order=True)
class Location:
    """A place in a file; line and column are 1-based, 0 when unknown."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.column or 1}"
        return self.file


@dataclass(frozen=True)
class Finding:
    """One problem: what rule found it, how bad it is, what to do, and where."""

    rule: str
    severity: Severity
    message: str
    location: Location
    hint: str = ""
    # Extra machine-readable detail for reporters (e.g. a requirement id).
    data: tuple[tuple[str, str], ...] = field(default=())

    @property
    def file(self) -> str:
        return self.location.file

    @property
    def line(self) -> int:
        return self.location.line

    @property
    def column(self) -> int:
        return self.location.column

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.rule)


def error(rule: str, message: str, location: Location, hint: str = "") -> Finding:
    return Finding(rule, Severity.ERROR, message, location, hint)


def warning(rule: str, message: str, location: Location, hint: str = "") -> Finding:
    return Finding(rule, Severity.WARNING, message, location, hint)


def note(rule: str, message: str, location: Location, hint: str = "") -> Finding:
    return Finding(rule, Severity.NOTE, message, location, hint)


def has_errors(findings: Iterable[Finding]) -> bool:
    """Whether any finding is an error: the one test of whether something fails."""
    return any(f.severity is Severity.ERROR for f in findings)


def count(findings: Iterable[Finding], severity: Severity = Severity.ERROR) -> int:
    """How many of the findings have this severity (errors unless told)."""
    return sum(f.severity is severity for f in findings)
