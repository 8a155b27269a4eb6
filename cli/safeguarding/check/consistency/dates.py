"""dates.*: a document's dates against today, each other and the file's name."""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Finding, Severity
from ...load.layout import ARRANGEMENTS, YEARLY_REPORT
from ...render.formatting import month_year
from ..edition import parse_date
from .check_context import CheckContext
from .period import ordered_period, period_dates
from .registry import rule
from .series import superseded


@rule("dates.review_overdue", Severity.WARNING)
def review_overdue(context: CheckContext) -> Iterator[Finding]:
    """The document's review date has not passed (against --today).

    `review_due` is a day, overdue from the day after; `review_due_month` a month,
    overdue once the month is over (a review due in September 2021 is overdue on
    1 October 2021, not on 30 September).

    Arrangements replaced by a later published version are not reported: the current
    version's review date is the one that counts.

    passes: review_due: "2026-09-30" checked with --today 2025-01-01
    fails:  review_due: "2021-09-30" checked with --today 2025-01-01
    """
    if context.kind == ARRANGEMENTS and superseded(context) is not None:
        return
    field = "review_due" if context.data.get("review_due") else "review_due_month"
    due = parse_date(context.data.get(field), last_day=True)
    if due and due < context.today:
        # A month is shown as the document gives it, not as an invented day.
        when = f"in {month_year(due)}" if field == "review_due_month" \
            else f"on {due}"
        yield review_overdue.finding(
            f"the review was due {when}, which has passed (today is {context.today})",
            context.locate((field,)),
            "review the arrangements and publish a new version, or record the new review date")


@rule("dates.file_name_matches", Severity.ERROR, always_on=True)
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
    if context.kind == YEARLY_REPORT:
        field = ("reporting_period", "end")
        # Not by a period that ends before it starts: its end may be the wrong date, and
        # renaming the file by it would make this last year's report.
        period = ordered_period(context.data)
        expected = f"{period[1].year - 1}-{period[1].year % 100:02d}" if period else None
    else:
        field = ("published",) if context.data.get("published") else ("published_month",)
        day = parse_date(context.data.get(field[0]))
        expected = f"{day.year}-{day.month:02d}" if day else None
    if expected and name != expected:
        yield file_name_matches.finding(
            f"the file is named '{name}', but the document's dates make it '{expected}'",
            context.locate(field), f"rename the file to {expected}.yaml, or correct the date")


@rule("dates.period_ends_after_start", Severity.ERROR, always_on=True)
def period_ends_after_start(context: CheckContext) -> Iterator[Finding]:
    """A reporting period ends after the day it starts.

    A period that ends before it starts, or on the same day, has a date typed wrongly
    (often the year, or the start and end swapped), and nothing else about the period
    can be checked until it is corrected.

    passes: reporting_period: {start: "2023-04-01", end: "2024-03-31"}
    fails:  reporting_period: {start: "2024-04-01", end: "2024-03-31"} (ends the day
            before it starts)
    """
    period = period_dates(context.data)
    if period and ordered_period(context.data) is None:
        start, end = period
        when = f"on the day it starts ({start})" if end == start \
            else f"on {end}, before it starts on {start}"
        yield period_ends_after_start.finding(
            f"the reporting period ends {when}", context.locate(("reporting_period", "start")),
            "check the year of both dates and that start and end are not swapped: a yearly "
            "report's period is usually 1 April to 31 March the next year")


@rule("dates.published_after_period", Severity.ERROR, always_on=True)
def published_after_period(context: CheckContext) -> Iterator[Finding]:
    """A yearly report is published after its reporting period ends.

    A report on a year cannot be published before the year is over, and the period's
    last day is part of the year.

    passes: period ending "2024-03-31", published: "2024-09-26"
    fails:  period ending "2024-03-31", published: "2024-01-15"
    """
    period = period_dates(context.data)
    published = parse_date(context.data.get("published"))
    if context.kind == YEARLY_REPORT and period and published and published <= period[1]:
        yield published_after_period.finding(
            f"the report was published on {published}, but its reporting period runs until "
            f"{period[1]}: a report on a year cannot be published before the year is over",
            context.locate(("published",)),
            "correct `published`, or the period's end date if that is the one that is wrong")
