"""The json reporter: one object with every finding, for tools and editors."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any, TextIO

from ..findings import Finding
from .clean import encodable, printable


def finding_dict(f: Finding) -> dict[str, Any]:
    """A finding as JSON; line and column are null when unknown."""
    return {"rule": f.rule, "severity": f.severity.value, "message": f.message,
            "hint": f.hint, "file": f.file, "line": f.line or None, "column": f.column or None}


def report(findings: Sequence[Finding], out: TextIO, *, files: int,
           extra: Mapping[str, Any] | None = None) -> None:
    """Write {"findings": [...], "files": N, **extra} as indented JSON."""
    findings = printable(list(findings))  # no control sequence from data in the output
    document = {"findings": [finding_dict(f) for f in sorted(findings, key=Finding.sort_key)],
                "files": files, **(extra or {})}
    write_json(document, out)


def write_json(document: Any, out: TextIO) -> None:
    """Indented JSON and a newline; text stays readable (not \\u-escaped) yet always UTF-8."""
    out.write(encodable(json.dumps(document, indent=2, ensure_ascii=False)) + "\n")
