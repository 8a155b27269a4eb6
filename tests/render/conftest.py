"""Shared by the rendering tests: every seed and the sample partnership, built once per session.

PDF builds take seconds each, so the session builds everything once (HTML and PDF) into a
temporary output folder, and the tests read what was built.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from safeguarding.publish.build import BuildOutcome, BuildRequest, build_reports

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"
PARTNERSHIPS = ROOT / "partnerships"
SAMPLE_ROOT = TESTS / "fixtures" / "render"

sys.path.insert(0, str(TESTS))  # tests/seed_coverage.py

from seed_coverage import SEED_BY_DOCUMENT  # noqa: E402

SEEDS = sorted(SEED_BY_DOCUMENT)  # (slug, kind, id)
SAMPLE = [("riverside", "arrangements", "2024-09"), ("riverside", "yearly-report", "2022-23"),
          ("riverside", "yearly-report", "2023-24")]


@dataclass(frozen=True)
class Built:
    out: Path
    outcomes: tuple[BuildOutcome, ...]

    def path(self, slug: str, kind: str, ident: str, suffix: str) -> Path:
        return self.out / slug / f"{kind}-{ident}.{suffix}"

    @property
    def findings(self) -> list:
        return [f for o in self.outcomes for f in o.findings]


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    out = tmp_path_factory.mktemp("output")
    # The seeds are review copies: their sources lost some images and one budget does not add
    # up, so as published documents they are refused (test_render_publishing.py). The sample
    # is built as its data says: drafts as drafts, finished documents as published.
    outcomes = tuple(build_reports(BuildRequest(root, None, out=out, draft=root == PARTNERSHIPS))
                     for root in (PARTNERSHIPS, SAMPLE_ROOT))
    for outcome in outcomes:
        assert not outcome.failed, [str(f.location) + " " + f.message for f in outcome.findings]
    return Built(out, outcomes)
