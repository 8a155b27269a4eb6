"""dates.*: dates in a document that have passed."""

from __future__ import annotations

from collections.abc import Iterator

from ..edition import parse_date
from ..findings import Finding, Severity
from .context import CheckContext
from .registry import rule

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # not the locale's names


@rule("dates.review_overdue", Severity.WARNING)
def review_overdue(context: CheckContext) -> Iterator[Finding]:
    """The document's review date has not passed (against --today).

    `review_due` is a day, overdue from the day after; `review_due_month` a month,
    overdue once the month is over (a review due in September 2021 is overdue on
    1 October 2021, not on 30 September).

    passes: review_due: "2026-09-30" checked with --today 2025-01-01
    fails:  review_due: "2021-09-30" checked with --today 2025-01-01
    """
    field = "review_due" if context.data.get("review_due") else "review_due_month"
    due = parse_date(context.data.get(field), last_day=True)
    if due and due < context.today:
        # A month is shown as the document gives it, not as an invented day.
        when = f"in {MONTHS[due.month - 1]} {due.year}" if field == "review_due_month" \
            else f"on {due}"
        yield review_overdue.finding(
            f"the review was due {when}, which has passed (today is {context.today})",
            context.locate((field,)),
            "review the arrangements and publish a new version, or record the new review date")
