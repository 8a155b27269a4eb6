"""words.*: acronyms a reader can look up."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ...findings import Finding, Location, Severity
from ...load.doctree import Path_, iter_blocks, iter_prose, iter_sections
from .check_context import CheckContext, within
from .registry import rule

# Two or more capitals (a hyphen or digits may follow), maybe plural: MASH, MAT-G, CCG's, ICBs.
# A lower-case letter may sit between two capitals (DfE, CiN, MoJ, DoLS, TfL), never two
# in a row nor at the end: McDonald, YouTube, SharePoint and BSc are not acronyms.
_ACRONYM = re.compile(
    r"(?<![\w&-])([A-Z](?:[A-Z&]|[a-z](?=[A-Z]))*[A-Z](?:-[A-Z]+)?[0-9]*)(?:'s|’s|s)?(?![\w&])")
# Roman numerals as documents number parts and appendices (II to XXXIX). Not any run of
# I, V, X, L, C, D and M: CID, LD, MD and DV are acronyms.
_ROMAN = re.compile(r"^X{0,3}(?:IX|IV|V?I{0,3})$")
# A UK postcode (WR5 2NP, CH44 6BA): its letters are not an acronym.
_POSTCODE = re.compile(r"\b[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}\b")
# Known to every reader in England: defining them would be noise.
COMMON = frozenset({
    "UK", "NHS", "GP", "HM", "MP", "TV", "OK", "COVID", "PDF", "ID", "AM", "PM", "BBC", "EU",
    "UN", "USA", "URL", "FAQ", "CEO", "PhD",
    # Honours after a name (Giles York QPM) and words in capitals for emphasis ("EACH child").
    "OBE", "MBE", "CBE", "DBE", "KBE", "QPM", "KPM", "QC", "KC", "JP", "DL",
    "ALL", "AND", "ANY", "EACH", "EVERY", "MUST", "NEVER", "NO", "NOT", "ONLY", "OR", "THE",
    "SHOULD", "SHALL", "WILL", "ALWAYS", "NOTE", "IMPORTANT", "NONE", "IF", "BE", "DO", "IS",
    "ARE", "TO", "OF", "IN", "ON", "AT", "BY", "WE", "YOU", "OUR", "IT",
    # Placeholders, not acronyms: the coverage table already shows text like "TBC" as
    # placeholder (partial), and asking to spell them out would treat them as content.
    "TBC", "TBD", "TBA", "TODO",
})
_GLOSSARY_TITLE = re.compile(r"glossary|abbreviation|acronym", re.IGNORECASE)


@rule("words.acronyms_defined", Severity.WARNING)
def acronyms_defined(context: CheckContext) -> Iterator[Finding]:
    """Every acronym is in the glossary or spelt out where it is first used.

    An acronym is a word of two or more capitals (MASH, CSPR, CCG's), maybe with single
    lower-case letters between them (DfE, CiN, DoLS; not McDonald or YouTube). It is
    defined by the partnership's `glossary` or `short_name`, by a glossary section or
    table in the document (a title with "glossary", "abbreviations" or "acronyms"), in any case
    ("Cafcass" defines CAFCASS), or in the text as "Full Name (ACRONYM)" or "ACRONYM
    (Full Name)" at or before its first use, where the full name has a word starting
    with the acronym's first letter ("MASH (see below)" is not a definition).
    Not counted: Roman numerals (II, IV, XII), abbreviations every reader knows (UK, NHS,
    GP, HM, COVID ...), honours after a name (QPM, OBE), common words in capitals for
    emphasis ("EACH child", "MUST"), words in a run of capitals ("GET SAFE", "STAY
    SAFE"), which are names or emphasis, postcodes (WR5 2NP) and placeholders (TBC, TBD,
    TBA, TODO), which the coverage table reports as placeholder text. Web addresses and
    link targets are not read. One finding per acronym, at its first use; an acronym
    spelt out only later is reported at its first use, with the line of the definition.

    passes: "the Multi-Agency Safeguarding Hub (MASH) ... the MASH"
    fails:  "referrals to the MASH" with no glossary entry and no expansion before it
    """
    defined = _glossary(context)
    first_definition = _definitions(context)
    reported: set[str] = set()
    for order, (path, text, match) in enumerate(_uses(context)):
        term = match.group(1)
        if term.upper() in defined or term in reported:
            continue
        if first_definition.get(term, (1 << 30,))[0] <= order:
            defined.add(term)
            continue
        reported.add(term)
        yield _finding(context, path, text, match, first_definition.get(term))


def _finding(context: CheckContext, path: Path_, text: str, match: re.Match[str],
             later: tuple[int, Location] | None) -> Finding:
    term = match.group(1)
    where = context.locate_match(path, match)
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
        if _ROMAN.match(term) or term in COMMON or _in_capital_run(text, match) \
                or _in_postcode(text, match):
            continue
        yield path, text, match


def _in_postcode(text: str, match: re.Match[str]) -> bool:
    return within(_POSTCODE, text, match.start())


# Matched in place (pattern.match(text, pos)): slicing the rest of a long text at every
# acronym made a 4 MB report take a minute.
_CAPITAL_BEFORE = re.compile(r"([A-Z][A-Z&]*)[ \-]+$")
_CAPITAL_AFTER = re.compile(r"[ \-]+([A-Z][A-Z&]+)\b")
# Linear: the first word is matched up to its space (no choice of where the space is), and
# a full name is short, so an unclosed "(" after every acronym is not read to the end.
_SPELT_AFTER = re.compile(r"\s?\(([A-Za-z][^)\s]{0,100}\s[^)]{0,300})\)")


def _in_capital_run(text: str, match: re.Match[str]) -> bool:
    # Only the word just before matters: look at a short window, not the whole prefix.
    before = _CAPITAL_BEFORE.search(text, max(0, match.start() - 80), match.start())
    after = _CAPITAL_AFTER.match(text, match.end())
    return bool((before and len(before.group(1)) > 1) or after)


def _is_definition(text: str, match: re.Match[str]) -> bool:
    """ "Full Name (ACR)" or "ACR (Full Name)", the full name having a word in the
    acronym's first letter: not "the hub (MASH)" or "MASH (see below)"."""
    initial = match.group(1)[0].lower()
    if text[match.start() - 1: match.start()] == "(" and text[match.end(): match.end() + 1] == ")":
        window = max(0, match.start() - 600)  # enough for the words of any full name
        before = re.findall(r"[A-Za-z][\w’'-]*", text[window: match.start()])[1 if window else 0:]
        return any(w[0].lower() == initial for w in before[-(len(match.group(1)) + 4):])
    spelt = _SPELT_AFTER.match(text, match.end())
    if spelt is None:
        return False
    return any(w[0].lower() == initial for w in re.findall(r"[A-Za-z][\w’'-]*", spelt.group(1)))


def _definitions(context: CheckContext) -> dict[str, tuple[int, Location]]:
    """Each acronym's first definition in the text: (order among uses, location)."""
    found: dict[str, tuple[int, Location]] = {}
    for order, (path, text, match) in enumerate(_uses(context)):
        if match.group(1) not in found and _is_definition(text, match):
            found[match.group(1)] = (order, context.locate_match(path, match))
    return found


def _glossary(context: CheckContext) -> set[str]:
    facts: dict[str, Any] = context.partnership.data if context.partnership else {}
    terms = {str(e.get("term", "")) for e in facts.get("glossary") or []}
    terms.add(str(facts.get("short_name", "")))
    for _, part in [*iter_sections(context.data), *iter_blocks(context.data)]:
        if _GLOSSARY_TITLE.search(str(part.get("title", ""))):
            terms.update(_glossary_words(part))
    # Upper case: a glossary entry "Cafcass" defines CAFCASS in the text.
    return {_singular(t).upper() for t in terms if t}


def _glossary_words(part: dict[str, Any]) -> Iterator[str]:
    """The acronyms and capitalised names (Cafcass, Ofsted) of a glossary section or table."""
    for _, text in iter_prose(part):
        yield from (m.group(1) for m in _ACRONYM.finditer(text))
        yield from re.findall(r"\b[A-Z][A-Za-z&]+\b", text)


def _singular(term: str) -> str:
    match = _ACRONYM.fullmatch(term.strip())
    return match.group(1) if match else term.strip()
