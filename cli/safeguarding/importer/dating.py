"""Find a document's id (version month or reporting year) and period in its own words."""

from __future__ import annotations

import re
from datetime import date

from ..load import layout
from ..render.formatting import MONTHS

_MONTHS = [m.lower() for m in MONTHS]  # matched case-blind, looked up lower-cased
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


_DAY = r"(\d{1,2})(?:st|nd|rd|th)?\s+(" + "|".join(_MONTHS) + r")\s+(20\d\d)"
_PERIOD = re.compile(_DAY + r"\s*(?:to|-|–|until)\s*" + _DAY, re.IGNORECASE)


def reporting_period(report_id: str) -> dict[str, str]:
    """1 April to 31 March of the reporting year `2023-24`."""
    start = int(report_id[:4])
    return {"start": f"{start}-04-01", "end": f"{start + 1}-03-31"}


def stated_period(texts: list[str]) -> dict[str, str] | None:
    """The first period the texts state in full, e.g. `1 October 2022 to 31 March 2024`."""
    for text in texts:
        found = _PERIOD.search(text)
        if found:
            try:
                start, end = (_day(*found.groups()[i:i + 3]) for i in (0, 3))
            except ValueError:  # 31 June: not a day
                continue
            if start < end:
                return {"start": start.isoformat(), "end": end.isoformat()}
    return None


def _day(day: str, month: str, year: str) -> date:
    return date(int(year), _MONTHS.index(month.lower()) + 1, int(day))


def first_day(doc_id: str, kind: str) -> date:
    """The day a document of that id is taken to speak from, to choose the edition."""
    if kind == layout.ARRANGEMENTS:
        return date.fromisoformat(f"{doc_id}-01")
    return date(int(doc_id[:4]) + 1, 3, 31)
