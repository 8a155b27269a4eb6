"""Verdicts on documents that are not in the repository: realistic texts a partnership could
write, each with the verdict a careful reader of the guidance gives it.

Over-claims (a tag on text that does not say the thing; the right words said in the negative
or of the future; the guidance's own words), under-claims (text that meets a requirement
with no tag, or a tag of another edition; evidence spread over sections) and edge documents.
Where the tool agreed from the start, the test stands as a guard."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_overclaims import arrangements, rules, run, status

from safeguarding.results import DocumentResult, Status


def section(ident: str, covers: list[str], body: str, title: str = "") -> dict[str, Any]:
    return {"id": ident, "title": title or ident.capitalize(), "body": body,
            **({"covers": covers} if covers else {})}


def elements(doc: DocumentResult, ident: str) -> dict[str, bool]:
    [c] = [c for c in doc.requirements if c.id == ident]
    return {e.id: bool(e.found) for e in c.elements}


def unsupported(doc: DocumentResult) -> list[str]:
    return [f.message.split("'")[3] for f in doc.findings
            if f.rule == "coverage.unsupported_claim"]


def arrangements_2023(*sections: dict[str, Any]) -> dict[str, Any]:
    return arrangements(*sections, edition="wt2023", published="2024-12-01",
                        review_due="2025-12-01")


# --- Over-claims: the words are there, the thing is not ---------------------------------

NOT_DONE = [
    ("threshold_document", "Thresholds",
     "We have not yet published our threshold document. Our lead partners have still to "
     "approve it."),
    ("threshold_document", "Thresholds",
     "The partnership does not have a threshold document of its own; one is to be agreed."),
    ("data_and_information_sharing", "Data",
     "We will develop a data dashboard next year. An information sharing agreement is yet "
     "to be drafted."),
    ("data_and_information_sharing", "Performance data",
     "A performance dataset is being developed, and information sharing will follow in due "
     "course."),
    ("training_and_audit", "Training",
     "We do not currently commission multi-agency training, and no multi-agency audits have "
     "been carried out. We hope to evaluate its impact once a programme is in place."),
    ("voice_of_children_and_families", "Voice of children",
     "There is no forum for children's views yet; we will consult young people next year "
     "so that their feedback can inform our priorities."),
]


@pytest.mark.parametrize("ident, title, body", NOT_DONE,
                         ids=[f"{i}:{t}" for i, t, _ in NOT_DONE])
def test_the_right_words_in_the_negative_or_the_future_are_not_evidence(
        tmp_path: Path, ident: str, title: str, body: str) -> None:
    # A reader sees a gap admitted, or a plan: nothing the requirement asks for is in place.
    doc = run(tmp_path, arrangements_2023(section("s", [ident], body, title)))
    assert status(doc, ident) is Status.MISSING, elements(doc, ident)
    assert unsupported(doc) == [ident]


def test_a_paragraph_about_meetings_tagged_funding(tmp_path: Path) -> None:
    doc = run(tmp_path, arrangements_2023(section(
        "meetings", ["funding"], "The executive meets monthly and the subgroups meet every "
        "quarter. Papers are circulated a week before each meeting.", "How often we meet")))
    assert status(doc, "funding") is Status.MISSING
    assert unsupported(doc) == ["funding"]


def test_naming_the_scrutineer_is_who_not_that_the_leads_agreed_it(tmp_path: Path) -> None:
    # The partnership's facts say how scrutiny is done; the text names who; nobody agreed it.
    doc = run(tmp_path, arrangements_2023(section(
        "scrutiny", ["independent_scrutiny"], "Our independent scrutineer is Dr Jane Smith.",
        "Independent scrutiny")))
    assert status(doc, "independent_scrutiny") is Status.PARTIAL
    assert elements(doc, "independent_scrutiny") == {"who": True, "how": True, "agreed": False}


def test_the_guidance_copied_under_a_heading_is_no_evidence(tmp_path: Path) -> None:
    # The heading names the subject; the sentence is the requirement's own description.
    doc = run(tmp_path, arrangements_2023(section(
        "voice", ["voice_of_children_and_families"],
        "Safeguarding partners should set out how the views and experiences of children and "
        "families are brought into the arrangements.", "Voice of children")))
    assert status(doc, "voice_of_children_and_families") is Status.MISSING
    assert unsupported(doc) == ["voice_of_children_and_families"]


# --- What is said of a gap is evidence where the requirement asks about the gap ----------

def test_no_secure_estate_in_the_area_answers_how_custody_is_included(tmp_path: Path) -> None:
    doc = run(tmp_path, arrangements(section(
        "custody", ["youth_custody_and_residential_homes"],
        "There are no secure establishments in the county at this time. Children's homes "
        "in the area meet the partnership's business manager each quarter.")))
    assert status(doc, "youth_custody_and_residential_homes") is Status.MET


def test_little_or_no_progress_is_said_in_the_negative(tmp_path: Path) -> None:
    body = ("We have not yet achieved our aim of a single exploitation pathway: the work was "
            "delayed by the restructure of the police, and it is carried forward to next year.")
    doc = run(tmp_path, {**REPORT, "sections": [section("progress", ["little_or_no_progress"],
                                                        body, "Where we made less progress")]},
              kind="yearly-report", ident="2023-24")
    assert status(doc, "little_or_no_progress") is Status.MET


# --- Under-claims: the text meets it, the tags do not say so -----------------------------

TEXT = {
    "together": ("How we work together", [
        "joint_working_to_meet_needs"],
        "The three safeguarding partners share equal and joint responsibility. The lead "
        "partners meet as an executive every month to agree priorities from the joint needs "
        "assessment, and respond to what children in Casetown need."),
    "reviews": ("Rapid reviews and practice reviews", [
        "practice_review_arrangements", "practice_review_learning"],
        "When a serious incident is notified, a rapid review is held within 15 working days. "
        "The executive decides whether the criteria for a local child safeguarding practice "
        "review are met and commissions an independent reviewer. Every review is published "
        "on our website unless publication would harm the child; learning briefings are sent "
        "to every agency."),
    "scrutiny": ("Independent scrutiny", ["independent_scrutiny"],
                 "Dr Jane Smith, our independent scrutineer, challenges the partners through "
                 "a yearly programme of scrutiny, which the lead partners agreed in November "
                 "2024."),
    "money": ("Funding", ["funding"],
              "The partnership is funded by contributions from the three partners. The council "
              "pays 50%, the ICB 25% and the police 25% of a budget of £300,000, which the lead "
              "partners approved in March 2025."),
}
MET_BY_TEXT = ["joint_working_to_meet_needs", "practice_review_arrangements",
               "practice_review_learning", "independent_scrutiny", "funding"]


def tagged(tags: dict[str, list[str]] | None = None) -> list[dict[str, Any]]:
    return [section(k, (tags or {}).get(k, covers), body, title)
            for k, (title, covers, body) in TEXT.items()]


def test_a_well_tagged_document_is_met(tmp_path: Path) -> None:
    # The reviews section is headed with the requirement's own title and echoes two related
    # requirements: a section about practice reviews, not a copy of the guidance's list.
    doc = run(tmp_path, arrangements_2023(*tagged()))
    assert {i: status(doc, i) for i in MET_BY_TEXT} == dict.fromkeys(MET_BY_TEXT, Status.MET)
    assert "coverage.unsupported_claim" not in rules(doc)
    assert "coverage.untagged_evidence" not in rules(doc)


def test_without_tags_the_text_is_not_read_and_typed_data_still_counts(tmp_path: Path) -> None:
    # A claim is the encoder's to make: untagged text meets nothing, the partnership's facts do.
    doc = run(tmp_path, arrangements_2023(*tagged({k: [] for k in TEXT})))
    expected = dict.fromkeys(MET_BY_TEXT, Status.MISSING)
    expected["independent_scrutiny"] = Status.PARTIAL  # how: the partnership's facts say it
    assert {i: status(doc, i) for i in MET_BY_TEXT} == expected
    assert status(doc, "lead_safeguarding_partners") is Status.MET
    # ... and each section that shows an unclaimed requirement is named, to tag it.
    notes = {f.message.split("'")[3]: f.message.split("'")[1] for f in doc.findings
             if f.rule == "coverage.untagged_evidence"}
    assert notes == {"joint_working_to_meet_needs": "together",
                     "practice_review_arrangements": "reviews",
                     "practice_review_learning": "reviews", "independent_scrutiny": "scrutiny",
                     "funding": "money"}


def test_a_2023_document_tagged_with_2018_ids_is_read_for_the_2023_requirement(
        tmp_path: Path) -> None:
    # The encoder used the 2018 ids; the text is measured against the 2023 elements.
    schools = section("schools", ["education_settings"], "Two head teachers and an early "
                      "years lead sit on the executive board, so education shares in "
                      "strategic decisions.", "Schools and early years")
    data = section("data", ["data_and_intelligence"], "The partners review a performance "
                   "dashboard each quarter.", "Data")
    doc = run(tmp_path, arrangements_2023(schools, data))
    assert status(doc, "education_and_childcare") is Status.MET
    assert elements(doc, "data_and_information_sharing") == {"data": True, "sharing": False}
    assert "coverage.unsupported_claim" not in rules(doc)


def test_a_2018_document_tagged_with_2023_ids_is_read_for_the_2018_requirement(
        tmp_path: Path) -> None:
    schools = section("schools", ["education_and_childcare"], "Every school and early years "
                      "setting has a designated safeguarding lead, who meets the partnership's "
                      "education group each term.", "Schools and early years")
    doc = run(tmp_path, arrangements(schools))
    assert status(doc, "education_settings") is Status.MET


def test_evidence_spread_over_sections_adds_up(tmp_path: Path) -> None:
    who = section("who", ["funding"], "The three partners contribute to a pooled budget.")
    much = section("much", ["funding"], "The council pays half; the ICB and the police a "
                   "quarter each.")
    agreed = section("agreed", ["funding"], "The lead partners approved the budget for "
                     "2025 to 2026 in March.")
    doc = run(tmp_path, arrangements_2023(who, much, agreed))
    assert status(doc, "funding") is Status.MET
    assert elements(doc, "funding") == {"who": True, "amounts": True, "agreed": True}


REPORT: dict[str, Any] = {
    "title": "Casetown yearly report 2023 to 2024", "status": "draft", "edition": "wt2023",
    "published": "2024-09-01", "reporting_period": {"start": "2023-04-01", "end": "2024-03-31"}}


# --- Edge documents ----------------------------------------------------------------------

def report(start: str, end: str, *sections: dict[str, Any]) -> dict[str, Any]:
    return {**REPORT, "reporting_period": {"start": start, "end": end},
            "sections": list(sections) or [JOINT]}


JOINT = section("intro", ["joint_report_12_months"], "This report is written jointly by the "
                "three safeguarding partners of Casetown.", "About this report")


@pytest.mark.parametrize("start, end, shown, finding", [
    ("2023-04-01", "2024-03-31", True, None),
    # the partnership's own business year: twelve months, but not the year 2023 asks for
    ("2023-09-01", "2024-08-31", True, "period.ends_31_march"),
    # a long transition to years ending 31 March: not a report on 12 months
    ("2022-10-01", "2024-03-31", False, "period.twelve_months"),
])
def test_a_report_on_more_than_12_months_is_not_a_yearly_report(
        tmp_path: Path, start: str, end: str, shown: bool, finding: str | None) -> None:
    doc = run(tmp_path, report(start, end), kind="yearly-report", ident="2023-24")
    assert elements(doc, "joint_report_12_months") == {"joint": True, "period": shown}
    assert status(doc, "joint_report_12_months") is (Status.MET if shown else Status.PARTIAL)
    assert finding is None or finding in rules(doc)


def test_figures_given_as_tables_are_read(tmp_path: Path) -> None:
    # No budget block: the contributions are a table block, the courses a Markdown table.
    money = {**section("money", ["costs_and_value_for_money"],
                       "The partnership's budget for the year was £310,000, an increase of 3% "
                       "on last year, with contributions from each partner:", "Our budget"),
             "blocks": [{"type": "table", "id": "contributions",
                         "columns": ["Partner", "Contribution"],
                         "rows": [["Casetown Council", "£155,000"],
                                  ["NHS Casetown ICB", "£77,500"],
                                  ["Casetown Police", "£77,500"]]}]}
    training = section("training", ["impact_evidence"],
                       "| Course | Attended |\n|---|---|\n| Neglect | 120 |\n\n"
                       "Training on neglect led to more early help referrals for children in "
                       "care and care leavers; outcomes improved as a result.", "Training")
    doc = run(tmp_path, report("2023-04-01", "2024-03-31", JOINT, money, training),
              kind="yearly-report", ident="2023-24")
    # Everything is shown; whether it was good value, or a real difference, a reader judges.
    assert status(doc, "costs_and_value_for_money") is Status.NEEDS_REVIEW
    assert status(doc, "impact_evidence") is Status.NEEDS_REVIEW


# --- A yearly report that claims what it did not do ---------------------------------------

def test_a_report_that_says_what_it_did_not_do(tmp_path: Path) -> None:
    reviews = section("reviews", ["activity_including_reviews", "review_recommendations"],
                      "No rapid reviews or local child safeguarding practice reviews were held "
                      "this year, so there were no recommendations to act on.",
                      "Practice reviews")
    scrutiny = section("scrutiny", ["independent_scrutiny_impact"],
                       "Our independent scrutineer is Dr Jane Smith, appointed in 2023.",
                       "Independent scrutiny")
    reforms = section("reforms", ["national_reforms"],
                      "We are aware of the national reforms, including Families First, and have "
                      "not yet decided how to respond to them.", "National reforms")
    duty = section("duty", ["effectiveness"], "Partners must report on how effective the "
                   "arrangements have been.", "How effective we were")
    unchanged = section("updates", ["updates_to_arrangements"],
                        "Our arrangements have not changed this year.", "Updates")
    doc = run(tmp_path, report("2023-04-01", "2024-03-31", JOINT, reviews, scrutiny, reforms,
                               duty, unchanged), kind="yearly-report", ident="2023-24")
    # Saying that no reviews were held is the report on reviews; it is not activity.
    assert elements(doc, "activity_including_reviews") == {"activity": False, "reviews": True}
    # Naming the scrutineer under the heading "Independent scrutiny" says nothing it found.
    assert status(doc, "independent_scrutiny_impact") is Status.MISSING
    # The reforms are named; the decision is only not yet taken.
    assert elements(doc, "national_reforms") == {"reforms": True, "decisions": False,
                                                 "issues": False}
    # The guidance's duty, restated, is not a judgement of effectiveness.
    assert status(doc, "effectiveness") is Status.MISSING
    # "Not changed" answers what changed; when changes take effect is not said.
    assert elements(doc, "updates_to_arrangements") == {"changes": True, "when": False}
    assert sorted(unsupported(doc)) == ["effectiveness", "independent_scrutiny_impact",
                                        "review_recommendations"]
