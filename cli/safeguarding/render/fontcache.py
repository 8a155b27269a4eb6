"""The shipped font's faces as WOFF2 (for the HTML) and as the TrueType WeasyPrint decodes
that WOFF2 to (for the PDF), each converted once and kept on disk by the font file's hash.

Compressing the four faces with Brotli at quality 11 took about 0.4 s, on every build,
and WeasyPrint then decoded them again. A cache file is named by a key (the SHA-256 of the
font file and the versions of fontTools and Brotli, which decide the bytes) and by its own
SHA-256, so a changed font, a new library or a damaged file is converted again, never used.
The cache is `$SAFEGUARDING_CACHE_DIR`, else `$XDG_CACHE_HOME/safeguarding`, else
`~/.cache/safeguarding`; when it cannot be written the conversion is done in memory.
"""

from __future__ import annotations

import hashlib
import io
import os
from functools import lru_cache
from pathlib import Path

from ..errors import OutputError

CACHE_ENV = "SAFEGUARDING_CACHE_DIR"
WOFF2, TRUETYPE = "woff2", "ttf"


def cache_dir() -> Path:
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "safeguarding"


def fonts_dir() -> Path:
    return cache_dir() / "fonts"


@lru_cache(maxsize=8)
def woff2(path: Path) -> bytes:
    """The font file compressed as WOFF2, the same bytes on every build."""
    return _woff2_of(path.read_bytes())


def _woff2_of(source: bytes) -> bytes:
    entry = _entry(source, WOFF2)
    return entry.read_bytes() if entry else _convert(source, WOFF2)


@lru_cache(maxsize=8)
def printable(path: Path) -> Path | None:
    """The cached TrueType file WeasyPrint makes of woff2(path): given it instead, WeasyPrint
    prints the same PDF without decoding the WOFF2 again. None when there is no cache."""
    return _entry(path.read_bytes(), TRUETYPE)


def _entry(source: bytes, form: str) -> Path | None:
    """The cache file of source in this form, made if need be; None if it cannot be written.

    A file is named by its key and its own SHA-256, and used only when its bytes match it."""
    folder, key = fonts_dir(), _key(source)
    for found in sorted(folder.glob(f"{key}-*.{form}")):
        if _intact(found):
            return found
    content = _convert(source, form)
    entry = folder / f"{key}-{hashlib.sha256(content).hexdigest()}.{form}"
    try:
        from ..publish.files import write_atomic

        write_atomic(entry, content)
    except OutputError:
        return None  # a read-only home: the conversion is simply redone next time
    return entry


def _intact(entry: Path) -> bool:
    try:
        content = entry.read_bytes()
    except OSError:
        return False
    return entry.stem.endswith(f"-{hashlib.sha256(content).hexdigest()}")


def _key(source: bytes) -> str:
    import fontTools

    try:
        import brotli  # fontTools compresses WOFF2 with it (or with brotlicffi)
    except ImportError:  # pragma: no cover - brotlicffi instead
        import brotlicffi as brotli
    versions = f"fonttools {fontTools.version}; brotli {brotli.__version__}".encode()
    return hashlib.sha256(hashlib.sha256(source).digest() + versions).hexdigest()


def _convert(source: bytes, form: str) -> bytes:
    from fontTools.ttLib import TTFont
    from fontTools.ttLib import woff2 as woff2_format

    out = io.BytesIO()
    if form == TRUETYPE:  # as WeasyPrint decodes it (text/fonts.py)
        woff2_format.decompress(io.BytesIO(_woff2_of(source)), out)
        return out.getvalue()
    # recalcTimestamp=False keeps the font's own date: the same bytes on every build.
    font = TTFont(io.BytesIO(source), recalcTimestamp=False)
    font.flavor = "woff2"
    font.save(out)
    return out.getvalue()
