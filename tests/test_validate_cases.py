"""Every file in tests/cases/validate/ produces exactly the findings its `# expect:` lines state."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from safeguarding.findings import Finding
from safeguarding.load.validation import validate_workspace
from safeguarding.load.workspace import load_workspace

HERE = Path(__file__).parent
CASES = sorted((HERE / "cases" / "validate").glob("*.yaml"))
TINY = HERE / "fixtures" / "partnerships" / "tiny"
PLACE_BY_PREFIX = {"report": "reports/2023-24.yaml", "arrangements": "arrangements/2024-01.yaml",
                   "partnership": "partnership.yaml"}
EXPECT = re.compile(r"^# expect: (?:(valid)|(\d+):(\d+) (\S+) (.+))$")


def expectations(case: Path) -> list[tuple[int, int, str, str]]:
    """(line, column, rule, message substring) for each `# expect:` line; [] for `valid`."""
    lines = case.read_bytes().decode("utf-8", "replace").splitlines()
    found = [m for m in map(EXPECT.match, lines) if m]
    assert found, f"{case.name} has no '# expect:' line"
    return [(int(m[2]), int(m[3]), m[4], m[5]) for m in found if not m[1]]


def matches(finding: Finding, expected: tuple[int, int, str, str]) -> bool:
    line, column, rule, text = expected
    return (finding.line, finding.column, finding.rule) == (line, column, rule) and (
        text in finding.message)


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_case(case: Path, tmp_path: Path) -> None:
    folder = tmp_path / "tiny"
    shutil.copytree(TINY, folder)
    shutil.copyfile(case, folder / PLACE_BY_PREFIX[case.stem.split("-")[0]])
    findings = validate_workspace(load_workspace([folder]))
    shown = [f"{f.line}:{f.column} {f.rule} {f.message}" for f in findings]
    expected = expectations(case)
    for want in expected:
        assert any(matches(f, want) for f in findings), f"expected {want}, got {shown}"
    assert len(findings) == len(expected), f"unexpected findings: {shown}"


def test_there_are_cases_for_every_kind_of_file() -> None:
    assert {c.stem.split("-")[0] for c in CASES} == set(PLACE_BY_PREFIX)
