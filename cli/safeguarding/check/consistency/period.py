"""period.*: the reporting year of a yearly report under Working Together 2023."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from ...findings import Finding, Severity
from ..edition import WT2023_FROM, parse_date
from .check_context import CheckContext
from .registry import rule

TRANSITION_MAX_MONTHS = 24  # a longer first year while moving to April-March reporting


def period_dates(data: dict[str, Any]) -> tuple[date, date] | None:
    """The reporting period's first and last day as given, or None without both."""
    period = data.get("reporting_period") if isinstance(data, dict) else None
    if not isinstance(period, dict):  # another report of the series may be malformed
        return None
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


def span_text(start: date, end: date) -> str:
    """How long start to end is, both days included: '18 months', '2 months and 3 days'."""
    months, days = length(start, end)
    parts = [f"{months} month{'s' * (months != 1)}"] if months else []
    parts += [f"{days} day{'s' * (days != 1)}"] if days else []
    return " and ".join(parts)


@rule("period.twelve_months", Severity.ERROR)
def twelve_months(context: CheckContext) -> Iterator[Finding]:
    """The report covers 12 months; a longer period is the risk, a shorter bridge a note.

    Twelve months run from a day to the day before it a year later: 1 April 2023 to 31
    March 2024 (29 February included). A longer period leaves more than 12 months
    between reports on the same months, against the statute's "at least once in every
    12 month period" (Children Act 2004 s16G): a warning, even for a transition to years
    ending 31 March, and an error beyond 24 months. A shorter period ending 31 March is
    and starting on the first of a month is a bridge to the April-March year (a note);
    any other shorter period is a warning (2 April to 31 March is a day short: a typo).

    passes: reporting_period: {start: "2023-04-01", end: "2024-03-31"}
    note:   reporting_period: {start: "2023-10-01", end: "2024-03-31"} (6 months, a bridge
            to years ending 31 March)
    fails:  reporting_period: {start: "2022-10-01", end: "2024-03-31"} (18 months: a
            warning) or {start: "2023-04-01", end: "2023-12-31"} (9 months, a warning)
    """
    period = ordered_period(context.data)
    if period is None:
        return
    if length(*period) == (12, 0):
        return
    months = months_between(*period)
    where = context.locate(("reporting_period",))
    shown = span_text(*period)
    march = (period[1].month, period[1].day) == (3, 31)
    if months > TRANSITION_MAX_MONTHS:
        yield twelve_months.finding(
            f"the reporting period runs {shown} ({period[0]} to {period[1]}); a report on "
            "more than 12 months misses the statute's yearly report (s16G) and Working "
            "Together's 12-month reporting year", where, "check the period's start and end dates")
    elif months > 12:
        why = ", a transition to years ending 31 March" if march else ""
        yield twelve_months.finding(
            f"the report covers {shown}{why}, longer than 12 months: the statute asks for a "
            "report \"at least once in every 12 month period\" (s16G), and Working "
            "Together 2023 for 12-month years from 1 April",
            where, "say in the report why the period is longer, and report on 12 months from "
            "now on", Severity.WARNING)
    elif march and period[0].day == 1:
        yield twelve_months.finding(
            f"the report covers {shown}, a bridge to years ending 31 March; Working Together "
            "2023 asks for 12 months from then on", where, severity=Severity.NOTE)
    else:
        yield twelve_months.finding(
            f"the reporting period runs {shown} ({period[0]} to {period[1]}); Working "
            "Together 2023 asks the partners to report on 12 months from 1 April to 31 March",
            where, "check the period's start and end dates", Severity.WARNING)


@rule("period.ends_31_march", Severity.ERROR)
def ends_31_march(context: CheckContext) -> Iterator[Finding]:
    """The reporting year ends on 31 March.

    A period that began before Working Together 2023 came into force (15 December 2023)
    was planned under 2018, which set no reporting year: it is a note, for the next
    report to follow.

    passes: reporting_period: {start: "2023-04-01", end: "2024-03-31"}
    note:   reporting_period: {start: "2023-01-01", end: "2023-12-31"}, published in 2024
    fails:  reporting_period: {start: "2024-01-01", end: "2024-12-31"}
    """
    period = ordered_period(context.data)
    if period and (period[1].month, period[1].day) != (3, 31):
        before = period[0] < WT2023_FROM
        yield ends_31_march.finding(
            f"the reporting period ends on {period[1]}; under Working Together 2023 the "
            "reporting year ends on 31 March"
            + (" (this period began before the 2023 edition came into force, on "
               f"{WT2023_FROM}, so the next report is the one to follow it)" if before else ""),
            context.locate(("reporting_period", "end")),
            "report on 1 April to 31 March (a longer transition period is allowed once)",
            Severity.NOTE if before else None)


def deadline(end: date) -> date:
    """The first 30 September after the period's end (a year on, for a period ending on one)."""
    due = date(end.year, 9, 30)
    return due if due > end else date(end.year + 1, 9, 30)


@rule("period.published_by_30_september", Severity.ERROR)
def published_by_30_september(context: CheckContext) -> Iterator[Finding]:
    """The report is published by the 30 September after its reporting period ends.

    Working Together 2023 asks for the reporting period to end on 31 March and the
    report to be published by the end of September (as the Worcestershire 2022-24
    report quotes it; the guidance's own paragraph could not be checked here).

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


@rule("period.published_within_a_year", Severity.ERROR)
def published_within_a_year(context: CheckContext) -> Iterator[Finding]:
    """Under Working Together 2018, the report is published within 12 months of its period.

    The 2018 edition sets no deadline after the period (nor a fixed reporting year).
    The rule applied is the statute's: the partners publish a report "at least once in
    every 12 month period" (Children Act 2004 s16G), so a report published more than 12
    months after its period ended leaves a year with no report on it.

    passes: period ending "2021-09-30", published: "2022-01-20"
    fails:  period ending "2021-09-30", published: "2022-11-02"
    """
    period = ordered_period(context.data)
    if period is None:
        return
    due = add_months(period[1] + timedelta(days=1), 12) - timedelta(days=1)
    published = parse_date(context.data.get("published"))
    if published and published > due:
        yield published_within_a_year.finding(
            f"published on {published}, more than 12 months after the period ended on "
            f"{period[1]}; Working Together 2018 sets no deadline, so the statute's \"at "
            "least once in every 12 month period\" (Children Act 2004 s16G) is applied: "
            f"due by {due}", context.locate(("published",)))
    elif published is None and context.today > due:
        yield published_within_a_year.finding(
            f"the report gives no publication date, so it cannot be confirmed that it was "
            f"published within 12 months of its period (by {due})",
            context.locate(("reporting_period", "end")),
            "add `published: \"YYYY-MM-DD\"` if the report states it", Severity.NOTE)
