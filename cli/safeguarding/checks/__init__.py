"""Consistency checks: one module per rule family, each rule registered in CHECKS_BY_ID."""

from __future__ import annotations

from collections.abc import Iterable

from ..findings import Finding, Severity
from . import (  # noqa: F401  (registers)
    budget,
    continuity,
    covers,
    dates,
    figures,
    markdown,
    period,
    roles,
    series,
    text,
    words,
)
from .context import CheckContext
from .registry import CHECKS_BY_ID, Check, rule

# Checks that apply to every document whatever its rule set says: they are about the data
# (impossible dates, a lost image, unsafe Markdown), not about an edition of the guidance.
ALWAYS_ON = ("figures.image_missing", "covers.unknown_requirement", "dates.file_name_matches",
             "dates.period_ends_after_start", "dates.published_after_period",
             "markdown.unsafe_link", "markdown.raw_html")
RULE_CRASH = "check.crash"

__all__ = ["ALWAYS_ON", "CHECKS_BY_ID", "Check", "CheckContext", "rule", "run_checks"]


def run_checks(context: CheckContext, ids: Iterable[str]) -> list[Finding]:
    """The findings of the given checks (plus ALWAYS_ON), sorted by location.

    A crash inside a check becomes one finding of its own rule, so that it is never
    mistaken for a finding about the document and never hides the other checks' results.
    """
    findings: list[Finding] = []
    for rule_id in dict.fromkeys([*ids, *ALWAYS_ON]):
        check = CHECKS_BY_ID.get(rule_id)
        if check is None:
            continue
        try:
            findings += check.function(context)
        except Exception as exc:  # a bug in a check, reported rather than raised
            findings.append(Finding(RULE_CRASH, Severity.ERROR,
                                    f"the check {rule_id} crashed: {type(exc).__name__}: {exc}",
                                    context.locate(()), "this is a bug; please report it"))
    return sorted(findings, key=Finding.sort_key)
