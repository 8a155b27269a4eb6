"""Pagination as a reader sees it: no page left mostly empty, no heading alone on a page.

Measured on the built PDFs with pdftotext (page_fill.py). A page may be short only where a part
ends: the contents, the page before the review appendix, and the document's last page.
"""

from __future__ import annotations

from itertools import pairwise

import pytest
from conftest import SAMPLE, SEEDS, Built
from page_fill import pages

MIN_FILL = 0.25


def _part_ends(found: list) -> set[int]:
    """The pages a part ends on: the last, the contents' last, the one before the appendix."""
    ends = {found[-1].number}
    for page, following in pairwise(found):
        first = following.lines[0] if following.lines else ""
        if first.startswith(("How this document meets", "Where to find what")) or \
                (any(line == "Contents" for line in page.lines) and "Contents" not in first):
            ends.add(page.number)
    return ends


@pytest.mark.parametrize("key", SEEDS + SAMPLE, ids=lambda k: "-".join(k))
def test_no_page_is_mostly_empty(built: Built, key: tuple[str, str, str]) -> None:
    found = pages(built.path(*key, "pdf"))[1:]  # the cover is designed as it is
    ends = _part_ends(found)
    short = [(p.number, round(p.fill, 2)) for p in found
             if p.fill < MIN_FILL and p.number not in ends]
    assert short == [], short


@pytest.mark.parametrize("key", SEEDS + SAMPLE, ids=lambda k: "-".join(k))
def test_no_page_holds_only_a_heading(built: Built, key: tuple[str, str, str]) -> None:
    lonely = [(p.number, p.lines) for p in pages(built.path(*key, "pdf"))[1:]
              if len(p.lines) <= 2]
    assert lonely == [], lonely
