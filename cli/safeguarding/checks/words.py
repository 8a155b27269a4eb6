"""words.*: acronyms a reader can look up."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..doctree import Path_, iter_sections
from ..findings import Finding, Location, Severity
from .context import CheckContext
from .registry import rule

# Two or more capitals (a hyphen or digits may follow), maybe plural: MASH, MAT-G, CCG's, ICBs.
_ACRONYM = re.compile(r"(?<![\w&-])([A-Z][A-Z&]*[A-Z](?:-[A-Z]+)?[0-9]*)(?:'s|’s|s)?(?![\w&])")
_ROMAN = re.compile(r"^[IVXLCDM]+$")
# Known to every reader in England: defining them would be noise.
COMMON = frozenset({
    "UK", "NHS", "GP", "HM", "MP", "TV", "OK", "COVID", "PDF", "ID", "AM", "PM", "BBC", "EU",
    "UN", "USA", "URL", "FAQ", "CEO",
    # Honours after a name (Giles York QPM) and words in capitals for emphasis ("EACH child").
    "OBE", "MBE", "CBE", "DBE", "KBE", "QPM", "KPM", "QC", "KC", "JP", "DL",
    "ALL", "AND", "ANY", "EACH", "EVERY", "MUST", "NEVER", "NO", "NOT", "ONLY", "OR", "THE",
})
_GLOSSARY_TITLE = re.compile(r"glossary|abbreviation|acronym", re.IGNORECASE)


@rule("words.acronyms_defined", Severity.WARNING)
def acronyms_defined(context: CheckContext) -> Iterator[Finding]:
    """Every acronym is in the glossary or spelt out where it is first used.

    An acronym is a word of two or more capitals (MASH, CSPR, CCG's). It is defined by
    the partnership's `glossary` or `short_name`, by a glossary section or table in the
    document (a title with "glossary", "abbreviations" or "acronyms"), or in the text as
    "Full Name (ACRONYM)" or "ACRONYM (Full Name)" at or before its first use.
    Not counted: Roman numerals (II, IV), abbreviations every reader knows (UK, NHS, GP,
    HM, COVID ...), honours after a name (QPM, OBE), common words in capitals for
    emphasis ("EACH child", "MUST") and words in a run of capitals ("GET SAFE", "STAY
    SAFE"), which are names or emphasis. One finding per acronym, at its first use.

    passes: "the Multi-Agency Safeguarding Hub (MASH) ... the MASH"
    fails:  "referrals to the MASH" with no glossary entry and no expansion before it
    """
    defined = _glossary(context)
    first_definition = _definitions(context)
    reported: set[str] = set()
    for order, (path, text, match) in enumerate(_uses(context)):
        term = match.group(1)
        if term in defined or term in reported:
            continue
        if first_definition.get(term, (1 << 30,))[0] <= order:
            defined.add(term)
            continue
        reported.add(term)
        yield _finding(context, path, text, match, first_definition.get(term))


def _finding(context: CheckContext, path: Path_, text: str, match: re.Match[str],
             later: tuple[int, Location] | None) -> Finding:
    term = match.group(1)
    where = context.locate_match(path, text, match)
    if later:
        return acronyms_defined.finding(
            f"'{term}' is used before it is spelt out (at line {later[1].line})", where,
            f"spell it out here, e.g. 'Full Name ({term})', or add it to the glossary")
    return acronyms_defined.finding(
        f"'{term}' is not spelt out and not in the glossary", where,
        f"write 'Full Name ({term})' where it is first used, or add it to the glossary in "
        "partnership.yaml")


def _uses(context: CheckContext) -> Iterator[tuple[Path_, str, re.Match[str]]]:
    for path, text, match in context.matches(_ACRONYM):
        term = match.group(1)
        if _ROMAN.match(term) or term in COMMON or _in_capital_run(text, match):
            continue
        yield path, text, match


def _in_capital_run(text: str, match: re.Match[str]) -> bool:
    before = re.search(r"([A-Z][A-Z&]*)[ \-]+$", text[: match.start()])
    after = re.match(r"[ \-]+([A-Z][A-Z&]+)\b", text[match.end():])
    return bool((before and len(before.group(1)) > 1) or after)


def _is_definition(text: str, match: re.Match[str]) -> bool:
    """ "Full Name (ACR)" or "ACR (Full Name)"."""
    opened = text[: match.start()].endswith("(") and text[match.end():].startswith(")")
    spelt = re.match(r"\s?\([A-Za-z][^)]*\s[^)]*\)", text[match.end():])
    return opened or bool(spelt)


def _definitions(context: CheckContext) -> dict[str, tuple[int, Location]]:
    """Each acronym's first definition in the text: (order among uses, location)."""
    found: dict[str, tuple[int, Location]] = {}
    for order, (path, text, match) in enumerate(_uses(context)):
        if match.group(1) not in found and _is_definition(text, match):
            found[match.group(1)] = (order, context.locate_match(path, text, match))
    return found


def _glossary(context: CheckContext) -> set[str]:
    facts: dict[str, Any] = context.partnership.data if context.partnership else {}
    terms = {str(e.get("term", "")) for e in facts.get("glossary") or []}
    terms.add(str(facts.get("short_name", "")))
    for _, section in iter_sections(context.data):
        if _GLOSSARY_TITLE.search(section.get("title", "")):
            terms.update(m.group(1) for _, text, m in _section_matches(context, section))
        for block in section.get("blocks") or []:
            if _GLOSSARY_TITLE.search(str(block.get("title", ""))):
                terms.update(m.group(1) for _, text, m in _section_matches(context, block))
    return {_singular(t) for t in terms if t}


def _section_matches(context: CheckContext, part: dict[str, Any]
                     ) -> Iterator[tuple[Path_, str, re.Match[str]]]:
    from ..doctree import iter_prose
    for path, text in iter_prose(part):
        for match in _ACRONYM.finditer(text):
            yield path, text, match


def _singular(term: str) -> str:
    match = _ACRONYM.fullmatch(term.strip())
    return match.group(1) if match else term.strip()
