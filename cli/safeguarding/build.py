"""`build-report`: load, validate and check the chosen documents together, then render →
print → publish each in turn.

Invalid input builds nothing. A published document (`status: published`) is refused while
it is unfinished (publishing.py: an error from `check`, a figure without its image, placeholder
text); a draft, or any document built with --draft, is built as a review copy marked Draft, its
appendix showing every requirement gap. With --strict a document that fails `check` is refused.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from . import layout
from .assemble import Sources, assemble_context
from .branding import resolve_branding
from .checks.markup import dropped_hint, dropped_message, locate_dropped, unsafe_link
from .compliance import CheckOptions, check_workspace, previous_report
from .errors import UsageError
from .findings import Finding, Location, Severity, error, has_errors, warning
from .formatting import plural
from .markdown import Dropped
from .publish import publish_document, write_index
from .publishing import is_draft, unpublishable
from .render import render_html
from .results import DocumentResult, Level, Status
from .rules import known
from .selection import partnership_folder, partnerships_root
from .validation import validate_workspace
from .workspace import Document, Workspace, load_workspace
from .yamlfile import SourceFile

HTML, PDF = "html", "pdf"
RULE_GAPS = known("build.requirements")
RULE_REFUSED = known("build.refused")
RULE_DROPPED = known("build.markdown")


@dataclass(frozen=True)
class BuildRequest:
    root: Path
    partnership: str | None  # None: every partnership under root (--all)
    documents: tuple[str, ...] = ()
    formats: tuple[str, ...] = (HTML, PDF)
    out: Path = Path("output")
    strict: bool = False
    draft: bool = False  # build every document as a review copy, finished or not
    today: date = field(default_factory=date.today)


@dataclass
class BuildOutcome:
    """What was built, and every finding; failed when input was invalid or a build refused.

    `check`'s own errors (a total that does not add up) refuse a published document; in a
    draft they are shown but do not fail the build: it is printed as its authors wrote it.
    """

    findings: list[Finding] = field(default_factory=list)
    built: list[Path] = field(default_factory=list)
    failed: bool = False
    read: int = 0  # the input files read: partnership.yaml and the documents


def build_reports(request: BuildRequest) -> BuildOutcome:
    """Build the requested documents; the findings and the files written."""
    refs = select_refs(request)
    _check_output_folder(request)
    ws = load_workspace([request.root / request.partnership if request.partnership
                         else request.root])
    validation = validate_workspace(ws)
    if has_errors(validation):
        return BuildOutcome(findings=validation, failed=True, read=len(ws.files))
    wanted = {r.path.resolve() for r in refs}
    checked = check_workspace(ws, CheckOptions(today=request.today, strict=request.strict),
                              lambda d: d.ref.path.resolve() in wanted, validated=validation)
    outcome = BuildOutcome(findings=[f for f in checked.findings if f.severity != Severity.NOTE],
                           read=len(ws.files))
    try:
        for result in checked.documents:
            outcome.findings += [f for f in result.findings if f.severity != Severity.NOTE]
            if request.strict and result.fails(strict=True):
                outcome.findings.append(_refused(result))
                outcome.failed = True
                continue
            draft = request.draft or is_draft(_document(ws, result).source.data)
            if not draft and (reasons := unpublishable(result, _document(ws, result).source)):
                outcome.findings += reasons
                outcome.failed = True
                continue
            outcome.findings += _gaps(result, draft)
            outcome.built += build_document(ws, result, request, outcome.findings, draft)
    finally:  # a document that cannot be written must not hide the ones that were
        if outcome.built:
            write_index(request.out)
    outcome.findings = list(dict.fromkeys(outcome.findings))  # partnership.yaml's, once
    return outcome


def select_refs(request: BuildRequest) -> list[layout.DocumentRef]:
    """The documents asked for: named ones, else the latest yearly report (or arrangements)."""
    if request.partnership is None:
        refs = [r for folder in layout.partnership_dirs(partnerships_root(request.root))
                for r in layout.document_refs(folder)]
        if not refs:  # most likely the wrong --root: say so rather than build nothing quietly
            raise UsageError(f"there are no documents to build in {request.root} (use --root DIR)")
        return refs
    folder = partnership_folder(request.root, request.partnership)
    if request.documents:
        return [layout.select_document(folder, d) for d in request.documents]
    if not layout.document_refs(folder):
        raise UsageError(f"{request.partnership} has no documents: add a yearly report as "
                         "reports/<YYYY-YY>.yaml or arrangements as arrangements/<YYYY-MM>.yaml")
    reports = [r for r in layout.document_refs(folder) if r.kind == layout.YEARLY_REPORT]
    return [reports[-1] if reports else layout.select_document(folder, layout.ARRANGEMENTS)]


def _check_output_folder(request: BuildRequest) -> None:
    """Output never goes inside the partnerships folder: among a partnership's files, or as a
    new folder that the next `validate` would take for a partnership without its file."""
    out, root = Path(os.path.realpath(request.out)), Path(os.path.realpath(request.root))
    if out.is_relative_to(root):
        raise UsageError(f"--out {request.out} is inside the partnerships folder {request.root}, "
                         "among the partnerships' own files; choose a folder outside it, "
                         "such as output/")


def _document(ws: Workspace, result: DocumentResult) -> Document:
    return next(d for d in ws.documents if d.source.display == result.file)


def build_document(ws: Workspace, result: DocumentResult, request: BuildRequest,
                   findings: list[Finding], draft: bool = False) -> list[Path]:
    """Render (and print) one checked document, then publish its files together."""
    doc = _document(ws, result)
    partnership = ws.partnership(doc.ref.path.parent.parent)
    assert partnership is not None  # validation guarantees a partnership.yaml
    branding, found = resolve_branding(partnership.source)
    findings += found
    sources = Sources(doc, partnership, result, branding, previous_report(ws, doc), draft)
    context = assemble_context(sources)
    page = render_html(context, partnership.folder)
    # `check`'s markdown.unsafe_link has already reported, at the same place, what its own
    # rule found: say it once. What only the build found is still reported.
    reported = {f.location for f in findings if f.rule == unsafe_link.id}
    findings += [f for f in (_dropped(d, doc.source) for d in context.md.dropped)
                 if f.location not in reported]
    files = {HTML: page.encode("utf-8")} if HTML in request.formats else {}
    if PDF in request.formats:
        from .pdf import print_pdf  # imports WeasyPrint: only when a PDF is wanted

        names = {uri: path for path, uri in context.figure_uris.items()}
        if context.logo_uri and branding.logo:
            names[context.logo_uri] = branding.logo
        printed = print_pdf(page, partnership.folder, result.file, names, request.today)
        findings += printed.findings
        files[PDF] = printed.content
    return publish_document(request.out, doc.ref, files)


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
    errors = sum(f.severity is Severity.ERROR for f in result.findings)
    why = [f"{plural(len(gaps), 'must- or should-level requirement')} not fully met"
           f" ({', '.join(gaps[:4])}{', …' if len(gaps) > 4 else ''})"] if gaps else []
    why += [plural(errors, "error")] if errors else []
    return error(RULE_REFUSED, f"not built, because of --strict: {' and '.join(why)}",
                 Location(result.file), "run `safeguarding check --strict` for the details")


def _dropped(dropped: Dropped, source: SourceFile) -> Finding:
    return warning(RULE_DROPPED, dropped_message(dropped, "was"),
                   locate_dropped(source, dropped), dropped_hint(dropped))
