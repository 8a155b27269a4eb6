"""output/manifest.json: every published file with its SHA-256 and size, and what document it
is (partnership, kind, id, title, status, period), for websites that sync the output folder.

Written beside index.html, atomically, and only when its content changes: an unchanged
build leaves it, and its time, as it was. The facts come from each document's build record;
a file without one (built by an older version) is listed with what its name says.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from ..load.layout import KINDS, DocumentRef
from .buildrecord import read_record
from .files import INDEX, published_files, write_if_changed

MANIFEST = "manifest.json"
MANIFEST_VERSION = 1


def write_manifest(out: Path) -> Path:
    path = out / MANIFEST
    write_if_changed(path, manifest_json(out))
    return path


def manifest_json(out: Path) -> bytes:
    files = [_entry(out, path) for path in published_files(out)]
    if (out / INDEX).is_file():
        files.append({**_digest(out, out / INDEX), "kind": "index"})
    data = {"version": MANIFEST_VERSION, "files": files}
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _entry(out: Path, path: Path) -> dict[str, Any]:
    slug, stem = path.parent.name, path.stem
    kind = next((k for k in KINDS if stem.startswith(f"{k}-")), "")
    ident = stem.removeprefix(f"{kind}-") if kind else stem
    facts: dict[str, Any] = {"kind": kind, "id": ident, "title": None, "status": None,
                             "period": None}
    record = read_record(out, DocumentRef(slug, kind, ident, path)) if kind else None
    if record is not None:
        facts.update({k: v for k, v in record.facts.items() if k in facts})
    return {**_digest(out, path), "format": path.suffix[1:], "partnership": slug,
            "document": facts.pop("id"), **facts}


def _digest(out: Path, path: Path) -> dict[str, Any]:
    content = path.read_bytes()
    return {"path": path.relative_to(out).as_posix(),
            "sha256": hashlib.sha256(content).hexdigest(), "size": len(content)}
