"""`safeguarding build-report` as a black box: exit codes, what is built, what is not."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, SAMPLE_ROOT


def run(*args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "safeguarding", "build-report", *args],
                          cwd=cwd, capture_output=True, text=True, timeout=300,
                          env={**os.environ, **(env or {})})


def test_builds_html_only_when_asked(tmp_path: Path) -> None:
    done = run("riverside", "arrangements", "--root", str(SAMPLE_ROOT), "--out", str(tmp_path),
               "--format", "html")
    assert done.returncode == 0, done.stdout + done.stderr
    assert sorted(p.name for p in (tmp_path / "riverside").iterdir()) == \
        ["arrangements-2024-09.html"]
    assert f"built {tmp_path}/riverside/arrangements-2024-09.html" in done.stdout
    assert "build.requirements" in done.stdout  # gaps: a warning, and the document is built
    # The summary counts the input files read (partnership.yaml, 3 documents), not those built.
    assert "all 4 files are valid, with " in done.stdout


def test_without_a_document_builds_the_latest_yearly_report(tmp_path: Path) -> None:
    done = run("riverside", "--root", str(SAMPLE_ROOT), "--out", str(tmp_path), "--format", "html")
    assert done.returncode == 0
    assert [p.name for p in (tmp_path / "riverside").iterdir()] == ["yearly-report-2023-24.html"]


def test_invalid_input_builds_nothing(tmp_path: Path) -> None:
    root = tmp_path / "partnerships"
    shutil.copytree(SAMPLE_ROOT, root)
    report = root / "riverside" / "reports" / "2023-24.yaml"
    report.write_text(report.read_text().replace("status: published", "status: finished"))
    done = run("riverside", "2022-23", "--root", str(root), "--out", str(tmp_path / "out"))
    assert done.returncode == 1
    assert "2023-24.yaml" in done.stdout and "error" in done.stdout
    assert not (tmp_path / "out").exists()


def test_check_errors_are_shown_but_do_not_stop_a_draft(tmp_path: Path) -> None:
    done = run("worcestershire", "2023-24", "--out", str(tmp_path), "--format", "html", "--draft")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "error [figures.budget_totals]" in done.stdout  # Appendix A's misprinted totals
    assert "They do not stop a draft's build" in done.stdout
    assert (tmp_path / "worcestershire" / "yearly-report-2023-24.html").is_file()


def test_strict_refuses_a_document_that_fails_check(tmp_path: Path) -> None:
    done = run("riverside", "2022-23", "--root", str(SAMPLE_ROOT), "--out", str(tmp_path),
               "--format", "html", "--strict")
    assert done.returncode == 1
    assert "build.refused" in done.stdout
    assert "15 must- or should-level requirements not fully met (joint_report_12_months" \
        in done.stdout  # says why, not only that it failed
    assert not (tmp_path / "riverside").exists()


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run("--root", str(SAMPLE_ROOT), "--out", str(tmp_path)).returncode == 2
    assert run("riverside", "--all", "--root", str(SAMPLE_ROOT)).returncode == 2
    done = run("nowhere", "--root", str(SAMPLE_ROOT), "--out", str(tmp_path))
    assert done.returncode == 2 and "nowhere" in done.stderr
    assert "(there are: riverside)" in done.stderr
    assert run("riverside", "1999-00", "--root", str(SAMPLE_ROOT)).returncode == 2
    assert not any(tmp_path.iterdir())


def test_an_unwritable_output_folder_is_an_io_error_not_a_crash(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "out"
    not_a_folder.write_text("a file where the output folder should be")
    done = run("riverside", "arrangements", "--root", str(SAMPLE_ROOT), "--out",
               str(not_a_folder), "--format", "html")
    assert done.returncode == 2, done.stdout + done.stderr
    assert "cannot write" in done.stderr and "internal error" not in done.stderr
    assert not_a_folder.read_text() == "a file where the output folder should be"


def _digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_builds_give_identical_bytes(tmp_path: Path) -> None:
    """Separate processes, SOURCE_DATE_EPOCH unset (the tool sets it): the same bytes."""
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    builds = (("--all", "--root", str(SAMPLE_ROOT)),
              ("worcestershire", "2023-24", "--draft", "--root", str(ROOT / "partnerships")))
    digests = []
    for name in ("first", "second"):
        out = tmp_path / name
        for args in builds:
            done = subprocess.run([sys.executable, "-m", "safeguarding", "build-report", *args,
                                   "--out", str(out)], cwd=ROOT, capture_output=True, text=True,
                                  timeout=300, env=env)
            assert done.returncode == 0, done.stdout + done.stderr
        digests.append(_digests(out))
    assert digests[0] == digests[1]
    assert sum(name.endswith(".pdf") for name in digests[0]) == 4


def test_output_inside_the_partnerships_folder_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "partnerships"
    shutil.copytree(SAMPLE_ROOT, root)
    before = _digests(root)
    for out in (root, root / "riverside", root / "riverside" / "assets" / "out", root / "x"):
        done = run("riverside", "--root", str(root), "--out", str(out), "--format", "html")
        assert done.returncode == 2, done.stdout + done.stderr
        assert "inside the partnerships folder" in done.stderr
    assert _digests(root) == before


def test_a_partnership_without_documents_says_so(tmp_path: Path) -> None:
    root = tmp_path / "partnerships"
    shutil.copytree(SAMPLE_ROOT, root)
    for sub in ("reports", "arrangements"):
        shutil.rmtree(root / "riverside" / sub)
    (root / "riverside" / "reports").mkdir()
    done = run("riverside", "--root", str(root), "--out", str(tmp_path / "out"))
    assert done.returncode == 2
    assert "riverside has no documents" in done.stderr and "reports/<YYYY-YY>.yaml" in done.stderr


def test_a_partnership_folder_with_capitals_is_named_as_it_should_be(tmp_path: Path) -> None:
    root = tmp_path / "partnerships"
    shutil.copytree(SAMPLE_ROOT / "riverside", root / "RiverSide")
    done = run("RiverSide", "--root", str(root), "--out", str(tmp_path / "out"))
    assert done.returncode == 2
    assert "rename the folder 'RiverSide' to 'riverside'" in done.stderr, done.stderr


def test_all_with_nothing_to_build_says_so(tmp_path: Path) -> None:
    done = run("--all", "--root", str(tmp_path), "--out", str(tmp_path / "out"))
    assert done.returncode == 2 and "no documents to build" in done.stderr
