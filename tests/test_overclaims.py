"""Every over-claim of issue #10 must not reach "met": the verdict is the evidence's, not the
encoder's. Each case is a document a real encoder could write; the texts are the seeds'
sentences or the guidance's own list, restated as documents do."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from safeguarding.check.compliance import CheckOptions, check_workspace
from safeguarding.check.requirements import load_rule_sets
from safeguarding.load.workspace import load_workspace
from safeguarding.resources import requirements_dir
from safeguarding.results import DocumentResult, Status

BASE = Path(__file__).parent / "fixtures" / "check" / "casetown"
TODAY = date(2025, 6, 1)
# The guidance's list, as an encoder copied it into the arrangements (WT 2018, chapter 3).
RESTATED_LIST = """The arrangements should include:

- how the safeguarding partners will work together to identify and respond to the needs of
  children in the area;
- arrangements for commissioning and publishing local child safeguarding practice reviews;
- arrangements for independent scrutiny of the effectiveness of the arrangements;
- the relevant agencies the safeguarding partners will work with, why these organisations
  have been chosen and how they will collaborate and work together to improve outcomes;
- how all early years settings, schools and other educational establishments will be included;
- how any youth custody and residential homes for children will be included;
- how the arrangements will be funded;
- how multi-agency training will be commissioned, delivered and monitored for impact."""
EIGHT = ["joint_working_to_meet_needs", "practice_review_arrangements", "independent_scrutiny",
         "relevant_agencies", "education_settings", "youth_custody_and_residential_homes",
         "funding", "training_and_audit"]


INTRO = {"id": "intro", "title": "Introduction",
         "body": "This document sets out the local arrangements of the partnership."}


def arrangements(*sections: dict[str, Any], edition: str = "wt2018", **fields: Any) -> dict:
    return {"title": "Casetown arrangements", "status": "published", "edition": edition,
            "published": "2019-06-01", "sections": list(sections) or [INTRO], **fields}


def run(tmp_path: Path, document: dict, kind: str = "arrangements", ident: str = "2019-06",
        partnership: dict | None = None, edition: str | None = None) -> DocumentResult:
    root = tmp_path / "partnerships"
    shutil.copytree(BASE, root / "casetown")
    if partnership is not None:
        (root / "casetown" / "partnership.yaml").write_text(yaml.safe_dump(partnership))
    folder = root / "casetown" / ("reports" if kind == "yearly-report" else "arrangements")
    folder.mkdir()
    (folder / f"{ident}.yaml").write_text(yaml.safe_dump(document, sort_keys=False))
    result = check_workspace(load_workspace([root]), CheckOptions(TODAY, edition))
    [doc] = result.documents
    assert doc.checked, doc.findings
    return doc


def status(doc: DocumentResult, ident: str) -> Status:
    return next(c.status for c in doc.requirements if c.id == ident)


def rules(doc: DocumentResult) -> list[str]:
    return [f.rule for f in doc.findings]


def test_a_paragraph_about_something_else_tagged_funding(tmp_path: Path) -> None:
    # Real text of the Worcestershire report, about task-and-finish groups, claimed as funding.
    doc = run(tmp_path, arrangements({
        "id": "groups", "title": "Task and finish groups", "covers": ["funding"],
        "body": "Task and finish groups are set up by the Executive Group to take forward "
                "specific pieces of work, and report back to it when the work is complete."}))
    assert status(doc, "funding") is Status.MISSING
    assert "coverage.unsupported_claim" in rules(doc)


def test_the_guidance_list_restated_meets_nothing(tmp_path: Path) -> None:
    doc = run(tmp_path, arrangements({"id": "about", "title": "About these arrangements",
                                      "covers": EIGHT, "body": RESTATED_LIST}))
    # Scrutiny is partly shown by the partnership's own facts, not by the copied list.
    expected = {**dict.fromkeys(EIGHT, Status.MISSING), "independent_scrutiny": Status.PARTIAL}
    assert {i: status(doc, i) for i in EIGHT} == expected
    assert rules(doc).count("coverage.unsupported_claim") == len(EIGHT)
    assert doc.fails()  # two musts are missing


RESTATED_2023 = """Working Together 2023 says that the published arrangements should set out:

* the local arrangements for working together to identify and respond to the needs of
  children and families;
* the arrangements for rapid reviews and for commissioning and publishing local child
  safeguarding practice reviews;
* the arrangements for independent scrutiny, agreed by the lead safeguarding partners;
* how education and childcare settings will be involved, including at a strategic level;
* how voluntary, community, faith and sports organisations will be involved;
* how the partnership will be funded, with the shared budget agreed each year;
* the agreed data set and how information sharing supports oversight;
* how the threshold document will be published and agreed;
* how the voice of children and families will inform the work."""


def test_the_2023_list_restated_with_its_lead_in_meets_nothing(tmp_path: Path) -> None:
    ids = ["joint_working_to_meet_needs", "practice_review_arrangements",
           "independent_scrutiny", "education_and_childcare", "voluntary_and_community_sector",
           "funding", "data_and_information_sharing", "threshold_document",
           "voice_of_children_and_families", "relevant_agencies"]
    partnership = yaml.safe_load((BASE / "partnership.yaml").read_text())
    del partnership["scrutiny"]
    doc = run(tmp_path, arrangements({"id": "scope", "title": "What the arrangements cover",
                                      "covers": ids, "body": RESTATED_2023}, edition="wt2023"),
              partnership=partnership)
    assert {i: status(doc, i) for i in ids} == dict.fromkeys(ids, Status.MISSING)


def test_requirement_titles_quoted_are_not_evidence(tmp_path: Path) -> None:
    doc = run(tmp_path, arrangements({
        "id": "index", "title": "Contents", "covers": ["training_and_audit", "funding"],
        "body": "This document covers Multi-agency training and audit, and Voice of children "
                "and families, and Youth custody and children's homes."}))
    assert status(doc, "training_and_audit") is Status.MISSING


@pytest.mark.parametrize("body", ["Funding will be shared.", "TBC", "Funding: to follow."])
def test_funding_with_no_contributors_or_shares(tmp_path: Path, body: str) -> None:
    doc = run(tmp_path, arrangements({"id": "money", "title": "Funding", "covers": ["funding"],
                                      "body": body}))
    assert status(doc, "funding") is Status.MISSING


def test_an_empty_budget_block_is_not_funding(tmp_path: Path) -> None:
    doc = run(tmp_path, arrangements({"id": "money", "title": "Funding",
                                      "blocks": [{"type": "budget"}]}))
    assert status(doc, "funding") is Status.MISSING


def test_placeholder_scrutiny_does_not_meet_a_must(tmp_path: Path) -> None:
    partnership = yaml.safe_load((BASE / "partnership.yaml").read_text())
    partnership["scrutiny"] = {"description": "TBC"}
    doc = run(tmp_path, arrangements(), partnership=partnership)
    assert status(doc, "independent_scrutiny") is Status.MISSING
    assert doc.fails()


def test_one_agency_is_not_the_relevant_agencies(tmp_path: Path) -> None:
    partnership = yaml.safe_load((BASE / "partnership.yaml").read_text())
    partnership["relevant_agencies"] = ["Schools"]
    doc = run(tmp_path, arrangements(), partnership=partnership)
    assert status(doc, "relevant_agencies") is Status.MISSING


def test_a_yearly_report_requirement_on_arrangements_is_an_error(tmp_path: Path) -> None:
    doc = run(tmp_path, arrangements({
        "id": "money", "title": "Money", "covers": ["costs_and_value_for_money"],
        "body": "The council contributes £50,000 and the police £20,000 each year."}))
    [wrong] = [f for f in doc.findings if f.rule == "coverage.wrong_kind"]
    assert wrong.severity.value == "error" and wrong.location.line > 1


def test_part_of_a_requirement_is_partial_and_names_what_is_missing(tmp_path: Path) -> None:
    # Wirral 2.30: training described; nothing on monitoring its impact, nor on audits.
    doc = run(tmp_path, arrangements({
        "id": "training", "title": "Multi-agency Safeguarding Training",
        "covers": ["training_and_audit"],
        "body": "The safeguarding partners will continue to provide a programme of multi-agency "
                "training in line with that previously provided by the WSCB."}))
    [c] = [c for c in doc.requirements if c.id == "training_and_audit"]
    assert c.status is Status.PARTIAL
    assert c.missing_elements == ("its impact monitored", "multi-agency audits")


def test_a_2018_tag_does_not_carry_into_the_stricter_2023_wording(tmp_path: Path) -> None:
    # Worcestershire 2019, "Local reviews": commissioning and publication, no rapid reviews.
    section = {"id": "reviews", "title": "Local reviews",
               "covers": ["practice_review_arrangements"],
               "body": "On behalf of the WSCP, the Safeguarding Practice Review Sub-Group will "
                       "commission and supervise reviewers for local reviews. Final reports will "
                       "be published on the WSCP website."}
    assert status(run(tmp_path / "a", arrangements(section)),
                  "practice_review_arrangements") is Status.MET
    later = run(tmp_path / "b", arrangements(section), edition="wt2023")
    assert status(later, "practice_review_arrangements") is Status.PARTIAL


def test_without_covers_tags_only_typed_evidence_counts(tmp_path: Path) -> None:
    doc = run(tmp_path, arrangements({"id": "about", "title": "About", "body": RESTATED_LIST}))
    met = {c.id for c in doc.requirements if c.status is Status.MET}
    # Typed facts, not claims: the partners, the area, and the document's publication date.
    assert met <= {"safeguarding_partners", "geographical_area", "publish_arrangements"}


LEADS_WRONG = [
    {"id": "council", "role": "local-authority", "organisation": "Casetown Council",
     "lead": {"title": "Chief Executive"}, "delegated": [{"title": "Director"}]},
    {"id": "ccg", "role": "clinical-commissioning-group", "organisation": "Casetown CCG",
     "lead": {"title": "Accountable Officer"}, "delegated": [{"title": "Chief Nurse"}]},
    {"id": "police", "role": "police", "organisation": "Casetown Police",
     "lead": {"title": "Chief Superintendent"}, "delegated": [{"title": "Superintendent"}]},
]


def test_any_title_is_not_a_lead_safeguarding_partner(tmp_path: Path) -> None:
    doc = run(tmp_path, arrangements({"id": "intro", "title": "Introduction",
                                      "covers": ["lead_safeguarding_partners"],
                                      "body": "The three lead partners lead the partnership."},
                                     edition="wt2023", partners=LEADS_WRONG))
    [c] = [c for c in doc.requirements if c.id == "lead_safeguarding_partners"]
    assert c.status is Status.PARTIAL  # only the council's chief executive
    messages = " ".join(f.message for f in doc.findings if f.rule == "roles.named_partners_2023")
    assert "'Chief Superintendent', not its chief constable" in messages
    assert "no integrated care board is named" in messages


def test_the_check_of_lead_titles_follows_the_rule_sets_it_runs_under(tmp_path: Path) -> None:
    # Rule sets where a chief superintendent may lead for the police: the requirement and the
    # check judge the same title the same way, not the check by the shipped rule sets.
    rules = tmp_path / "rules"
    shutil.copytree(requirements_dir(), rules)
    path = rules / "arrangements-wt2023.yaml"
    text = path.read_text(encoding="utf-8")
    assert "titles: [chief constable," in text
    path.write_text(text.replace("titles: [chief constable,",
                                 "titles: [chief superintendent, chief constable,"),
                    encoding="utf-8")
    root = tmp_path / "partnerships"
    shutil.copytree(BASE, root / "casetown")
    folder = root / "casetown" / "arrangements"
    folder.mkdir()
    (folder / "2019-06.yaml").write_text(yaml.safe_dump(arrangements(
        {"id": "intro", "title": "Introduction", "covers": ["lead_safeguarding_partners"],
         "body": "The three lead partners lead the partnership."},
        edition="wt2023", partners=LEADS_WRONG), sort_keys=False))
    result = check_workspace(load_workspace([root]), CheckOptions(TODAY, "wt2023"),
                             rule_sets=load_rule_sets(rules))
    [doc] = result.documents
    messages = " ".join(f.message for f in doc.findings if f.rule == "roles.named_partners_2023")
    assert "no integrated care board is named" in messages  # still checked
    assert "Chief Superintendent" not in messages


def test_an_independent_chair_section_is_not_a_partnership_chair(tmp_path: Path) -> None:
    partnership = yaml.safe_load((BASE / "partnership.yaml").read_text())
    partnership["chair"] = {"person": {"name": "Sam Chair", "title": "Independent Chair"},
                            "independent": True}
    partnership["scrutiny"] = {"description": "The Independent Chair scrutinises the partners.",
                               "scrutineers": [{"name": "Sam Chair"}]}
    doc = run(tmp_path, arrangements({
        "id": "chair", "title": "Independent Chair", "covers": ["partnership_chair"],
        "body": "As a Partnership we will retain an independent chair who will provide "
                "challenge, scrutiny and strategic leadership."}, edition="wt2023"),
        partnership=partnership)
    assert status(doc, "partnership_chair") is Status.PARTIAL
    assert any("also the independent scrutineer" in f.message for f in doc.findings)


def test_no_requirement_is_met_that_a_finding_of_the_same_run_denies(tmp_path: Path) -> None:
    # 2023 arrangements claiming the leads and the chair in text, with neither in the data.
    partnership = yaml.safe_load((BASE / "partnership.yaml").read_text())
    partnership["partners"] = [{"id": p["id"], "role": p["role"],
                                "organisation": p["organisation"]} for p in LEADS_WRONG]
    del partnership["chair"]
    doc = run(tmp_path, arrangements({
        "id": "intro", "title": "Introduction",
        "covers": ["lead_safeguarding_partners", "partnership_chair"],
        "body": "The lead safeguarding partners are named in this section, and the partnership "
                "chair is appointed by them."}, edition="wt2023"), partnership=partnership)
    messages = [f.message for f in doc.findings if f.rule == "roles.named_partners_2023"]
    assert any("lead safeguarding partner" in m and "not named" in m for m in messages)
    assert "the partnership chair is not named" in messages
    assert status(doc, "lead_safeguarding_partners") is Status.MISSING
    assert status(doc, "partnership_chair") is Status.MISSING


LEADS_NAMED = [
    {"id": "council", "role": "local-authority", "organisation": "Casetown Council",
     "lead": {"name": "Ann Example", "title": "Chief Executive"}},
    {"id": "icb", "role": "integrated-care-board", "organisation": "NHS Casetown ICB",
     "lead": {"name": "Bo Example", "title": "Chief Executive"}},
    {"id": "police", "role": "police", "organisation": "Casetown Police",
     "lead": {"name": "Cy Example", "title": "Chief Constable"}},
]


@pytest.mark.parametrize(("signers", "expected"), [
    (["Ann Example", "Bo Example", "Cy Example"], Status.MET),
    (["Sam Chair"], Status.MISSING),  # signed by the independent chair alone
    (["Ann Example", "Cy Example"], Status.MISSING),  # not by every lead partner
])
def test_sign_off_is_read_from_who_signed(tmp_path: Path, signers: list[str],
                                          expected: Status) -> None:
    doc = run(tmp_path, arrangements(edition="wt2023", partners=LEADS_NAMED,
                                     signatories=[{"name": n} for n in signers]))
    assert status(doc, "lead_partners_sign_off") is expected
