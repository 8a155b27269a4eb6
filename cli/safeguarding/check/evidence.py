"""The evidence vocabulary: what the rule sets' elements may ask of a document.

Each element of a requirement (in schemas/requirements/) lists evidence items, each with
one key from this vocabulary; the element is present when any one item is found.

- `text`: words in a covering section (a section or block that names the requirement in
  `covers`): `terms` (any one: a word, a phrase, or a stem ending in `*`), one term of
  each group in `each`, and when
  asked, a money figure or share (`money: true`), a link (`link: true`) or a number
  (`number: true`). Sentences that only restate the guidance's list or its duties do not
  count, nor clauses that say a thing is not done or put off, unless the item says
  `not_done: true` (a gap is what it asks about).
- `field`: a field of the partnership's standing facts (or the document's own partners,
  chair, scrutiny) with real content: placeholders such as "TBC" are not evidence.
- `partners`: a statutory partner in each of `roles` (`health`: an ICB or a CCG), each
  naming its `person` (lead or delegated; without one, its organisation), whose title,
  when `titles` are given, is one of them.
- `chair`: the partnership chair named, and (`separate_from_scrutiny`) not also the
  independent scrutineer, and (`not_independent`) not an independent chair.
- `agencies`: at least `min` relevant agencies listed, and (`reasons`) each with a reason.
- `budget`: a budget block with income lines; (`period: report`) its period is the
  report's; (`partners: statutory`) each statutory partner contributes an amount.
- `signatories`: the document signed, and (`include: leads`) by every lead partner.
- `block`: a typed block of that type with content; `rating`: a priority so rated;
  `document`: a field of the document itself; `period`: the reporting period, no longer
  than `max_months`.
- `review`: a judgement only a reader can make: needs review until one is recorded.

The matching is word-set lookups and fixed patterns, linear in the size of the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..load.block_types import AGENCIES, BUDGET, PRIORITIES
from ..load.doctree import get_path, iter_blocks, iter_prose, iter_signatories
from .edition import parse_date
from .placeholders import is_thin, says_something

STATUTORY_ROLES = ("local-authority", "integrated-care-board", "police")
HEALTH_ROLES = ("integrated-care-board", "clinical-commissioning-group")  # CCGs until July 2022
# A date given as a month only counts as the date.
DOCUMENT_ALIASES = {"published": ("published", "published_month"),
                    "review_due": ("review_due", "review_due_month")}
JUDGEMENT = "review"
NAME_FIELDS = frozenset({"name", "title", "organisation", "local_authorities", "website"})
TEXT = "text"

_WORD = re.compile(r"[a-z0-9]+")
_MONEY = re.compile(r"£ ?\d|\d ?%|\bper ?cent\b|\d ?(?:k|m|bn)\b", re.IGNORECASE)
_LINK = re.compile(r"https?://|\bwww\.|\]\(", re.IGNORECASE)
_NUMBER = re.compile(r"\d")
# A sentence that says a thing is not done, or is put off, is not evidence that it is done
# ("we have not yet published our threshold document", "we will develop a data dashboard
# next year"). Only such sentences: arrangements are written in the future tense ("reviews
# will be published"), and a "not" inside a sentence rarely denies its subject ("an
# equitable but not equal split"), so a negation counts only at the head of the sentence.
_SUBJECT = (r"^\W*(?:we|it|this|there|(?:the )?(?:\w+ ){0,2}"
            r"(?:partners|partnership|executive|board|council|group))(?: \w+ly)?")
_NOT_DONE = re.compile(
    r"\bnot yet\b|\byet to\b|\bstill to\b"
    rf"|{_SUBJECT} (?:do|does|did|have|has|had|is|are|was|were|can|will)(?: not|n['’]t)\b"
    rf"|{_SUBJECT} (?:is|are|was|were|has been|have been|have|has|had|hold|holds) no\b"
    r"|^\W*no (?:[\w-]+ ){0,10}(?:(?:has|have|had) (?:yet )?been|was|were|took place)\b"
    r"|\bonce (?:[\w-]+ ){1,4}(?:is|are|has been|have been) (?:in place|agreed|set up|ready)\b"
    r"|\b(?:next year|in due course|later this year|in the coming year"
    r"|(?:is|are) being (?:developed|drafted|designed|written)|(?:under|in) development"
    r"|to be (?:developed|drafted|designed|written|agreed|confirmed|decided))\b",
    re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+|\n[ \t]*(?:\n|[-*+] |\d{1,3}[.)] )")
# Short words that say nothing about which requirement a sentence is about.
_STOP = frozenset([
    "the", "and", "for", "with", "that", "this", "their", "they", "them", "have", "has",
    "will", "what", "how", "who", "which", "when", "where", "from", "into", "onto", "each",
    "every", "both", "also", "such", "than", "then", "there", "these", "those", "being",
    "been", "were", "its", "our", "your", "any", "all", "are", "was", "not", "but", "can",
    "may", "should", "must", "would", "could", "about", "over", "under", "between",
    "within", "including", "include", "includes"])


@dataclass(frozen=True)
class Words:
    """One text as a reader's words: lower-case words, their phrases, and the raw text."""

    raw: str
    words: frozenset[str]
    phrases: frozenset[str]  # runs of two to four words, joined by spaces

    @classmethod
    def of(cls, text: str) -> Words:
        tokens = _WORD.findall(text.lower().replace("’", "'").replace("'", ""))
        phrases = {" ".join(tokens[i:i + n]) for n in (2, 3, 4)
                   for i in range(len(tokens) - n + 1)}
        return cls(text, frozenset(tokens), frozenset(phrases))

    def has_term(self, term: str) -> bool:
        term = " ".join(_WORD.findall(term.lower().replace("'", "")))
        if " " in term:
            return term in self.phrases
        return term in self.words

    def has_stem(self, stem: str) -> bool:
        return any(w.startswith(stem) for w in self.words)


def content_words(text: str) -> frozenset[str]:
    """The words that carry meaning (four letters or more, not a stop word), cut to their
    first five letters so that "funded" and "funding" count as one."""
    return frozenset(w[:5] for w in _WORD.findall(text.lower()) if len(w) > 3 and w not in _STOP)


def sentences(text: str) -> list[str]:
    """Sentences and list items; a line wrapped inside a sentence stays in it."""
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


# A sentence that says what the guidance asks ("partners must report on how effective the
# arrangements have been") restates the duty; it does not say the duty is met.
_DUTY = re.compile(
    r"^\W*(?:the |our |this |each |every |a )?(?:\w+ ){0,2}"
    r"(?:partners|partnership|partnerships|arrangements|report|reports)"
    r" (?:must|should|are required to|is required to|need to|needs to|have to|has to)"
    r" (?:\w+ )?(?:report|set out|include|describe|explain|show|say|contain|publish|state)\b",
    re.IGNORECASE)
# The clauses of a sentence that can each say something on their own: "We know of the
# reforms, and have not yet decided how to respond" says the first, not the second.
_CLAUSE = re.compile(r",\s+and\s+|,?\s+(?:but|whereas|although)\s+|,\s+while\s+",
                     re.IGNORECASE)


def says_not_done(sentence: str) -> bool:
    """Whether the sentence (or clause) says a thing is not done, or only planned."""
    return _NOT_DONE.search(sentence) is not None


def states_duty(sentence: str) -> bool:
    """Whether the sentence only says what the partners or the document must do."""
    return _DUTY.search(sentence) is not None


def said_as_done(sentence: str) -> str:
    """The sentence without its clauses that say a thing is not done or only planned."""
    return " ... ".join(c for c in _CLAUSE.split(sentence) if c.strip() and not says_not_done(c))


def text_found(spec: dict[str, Any], words: Words) -> bool:
    """Whether a covering text has the terms (any one) and the figures the item asks for."""
    for group in [spec.get("terms") or [], *(spec.get("each") or [])]:
        if group and not any(_term_in(t, words) for t in group):
            return False
    if spec.get("money") and not _MONEY.search(words.raw):
        return False
    if spec.get("link") and not _LINK.search(words.raw):
        return False
    return not (spec.get("number") and not _NUMBER.search(words.raw))


def _term_in(term: str, words: Words) -> bool:
    if term.endswith("*") and " " not in term:
        return words.has_stem(term[:-1].lower())
    return words.has_term(term)


def real(value: Any) -> bool:
    """Whether a typed value carries content: text of three words or more that is not a
    placeholder, a list of such values, a person with a name or title, a mapping with at
    least one real value; True and numbers count."""
    if isinstance(value, str):
        return not is_thin(value)
    if isinstance(value, list):
        return bool(value) and all(real(v) for v in value)
    if isinstance(value, dict):  # a person is real with a name or a title alone
        return person_named(value) or any(real(v) for v in value.values())
    return value is not None and value is not False


def named(value: Any) -> bool:
    """A name or job title: a word or more that is not a placeholder ("Cafcass", not "TBC")."""
    return isinstance(value, str) and says_something(value)


def person_named(person: Any) -> bool:
    """A person the document names: a real name or job title, not "TBC"."""
    return isinstance(person, dict) and (named(person.get("name")) or named(person.get("title")))


def title_is(person: Any, titles: Iterable[str]) -> bool:
    """Whether the person's job title contains one of the titles (any case)."""
    title = str(person.get("title") or "").lower() if isinstance(person, dict) else ""
    return any(t.lower() in title for t in titles)


def partner_for(partners: Any, role: str) -> dict[str, Any] | None:
    """The first partner with the statutory role (`health`: an ICB or a CCG), if any."""
    roles = HEALTH_ROLES if role == "health" else (role,)
    return next((p for p in partners or [] if isinstance(p, dict) and p.get("role") in roles),
                None)


def partner_person_ok(partner: dict[str, Any] | None, person: str | None,
                      titles: Iterable[str] = ()) -> bool:
    """The partner names its lead (or delegates), with one of the titles when given;
    without a person, the partner names its organisation."""
    if partner is None:
        return False
    if person is None:
        return named(partner.get("organisation")) or any(
            named(o) for o in partner.get("organisations") or [])
    found = partner.get(person)
    people = found if isinstance(found, list) else [found]
    titles = list(titles)
    return bool(people) and all(person_named(p) and (not titles or title_is(p, titles))
                                for p in people)


def chair_named(chair: Any) -> bool:
    return isinstance(chair, dict) and person_named(chair.get("person"))


def chair_is_scrutineer(chair: Any, scrutiny: Any) -> bool:
    """Whether the named chair is also the independent scrutineer (by name)."""
    name = str((chair or {}).get("person", {}).get("name") or "").strip().lower() \
        if isinstance(chair, dict) and isinstance(chair.get("person"), dict) else ""
    scrutineers = (scrutiny or {}).get("scrutineers") if isinstance(scrutiny, dict) else None
    return bool(name) and any(isinstance(s, dict) and str(s.get("name") or "").strip().lower()
                              == name for s in scrutineers or [])


def typed_found(kind: str, spec: Any, data: dict[str, Any], facts: dict[str, Any]) -> bool:
    """Whether one typed evidence item is in the document or its standing facts."""
    if kind == "field":
        steps = tuple(str(spec).split("."))
        value = get_path(facts, steps)
        if steps[-1] in NAME_FIELDS:  # a name is one word or more, not a sentence
            return named(value) or (isinstance(value, list) and bool(value)
                                    and all(named(v) for v in value))
        return real(value)
    if kind == "document":
        return any(real(data.get(name)) for name in DOCUMENT_ALIASES.get(str(spec), (spec,)))
    if kind == "partners":
        partners = facts.get("partners")
        return all(partner_person_ok(partner_for(partners, role), spec.get("person"),
                                     spec.get("titles") or ())
                   for role in spec.get("roles") or STATUTORY_ROLES)
    if kind == "chair":
        chair = facts.get("chair")
        return chair_named(chair) and not (
            spec.get("separate_from_scrutiny") and chair_is_scrutineer(chair, facts.get("scrutiny"))
        ) and not (spec.get("not_independent") and isinstance(chair, dict)
                   and chair.get("independent") is True)
    if kind == "agencies":
        return _agencies_found(spec, data, facts)
    if kind == "budget":
        return any(_budget_ok(spec, block, data, facts) for _, block in iter_blocks(data, BUDGET))
    if kind == "signatories":
        return _signed(spec, data, facts)
    if kind == "block":
        return any(block_has_content(b) for _, b in iter_blocks(data, str(spec)))
    if kind == "period":
        return _period_within(data, int(spec.get("max_months", 12)))
    if kind == "rating":
        return any(isinstance(item, dict) and item.get("rating") == spec
                   for _, block in iter_blocks(data, PRIORITIES)
                   for item in block.get("items") or [])
    return False


def _period_within(data: dict[str, Any], months: int) -> bool:
    """A reporting period with both dates, ending after it starts and no longer than months
    (1 April 2023 to 31 March 2024 is 12): a report on 18 months is not a yearly report."""
    period = data.get("reporting_period")
    start, end = (parse_date(period.get(k)) for k in ("start", "end")) \
        if isinstance(period, dict) else (None, None)
    if not (start and end and start < end):
        return False
    year, month = divmod(start.month - 1 + months, 12)
    try:  # the same day, months later; a 29 February start runs to the end of February
        later = start.replace(year=start.year + year, month=month + 1)
    except ValueError:
        later = start.replace(year=start.year + year, month=month + 2, day=1)
    return end < later


def block_has_content(block: dict[str, Any]) -> bool:
    """A typed block with something in it beyond its type, id, title and covers."""
    return any(real(v) for k, v in block.items() if k not in ("type", "id", "title", "covers"))


def _agencies_found(spec: dict[str, Any], data: dict[str, Any], facts: dict[str, Any]) -> bool:
    listed: list[Any] = list(facts.get("relevant_agencies") or [])
    for _, block in iter_blocks(data, AGENCIES):
        for group in block.get("groups") or []:
            listed += (group.get("agencies") or []) if isinstance(group, dict) else []
    names = [a for a in listed if named(a if isinstance(a, str) else (a or {}).get("name"))]
    if len(names) < int(spec.get("min", 1)) or len(names) < len(listed):
        return False
    if spec.get("reasons"):
        return all(isinstance(a, dict) and real(a.get("reason")) for a in names)
    return True


def _budget_ok(spec: dict[str, Any], block: dict[str, Any], data: dict[str, Any],
               facts: dict[str, Any]) -> bool:
    income = [line for line in block.get("income") or [] if isinstance(line, dict)]
    if not any(_line_amount(line) for line in income):
        return False
    if spec.get("period") == "report":
        period = data.get("reporting_period")
        if not (isinstance(period, dict) and block.get("period") == period):
            return False
    if spec.get("partners") == "statutory":
        paying = {line.get("partner") for line in income if _line_amount(line)}
        partners = [p for p in facts.get("partners") or []
                    if isinstance(p, dict) and p.get("role") in STATUTORY_ROLES]
        return bool(partners) and all(p.get("id") in paying for p in partners)
    return True


def _line_amount(line: dict[str, Any]) -> bool:
    """A line with a non-zero amount (one fund, or any of several)."""
    amounts = [line.get("amount"), line.get("total"), *(line.get("amounts") or {}).values()]
    return any(isinstance(a, int | float) and not isinstance(a, bool) and a != 0
               for a in amounts)


def _signed(spec: dict[str, Any], data: dict[str, Any], facts: dict[str, Any]) -> bool:
    signers = [s for s in iter_signatories(data) if person_named(s)]
    if not signers:
        return False
    if spec.get("include") != "leads":
        return True
    leads = [p.get("lead") for p in facts.get("partners") or []
             if isinstance(p, dict) and p.get("role") in STATUTORY_ROLES]
    return bool(leads) and all(isinstance(lead, dict) and person_named(lead)
                               and any(_same_person(lead, s) for s in signers) for lead in leads)


def _same_person(a: dict[str, Any], b: dict[str, Any]) -> bool:
    name_a, name_b = (str(p.get("name") or "").strip().lower() for p in (a, b))
    if name_a and name_b:
        return name_a == name_b
    same = [str(a.get(k) or "").strip().lower() == str(b.get(k) or "").strip().lower()
            for k in ("title", "organisation")]
    return bool(a.get("title")) and all(same)


def prose_of(part: Any) -> str:
    """All the words a reader reads in a section or block, one string, a paragraph each."""
    return "\n\n".join(text for _, text in iter_prose(part))
