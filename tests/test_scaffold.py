"""`new` starts a partnership that validates with every requirement still to write;
`new-report` starts next year's report from last year's. Neither overwrites anything."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from safeguarding.load.yamlfile import SourceFile, load_yaml

ROOT = Path(__file__).resolve().parents[1]
SAFEGUARDING = Path(sys.executable).parent / "safeguarding"
MODELINE = "# yaml-language-server: $schema="


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(SAFEGUARDING), *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300, check=False)


def load(path: Path) -> dict[str, Any]:
    source = load_yaml(path)
    assert isinstance(source, SourceFile), source
    assert source.findings == []
    return source.data


def schema_of(path: Path) -> Path:
    """The schema a file's first line points VS Code at, as a file on disk."""
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(MODELINE), first
    return (path.parent / first.removeprefix(MODELINE)).resolve()


@pytest.fixture
def new(tmp_path: Path) -> Path:
    done = run(tmp_path, "new", "river-side")
    assert done.returncode == 0, done.stdout + done.stderr
    return tmp_path / "partnerships" / "river-side"


def check_json(cwd: Path, *args: str) -> dict[str, Any]:
    done = run(cwd, "check", *args, "--format", "json")
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)


def test_new_creates_a_partnership_that_validates(new: Path, tmp_path: Path) -> None:
    [arrangements] = (new / "arrangements").glob("*.yaml")
    assert arrangements.stem == f"{date.today():%Y-%m}"
    assert (new / "assets").is_dir()
    assert load(new / "partnership.yaml")["name"] == "River Side Safeguarding Children Partnership"
    assert schema_of(new / "partnership.yaml") == ROOT / "schemas" / "partnership.schema.json"
    assert schema_of(arrangements) == ROOT / "schemas" / "arrangements.schema.json"
    done = run(tmp_path, "validate")
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_requirement_is_a_titled_stub_that_check_says_is_not_met(new: Path,
                                                                        tmp_path: Path) -> None:
    [arrangements] = (new / "arrangements").glob("*.yaml")
    sections = load(arrangements)["sections"]
    [document] = check_json(tmp_path, "river-side")["documents"]
    stubs = {req_id for s in sections for req_id in s["covers"]}
    for requirement in document["requirements"]:
        if requirement["level"] == "note":
            continue  # duties not yet in force: told, not asked for
        assert requirement["id"] in stubs, requirement
        section = next(s for s in sections if requirement["id"] in s["covers"])
        assert section["title"] == requirement["title"]
        # Met only by the partnership's own facts (its area), never by a stub.
        assert requirement["status"] in ("partial", "missing") or requirement["evidence"], \
            requirement


def test_new_refuses_to_overwrite(new: Path, tmp_path: Path) -> None:
    before = {p: p.read_bytes() for p in new.rglob("*") if p.is_file()}
    done = run(tmp_path, "new", "river-side")
    assert done.returncode == 2
    assert "already exists" in done.stderr and "Traceback" not in done.stderr
    assert {p: p.read_bytes() for p in new.rglob("*") if p.is_file()} == before


def test_new_refuses_a_folder_name_that_is_not_a_slug(tmp_path: Path) -> None:
    done = run(tmp_path, "new", "River Side")
    assert done.returncode == 2
    assert "river-side" in done.stderr
    assert not (tmp_path / "partnerships").exists()


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "partnerships", tmp_path / "partnerships")
    return tmp_path


def planned_ids(report: dict[str, Any]) -> list[str]:
    return [item["id"] for block in _priorities(report.get("sections"))
            if block["role"] == "planned" for item in block["items"] if "id" in item]


def _priorities(sections: Any) -> list[dict[str, Any]]:
    found = []
    for section in sections or []:
        found += [b for b in section.get("blocks") or [] if b.get("type") == "priorities"]
        found += _priorities(section.get("sections"))
    return found


def test_new_report_carries_last_year_into_this_year(seeds: Path) -> None:
    done = run(seeds, "new-report", "worcestershire", "2024-25")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "30 September 2025" in done.stdout
    folder = seeds / "partnerships" / "worcestershire" / "reports"
    last, this = load(folder / "2023-24.yaml"), load(folder / "2024-25.yaml")
    assert schema_of(folder / "2024-25.yaml") == ROOT / "schemas" / "yearly-report.schema.json"
    assert "Publish by 30 September 2025" in (folder / "2024-25.yaml").read_text("utf-8")
    assert this["reporting_period"] == {"start": "2024-04-01", "end": "2025-03-31"}
    assert this["previous_report"] == "2023-24"
    assert this["status"] == "draft"
    assert this["signatories"] == last["signatories"]
    # The structure: the same sections, by id and title, in the same order.
    assert [(s["id"], s["title"]) for s in this["sections"]] == [
        (s["id"], s["title"]) for s in last["sections"]]
    # Last year's plans are this year's priorities to report on, and nothing else is.
    reported = [item["id"] for block in _priorities(this["sections"])
                for item in block["items"]]
    assert {b["role"] for b in _priorities(this["sections"])} == {"reported"}
    assert sorted(reported) == sorted(planned_ids(last))
    assert run(seeds, "validate").returncode == 0
    findings = check_json(seeds, "worcestershire", "2024-25")["findings"]
    assert not [f for f in findings if f["rule"] == "continuity.priorities_reported"]


def test_new_report_without_an_earlier_report_starts_from_the_rule_set(new: Path,
                                                                        tmp_path: Path) -> None:
    done = run(tmp_path, "new-report", "river-side", "2025-26")
    assert done.returncode == 0, done.stdout + done.stderr
    report = load(new / "reports" / "2025-26.yaml")
    assert "previous_report" not in report
    [document] = check_json(tmp_path, "river-side", "2025-26")["documents"]
    # A stub is a claim with nothing behind it: never evidence (the period alone is partial).
    musts = {r["status"] for r in document["requirements"] if r["level"] == "must"}
    assert musts <= {"missing", "partial"} and "missing" in musts
    assert run(tmp_path, "validate").returncode == 0


def test_new_report_refuses_to_overwrite_and_to_misread_a_year(seeds: Path) -> None:
    report = seeds / "partnerships" / "worcestershire" / "reports" / "2023-24.yaml"
    before = report.read_bytes()
    for year, says in (("2023-24", "already exists"), ("2024-26", "2024-25"),
                       ("2024", "2024-25")):
        done = run(seeds, "new-report", "worcestershire", year)
        assert done.returncode == 2, done.stdout
        assert says in done.stderr and "Traceback" not in done.stderr
    assert report.read_bytes() == before
    assert sorted(p.name for p in report.parent.iterdir()) == ["2023-24.yaml"]


def test_new_files_point_at_the_schemas_of_their_own_repository(tmp_path: Path) -> None:
    """In a partnership's own repository, after `safeguarding schema --out schemas`."""
    (tmp_path / ".git").mkdir()
    assert run(tmp_path, "schema", "--out", "schemas").returncode == 0
    assert run(tmp_path, "new", "river-side").returncode == 0
    assert run(tmp_path, "new-report", "river-side", "2025-26").returncode == 0
    folder = tmp_path / "partnerships" / "river-side"
    [arrangements] = (folder / "arrangements").glob("*.yaml")
    for path, schema in ((folder / "partnership.yaml", "partnership"),
                         (arrangements, "arrangements"),
                         (folder / "reports" / "2025-26.yaml", "yearly-report")):
        assert schema_of(path) == tmp_path / "schemas" / f"{schema}.schema.json"
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith(f"{MODELINE}../"), first  # relative: the same on every clone
