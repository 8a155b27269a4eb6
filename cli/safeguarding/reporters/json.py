"""The json reporter: one object with every finding, for tools and editors (for `check`, with
each document's requirements: check_json.py)."""

from __future__ import annotations

import json
from typing import Any, TextIO

from ..findings import Finding
from ..results import CHECK, CheckResult
from .clean import encodable


def finding_dict(f: Finding) -> dict[str, Any]:
    """A finding as JSON; line and column are null when unknown."""
    return {"rule": f.rule, "severity": f.severity.value, "message": f.message,
            "hint": f.hint, "file": f.file, "line": f.line or None, "column": f.column or None}


def report(result: CheckResult, out: TextIO, *, strict: bool = False) -> None:
    """`validate`: {"findings": [...], "files": N}; `check`: {"documents": [...], ...}."""
    if result.command == CHECK:
        from .check_json import report_check

        report_check(result, out, strict=strict)
        return
    findings = sorted(result.findings, key=Finding.sort_key)
    write_json({"findings": [finding_dict(f) for f in findings], "files": len(result.files)},
               out)


def write_json(document: Any, out: TextIO) -> None:
    """Indented JSON and a newline; text stays readable (not \\u-escaped) yet always UTF-8."""
    out.write(encodable(json.dumps(document, indent=2, ensure_ascii=False)) + "\n")
