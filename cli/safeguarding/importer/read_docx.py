"""Read a .docx file with python-docx: headings by style, lists by numbering, runs as Markdown.

Running headers and footers live in their own parts of the file and are never read; a
contents list (a `TOC` style, or lines under a `Contents` heading) is dropped.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..errors import InputError
from .model import Caption, Extracted, Heading, Image, Item, Para, Table
from .page_text import escape, is_contents_line, is_contents_title, keep_as_text, squash

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_STYLE = re.compile(r"^heading\s*(\d)", re.IGNORECASE)
_CAPTION_STYLES = ("caption", "block-title")


def read_docx(path: Path) -> Extracted:
    """The items of a Word file in reading order."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise InputError(f"'{path}' cannot be read as a Word (.docx) file: {exc}",
                         hint="save it from Word as .docx (not .doc), or export a PDF") from exc
    reader = _Reader(document)
    for element in document.element.body.iterchildren():
        reader.add(element)
    return Extracted(reader.items, reader.title, reader.dropped)


class _Reader:
    def __init__(self, document: Any) -> None:
        self.document = document
        self.items: list[Item] = []
        self.title = ""
        self.dropped: list[str] = []
        self.in_contents = False
        self.formats = _list_formats(document)

    def add(self, element: Any) -> None:
        from docx.table import Table as DocxTable
        from docx.text.paragraph import Paragraph

        if element.tag == f"{_W}tbl":
            self.in_contents = False
            self.items.append(Table(_rows(DocxTable(element, self.document))))
        elif element.tag == f"{_W}p":
            self.paragraph(Paragraph(element, self.document))

    def paragraph(self, par: Any) -> None:
        style = (par.style.name if par.style is not None else "").lower()
        text = squash(par.text)
        self.items += _images(par)
        level = _HEADING_STYLE.match(style)
        if style == "title" or (level and not self.title and "title" in style):
            self.title = self.title or text
        elif level and text:
            self.heading(int(level.group(1)), text, style)
        elif not text:
            return
        elif style.startswith("toc") or (self.in_contents and is_contents_line(par.text)) or (
                self.in_contents and _numbering(par)):
            self.dropped.append("contents")
        else:
            self.in_contents = False
            self.body(par, text)

    def heading(self, level: int, text: str, style: str) -> None:
        if any(word in style for word in _CAPTION_STYLES):
            self.items.append(Caption(text))
        elif is_contents_title(text):
            self.in_contents = True
            self.dropped.append("contents")
        else:
            self.in_contents = False
            self.items.append(Heading(level, text))

    def body(self, par: Any, text: str) -> None:
        style = (par.style.name if par.style is not None else "").lower()
        if any(word in style for word in _CAPTION_STYLES):
            self.items.append(Caption(text))
            return
        numbering = _numbering(par)
        markdown = runs_markdown(par)
        if numbering is not None:
            num_id, depth = numbering
            marker = "1." if self.formats.get((num_id, depth), "bullet") != "bullet" else "-"
            self.items.append(Para(markdown, marker, depth))
        elif "list bullet" in style or "list number" in style:
            self.items.append(Para(markdown, "1." if "number" in style else "-"))
        else:
            self.items.append(Para(keep_as_text(markdown)))


def _numbering(par: Any) -> tuple[str, int] | None:
    ppr = par._p.pPr
    num = ppr.numPr if ppr is not None else None
    if num is None or num.numId is None:
        return None
    return str(num.numId.val), int(num.ilvl.val) if num.ilvl is not None else 0


def _list_formats(document: Any) -> dict[tuple[str, int], str]:
    """Each (numbering id, level) with its format: `bullet`, `decimal`, ..."""
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return {}
    abstract = {a.get(f"{_W}abstractNumId"): a for a in numbering.iter(f"{_W}abstractNum")}
    formats = {}
    for num in numbering.iter(f"{_W}num"):
        ref = num.find(f"{_W}abstractNumId")
        definition = abstract.get(ref.get(f"{_W}val")) if ref is not None else None
        for lvl in definition.iter(f"{_W}lvl") if definition is not None else ():
            fmt = lvl.find(f"{_W}numFmt")
            formats[(num.get(f"{_W}numId"), int(lvl.get(f"{_W}ilvl", "0")))] = (
                fmt.get(f"{_W}val") if fmt is not None else "bullet")
    return formats


def runs_markdown(par: Any) -> str:
    """A paragraph's runs as Markdown: bold, italic and links kept."""
    from docx.text.hyperlink import Hyperlink

    parts = []
    for piece in par.iter_inner_content():
        if isinstance(piece, Hyperlink):
            label = escape(piece.text)
            address = piece.address
            parts.append(f"[{label}]({address})" if address and label.strip() else label)
        else:
            parts.append(_emphasis(escape(piece.text), bool(piece.bold), bool(piece.italic)))
    return squash("".join(parts).replace("****", "").replace("**", "**"))


def _emphasis(text: str, bold: bool, italic: bool) -> str:
    core = text.strip()
    if not core or not (bold or italic):
        return text
    mark = "***" if bold and italic else "**" if bold else "*"
    lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):]
    return f"{lead}{mark}{core}{mark}{trail}"


def _rows(table: Any) -> list[list[str]]:
    rows = []
    for row in table.rows:
        cells = []
        for cell in row.cells:
            lines = [squash(p.text) for p in cell.paragraphs if p.text.strip()]
            listed = len(lines) > 1 and all(_numbering(p) for p in cell.paragraphs
                                            if p.text.strip())
            cells.append("\n".join(f"- {escape(x)}" for x in lines) if listed
                         else "\n\n".join(escape(x) for x in lines))
        rows.append(cells)
    return rows


def _images(par: Any) -> list[Image]:
    found = []
    for drawing in par._p.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}blip"):
        rel = drawing.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
                          "embed")
        part = par.part.related_parts.get(rel) if rel else None
        if part is None:
            continue
        props = next(par._p.iter("{http://schemas.openxmlformats.org/drawingml/2006/"
                                 "wordprocessingDrawing}docPr"), None)
        alt = squash((props.get("descr") or "") if props is not None else "")
        ext = Path(part.partname).suffix.lstrip(".").lower() or "png"
        found.append(Image(part.blob, ext, alt))
    return found
