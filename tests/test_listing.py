"""`safeguarding list`: every partnership and document, its status and period, and the verdict
`check` gives it, in words and as JSON; listing never fails on a failing document."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAFEGUARDING = Path(sys.executable).parent / "safeguarding"


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(SAFEGUARDING), *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300, check=False)


@pytest.fixture(scope="module")
def listed() -> dict[str, Any]:
    done = run(ROOT, "list", "--format", "json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def documents(listed: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(p["partnership"], d["document"]): d for p in listed["partnerships"]
            for d in p["documents"]}


def test_every_seed_document_is_listed_with_its_status_and_period(listed: dict[str, Any]) -> None:
    assert [p["partnership"] for p in listed["partnerships"]] == [
        "west-sussex", "wirral", "worcestershire"]
    found = documents(listed)
    assert set(found) == {("west-sussex", "2019-06"), ("wirral", "2019-04"),
                          ("worcestershire", "2019-06"), ("worcestershire", "2023-24")}
    report = found[("worcestershire", "2023-24")]
    assert report["kind"] == "yearly-report" and report["status"] == "published"
    assert report["period"] == "2022-10-01 to 2024-03-31"
    assert found[("wirral", "2019-04")]["status"] == "draft"


def test_the_verdicts_are_checks_own(listed: dict[str, Any]) -> None:
    done = run(ROOT, "check", "--format", "json")
    checked = {(d["partnership"], d["document"]): d["passed"]
               for d in json.loads(done.stdout)["documents"]}
    verdicts = {key: doc["check"] for key, doc in documents(listed).items()}
    assert {key: v != "fails" for key, v in verdicts.items()} == checked
    assert verdicts[("worcestershire", "2023-24")] == "fails"


def test_text_lists_each_document_on_a_line(tmp_path: Path) -> None:
    done = run(ROOT, "list")
    assert done.returncode == 0, done.stderr
    line = next(x for x in done.stdout.splitlines() if "yearly-report 2023-24" in x)
    assert "published" in line and "2022-10-01 to 2024-03-31" in line
    assert line.rstrip().endswith("fails")
    assert done.stdout.rstrip().endswith("3 partnerships, 4 documents")


def test_an_invalid_document_and_an_empty_partnership_are_listed(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "partnerships" / "wirral", tmp_path / "partnerships" / "wirral")
    [arrangements] = (tmp_path / "partnerships" / "wirral" / "arrangements").glob("*.yaml")
    arrangements.write_text(arrangements.read_text("utf-8").replace("title:", "titel:", 1),
                            encoding="utf-8")
    (tmp_path / "partnerships" / "empty").mkdir()
    (tmp_path / "partnerships" / "empty" / "partnership.yaml").write_text(
        "name: Empty Partnership\narea:\n  name: Empty\n", encoding="utf-8")
    done = run(tmp_path, "list", "--format", "json")
    assert done.returncode == 0, done.stderr
    listed = json.loads(done.stdout)
    assert documents(listed)[("wirral", arrangements.stem)]["check"] == "not valid"
    empty = next(p for p in listed["partnerships"] if p["partnership"] == "empty")
    assert empty == {"partnership": "empty", "name": "Empty Partnership", "documents": []}


@pytest.mark.parametrize("breakage", ["yaml syntax", "a link to itself", "a folder"])
def test_a_document_that_cannot_be_read_is_listed_as_not_valid(tmp_path: Path,
                                                                breakage: str) -> None:
    shutil.copytree(ROOT / "partnerships" / "wirral", tmp_path / "partnerships" / "wirral")
    [arrangements] = (tmp_path / "partnerships" / "wirral" / "arrangements").glob("*.yaml")
    arrangements.unlink()
    if breakage == "yaml syntax":
        arrangements.write_text("title: [unclosed\n", encoding="utf-8")
    elif breakage == "a link to itself":
        arrangements.symlink_to(arrangements.name)
    else:
        arrangements.mkdir()
    done = run(tmp_path, "list", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert documents(json.loads(done.stdout))[("wirral", arrangements.stem)]["check"] == \
        "not valid"
