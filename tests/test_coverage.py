"""Coverage statuses: met, partial (thin or placeholder text) and missing, with the sections."""

from __future__ import annotations

from typing import Any

import pytest

from safeguarding.check.coverage import check_coverage, is_thin
from safeguarding.check.requirements import load_rule_sets
from safeguarding.results import Status

RULES = load_rule_sets().get("arrangements", "wt2018")
assert RULES is not None


def doc(*sections: dict[str, Any], **fields: Any) -> dict[str, Any]:
    return {"title": "T", "status": "published", "sections": list(sections), **fields}


def status_of(data: dict[str, Any], ident: str, partnership: dict | None = None
              ) -> tuple[Status, tuple[str, ...], tuple[str, ...]]:
    [c] = [c for c in check_coverage(RULES, data, partnership) if c.id == ident]  # type: ignore[arg-type]
    return c.status, c.sections, c.evidence


@pytest.mark.parametrize("text", ["", "TBC", "TODO", "To follow.", "tbc - to be confirmed",
                                  "Lorem ipsum dolor sit amet, consectetur adipiscing elit.",
                                  "Text to follow", "**TBA**", "xxxx"])
def test_placeholders_are_thin(text: str) -> None:
    assert is_thin(text)


@pytest.mark.parametrize("text", ["See Appendix A.", "The partners meet every month.",
                                  "Funding is shared equally between the three partners."])
def test_real_text_is_not_thin(text: str) -> None:
    assert not is_thin(text)


def test_met_by_a_section_with_text() -> None:
    data = doc({"id": "scrutiny", "title": "Scrutiny", "covers": ["independent_scrutiny"],
                "body": "An independent scrutineer reviews the arrangements each year."})
    assert status_of(data, "independent_scrutiny") == (Status.MET, ("scrutiny",), ())


@pytest.mark.parametrize("section", [
    {"id": "s", "title": "Scrutiny", "covers": ["independent_scrutiny"]},  # a bare heading
    {"id": "s", "title": "Scrutiny", "covers": ["independent_scrutiny"], "body": "TBC"},
    {"id": "s", "title": "Scrutiny", "covers": ["independent_scrutiny"], "body": "To follow."},
    {"id": "s", "title": "Scrutiny", "covers": ["independent_scrutiny"],
     "blocks": [{"type": "text", "body": "Lorem ipsum dolor sit amet."}]},
])
def test_a_heading_over_placeholders_is_no_evidence(section: dict[str, Any]) -> None:
    # The heading "Scrutiny" labels the text, as the covers tag does; it shows nothing.
    assert status_of(doc(section), "independent_scrutiny") == (Status.MISSING, (), ())


def test_a_heading_whose_subsections_have_text_is_met() -> None:
    data = doc({"id": "s", "title": "Scrutiny", "covers": ["independent_scrutiny"],
                "sections": [{"title": "How", "body": "Twice a year by an independent person."}]})
    assert status_of(data, "independent_scrutiny")[0] is Status.MET


def test_missing_when_nothing_covers_it() -> None:
    data = doc({"id": "intro", "title": "Intro", "body": "About the partnership and its work."})
    assert status_of(data, "independent_scrutiny") == (Status.MISSING, (), ())


def test_typed_evidence_meets_a_requirement() -> None:
    budget = {"type": "budget", "income": [{"label": "Council", "partner": "la", "amount": 100}]}
    data = doc({"id": "money", "title": "Money", "blocks": [budget]})
    assert status_of(data, "funding") == (Status.MET, (), ("block: budget",))
    scrutiny = {"scrutiny": {"description": "An independent scrutineer challenges the partners.",
                             "scrutineers": [{"name": "A Person"}]}}
    assert status_of(doc(), "independent_scrutiny", scrutiny)[0] is Status.MET


@pytest.mark.parametrize("data, facts, ident", [
    (doc({"id": "m", "title": "Money", "blocks": [{"type": "budget"}]}), None, "funding"),
    (doc(), {"scrutiny": {"description": "TBC"}}, "independent_scrutiny"),
    (doc(), {"scrutiny": {"description": "Yes"}}, "independent_scrutiny"),
    (doc(), {"relevant_agencies": ["Schools"]}, "relevant_agencies"),
])
def test_thin_typed_data_is_not_evidence(data: dict, facts: dict | None, ident: str) -> None:
    assert status_of(data, ident, facts)[0] is Status.MISSING


def test_a_block_can_cover_a_requirement_by_its_id() -> None:
    data = doc({"id": "money", "title": "Money", "blocks": [
        {"type": "text", "id": "funding-text", "covers": ["funding"],
         "body": "The three partners contribute equally to the cost."}]})
    assert status_of(data, "funding") == (Status.MET, ("funding-text",), ())


def test_document_partners_override_the_partnership() -> None:
    rules = load_rule_sets().get("arrangements", "wt2023")
    assert rules is not None
    facts = {"partners": [
        {"id": "la", "role": "local-authority", "lead": {"title": "Chief Executive"}},
        {"id": "icb", "role": "integrated-care-board", "lead": {"title": "Chief Executive"}},
        {"id": "police", "role": "police", "lead": {"title": "Chief Constable"}}]}
    own = {"partners": [{"id": "la", "role": "local-authority"}]}
    statuses = {c.id: c.status for c in check_coverage(rules, doc(**own), facts)}
    assert statuses["lead_safeguarding_partners"] is Status.MISSING
    statuses = {c.id: c.status for c in check_coverage(rules, doc(), facts)}
    assert statuses["lead_safeguarding_partners"] is Status.MET


def test_a_little_progress_rating_is_evidence() -> None:
    rules = load_rule_sets().get("yearly-report", "wt2023")
    assert rules is not None
    data = doc({"id": "p", "title": "Priorities", "blocks": [{"type": "priorities",
               "role": "reported", "items": [{"title": "X", "rating": "little-or-no-progress"}]}]})
    [c] = [c for c in check_coverage(rules, data, None) if c.id == "little_or_no_progress"]
    assert (c.status, c.evidence) == (Status.MET, ("rating: little-or-no-progress",))


@pytest.mark.parametrize("text", ["[Insert how the arrangements are funded]",
                                  "<add the chair's name here>", "{{ describe the budget }}",
                                  "Funding: [insert the agreed contributions]."])
def test_template_instructions_are_thin(text: str) -> None:
    assert is_thin(text)


def test_a_bracketed_reference_is_not_a_placeholder() -> None:
    assert not is_thin("The partners share the cost equally [see Appendix A].")


def test_a_section_with_only_a_lost_figure_is_missing() -> None:
    # The diagram was lost in extraction: only its caption is left, which says nothing.
    lost = {"type": "figure", "caption": "How the partnership is funded"}
    data = doc({"id": "money", "title": "Funding", "covers": ["funding"], "blocks": [lost]})
    assert status_of(data, "funding")[0] is Status.MISSING


@pytest.mark.parametrize("figure", [
    {"type": "figure", "src": "assets/funding.png", "alt": "What each partner pays: half "
     "from the council"},
    {"type": "figure", "caption": "Funding", "description": "The council pays half, the ICB "
     "and the police a quarter each."},
])
def test_a_section_with_a_figure_that_shows_something_is_met(figure: dict[str, Any]) -> None:
    data = doc({"id": "money", "title": "Funding", "covers": ["funding"], "blocks": [figure]})
    assert status_of(data, "funding")[0] is Status.MET


def test_a_chair_with_no_person_does_not_say_who_chairs() -> None:
    # "Who chairs the partnership": a chair entry that only describes the role names nobody
    # (roles.named_partners_2023 says the same on the same document).
    rules = load_rule_sets().get("arrangements", "wt2023")
    assert rules is not None
    unnamed = {"chair": {"independent": True, "description": "An independent chair leads."}}
    named = {"chair": {"person": {"title": "Director of Children's Services"}}}
    statuses = {c.id: c.status for c in check_coverage(rules, doc(**unnamed), None)}
    assert statuses["partnership_chair"] is Status.MISSING
    statuses = {c.id: c.status for c in check_coverage(rules, doc(**named), None)}
    assert statuses["partnership_chair"] is Status.MET


NESTED = doc({"id": "qapp", "title": "Quality assurance", "blocks": [
    {"type": "text", "body": "The group met monthly."},
    {"type": "priorities", "role": "reported", "items": [
        {"title": "Audit the front door", "blocks": [
            {"type": "text", "covers": ["training_and_audit"],
             "body": "Two multi-agency audits were completed and reported to the board; "
                     "the training programme was evaluated for its impact."}]}]}]})


def test_a_block_printed_inside_a_priority_can_meet_a_requirement() -> None:
    assert status_of(NESTED, "training_and_audit")[:2] == (
        Status.MET, ("qapp (block 2, item 1, block 1)",))


def test_relevant_agencies_each_with_a_reason_show_why_they_were_chosen() -> None:
    named = ["Wirral Metropolitan College", "Wirral Community NHS Foundation Trust",
             "Housing Providers"]
    reasons = [{"name": n, "reason": "Named in the schedule of SI 2018/789 and serves "
                "Wirral's children."} for n in named]
    for facts, why in (({"relevant_agencies": named}, "missing"),
                       ({"relevant_agencies": reasons}, "met")):
        [c] = [c for c in check_coverage(RULES, doc(), facts) if c.id == "relevant_agencies"]
        assert {e.id: e.status for e in c.elements}["why"] == why
        assert {e.id: e.status for e in c.elements}["named"] == "met"


LEADS = {"partners": [
    {"id": "la", "role": "local-authority", "lead": {"name": "Ann Example",
                                                     "title": "Chief Executive"}},
    {"id": "icb", "role": "integrated-care-board", "lead": {"name": "Bo Example",
                                                            "title": "Chief Executive"}},
    {"id": "police", "role": "police", "lead": {"name": "Cy Example",
                                                "title": "Chief Constable"}}]}


def _agreed(data: dict[str, Any]) -> str:
    rules = load_rule_sets().get("arrangements", "wt2023")
    assert rules is not None
    [c] = [c for c in check_coverage(rules, data, LEADS) if c.id == "independent_scrutiny"]
    return {e.id: e.status for e in c.elements}["agreed"]


def test_arrangements_signed_by_every_lead_partner_were_agreed_by_them() -> None:
    signers = [{"name": n} for n in ("Ann Example", "Bo Example", "Cy Example")]
    block = {"type": "signatories", "signatories": signers}
    assert _agreed(doc({"id": "s", "title": "Signed", "blocks": [block]})) == "met"
    block = {"type": "signatories", "signatories": signers[:2]}  # the chief constable did not
    assert _agreed(doc({"id": "s", "title": "Signed", "blocks": [block]})) == "missing"


def _costs(budget: dict[str, Any]) -> dict[str, str]:
    rules = load_rule_sets().get("yearly-report", "wt2023")
    assert rules is not None
    data = doc({"id": "b", "title": "Budget", "blocks": [{"type": "budget", **budget}]},
               reporting_period={"start": "2023-04-01", "end": "2024-03-31"})
    [c] = [c for c in check_coverage(rules, data, LEADS) if c.id == "costs_and_value_for_money"]
    return {e.id: e.status for e in c.elements}


def test_a_budget_shows_costs_for_its_own_period_and_each_partners_share() -> None:
    lines = [{"label": p, "partner": p, "amount": 1000} for p in ("la", "icb", "police")]
    full = _costs({"period": {"start": "2023-04-01", "end": "2024-03-31"}, "income": lines})
    assert (full["cost"], full["contributions"]) == ("met", "met")
    other_year = _costs({"period": {"start": "2022-04-01", "end": "2023-03-31"},
                         "income": lines[:2]})
    assert (other_year["cost"], other_year["contributions"]) == ("missing", "missing")
