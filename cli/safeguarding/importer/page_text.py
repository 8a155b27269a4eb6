"""Text helpers shared by the readers of pages: Markdown escaping, contents lines, page numbers."""

from __future__ import annotations

import re

# A contents line: a title, dot leaders or spaces, a page number at the end.
_CONTENTS_LINE = re.compile(r"^.{2,}?(\.{3,}|\s{2,}|\t)\s*\d{1,3}\s*$")
_PAGE_NUMBER = re.compile(r"^\s*(page\s+)?\d{1,4}(\s*(of|/)\s*\d{1,4})?\s*$", re.IGNORECASE)
_LIST_LOOKALIKE = re.compile(r"^(\d{1,3})([.)])(\s)")
_MARKDOWN_SPECIAL = re.compile(r"([\\*_`\[\]<>])")
CONTENTS_TITLES = {"contents", "table of contents", "content"}


def is_contents_line(text: str) -> bool:
    return bool(_CONTENTS_LINE.match(text.strip()))


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text))


def is_contents_title(text: str) -> bool:
    return " ".join(text.lower().split()) in CONTENTS_TITLES


def escape(text: str) -> str:
    """Text as Markdown that shows it as written."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def keep_as_text(text: str) -> str:
    """A numbered paragraph ('1. The partners...') stays a paragraph, not a list."""
    return _LIST_LOOKALIKE.sub(r"\1\\\2\3", text, count=1)


def squash(text: str) -> str:
    """One line, single spaces."""
    return " ".join(text.split())


def parse_number(text: str) -> int | float | None:
    """'£1,234' → 1234, '12.5%' → 12.5, '(300)' → -300; None when it is not a figure."""
    t = text.strip().replace(",", "").replace("£", "").replace("%", "").strip()
    negative = t.startswith("(") and t.endswith(")")
    t = t.strip("()").strip()
    if t.startswith("-") or t.startswith("−"):
        negative, t = True, t[1:].strip()
    if not t or not all(c.isdigit() or c == "." for c in t) or t.count(".") > 1 or t == ".":
        return None
    value = float(t) if "." in t else int(t)
    return -value if negative else value
