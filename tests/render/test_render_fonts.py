"""The shipped font is converted once, not on every build, and the output bytes do not change."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from functools import partial
from pathlib import Path

import pytest
from conftest import SAMPLE_ROOT, Built

from safeguarding.render import fontcache
from safeguarding.render.embed import FONT_FACES, font_face_css
from safeguarding.resources import templates_dir

REGULAR = templates_dir() / "fonts" / FONT_FACES[0][0]


def _forget() -> None:
    """As a new process: nothing converted in memory."""
    fontcache.woff2.cache_clear()
    fontcache.printable.cache_clear()
    font_face_css.cache_clear()


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv(fontcache.CACHE_ENV, str(tmp_path / "cache"))
    _forget()
    yield tmp_path / "cache"
    _forget()


def _no_conversion(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(source: bytes, form: str) -> bytes:
        raise AssertionError(f"converted to {form} again")

    monkeypatch.setattr(fontcache, "_convert", refuse)


def test_a_second_build_converts_no_font_and_embeds_the_same_bytes(
        cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = font_face_css()
    printable = fontcache.printable(REGULAR)
    assert printable is not None and printable.is_relative_to(cache)
    faces = (fontcache.woff2(REGULAR), printable.read_bytes())
    assert faces[0].startswith(b"wOF2") and faces[1].startswith(b"\x00\x01\x00\x00")
    _forget()
    _no_conversion(monkeypatch)
    assert font_face_css() == first
    assert fontcache.woff2(REGULAR) == faces[0]
    assert fontcache.printable(REGULAR) == printable and printable.read_bytes() == faces[1]


def test_a_damaged_cache_file_is_converted_again(cache: Path) -> None:
    good = fontcache.woff2(REGULAR), fontcache.printable(REGULAR).read_bytes()
    for entry in (cache / "fonts").iterdir():
        entry.write_bytes(entry.read_bytes()[:-100])  # cut short, as by a full disk
    _forget()
    assert (fontcache.woff2(REGULAR), fontcache.printable(REGULAR).read_bytes()) == good


def test_a_changed_font_is_converted_again(cache: Path, tmp_path: Path) -> None:
    font = tmp_path / "font.ttf"
    font.write_bytes(REGULAR.read_bytes())
    before = fontcache.woff2(font)
    bold = templates_dir() / "fonts" / FONT_FACES[2][0]
    font.write_bytes(bold.read_bytes())
    _forget()
    assert fontcache.woff2(font) != before
    assert fontcache.woff2(font) == fontcache.woff2(bold)


def test_without_a_writable_cache_the_fonts_are_still_embedded(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    in_the_way = tmp_path / "a file"
    in_the_way.write_text("not a folder")
    monkeypatch.setenv(fontcache.CACHE_ENV, str(in_the_way))
    _forget()
    try:
        assert fontcache.woff2(REGULAR).startswith(b"wOF2")
        assert fontcache.printable(REGULAR) is None  # the printer decodes the WOFF2 itself
    finally:
        _forget()


def test_the_pdf_is_the_one_weasyprint_prints_from_the_published_html(built: Built) -> None:
    """The printer is given each face as the TrueType WeasyPrint would decode the page's
    WOFF2 to: the PDF is byte for byte the one WeasyPrint makes of the HTML we publish (with
    the same finisher, which completes the PDF/UA tags)."""
    from weasyprint import HTML

    from safeguarding.render.pdf import _finish

    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
    page = built.path("riverside", "arrangements", "2024-09", "html")
    alone = HTML(string=page.read_text(encoding="utf-8"),
                 base_url=(SAMPLE_ROOT / "riverside").resolve().as_uri() + "/"
                 ).write_pdf(pdf_variant="pdf/ua-1",
                             finisher=partial(_finish, made=date.today(), pages=[]))
    assert "font/woff2" in page.read_text(encoding="utf-8")
    assert alone == built.path("riverside", "arrangements", "2024-09", "pdf").read_bytes()


def test_builds_side_by_side_fill_an_empty_cache_safely(tmp_path: Path) -> None:
    """A fresh clone has no cache: it is made on first use, and processes that fill it at the
    same time each get the same fonts and leave only whole files (written, then renamed)."""
    import hashlib
    import subprocess
    import sys

    cache = tmp_path / "not yet" / "cache"
    script = ("import hashlib\nfrom safeguarding.render.embed import printable_fonts, "
              "font_face_css\ncss = font_face_css()\n"
              "print(hashlib.sha256((css + printable_fonts(css)).encode()).hexdigest())")
    env = {**os.environ, fontcache.CACHE_ENV: str(cache)}
    runs = [subprocess.Popen([sys.executable, "-c", script], env=env, stdout=subprocess.PIPE,
                             text=True) for _ in range(4)]
    said = {run.communicate(timeout=300)[0].strip() for run in runs}
    assert len(said) == 1 and [run.returncode for run in runs] == [0] * 4
    entries = sorted((cache / "fonts").iterdir())
    assert {e.suffix for e in entries} == {".woff2", ".ttf"}  # no temporary file left
    for entry in entries:
        assert entry.stem.endswith(hashlib.sha256(entry.read_bytes()).hexdigest())
