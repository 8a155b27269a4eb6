"""output/manifest.json: every published file, its digest and size, and what document it is."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from conftest import SAMPLE_ROOT, Built

from safeguarding.publish.build import BuildRequest, build_reports


def _manifest(out: Path) -> dict[str, dict]:
    data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return {entry["path"]: entry for entry in data["files"]}


def test_every_published_file_is_listed_with_its_digest_and_size(built: Built) -> None:
    listed = _manifest(built.out)
    on_disk = {p.relative_to(built.out).as_posix(): p.read_bytes()
               for p in built.out.rglob("*") if p.is_file() and ".build" not in p.parts}
    assert set(listed) == set(on_disk) - {"manifest.json"}
    for path, content in on_disk.items():
        if path != "manifest.json":
            assert listed[path]["sha256"] == hashlib.sha256(content).hexdigest(), path
            assert listed[path]["size"] == len(content), path


def test_each_file_says_which_document_it_is(built: Built) -> None:
    listed = _manifest(built.out)
    assert {k: v for k, v in listed["riverside/yearly-report-2023-24.pdf"].items()
            if k not in ("sha256", "size")} == {
        "path": "riverside/yearly-report-2023-24.pdf", "format": "pdf",
        "partnership": "riverside", "document": "2023-24", "kind": "yearly-report",
        "title": "Yearly report 2023 to 2024",
        "status": "published", "period": {"start": "2023-04-01", "end": "2024-03-31"}}
    arrangements = listed["riverside/arrangements-2024-09.html"]
    assert (arrangements["status"], arrangements["period"]) == (
        "draft", {"start": "2024-12-01", "end": None})
    assert listed["index.html"]["kind"] == "index"


def test_a_file_built_by_other_means_is_listed_by_its_name(tmp_path: Path) -> None:
    (tmp_path / "riverside").mkdir()
    (tmp_path / "riverside" / "yearly-report-2021-22.pdf").write_bytes(b"%PDF- made elsewhere")
    build_reports(BuildRequest(SAMPLE_ROOT, "riverside", ("2023-24",), ("html",), tmp_path))
    entry = _manifest(tmp_path)["riverside/yearly-report-2021-22.pdf"]
    assert (entry["kind"], entry["document"], entry["status"], entry["period"]) == (
        "yearly-report", "2021-22", None, None)
