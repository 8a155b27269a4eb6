"""Find a document's id (version month or reporting year) and period in its own words."""

from __future__ import annotations

import re
from datetime import date

from .. import layout

_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december"]
_MONTH_YEAR = re.compile(r"\b(" + "|".join(_MONTHS) + r")\s+(20\d\d)\b", re.IGNORECASE)
_YEAR_SPAN = re.compile(r"\b(20\d\d)\s*(?:[-/–]|to)\s*(?:20)?(\d\d)\b")


def guess_id(kind: str, texts: list[str]) -> str | None:
    """The first version month (arrangements) or reporting year (report) the texts name."""
    for text in texts:
        if kind == layout.ARRANGEMENTS:
            found = _MONTH_YEAR.search(text)
            if found:
                month = _MONTHS.index(found.group(1).lower()) + 1
                return f"{found.group(2)}-{month:02d}"
        else:
            for span in _YEAR_SPAN.finditer(text):
                start, end = int(span.group(1)), int(span.group(2))
                if (start + 1) % 100 == end:
                    return f"{start}-{end:02d}"
    return None


def reporting_period(report_id: str) -> dict[str, str]:
    """1 April to 31 March of the reporting year `2023-24`."""
    start = int(report_id[:4])
    return {"start": f"{start}-04-01", "end": f"{start + 1}-03-31"}


def first_day(doc_id: str, kind: str) -> date:
    """The day a document of that id is taken to speak from, to choose the edition."""
    if kind == layout.ARRANGEMENTS:
        return date.fromisoformat(f"{doc_id}-01")
    return date(int(doc_id[:4]) + 1, 3, 31)
