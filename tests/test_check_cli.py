"""`safeguarding check` as a black box: the five formats, exact text, and exit codes."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from safeguarding.cli import app

HERE = Path(__file__).parent
BASE = HERE / "fixtures" / "check" / "casetown"
CASES = HERE / "cases"
GOOD = CASES / "figures.training_totals" / "pass" / "adds-up.yaml"  # a 2023 report, no errors
BAD = CASES / "figures.budget_totals" / "fail" / "as-printed-in-worcestershire.yaml"
ARRANGEMENTS = HERE / "fixtures" / "check" / "documents" / "arrangements-musts-met.yaml"


def make_root(tmp_path: Path, report: Path | None = GOOD,
              arrangements: Path | None = None) -> Path:
    root = tmp_path / "partnerships"
    shutil.copytree(BASE, root / "casetown")
    for source, place in ((report, "reports/2023-24.yaml"),
                          (arrangements, "arrangements/2024-06.yaml")):
        if source:
            (root / "casetown" / place).parent.mkdir(exist_ok=True)
            shutil.copyfile(source, root / "casetown" / place)
    return root


def check(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["check", "--root", str(root), "--today", "2025-06-01",
                                      *args], env={"NO_COLOR": "1"})
    return result.exit_code, result.output


def test_text_shows_a_table_findings_and_a_verdict(tmp_path: Path) -> None:
    code, out = check(make_root(tmp_path, BAD))
    assert code == 1
    assert "casetown: yearly report 2023-24" in out
    assert "checked against Working Together 2023 (declared by the document)" in out
    # A budget with no period and no partner's contribution does not show the costs of the
    # period or who paid them; whether the money was well spent is for a reader.
    assert re.search(r"Costs and value for money\s+should\s+partial\s+not shown: what the "
                     r"arrangements cost in the", out)
    assert re.search(r"What the partners did, reviews included\s+must\s+MISSING", out)
    # One wrong figure, one finding, telling the totals rows it throws out.
    assert re.search(r"reports/2023-24\.yaml:27:85: error \[figures\.budget_totals\] the total "
                     r"expenditure for Training Delivery is printed as 0, but the figures "
                     r"give 60", out)
    assert "'Total Expenditure' adds up to 208,411 across its columns" in out
    assert out.count("[figures.budget_totals]") == 1
    assert "Verdict: FAILS - 1 of 4 must-level requirements met, 1 only partly" in out
    assert out.rstrip().endswith("1 document checked: 1 fails (casetown 2023-24), 0 pass")
    assert "\x1b[" not in out  # no colour when not a terminal


def test_exit_0_when_only_should_level_gaps(tmp_path: Path) -> None:
    code, out = check(make_root(tmp_path, None, ARRANGEMENTS), "casetown", "arrangements")
    assert code == 0, out
    assert ("Verdict: passes - all 4 must-level requirements met; 3 of 14 should-level "
            "requirements met, 1 only partly") in out
    assert check(make_root(tmp_path / "s", None, ARRANGEMENTS), "--strict")[0] == 1


def test_exit_1_when_a_must_is_missing(tmp_path: Path) -> None:
    # The 2023 report fixture covers none of the must-level requirements.
    code, _ = check(make_root(tmp_path, GOOD), "casetown", "2023-24")
    assert code == 1


@pytest.mark.parametrize("args", [
    ["nowhere"], ["casetown", "2030-31"], ["--today", "1 June 2025"], ["--edition", "wt2020"],
    ["--format", "xml"], ["--today", ""],  # an empty --today is not "today"
])
def test_exit_2_for_usage_errors(tmp_path: Path, args: list[str]) -> None:
    code, out = check(make_root(tmp_path), *args)
    assert code == 2, out


def test_missing_root_is_a_usage_error(tmp_path: Path) -> None:
    assert check(tmp_path / "none")[0] == 2


def test_a_root_without_documents_is_a_usage_error_not_a_pass(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    code, out = check(tmp_path / "empty")
    assert code == 2 and "no documents to check" in out, out


def test_json_has_the_agreed_shape(tmp_path: Path) -> None:
    code, out = check(make_root(tmp_path, BAD, ARRANGEMENTS), "--format", "json")
    data = json.loads(out)
    assert code == 1 and data["passed"] is False
    first = data["documents"][0]
    assert {"partnership", "document", "kind", "edition", "requirements", "findings"} <= set(first)
    assert [(d["kind"], d["edition"]) for d in data["documents"]] == [
        ("arrangements", "wt2023"), ("yearly-report", "wt2023")]
    assert {"id", "level", "status", "sections"} <= set(first["requirements"][0])
    finding = data["documents"][1]["findings"][0]
    assert {"rule", "severity", "message", "file", "line", "column"} <= set(finding)


def test_edition_option_rechecks_against_another_edition(tmp_path: Path) -> None:
    _, out = check(make_root(tmp_path, None, ARRANGEMENTS), "--format", "json",
                   "--edition", "wt2018")
    [doc] = json.loads(out)["documents"]
    assert doc["edition"] == "wt2018" and doc["edition_reason"] == "chosen with --edition"
    assert "safeguarding_partners" in {r["id"] for r in doc["requirements"]}


def test_junit_is_xml_with_a_case_per_requirement(tmp_path: Path) -> None:
    code, out = check(make_root(tmp_path, BAD), "--format", "junit")
    root = ET.fromstring(out)
    [suite] = root.findall("testsuite")
    cases = suite.findall("testcase")
    assert len(cases) == 16 + 1  # 16 requirements of a 2023 report, and the checks
    # 2 missing musts and the budget error (the joint period is partly shown)
    assert int(suite.get("failures", 0)) == 3
    assert code == 1


def test_sarif_is_structurally_valid(tmp_path: Path) -> None:
    _, out = check(make_root(tmp_path, BAD), "--format", "sarif")
    log = json.loads(out)
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert "figures.budget_totals" in rule_ids and "yearly-report/wt2023/effectiveness" in rule_ids
    for result in run["results"]:
        assert result["level"] in ("error", "warning", "note")
        assert rule_ids[result["ruleIndex"]] == result["ruleId"]
        assert result["message"]["text"]
        where = result["locations"][0]["physicalLocation"]
        assert where["artifactLocation"]["uri"].startswith("file:///")  # not below the cwd
        assert where["region"]["startLine"] >= 1  # GitHub code scanning needs a line
    located = [r for r in run["results"] if r["ruleId"] == "figures.budget_totals"]
    assert located[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 27


def test_github_lines_are_workflow_commands(tmp_path: Path) -> None:
    _, out = check(make_root(tmp_path, BAD), "--format", "github")
    lines = out.splitlines()
    assert lines and all(re.match(r"^::(error|warning|notice) file=[^,]+(,line=\d+,col=\d+)?,"
                                  r"title=[^:]+::.+$", line) for line in lines)
    assert any(re.match(r"^::error file=.*reports/2023-24\.yaml,line=27,col=85,"
                        r"title=figures\.budget_totals::", line) for line in lines)


def test_an_invalid_document_is_reported_not_checked(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    (root / "casetown" / "reports" / "2023-24.yaml").write_text(
        "title: Broken\nstatus: final\nsections: []\n", encoding="utf-8")
    code, out = check(root)
    assert code == 1
    assert "not checked, because the file is not valid" in out.replace("\n", " ")
    assert "[schema]" in out


@pytest.mark.parametrize(("command", "default"), [
    ("check", "(default: every partnership)"),
    ("check", "(default: today)"),
    ("build-report", "(default: the latest yearly report)"),
])
def test_help_says_what_an_argument_defaults_to(command: str, default: str) -> None:
    result = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert default in " ".join(result.output.split())


def test_duties_not_yet_in_force_read_as_coming_not_missing() -> None:
    result = CliRunner().invoke(app, ["check", "west-sussex", "--today", "2026-11-22"],
                                env={"COLUMNS": "200"})
    rows = [line for line in result.output.splitlines()
            if "Multi-agency child protection teams" in line]
    assert rows and "coming" in rows[0] and "MISSING" not in rows[0]


def test_summary_says_why_it_fails_when_only_partnership_yaml_is_invalid(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    facts = root / "casetown" / "partnership.yaml"
    facts.write_text("nmae: typo\n" + facts.read_text(encoding="utf-8"), encoding="utf-8")
    code, output = check(root)
    assert code == 1
    assert output.rstrip().endswith("1 error in other files (see above)")


def test_a_misspelt_requirement_id_gets_a_suggestion(tmp_path: Path) -> None:
    report = CASES / "covers.unknown_requirement" / "fail" / "nested-in-priority.yaml"
    _, output = check(make_root(tmp_path, report=report), "--format", "json")
    messages = [f["message"] for d in json.loads(output)["documents"] for f in d["findings"]]
    assert ("'impact_evidense' is not the id of any Working Together requirement; "
            "did you mean 'impact_evidence'?") in messages


REVIEWS_TEXT = """Rapid reviews are held within 15 working days. The review group decides which
      local reviews to commission, and each is published on our website."""


def test_a_must_claimed_only_by_a_placeholder_is_missing(tmp_path: Path) -> None:
    root = make_root(tmp_path, None, ARRANGEMENTS)
    place = root / "casetown" / "arrangements" / "2024-06.yaml"
    text = place.read_text(encoding="utf-8")
    assert REVIEWS_TEXT in text
    place.write_text(text.replace(REVIEWS_TEXT, "TBC"), encoding="utf-8")
    code, out = check(root)
    assert code == 1, out  # the claim is not evidence: the must is missing
    assert "Verdict: FAILS - 3 of 4 must-level requirements met;" in out
    assert re.search(r"2024-06\.yaml:\d+:\d+: warning \[coverage\.unsupported_claim\] 'reviews' "
                     r"claims 'practice_review_arrangements'", out)
    assert "'TBC'" not in out  # a placeholder, not an acronym to spell out


def test_a_must_partly_met_passes_with_gaps_said_plainly(tmp_path: Path) -> None:
    root = make_root(tmp_path, None, ARRANGEMENTS)
    place = root / "casetown" / "arrangements" / "2024-06.yaml"
    text = place.read_text(encoding="utf-8")
    place.write_text(text.replace(REVIEWS_TEXT, "Local reviews are published on our website."),
                     encoding="utf-8")
    code, out = check(root)
    assert code == 0, out  # only a missing must fails
    assert ("Verdict: passes with gaps - 3 of 4 must-level requirements met, 1 only partly "
            "(not every element shown);") in out
    assert "1 document checked: all pass (1 only with gaps)" in out
    [doc] = json.loads(check(root, "--format", "json")[1])["documents"]
    [reviews] = [r for r in doc["requirements"] if r["id"] == "practice_review_arrangements"]
    assert [e["id"] for e in reviews["elements"] if e["status"] != "met"] == ["decide", "rapid"]


def test_a_caption_is_quoted_with_only_markdown_escapes_undone(tmp_path: Path) -> None:
    # CommonMark: a backslash before ASCII punctuation escapes it; before anything else
    # (a space, a letter) the reader sees the backslash.
    root = make_root(tmp_path, None)
    (root / "casetown" / "arrangements").mkdir()
    (root / "casetown" / "arrangements" / "2024-06.yaml").write_text(
        'title: Casetown safeguarding arrangements\nstatus: published\nedition: wt2023\n'
        'published: "2024-06-01"\nsections:\n  - id: structure\n    title: Structure\n'
        '    body: How the groups report to the executive.\n    blocks:\n'
        "      - {type: figure, caption: 'a,b %0A \\ end \\*MACE\\* C:\\new \\\\ x'}\n",
        encoding="utf-8")
    _, output = check(root, "--format", "json")
    messages = [f["message"] for d in json.loads(output)["documents"] for f in d["findings"]
                if f["rule"] == "figures.image_missing"]
    assert messages == ["the figure 'a,b %0A \\ end *MACE* C:\\new \\ x' has no image"]


@pytest.mark.parametrize("width", [60, 80, 99])
def test_on_a_narrow_terminal_no_section_id_is_cut(width: int) -> None:
    # Four columns in 80 left "where" ~30 wide, and ids such as
    # partnership-board-and-executive-group were cut mid-word: a narrow terminal gets each
    # requirement on two lines instead.
    import io

    from rich.console import Console

    from safeguarding.check.compliance import CheckOptions, check_workspace
    from safeguarding.load.workspace import load_workspace
    from safeguarding.reporters.check_text import NARROW, requirements_table

    root = Path(__file__).parent.parent / "partnerships" / "worcestershire"
    result = check_workspace(load_workspace([root]), CheckOptions(date(2025, 6, 1)))
    assert width < NARROW
    for doc in result.documents:
        out = io.StringIO()
        Console(file=out, width=width, no_color=True).print(requirements_table(doc, narrow=True))
        lines = out.getvalue().splitlines()
        assert max(len(line.rstrip()) for line in lines) <= width
        words = set(" ".join(lines).replace(",", " ").split())
        ids = {s for c in doc.requirements for s in c.sections if len(s) < width - 20}
        assert ids and ids <= words, sorted(ids - words)
        assert all(c.id in out.getvalue().replace("\n", "") for c in doc.requirements)


def test_check_html_out_that_cannot_be_written_is_one_line_naming_it(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    in_the_way = tmp_path / "review"
    in_the_way.write_text("a file, not a folder", encoding="utf-8")
    code, out = check(root, "--format", "html", "--out", str(in_the_way))
    assert code == 2
    assert f"cannot write {in_the_way / 'check.html'}: a file of that name is in the way" in out
    assert "internal error" not in out
    assert in_the_way.read_text(encoding="utf-8") == "a file, not a folder"


def test_a_previous_check_page_that_is_not_utf8_is_replaced(tmp_path: Path) -> None:
    root, folder = make_root(tmp_path), tmp_path / "review"
    folder.mkdir()
    (folder / "check.html").write_bytes(b"\xff\xfe not a page this tool wrote")
    code, out = check(root, "--format", "html", "--out", str(folder))
    assert code in (0, 1) and "wrote" in out, out  # 1: the report's own findings
    assert "<html" in (folder / "check.html").read_text(encoding="utf-8")
