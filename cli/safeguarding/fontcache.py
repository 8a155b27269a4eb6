"""The shipped font's faces as WOFF2 (for the HTML) and as the TrueType WeasyPrint decodes
that WOFF2 to (for the PDF), each converted once and kept on disk by the font file's hash.

Compressing the four faces with Brotli at quality 11 took about 0.4 s, on every build,
and WeasyPrint then decoded them again. A cache entry is named by the SHA-256 of the
font file and the versions of fontTools and Brotli (which decide the bytes), and holds
its own SHA-256, so a changed font, a new library or a damaged entry is converted again,
never used. The cache is `$SAFEGUARDING_CACHE_DIR`, else `$XDG_CACHE_HOME/safeguarding`,
else `~/.cache/safeguarding`; when it cannot be written the conversion is done in memory.
"""

from __future__ import annotations

import hashlib
import io
import os
from functools import lru_cache
from pathlib import Path

from .errors import OutputError

CACHE_ENV = "SAFEGUARDING_CACHE_DIR"
WOFF2, TRUETYPE = "woff2", "ttf"


def cache_dir() -> Path:
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "safeguarding"


@lru_cache(maxsize=8)
def woff2(path: Path) -> bytes:
    """The font file compressed as WOFF2, the same bytes on every build."""
    return _cached(path.read_bytes(), WOFF2)


@lru_cache(maxsize=8)
def printable(path: Path) -> bytes:
    """The TrueType font WeasyPrint makes of woff2(path): given these bytes instead, it
    prints the same PDF without decoding the WOFF2 again."""
    return _cached(path.read_bytes(), TRUETYPE)


def _cached(source: bytes, form: str) -> bytes:
    entry = cache_dir() / "fonts" / f"{_key(source)}.{form}"
    found = _read_entry(entry)
    if found is not None:
        return found
    content = _convert(source, form)
    try:
        from .publish import write_atomic

        write_atomic(entry, hashlib.sha256(content).digest() + content)
    except OutputError:
        pass  # a read-only home: the conversion is simply redone next time
    return content


def _key(source: bytes) -> str:
    import fontTools

    try:
        import brotli  # fontTools compresses WOFF2 with it (or with brotlicffi)
    except ImportError:  # pragma: no cover - brotlicffi instead
        import brotlicffi as brotli
    versions = f"fonttools {fontTools.version}; brotli {brotli.__version__}".encode()
    return hashlib.sha256(hashlib.sha256(source).digest() + versions).hexdigest()


def _read_entry(entry: Path) -> bytes | None:
    try:
        stored = entry.read_bytes()
    except OSError:
        return None
    digest, content = stored[:32], stored[32:]
    return content if content and hashlib.sha256(content).digest() == digest else None


def _convert(source: bytes, form: str) -> bytes:
    from fontTools.ttLib import TTFont, woff2

    out = io.BytesIO()
    if form == TRUETYPE:
        woff2.decompress(io.BytesIO(_cached(source, WOFF2)), out)  # as WeasyPrint does
        return out.getvalue()
    # recalcTimestamp=False keeps the font's own date: the same bytes on every build.
    font = TTFont(io.BytesIO(source), recalcTimestamp=False)
    font.flavor = "woff2"
    font.save(out)
    return out.getvalue()
