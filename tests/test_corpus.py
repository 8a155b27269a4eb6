"""The bad-input corpus: every case in tests/corpus/ gives its exit code and message, and
nothing it forbids appears in any output (the command's, or any file it wrote).

A case is one YAML file (see tests/corpus/README.md):

    what: a right-to-left override in a section's id
    base: casetown            # the partnership copied first: casetown (check) or riverside
    files: {reports/2023-24.yaml: "..."}   # written over the partnership's files
    edit: [[reports/2023-24.yaml, "old text", "new text"]]   # a change to a base file
    repeat: {"@@BODY@@": ["[", 49000]}      # in files: the unit repeated to that length
    links: {assets: ../../elsewhere}        # symbolic links (target relative to the link)
    pipes: [reports/2023-24.yaml]           # named pipes
    sparse: {reports/2023-24.yaml: 6000000000}   # files of that size, holding nothing
    png: {assets/structure.png: [30000, 30000]}  # a PNG of that size (header only)
    args: [check, --root, "{root}", casetown]
    exit: 1
    expect: [a date between 1900 and 2199]  # in the output, in our own words
    never: ["\x1b"]                         # in no output at all
    never_built: ["<script"]                # in no file the command wrote
"""

from __future__ import annotations

import os
import shutil
import struct
import time
import zlib
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from safeguarding.cli import app
from safeguarding.publish.buildrecord import RECORDS_DIR

HERE = Path(__file__).parent
CORPUS = HERE / "corpus"
BASES = {"casetown": HERE / "fixtures" / "check" / "casetown",
         "riverside": HERE / "fixtures" / "render" / "riverside"}
CASES = sorted(CORPUS.glob("*.yaml"))
HANG = 30.0  # seconds: a guard against a hang, not a benchmark


def _png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b""))


def _prepare(case: dict[str, Any], tmp_path: Path) -> Path:
    base = case.get("base", "casetown")
    folder = tmp_path / "partnerships" / base
    shutil.copytree(BASES[base], folder)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "secret.png").write_bytes(_png(10, 10))
    (tmp_path / "elsewhere" / "yearly-report.html").write_text("SECRET TEMPLATE")
    for name, text in (case.get("files") or {}).items():
        for placeholder, (unit, length) in (case.get("repeat") or {}).items():
            text = text.replace(placeholder, (unit * (length // len(unit) + 1))[:length])
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    for name, old, new in case.get("edit") or []:
        text = (folder / name).read_text(encoding="utf-8")
        assert old in text, f"{name} does not hold {old!r}"
        (folder / name).write_text(text.replace(old, new), encoding="utf-8")
    for name, target in (case.get("links") or {}).items():
        path = folder / name
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()
        path.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, path)
    for name in case.get("pipes") or []:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(folder / name)
    for name, size in (case.get("sparse") or {}).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        with open(folder / name, "wb") as file:
            file.truncate(size)
    for name, (width, height) in (case.get("png") or {}).items():
        (folder / name).write_bytes(_png(width, height))
    return tmp_path


def _outputs(tmp_path: Path) -> str:
    """Every published file. The build records (OUT/.build/, JSON the tool reads back to replay
    an unchanged document's findings) quote the findings as data, never as markup."""
    out = tmp_path / "out"
    return "".join(p.read_text("utf-8", "replace") for p in sorted(out.rglob("*"))
                   if p.is_file() and RECORDS_DIR not in p.relative_to(out).parts) \
        if out.is_dir() else ""


@pytest.mark.parametrize("path", CASES, ids=[c.stem for c in CASES])
def test_case(path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    where = _prepare(case, tmp_path)
    monkeypatch.chdir(where)
    monkeypatch.setenv("NO_COLOR", "1")
    args = [a.format(root=where / "partnerships", out=where / "out") for a in case["args"]]
    start = time.perf_counter()
    run = CliRunner().invoke(app, args)
    took = time.perf_counter() - start
    shown = run.stdout + run.stderr
    assert run.exit_code == case["exit"], f"{case['what']}: exit {run.exit_code}\n{shown}"
    for fragment in case.get("expect") or []:
        assert fragment in shown, f"{case['what']}: '{fragment}' not in\n{shown}"
    built = _outputs(where)
    everything = shown + built
    for forbidden in case.get("never") or []:
        assert forbidden not in everything, f"{case['what']}: '{forbidden}' in the output"
    for forbidden in case.get("never_built") or []:
        assert forbidden not in built, f"{case['what']}: '{forbidden}' in a file it wrote"
    assert "Traceback" not in everything and "internal error" not in everything
    assert took < HANG


def test_the_corpus_covers_every_class() -> None:
    classes = {yaml.safe_load(p.read_text(encoding="utf-8"))["class"] for p in CASES}
    assert len(CASES) >= 80
    assert {"yaml", "markdown", "template", "branding", "assets", "linear-time", "resources",
            "dates", "invisible", "escaping", "usage"} <= classes
