"""continuity.*: last year's priorities carried into this year's report."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...findings import Finding, Severity
from ...load.block_types import PRIORITIES
from ...load.doctree import get_path, iter_blocks
from ...load.layout import year_before
from ..coverage import RATING_EVIDENCE, rated_items
from .check_context import CheckContext
from .registry import rule
from .series import preceding_report

LITTLE = RATING_EVIDENCE["little_or_no_progress"]


def _items(data: dict[str, Any], roles: tuple[str, ...]) -> Iterator[dict[str, Any]]:
    for _, block in iter_blocks(data, PRIORITIES):
        if block.get("role") in roles:
            yield from (i for i in block.get("items") or [] if isinstance(i, dict))


@rule("continuity.priorities_reported", Severity.ERROR)
def priorities_reported(context: CheckContext) -> Iterator[Finding]:
    """Every priority last year's report planned for this year is reported on, by id.

    Last year's report is the one named in `previous_report`, else the partnership's
    report for the year before, when there is one. Each `planned` priority there with an
    `id` must appear in a `reported` priorities block here, with the same `id` or as its
    `previous_id`. Planned priorities without an id cannot be followed. A
    `previous_report` naming this report or a later one is an error.

    passes: last year planned `id: online-safety`; this year reports `id: online-safety`
    fails:  last year planned `id: online-safety`; this year does not mention it
    """
    named = context.previous_report
    stated = bool(context.data.get("previous_report"))
    where = context.locate(("previous_report",) if stated else ())
    if stated and context.document_id and named >= context.document_id:
        what = "this report itself" if named == context.document_id else "a later year"
        yield priorities_reported.finding(
            f"`previous_report` should name last year's report, but '{named}' is {what}",
            where,
            "write the year before, e.g. previous_report: "
            f"{year_before(context.document_id) or '<last year>'}")
        return
    if context.previous is None:
        if stated:
            yield priorities_reported.finding(
                f"last year's report '{named}' is not in this partnership's reports folder, "
                "so its priorities cannot be followed up", where,
                f"add reports/{named}.yaml, or remove `previous_report`", Severity.WARNING)
        return
    reported = {key for item in _items(context.data, ("reported", "current"))
                for key in (item.get("id"), item.get("previous_id")) if key}
    for item in _items(context.previous.data, ("planned",)):
        if item.get("id") and item["id"] not in reported:
            title = " ".join(str(item.get("title", "")).split())[:90]
            yield priorities_reported.finding(
                f"the priority '{item['id']}' ({title}) set in the {named} report is not "
                "reported on", where,
                f"add it to a `reported` priorities block with `id: {item['id']}` (or "
                f"`previous_id: {item['id']}`)")


@rule("continuity.little_progress", Severity.WARNING)
def little_progress(context: CheckContext) -> Iterator[Finding]:
    """Priorities rated `little-or-no-progress` are surfaced for the reader.

    Working Together asks the report to analyse priorities with little or no progress;
    each one is listed here, and each counts as evidence for `little_or_no_progress`.

    passes: every reported priority rated `achieved`, `good-progress` or `some-progress`
    fails:  a reported priority with `rating: little-or-no-progress`
    """
    for path in rated_items(context.data, LITTLE):
        item = get_path(context.data, path) or {}
        title = " ".join(str(item.get("title", "")).split())[:90]
        yield little_progress.finding(
            f"little or no progress on the priority '{title}'",
            context.locate((*path, "rating")),
            "say why, and what will change (the little_or_no_progress requirement)")



_NOT_CARRIED = ("achieved",)


def _words(text: Any) -> str:
    return " ".join(str(text or "").lower().split())


@rule("continuity.priorities_carried", Severity.WARNING)
def priorities_carried(context: CheckContext) -> Iterator[Finding]:
    """No priority of the previous report vanishes from this one without a word.

    The previous report is last year's (as for continuity.priorities_reported), else the
    partnership's report whose period comes last before this one's. What it carried
    forward (its planned priorities without an id, which priorities_reported cannot
    follow; or, when it planned none, its reported or current priorities not
    `achieved`) must appear here: in a priorities block with the same `id` or as a
    `previous_id`, or by its title anywhere in the text.

    passes: last year reported "Neglect" with `rating: some-progress`; this year's text
            says what happened to the neglect priority ("Neglect")
    fails:  last year reported "Neglect" with `rating: some-progress`; this year never
            mentions it
    """
    previous = context.previous
    name = context.previous_report
    if previous is None and (found := preceding_report(context)) is not None:
        previous, name = found[0].source, found[0].id
    if previous is None or not isinstance(previous.data, dict):
        return
    ids = {key for item in _items(context.data, ("reported", "current", "planned"))
           for key in (item.get("id"), item.get("previous_id")) if key}
    text = " ".join(_words(t) for _, t in context.prose)
    blocks = [path for path, block in context.blocks(PRIORITIES)
              if block.get("role") == "reported"]
    where = context.locate(blocks[0] if blocks else ("previous_report",)
                           if context.data.get("previous_report") else ())
    # What the previous report carried forward: its planned priorities when it set any
    # (those with an id are continuity.priorities_reported's), else those still open.
    planned = list(_items(previous.data, ("planned",)))
    carried = [i for i in planned if not i.get("id")] if planned else \
        [i for i in _items(previous.data, ("reported", "current"))
         if i.get("rating") not in _NOT_CARRIED]
    for item in carried:
        if item.get("id") and item["id"] in ids:
            continue
        title = _words(item.get("title"))
        if not title or title in text:
            continue
        shown = " ".join(str(item.get("title")).split())[:90]
        yield priorities_carried.finding(
            f"the priority '{shown}' of the {name} report (rated "
            f"{item.get('rating') or 'not rated'}) is not mentioned in this report", where,
            "report on it here (same `id`, or `previous_id`), or say why it was dropped")
