"""`safeguarding validate` as a black box: exact output and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from safeguarding import __version__
from safeguarding.cli import app
from safeguarding.load import validation

FIXTURES = Path(__file__).parent / "fixtures"
BROKEN = FIXTURES / "broken"  # holds partnerships/, so the default path works from here

BROKEN_OUTPUT = """\
partnerships/muddle/arrangements/2019-6.yaml: error [layout.file_name] an arrangements file must be named like '2019-06.yaml', not '2019-6.yaml'
    hint: rename the file; its name is the document's id
partnerships/muddle/reports/2023-24.yaml:3:9: error [schema] 'status' must be one of: draft, published (got 'final')
partnerships/muddle/reports/2023-24.yaml:7:5: error [schema] unknown field 'titel' in sections[1]; did you mean 'title'?
    hint: allowed fields here: id, number, title, body, covers, blocks, sections
partnerships/muddle/reports/2023-24.yaml:7:5: error [schema] missing required field 'title' in sections[1]
partnerships/orphan/reports/2022-23.yaml:1:1: error [integrity.no_partnership] this document belongs to partnership 'orphan', which has no partnership.yaml
    hint: add partnerships/orphan/partnership.yaml, or move the document into its partnership's folder
5 errors in 3 files
"""  # noqa: E501


def run(*args: str, cwd: Path = FIXTURES) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "safeguarding", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=60)


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.chdir(FIXTURES)
    return CliRunner()


def test_a_valid_partnership_passes_with_exit_0() -> None:
    result = run("validate")
    assert (result.returncode, result.stdout, result.stderr) == (0, "all 3 files are valid\n", "")


def test_every_problem_in_every_file_is_shown_with_exit_1() -> None:
    result = run("validate", cwd=BROKEN)
    assert (result.returncode, result.stdout, result.stderr) == (1, BROKEN_OUTPUT, "")


def test_a_single_file_can_be_validated() -> None:
    result = run("validate", "partnerships/tiny/reports/2023-24.yaml")
    assert (result.returncode, result.stdout) == (0, "the file is valid\n")


def test_json_lists_findings_and_the_number_of_files(
        runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(BROKEN)
    result = runner.invoke(app, ["validate", "--format", "json"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["files"] == 4
    assert report["findings"][1] == {
        "rule": "schema", "severity": "error",
        "message": "'status' must be one of: draft, published (got 'final')", "hint": "",
        "file": "partnerships/muddle/reports/2023-24.yaml", "line": 3, "column": 9}
    assert report["findings"][0]["line"] is None  # a finding about the file name has no line


def test_a_missing_path_is_a_usage_error_with_exit_2() -> None:
    result = run("validate", "nowhere")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "error: no such file or folder: nowhere\n"


def test_a_file_that_is_not_yaml_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate", "partnerships/tiny/assets/logo.png"])
    assert result.exit_code == 2
    assert "not a YAML file: partnerships/tiny/assets/logo.png" in result.stderr


def test_an_unknown_format_is_a_usage_error(runner: CliRunner) -> None:
    assert runner.invoke(app, ["validate", "--format", "xml"]).exit_code == 2


def test_a_crash_is_reported_in_one_line_with_exit_3(runner: CliRunner,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(ws: object) -> list[object]:
        raise KeyError("boom")

    monkeypatch.setattr(validation, "validate_workspace", crash)
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 3
    assert result.stderr == ("internal error: KeyError: 'boom'; "
                             "run again with --traceback and report it\n")
    detailed = runner.invoke(app, ["validate", "--traceback"])
    assert detailed.exit_code == 3
    assert "Traceback (most recent call last)" in detailed.stderr


def test_version_and_help(runner: CliRunner) -> None:
    assert runner.invoke(app, ["--version"]).stdout == f"safeguarding {__version__}\n"
    no_args = runner.invoke(app, [])
    assert "validate" in no_args.stdout


def test_validate_does_not_import_the_rendering_stack() -> None:
    code = ("import sys\nfrom safeguarding.__main__ import main\n"
            "sys.argv = ['safeguarding', 'validate']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "heavy = ('weasyprint', 'jinja2', 'markdown_it')\n"
            "print(sorted(m for m in heavy if m in sys.modules), file=sys.stderr)\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=FIXTURES, capture_output=True,
                            text=True, timeout=60)
    assert result.stdout == "all 3 files are valid\n"
    assert result.stderr.strip() == "[]"
