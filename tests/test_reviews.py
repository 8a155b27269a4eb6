"""A reader's judgement is recorded, not faked: `reviews` tied to a hash of the covering text."""

from __future__ import annotations

import json
import shutil
from html import unescape
from pathlib import Path

import yaml
from typer.testing import CliRunner

from safeguarding.cli import app

HERE = Path(__file__).parent
BASE = HERE / "fixtures" / "check" / "casetown"
# Real sentences of the Worcestershire 2023-24 report ("Evidence of Impact", section 12).
IMPACT = ("The impact of the work of the WCF Education Safeguarding Team supported by the "
          "Education Head Teacher Safeguarding Steering Group has led directly to the following: "
          "thousands of children, young people and families across Worcestershire are receiving "
          "early help and support, and 1,200 staff completed safeguarding training.")
REPORT = {
    "title": "Casetown yearly report 2023 to 2024", "status": "draft", "edition": "wt2023",
    "reporting_period": {"start": "2023-04-01", "end": "2024-03-31"},
    "sections": [{"id": "impact", "title": "Evidence of Impact", "covers": ["impact_evidence"],
                  "body": IMPACT}],
}


def workspace(tmp_path: Path, report: dict) -> Path:
    root = tmp_path / "partnerships"
    shutil.copytree(BASE, root / "casetown")
    (root / "casetown" / "reports").mkdir()
    (root / "casetown" / "reports" / "2023-24.yaml").write_text(
        yaml.safe_dump(report, sort_keys=False), encoding="utf-8")
    return root


def check(root: Path, *args: str) -> str:
    return CliRunner().invoke(app, ["check", "--root", str(root), "--today", "2025-06-01",
                                    *args], env={"NO_COLOR": "1"}).output


def impact(root: Path) -> tuple[dict, list[dict]]:
    [doc] = json.loads(check(root, "--format", "json"))["documents"]
    [req] = [r for r in doc["requirements"] if r["id"] == "impact_evidence"]
    return req, doc["findings"]


def test_a_judgement_needs_review_until_one_is_recorded(tmp_path: Path) -> None:
    root = workspace(tmp_path, REPORT)
    req, _ = impact(root)
    assert req["status"] == "needs-review"
    assert [e["id"] for e in req["elements"] if e["status"] == "needs-review"] == ["judged"]
    # The table says what to judge, in the rule set's words, and no hash: the hash is in
    # the YAML to paste, printed after the table.
    text = check(root)
    table = " ".join(text[:text.index("Needs your judgement")].split())
    assert "needs review" in table and req["text_hash"] not in table
    assert "to judge: whether what is reported shows a real difference" in table
    assert f'text_hash: "{req["text_hash"]}"' in snippet(text)
    # The machine formats carry the same YAML: JSON with the hash as a field too.
    assert req["to_record"].endswith(snippet(text).split("\n", 1)[1])
    sarif = json.loads(check(root, "--format", "sarif"))
    [note] = [r for r in sarif["runs"][0]["results"] if r["ruleId"].endswith("/impact_evidence")]
    assert note["level"] == "note" and snippet(text) in note["message"]["text"]
    assert snippet(text) in check(root, "--format", "junit")
    assert snippet(text).replace("\n", "%0A") in check(root, "--format", "github")
    html = tmp_path / "html"
    check(root, "--format", "html", "--out", str(html))
    page = (html / "check.html").read_text(encoding="utf-8")
    assert "Needs your judgement" in page and "judge whether what is reported" in page
    assert f"<code>{snippet(text)}</code>" in unescape(page)  # the same YAML, to copy


def snippet(text: str) -> str:
    """The YAML the text report prints after "To record your review", as a reader copies it:
    from its first line to the blank line after it."""
    after = text[text.index("To record your review"):].split("\n\n")[1]
    return after.strip("\n")


def fill(yaml_text: str, verdict: str) -> str:
    """The snippet as a reader fills it in: a value typed after each blank's colon."""
    for blank, value in (("verdict:", verdict), ("by:", "Jo Scrutineer, independent scrutineer"),
                         ("date:", "2025-06-02")):
        yaml_text = yaml_text.replace(f"{blank} ", f"{blank} {value}", 1)
    return yaml_text


def append(root: Path, yaml_text: str) -> None:
    report = root / "casetown" / "reports" / "2023-24.yaml"
    report.write_text(report.read_text(encoding="utf-8") + yaml_text + "\n", encoding="utf-8")


def test_the_printed_review_filled_in_and_pasted_records_the_verdict(tmp_path: Path) -> None:
    for verdict, status in (("met", "met"), ("not-met", "partial")):
        root = workspace(tmp_path / verdict, REPORT)
        text = check(root)
        assert f"add to the end of {root}/casetown/reports/2023-24.yaml" in " ".join(text.split())
        append(root, fill(snippet(text), verdict))
        reviewed, findings = impact(root)
        assert reviewed["status"] == status, findings
        assert reviewed["review"] == f"{verdict}, reviewed by Jo Scrutineer, independent " \
                                     "scrutineer on 2025-06-02"
        assert "Needs your judgement" not in check(root)


def test_a_pasted_review_left_blank_records_nothing(tmp_path: Path) -> None:
    root = workspace(tmp_path, REPORT)
    append(root, snippet(check(root)))
    [doc] = json.loads(check(root, "--format", "json"))["documents"]
    assert not doc["checked"]  # each blank is named at its line, for the reader to fill in
    blanks = [f for f in doc["findings"] if f["rule"] == "schema"]
    assert {f["message"].split("'")[1] for f in blanks} == {"verdict", "by", "date"}
    # Each says what goes there; none suggests leaving out a field a review must have.
    said = {f["message"].split("'")[1]: f for f in blanks}
    assert "one of: met, not-met" in said["verdict"]["message"]
    assert "YYYY-MM-DD" in said["date"]["message"]
    assert not [f for f in blanks if "leave the field out" in f["hint"]]


def test_a_second_review_is_added_to_the_list_as_it_is_written(tmp_path: Path) -> None:
    # The Worcestershire report waits for two judgements; one is recorded, its list's
    # dashes at the margin (as yaml.safe_dump writes them, not as the snippet does).
    root = tmp_path / "partnerships"
    shutil.copytree(HERE.parent / "partnerships" / "worcestershire", root / "worcestershire")
    report = root / "worcestershire" / "reports" / "2023-24.yaml"
    first = snippet(check(root, "worcestershire", "2023-24")).split("  - requirement:")[1]
    first = "  - requirement:" + first  # the first of the two, impact_evidence
    report.write_text(report.read_text(encoding="utf-8") + "reviews:\n" + "\n".join(
        line[2:] for line in fill(first, "met").splitlines()) + "\n", encoding="utf-8")
    text = check(root, "worcestershire", "2023-24")
    line = report.read_text(encoding="utf-8").splitlines().index("reviews:") + 1
    assert f"to the `reviews:` list at line {line} of" in text
    assert snippet(text).startswith("- requirement: costs_and_value_for_money")
    report.write_text(report.read_text(encoding="utf-8") + fill(snippet(text), "met") + "\n",
                      encoding="utf-8")
    [doc] = json.loads(check(root, "worcestershire", "2023-24", "--format", "json"))["documents"]
    status = {r["id"]: r["status"] for r in doc["requirements"]}
    assert doc["checked"], doc["findings"]
    assert status["impact_evidence"] == status["costs_and_value_for_money"] == "met"


def test_a_recorded_review_counts_and_is_shown_with_the_reviewer(tmp_path: Path) -> None:
    req, _ = impact(workspace(tmp_path / "a", REPORT))
    review = {"requirement": "impact_evidence", "verdict": "met", "by": "Jo Scrutineer",
              "date": "2025-05-01", "note": "Outcomes, not only activity.",
              "text_hash": req["text_hash"]}
    root = workspace(tmp_path / "b", {**REPORT, "reviews": [review]})
    reviewed, findings = impact(root)
    assert reviewed["status"] == "met"
    assert reviewed["review"] == "met, reviewed by Jo Scrutineer on 2025-05-01"
    # (the section's head teachers' steering group is told as untagged education evidence)
    assert not [f for f in findings if f["rule"].startswith("coverage.")
                and f["rule"] != "coverage.untagged_evidence"]
    assert "reviewed by Jo Scrutineer" in " ".join(check(root).split())
    html = tmp_path / "html"
    check(root, "--format", "html", "--out", str(html))
    assert "reviewed by Jo Scrutineer" in "".join(p.read_text() for p in html.rglob("*.html"))


def test_a_not_met_verdict_leaves_the_requirement_partial(tmp_path: Path) -> None:
    req, _ = impact(workspace(tmp_path / "a", REPORT))
    review = {"requirement": "impact_evidence", "verdict": "not-met", "by": "Jo Scrutineer",
              "date": "2025-05-01", "text_hash": req["text_hash"]}
    reviewed, _ = impact(workspace(tmp_path / "b", {**REPORT, "reviews": [review]}))
    assert reviewed["status"] == "partial"


def test_a_review_of_text_that_has_changed_is_stale(tmp_path: Path) -> None:
    req, _ = impact(workspace(tmp_path / "a", REPORT))
    review = {"requirement": "impact_evidence", "verdict": "met", "by": "Jo Scrutineer",
              "date": "2025-05-01", "text_hash": req["text_hash"]}
    changed = {**REPORT, "reviews": [review], "sections": [
        {**REPORT["sections"][0], "body": IMPACT.replace("1,200", "2,400")}]}
    root = workspace(tmp_path / "b", changed)
    later, findings = impact(root)
    assert later["status"] == "needs-review"
    [stale] = [f for f in findings if f["rule"] == "coverage.review_stale"]
    assert stale["severity"] == "warning" and "Jo Scrutineer" in stale["message"]
    assert stale["line"] > 1  # at the review's text_hash, for the editor to jump to
    # After the table: which line to change, and to what; no new review to paste.
    text = " ".join(check(root).split())
    assert (f"the review at line {stale['line']} was of text that has changed since" in text
            and f'set the text_hash at line {stale["line"]} to "{later["text_hash"]}"' in text)
    assert "To record your review" not in text
    report = root / "casetown" / "reports" / "2023-24.yaml"
    lines = report.read_text(encoding="utf-8").splitlines()
    lines[stale["line"] - 1] = f"  text_hash: {later['text_hash']}"  # as the reader does
    report.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert impact(root)[0]["status"] == "met"


def test_a_review_of_a_requirement_the_document_is_not_checked_against(tmp_path: Path) -> None:
    review = {"requirement": "funding", "verdict": "met", "by": "Jo Scrutineer",
              "date": "2025-05-01", "text_hash": "0123456789ab"}
    _, findings = impact(workspace(tmp_path, {**REPORT, "reviews": [review]}))
    [unknown] = [f for f in findings if f["rule"] == "coverage.review_unknown_requirement"]
    assert unknown["severity"] == "warning" and "'funding'" in unknown["message"]


def test_a_reviewers_note_is_not_checked_as_published_text(tmp_path: Path) -> None:
    # Reviews are the reader's record, never printed: a note may say "TBC" or use a
    # shorthand without the document being held up or asked to explain it.
    req, _ = impact(workspace(tmp_path / "a", REPORT))
    review = {"requirement": "impact_evidence", "verdict": "met", "by": "Jo Scrutineer",
              "date": "2025-05-01", "text_hash": req["text_hash"],
              "note": "Figures TBC with the QAPP; see the MASH audit [Insert link]."}
    root = workspace(tmp_path / "b", {**REPORT, "reviews": [review]})
    _, findings = impact(root)
    assert not [f for f in findings if any(w in f["message"] for w in ("TBC", "QAPP", "MASH",
                                                                         "Insert"))]
    published = {**REPORT, "status": "published", "published": "2024-06-20",
                 "reviews": [review]}
    root = workspace(tmp_path / "c", published)
    done = CliRunner().invoke(app, ["build-report", "casetown", "2023-24", "--root", str(root),
                                    "--out", str(tmp_path / "out"), "--format", "html"],
                              env={"NO_COLOR": "1"})
    assert "TBC" not in done.output and "placeholder" not in done.output.lower()
