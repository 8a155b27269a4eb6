"""The loader's warnings (text cut short by a comment, curly quotes kept as text) reach
`validate`, `check` and `build-report`, and leave a valid file valid."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from safeguarding.cli import app
from safeguarding.publish.build import HTML, BuildRequest, build_reports

HERE = Path(__file__).parent
TINY = HERE / "fixtures" / "partnerships" / "tiny"
CASETOWN = HERE / "fixtures" / "check" / "casetown"
GOOD = HERE / "cases" / "figures.training_totals" / "pass" / "adds-up.yaml"
RIVERSIDE = HERE / "fixtures" / "render"
COMMENT = "warning [yaml.comment_in_value] the text after ' #' is a comment"
CURLY = "warning [yaml.curly_quotes] the value is wrapped in curly quotes"


def with_title(report: Path, title: str) -> None:
    """Write the report again with its first `title:` line replaced."""
    lines = report.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("title: "))
    lines[at] = f"title: {title}\n"
    report.write_text("".join(lines), encoding="utf-8")


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), env={"NO_COLOR": "1"})
    return result.exit_code, result.output


def test_validate_shows_the_warnings_and_passes(tmp_path: Path) -> None:
    folder = tmp_path / "tiny"
    shutil.copytree(TINY, folder)
    report = folder / "reports" / "2023-24.yaml"
    with_title(report, "Priority #1 keep children safe")
    partnership = folder / "partnership.yaml"
    partnership.write_text(partnership.read_text(encoding="utf-8").replace(
        "short_name: TSCP", "short_name: \u2018TSCP\u2019"), encoding="utf-8")
    code, output = invoke("validate", str(folder))
    assert code == 0, output
    assert f"2023-24.yaml:2:17: {COMMENT}, so the value is only 'Priority'" in output
    assert f"partnership.yaml:3:13: {CURLY}" in output


def test_check_shows_the_warning_and_still_checks_the_document(tmp_path: Path) -> None:
    root = tmp_path / "partnerships"
    shutil.copytree(CASETOWN, root / "casetown")
    report = root / "casetown" / "reports" / "2023-24.yaml"
    report.parent.mkdir(exist_ok=True)
    shutil.copyfile(GOOD, report)
    code_before, before = invoke("check", "--root", str(root), "--today", "2025-06-01")
    with_title(report, "Casetown yearly report #2023")
    code, output = invoke("check", "--root", str(root), "--today", "2025-06-01")
    assert f"2023-24.yaml:1:31: {COMMENT}, so the value is only 'Casetown yearly report'" in output
    assert "not checked" not in output and "Verdict:" in output
    assert code == code_before
    assert COMMENT not in before


def test_build_report_shows_the_warning_and_builds(tmp_path: Path) -> None:
    root = tmp_path / "partnerships"
    shutil.copytree(RIVERSIDE, root)
    with_title(root / "riverside" / "arrangements" / "2024-09.yaml",
               "\u201cMulti-agency safeguarding arrangements\u201d")
    outcome = build_reports(BuildRequest(root, "riverside", ("arrangements",), (HTML,),
                                         tmp_path / "out"))
    curly = [f for f in outcome.findings if f.rule == "yaml.curly_quotes"]
    assert [(Path(f.file).name, f.line, f.column) for f in curly] == [("2024-09.yaml", 2, 8)]
    assert not outcome.failed
    assert [p.name for p in outcome.built] == ["arrangements-2024-09.html"]
