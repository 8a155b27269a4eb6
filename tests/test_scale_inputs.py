"""The inputs scripts/scale.py makes for the benchmark at scale are valid documents of the
size it says: a benchmark timing refusals or a half-made workspace would measure nothing."""

from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path

from safeguarding.check.compliance import CheckOptions, check_workspace
from safeguarding.findings import Severity
from safeguarding.load.doctree import iter_blocks, iter_sections
from safeguarding.load.validation import validate_workspace
from safeguarding.load.workspace import load_workspace

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("scale", ROOT / "scripts" / "scale.py")
assert _spec and _spec.loader
scale = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(scale)


def _errors(root: Path) -> list[str]:
    return [str(f) for f in validate_workspace(load_workspace([root]))
            if f.severity is Severity.ERROR]


def test_years_move_but_months_and_days_stay() -> None:
    assert scale.shift_years("2023-24 from 2023-04-01 to 2024-03-31", -4) == \
        "2019-20 from 2019-04-01 to 2020-03-31"


def test_a_workspace_has_six_valid_documents_per_partnership(tmp_path: Path) -> None:
    ws = load_workspace([scale.workspace(tmp_path, 2)])
    assert len(ws.partnerships) == 2 and len(ws.documents) == 12
    assert _errors(tmp_path) == []


def test_a_history_is_a_chain_of_valid_reports_the_series_checks_read(tmp_path: Path) -> None:
    scale.history(tmp_path, 4)
    assert _errors(tmp_path) == []
    result = check_workspace(load_workspace([tmp_path]), CheckOptions(date(2024, 10, 1)))
    reports = [d for d in result.documents if d.kind == "yearly-report"]
    assert [d.document for d in reports] == ["2020-21", "2021-22", "2022-23", "2023-24"]
    # Each year follows the one before: no gap or overlap for series.periods_contiguous.
    assert not [f for d in reports for f in d.findings if f.rule == "series.periods_contiguous"]


def test_a_large_report_has_the_size_asked_for(tmp_path: Path) -> None:
    scale.large_report(tmp_path, 1)
    assert _errors(tmp_path) == []
    ws = load_workspace([tmp_path])
    data = next(d for d in ws.documents if d.ref.kind == "yearly-report").source.data
    sections = [section for _, section in iter_sections(data)]
    blocks = [block for _, block in iter_blocks(data)]
    rows = sum(len(b["rows"]) for b in blocks if b["type"] == "table")
    words = sum(len(str(s.get("body", "")).split()) for s in sections)
    assert (len(sections), len(blocks), rows) == (500, 125, 75)
    assert words >= 12_500
