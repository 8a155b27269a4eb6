"""The four real documents, as data: they validate and carry their whole text."""

from __future__ import annotations

from pathlib import Path

import pytest
from seed_coverage import SEED_BY_DOCUMENT, missing_sentences

from safeguarding.load.validation import validate_workspace
from safeguarding.load.workspace import load_workspace

ROOT = Path(__file__).resolve().parents[1]


def test_every_seed_partnership_validates() -> None:
    ws = load_workspace([ROOT / "partnerships"])
    assert validate_workspace(ws) == []
    documents = {(d.ref.slug, d.ref.kind, d.ref.id) for d in ws.documents}
    assert set(SEED_BY_DOCUMENT) <= documents


@pytest.mark.parametrize("document", sorted(SEED_BY_DOCUMENT), ids="/".join)
def test_seed_text_is_carried_by_its_data(document: tuple[str, str, str]) -> None:
    missing, total = missing_sentences(*document)
    assert total > 100
    assert (total - len(missing)) / total >= 0.95, missing
