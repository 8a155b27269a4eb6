"""`validate` writes every format `check` writes (but the review page): one registry for both.

A pre-commit hook or a CI job asks `validate` for SARIF, JUnit or GitHub annotations; each
must say the same as the text output, on a valid tree and on a broken one.
"""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from safeguarding.cli import app
from safeguarding.findings import Location, error, warning
from safeguarding.reporters import FORMATS, format_names, reporter
from safeguarding.results import CHECK, VALIDATE, CheckResult

FIXTURES = Path(__file__).parent / "fixtures"
BROKEN = FIXTURES / "broken"
BROKEN_FILE = "partnerships/muddle/reports/2023-24.yaml"


def validate(folder: Path, output_format: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.chdir(folder)
    monkeypatch.setenv("NO_COLOR", "1")
    result = CliRunner().invoke(app, ["validate", "--format", output_format])
    return result.exit_code, result.stdout


def test_sarif_of_a_valid_tree_has_no_results(monkeypatch: pytest.MonkeyPatch) -> None:
    code, out = validate(FIXTURES, "sarif", monkeypatch)
    assert code == 0
    assert json.loads(out)["runs"][0]["results"] == []


def test_sarif_of_a_broken_tree_places_each_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    code, out = validate(BROKEN, "sarif", monkeypatch)
    run = json.loads(out)["runs"][0]
    assert code == 1 and len(run["results"]) == 5
    status = run["results"][1]
    assert (status["ruleId"], status["level"]) == ("schema", "error")
    assert status["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == BROKEN_FILE
    assert status["locations"][0]["physicalLocation"]["region"] == {"startLine": 3,
                                                                    "startColumn": 9}
    rules = {rule["id"] for rule in run["tool"]["driver"]["rules"]}
    assert rules == {r["ruleId"] for r in run["results"]}


def test_junit_has_a_case_per_file_failing_only_the_broken(
        monkeypatch: pytest.MonkeyPatch) -> None:
    code, out = validate(FIXTURES, "junit", monkeypatch)
    suite = ET.fromstring(out).find("testsuite")
    assert code == 0 and suite is not None
    assert (suite.get("tests"), suite.get("failures")) == ("3", "0")
    code, out = validate(BROKEN, "junit", monkeypatch)
    suite = ET.fromstring(out).find("testsuite")
    assert code == 1 and suite is not None
    failed = {case.get("name") for case in suite if case.find("failure") is not None}
    assert BROKEN_FILE in failed and len(failed) == 3  # the three files the text names
    assert suite.get("failures") == "3"


def test_github_annotates_each_finding_and_nothing_when_valid(
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert validate(FIXTURES, "github", monkeypatch) == (0, "")
    code, out = validate(BROKEN, "github", monkeypatch)
    lines = out.splitlines()
    assert code == 1 and len(lines) == 5
    assert lines[1].startswith(f"::error file={BROKEN_FILE},line=3,col=9,title=schema::")


def test_the_cli_offers_exactly_the_registered_formats() -> None:
    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    for command in (VALIDATE, CHECK):
        [option] = [p for p in commands[command].params if p.name == "output_format"]
        assert list(option.type.choices) == format_names(command)
    assert format_names(CHECK) == list(FORMATS)
    assert "html" not in format_names(VALIDATE)


def test_validate_refuses_the_review_page(monkeypatch: pytest.MonkeyPatch) -> None:
    assert validate(FIXTURES, "html", monkeypatch)[0] == 2


FOUND = [error("schema", "'status' must be one of: draft, published", Location("a.yaml", 3, 9)),
         warning("yaml.curly_quotes", "curly quotes", Location("b.yaml", 1, 2), "use ' or \"")]


@pytest.mark.parametrize("name", format_names(VALIDATE))
def test_every_format_writes_both_commands_results(name: str) -> None:
    for result in (CheckResult(findings=FOUND, files=["a.yaml", "b.yaml"], command=VALIDATE),
                   CheckResult(findings=FOUND)):
        out = io.StringIO()
        reporter(name)(result, out)
        assert "a.yaml" in out.getvalue() and "b.yaml" in out.getvalue(), (name, result.command)
