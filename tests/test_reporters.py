"""The text and json reporters."""

from __future__ import annotations

import io
import json

import pytest

from safeguarding.findings import Location, error
from safeguarding.reporters import REPORTERS_BY_NAME
from safeguarding.reporters.text import summary

FINDINGS = [
    error("schema", "unknown field 'x' [sic]", Location("b.yaml", 3, 5), "allowed: y"),
    error("yaml", "duplicate key 'a'", Location("a.yaml", 2, 1)),
]


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_text_sorts_by_file_and_ends_with_a_summary() -> None:
    out = io.StringIO()
    REPORTERS_BY_NAME["text"](FINDINGS, out, files=5)
    assert out.getvalue() == (
        "a.yaml:2:1: error [yaml] duplicate key 'a'\n"
        "b.yaml:3:5: error [schema] unknown field 'x' [sic]\n"
        "    hint: allowed: y\n"
        "2 problems in 2 files\n")


def test_text_uses_colour_on_a_terminal_unless_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    coloured = Terminal()
    REPORTERS_BY_NAME["text"](FINDINGS, coloured, files=5)
    assert "\x1b[" in coloured.getvalue() and "[sic]" in coloured.getvalue()
    monkeypatch.setenv("NO_COLOR", "1")
    plain = Terminal()
    REPORTERS_BY_NAME["text"](FINDINGS, plain, files=5)
    assert "\x1b[" not in plain.getvalue()


@pytest.mark.parametrize(("count", "files", "text"), [
    (0, 7, "all 7 files are valid"), (0, 1, "the file is valid"), (0, 0, "no files to validate"),
    (1, 3, "1 problem in 1 file"), (2, 3, "2 problems in 2 files"),
])
def test_summary(count: int, files: int, text: str) -> None:
    assert summary(FINDINGS[:count], files) == text


def test_json_carries_every_field_and_extra_context() -> None:
    out = io.StringIO()
    REPORTERS_BY_NAME["json"](FINDINGS, out, files=5, extra={"coverage": []})
    document = json.loads(out.getvalue())
    assert document["files"] == 5 and document["coverage"] == []
    assert document["findings"][1] == {
        "rule": "schema", "severity": "error", "message": "unknown field 'x' [sic]",
        "hint": "allowed: y", "file": "b.yaml", "line": 3, "column": 5}
