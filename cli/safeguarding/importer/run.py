"""`safeguarding import FILE --partnership SLUG`: read, structure, suggest, write, report."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..check.edition import in_force_on
from ..commands.scaffold import SCHEMA_BY_KIND, document_text, partnership_text, rule_set, titled
from ..errors import InputError, UsageError
from ..findings import Finding, has_errors, note, warning
from ..load import layout
from ..load.schema_validation import validate_source
from ..load.yamlfile import SourceFile, load_yaml_text
from ..rules import known
from .dating import first_day, guess_id, reporting_period, stated_period
from .model import Extracted
from .partners import recognise_partners
from .structure import Built, Note, build_sections
from .suggest import Suggester, missing, suggest_sections
from .write import refuse_existing, write_all

READERS = {".docx": "docx", ".pdf": "pdf"}
_PARTNERSHIP_NAME = re.compile(r"\b([A-Z][\w'’]*(?: [A-Z][\w'’]*)* Safeguarding(?: [A-Z]\w*)* "
                               r"Partnership)\b")
RULE_SUGGESTED = known("import.suggested_covers")
RULE_DATE = known("import.date_not_found")
RULE_TITLE = known("import.title_not_found")
RULE_PERIOD = known("import.period_assumed")
RULE_PARTNER_MISSING = known("import.partner_not_recognised")
RULE_PARTNERS_FOUND = known("import.partners_recognised")
RULE_NAME = known("import.name_not_found")
_NOTE = ("Imported by `safeguarding import` from {source}.\n"
         "Check it against the original, confirm the suggested requirements (the\n"
         "`# suggested covers:` comments) and run `safeguarding check`.")


@dataclass(frozen=True)
class ImportRequest:
    file: Path
    root: Path
    slug: str
    kind: str
    doc_id: str | None


def read(path: Path) -> Extracted:
    """The items of a .docx or .pdf file."""
    kind = READERS.get(path.suffix.lower())
    if kind is None:
        raise UsageError(f"'{path}' is not a .docx or .pdf file",
                         hint="save the document from Word as .docx, or export it as PDF")
    if not path.is_file():
        raise InputError(f"there is no file '{path}'")
    if kind == "docx":
        from .read_docx import read_docx
        return read_docx(path)
    from .read_pdf import read_pdf
    return read_pdf(path)


def import_document(request: ImportRequest, today: date) -> tuple[list[Path], list[Finding],
                                                                  list[str]]:
    """Write the new files; what was written, the findings and the summary lines."""
    if not layout.SLUG_PATTERN.match(request.slug):
        raise UsageError(f"'{request.slug}' cannot be a partnership's folder name: use "
                         f"lower-case letters, digits and hyphens, e.g. "
                         f"'{layout.suggested_slug(request.slug)}'")
    extracted = read(request.file)
    folder = request.root / request.slug
    texts = [extracted.title, *(getattr(i, "text", "") for i in extracted.items[:40])]
    doc_id = request.doc_id or guess_id(request.kind, texts)
    notes: list[Note] = []
    if request.doc_id is None and doc_id is None:
        doc_id = f"{today:%Y-%m}" if request.kind == layout.ARRANGEMENTS else \
            f"{today.year - 1}-{today.year % 100:02d}"
        notes.append(Note(RULE_DATE, f"no date was found to name the document; "
                          f"it was named {doc_id}", (), "rename the file, or import again "
                          "with --id"))
    assert doc_id is not None
    problem = layout.id_problem(layout.DocumentRef(request.slug, request.kind, doc_id,
                                                   Path(f"{doc_id}.yaml")))
    if problem:
        raise UsageError(f"--id {doc_id}: {problem}")
    path = layout.document_path(folder, request.kind, doc_id)
    built = build_sections(extracted, f"{request.kind}-{doc_id}")
    data = _document(request, extracted, built, doc_id, notes)
    edition = data["edition"]
    suggester = Suggester(rule_set(request.kind, edition))
    suggestions = dict(suggest_sections(data["sections"], suggester))
    text = _with_suggestions(document_text(path, request.kind, data, _NOTE.format(
        source=request.file.name), blocks=True), path, suggestions)
    files = {path: text}
    findings: list[Finding] = []
    if not layout.exists(layout.partnership_file(folder)):
        files[layout.partnership_file(folder)], findings = _partnership(folder, extracted)
    assets = {layout.assets_dir(folder) / name: blob for name, blob in built.images.items()}
    refuse_existing([*files, *assets])
    source = _checked(text, path, request.kind)
    written = write_all(files, assets)
    findings += _findings(source, built.notes + notes, suggestions)
    gaps = missing(suggester, list(suggestions.values()))
    summary = [f"No section looks like it meets these requirements of {suggester.title}; "
               "write them, or confirm where the document meets them:",
               *(f"  looks missing: {r.id} ({r.title})" for r in gaps)] if gaps else []
    return written, findings, summary


def _document(request: ImportRequest, extracted: Extracted, built: Built, doc_id: str,
              notes: list[Note]) -> dict[str, Any]:
    title = extracted.title
    if not title:
        title = titled(layout.suggested_slug(request.file.stem))
        notes.append(Note(RULE_TITLE, "the document's title was not found; it "
                          "was taken from the file name", ("title",), "write the title as "
                          "printed on the cover"))
    data: dict[str, Any] = {"partnership": request.slug, "title": title, "status": "draft",
                            "edition": in_force_on(first_day(doc_id, request.kind))}
    if request.kind == layout.YEARLY_REPORT:
        stated = stated_period([title, *(getattr(i, "text", "") for i in extracted.items[:40])])
        data["reporting_period"] = stated or reporting_period(doc_id)
        if stated is None:
            notes.append(Note(RULE_PERIOD, "the report states no period; it was "
                              "taken to be 1 April to 31 March of the year in the file name",
                              ("reporting_period",), "check it against the report"))
    data["sections"] = built.sections or [{"title": "Text", "body": "[Nothing was imported]"}]
    return data


def _partnership(folder: Path, extracted: Extracted) -> tuple[str, list[Finding]]:
    """A new partnership's file, with the partners the document names; what to check."""
    texts = [extracted.title, *(getattr(i, "text", "") for i in extracted.items)]
    found = next((m.group(1) for t in texts[:60] if (m := _PARTNERSHIP_NAME.search(t))), None)
    area = titled(folder.name)
    partners, missing_roles = recognise_partners(texts)
    path = layout.partnership_file(folder)
    text = partnership_text(path, found or f"{area} Safeguarding Children Partnership", area,
                            {"partners": partners} if partners else None)
    source = load_yaml_text(text, str(path))
    assert isinstance(source, SourceFile)
    findings = [warning(RULE_PARTNER_MISSING, f"no {role.replace('-', ' ')} partner "
                        "was recognised in the document", source.locate(("partners",)),
                        "add it under `partners:` (see the example at the end of the file)")
                for role in missing_roles]
    if partners:
        findings.append(note(RULE_PARTNERS_FOUND, "the partners were taken from the "
                             "names the document gives", source.locate(("partners",)),
                             "check each one, and add its lead and delegated representatives"))
    if found is None:
        findings.append(warning(RULE_NAME, "the partnership's name was not found; "
                                "it was made from the folder name", source.locate(("name",)),
                                "write its full name as the documents give it"))
    return text, findings


def _with_suggestions(text: str, path: Path, suggestions: dict[Any, list[str]]) -> str:
    """The YAML with a `# suggested covers: [...]` comment above each section's title."""
    source = load_yaml_text(text, str(path))
    if isinstance(source, Finding):
        raise AssertionError(source.message)  # dump_yaml always writes readable YAML
    lines = text.split("\n")
    for where, ids in sorted(suggestions.items(), key=lambda kv: -source.locate(
            (*kv[0], "title"), key=True).line):
        at = source.locate((*where, "title"), key=True)
        lines.insert(at.line - 1, f"{' ' * (at.column - 1)}# suggested covers: "
                                  f"[{', '.join(ids)}]")
    return "\n".join(lines)


def _checked(text: str, path: Path, kind: str) -> SourceFile:
    """The new file as loaded; it must validate before anything is written."""
    source = load_yaml_text(text, str(path), path)
    if isinstance(source, Finding):
        raise AssertionError(source.message)
    problems = validate_source(source, SCHEMA_BY_KIND[kind])
    if problems:
        raise AssertionError(f"the imported document does not validate: {problems[0]}")
    return source


def _findings(source: SourceFile, notes: list[Note], suggestions: dict[Any, list[str]]
              ) -> list[Finding]:
    found = [warning(n.rule, n.message, source.locate(n.path), n.hint) for n in notes]
    found += [note(RULE_SUGGESTED, f"suggested: {', '.join(ids)}",
                   source.locate((*where, "title")),
                   "confirm: write the ids this section meets in `covers:`, then delete "
                   "the comment") for where, ids in suggestions.items()]
    return found


def run_import(request: ImportRequest) -> int:
    """The command: import, list the findings and what was written; the exit code."""
    from ..reporters.text import write_findings

    written, findings, summary = import_document(request, date.today())
    write_findings(findings, sys.stdout, files=1)
    for line in summary:
        print(line)
    for path in written:
        print(f"created {path}")
    print(f"next: check {written[0]} against the original, confirm the suggested requirements, "
          f"then run `safeguarding check {request.slug}`")
    return 1 if has_errors(findings) else 0

