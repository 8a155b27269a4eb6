"""How figures, dates and codes read in a published document (British style)."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import date

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # not the locale's names

# Codes in the data and the words a reader sees.
LABEL_BY_CODE = {
    "achieved": "Achieved",
    "good-progress": "Good progress",
    "some-progress": "Some progress",
    "little-or-no-progress": "Little or no progress",
    "not-started": "Not started",
    "carried-forward": "Carried forward",
    "rapid-review": "Rapid review",
    "local-child-safeguarding-practice-review": "Local child safeguarding practice review",
    "national-review": "National review",
    "serious-case-review": "Serious case review",
    "thematic-review": "Thematic review",
    "domestic-homicide-review": "Domestic homicide review",
    "other": "Other",
    "considered": "Considered",
    "commissioned": "Commissioned",
    "in-progress": "In progress",
    "completed": "Completed",
    "published": "Published",
    "not-proceeding": "Not proceeding",
    "statistical-neighbours": "Statistical neighbours",
    "region": "Region",
    "england": "England",
    "national": "National",
    "previous-year": "Previous year",
    "must": "Must",
    "should": "Should",
    "expected": "Expected",
    "note": "For information",
    "met": "Met",
    "partial": "Partly met",
    "missing": "Not met",
    "draft": "Draft",
}


def label(code: object) -> str:
    """The reader's words for a code such as `good-progress`."""
    text = str(code)
    return LABEL_BY_CODE.get(text, text.replace("-", " ").capitalize())


def number(value: object) -> str:
    """3620 → 3,620; 4.10 → 4.1; 0.004 → 0.004 (never 0 when it is not); None → an en dash."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if float(value).is_integer():
        return f"{int(value):,}"
    # A figure that two decimals would round to 0 keeps two significant digits instead.
    places = 2 if round(value, 2) else 1 - math.floor(math.log10(abs(value)))
    return f"{value:,.{places}f}".rstrip("0").rstrip(".")


def money(value: object, pence: bool = False) -> str:
    """150000 → £150,000; 125000.5 → £125,000.50; with `pence` (another amount in the same table
    has pence, see has_pence) whole pounds too: £150,000.00; negative amounts in the
    accountant's brackets: (£2,500)."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return number(value)
    amount = abs(value)
    # number() for whole pounds, and for less than a penny, which two decimals would show as 0.
    plain = (float(amount).is_integer() and not pence) or bool(amount and not round(amount, 2))
    text = "£" + (number(amount) if plain else f"{amount:,.2f}")
    return f"({text})" if value < 0 else text


def has_pence(values: Iterable[object]) -> bool:
    """Whether any of these amounts has pence: then all of them are shown with two decimals."""
    return any(isinstance(v, float) and not v.is_integer() for v in values)


def fact_value(value: object, unit: str | None) -> str:
    """A key fact in its unit: 4.1%, £112, 64 per 10,000, 3,620."""
    if unit == "percent":
        return f"{number(value)}%"
    if unit == "gbp":
        return money(value)
    if unit == "rate-per-10000":
        return f"{number(value)} per 10,000"
    return number(value)


def one_in(value: object) -> str:
    """1292 → "1 in 1,292", with no-break spaces: a rate read as one figure never wraps."""
    return f"1\u00a0in\u00a0{number(value)}"


def plural(n: int, word: str) -> str:
    """'1 error', '2 errors': a count and its noun (a plain -s plural)."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def long_date(value: object) -> str:
    """2024-09-30 → 30 September 2024; anything else as written."""
    day = _day(value)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}" if day else str(value)


def month_year(value: object) -> str:
    """2024-09-30 or 2024-09 → September 2024."""
    day = _day(value if len(str(value)) != 7 else f"{value}-01")
    return f"{MONTHS[day.month - 1]} {day.year}" if day else str(value)


def _day(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def source_and_date(item: dict) -> str:
    """"Source, 31 March 2024", the date left out when the source as printed already gives it
    ("Internal Monthly Reporting 31/03/2024")."""
    source, day = item.get("source"), _day(item.get("as_of"))
    parts = [str(source)] if source else []
    if day and not (source and _gives_date(str(source), day)):
        parts.append(long_date(day))
    elif not day and item.get("as_of"):
        parts.append(str(item["as_of"]))
    return ", ".join(parts)


def _gives_date(text: str, day: date) -> bool:
    month = MONTHS[day.month - 1]
    written = (day.isoformat(), long_date(day), f"{day:%d/%m/%Y}",
               f"{day.day}/{day.month}/{day.year}", f"{day.day} {month[:3]} {day.year}")
    return any(form.lower() in text.lower() for form in written)


def period(value: dict | None) -> str:
    """{start, end} → 1 April 2023 to 31 March 2024."""
    if not value:
        return ""
    return f"{long_date(value['start'])} to {long_date(value['end'])}"


# "2023 - 2024" → "2023–2024": a range of figures takes a closed-up en dash; "October 2022 -
# March 2024", and a dash between words, a spaced one (the British style). "1 in 1,292" keeps
# its words together.
_FIGURE_RANGE = re.compile(r"(?<=\d) ?- ?(?=\d)")  # a typed en dash is left as written
_WORD_DASH = re.compile(r"(?<=[^\W\d]) - (?=\w)|(?<=\w) - (?=[^\W\d])")  # figures: above
_ONE_IN = re.compile(r"\b1 in (?=\d)")
_PHONE_PART = re.compile(r"(?<!\d)0\d+$")
_YEAR_BEFORE = re.compile(r"(?<![\d-])(?:19|20)\d\d$")
_YEAR_AFTER = re.compile(r"(?:19|20)\d\d(?![\d-])")


def typeset(text: object) -> str:
    """Plain text with the typography a published page needs: en dashes, no-break spaces."""
    if not isinstance(text, str):
        return "" if text is None else str(text)
    text = _ONE_IN.sub("1\u00a0in\u00a0", text)
    text = _FIGURE_RANGE.sub(_range_dash, text)
    return _WORD_DASH.sub(" – ", text)


def _range_dash(match: re.Match[str]) -> str:
    # Only with spaces either side ("2023 - 2024"), or between years ("2023-2024"): a phone
    # number, a date written 2024-03-31 or a code such as "A-1" keeps its hyphen.
    # Read in place, around the match: slicing the text before and after every dash made a
    # long run of "1-1-1" quadratic.
    text, start, end = match.string, match.start(), match.end()
    spaced = match.group(0).startswith(" ") and match.group(0).endswith(" ") \
        and not _PHONE_PART.search(text, max(0, start - 40), start)  # a telephone number's parts
    years = bool(_YEAR_BEFORE.search(text, max(0, start - 4), start)
                 and _YEAR_AFTER.match(text, end))
    return "–" if spaced or years else match.group(0)


FILTERS = {
    "typeset": typeset,
    "label": label,
    "number": number,
    "money": money,
    "one_in": one_in,
    "long_date": long_date,
    "month_year": month_year,
    "period": period,
    "source_and_date": source_and_date,
}
