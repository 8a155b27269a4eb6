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


@rule("dates.file_name_matches", Severity.ERROR)
def file_name_matches(context: CheckContext) -> Iterator[Finding]:
    """A document's file is named for its own dates, so that other files can refer to it.

    A yearly report is named for the years its reporting period spans, by the year it
    ends in (a period ending in March 2024 is `2023-24.yaml`); last year's report is
    found by that name. Arrangements are named for their month of publication, when
    the document gives one.

    passes: reports/2023-24.yaml with a period from 2023-04-01 to 2024-03-31
    fails:  reports/2024-25.yaml with that same period
    """
    name = context.source.path.stem
    field: tuple[str, ...]
    if context.kind == "yearly-report":
        field = ("reporting_period", "end")
        end = parse_date((context.data.get("reporting_period") or {}).get("end"))
        expected = f"{end.year - 1}-{end.year % 100:02d}" if end else None
    else:
        field = ("published",) if context.data.get("published") else ("published_month",)
        day = parse_date(context.data.get(field[0]))
        expected = f"{day.year}-{day.month:02d}" if day else None
    if expected and name != expected:
        yield file_name_matches.finding(
            f"the file is named '{name}', but the document's dates make it '{expected}'",
            context.locate(field), f"rename the file to {expected}.yaml, or correct the date")
