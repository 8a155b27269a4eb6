"""Cross-document checks where the case folders' shared partnership files do not fit:
arrangements with no published version, a review date of a superseded version, last
year's planned priorities without ids."""

from __future__ import annotations

from pathlib import Path

from test_check_cases import run_case

ARRANGEMENTS = """\
title: Casetown safeguarding arrangements
status: {status}
edition: wt2023
{dates}
sections:
  - id: intro
    title: Introduction
    body: How the three partners work together.
"""


def _case(tmp_path: Path, rule: str, text: str, earlier: dict[str, str] | None = None,
          kind: str = "arrangements") -> Path:
    case = tmp_path / "cases" / rule / "fail" / "case.yaml"
    case.parent.mkdir(parents=True)
    case.write_text(text, encoding="utf-8")
    for name, body in (earlier or {}).items():
        path = case.parent.parent / "partnership" / kind / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    return case


def test_a_draft_with_no_published_version_is_a_warning_at_its_status(tmp_path: Path) -> None:
    text = ARRANGEMENTS.format(status="draft", dates='review_due: "2026-01-31"')
    case = _case(tmp_path, "series.arrangements_published", text)
    assert run_case(case, tmp_path / "run") == [("series.arrangements_published", 2, 9,
                                                  "warning")]


def test_a_superseded_version_is_not_told_its_review_is_overdue(tmp_path: Path) -> None:
    # arrangements/2024-01.yaml (the case) was replaced by a published 2025-03 version.
    old = ARRANGEMENTS.format(status="published",
                              dates='published: "2024-01-15"\nreview_due: "2025-01-31"')
    new = ARRANGEMENTS.format(status="published",
                              dates='published: "2025-03-10"\nreview_due: "2027-03-31"')
    case = _case(tmp_path, "dates.review_overdue", old, {"2025-03.yaml": new})
    assert run_case(case, tmp_path / "run") == []


def test_the_current_version_is_told_its_review_is_overdue(tmp_path: Path) -> None:
    old = ARRANGEMENTS.format(status="published",
                              dates='published: "2024-01-15"\nreview_due: "2025-01-31"')
    case = _case(tmp_path, "dates.review_overdue", old)
    assert run_case(case, tmp_path / "run") == [("dates.review_overdue", 5, 13, "warning")]


REPORT = """\
title: Casetown yearly report {years}
status: published
edition: wt2023
published: "{published}"
reporting_period: {{start: "{start}", end: "{end}"}}
sections:
  - id: priorities
    title: Priorities
    body: {body}
    blocks:
      - type: priorities
        role: {role}
        items:
          - {{title: {title}}}
"""


def test_planned_priorities_without_ids_are_followed_by_title(tmp_path: Path) -> None:
    last = REPORT.format(years="2022 to 2023", published="2023-09-20", start="2022-04-01",
                         end="2023-03-31", body="What we did.", role="planned",
                         title="Keep children safe online")
    kept = REPORT.format(years="2023 to 2024", published="2024-09-18", start="2023-04-01",
                         end="2024-03-31", body="Work to keep children safe online went on.",
                         role="reported", title="Online safety")
    dropped = kept.replace("Work to keep children safe online went on.", "We met monthly.")
    rule = "continuity.priorities_carried"
    assert run_case(_case(tmp_path / "a", rule, kept, {"2022-23.yaml": last}, "reports"),
                    tmp_path / "a" / "run") == []
    assert run_case(_case(tmp_path / "b", rule, dropped, {"2022-23.yaml": last}, "reports"),
                    tmp_path / "b" / "run") == [(rule, 11, 9, "warning")]
