"""GitHub Actions workflow commands: one `::error file=...,line=...::message` line per problem."""

from __future__ import annotations

from typing import TextIO

from ..check.compliance import gap_findings
from ..findings import Finding, Severity
from ..results import CheckResult
from .clean import encodable, printable

COMMAND_BY_SEVERITY = {Severity.ERROR: "error", Severity.WARNING: "warning",
                       Severity.NOTE: "notice"}


def _escape(text: str, is_property: bool = False) -> str:
    # As @actions/core escapes: data %, CR and LF; a property also ':' and ','.
    text = encodable(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if is_property else text


def annotation(f: Finding) -> str:
    """One workflow command; GitHub shows it on the file's line in the pull request."""
    props = [f"file={_escape(f.file, True)}"]
    if f.line:
        props += [f"line={f.line}", f"col={f.column or 1}"]
    props.append(f"title={_escape(f.rule, True)}")
    message = f.message + (f" ({f.hint})" if f.hint else "")
    return f"::{COMMAND_BY_SEVERITY[f.severity]} {','.join(props)}::{_escape(message)}"


def report(result: CheckResult, out: TextIO, *, strict: bool = False) -> None:
    """Annotations for every finding and every requirement gap."""
    result = printable(result)  # no control sequence from data in the output
    findings = list(result.findings)
    for doc in result.documents:
        findings += doc.findings + gap_findings(doc, strict)
    out.writelines(annotation(f) + "\n" for f in sorted(findings, key=Finding.sort_key))
