"""Visual regression: a few chosen PDF pages per seed, compared with reviewed references.

Each page is rendered small and in grey (pdftoppm), and compared pixel by pixel with
tests/visual/<name>.png: the test fails when more than MAX_CHANGED of the pixels differ by more
than a grey level of TOLERANCE, i.e. when the layout moved, not when anti-aliasing did.

After a deliberate change to the layout, regenerate the references, then look at each one
(and at `git diff --stat tests/visual`) before committing:

    UPDATE_VISUAL=1 .venv/bin/python -m pytest tests/render/test_render_visual.py
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, Built
from PIL import Image, ImageChops

REFERENCES = ROOT / "tests" / "visual"
DPI = 24  # an A4 page is 198 x 281 pixels: enough to see the layout, small to keep
TOLERANCE = 64  # grey levels
MAX_CHANGED = 0.01  # of the page's pixels
# (slug, kind, id): pages chosen to show the cover, the contents, figures and tables.
PAGES = {
    ("worcestershire", "yearly-report", "2023-24"): (1, 2, 13, 51),  # cards, budget chart
    ("worcestershire", "arrangements", "2019-06"): (1, 3),  # a lost diagram's placeholder
    ("west-sussex", "arrangements", "2019-06"): (1, 3),  # the foreword with footnotes
    ("wirral", "arrangements", "2019-04"): (1, 26),  # the two-column list of agencies
}
CASES = [(key, page) for key, pages in PAGES.items() for page in pages]


def render(pdf: Path, page: int, out: Path) -> Image.Image:
    stem = out / f"p{page}"
    subprocess.run(["pdftoppm", "-gray", "-png", "-r", str(DPI), "-f", str(page), "-l",
                    str(page), "-singlefile", str(pdf), str(stem)], check=True, timeout=120)
    return Image.open(f"{stem}.png").convert("L")


@pytest.mark.parametrize(("key", "page"), CASES, ids=lambda c: "-".join(c) if isinstance(
    c, tuple) else f"p{c}")
def test_page_looks_as_reviewed(built: Built, tmp_path: Path, key: tuple[str, str, str],
                                page: int) -> None:
    actual = render(built.path(*key, "pdf"), page, tmp_path)
    reference = REFERENCES / f"{'-'.join(key)}-p{page}.png"
    if os.environ.get("UPDATE_VISUAL"):
        REFERENCES.mkdir(exist_ok=True)
        actual.save(reference, optimize=True)
    assert reference.is_file(), f"no reference: run UPDATE_VISUAL=1 pytest {__file__}"
    expected = Image.open(reference).convert("L")
    assert actual.size == expected.size
    difference = ImageChops.difference(actual, expected).point(
        lambda v: 255 if v > TOLERANCE else 0)
    changed = difference.histogram()[255] / (actual.width * actual.height)
    if changed > MAX_CHANGED:
        difference.save(tmp_path / "difference.png")
    assert changed <= MAX_CHANGED, (
        f"{changed:.1%} of page {page} changed (see {tmp_path / 'difference.png'}); if the "
        f"change is deliberate, regenerate the references: UPDATE_VISUAL=1 pytest {__file__}")
