"""Golden HTML: each seed document and the sample partnership, compared with tests/golden/.

After a deliberate change to templates, CSS or data, regenerate and review the diff:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py

Embedded files (the font, images) and the inlined stylesheet are replaced by their
SHA-256 in the golden copies, so a diff stays readable (the CSS is reviewed in
templates/) while any change to them still shows.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
from pathlib import Path

import pytest

from safeguarding.publish.build import BuildRequest, build_reports

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
ROOTS = (ROOT / "partnerships", ROOT / "tests" / "fixtures" / "render")
_DATA_URI = re.compile(r"data:([\w/+.-]+);base64,([A-Za-z0-9+/=]+)")
_STYLE = re.compile(r"<style>(.*?)</style>", re.S)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def stable(html: str) -> str:
    html = _STYLE.sub(lambda m: f"<style>/* sha256:{_digest(m.group(1))} */</style>", html)
    return _DATA_URI.sub(lambda m: f"data:{m.group(1)};sha256,{_digest(m.group(2))}", html)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("golden")
    for root in ROOTS:
        # The seeds as review copies, as tests/render/conftest.py builds them: unfinished, they
        # cannot be published. The sample as its data says.
        request = BuildRequest(root, None, formats=("html",), out=out, draft=root == ROOTS[0])
        assert not build_reports(request).failed
    return out


def _pages() -> list[str]:
    names = {str(p.relative_to(GOLDEN)) for p in GOLDEN.rglob("*.html")}
    for root in ROOTS:
        names |= {f"{p.parent.parent.name}/{_kind(p)}-{p.stem}.html"
                  for p in root.glob("*/*/*.yaml")}
    return sorted(names)


def _kind(path: Path) -> str:
    return "yearly-report" if path.parent.name == "reports" else "arrangements"


@pytest.mark.parametrize("name", _pages())
def test_html_matches_golden(built: Path, name: str) -> None:
    page = built / name
    assert page.is_file(), f"{name} is in tests/golden but was not built"
    actual = stable(page.read_text(encoding="utf-8"))
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.is_file(), f"no golden copy: run UPDATE_GOLDEN=1 pytest {__file__}"
    expected = golden.read_text(encoding="utf-8")
    diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                        f"golden/{name}", f"built/{name}", n=2))
    assert actual == expected, diff[:4000]
