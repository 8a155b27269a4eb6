"""A usage error is one plain line naming the bad value and the valid ones, and exits 2."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

CASES = [
    (["check", "--bogus"], "--bogus", ["--edition", "--format", "--root", "--strict", "--today"]),
    (["validate", "--json"], "--json", ["--format"]),
    (["check", "--format", "xml"], "xml", ["text", "json", "junit", "sarif", "github", "html"]),
    (["validate", "--format", "xml"], "xml", ["text", "json"]),
    (["check", "--edition", "wt1999"], "wt1999", ["wt2018", "wt2023"]),
    (["build-report", "--format", "docx"], "docx", ["html", "pdf", "all"]),
    (["bogus"], "bogus", ["--help"]),
]


@pytest.mark.parametrize(("args", "bad", "valid"), CASES, ids=[" ".join(a) for a, _, _ in CASES])
def test_a_usage_error_is_one_plain_line(args: list[str], bad: str, valid: list[str]) -> None:
    run = subprocess.run([sys.executable, "-m", "safeguarding", *args], capture_output=True,
                         text=True, timeout=60, env={**os.environ, "COLUMNS": "40"})
    assert run.returncode == 2
    assert run.stdout == ""
    [line] = run.stderr.splitlines()
    assert line.startswith("error: safeguarding") and bad in line
    assert all(v in line for v in valid), line
    assert not set(line) & set("╭╮╰╯│─"), "no box"
