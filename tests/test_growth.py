"""Work that grows with the workspace grows linearly: each document's neighbours (its
series, last year's report, its partnership) are looked up, not found by walking the whole
workspace again for every document (quadratic: 1,000 partnerships once took seconds more
than their checks). scripts/scale_goals.py measures the times; these count the walks."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from safeguarding.check.compliance import CheckOptions, check_workspace
from safeguarding.load.workspace import load_workspace
from safeguarding.results import CheckResult

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("scale", ROOT / "scripts" / "scale.py")
assert _spec and _spec.loader
scale = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(scale)


class CountedWalks(list):  # type: ignore[type-arg]
    """A list that counts how often it is walked from the start."""

    walks = 0

    def __iter__(self) -> Iterator[Any]:
        CountedWalks.walks += 1
        return super().__iter__()


def _check_counting_walks(root: Path, of: str) -> CheckResult:
    """check of two partnerships of four documents, counting the walks of ws.<of>."""
    ws = load_workspace([scale.workspace(root, 2, reports=3)])
    setattr(ws, of, CountedWalks(getattr(ws, of)))
    CountedWalks.walks = 0
    result = check_workspace(ws, CheckOptions(date(2026, 1, 1)))
    assert len(result.documents) == 8 and all(d.checked for d in result.documents)
    return result


def test_check_walks_the_documents_a_fixed_number_of_times_not_once_per_document(
        tmp_path: Path) -> None:
    result = _check_counting_walks(tmp_path, "documents")
    assert CountedWalks.walks <= 6  # validating and checking walk it a few times in all
    # ... and each report is still read with the others of its partnership: of the three
    # dated ones, only the latest is told the next one is overdue.
    overdue = {(d.partnership, d.document) for d in result.documents for f in d.findings
               if f.rule == "series.published_within_12_months" and "overdue" in f.message}
    assert overdue == {("riverside-001", "2023-24")}


def test_check_finds_each_documents_partnership_without_walking_them_all(
        tmp_path: Path) -> None:
    result = _check_counting_walks(tmp_path, "partnerships")
    assert CountedWalks.walks <= 6
    # Each document was still checked with its own partnership's facts.
    roles = {(d.partnership, f.file) for d in result.documents for f in d.findings
             if f.rule.startswith("roles.")}
    assert roles and all(file.split("/")[-2] == slug for slug, file in roles)
