"""An unchanged document is not built again; a change to anything its output depends on is.

Each kind of input is changed in turn: the document is built again, and once the change is
undone, built again to the very bytes of the first build.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE_ROOT

from safeguarding.publish import buildkey
from safeguarding.publish.build import BUILT, UNCHANGED, BuildOutcome, BuildRequest, build_reports
from safeguarding.resources import schemas_dir, templates_dir

TODAY = date(2025, 6, 1)


@pytest.fixture
def root(tmp_path: Path) -> Iterator[Path]:
    shutil.copytree(SAMPLE_ROOT, tmp_path / "partnerships")
    buildkey.tool_digest.cache_clear()
    yield tmp_path / "partnerships"
    buildkey.tool_digest.cache_clear()  # what a test changed must not outlive it


def _request(root: Path, **changes: object) -> BuildRequest:
    request = BuildRequest(root, "riverside", ("2023-24",), ("html",), root.parent / "out",
                           today=TODAY)
    return replace(request, **changes)  # type: ignore[arg-type]


def _outputs(out: Path) -> dict[str, tuple[bytes, int]]:
    return {str(p.relative_to(out)): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(out.rglob("*")) if p.is_file()}


def _contents(out: Path) -> dict[str, bytes]:
    return {name: content for name, (content, _) in _outputs(out).items()}


def _status(outcome: BuildOutcome) -> str:
    [document] = outcome.documents
    return document.status


def test_an_unchanged_document_is_not_built_again(root: Path) -> None:
    first = build_reports(_request(root))
    before = _outputs(root.parent / "out")
    again = build_reports(_request(root))
    assert (_status(first), _status(again)) == (BUILT, UNCHANGED)
    assert _outputs(root.parent / "out") == before  # same bytes, same times, index included
    assert again.findings == first.findings and again.findings  # told again, in full
    assert again.unchanged == first.built and not again.built
    assert again.read == first.read


def test_force_builds_it_again_to_the_same_bytes(root: Path) -> None:
    build_reports(_request(root))
    before = _contents(root.parent / "out")
    assert _status(build_reports(_request(root, force=True))) == BUILT
    after = _contents(root.parent / "out")
    assert after == before


@pytest.mark.parametrize("damage", [Path.unlink, lambda p: p.write_text("edited by hand")],
                         ids=["deleted", "edited"])
def test_an_output_file_changed_since_is_built_again(root: Path,
                                                     damage: Callable[[Path], None]) -> None:
    first = build_reports(_request(root))
    page = first.built[0]
    original = page.read_bytes()
    damage(page)
    assert _status(build_reports(_request(root))) == BUILT
    assert page.read_bytes() == original


Change = Callable[[Path, pytest.MonkeyPatch], None]


def _edit(relative: str, extra: bytes = b"\n# changed\n") -> Change:
    def change(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        path = root / "riverside" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes((path.read_bytes() if path.exists() else b"") + extra)
    return change


def _shipped(folder: Callable[[], Path], name: str, relative: str
             ) -> Callable[[Path, pytest.MonkeyPatch], None]:
    """A copy of a shipped folder with one file changed, seen by the build key as the real one."""
    def change(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        copy = root.parent / f"shipped-{name}"
        shutil.copytree(folder(), copy, ignore=shutil.ignore_patterns("__pycache__"))
        target = copy / relative
        target.write_bytes(target.read_bytes() + b"\n")
        monkeypatch.setattr(buildkey, name, lambda: copy)
        buildkey.tool_digest.cache_clear()
    return change


def _source(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = root.parent / "source"
    shutil.copytree(buildkey.PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "findings.py").write_text((copy / "findings.py").read_text() + "\n# a change\n")
    monkeypatch.setattr(buildkey, "PACKAGE_DIR", copy)
    buildkey.tool_digest.cache_clear()


def _library(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    listed = buildkey._environment

    def newer_weasyprint() -> Iterator[str]:
        for line in listed():
            yield line.replace("weasyprint-", "weasyprint-99.") if "weasyprint" in line else line

    monkeypatch.setattr(buildkey, "_environment", newer_weasyprint)
    buildkey.tool_digest.cache_clear()


def _system_library(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(buildkey, "_library_version", lambda *args: "99.0")
    buildkey.tool_digest.cache_clear()


def _fallback_font(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fonts = root.parent / "fonts"
    fonts.mkdir()
    (fonts / "Extra.ttf").write_bytes(b"a font fontconfig could fall back on")
    monkeypatch.setattr(buildkey, "FONT_PLACES", (*buildkey.FONT_PLACES, str(fonts)))
    buildkey.tool_digest.cache_clear()


def _epoch(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")


def _elsewhere(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(root)  # the findings name the files from another folder


CHANGES: dict[str, Callable[[Path, pytest.MonkeyPatch], None]] = {
    "the document": _edit("reports/2023-24.yaml"),
    "partnership.yaml": _edit("partnership.yaml"),
    "another document": _edit("arrangements/2024-09.yaml"),
    "last year's report": _edit("reports/2022-23.yaml"),
    "an asset": _edit("assets/logo.svg", b"\n"),
    "a template override": _edit("templates/partials/quotation.html", b"<p>{{ 1 }}</p>"),
    "a shipped template": _shipped(templates_dir, "templates_dir", "yearly-report.html"),
    "the shipped CSS": _shipped(templates_dir, "templates_dir", "document.css"),
    "a shipped font": _shipped(templates_dir, "templates_dir",
                               "fonts/AtkinsonHyperlegibleNext-Regular.ttf"),
    "a schema": _shipped(schemas_dir, "schemas_dir", "common.schema.json"),
    "a rule set": _shipped(schemas_dir, "schemas_dir", "requirements/yearly-report-wt2023.yaml"),
    "the tool's source": _source,
    "a library version": _library,
    "a system library version": _system_library,
    "a fallback font": _fallback_font,
    "SOURCE_DATE_EPOCH": _epoch,
    "the current folder": _elsewhere,
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_a_change_to_any_input_builds_it_again(root: Path, change: Callable[..., None]) -> None:
    first = build_reports(_request(root))
    before = _contents(root.parent / "out")
    originals = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    with pytest.MonkeyPatch.context() as monkeypatch:
        change(root, monkeypatch)
        assert _status(build_reports(_request(root))) == BUILT
        # what the incremental build left is what a build from nothing makes of the change
        clean = root.parent / "clean"
        build_reports(_request(root, out=clean))
        assert _contents(root.parent / "out") == _contents(clean)
        shutil.rmtree(clean)
        for path in set(root.rglob("*")) - set(originals):  # undo: files added
            if path.is_file():
                path.unlink()
        for path, content in originals.items():  # and files changed
            path.write_bytes(content)
    buildkey.tool_digest.cache_clear()  # as a new process would
    assert _status(build_reports(_request(root))) == BUILT  # the record is the change's
    after = _contents(root.parent / "out")
    assert after == before
    assert _status(build_reports(_request(root))) == UNCHANGED
    assert first.findings == build_reports(_request(root)).findings


@pytest.mark.parametrize("option", [{"today": date(2025, 6, 2)}, {"strict": True},
                                    {"formats": ("html", "pdf")}, {"draft": True}],
                         ids=["--today", "--strict", "--format", "--draft"])
def test_a_change_of_option_builds_it_again(root: Path, option: dict) -> None:
    build_reports(_request(root))
    assert _status(build_reports(_request(root, **option))) != UNCHANGED
    assert _status(build_reports(_request(root))) != UNCHANGED


def _twice(out: Path, *options: str) -> list[subprocess.CompletedProcess[str]]:
    return [subprocess.run([sys.executable, "-m", "safeguarding", "build-report",
                            "worcestershire", "2023-24", "--format", "html", "--out", str(out),
                            *options],
                           cwd=ROOT, capture_output=True, text=True, timeout=300,
                           env={**os.environ, "NO_COLOR": "1"}) for _ in range(2)]


def _said(run: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in run.stdout.splitlines()
            if not line.startswith(("built ", "unchanged "))]


def test_the_command_tells_the_same_findings_and_exit_code_again(root: Path) -> None:
    """Worcestershire's report has a `check` error (a misprinted total): as a review copy it
    is built (exit 0), and the second time told again without building."""
    out = root.parent / "out"
    runs = _twice(out, "--draft")
    assert [r.returncode for r in runs] == [0, 0], runs[0].stderr
    assert f"built {out}" in runs[0].stdout and "unchanged since its last build" in runs[1].stdout
    assert _said(runs[0]) == _said(runs[1])
    assert any("error [figures.budget_totals]" in line for line in _said(runs[0]))


def test_a_refused_document_is_refused_again_with_the_same_findings(root: Path) -> None:
    """Published, the same report is refused (exit 1): the second time too, from its record,
    and the review copy built before is left as it was."""
    out = root.parent / "out"
    _twice(out, "--draft")
    before = _outputs(out / "worcestershire")
    runs = _twice(out)
    assert [r.returncode for r in runs] == [1, 1], runs[0].stderr
    assert _said(runs[0]) == _said(runs[1])
    assert any("error [build.unpublishable]" in line for line in _said(runs[0]))
    assert _outputs(out / "worcestershire") == before
    record = json.loads((out / ".build" / "worcestershire" / "yearly-report-2023-24.json")
                        .read_text(encoding="utf-8"))
    assert record["status"] == "refused"


def test_a_draft_build_and_a_published_one_are_not_taken_for_each_other(root: Path) -> None:
    """--draft changes the output (a Draft mark): a build with it is not replayed without it."""
    request = _request(root, documents=("2023-24",))
    assert _status(build_reports(request)) == BUILT
    assert _status(build_reports(replace(request, draft=True))) == BUILT
    assert _status(build_reports(replace(request, draft=True))) == UNCHANGED
    assert _status(build_reports(request)) == BUILT
