"""How full each page of a PDF is, from the words pdftotext finds on it (poppler-utils).

A page's fill is how far down its content area the lowest word reaches (0 empty, 1 full); the
running header and footer sit in the margins and are not counted. Charts are drawn with their
text, so a page holding only a chart counts as filled down to the chart's last label.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from html import unescape
from pathlib import Path

MM = 72 / 25.4
TOP, BOTTOM = 22 * MM, 20 * MM  # templates/print.css @page margins
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">'
                   r"(.*?)</word>")
_LINE = re.compile(r"<line[^>]*>(.*?)</line>", re.S)


@dataclass(frozen=True)
class Page:
    number: int
    fill: float
    lines: tuple[str, ...]  # the text lines in the content area, top to bottom


def pages(pdf: Path) -> list[Page]:
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True,
                         text=True, check=True).stdout
    found = []
    for n, (_, height, body) in enumerate(_PAGE.findall(xml), 1):
        bottom = float(height) - BOTTOM
        lines = []
        lowest = TOP
        for line in _LINE.findall(body):
            words = [(float(y0), float(y1), unescape(w)) for y0, y1, w in _WORD.findall(line)]
            inside = [w for w in words if w[0] >= TOP - 1 and w[1] <= bottom + 1]
            if inside:
                lines.append(" ".join(w[2] for w in inside))
                lowest = max(lowest, max(w[1] for w in inside))
        found.append(Page(n, (lowest - TOP) / (bottom - TOP), tuple(lines)))
    return found
