"""Read a text-based PDF with pdfplumber: headings by font size and weight, the rest text.

Lines that repeat at the top or bottom of most pages (running headers and footers) and
page numbers are dropped, and so is a contents list. A PDF without a text layer (a scan)
cannot be read: it gets a message saying what to do instead.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from .model import Extracted, Heading, Image, Item, Para, Table
from .page_text import (
    escape,
    is_contents_line,
    is_contents_title,
    is_page_number,
    keep_as_text,
    squash,
)
from .pdf_images import page_images
from .pdf_tables import page_tables

_BULLETS = "•●▪■◦○‣∙·-–*"
_ORDERED = re.compile(r"^(\d{1,2}|[a-z])[.)]\s+")
_MARGIN = 0.09  # the share of the page height at top and bottom where running lines live
_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)


@dataclass
class Line:
    """One line of text on a page, with what its characters look like."""

    page: int
    top: float
    bottom: float
    x0: float
    size: float
    bold: bool
    text: str


def read_pdf(path: Path) -> Extracted:
    """The items of a PDF in reading order."""
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        with pdfplumber.open(str(path)) as pdf:
            lines, tables = _lines_and_tables(pdf.pages)
    except (PDFSyntaxError, ValueError, OSError) as exc:
        raise InputError(f"'{path}' cannot be read as a PDF: {exc}") from exc
    if not lines and not any(isinstance(found, Table) for _, _, found in tables):
        raise InputError(f"'{path}' has no text to read: it looks like a scanned PDF (pictures "
                         "of pages)", hint="import the Word original, or run the PDF through "
                         "text recognition (OCR) first and import the result")
    return _Assembler(lines).items_with(tables)


def _lines_and_tables(pages: Any) -> tuple[list[Line], list[tuple[int, float, Table | Image]]]:
    lines: list[Line] = []
    tables: list[tuple[int, float, Table | Image]] = []
    heights = {}
    for number, page in enumerate(pages):
        heights[number] = float(page.height)
        boxes = []
        for box, rows in page_tables(page):
            boxes.append(box)
            tables.append((number, float(box[1]), Table(rows)))
        tables += [(number, top, image) for top, image in page_images(page)]
        for raw in page.extract_text_lines(return_chars=True, strip=True):
            if any(_inside(raw, box) for box in boxes):
                continue
            lines.append(_line(number, raw))
    return _without_running_lines(lines, heights), tables


def _inside(raw: dict[str, Any], box: Any) -> bool:
    return bool(box[0] - 1 <= raw["x0"] and raw["x1"] <= box[2] + 1
                and box[1] - 1 <= raw["top"] and raw["bottom"] <= box[3] + 1)


def _line(page: int, raw: dict[str, Any]) -> Line:
    chars = [c for c in raw["chars"] if c["text"].strip()] or raw["chars"]
    size = Counter(round(float(c["size"]) * 2) / 2 for c in chars).most_common(1)[0][0]
    bold = sum(1 for c in chars if _BOLD.search(c.get("fontname", ""))) > 0.8 * len(chars)
    return Line(page, float(raw["top"]), float(raw["bottom"]), float(raw["x0"]), size, bold,
                squash(raw["text"]))


def _without_running_lines(lines: list[Line], heights: dict[int, float]) -> list[Line]:
    """Drop page numbers and lines repeated in the margins of most pages."""
    def key(line: Line) -> str:
        return re.sub(r"\d+", "#", line.text.lower())

    def in_margin(line: Line) -> bool:
        height = heights[line.page]
        return line.top < _MARGIN * height or line.bottom > (1 - _MARGIN) * height

    pages = len(heights)
    repeated = Counter(key(x) for x in {(ln.page, key(ln)): ln for ln in lines
                                        if in_margin(ln)}.values())
    running = {k for k, n in repeated.items() if pages >= 3 and n >= max(2, pages // 2)}
    return [ln for ln in lines if not (in_margin(ln) and (key(ln) in running
                                                         or is_page_number(ln.text)))]


class _Assembler:
    """Lines to headings, paragraphs and list items."""

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        sizes = Counter()  # type: Counter[float]
        for line in lines:
            sizes[line.size] += len(line.text)
        self.body = sizes.most_common(1)[0][0] if sizes else 0.0
        bigger = sorted({ln.size for ln in lines if ln.size >= self.body + 1 and _wordy(ln.text)},
                        reverse=True)
        self.title_size = bigger[0] if bigger and _first_page_only(lines, bigger[0]) else None
        self.levels = {s: i + 1 for i, s in enumerate(s for s in bigger if s != self.title_size)}
        self.bold_level = len(self.levels) + 1
        self.last_heading: Line | None = None

    def level(self, line: Line) -> int | None:
        if not _wordy(line.text):  # a figure in large type, a chart's label
            return None
        if line.size in self.levels and len(line.text) < 160:
            return self.levels[line.size]
        if line.bold and abs(line.size - self.body) < 1 and len(line.text) < 90 \
                and not line.text.endswith((".", ",", ";")):
            return self.bold_level
        return None

    def items_with(self, tables: list[tuple[int, float, Table | Image]]) -> Extracted:
        title_parts: list[str] = []
        items: list[Item] = []
        pending = sorted(tables, key=lambda t: (t[0], t[1]))
        previous: Line | None = None
        in_contents = False
        for line in self.lines:
            while pending and (pending[0][0], pending[0][1]) < (line.page, line.top):
                _add_table(items, pending.pop(0)[2])
                previous = None
            if line.size == self.title_size:
                title_parts.append(line.text)
                continue
            level = self.level(line)
            if level is not None:
                in_contents = is_contents_title(line.text)
                if not in_contents:
                    self.heading(items, level, line, previous)
            elif not (in_contents or is_contents_line(line.text)):
                self.text(items, line, previous)
            previous = line if level is None else None
        for _, _, table in pending:
            _add_table(items, table)
        return Extracted(items, squash(" ".join(title_parts)))

    def heading(self, items: list[Item], level: int, line: Line, previous: Line | None) -> None:
        last = items[-1] if items else None
        if isinstance(last, Heading) and last.level == level and previous is None \
                and self.last_heading is not None and self._continues(self.last_heading, line):
            last.text = f"{last.text} {line.text}"  # a heading over two lines
        else:
            items.append(Heading(level, line.text))
        self.last_heading = line

    def _continues(self, before: Line, line: Line) -> bool:
        return before.page == line.page and 0 < line.top - before.bottom < line.size * 0.8

    def text(self, items: list[Item], line: Line, previous: Line | None) -> None:
        last = items[-1] if items else None
        bullet = line.text[:1] in _BULLETS and line.text[1:2] == " "
        ordered = _ORDERED.match(line.text) and previous is not None and line.x0 > previous.x0 + 3
        if bullet or ordered:
            marker = "-" if bullet else "1."
            text = line.text[2:] if bullet else _ORDERED.sub("", line.text, count=1)
            items.append(Para(escape(text), marker))
        elif isinstance(last, Para) and previous is not None and self._same_block(previous,
                                                                                 line, last):
            last.text = _joined(last.text, escape(line.text))
        else:
            items.append(Para(keep_as_text(escape(line.text))))

    def _same_block(self, previous: Line, line: Line, para: Para) -> bool:
        if line.page != previous.page:  # a paragraph carried over to the next page
            return not para.text.rstrip().endswith((".", "!", "?", ":"))
        gap = line.top - previous.bottom
        indented_item = not para.list or line.x0 > previous.x0 - 12
        return gap < line.size * 0.75 and indented_item and abs(line.size - previous.size) < 1


def _add_table(items: list[Item], table: Table | Image) -> None:
    """A table, or the rest of the one before it when it runs on over a page with the same
    headings (a tagged PDF has one table per page)."""
    last = items[-1] if items else None
    if isinstance(last, Table) and isinstance(table, Table) and last.rows and table.rows \
            and last.rows[0] == table.rows[0]:
        last.rows += table.rows[1:]
    else:
        items.append(table)


def _joined(before: str, after: str) -> str:
    if before.endswith("-") and not before.endswith(" -") and after[:1].islower():
        return before + after  # a word hyphenated at the end of the line
    return f"{before} {after}"


def _wordy(text: str) -> bool:
    """Whether a line reads as words (a heading can), not as figures."""
    letters = sum(c.isalpha() for c in text)
    return bool(re.search(r"[^\W\d_]{3}", text)) and letters >= 0.5 * len(text.replace(" ", ""))


def _first_page_only(lines: list[Line], size: float) -> bool:
    return all(ln.page == 0 for ln in lines if ln.size == size)
