"""Validate a loaded workspace: loading findings, then schemas, then cross-file integrity."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from ..results import VALIDATE, CheckResult
from .integrity import check_integrity
from .schema_validation import validate_source
from .workspace import Workspace
from .yamlfile import SourceFile

PARTNERSHIP_SCHEMA = "partnership"


def validate_workspace(ws: Workspace) -> list[Finding]:
    """Every finding about the workspace, sorted by file and position."""
    findings = list(ws.findings)
    valid: set[str] = set()
    for source, schema in iter_sources(ws):
        findings += source.findings  # the loader's warnings: they leave the file valid
        found = validate_source(source, schema)
        findings += found
        if not found:
            valid.add(source.display)
    # Integrity code walks the data trusting its shape, so it sees schema-valid files only.
    findings += check_integrity(ws, valid)
    return sorted(dict.fromkeys(findings), key=Finding.sort_key)


def validate_result(ws: Workspace) -> CheckResult:
    """`validate`'s result: the findings and the files read, as every reporter takes it."""
    return CheckResult(findings=validate_workspace(ws), files=list(ws.files), command=VALIDATE,
                       texts=dict(ws.texts))


def iter_sources(ws: Workspace) -> Iterator[tuple[SourceFile, str]]:
    """Each loaded file with the name of the schema it must meet."""
    for partnership in ws.partnerships:
        if partnership.source is not None:
            yield partnership.source, PARTNERSHIP_SCHEMA
    for doc in ws.documents:
        yield doc.source, doc.ref.kind
