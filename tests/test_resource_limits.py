"""Only regular files are read, each bounded before it is read, and a template's work is
bounded: a pipe, a file of gigabytes or nested loops never block, exhaust memory or hang."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from safeguarding.errors import BuildError
from safeguarding.load.reading import NotRegularFile, TooLarge, read_limited
from safeguarding.publish.build import BuildRequest, build_reports
from safeguarding.render import sandbox
from safeguarding.render.sandbox import MAX_ITERATIONS

HERE = Path(__file__).parent
CASETOWN = HERE / "fixtures" / "check" / "casetown"
RIVERSIDE = HERE / "fixtures" / "render" / "riverside"
CLI = [sys.executable, "-m", "safeguarding"]
HANG = 60  # seconds: a blocked read never returns at all


def _cli(*args: str, memory: int | None = None) -> subprocess.CompletedProcess[str]:
    def limit() -> None:
        if memory:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=HANG,
                          preexec_fn=limit, env={**os.environ, "NO_COLOR": "1"})


def _casetown(tmp_path: Path) -> Path:
    folder = tmp_path / "casetown"
    shutil.copytree(CASETOWN, folder)
    (folder / "reports").mkdir()
    return folder


def test_a_named_pipe_where_a_document_should_be_is_reported_not_read(tmp_path: Path) -> None:
    folder = _casetown(tmp_path)
    os.mkfifo(folder / "reports" / "2023-24.yaml")
    run = _cli("validate", str(folder))
    assert run.returncode == 1, run.stderr
    assert "2023-24.yaml" in run.stdout and "a named pipe, not a regular file" in run.stdout


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    # 6 GB on paper (a sparse file), under a 1 GB memory cap: reading it whole would fail.
    folder = _casetown(tmp_path)
    with open(folder / "reports" / "2023-24.yaml", "wb") as file:
        file.truncate(6 * 1024 ** 3)
    start = time.perf_counter()
    run = _cli("validate", str(folder), memory=1024 ** 3)
    assert run.returncode == 1, run.stderr
    assert "the file is larger than 5 MB" in run.stdout
    assert time.perf_counter() - start < HANG / 2


def test_the_limited_reader_reads_a_file_up_to_its_limit_only(tmp_path: Path) -> None:
    file = tmp_path / "f"
    file.write_bytes(b"x" * 10)
    assert read_limited(file, 10) == b"x" * 10
    with pytest.raises(TooLarge):
        read_limited(file, 9)
    with pytest.raises(NotRegularFile):
        read_limited(tmp_path, 10)


def _override(tmp_path: Path, text: str | None) -> Path:
    root = tmp_path / "partnerships"
    shutil.copytree(RIVERSIDE, root / "riverside")
    (root / "riverside" / "templates").mkdir()
    target = root / "riverside" / "templates" / "yearly-report.html"
    if text is None:
        os.mkfifo(target)
    else:
        target.write_text(text, encoding="utf-8")
    return root


def _build(root: Path, out: Path) -> None:
    """Build, raising the document's failure (a build reports it as the document's outcome)."""
    outcome = build_reports(BuildRequest(root, "riverside", ("2023-24",), ("html",), out))
    for failure in outcome.failures:
        raise BuildError(failure.message)


@pytest.mark.parametrize(("text", "message"), [
    ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
     f"more than {MAX_ITERATIONS:,} times"),
    ("{% for i in range(99999) %}{% for j in range(99999) %}x{% endfor %}{% endfor %}",
     f"more than {MAX_ITERATIONS:,} times"),
    ('{{ "x" * 10000000000 }}', "makes more than"),
    ("{{ 10 ** 10000000000 }}", "is too large for a template"),
    ("{% set s = 'x' * 999999 %}{% for i in range(99999) %}{{ s }}{% endfor %}",
     "wrote more than"),
    ("{% for i in range(100000) %}{{ range(100000)|sum }}{% endfor %}",
     f"more than {MAX_ITERATIONS:,} times"),
])
def test_a_template_that_would_run_without_end_is_stopped(tmp_path: Path, text: str,
                                                           message: str) -> None:
    root = _override(tmp_path, text)
    start = time.perf_counter()
    with pytest.raises(BuildError, match=message):
        _build(root, tmp_path / "out")
    assert time.perf_counter() - start < HANG
    assert not (tmp_path / "out" / "riverside").exists()


def test_a_template_whose_every_step_is_slow_stops_at_the_time_limit(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sandbox, "MAX_SECONDS", 1.0)
    root = _override(tmp_path, "{% set s = 'ab ' * 300000 %}{% for i in range(99999) %}"
                               "{{ s|wordcount }}{% endfor %}")
    start = time.perf_counter()
    with pytest.raises(BuildError, match="ran for more than 1 seconds"):
        _build(root, tmp_path / "out")
    assert time.perf_counter() - start < HANG


def test_a_named_pipe_among_the_templates_is_refused(tmp_path: Path) -> None:
    root = _override(tmp_path, None)
    run = _cli("build-report", "riverside", "2023-24", "--format", "html", "--root", str(root),
               "--out", str(tmp_path / "out"))
    assert run.returncode != 0
    assert "a named pipe, not a template file" in run.stdout + run.stderr
