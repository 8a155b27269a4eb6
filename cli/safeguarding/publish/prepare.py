"""One document's front end: load → validate → check → render, to the page to publish.

It loads the document's partnership itself, and all of the partnership's files are validated
first: invalid data builds nothing. A published document (`status: published`) is refused while
it is unfinished (gate.py: an error from `check`, a figure without its image, placeholder
text); a draft, or any document built with --draft, is built as a review copy marked Draft, its
appendix showing every requirement gap. With --strict a document that fails `check` is refused.
pipeline runs this step in a child process, so that nothing it loaded stays in memory while
WeasyPrint prints.
"""

from __future__ import annotations

import gc

from ..check.compliance import CheckOptions, check_workspace, previous_report
from ..check.consistency.markup import dropped_hint, dropped_message, locate_dropped, unsafe_link
from ..errors import SafeguardingError
from ..findings import Finding, Location, Severity, count, error, has_errors, warning
from ..load import layout
from ..load.validation import validate_workspace
from ..load.workspace import load_workspace
from ..load.yamlfile import SourceFile
from ..render.assemble import Sources, assemble_context
from ..render.branding import resolve_branding
from ..render.embed import printable_fonts
from ..render.formatting import plural
from ..render.html import render_html
from ..render.markdown import Dropped
from ..results import DocumentResult, Level, Status
from ..rules import known
from .build import FAILED, INVALID, PDF, REFUSED, DocumentJob, DocumentOutcome, Failure
from .gate import is_draft, unpublishable
from .pipeline import Rendered

RULE_GAPS = known("build.requirements")
RULE_REFUSED = known("build.refused")
RULE_DROPPED = known("build.markdown")


def warm_up(printing: bool) -> None:
    """Load what every document's build needs (its libraries, the rule sets, the schemas'
    validators, the font; WeasyPrint when printing) in a process that will fork one child per
    document: each child then starts with them. Frozen: the children's collections leave
    them alone, and so do not copy them."""
    from ..check.requirements import load_rule_sets
    from ..load.layout import KINDS
    from ..load.schema_validation import load_checker
    from ..load.validation import PARTNERSHIP_SCHEMA
    from ..render.embed import font_face_css
    from ..resources import schemas_dir

    try:
        load_rule_sets()
        for schema in (PARTNERSHIP_SCHEMA, *KINDS):
            load_checker(schema, schemas_dir())
        font_face_css()
    except SafeguardingError:
        pass  # each document's build meets it again, and reports it as its own failure
    if printing:
        from ..render.pdf import warm_up as warm_up_printer

        warm_up_printer()
    gc.collect()
    gc.freeze()


def prepare_document(job: DocumentJob) -> Rendered | DocumentOutcome:
    """The page and what printing it needs, or why the document is not built (a problem the
    user can fix is an outcome here, not an exception)."""
    try:
        return _prepare(job)
    except SafeguardingError as exc:
        return DocumentOutcome(job.ref, FAILED, failure=Failure.of(exc))


def _prepare(job: DocumentJob) -> Rendered | DocumentOutcome:
    request, ref = job.request, job.ref
    ws = load_workspace([ref.path.parent.parent])
    validation = validate_workspace(ws)
    read = len(ws.files)
    if has_errors(validation):
        return DocumentOutcome(ref, INVALID, validation, read=read)
    checked = check_workspace(ws, CheckOptions(today=request.today, strict=request.strict),
                              lambda d: d.ref.path.resolve() == ref.path.resolve(),
                              validated=validation)
    findings = [f for f in checked.findings if f.severity != Severity.NOTE]
    result = next(r for r in checked.documents)
    findings += [f for f in result.findings if f.severity != Severity.NOTE]
    if request.strict and result.fails(strict=True):
        return DocumentOutcome(ref, REFUSED, [*findings, _refused(result)], read=read)
    doc = next(d for d in ws.documents if d.source.display == result.file)
    draft = request.draft or is_draft(doc.source.data)
    if not draft and (reasons := unpublishable(result, doc.source)):
        return DocumentOutcome(ref, REFUSED, list(dict.fromkeys([*findings, *reasons])),
                               read=read)
    findings += _gaps(result, draft)
    partnership = ws.partnership(doc.ref.path.parent.parent)
    assert partnership is not None  # validation guarantees a partnership.yaml
    branding, found = resolve_branding(partnership.source)
    findings += found
    context = assemble_context(Sources(doc, partnership, result, branding,
                                       previous_report(ws, doc), draft))
    page = render_html(context, partnership.folder)
    # `check`'s markdown.unsafe_link has already reported, at the same place, what its own
    # rule found: say it once. What only the build found is still reported.
    reported = {f.location for f in findings if f.rule == unsafe_link.id}
    findings += [f for f in (_dropped(d, doc.source) for d in context.md.dropped)
                 if f.location not in reported]
    names = {uri: path for path, uri in context.figure_uris.items()}
    if context.logo_uri and branding.logo:
        names[context.logo_uri] = branding.logo
    printable = printable_fonts(page) if PDF in request.formats else ""
    return Rendered(page, printable, partnership.folder, result.file, names,
                    list(dict.fromkeys(findings)), _facts(doc.source.data, ref), read)


def _facts(data: dict, ref: layout.DocumentRef) -> dict[str, object]:
    """What the manifest says of a document: its kind, id, title, status and period."""
    if ref.kind == layout.YEARLY_REPORT:
        period = data.get("reporting_period") or {}
        start, end = period.get("start"), period.get("end")
    else:  # arrangements apply from when they take effect (or are published) until replaced
        start = next((data[k] for k in ("effective_from", "published", "published_month")
                      if data.get(k)), None)
        end = None
    return {"kind": ref.kind, "id": ref.id, "title": data.get("title", ""),
            "status": data.get("status", ""),
            "period": {"start": start and str(start), "end": end and str(end)}}


def _gaps(result: DocumentResult, draft: bool) -> list[Finding]:
    gaps = [c for c in result.requirements if c.status is not Status.MET and c.level != "note"]
    if not gaps:
        return []
    what = "requirement is" if len(gaps) == 1 else "requirements are"
    # A published document does not show its gaps to its readers: the review document does.
    built = "the draft is built and its appendix shows what is missing" if draft else \
        "the document is built; its readers are not shown the gaps"
    return [warning(RULE_GAPS, f"{len(gaps)} Working Together {what} not fully met; {built}",
                    Location(result.file), "run `safeguarding check` for the details, or "
                    "`safeguarding check --format html --out DIR` for the review document")]


def _refused(result: DocumentResult) -> Finding:
    gaps = [c.id for c in result.requirements
            if c.level in (Level.MUST, Level.SHOULD) and c.status is not Status.MET]
    errors = count(result.findings)
    why = [f"{plural(len(gaps), 'must- or should-level requirement')} not fully met"
           f" ({', '.join(gaps[:4])}{', …' if len(gaps) > 4 else ''})"] if gaps else []
    why += [plural(errors, "error")] if errors else []
    return error(RULE_REFUSED, f"not built, because of --strict: {' and '.join(why)}",
                 Location(result.file), "run `safeguarding check --strict` for the details")


def _dropped(dropped: Dropped, source: SourceFile) -> Finding:
    return warning(RULE_DROPPED, dropped_message(dropped, "was"),
                   locate_dropped(source, dropped), dropped_hint(dropped))
