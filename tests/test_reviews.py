"""A reader's judgement is recorded, not faked: `reviews` tied to a hash of the covering text."""

from __future__ import annotations

import json
import shutil
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
    # The table tells the reviewer what to judge and the hash to record with the verdict.
    assert f"(text_hash {req['text_hash']})" in " ".join(check(root).split())
    sarif = json.loads(check(root, "--format", "sarif"))
    [note] = [r for r in sarif["runs"][0]["results"] if r["ruleId"].endswith("/impact_evidence")]
    assert note["level"] == "note" and req["text_hash"] in json.dumps(note)


def test_a_recorded_review_counts_and_is_shown_with_the_reviewer(tmp_path: Path) -> None:
    req, _ = impact(workspace(tmp_path / "a", REPORT))
    review = {"requirement": "impact_evidence", "verdict": "met", "by": "Jo Scrutineer",
              "date": "2025-05-01", "note": "Outcomes, not only activity.",
              "text_hash": req["text_hash"]}
    root = workspace(tmp_path / "b", {**REPORT, "reviews": [review]})
    reviewed, findings = impact(root)
    assert reviewed["status"] == "met"
    assert reviewed["review"] == "met, reviewed by Jo Scrutineer on 2025-05-01"
    assert not [f for f in findings if f["rule"].startswith("coverage.")]
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
    later, findings = impact(workspace(tmp_path / "b", changed))
    assert later["status"] == "needs-review"
    [stale] = [f for f in findings if f["rule"] == "coverage.review_stale"]
    assert stale["severity"] == "warning" and "Jo Scrutineer" in stale["message"]
    assert stale["line"] > 1  # at the review's text_hash, for the editor to jump to


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
