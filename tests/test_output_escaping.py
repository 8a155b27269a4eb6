"""No output format prints a line break, terminal escape or invisible format character that
came from data: a value cannot start a line a CI system reads as a command."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from casetown import CASETOWN, report_head
from typer.testing import CliRunner

from safeguarding.cli import app
from safeguarding.reporters.clean import one_line

INJECTED = "::error file=evil.yaml,line=1::pwned"
# A key fact's label with a line break, a carriage return, a line separator and a
# right-to-left override: each would start a line, or reorder one, in a log.
LABEL = f"Seen\\n{INJECTED}\\r{INJECTED}\\u2028{INJECTED}\\u202e{INJECTED}"
REPORT = report_head() + f"""\
sections:
  - id: s
    title: S
    body: Text.
    blocks:
      - type: key-facts
        facts:
          - {{label: "{LABEL}", value: 104, unit: percent}}
"""
BREAKS = ("\n", "\r", "\x85", "\u2028", "\u2029", "\x0b", "\x0c", "\x1b", "\u202e")


def _root(tmp_path: Path) -> Path:
    root = tmp_path / "partnerships"
    shutil.copytree(CASETOWN, root / "casetown")
    (root / "casetown" / "reports").mkdir()
    (root / "casetown" / "reports" / "2023-24.yaml").write_text(REPORT, encoding="utf-8")
    return root


def _lines(output: str) -> list[str]:
    for char in BREAKS[1:]:
        assert char not in output, f"U+{ord(char):04X} in the output"
    return output.split("\n")


@pytest.mark.parametrize("output_format", ["text", "json", "junit", "sarif", "github", "html"])
def test_a_line_break_in_a_value_never_starts_a_line_of_check_output(
        tmp_path: Path, output_format: str) -> None:
    run = CliRunner().invoke(app, ["check", "--root", str(_root(tmp_path)), "casetown",
                                   "--format", output_format, "--today", "2025-06-01"])
    assert run.exit_code == 1, run.output
    lines = _lines(run.output)
    assert "pwned" in run.output, "the label's finding is reported"
    for line in lines:
        assert not line.lstrip().startswith("::error file=evil"), line
        if "pwned" in line:
            assert "Seen" in line, f"the label was split over lines: {line!r}"


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_a_file_name_with_a_line_break_never_starts_a_line_of_validate_output(
        tmp_path: Path, output_format: str) -> None:
    root = _root(tmp_path)
    (root / "casetown" / f"notes\n{INJECTED}.yaml").write_text("a: 1\n")
    run = CliRunner().invoke(app, ["validate", str(root), "--format", output_format])
    assert "pwned" in run.output
    for line in _lines(run.output):
        assert not line.lstrip().startswith("::error file=evil"), line


def test_one_line_shows_line_breaks_and_invisible_characters_as_escapes() -> None:
    assert one_line("a\nb\r\tc\x1b[31md\u202ee\u2028f\x85g\ud800") == \
        "a\\nb\\r\tc\ufffd[31md\\u202ee\\u2028f\ufffdg\ufffd"
    assert one_line("Café – “quoted” 1 in 5") == "Café – “quoted” 1 in 5"
