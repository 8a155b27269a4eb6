"""Per requirement with text evidence: real seed sentences that meet it, and that do not.

The sentences are in tests/fixtures/evidence/seed-sentences.yaml. A passing text must meet
the requirement (or wait only for a reader's review); a failing text must not, and must
lack the element it names. Typed-only requirements (lead and delegated partners, the
chair) are tested with typed data in test_coverage.py and test_overclaims.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from safeguarding.check.coverage import check_coverage
from safeguarding.check.requirements import load_rule_sets
from safeguarding.results import Coverage, Status

FIXTURES = yaml.safe_load((Path(__file__).parent / "fixtures" / "evidence"
                           / "seed-sentences.yaml").read_text(encoding="utf-8"))
# The partnership facts the seeds share, so that typed elements do not decide the verdict.
# (Two partners only: the third must come from the text.)
FACTS = {"partners": [
    {"id": "la", "role": "local-authority", "organisation": "Wirral Local Authority"},
    {"id": "ccg", "role": "clinical-commissioning-group", "organisation": "Wirral CCG"}]}
CASES = [(key, ident, case) for key, entries in FIXTURES.items()
         for ident, case in entries.items()]


def cover(key: str, ident: str, text: str, typed: bool = True) -> Coverage:
    kind, edition = key.split("/")
    rule_set = load_rule_sets().get(kind, edition)
    assert rule_set is not None
    document = {"title": "T", "status": "published",
                "sections": [{"id": "s", "title": "Section", "covers": [ident], "body": text}]}
    if typed:  # the dates a report carries, unless the case is about them
        document.update(published="2024-09-01",
                        reporting_period={"start": "2023-04-01", "end": "2024-03-31"})
    [c] = [c for c in check_coverage(rule_set, document, FACTS) if c.id == ident]
    return c


def test_every_requirement_with_text_evidence_has_a_fixture() -> None:
    for (kind, edition), rule_set in load_rule_sets().by_key.items():
        if edition == "cwsa2026":
            continue
        with_text = {r.id for r in rule_set.requirements
                     if any(k == "text" for e in r.elements for k, _ in e.evidence)}
        assert with_text <= set(FIXTURES[f"{kind}/{edition}"]), (kind, edition)


@pytest.mark.parametrize("key, ident, case", CASES, ids=[f"{k}:{i}" for k, i, _ in CASES])
def test_seed_sentences_meet_the_requirement(key: str, ident: str, case: dict) -> None:
    c = cover(key, ident, case["pass"])
    assert c.status in (Status.MET, Status.NEEDS_REVIEW), c.elements


@pytest.mark.parametrize("key, ident, case", CASES, ids=[f"{k}:{i}" for k, i, _ in CASES])
def test_seed_sentences_without_an_element_do_not(key: str, ident: str, case: dict) -> None:
    c = cover(key, ident, case["fail"], typed=not case.get("untyped"))
    assert c.status is not Status.MET
    assert {e.id: e.status for e in c.elements}[case["lacks"]] == "missing"
