"""`check` as JSON: {"documents": [...]}, each finding as the `json` reporter writes it."""

from __future__ import annotations

from typing import Any, TextIO

from ..check.review_record import record_hint
from ..findings import Finding
from ..results import CheckResult, DocumentResult, Status
from .clean import printable
from .json import finding_dict, write_json


def report_check(result: CheckResult, out: TextIO, *, strict: bool = False) -> None:
    """Write the result as indented JSON."""
    result = printable(result)  # no control sequence from data in the output
    document: dict[str, Any] = {
        "documents": [document_dict(d, strict) for d in result.documents],
        "findings": _findings(result.findings),  # about files that are not documents
        "passed": not result.fails(strict),
    }
    write_json(document, out)


def document_dict(doc: DocumentResult, strict: bool = False) -> dict[str, Any]:
    """partnership, document, kind, edition, requirements and findings (plus a few extras)."""
    return {
        "partnership": doc.partnership, "document": doc.document, "kind": doc.kind,
        "edition": doc.edition, "title": doc.title, "file": doc.file,
        "edition_reason": doc.edition_reason, "checked": doc.checked,
        "passed": not doc.fails(strict),
        "requirements": [{"id": c.id, "level": c.level.value, "status": c.shown_status,
                          "sections": list(c.sections), "evidence": list(c.evidence),
                          "title": c.title, "elements": [
                              {"id": e.id, "title": e.title, "status": e.status,
                               "found": e.found} for e in c.elements],
                          "review": c.review, "text_hash": c.text_hash,
                          # The YAML to record a reader's verdict, as every format says it.
                          "to_record": record_hint(doc, c)
                          if c.status is Status.NEEDS_REVIEW else ""}
                         for c in doc.requirements],
        "findings": _findings(doc.findings),
    }


def _findings(findings: list[Finding]) -> list[dict[str, Any]]:
    return [finding_dict(f) for f in sorted(findings, key=Finding.sort_key)]
