"""`safeguarding list`: the partnerships, their documents, and where each stands.

For a coordinator (text) or a website or dashboard (JSON): each document's status
(draft or published), its period, and `check`'s verdict on it. Listing is not checking:
the exit code is 0 whatever the verdicts, so that a script can read them all.
"""

from __future__ import annotations

import contextlib
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from ..check.compliance import CheckOptions, check_workspace
from ..load import layout
from ..load.selection import partnerships_root
from ..load.workspace import Workspace, load_workspace
from ..render.formatting import plural
from ..reporters.check_text import _thin as only_with_gaps
from ..results import DocumentResult

PASSES, GAPS, FAILS, INVALID = "passes", "passes with gaps", "fails", "not valid"


def period(data: dict[str, Any]) -> str:
    """A report's reporting period, or the month arrangements were published."""
    span = data.get("reporting_period")
    if isinstance(span, dict) and span.get("start") and span.get("end"):
        return f"{span['start']} to {span['end']}"
    for key, label in (("published", "published"), ("published_month", "published"),
                       ("effective_from", "in effect from")):
        if isinstance(data.get(key), str):
            return f"{label} {data[key]}"
    return ""


def verdict(result: DocumentResult | None) -> str:
    if result is None or not result.checked:
        return INVALID
    return FAILS if result.fails() else GAPS if only_with_gaps(result) else PASSES


def listing(ws: Workspace, today: date) -> list[dict[str, Any]]:
    """Every partnership with its documents, as plain data."""
    checked = check_workspace(ws, CheckOptions(today, None, False))
    by_file = {d.file: d for d in checked.documents}
    rows = []
    for partnership in ws.partnerships:
        data = partnership.source.data if partnership.source else {}
        name = data.get("name") if isinstance(data, dict) else None
        documents = []
        for doc in ws.documents:
            if doc.ref.slug != partnership.slug:
                continue
            own = doc.source.data if isinstance(doc.source.data, dict) else {}
            documents.append({
                "document": doc.ref.id, "kind": doc.ref.kind, "file": doc.source.display,
                "title": own.get("title", ""), "status": own.get("status", ""),
                "period": period(own), "check": verdict(by_file.get(doc.source.display))})
        documents += _not_loaded(partnership.folder, {d["file"] for d in documents})
        rows.append({"partnership": partnership.slug, "name": name or "",
                     "documents": documents})
    return rows


def _not_loaded(folder: Path, listed: set[str]) -> list[dict[str, Any]]:
    """The documents that could not be read or parsed: listed as not valid, not left out."""
    with contextlib.suppress(layout.Unreadable):  # loading has reported the folder
        return [{"document": ref.id, "kind": ref.kind, "file": shown, "title": "",
                 "status": "", "period": "", "check": INVALID}
                for ref in layout.document_refs(folder)
                if (shown := layout.display_path(ref.path)) not in listed]
    return []


def write_text(rows: list[dict[str, Any]], out: TextIO) -> None:
    for row in rows:
        out.write(f"{row['partnership']}: {row['name'] or '(no partnership.yaml)'}\n")
        if not row["documents"]:
            out.write("  no documents yet\n")
        for doc in row["documents"]:
            label = f"{doc['kind']} {doc['document']}"
            out.write(f"  {label:<26} {doc['status'] or '-':<10} {doc['period'] or '-':<28} "
                      f"{doc['check']}\n")
    documents = sum(len(r["documents"]) for r in rows)
    out.write(f"{plural(len(rows), 'partnership')}, {plural(documents, 'document')}\n")


def run_list(root: Path, output_format: str) -> int:
    """The command: load, check, list; always exit 0 once listed."""
    rows = listing(load_workspace([partnerships_root(root)]), date.today())
    if output_format == "json":
        json.dump({"partnerships": rows}, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        write_text(rows, sys.stdout)
    return 0
