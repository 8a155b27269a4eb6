"""Dates far in the past or future (year 9999, year 1) are located findings, never a crash
of the checks that count days and years from them."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from safeguarding.check.compliance import CheckOptions, check_workspace
from safeguarding.cli import app
from safeguarding.load.workspace import load_workspace

CASETOWN = Path(__file__).parent / "fixtures" / "check" / "casetown"
REPORT = """\
title: Casetown yearly report 2023 to 2024
status: draft
edition: wt2023
published: "{published}"
reporting_period: {{start: "{start}", end: "{end}"}}
sections:
  - id: s
    title: S
    body: Text.
"""


@pytest.mark.parametrize(("published", "start", "end", "column"), [
    ("9999-12-31", "9999-01-01", "9999-12-31", 46),
    ("2024-09-01", "2023-04-01", "9999-12-31", 46),
    ("2024-09-01", "0001-01-01", "2024-03-31", 27),
    ("2024-09-01", "2199-04-01", "2200-03-31", 46),
])
def test_a_date_out_of_range_is_a_located_finding_not_a_crash(
        tmp_path: Path, published: str, start: str, end: str, column: int) -> None:
    folder = tmp_path / "casetown"
    shutil.copytree(CASETOWN, folder)
    (folder / "reports").mkdir()
    (folder / "reports" / "2023-24.yaml").write_text(
        REPORT.format(published=published, start=start, end=end))
    result = check_workspace(load_workspace([folder]), CheckOptions(date(2025, 6, 1)))
    findings = [f for d in result.documents for f in d.findings] + result.findings
    assert not [f for f in findings if f.rule == "check.crash"]
    dates = [f for f in findings if "a date between 1900 and 2199" in f.message]
    assert any((f.line, f.column) == (5, column) for f in dates), findings


def test_today_out_of_range_is_a_usage_error() -> None:
    run = CliRunner().invoke(app, ["check", "--today", "9999-12-31"])
    assert run.exit_code == 2
    assert "--today must be a date between 1900 and 2199" in run.output
