"""Loading rule sets: the shipped ones load cleanly; a bad one is a finding at its bad line."""

from __future__ import annotations

import shutil
from pathlib import Path

from safeguarding.check.consistency import CHECKS_BY_ID
from safeguarding.check.requirements import load_rule_set, load_rule_sets
from safeguarding.resources import requirements_dir
from safeguarding.results import Level


def test_shipped_rule_sets_load() -> None:
    rule_sets = load_rule_sets()
    assert rule_sets.findings == ()
    assert set(rule_sets.by_key) == {(k, e) for k in ("arrangements", "yearly-report")
                                     for e in ("wt2018", "wt2023")} | {("arrangements", "cwsa2026")}
    coming = rule_sets.get("arrangements", "cwsa2026")
    assert coming is not None and {r.level for r in coming.requirements} == {Level.NOTE}


def test_every_check_a_rule_set_switches_on_exists() -> None:
    for rule_set in load_rule_sets().by_key.values():
        assert set(rule_set.checks) <= set(CHECKS_BY_ID), rule_set.file


def test_a_bad_level_is_reported_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "arrangements-wt2018.yaml"
    shutil.copyfile(requirements_dir() / path.name, path)
    text = path.read_text(encoding="utf-8").replace("level: must", "level: mandatory", 1)
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("    level: mandatory") + 1
    [finding] = load_rule_set(path)  # type: ignore[misc]
    assert (finding.rule, finding.line, finding.column) == ("schema", line, 12)
    assert "mandatory" in finding.message


def test_a_duplicate_id_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "yearly-report-wt2018.yaml"
    text = (requirements_dir() / path.name).read_text(encoding="utf-8")
    path.write_text(text.replace("id: effectiveness", "id: activity_including_reviews"),
                    encoding="utf-8")
    findings = load_rule_sets(tmp_path).findings
    assert [f.rule for f in findings] == ["requirements.duplicate_id"]
    assert "activity_including_reviews" in findings[0].message


def test_a_title_cut_short_by_a_hash_is_warned_and_the_rule_set_still_loads(
        tmp_path: Path) -> None:
    path = tmp_path / "yearly-report-wt2018.yaml"
    text = (requirements_dir() / path.name).read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("    title: "))
    path.write_text(text.replace(title, title + " #2", 1), encoding="utf-8")
    loaded = load_rule_sets(tmp_path)
    assert ("yearly-report", "wt2018") in loaded.by_key
    assert [(f.rule, f.severity.value, f.line) for f in loaded.findings] == [
        ("yaml.comment_in_value", "warning", text.splitlines().index(title) + 1)]
