"""figures.*: training totals, percentages, "1 in N" rates and images, as printed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ...findings import Finding, Severity
from ...load.block_types import FIGURE, KEY_FACTS, TRAINING
from ...load.doctree import Path_
from .check_context import CheckContext, in_sentence, within
from .registry import rule

# "1 in N" may be rounded: N rounded up or down (less than 1 away), or within 2% of a
# large N (1 in 300 for 1 in 306), is the same rate. Not 1 away: "1 in 3" is not "1 in 2".
ONE_IN_SLACK = 0.02
_PERCENT = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s?%")
# Over 100% is normal for growth ("a 120% rise") and figures of speech in quotations.
# Whole words only: "up" in "group" or "over" in "overall" and "covering" is not growth.
_GROWTH = re.compile(r"\b(?:increas(?:e[ds]?|ing)|ris(?:e[ns]?|ing)|rose|grow(?:s|n|th|ing)?|"
                     r"more|higher|above|over|up|exceed(?:s|ed|ing)?|compared|"
                     r"chang(?:e[ds]?|ing))\b", re.IGNORECASE)
# An opening curly quote ends the quotation before it: thousands of unclosed “ are each
# read to the next one, not to the end of the text.
_QUOTED = re.compile(r"“[^“”]*”|\"[^\"]*\"")
# A key fact that is a change ("Increase in referrals: 120%") may pass 100% or be negative.
# Whole words: "change" must not excuse "Information exchange".
_CHANGE = re.compile(r"\b(?:increase|decrease|rise|fall|drop|change|growth|reduc)\w*",
                     re.IGNORECASE)


@rule("figures.training_totals", Severity.ERROR)
def training_totals(context: CheckContext) -> Iterator[Finding]:
    """A training table's stated totals equal the sum of its events.

    passes: events attended 109, 51, 131 and 86 with `total: {attended: 377}`
    fails:  the same events with `total: {attended: 380}`
    """
    for path, block in context.blocks(TRAINING):
        events = block.get("events") or []
        for key, what in (("attended", "attendance"), ("sessions", "sessions")):
            stated = (block.get("total") or {}).get(key)
            counts = [e.get(key) for e in events]
            if stated is None or None in counts or sum(counts) == stated:
                continue
            yield training_totals.finding(
                f"total {what} is printed as {stated}, but the {len(events)} events add up "
                f"to {sum(counts)}", context.locate((*path, "total", key)),
                "correct the total or the figures for each event, as printed")


@rule("figures.percentages", Severity.ERROR)
def percentages(context: CheckContext) -> Iterator[Finding]:
    """Percentages lie between 0 and 100.

    Key facts with `unit: percent` (and their comparators) are errors outside 0-100,
    unless the label speaks of a change ("Increase in referrals"). In the text, a figure
    over 100% is reported unless its sentence (which may wrap over several lines) speaks
    of growth or change ("a 120% rise", "up 150%", "increased", "more", "over",
    "compared") or it is inside quotation marks. Only whole words count: "group",
    "overall" and "covering" do not speak of growth.

    passes: a key fact `{label: Schools with an early help offer, value: 100, unit: percent}`
    fails:  `{label: Children seen within 24 hours, value: 104, unit: percent}`
    """
    for path, block in context.blocks(KEY_FACTS):
        for i, fact in enumerate(block.get("facts") or []):
            if fact.get("unit") == "percent" and not _CHANGE.search(str(fact.get("label"))):
                yield from _percent_fact(context, (*path, "facts", i), fact)
    for path, text, match in context.matches(_PERCENT):
        value = float(match.group(1).replace(",", "") + (match.group(2) or ""))
        if value > 100 and not _excused(text, match):
            yield percentages.finding(
                f"{match.group(0)} is more than 100%", context.locate_match(path, match),
                "check the figure; say what it is a percentage of", Severity.WARNING)


def _percent_fact(context: CheckContext, path: Path_, fact: dict[str, Any]) -> Iterator[Finding]:
    values = [((*path, "value"), fact.get("value"))]
    values += [((*path, "comparators", j, "value"), c.get("value"))
               for j, c in enumerate(fact.get("comparators") or [])]
    for where, value in values:
        if isinstance(value, (int, float)) and not 0 <= value <= 100:
            yield percentages.finding(
                f"'{fact.get('label')}' is a percentage, but its value is {value}",
                context.locate(where), "a percentage lies between 0 and 100")


def _excused(text: str, match: re.Match[str]) -> bool:
    if within(_QUOTED, text, match.start()):
        return True
    return in_sentence(_GROWTH, text, match.start(), match.end())


@rule("figures.one_in_n", Severity.ERROR)
def one_in_n(context: CheckContext) -> Iterator[Finding]:
    """A key fact's "1 in N" agrees with its value and population.

    N should be the population divided by the count (or 100 / a percentage, 10,000 / a
    rate per 10,000), rounded up or down (less than 1 away) or within 2% of N. The
    fact's own `population` is used, else the block's; a fact with its own
    `population_label` but no population is of a different population and is not
    checked. A mismatch against the block's population is a warning (the rate may be of
    another group), against the fact's own an error; when the label names a narrower
    group ("16-17 year olds", "care leavers (18-25)", "aged 10 to 17"), the block's
    population is not the fact's, and the rate is a note that it cannot be checked.

    passes: 3452 children in need, 1 in 34, population 119,353 (119353 / 3452 = 34.6)
    fails:  6087 children with an EHCP, 1 in 27, population 119,353 (gives 1 in 19.6)
    """
    for path, block in context.blocks(KEY_FACTS):
        shared = (block.get("population") or {}).get("value")
        for i, fact in enumerate(block.get("facts") or []):
            yield from _one_in(context, (*path, "facts", i), fact, shared)


def _one_in(context: CheckContext, path: Path_, fact: dict[str, Any],
            shared: float | None) -> Iterator[Finding]:
    stated, value, unit = fact.get("one_in"), fact.get("value"), fact.get("unit", "count")
    population = fact.get("population")
    if population is None and not fact.get("population_label"):
        population = shared
    if stated is not None and value == 0:
        yield one_in_n.finding(f"'{fact.get('label')}' is given as 1 in {stated:,g}, but its "
                               "value is 0", context.locate((*path, "one_in")),
                               "correct the value or remove the rate")
        return
    expected = _expected(value, unit, population)
    if stated is None or expected is None:
        return
    if abs(stated - expected) < 1.0 or abs(stated - expected) <= ONE_IN_SLACK * expected:
        return
    own = fact.get("population") is not None or unit != "count"
    basis = f"{value:,} in {population:,}" if unit == "count" else f"{value} {unit}"
    group = None if own else _SUBGROUP.search(str(fact.get("label") or ""))
    if group:
        # The label names a narrower group than the block's population: the rate is of
        # that group, whose size the document does not give. Not a wrong figure.
        yield one_in_n.finding(
            f"'{fact.get('label')}' is given as 1 in {stated:,g}, which cannot be checked: it "
            f"appears to be a rate among {group.group(0)}, not the block's population ({basis} "
            f"would be 1 in {expected:,.1f})", context.locate((*path, "one_in")),
            "give the group's size as the fact's `population`, so the rate can be checked",
            Severity.NOTE)
        return
    yield one_in_n.finding(
        f"'{fact.get('label')}' is given as 1 in {stated:,g}, but {basis} is 1 in "
        f"{expected:,.1f}", context.locate((*path, "one_in")),
        "check the figure and the population it is of (set `population` or "
        "`population_label` on the fact)", None if own else Severity.WARNING)


# A label naming a narrower group than all children: an age range ("16-17 year olds",
# "(18-25)", "aged 10 to 17", "under 5s") or a group such as care leavers.
# A range from 0 ("0-17", "0 - 18") is all children, the block's population.
_SUBGROUP = re.compile(r"\b(?!0\s*(?:-|–|to))\d{1,2}\s*(?:-|–|to)\s*\d{1,2}"
                       r"(?:\s*(?:year|yr)s?[\s-]*olds?)?|\b(?:under|over|aged)\s+\d{1,2}s?\b|\bcare\s+leavers?\b"
                       r"|\bschool[\s-]age\b|\bpupils\b|\byoung\s+adults\b", re.IGNORECASE)


def _expected(value: Any, unit: str, population: Any) -> float | None:
    if not isinstance(value, (int, float)) or value <= 0:
        return None
    if unit == "percent":
        return 100 / value
    if unit == "rate-per-10000":
        return 10000 / value
    return population / value if unit == "count" and population else None


# Markdown's backslash escapes (CommonMark): a backslash before ASCII punctuation stands for
# that character; before anything else (a space, a letter) it is a backslash the reader sees.
_MARKDOWN_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


@rule("figures.image_missing", Severity.WARNING, always_on=True)
def image_missing(context: CheckContext) -> Iterator[Finding]:
    """Every figure has its image (`src`); one without is shown as missing.

    passes: `{type: figure, src: assets/structure.png, alt: ...}`
    fails:  `{type: figure, caption: Partnership structure}` (the diagram was lost)
    """
    for path, block in context.blocks(FIGURE):
        if not block.get("src"):
            name = block.get("title") or block.get("caption") or block.get("id") or "a figure"
            # The caption is Markdown: show it as a reader sees it, without escapes.
            shown = " ".join(_MARKDOWN_ESCAPE.sub(r"\1", str(name)).split())[:80]
            yield image_missing.finding(
                f"the figure '{shown}' has no image",
                context.locate(path), "add the image to assets/ and give it as `src`, "
                "with `alt` text")
