"""series.*: a partnership's documents read together, not one at a time.

Yearly reports follow each other: their periods join with no gap or overlap, and each is
published within 12 months of the last (Children Act 2004 s16G: "at least once in every
12 month period"). The current arrangements are published, dated and given a review date.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from ...findings import Finding, Severity
from ...load.layout import ARRANGEMENTS, YEARLY_REPORT
from ..edition import parse_date
from .check_context import CheckContext, SeriesEntry
from .period import add_months, ordered_period, span_text
from .registry import rule

S16G = ("the Children Act 2004 (s16G) asks the partners to publish a report \"at least once "
        "in every 12 month period\"")


def preceding_report(context: CheckContext) -> tuple[SeriesEntry, tuple[date, date]] | None:
    """The partnership's report whose period starts last before this one's, with its period.

    Not the year before by name: after a missed year, the report two years back is the
    one this report follows, and the gap between them is the finding.
    """
    own = ordered_period(context.data)
    if own is None:
        return None
    best: tuple[SeriesEntry, tuple[date, date]] | None = None
    for entry in context.series:
        period = ordered_period(entry.source.data)
        if entry.id == context.document_id or period is None or period[0] >= own[0]:
            continue
        if best is None or period[0] > best[1][0]:
            best = (entry, period)
    return best


@rule("series.periods_contiguous", Severity.ERROR)
def periods_contiguous(context: CheckContext) -> Iterator[Finding]:
    """A yearly report's period starts the day after the previous report's period ends.

    The previous report is the partnership's report whose period starts last before this
    one's. A gap leaves months no report covers (an error: the statute asks for a report
    on every 12 months); an overlap reports the same months twice (a warning: say why,
    e.g. a transition to years ending 31 March).

    passes: 2022-23 runs to 2023-03-31; 2023-24 starts 2023-04-01
    fails:  2021-22 runs to 2022-03-31; the next report starts 2023-04-01 (a year unreported)
    """
    if context.kind != YEARLY_REPORT:
        return
    found = preceding_report(context)
    own = ordered_period(context.data)
    if found is None or own is None:
        return
    entry, (_, previous_end) = found
    where = context.locate(("reporting_period", "start"))
    expected = previous_end + timedelta(days=1)
    if own[0] > expected:
        yield periods_contiguous.finding(
            f"the period starts on {own[0]}, but the previous report ({entry.id}) ends on "
            f"{previous_end}: {span_text(expected, own[0] - timedelta(days=1))} ({expected} to "
            f"{own[0] - timedelta(days=1)}) are in no report", where,
            f"start the period on {expected}, or add the report on the missing months")
    elif own[0] < expected:
        yield periods_contiguous.finding(
            f"the period starts on {own[0]}, but the previous report ({entry.id}) runs until "
            f"{previous_end}: {span_text(own[0], min(previous_end, own[1]))} are reported twice",
            where, f"start the period on {expected}, or say in the report why it overlaps",
            Severity.WARNING)


@rule("series.published_within_12_months", Severity.ERROR)
def published_within_12_months(context: CheckContext) -> Iterator[Finding]:
    """Each yearly report is published within 12 months of the previous one.

    The Children Act 2004 (s16G) asks for a report "at least once in every 12 month
    period". A report published more than 12 months after the previous report is late
    (an error); and when the partnership's latest report was published more than 12
    months before --today, the next one is overdue (a warning on the latest report's
    `published`: the report itself is not wrong, and can still be rebuilt).

    passes: 2022-23 published 2023-09-20; 2023-24 published 2024-09-18
    fails:  2022-23 published 2023-09-20; 2023-24 published 2024-11-04
    """
    if context.kind != YEARLY_REPORT:
        return
    published = parse_date(context.data.get("published"))
    found = preceding_report(context)
    if found and published:
        before = parse_date(found[0].source.data.get("published"))
        if before and published > add_months(before, 12):
            yield published_within_12_months.finding(
                f"published on {published}, {span_text(before, published - timedelta(days=1))} "
                f"after the previous report ({found[0].id}, published {before}); {S16G}",
                context.locate(("published",)),
                "publish each report within 12 months of the last")
    if published and _is_latest(context) and context.today > add_months(published, 12):
        yield published_within_12_months.finding(
            f"this is the partnership's latest report, published on {published}; the next "
            f"was due by {add_months(published, 12) - timedelta(days=1)} and is overdue "
            f"(today is {context.today}); {S16G}", context.locate(("published",)),
            "publish the next yearly report, and add it to reports/", Severity.WARNING)


def _is_latest(context: CheckContext) -> bool:
    own = ordered_period(context.data)
    return own is not None and all(
        (period := ordered_period(e.source.data)) is None or period[0] <= own[0]
        for e in context.series if e.id != context.document_id)


def _dated(data: dict[str, Any]) -> date | None:
    return parse_date(data.get("published")) or parse_date(data.get("published_month"))


def current_arrangements(context: CheckContext) -> SeriesEntry | None:
    """The partnership's latest arrangements: the version with the latest name (YYYY-MM)."""
    return max(context.series, key=lambda e: e.id, default=None)


def is_current_arrangements(context: CheckContext) -> bool:
    """Whether the document is the partnership's current arrangements (older versions are
    superseded, and not checked)."""
    if context.kind != ARRANGEMENTS:
        return False
    current = current_arrangements(context)
    return current is None or current.id == context.document_id


@rule("series.arrangements_published", Severity.WARNING)
def arrangements_published(context: CheckContext) -> Iterator[Finding]:
    """The partnership's current arrangements are published and dated.

    The safeguarding partners must publish their arrangements (Children Act 2004 s16E,
    Working Together). The current arrangements are the latest version in
    arrangements/. A draft is reported at its `status` (a note when an earlier version
    is published, which stays in force until the draft is); a published version with no
    `published` or `published_month` date is reported, since a reader cannot tell
    which version is in force. Older versions are not checked: they are superseded.

    passes: arrangements/2024-01.yaml with `status: published`, `published: "2024-01-15"`
    fails:  the only arrangements with `status: draft` and no publication date
    """
    if not is_current_arrangements(context):
        return
    status = context.data.get("status")
    if status == "draft":
        published = [e for e in context.series if e.id != context.document_id
                     and e.source.data.get("status") == "published"]
        if published:
            latest = max(published, key=lambda e: e.id)
            yield arrangements_published.finding(
                f"these arrangements are a draft; version {latest.id} stays the published "
                "arrangements until this one is published", context.locate(("status",)),
                "publish it (status: published, with its date) once agreed", Severity.NOTE)
        else:
            yield arrangements_published.finding(
                "the partnership's arrangements are a draft: no version is published, and "
                "the safeguarding partners must publish their arrangements",
                context.locate(("status",)),
                "publish them, then set `status: published` and `published: \"YYYY-MM-DD\"`")
    elif _dated(context.data) is None:
        yield arrangements_published.finding(
            "the arrangements are marked published but give no date of publication, so a "
            "reader cannot tell which version is in force or since when",
            context.locate(("status",) if status else ()),
            "add `published: \"YYYY-MM-DD\"` (or `published_month: \"YYYY-MM\"`)")


@rule("series.arrangements_review_date", Severity.WARNING)
def arrangements_review_date(context: CheckContext) -> Iterator[Finding]:
    """The current arrangements say when they will be reviewed.

    Working Together asks the partners to keep their arrangements under review; a
    reader (and `dates.review_overdue`) can only hold them to it with a date. Checked on
    the current (latest) version only.

    passes: `review_due: "2026-09-30"` or `review_due_month: "2026-09"`
    fails:  neither
    """
    if not is_current_arrangements(context):
        return
    if not (context.data.get("review_due") or context.data.get("review_due_month")):
        yield arrangements_review_date.finding(
            "the arrangements give no date by which they will be reviewed",
            context.locate(("title",) if context.data.get("title") else ()),
            "add `review_due: \"YYYY-MM-DD\"` (or `review_due_month: \"YYYY-MM\"`) as the "
            "document states it; if it states none, that is worth raising with the partners")


def superseded(context: CheckContext) -> SeriesEntry | None:
    """The version that replaced these arrangements, when a later one is published."""
    later = [e for e in context.series if e.id > context.document_id
             and e.source.data.get("status") == "published"]
    return min(later, key=lambda e: e.id, default=None)
