"""How much of a seed document's text its data carries: the share of its sentences found.

Run as `python tests/seed_coverage.py SLUG KIND ID` to list the sentences still missing.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "tests" / "seeds"
# Seed file → (partnership slug, document path under the partnership folder).
SEED_BY_DOCUMENT = {
    ("worcestershire", "arrangements", "2019-06"): "000_bfbf7f4a4d2e2a61.txt",
    ("wirral", "arrangements", "2019-04"): "001_553bab965ef81f28.txt",
    ("worcestershire", "yearly-report", "2023-24"): "003_870539c62f83df63.txt",
    ("west-sussex", "arrangements", "2019-06"): "004_f49ff7a47b6f51be.txt",
}
_FOLDER = {"arrangements": "arrangements", "yearly-report": "reports"}
MIN_WORDS = 5


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"<[^>]+>", "", text)  # 30<sup>th</sup> and friends from the extraction
    text = re.sub(r"\]\([^)]*\)", " ", text)  # markdown link targets
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = re.sub(r"[^\w%£]+", " ", text.lower())
    return re.sub(r"\s+", " ", text).strip()


def sentences(text: str) -> list[str]:
    """The seed's sentences of MIN_WORDS words or more, normalised."""
    text = re.sub(r"(?m)^\s*\|?[-:| ]+\|?\s*$", " ", text)  # table rules
    parts = re.split(r"(?<=[.!?;:])\s+|\n\s*\n|\|| ■ |\n\s*[-*•]\s+", text)
    found = (normalise(p) for p in parts)
    return [s for s in found if len(s.split()) >= MIN_WORDS]


def _strings(value: object) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [str(value)] if value is not None else []


def data_text(slug: str, kind: str, doc_id: str, root: Path = ROOT / "partnerships") -> str:
    folder = root / slug
    parts = []
    for path in (folder / "partnership.yaml", folder / _FOLDER[kind] / f"{doc_id}.yaml"):
        parts += _strings(yaml.safe_load(path.read_text(encoding="utf-8")))
    return " " + " ".join(normalise(p) for p in parts) + " "


def missing_sentences(slug: str, kind: str, doc_id: str) -> tuple[list[str], int]:
    seed = (SEEDS / SEED_BY_DOCUMENT[(slug, kind, doc_id)]).read_text(encoding="utf-8")
    wanted = sentences(seed)
    haystack = data_text(slug, kind, doc_id)
    return [s for s in wanted if f" {s} " not in haystack], len(wanted)


if __name__ == "__main__":
    missing, total = missing_sentences(*sys.argv[1:4])
    for s in missing:
        print("-", s)
    found = total - len(missing)
    print(f"{found}/{total} sentences found ({100 * found / total:.1f}%)")
