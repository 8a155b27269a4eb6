"""The text reporter: one `file:line:col: severity [rule] message` line per finding, then a summary
(for `check`, each document's table and verdict too: check_text.py).

Colour (through rich) only when writing to a terminal and NO_COLOR is not set.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TextIO

from ..findings import Finding, Severity, count, has_errors
from ..render.formatting import plural
from ..results import CHECK, CheckResult
from .clean import printable

STYLE_BY_SEVERITY = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.NOTE: "cyan"}


def report(result: CheckResult, out: TextIO, *, strict: bool = False) -> None:
    """`validate`: every finding and a summary line; `check`: each document's table too."""
    if result.command == CHECK:
        from .check_text import report_check

        report_check(result, out, strict=strict)
    else:
        write_findings(result.findings, out, files=len(result.files))


def write_findings(findings: Sequence[Finding], out: TextIO, *, files: int) -> None:
    """Write every finding, sorted by file and position, then one summary line."""
    findings = printable(list(findings))  # no control sequence from data in the output
    lines = [part for f in sorted(findings, key=Finding.sort_key) for part in finding_lines(f)]
    lines.append([(summary(findings, files), "bold")])
    if use_colour(out):
        _write_rich(lines, out)
    else:
        out.writelines("".join(text for text, _ in line) + "\n" for line in lines)


Line = list[tuple[str, str]]  # (text, rich style) pieces


def finding_lines(f: Finding) -> list[Line]:
    """The line for one finding, and its indented hint line when it has one."""
    head: Line = [(f"{f.location}: ", "bold"), (f.severity.value, STYLE_BY_SEVERITY[f.severity]),
                  (" ", ""), (f"[{f.rule}]", "dim"), (f" {f.message}", "")]
    return [head, [("    hint: ", "dim"), (f.hint, "")]] if f.hint else [head]


def summary(findings: Sequence[Finding], files: int) -> str:
    """'2 errors and 1 warning in 2 files', 'all 7 files are valid' (with any warnings), or
    'no files to validate'. Only errors make a file invalid: warnings are said apart."""
    if not findings and files == 0:
        return "no files to validate"
    found = (f"{' and '.join(severity_counts(findings))} in "
             f"{plural(len({f.file for f in findings}), 'file')}")
    if has_errors(findings):
        return found
    valid = "the file is valid" if files == 1 else f"all {files} files are valid"
    return f"{valid}, with {found}" if findings else valid


def severity_counts(findings: Sequence[Finding]) -> list[str]:
    """'2 errors', '1 warning', ...: each severity the findings have, counted."""
    return [plural(n, str(severity)) for severity in Severity if (n := count(findings, severity))]


def use_colour(out: TextIO) -> bool:
    isatty = getattr(out, "isatty", None)
    return bool(isatty and isatty()) and not os.environ.get("NO_COLOR")


def _write_rich(lines: list[Line], out: TextIO) -> None:
    from rich.console import Console
    from rich.text import Text

    # Text pieces, never markup: a message may contain [brackets].
    console = Console(file=out, highlight=False, soft_wrap=True)
    for line in lines:
        console.print(Text.assemble(*line))
