"""dates.*: dates in a document that have passed."""

from __future__ import annotations

from collections.abc import Iterator

from ..edition import parse_date
from ..findings import Finding, Severity
from .context import CheckContext
from .registry import rule


@rule("dates.review_overdue", Severity.WARNING)
def review_overdue(context: CheckContext) -> Iterator[Finding]:
    """The document's review date has not passed (against --today).

    `review_due` is a day; `review_due_month` a month, overdue once the month is over.

    passes: review_due: "2026-09-30" checked with --today 2025-01-01
    fails:  review_due: "2021-09-30" checked with --today 2025-01-01
    """
    field = "review_due" if context.data.get("review_due") else "review_due_month"
    due = parse_date(context.data.get(field), last_day=True)
    if due and due < context.today:
        yield review_overdue.finding(
            f"the review was due on {due}, which has passed (today is {context.today})",
            context.locate((field,)),
            "review the arrangements and publish a new version, or record the new review date")
