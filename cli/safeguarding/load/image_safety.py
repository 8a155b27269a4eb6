"""Whether an image may be published: no active content in an SVG, a bounded size in pixels.

An SVG is a program as much as a picture: scripts, event handlers, embedded HTML
(foreignObject) and references to other files or addresses would travel inside the
published HTML. Such an SVG is refused, not cleaned: what a cleaned drawing would lose
cannot be known here, and the author can export it again without them.

A raster image's size is read from its header (Pillow reads headers only until asked for
the pixels), so a small file that decodes to billions of pixels never reaches the renderer.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

# 40 million pixels: a full A4 page at 300 dpi is under 9 million, a phone photo 12 to 48.
MAX_PIXELS = 40_000_000
# The largest image file read at all: far above any chart, logo or photo a report prints.
MAX_IMAGE_BYTES = 20 * 1024 * 1024

# Each is searched once over the file's text, left to right: linear in its size.
_SVG_ACTIVE = (
    (re.compile(rb"<\s*(?:[\w-]+:)?script\b", re.I), "a script"),
    (re.compile(rb"\son[a-z]+\s*=", re.I), "an event handler (an on...= attribute)"),
    (re.compile(rb"<\s*(?:[\w-]+:)?foreignObject\b", re.I), "embedded HTML (foreignObject)"),
    (re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.I), "a document type or entity declaration"),
    # Only a reference to a part of the drawing itself (href="#id", url(#id)) is allowed.
    (re.compile(rb"""(?:href|src)\s*=(?![\s"']*#)""", re.I),
     "a reference to another file or address"),
    (re.compile(rb"""url\((?![\s"']*#)""", re.I), "a reference to another file or address"),
    (re.compile(rb"@import", re.I), "a style sheet import"),
    (re.compile(rb"javascript:", re.I), "a javascript: address"),
)


def svg_problem(content: bytes) -> str | None:
    """What makes an SVG unsafe to publish, or None."""
    for pattern, what in _SVG_ACTIVE:
        if pattern.search(content):
            return what
    return None


def size_problem(path: Path) -> str | None:
    """Why a raster image is too large to print, from its header alone, or None."""
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Pillow warns of bombs: the limit is ours
            with Image.open(path) as image:
                width, height = image.size
    except Image.DecompressionBombError:
        return f"it is more than {MAX_PIXELS:,} pixels"
    except (OSError, ValueError, SyntaxError):  # a header Pillow cannot read: not our limit
        return None
    if width * height > MAX_PIXELS:
        return f"it is {width:,} by {height:,} pixels, more than the {MAX_PIXELS:,} allowed"
    return None


def file_size_problem(size: int) -> str | None:
    if size > MAX_IMAGE_BYTES:
        return f"it is {size / 1024 / 1024:.0f} MB, more than the " \
               f"{MAX_IMAGE_BYTES // 1024 // 1024} MB allowed"
    return None
