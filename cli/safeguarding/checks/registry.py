"""The registry of consistency checks: each a function registered under a stable rule id.

A check takes a CheckContext and yields findings. Its docstring is its user manual:
what it checks, then a passing and a failing example. The rule sets switch checks on
by id (their `checks` lists); ALWAYS_ON checks run for every document.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from inspect import cleandoc

from ..findings import Finding, Location, Severity
from .context import CheckContext

CheckFunction = Callable[[CheckContext], Iterator[Finding]]


@dataclass(frozen=True)
class Check:
    """One consistency rule: its id, default severity, manual and function."""

    id: str
    severity: Severity
    function: CheckFunction

    @property
    def manual(self) -> str:
        return cleandoc(self.function.__doc__ or "")

    @property
    def summary(self) -> str:
        return self.manual.splitlines()[0] if self.manual else self.id

    def finding(self, message: str, location: Location, hint: str = "",
                severity: Severity | None = None) -> Finding:
        """A finding of this rule, at its default severity unless told otherwise."""
        return Finding(self.id, severity or self.severity, message, location, hint)


CHECKS_BY_ID: dict[str, Check] = {}


def rule(rule_id: str, severity: Severity) -> Callable[[CheckFunction], Check]:
    """Register a check function under rule_id; the decorated name becomes the Check."""
    def register(function: CheckFunction) -> Check:
        if rule_id in CHECKS_BY_ID:
            raise ValueError(f"check {rule_id} registered twice")
        CHECKS_BY_ID[rule_id] = Check(rule_id, severity, function)
        return CHECKS_BY_ID[rule_id]
    return register
