"""text.*: what a careful reader of the prose catches: impossible dates, references to
appendices or paragraphs that are not there, the partnership called by another name, a
list that nothing introduces."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from typing import Any

from ...findings import Finding, Severity
from ...load.doctree import iter_sections
from .check_context import CheckContext
from .registry import rule

MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december")
_MONTH = (r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
# "31 June", "30th of February 2023"; "June 31, 2023" (month first only with a year: "in
# June 31 children" is a count); 31/11/2023 (day first, as in England); 2023-02-30.
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?\s+" + _MONTH
                        + r"\b(?:,?\s+(\d{4})\b)?")
_MONTH_DAY = re.compile(r"\b" + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
_NUMERIC = re.compile(r"(?<![\d./-])(\d{1,2})([/.])(\d{1,2})\2(\d{4}|\d{2})(?![\d/-]|\.\d)")
_ISO = re.compile(r"(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])")


def _month(name: str) -> int:
    return next(i + 1 for i, full in enumerate(MONTH_NAMES) if full.startswith(name.lower()))


def _problem(day: int, month: int, year: int | None) -> str:
    """Why day/month/year is no date, or '' when it is one."""
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    if day < 1:
        return "there is no day 0"
    # Without a year, 29 February may be a leap year's: judged against one.
    last = calendar.monthrange(year if year else 2000, month)[1]
    if day > last:
        name = MONTH_NAMES[month - 1].capitalize()
        if (month, day) == (2, 29):
            return f"{year} was not a leap year: February {year} had 28 days"
        return f"{name} has {last} days"
    return ""


def _year(text: str | None) -> int | None:
    if not text:
        return None
    value = int(text)
    return value + 2000 if len(text) == 2 else value


def _dates(text: str, match: re.Match[str]) -> tuple[int, int, int | None]:
    pattern = match.re
    if pattern is _DAY_MONTH:
        return int(match[1]), _month(match[2]), _year(match[3])
    if pattern is _MONTH_DAY:
        return int(match[2]), _month(match[1]), _year(match[3])
    if pattern is _NUMERIC:
        return int(match[1]), int(match[3]), _year(match[4])
    return int(match[3]), int(match[2]), int(match[1])


@rule("text.impossible_dates", Severity.WARNING)
def impossible_dates(context: CheckContext) -> Iterator[Finding]:
    """Dates written in the text exist: no 31 June, no 29 February in a year not leap.

    Read: "31 June", "30th of February 2023", "June 31, 2023", 31/11/2023 (day first, as
    in England; 2-digit years too) and 2023-02-30. A date with a 13th month or more
    is reported too ("12/25/2023" is month first: write it day first). Without a year,
    29 February is allowed. Web addresses are not read.

    passes: "Signed on 29 February 2024", "updated 30/11/2023"
    fails:  "Source: ONS, 31/11/2023" or "the review met on 29 February 2023"
    """
    for pattern in (_DAY_MONTH, _MONTH_DAY, _NUMERIC, _ISO):
        for path, text, match in context.matches(pattern):
            if pattern is _NUMERIC and match[2] == "." and len(match[4]) != 4:
                continue  # 1.2.23 is more likely a paragraph number than a date
            problem = _problem(*_dates(text, match))
            if problem:
                yield impossible_dates.finding(
                    f"'{match.group(0)}' is not a date: {problem}",
                    context.locate_match(path, match),
                    "correct the date as the source document meant it")


_NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                 "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
                 "seventeen", "eighteen", "nineteen", "twenty")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10}
_LABEL = r"(\d{1,2}|[A-Z]\b|[IVX]{1,5}\b|" + "|".join(w.capitalize() for w in _NUMBER_WORDS) \
    + r")"
_APPENDIX_REF = re.compile(r"\b(Appendix|Appendices|Annexe?)\s+" + _LABEL)
_APPENDIX_OWN = re.compile(r"^\W*(?:Appendix|Annexe?)\s+" + _LABEL, re.IGNORECASE)
# A reference into another document: "Appendix A of Working Together", "Annex 2 to the
# regulations", "Appendix 1 in the Constitution".
_ELSEWHERE = re.compile(r"\s*(?:of|to|in|from)\s+(?:the\s+)?[A-Z]")
_PARAGRAPH_REF = re.compile(r"\b(?:[Pp]aragraphs?|[Pp]aras?\.?|[Ss]ections?)\s+(\d+(?:\.\d+)+)\b")
_OWN_NUMBER = re.compile(r"(?m)^\s*(?:[-*]\s+)?(\d+(?:\.\d+)+)\s")


def _label(text: str) -> str:
    """One spelling for an appendix label: 3, Three and III are all '3'; A stays 'A'."""
    low = text.lower()
    if low.isdigit():
        return str(int(low))
    if low in _NUMBER_WORDS:
        return str(_NUMBER_WORDS.index(low) + 1)
    if len(low) > 1 and set(low) <= set(_ROMAN_VALUES):  # II, IV; a lone I is a letter
        values = [_ROMAN_VALUES[c] for c in low]
        return str(sum(-v if i + 1 < len(values) and v < values[i + 1] else v
                       for i, v in enumerate(values)))
    return text.upper()


def _appendices(data: dict[str, Any]) -> set[str]:
    found = set()
    for _, section in iter_sections(data):
        for field in ("number", "title"):
            match = _APPENDIX_OWN.match(str(section.get(field) or ""))
            if match:
                found.add(_label(match[1]))
    return found


def _numbers(context: CheckContext) -> set[str]:
    """The section and paragraph numbers the document has: `number` fields, titles and
    paragraphs that start with one (Wirral's "2.57 In order to ...")."""
    found = set()
    for _, section in iter_sections(context.data):
        for field in ("number", "title"):
            match = re.match(r"\s*(\d+(?:\.\d+)*)", str(section.get(field) or ""))
            if match:
                found.add(match[1])
    for _, text in context.prose:
        found.update(m[1] for m in _OWN_NUMBER.finditer(text))
    return found


@rule("text.references_exist", Severity.WARNING)
def references_exist(context: CheckContext) -> Iterator[Finding]:
    """An appendix or numbered paragraph the text refers to is in the document.

    "see Appendix 4" needs a section numbered or titled "Appendix 4" (Four and IV are
    the same label; A is not 1). "paragraph 2.57" or "section 3.5" needs a section or
    paragraph with that number, and is only checked in a document that numbers its
    paragraphs. Statutes' sections ("section 47 enquiries", "Section 11 audits") are
    not references into the document; nor is a reference into another one ("Appendix
    A of Working Together", "paragraph 4.3 of the guidance").

    passes: "listed in Appendix 1" with a section `number: Appendix 1`
    fails:  "set out in Appendix 4" in a document whose appendices are 1 to 3
    """
    appendices = _appendices(context.data)
    numbers: set[str] | None = None
    for path, text, match in context.matches(_APPENDIX_REF):
        if _ELSEWHERE.match(text, match.end()) or match[1] == "Appendices":
            continue
        if _label(match[2]) not in appendices:
            have = f"its appendices are {', '.join(sorted(appendices))}" if appendices \
                else "it has no appendices"
            yield references_exist.finding(
                f"the text refers to '{match.group(0)}', but the document has no such "
                f"appendix ({have})", context.locate_match(path, match),
                "correct the reference, or add the appendix as a section "
                f"(`number: {match[1]} {match[2]}`)")
    for path, text, match in context.matches(_PARAGRAPH_REF):
        if _ELSEWHERE.match(text, match.end()):
            continue
        numbers = _numbers(context) if numbers is None else numbers
        if not any("." in n for n in numbers):
            return  # the document numbers no paragraphs: the reference is to another one
        if match[1] not in numbers:
            yield references_exist.finding(
                f"the text refers to '{match.group(0)}', but no section or paragraph of the "
                "document has that number", context.locate_match(path, match),
                "correct the reference")


_PARTNERSHIP = r"(?:['’]s)?((?:\s+(?:[A-Z][\w'’-]*|and|for|of))*?\s+Partnership)\b"


@rule("text.partnership_name", Severity.WARNING)
def partnership_name(context: CheckContext) -> Iterator[Finding]:
    """The partnership is called by one name.

    Every "<area> ... Safeguarding ... Partnership" in the text (words in capitals
    between them) must be the partnership's `name` in partnership.yaml. Other bodies
    are not counted: an adults' partnership, a community safety or domestic abuse
    partnership (no "Safeguarding"), the old Safeguarding Children Board. One finding
    per other name, at its first use.

    passes: "West Sussex Safeguarding Children Partnership" in West Sussex's documents
    fails:  "West Sussex Safeguarding Partnership" in the same documents
    """
    facts: dict[str, Any] = context.partnership.data if context.partnership else {}
    name, area = str(facts.get("name") or ""), str((facts.get("area") or {}).get("name") or "")
    if not name or not area:
        return
    pattern = re.compile(r"\b" + re.escape(area) + _PARTNERSHIP)
    wanted = _normal(name)
    seen: set[str] = set()
    for path, _text, match in context.matches(pattern):
        words = match.group(0)
        if "Safeguarding" not in words or re.search(r"\bAdults?\b", words):
            continue
        key = _normal(words)
        if key == wanted or key in seen:
            continue
        seen.add(key)
        # Located by the area's name: the match may wrap over lines of the file.
        where = context.source.locate_in(path, match.start(), match.start() + len(area))
        yield partnership_name.finding(
            f"the partnership is called '{' '.join(words.split())}' here, but its name is "
            f"'{name}'", where,
            f"write '{name}' (or change `name` in partnership.yaml if that is the one that "
            "is wrong)")


def _normal(text: str) -> str:
    """Case, spacing, a possessive and a leading "the" aside ("The X Partnership's")."""
    return " ".join(re.sub(r"['’]s\b", "", text).lower().split()).removeprefix("the ")


# A list item at the start of a body, or straight after a Markdown heading in it.
_OPENING_LIST = re.compile(r"\A\s*(?:[-*+]|\d{1,3}[.)])[ \t]+\S"
                           r"|^#{1,6}[ \t][^\n]*\n(?:[ \t]*\n)*[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+\S",
                           re.MULTILINE)


_ITEM = re.compile(r"(?m)^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+[^\n]{1,40}")


@rule("text.list_introduced", Severity.NOTE)
def list_introduced(context: CheckContext) -> Iterator[Finding]:
    r"""A list has a sentence before it that says what the list is.

    A section whose text opens with a list, or a list straight after a heading inside
    the text, leaves the reader (and a screen reader's user, who hears "list, 5 items")
    to guess what it lists: one lead-in line ("The partners will:") fixes it. A note:
    a short list under a telling title can be clear enough. One finding per section.

    passes: body: "The group will:\n\n- meet monthly\n- report to the partners"
    fails:  body: "- meet monthly\n- report to the partners" (under the title Objectives)
    """
    for path, section in iter_sections(context.data):
        body = section.get("body")
        if not isinstance(body, str):
            continue
        match = _OPENING_LIST.search(body)
        if match:
            title = " ".join(str(section.get("title") or section.get("id") or "").split())
            # At the first item's line, found by its own words in the file.
            item = _ITEM.search(body, match.start())
            where = context.source.locate_in((*path, "body"), item.start(), item.end()) \
                if item else context.locate((*path, "body"))
            yield list_introduced.finding(
                f"the list in '{title[:80]}' has no sentence before it to say what it lists",
                where,
                "add a lead-in line before the list, e.g. 'The partners will:'")
