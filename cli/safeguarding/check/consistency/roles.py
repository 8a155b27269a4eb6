"""roles.*: partners and leadership named as the edition in force expects."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

from ...findings import Finding, Severity
from ...load.layout import YEARLY_REPORT
from ..edition import parse_date
from ..evidence import chair_is_scrutineer, chair_named, partner_person_ok, title_is
from .check_context import CheckContext, in_sentence
from .registry import rule

if TYPE_CHECKING:
    from ..requirements import RuleSets

ICBS_FROM = date(2022, 7, 1)  # integrated care boards replaced clinical commissioning groups
CCG_ROLE = "clinical-commissioning-group"
_CCG = re.compile(r"\bCCGs?\b|\bclinical commissioning groups?\b", re.IGNORECASE)
# A sentence that names the change itself ("from CCGs to ICBs") is history, not a partner.
_HISTORY = re.compile(r"\bICBs?\b|integrated care|\bformer|\bprevious|\breplac|\buntil\b|\bwas\b",
                      re.IGNORECASE)
_INDEPENDENT_CHAIR = re.compile(r"\bindependent chair\b", re.IGNORECASE)
# A sentence about a chair the partnership had ("until March 2024 ...", "our former ...").
# Or one it has done away with ("we removed the Independent Chair role").
_CHAIR_HISTORY = re.compile(r"\bformer|\bprevious|\breplac|\buntil\b|\bno longer\b|\bwas\b|"
                            r"\bended\b|\bstepped down\b|\bstood down\b|\bremov|\babolish|"
                            r"\bceas|\bdiscontinu|\bmoved away\b|\binstead of\b|\brather than\b",
                            re.IGNORECASE)
# Another role with the same words: the independent chair of child protection conferences,
# of a review, a panel or the adults' board is not the partnership's chair.
_OTHER_CHAIR = re.compile(r"s?\s+(?:of|for)\s+(?:the\s+|an?\s+|our\s+)?"
                          r"(?:(?!partnership\b)[\w'’-]+\s+){0,3}?"
                          r"(?:(?:child\s+protection|CP|initial|review)\s+)?(?:conferences?|"
                          r"reviews?|panels?|adults?|meetings?|LADO|audits?)\b", re.IGNORECASE)
# The three statutory safeguarding partners under Working Together 2023, by role.
STATUTORY_ROLES = {"local-authority": "local authority",
                   "integrated-care-board": "integrated care board",
                   "police": "chief officer of police"}


@rule("roles.ccg_after_ics", Severity.ERROR)
def ccg_after_ics(context: CheckContext) -> Iterator[Finding]:
    """No clinical commissioning group (CCG) is named as a partner after 1 July 2022.

    Integrated care boards (ICBs) replaced CCGs on 1 July 2022. A partner with the CCG
    role, or named as a CCG, is an error; a CCG in the text is a warning, unless the
    same sentence (which may wrap over several lines) speaks of the change (ICB,
    former, replaced ...), or the document is a yearly report whose reporting period
    began before 1 July 2022, when the CCG was still a partner.

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
            # Point at what says CCG: the role, else the organisation's name.
            field = ("role",) if partner.get("role") == CCG_ROLE else \
                ("organisation",) if _CCG.search(partner.get("organisation", "")) \
                else ("organisations",)
            yield ccg_after_ics.finding(
                f"partner '{partner.get('id')}' is a clinical commissioning group, but the "
                f"document is dated {dated[0]}, after ICBs replaced CCGs on 1 July 2022",
                source.locate(("partners", i, *field)),  # type: ignore[union-attr]
                "name the integrated care board (role: integrated-care-board)")
    if not _period_before_icbs(context):
        yield from _ccg_in_text(context, dated[0])


def _period_before_icbs(context: CheckContext) -> bool:
    """A yearly report on a period that began while CCGs were still partners."""
    period = context.data.get("reporting_period") or {}
    start = parse_date(period.get("start")) if isinstance(period, dict) else None
    return context.kind == YEARLY_REPORT and start is not None and start < ICBS_FROM


def _ccg_in_text(context: CheckContext, day: date) -> Iterator[Finding]:
    for path, text, match in context.matches(_CCG):
        if path[:1] == ("partners",) or in_sentence(_HISTORY, text, match.start(), match.end()):
            continue
        yield ccg_after_ics.finding(
            f"'{match.group(0)}' is named in a document dated {day}; CCGs were replaced by "
            "integrated care boards on 1 July 2022", context.locate_match(path, match),
            "say integrated care board (ICB), unless the text is about the past",
            Severity.WARNING)


@rule("roles.independent_chair_model", Severity.WARNING)
def independent_chair_model(context: CheckContext) -> Iterator[Finding]:
    """Under Working Together 2023, the partnership is not led by an independent chair.

    The 2023 edition replaces the independent chair with a partnership chair drawn from
    the partners, plus independent scrutiny. One finding per document: at the chair
    marked `independent: true`, else at the first "independent chair" in the text whose
    sentence does not speak of it as past or done away with ("our former independent
    chair", "until 2024", "we removed the independent chair role"), and that is not
    another role ("the independent chair of child protection conferences", "of the
    review panel", "of the Safeguarding Adults Board").

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
        if in_sentence(_CHAIR_HISTORY, text, match.start(), match.end()) \
                or _OTHER_CHAIR.match(text, match.end()):
            continue
        yield independent_chair_model.finding(
            "the text speaks of an independent chair; Working Together 2023 replaces that "
            "model with a partnership chair and independent scrutiny",
            context.locate_match(path, match),
            "if the partnership still has an independent chair, say how it will change")
        return


@rule("roles.named_partners_2023", Severity.WARNING)
def named_partners_2023(context: CheckContext) -> Iterator[Finding]:
    """Under 2023, the three partners and their lead and delegated partners, and a chair, are named.

    The safeguarding partners are the local authority, the integrated care board and the
    chief officer of police: each role needs a partner (a clinical commissioning group
    does not stand for the ICB). Each partner names its lead and delegated partners.

    passes: partners each with `lead` and `delegated`, and chair: {person: {name: ...}}
    fails:  a partner with no `lead`, no `chair`, or no integrated care board partner
    """
    partners, source = context.standing("partners")
    if not partners:
        yield named_partners_2023.finding(
            "no safeguarding partners are named", context.locate(()),
            "add `partners` to partnership.yaml (or to the document, as at its date)")
    else:
        roles = {p.get("role") for p in partners if isinstance(p, dict)}
        for role, name in STATUTORY_ROLES.items():
            if role in roles:
                continue
            instead = " (a clinical commissioning group is named: ICBs replaced CCGs on " \
                "1 July 2022)" if role == "integrated-care-board" and CCG_ROLE in roles else ""
            yield named_partners_2023.finding(
                f"no {name} is named among the safeguarding partners{instead}",
                source.locate(("partners",)),  # type: ignore[union-attr]
                f"add the {name} to `partners` (role: {role})")
    for i, partner in enumerate(partners or []):
        yield from _partner_gaps(context, partner, source.locate(("partners", i)))  # type: ignore[union-attr]
    chair, chair_source = context.standing("chair")
    where = chair_source.locate(("chair",), key=True) if chair_source else context.locate(())
    if not chair_named(chair):
        yield named_partners_2023.finding(
            "the partnership chair is not named", where,
            "add `chair: {person: {name: ..., title: ...}}`")
    elif chair_is_scrutineer(chair, context.standing("scrutiny")[0]):
        yield named_partners_2023.finding(
            "the partnership chair is also the independent scrutineer; under Working "
            "Together 2023 the two roles are separate", where,
            "name a partnership chair from the partners, and the scrutineer separately")


def lead_titles(role: str, rule_sets: RuleSets | None = None) -> list[str]:
    """The job titles a lead safeguarding partner in this role may hold: read from the
    `lead_safeguarding_partners` requirement of the 2023 arrangements in the rule sets the
    check runs under, so that this check and that requirement judge the same evidence the
    same way."""
    from ..requirements import load_rule_sets  # the rule sets load lazily, once

    rule_set = (rule_sets or load_rule_sets()).get("arrangements", "wt2023")
    requirement = next((r for r in rule_set.requirements
                        if r.id == "lead_safeguarding_partners"), None) if rule_set else None
    for element in requirement.elements if requirement else ():
        for kind, spec in element.evidence:
            if kind == "partners" and spec.get("roles") == [role]:
                return list(spec.get("titles") or [])
    return []


def _partner_gaps(context: CheckContext, partner: dict[str, Any], where: Any
                  ) -> Iterator[Finding]:
    name = partner.get("organisation") or " and ".join(partner.get("organisations") or []) \
        or partner.get("id")
    titles = lead_titles(str(partner.get("role")), context.rule_sets)
    if not partner_person_ok(partner, "lead"):
        yield named_partners_2023.finding(
            f"the lead safeguarding partner of {name} is not named", where,
            "add `lead: {name: ..., title: ...}` (the chief executive or chief constable)")
    elif titles and not title_is(partner.get("lead"), titles):
        yield named_partners_2023.finding(
            f"the lead safeguarding partner of {name} is given as "
            f"'{partner['lead'].get('title', '')}', not its {' or '.join(titles[:2])}", where,
            "name the head of the organisation as `lead` (s16E: the chief executive, or the "
            "chief officer of police), and the others as `delegated`")
    if not partner_person_ok(partner, "delegated"):
        yield named_partners_2023.finding(
            f"no delegated safeguarding partner of {name} is named", where,
            "add `delegated: [{name: ..., title: ...}]`")
