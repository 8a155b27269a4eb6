"""`check`: validate, then measure each valid document against its edition's rule set.

    load (workspace) → validate → for each valid document: choose the edition,
    cover every requirement, run the consistency checks → CheckResult

Invalid documents (and documents of an invalid partnership.yaml) keep their validation
findings and are not checked further: their data cannot be trusted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from ..findings import Finding, Location, Severity, error, has_errors
from ..load.layout import ARRANGEMENTS, YEARLY_REPORT, year_before
from ..load.validation import validate_workspace
from ..load.workspace import Document, Workspace
from ..load.yamlfile import SourceFile
from ..results import CheckResult, Coverage, DocumentResult, Level, Status
from ..rules import known
from .consistency import CheckContext, run_checks
from .consistency.check_context import SeriesEntry
from .coverage import assess_coverage
from .edition import EDITION_NAMES, choose_edition
from .requirements import COMING, RuleSets, load_rule_sets
from .review_record import record_hint

RULE_NO_RULE_SET = known("requirements.missing")


@dataclass(frozen=True)
class CheckOptions:
    """What the user asked for: an edition to force, the date to check against, strictness."""

    today: date
    edition: str | None = None
    strict: bool = False


def check_workspace(ws: Workspace, options: CheckOptions,
                    selected: Callable[[Document], bool] = lambda _: True,
                    rule_sets: RuleSets | None = None,
                    validated: list[Finding] | None = None) -> CheckResult:
    """Validate the workspace (unless its findings are given) and check each selected one."""
    rule_sets = rule_sets or load_rule_sets()
    by_file: dict[str, list[Finding]] = {}
    for finding in validate_workspace(ws) if validated is None else validated:
        by_file.setdefault(finding.file, []).append(finding)
    documents = [d for d in ws.documents if selected(d)]
    doc_files = {d.source.display for d in ws.documents}
    siblings = _siblings(ws)  # once: looking them up per document was quadratic
    result = CheckResult(findings=list(rule_sets.findings), texts={**rule_sets.texts, **ws.texts})
    result.findings += [f for file, found in by_file.items() if file not in doc_files
                        for f in found]
    for doc in documents:
        partnership = _partnership_source(ws, doc)
        own = by_file.get(doc.source.display, [])
        broken = has_errors(own) or (partnership is not None
                                     and has_errors(by_file.get(partnership.display, [])))
        if broken:
            result.documents.append(_unchecked(doc, own, options))
            continue
        checked = check_document(doc, partnership, previous_report(ws, doc, siblings),
                                 rule_sets, options, _series(siblings, doc))
        checked.findings = sorted(own + checked.findings, key=Finding.sort_key)
        result.documents.append(checked)
    return result


def check_document(doc: Document, partnership: SourceFile | None, previous: Document | None,
                   rule_sets: RuleSets, options: CheckOptions,
                   series: tuple[SeriesEntry, ...] = ()) -> DocumentResult:
    """One schema-valid document against the rule set of its edition."""
    data, kind = doc.source.data, doc.ref.kind
    choice = choose_edition(doc.source, kind, options.today, options.edition)
    result = DocumentResult(doc.ref.slug, doc.ref.id, kind, choice.edition, doc.source.display,
                            data.get("title", ""), edition_reason=choice.reason)
    rule_set = rule_sets.get(kind, choice.edition)
    if rule_set is None:
        result.findings.append(error(RULE_NO_RULE_SET, f"there is no rule set for {kind} under "
                                     f"{choice.edition}", doc.source.locate(())))
        return result
    facts = partnership.data if partnership else None
    others = _other_kind_ids(rule_sets, kind)
    covered = assess_coverage(rule_set, data, facts, doc.source.locate, others)
    result.requirements = covered.requirements
    result.reviews_at = reviews_at(doc.source)
    coming = rule_sets.get(kind, COMING) if kind == ARRANGEMENTS else None
    if coming:
        result.requirements += assess_coverage(coming, data, facts).requirements
    context = CheckContext(doc.source, kind, choice.edition, options.today, partnership,
                           previous.source if previous else None,
                           previous.ref.id if previous else _previous_id(doc),
                           frozenset(rule_sets.known_ids()), doc.ref.id, series, rule_sets)
    result.findings = sorted([*choice.findings, *covered.findings,
                              *run_checks(context, rule_set.checks)], key=Finding.sort_key)
    return result


def reviews_at(source: SourceFile) -> tuple[int, int] | None:
    """The line of the document's `reviews:` and the column of its items' dashes (as the
    file writes them, for a pasted review to line up), or None when it has no reviews."""
    data = source.data
    if not isinstance(data, dict) or "reviews" not in data:
        return None
    line = source.locate(("reviews",), key=True).line
    first = source.locate(("reviews", 0))
    text = source.text.splitlines()
    row = text[first.line - 1] if data["reviews"] and 0 < first.line <= len(text) else ""
    dash = row.rfind("-", 0, max(first.column - 1, 0))
    return line, dash if dash >= 0 else 2


def _other_kind_ids(rule_sets: RuleSets, kind: str) -> frozenset[str]:
    """Requirement ids of other kinds of document only: naming one in `covers` is an error."""
    own = {r.id for rs in rule_sets.by_key.values() if rs.kind == kind for r in rs.requirements}
    return frozenset(r.id for rs in rule_sets.by_key.values() if rs.kind != kind
                     for r in rs.requirements) - own


def gap_findings(doc: DocumentResult, strict: bool = False) -> list[Finding]:
    """Each requirement not met, as a finding under the requirement's id (for CI formats)."""
    return [f for c in doc.requirements if (f := gap_finding(doc, c, strict)) is not None]


def gap_finding(doc: DocumentResult, c: Coverage, strict: bool = False) -> Finding | None:
    """One requirement not met as a finding, or None when it is met.

    A missing must is an error; any other must or should gap is a warning, or an error
    with --strict; expected-level gaps and coming duties are notes. A requirement that
    waits only for a reader's judgement is a note that says how to record the review.
    """
    if c.status is Status.MET:
        return None
    where = f" (in {', '.join(c.sections)})" if c.sections else ""
    if c.coming:
        # Not law yet, and not Working Together's: name the Act, and never say "missing".
        state = "only thinly covered so far" if c.status is Status.PARTIAL else "not covered yet"
        return Finding(c.id, Severity.NOTE, f"coming duty ({c.source}), not yet in force: "
                       f"'{c.title}' is {state}{where}", Location(doc.file), c.description)
    edition = EDITION_NAMES.get(doc.edition, doc.edition)
    if c.status is Status.NEEDS_REVIEW:
        return Finding(c.id, Severity.NOTE,
                       f"{c.level.value}-level requirement '{c.title}' needs a reader's "
                       f"judgement{where}: {'; '.join(c.to_judge)}",
                       Location(doc.file), record_hint(doc, c))
    what = "missing" if c.status is Status.MISSING else "only partly met"
    lacking = f"; not shown: {'; '.join(c.missing_elements)}" \
        if c.status is Status.PARTIAL and c.missing_elements else ""
    return Finding(c.id, _gap_severity(c.level, c.status, strict),
                   f"{c.level.value}-level requirement '{c.title}' is {what}{where} under "
                   f"{edition}{lacking}", Location(doc.file), c.description)


def _gap_severity(level: Level, status: Status, strict: bool) -> Severity:
    if level is Level.MUST and status is Status.MISSING:
        return Severity.ERROR
    if level in (Level.MUST, Level.SHOULD):
        return Severity.ERROR if strict else Severity.WARNING
    return Severity.NOTE


def _unchecked(doc: Document, findings: list[Finding], options: CheckOptions) -> DocumentResult:
    """A document that did not pass validation: its findings, no coverage."""
    data = doc.source.data if isinstance(doc.source.data, dict) else {}
    title = data.get("title") if isinstance(data.get("title"), str) else ""
    edition = choose_edition(doc.source, doc.ref.kind, options.today, options.edition).edition \
        if data else ""
    return DocumentResult(doc.ref.slug, doc.ref.id, doc.ref.kind, edition, doc.source.display,
                          title or "", findings=findings, checked=False)


Siblings = dict[tuple[str, str], list[Document]]


def _siblings(ws: Workspace) -> Siblings:
    """The workspace's documents by partnership and kind, in the workspace's order."""
    grouped: Siblings = {}
    for doc in ws.documents:
        grouped.setdefault((doc.ref.slug, doc.ref.kind), []).append(doc)
    return grouped


def _series(siblings: Siblings, doc: Document) -> tuple[SeriesEntry, ...]:
    """The partnership's documents of the same kind, this one included, for the
    cross-document checks (reports following each other, the current arrangements)."""
    return tuple(SeriesEntry(other.ref.id, other.source)
                 for other in siblings.get((doc.ref.slug, doc.ref.kind), ())
                 if other.ref.path.parent == doc.ref.path.parent
                 and isinstance(other.source.data, dict))


def _partnership_source(ws: Workspace, doc: Document) -> SourceFile | None:
    found = ws.partnership(doc.ref.path.parent.parent)
    return found.source if found else None


def previous_report(ws: Workspace, doc: Document,
                    siblings: Siblings | None = None) -> Document | None:
    """Last year's report: the one a yearly report names in `previous_report`, else the
    partnership's report for the year before, if there is one; never itself or a later one.
    `siblings` (from _siblings) saves walking the workspace for each of many documents."""
    wanted = _previous_id(doc)
    if not wanted or wanted >= doc.ref.id:
        return None
    reports = (siblings if siblings is not None else _siblings(ws)).get(
        (doc.ref.slug, YEARLY_REPORT), ())
    return next((other for other in reports
                 if other.ref.id == wanted and isinstance(other.source.data, dict)), None)


def _previous_id(doc: Document) -> str:
    data = doc.source.data
    if doc.ref.kind != YEARLY_REPORT or not isinstance(data, dict):
        return ""
    if data.get("previous_report"):
        return str(data["previous_report"])
    return year_before(doc.ref.id) or ""  # a misnamed file has none: validate says so
