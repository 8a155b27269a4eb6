"""Every fixture in tests/cases/<rule-id>/{pass,fail}/ gives exactly the findings it states.

A case is one document. It is placed in a copy of tests/fixtures/check/casetown/ (as
reports/2023-24.yaml when it has a `reporting_period`, else arrangements/2024-01.yaml),
with the files of tests/cases/<rule-id>/partnership/ copied over it when that exists.
Leading comments drive the test:

    # expect: figures.budget_totals 12:7 error   a finding of the case's rule at line:column
                                                  (severity optional); none in a pass case
    # today: 2025-06-01                           the date to check against (default below)
    # edition: wt2023                             as --edition
"""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

from safeguarding.check.compliance import CheckOptions, check_workspace
from safeguarding.check.consistency import CHECKS_BY_ID
from safeguarding.load.workspace import load_workspace

HERE = Path(__file__).parent
CASES_DIR = HERE / "cases"
BASE = HERE / "fixtures" / "check" / "casetown"
DEFAULT_TODAY = date(2025, 6, 1)
EXPECT = re.compile(r"^# expect: (\S+) (\d+):(\d+)(?: (error|warning|note))?\s*$")
OPTION = re.compile(r"^# (today|edition): (\S+)\s*$")
CASES = sorted(p for rule in CHECKS_BY_ID for outcome in ("pass", "fail")
               for p in (CASES_DIR / rule / outcome).glob("*.yaml"))


def _options(text: str) -> dict[str, str]:
    return dict(m.groups() for m in map(OPTION.match, text.splitlines()) if m)


def _expected(text: str) -> set[tuple[str, int, int, str | None]]:
    return {(m[1], int(m[2]), int(m[3]), m[4]) for m in map(EXPECT.match, text.splitlines()) if m}


def run_case(case: Path, tmp_path: Path, delete_after_load: bool = False
             ) -> list[tuple[str, int, int, str]]:
    """(rule, line, column, severity) of every finding of the case's rule; with
    delete_after_load, the checks run once the files are gone."""
    rule = case.parent.parent.name
    folder = tmp_path / BASE.name
    shutil.copytree(BASE, folder)
    extra = case.parent.parent / "partnership"
    if extra.is_dir():
        shutil.copytree(extra, folder, dirs_exist_ok=True)
    text = case.read_text(encoding="utf-8")
    kind = "reports/2023-24.yaml" if "reporting_period" in yaml.safe_load(text) else \
        "arrangements/2024-01.yaml"
    (folder / kind).parent.mkdir(exist_ok=True)
    shutil.copyfile(case, folder / kind)
    options = _options(text)
    today = date.fromisoformat(options["today"]) if "today" in options else DEFAULT_TODAY
    workspace = load_workspace([folder])
    if delete_after_load:
        shutil.rmtree(folder)
    result = check_workspace(workspace, CheckOptions(today, options.get("edition")))
    assert not result.findings, f"fixture files are invalid: {result.findings}"
    [doc] = [d for d in result.documents if d.file.endswith(kind)]
    problems = [f"{f.location} {f.message}" for f in doc.findings]
    assert doc.checked, f"the case is not valid: {problems}"
    return [(f.rule, f.line, f.column, f.severity.value) for f in doc.findings if f.rule == rule]


@pytest.mark.parametrize("case", CASES, ids=[str(c.relative_to(CASES_DIR)) for c in CASES])
def test_case(case: Path, tmp_path: Path) -> None:
    expected = _expected(case.read_text(encoding="utf-8"))
    found = run_case(case, tmp_path)
    if case.parent.name == "fail":
        assert expected, f"{case.name} is a failing case but states no `# expect:`"
    assert len(found) == len(expected), f"expected {sorted(expected)}, found {found}"
    for rule, line, column, severity in expected:
        assert any(f[:3] == (rule, line, column) and severity in (None, f[3]) for f in found), \
            f"expected {rule} at {line}:{column} {severity or ''}, found {found}"


@pytest.mark.parametrize("rule", sorted(CHECKS_BY_ID))
def test_every_rule_has_a_passing_and_a_failing_case(rule: str) -> None:
    for outcome in ("pass", "fail"):
        assert list((CASES_DIR / rule / outcome).glob("*.yaml")), f"no {outcome} case for {rule}"


@pytest.mark.parametrize("rule", sorted(CHECKS_BY_ID))
def test_every_rule_documents_itself(rule: str) -> None:
    manual = CHECKS_BY_ID[rule].manual
    assert "passes:" in manual and "fails:" in manual, f"{rule}'s docstring lacks examples"
