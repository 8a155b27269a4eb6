"""The text and json reporters."""

from __future__ import annotations

import io
import json

import pytest

from safeguarding.findings import Finding, Location, error, warning
from safeguarding.reporters import reporter
from safeguarding.reporters.text import summary
from safeguarding.results import VALIDATE, CheckResult

FINDINGS = [
    error("schema", "unknown field 'x' [sic]", Location("b.yaml", 3, 5), "allowed: y"),
    error("yaml", "duplicate key 'a'", Location("a.yaml", 2, 1)),
]


def validated(findings: list[Finding], files: int) -> CheckResult:
    return CheckResult(findings=findings, files=[f"{n}.yaml" for n in range(files)],
                       command=VALIDATE)


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_text_sorts_by_file_and_ends_with_a_summary() -> None:
    out = io.StringIO()
    reporter("text")(validated(FINDINGS, 5), out)
    assert out.getvalue() == (
        "a.yaml:2:1: error [yaml] duplicate key 'a'\n"
        "b.yaml:3:5: error [schema] unknown field 'x' [sic]\n"
        "    hint: allowed: y\n"
        "2 errors in 2 files\n")


def test_text_uses_colour_on_a_terminal_unless_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    coloured = Terminal()
    reporter("text")(validated(FINDINGS, 5), coloured)
    assert "\x1b[" in coloured.getvalue() and "[sic]" in coloured.getvalue()
    monkeypatch.setenv("NO_COLOR", "1")
    plain = Terminal()
    reporter("text")(validated(FINDINGS, 5), plain)
    assert "\x1b[" not in plain.getvalue()


WARNED = warning("yaml.curly_quotes", "curly quotes", Location("c.yaml", 1, 8))


@pytest.mark.parametrize(("findings", "files", "text"), [
    ([], 7, "all 7 files are valid"), ([], 1, "the file is valid"), ([], 0, "no files to validate"),
    (FINDINGS[:1], 3, "1 error in 1 file"), (FINDINGS, 3, "2 errors in 2 files"),
    ([*FINDINGS, WARNED], 3, "2 errors and 1 warning in 3 files"),
    # Warnings leave files valid, and the summary must not say otherwise.
    ([WARNED], 3, "all 3 files are valid, with 1 warning in 1 file"),
])
def test_summary(findings: list[Finding], files: int, text: str) -> None:
    assert summary(findings, files) == text


def test_json_carries_every_field_and_the_number_of_files() -> None:
    out = io.StringIO()
    reporter("json")(validated(FINDINGS, 5), out)
    document = json.loads(out.getvalue())
    assert document["files"] == 5
    assert document["findings"][1] == {
        "rule": "schema", "severity": "error", "message": "unknown field 'x' [sic]",
        "hint": "allowed: y", "file": "b.yaml", "line": 3, "column": 5}
