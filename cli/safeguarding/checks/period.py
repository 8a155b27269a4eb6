"""period.*: the reporting year of a yearly report under Working Together 2023."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from ..edition import parse_date
from ..findings import Finding, Severity
from .check_context import CheckContext
from .registry import rule

TRANSITION_MAX_MONTHS = 24  # a longer first year while moving to April-March reporting


def period_dates(data: dict[str, Any]) -> tuple[date, date] | None:
    """The reporting period's first and last day as given, or None without both."""
    period = data.get("reporting_period") or {}
    start, end = parse_date(period.get("start")), parse_date(period.get("end"))
    return (start, end) if start and end else None


def ordered_period(data: dict[str, Any]) -> tuple[date, date] | None:
    """The reporting period, if it ends after its first day. One that does not has a wrong
    date, which dates.period_ends_after_start reports: measured, it would give nonsense."""
    period = period_dates(data)
    return period if period and period[0] < period[1] else None


def add_months(start: date, months: int) -> date:
    """The same day of the month, months later; a day the month lacks rolls to the next
    month's first (so a period from 29 February ends on the last day of February)."""
    year, month = divmod(start.month - 1 + months, 12)
    first = date(start.year + year, month + 1, 1)
    year, month = divmod(first.month, 12)
    following = date(first.year + year, month + 1, 1)
    return min(first + timedelta(days=start.day - 1), following)


def length(start: date, end: date) -> tuple[int, int]:
    """Whole months and days left over, both days included (1 April to 31 March is (12, 0))."""
    after = end + timedelta(days=1)
    months = (after.year - start.year) * 12 + after.month - start.month
    while months > 0 and add_months(start, months) > after:
        months -= 1
    return months, (after - add_months(start, months)).days


def months_between(start: date, end: date) -> float:
    """The length of a period in months, both days included (1 April to 31 March is 12)."""
    months, days = length(start, end)
    return months + days / 30.0


def _shown(start: date, end: date) -> str:
    months, days = length(start, end)
    parts = [f"{months} month{'s' * (months != 1)}"] if months else []
    parts += [f"{days} day{'s' * (days != 1)}"] if days else []
    return " and ".join(parts)


@rule("period.twelve_months", Severity.ERROR)
def twelve_months(context: CheckContext) -> Iterator[Finding]:
    """The report covers exactly 12 months; a longer transition period ending 31 March is a note.

    Twelve months run from a day to the day before it a year later: 1 April 2023 to 31
    March 2024 (29 February included). One day more or less is not 12 months.

    passes: reporting_period: {start: "2023-04-01", end: "2024-03-31"}
    note:   reporting_period: {start: "2022-10-01", end: "2024-03-31"} (18 months, moving
            to years ending 31 March)
    fails:  reporting_period: {start: "2023-04-01", end: "2023-12-31"} (9 months)
    """
    period = ordered_period(context.data)
    if period is None:
        return
    if length(*period) == (12, 0):
        return
    months = months_between(*period)
    where = context.locate(("reporting_period",))
    shown = _shown(*period)
    if 12 < months <= TRANSITION_MAX_MONTHS and (period[1].month, period[1].day) == (3, 31):
        yield twelve_months.finding(
            f"the report covers {shown}, a transition to years ending 31 March; "
            "Working Together 2023 asks for 12 months from then on", where,
            severity=Severity.NOTE)
        return
    yield twelve_months.finding(
        f"the reporting period runs {shown} ({period[0]} to {period[1]}); "
        "Working Together 2023 asks the partners to report on 12 months", where,
        "check the period's start and end dates")


@rule("period.ends_31_march", Severity.ERROR)
def ends_31_march(context: CheckContext) -> Iterator[Finding]:
    """The reporting year ends on 31 March.

    passes: reporting_period: {start: "2023-04-01", end: "2024-03-31"}
    fails:  reporting_period: {start: "2022-10-01", end: "2023-09-30"}
    """
    period = ordered_period(context.data)
    if period and (period[1].month, period[1].day) != (3, 31):
        yield ends_31_march.finding(
            f"the reporting period ends on {period[1]}; under Working Together 2023 the "
            "reporting year ends on 31 March", context.locate(("reporting_period", "end")),
            "report on 1 April to 31 March (a longer transition period is allowed once)")


def deadline(end: date) -> date:
    """The first 30 September after the period's end (a year on, for a period ending on one)."""
    due = date(end.year, 9, 30)
    return due if due > end else date(end.year + 1, 9, 30)


@rule("period.published_by_30_september", Severity.ERROR)
def published_by_30_september(context: CheckContext) -> Iterator[Finding]:
    """The report is published by the 30 September after its reporting period ends.

    passes: period ending "2024-03-31", published: "2024-09-26"
    fails:  period ending "2024-03-31", published: "2024-11-04"
    """
    period = ordered_period(context.data)
    if period is None:
        return
    due = deadline(period[1])
    field = "published" if context.data.get("published") else "published_month"
    published = parse_date(context.data.get(field))
    if published and published > due:
        yield published_by_30_september.finding(
            f"published on {context.data[field]}, after the deadline of {due} (30 September "
            "after the reporting period)", context.locate((field,)))
    elif published is None and context.today > due:
        yield published_by_30_september.finding(
            f"the report gives no publication date, so it cannot be confirmed that it was "
            f"published by {due}", context.locate(("reporting_period", "end")),
            "add `published: \"YYYY-MM-DD\"` if the report states it", Severity.NOTE)
