"""The json reporter: one object with every finding, for tools and editors."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any, TextIO

from ..findings import Finding


def finding_dict(f: Finding) -> dict[str, Any]:
    """A finding as JSON; line and column are null when unknown."""
    return {"rule": f.rule, "severity": f.severity.value, "message": f.message,
            "hint": f.hint, "file": f.file, "line": f.line or None, "column": f.column or None}


def report(findings: Sequence[Finding], out: TextIO, *, files: int,
           extra: Mapping[str, Any] | None = None) -> None:
    """Write {"findings": [...], "files": N, **extra} as indented JSON."""
    document = {"findings": [finding_dict(f) for f in sorted(findings, key=Finding.sort_key)],
                "files": files, **(extra or {})}
    json.dump(document, out, indent=2, ensure_ascii=False)
    out.write("\n")
