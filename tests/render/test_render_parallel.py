"""Several documents at once (--jobs): the same files as one at a time, a failure told without
stopping the others, and progress and a summary while `--all` works."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE_ROOT

from safeguarding.load.layout import document_refs
from safeguarding.publish.build import BUILT, FAILED, BuildRequest, DocumentOutcome, build_reports
from safeguarding.reporters.progress import BarProgress, PlainProgress, progress_for


def _files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file()}


def test_two_jobs_build_the_same_files_as_one(tmp_path: Path) -> None:
    outcomes = [build_reports(BuildRequest(SAMPLE_ROOT, None, formats=("html",),
                                           out=tmp_path / str(jobs), jobs=jobs))
                for jobs in (1, 2)]
    assert [[d.status for d in o.documents] for o in outcomes] == [[BUILT] * 3] * 2
    assert outcomes[0].findings == outcomes[1].findings
    assert _files(tmp_path / "1") == _files(tmp_path / "2")


def _broken_arrangements(tmp_path: Path) -> Path:
    root = tmp_path / "partnerships"
    shutil.copytree(SAMPLE_ROOT, root)
    (root / "riverside" / "templates").mkdir()
    (root / "riverside" / "templates" / "arrangements.html").write_text("{{ 1 / 0 }}")
    return root


def test_one_document_s_failure_does_not_stop_the_others(tmp_path: Path) -> None:
    outcome = build_reports(BuildRequest(_broken_arrangements(tmp_path), None,
                                         formats=("html",), out=tmp_path / "out", jobs=2))
    assert [(d.ref.name, d.status) for d in outcome.documents] == [
        ("arrangements-2024-09", FAILED), ("yearly-report-2022-23", BUILT),
        ("yearly-report-2023-24", BUILT)]
    assert outcome.failed
    assert "division by zero" in outcome.failures[0].message
    assert 'href="riverside/yearly-report-2023-24.html"' in \
        (tmp_path / "out" / "index.html").read_text(encoding="utf-8")


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "safeguarding", "build-report", *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "NO_COLOR": "1"})


def test_all_tells_each_document_as_it_is_done_and_sums_up(tmp_path: Path) -> None:
    root = _broken_arrangements(tmp_path)
    done = _cli("--all", "--root", str(root), "--out", str(tmp_path / "out"), "--format", "html",
                "--jobs", "2")
    assert done.returncode == 1, done.stdout + done.stderr
    progress = [line for line in done.stderr.splitlines() if line.startswith("[")]
    assert sorted(line.split("] ")[1].split(" (")[0] for line in progress) == [
        "built riverside/yearly-report-2022-23", "built riverside/yearly-report-2023-24",
        "failed riverside/arrangements-2024-09"]
    assert {line[:6] for line in progress} == {"[1/3] ", "[2/3] ", "[3/3] "}
    assert "templates/arrangements.html:1: the template stopped with an error" in done.stderr
    table = done.stdout[done.stdout.index("| document"):]
    assert table.splitlines()[0].split() == ["|", "document", "|", "pages", "|", "status", "|",
                                             "findings", "|", "time", "|"]
    rows = {line.split()[1]: line for line in table.splitlines()
            if line.startswith("| riverside/")}
    assert " failed " in rows["riverside/arrangements-2024-09"]
    assert " built " in rows["riverside/yearly-report-2023-24"]
    assert "3 documents: " in table


def test_the_summary_counts_pages(tmp_path: Path) -> None:
    done = _cli("riverside", "2022-23", "arrangements", "--root", str(SAMPLE_ROOT),
                "--out", str(tmp_path), "--format", "pdf", "--jobs", "1")
    assert done.returncode == 0, done.stdout + done.stderr
    rows = [line.split() for line in done.stdout.splitlines() if "riverside/" in line
            and line.split()[0] in "|"]
    assert rows and all(row[3].isdigit() and int(row[3]) > 1 for row in rows), done.stdout


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_a_progress_bar_otherwise_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert isinstance(progress_for(io.StringIO()), PlainProgress)
    terminal = _Terminal()
    bar = progress_for(terminal)
    assert isinstance(bar, BarProgress)
    ref = document_refs(SAMPLE_ROOT / "riverside")[0]
    with bar:
        bar.start(1)
        bar.done(DocumentOutcome(ref, BUILT, seconds=1.5))
    assert "riverside/arrangements-2024-09" in terminal.getvalue()


def test_a_build_killed_midway_fails_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                           ) -> None:
    """A document whose build process dies (the kernel kills it when memory runs out) is told as
    failed; the others, built one after another in processes of their own, are built."""
    import signal

    from safeguarding.publish import pipeline

    prepare = pipeline._prepare

    def dies_on_arrangements(job: object) -> object:
        if job.ref.kind == "arrangements":  # type: ignore[attr-defined]
            os.kill(os.getpid(), signal.SIGKILL)
        return prepare(job)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "_prepare", dies_on_arrangements)
    outcome = build_reports(BuildRequest(SAMPLE_ROOT, None, formats=("html",),
                                         out=tmp_path, jobs=1))
    assert [(d.ref.name, d.status) for d in outcome.documents] == [
        ("arrangements-2024-09", FAILED), ("yearly-report-2022-23", BUILT),
        ("yearly-report-2023-24", BUILT)]
    assert "killed by signal 9" in outcome.failures[0].message
    assert not (tmp_path / "riverside" / "arrangements-2024-09.html").exists()


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat[stat.rindex(")") + 2:].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"


def test_killing_the_build_ends_its_workers(tmp_path: Path) -> None:
    """Killed outright (SIGKILL, as by a CI timeout), `--jobs 2` leaves no worker behind."""
    import signal
    import time

    build = subprocess.Popen(
        [sys.executable, "-m", "safeguarding", "build-report", "--all", "--root",
         str(SAMPLE_ROOT), "--out", str(tmp_path), "--jobs", "2", "--force"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    workers: set[int] = set()
    while len(workers) < 2 and time.monotonic() < deadline and build.poll() is None:
        workers = {p for p in _children(build.pid)
                   if "spawn_main" in Path(f"/proc/{p}/cmdline").read_bytes().decode()}
        time.sleep(0.05)
    assert len(workers) == 2, "the build did not start two workers"
    os.kill(build.pid, signal.SIGKILL)
    build.wait(timeout=60)
    deadline = time.monotonic() + 60
    while any(_alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(p) for p in workers)
