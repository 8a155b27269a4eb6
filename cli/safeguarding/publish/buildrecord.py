"""What the last build of a document made: its key, files, findings and facts, kept beside the
output (OUT/.build/<slug>/<document>.json) so that an unchanged document is not built again.

A record is trusted only when its key matches the new build's and every file it lists is still
there with the bytes it wrote; then its findings are told again and its files left untouched
(their times too). A document refused (unfinished, --strict) or with invalid data is recorded
too, with its findings, so that it is told again, with its exit code, without building; a failure
of any other kind (an unreadable file, a full disk) is tried again next time.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..findings import Finding, Location, Severity
from ..load.layout import DocumentRef

RECORDS_DIR = ".build"


@dataclass(frozen=True)
class OutputFile:
    """One published file: its path inside the output folder, SHA-256 and size."""

    path: str
    sha256: str
    size: int


@dataclass
class BuildRecord:
    key: str
    files: list[OutputFile] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    read: int = 0  # the input files read (shown in the summary)
    pages: int | None = None  # of the PDF, when one was printed
    facts: dict[str, Any] = field(default_factory=dict)  # kind, id, title, status, period
    status: str = "built"  # or why it was not built: build.REFUSED or build.INVALID


def record_path(out: Path, ref: DocumentRef) -> Path:
    return out / RECORDS_DIR / ref.slug / f"{ref.name}.json"


def output_file(out: Path, path: Path, content: bytes) -> OutputFile:
    return OutputFile(path.relative_to(out).as_posix(), hashlib.sha256(content).hexdigest(),
                      len(content))


def read_record(out: Path, ref: DocumentRef) -> BuildRecord | None:
    """The document's last record, or None when there is none or it cannot be read."""
    try:
        data = json.loads(record_path(out, ref).read_text(encoding="utf-8"))
        return BuildRecord(
            key=data["key"], files=[OutputFile(**f) for f in data["files"]],
            findings=[_finding(f) for f in data["findings"]], read=data["read"],
            pages=data["pages"], facts=data["facts"], status=data["status"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def fresh_record(out: Path, ref: DocumentRef, key: str) -> BuildRecord | None:
    """The record, when the document needs no building: same key, its files intact."""
    record = read_record(out, ref)
    if record is None or record.key != key:
        return None
    return record if all(_intact(out, f) for f in record.files) else None


def _intact(out: Path, file: OutputFile) -> bool:
    path = out / file.path
    try:
        if path.stat().st_size != file.size:
            return False
        return hashlib.sha256(path.read_bytes()).hexdigest() == file.sha256
    except OSError:
        return False


def record_json(record: BuildRecord) -> bytes:
    data = asdict(record)
    data["findings"] = [_finding_data(f) for f in record.findings]
    return (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def _finding_data(f: Finding) -> dict[str, Any]:
    return {"rule": f.rule, "severity": f.severity.value, "message": f.message,
            "file": f.file, "line": f.line, "column": f.column, "hint": f.hint,
            "data": [list(pair) for pair in f.data]}


def _finding(data: dict[str, Any]) -> Finding:
    return Finding(data["rule"], Severity(data["severity"]), data["message"],
                   Location(data["file"], data["line"], data["column"]), data["hint"],
                   tuple((str(k), str(v)) for k, v in data["data"]))
