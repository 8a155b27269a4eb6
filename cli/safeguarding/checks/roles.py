"""roles.*: partners and leadership named as the edition in force expects."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from ..findings import Finding, Severity
from .context import CheckContext
from .registry import rule

ICBS_FROM = date(2022, 7, 1)  # integrated care boards replaced clinical commissioning groups
CCG_ROLE = "clinical-commissioning-group"
_CCG = re.compile(r"\bCCGs?\b|\bclinical commissioning groups?\b", re.IGNORECASE)
# A sentence that names the change itself ("from CCGs to ICBs") is history, not a partner.
_HISTORY = re.compile(r"\bICBs?\b|integrated care|\bformer|\bprevious|\breplac|\buntil\b|\bwas\b",
                      re.IGNORECASE)
_INDEPENDENT_CHAIR = re.compile(r"\bindependent chair\b", re.IGNORECASE)


@rule("roles.ccg_after_ics", Severity.ERROR)
def ccg_after_ics(context: CheckContext) -> Iterator[Finding]:
    """No clinical commissioning group (CCG) is named as a partner after 1 July 2022.

    Integrated care boards (ICBs) replaced CCGs on 1 July 2022. A partner with the CCG
    role, or named as a CCG, is an error; a CCG in the text is a warning, unless the
    same sentence speaks of the change (ICB, former, replaced ...).

    passes: published: "2024-09-01", a partner with role integrated-care-board
    fails:  published: "2024-09-01", a partner with role clinical-commissioning-group
    """
    dated = context.dated()
    if dated is None or dated[0] < ICBS_FROM:
        return
    partners, source = context.standing("partners")
    for i, partner in enumerate(partners or []):
        named = " ".join([partner.get("organisation", ""), *partner.get("organisations", [])])
        if partner.get("role") == CCG_ROLE or _CCG.search(named):
            yield ccg_after_ics.finding(
                f"partner '{partner.get('id')}' is a clinical commissioning group, but the "
                f"document is dated {dated[0]}, after ICBs replaced CCGs on 1 July 2022",
                source.locate(("partners", i, "role")),  # type: ignore[union-attr]
                "name the integrated care board (role: integrated-care-board)")
    yield from _ccg_in_text(context, dated[0])


def _ccg_in_text(context: CheckContext, day: date) -> Iterator[Finding]:
    for path, text, match in context.matches(_CCG):
        if path[:1] == ("partners",) or _HISTORY.search(_sentence(text, match.start())):
            continue
        yield ccg_after_ics.finding(
            f"'{match.group(0)}' is named in a document dated {day}; CCGs were replaced by "
            "integrated care boards on 1 July 2022", context.locate_match(path, text, match),
            "say integrated care board (ICB), unless the text is about the past",
            Severity.WARNING)


def _sentence(text: str, at: int) -> str:
    start = max(text.rfind(". ", 0, at), text.rfind("\n", 0, at)) + 1
    ends = [i for i in (text.find(". ", at), text.find("\n", at)) if i >= 0]
    return text[start:min(ends) if ends else len(text)]


@rule("roles.independent_chair_model", Severity.WARNING)
def independent_chair_model(context: CheckContext) -> Iterator[Finding]:
    """Under Working Together 2023, the partnership is not led by an independent chair.

    The 2023 edition replaces the independent chair with a partnership chair drawn from
    the partners, plus independent scrutiny. One finding per document: at the chair
    marked `independent: true`, else at the first "independent chair" in the text.

    passes: chair: {person: {title: Director of Children's Services}, independent: false}
    fails:  chair: {person: {name: A Person}, independent: true}
    """
    chair, source = context.standing("chair")
    if isinstance(chair, dict) and chair.get("independent") is True:
        yield independent_chair_model.finding(
            "the partnership is led by an independent chair; Working Together 2023 replaces "
            "that model with a partnership chair from the partners and independent scrutiny",
            source.locate(("chair", "independent")),  # type: ignore[union-attr]
            "name the partnership chair and describe the independent scrutiny")
        return
    for path, text, match in context.matches(_INDEPENDENT_CHAIR):
        yield independent_chair_model.finding(
            "the text speaks of an independent chair; Working Together 2023 replaces that "
            "model with a partnership chair and independent scrutiny",
            context.locate_match(path, text, match),
            "if the partnership still has an independent chair, say how it will change")
        return


@rule("roles.named_partners_2023", Severity.WARNING)
def named_partners_2023(context: CheckContext) -> Iterator[Finding]:
    """Under 2023, each partner names its lead and delegated partners, and a chair is named.

    passes: partners each with `lead` and `delegated`, and chair: {person: {name: ...}}
    fails:  a partner with no `lead`, or no `chair`
    """
    partners, source = context.standing("partners")
    if not partners:
        yield named_partners_2023.finding(
            "no safeguarding partners are named", context.locate(()),
            "add `partners` to partnership.yaml (or to the document, as at its date)")
    for i, partner in enumerate(partners or []):
        yield from _partner_gaps(context, partner, source.locate(("partners", i)))  # type: ignore[union-attr]
    chair, chair_source = context.standing("chair")
    if not (isinstance(chair, dict) and chair.get("person")):
        where = chair_source.locate(("chair",), key=True) if chair_source else context.locate(())
        yield named_partners_2023.finding(
            "the partnership chair is not named", where,
            "add `chair: {person: {name: ..., title: ...}}`")


def _partner_gaps(context: CheckContext, partner: dict[str, Any], where: Any
                  ) -> Iterator[Finding]:
    name = partner.get("organisation") or " and ".join(partner.get("organisations") or []) \
        or partner.get("id")
    if not partner.get("lead"):
        yield named_partners_2023.finding(
            f"the lead safeguarding partner of {name} is not named", where,
            "add `lead: {name: ..., title: ...}` (the chief executive or chief constable)")
    if not partner.get("delegated"):
        yield named_partners_2023.finding(
            f"no delegated safeguarding partner of {name} is named", where,
            "add `delegated: [{name: ..., title: ...}]`")
