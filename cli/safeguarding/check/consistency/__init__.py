"""Consistency checks: each module holds the checks of one rule family (figures.* spans two:
budget.py holds figures.budget_totals), each check registered in CHECKS_BY_ID (and the rule
catalogue) by the @rule decorator.

Every module of this package is imported here, found by pkgutil: a new family's module
registers by being here, with no list to keep.
"""

from __future__ import annotations

import pkgutil
from collections.abc import Iterable
from importlib import import_module

from ...findings import Finding, Severity
from ...rules import RULES, known
from .check_context import CheckContext
from .registry import CHECKS_BY_ID, Check, rule

for _module in pkgutil.iter_modules(__path__):
    import_module(f"{__name__}.{_module.name}")

# Checks that apply to every document whatever its rule set says (registered always_on).
ALWAYS_ON = tuple(r.id for r in RULES.values() if r.check and r.always_on)
RULE_CRASH = known("check.crash")

__all__ = ["ALWAYS_ON", "CHECKS_BY_ID", "Check", "CheckContext", "rule", "run_checks"]


def run_checks(context: CheckContext, ids: Iterable[str]) -> list[Finding]:
    """The findings of the given checks (plus ALWAYS_ON), sorted by location.

    An id no check is registered under is a bug (a rule set may only list registered ids),
    and fails loudly. A crash inside a check becomes one finding of its own rule, so that
    it is never mistaken for a finding about the document and never hides the other
    checks' results.
    """
    findings: list[Finding] = []
    for rule_id in dict.fromkeys([*ids, *ALWAYS_ON]):
        check = CHECKS_BY_ID.get(rule_id)
        if check is None:
            raise KeyError(f"no consistency check is registered as '{rule_id}'")
        try:
            findings += check.function(context)
        except Exception as exc:  # a bug in a check, reported rather than raised
            findings.append(Finding(RULE_CRASH, Severity.ERROR,
                                    f"the check {rule_id} crashed: {type(exc).__name__}: {exc}",
                                    context.locate(()), "this is a bug; please report it"))
    return sorted(findings, key=Finding.sort_key)
