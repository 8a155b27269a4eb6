"""Images of a PDF, rendered from the page as PNG, with their alternative text where the PDF
is tagged (a `Figure` with `Alt`)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from .model import Image

_SMALLEST = 24  # points: smaller images are rules, bullets and decorations
_RESOLUTION = 150


def page_images(page: Any) -> list[tuple[float, Image]]:
    """Each image on the page worth keeping: its top and the image."""
    alts = [f.get("alt_text") or "" for f in _figures(_tree(page))]
    found = []
    shown = [im for im in page.images
             if im["x1"] - im["x0"] >= _SMALLEST and im["bottom"] - im["top"] >= _SMALLEST]
    for i, image in enumerate(shown):
        box = (max(image["x0"], 0), max(image["top"], 0), min(image["x1"], page.width),
               min(image["bottom"], page.height))
        out = io.BytesIO()
        page.crop(box).to_image(resolution=_RESOLUTION).original.save(out, "PNG")
        alt = alts[i] if len(alts) == len(shown) else ""
        found.append((float(image["top"]), Image(out.getvalue(), "png", alt)))
    return found


def _tree(page: Any) -> list[dict[str, Any]]:
    try:
        return list(page.structure_tree)
    except Exception:  # an unusual structure tree: the images, without their alt text
        return []


def _figures(elements: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for element in elements:
        if element.get("type") == "Figure":
            yield element
        yield from _figures(element.get("children", []))
