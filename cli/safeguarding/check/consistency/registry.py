"""The registry of consistency checks: each a function registered under a stable rule id.

A check takes a CheckContext and yields findings. Its docstring is its user manual:
what it checks, then a passing and a failing example. The rule sets switch checks on
by id (their `checks` lists); a check registered with always_on=True runs for every
document. Each check is also an entry of the rule catalogue (rules.RULES).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from inspect import cleandoc

from ...findings import Finding, Location, Severity
from ...rules import Rule, register
from .check_context import CheckContext

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

    def finding(self, message: str, location: Location, hint: str = "",
                severity: Severity | None = None) -> Finding:
        """A finding of this rule, at its default severity unless told otherwise."""
        return Finding(self.id, severity or self.severity, message, location, hint)


CHECKS_BY_ID: dict[str, Check] = {}


def rule(rule_id: str, severity: Severity,
         always_on: bool = False) -> Callable[[CheckFunction], Check]:
    """Register a check function under rule_id; the decorated name becomes the Check.

    always_on: the check is about the data (impossible dates, a lost image, unsafe
    Markdown), not about an edition of the guidance, so it runs whatever the rule set says."""
    def register_check(function: CheckFunction) -> Check:
        check = Check(rule_id, severity, function)
        register(Rule(rule_id, severity, check.manual, always_on, check=True))
        CHECKS_BY_ID[rule_id] = check
        return check
    return register_check
