"""Files made part of the HTML as data: URIs, so each document is one self-contained file.

Only images inside a partnership's assets/ folder and the shipped fonts are read.
The fonts go in as WOFF2 (about 77 KB for the four faces, 103 KB as base64): small
enough that every reader sees the same typeface as the PDF, on any device, offline.
They are compressed once, not on every build (fontcache).
"""

from __future__ import annotations

import base64
import os
from functools import lru_cache
from pathlib import Path

from ..errors import BuildError
from ..load import layout
from ..load.image_safety import MAX_IMAGE_BYTES
from ..load.integrity import KIND_BY_SUFFIX, image_kind, unsafe_image
from ..load.reading import read_limited
from ..resources import templates_dir
from . import fontcache

MIME_BY_KIND = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif",
                "WebP": "image/webp", "SVG": "image/svg+xml"}
MIME_BY_SUFFIX = {suffix: MIME_BY_KIND[kind] for suffix, kind in KIND_BY_SUFFIX.items()}
FONT_FAMILY = "Atkinson Hyperlegible Next"
# (file, style, weight) of each shipped face.
FONT_FACES = (
    ("AtkinsonHyperlegibleNext-Regular.ttf", "normal", 400),
    ("AtkinsonHyperlegibleNext-Italic.ttf", "italic", 400),
    ("AtkinsonHyperlegibleNext-Bold.ttf", "normal", 700),
    ("AtkinsonHyperlegibleNext-BoldItalic.ttf", "italic", 700),
)


def data_uri(mime: str, content: bytes) -> str:
    return f"data:{mime};base64,{base64.b64encode(content).decode('ascii')}"


def asset_path(folder: Path, relative: str) -> Path:
    """The file an asset path names, refusing anything outside the partnership's assets/."""
    assets = Path(os.path.realpath(layout.assets_dir(folder)))
    target = Path(os.path.realpath(folder / relative))
    if not target.is_relative_to(assets) or not layout.inside(target, folder) \
            or not target.is_file():
        raise BuildError(f"{relative}: not a file in {layout.assets_dir(folder)}")
    if target.suffix.lower() not in MIME_BY_SUFFIX:
        raise BuildError(f"{relative}: not an image type a browser shows "
                         f"({', '.join(sorted(MIME_BY_SUFFIX))})")
    return target


def asset_uri(folder: Path, relative: str) -> str:
    """An image in the partnership's assets/ folder as a data: URI, typed by what the file
    is: a browser shows no PNG sent as SVG, whatever the file's name says."""
    target = asset_path(folder, relative)
    try:
        kind = image_kind(target)
        # Validate refuses these too: asked again of the file the build actually reads.
        problem = unsafe_image(target, kind) if kind else None
        content = read_limited(target, MAX_IMAGE_BYTES)
    except OSError as exc:
        raise BuildError(f"{relative}: cannot read the file: {exc.strerror or exc}") from exc
    if problem:
        raise BuildError(f"{relative}: cannot be published: {problem}")
    mime = MIME_BY_KIND[kind] if kind else MIME_BY_SUFFIX[target.suffix.lower()]
    return data_uri(mime, content)


@lru_cache(maxsize=1)
def font_face_css() -> str:
    """@font-face rules for the shipped font, each face inlined as WOFF2."""
    rules = []
    for file, style, weight in FONT_FACES:
        uri = data_uri("font/woff2", fontcache.woff2(templates_dir() / "fonts" / file))
        rules.append(f'@font-face {{ font-family: "{FONT_FAMILY}"; font-style: {style}; '
                     f"font-weight: {weight}; font-display: swap; "
                     f'src: url("{uri}") format("woff2"); }}')
    return "\n".join(rules)


def printable_fonts(page: str) -> str:
    """The page with each face as the TrueType file WeasyPrint would decode its WOFF2 to
    (fontcache): the same PDF, without decoding four fonts and holding them as base64."""
    for file, _style, _weight in FONT_FACES:
        path = templates_dir() / "fonts" / file
        printable = fontcache.printable(path)
        if printable is not None:
            page = page.replace(data_uri("font/woff2", fontcache.woff2(path)),
                                printable.resolve().as_uri(), 1)
    return page
