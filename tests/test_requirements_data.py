"""The rule sets in schemas/requirements/ are valid and match the Working Together reference."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from safeguarding.check.requirements import COMING
from safeguarding.load.schema_validation import load_checker
from safeguarding.rules import switchable_checks

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_PATH = ROOT / "schemas" / "requirements.schema.json"
RULES_DIR = ROOT / "schemas" / "requirements"

# Levels as the domain reference (working-together.md, sections 1 to 4 and the
# CWSA 2026 paragraph) gives them, with "must?" read as must and "should?" as
# should. Hard-coded on purpose: the test is a second, independent copy.
LEVELS_BY_FILE: dict[str, dict[str, str]] = {
    "arrangements-wt2018.yaml": {
        "joint_working_to_meet_needs": "must",
        "practice_review_arrangements": "must",
        "independent_scrutiny": "must",
        "safeguarding_partners": "should",
        "geographical_area": "should",
        "relevant_agencies": "should",
        "education_settings": "should",
        "youth_custody_and_residential_homes": "should",
        "data_and_intelligence": "should",
        "training_and_audit": "should",
        "funding": "should",
        "practice_review_learning": "should",
        "voice_of_children_and_families": "should",
        "threshold_document": "should",
        "scrutiny_plan_and_review": "should",
        # The duty to publish (s16E): an undated draft does not meet it.
        "publish_arrangements": "must",
    },
    "arrangements-wt2023.yaml": {
        "joint_working_to_meet_needs": "must",
        "practice_review_arrangements": "must",
        "independent_scrutiny": "must",
        "lead_safeguarding_partners": "should",
        "delegated_safeguarding_partners": "should",
        "partnership_chair": "should",
        "geographical_area": "should",
        "relevant_agencies": "should",
        "education_and_childcare": "expected",
        "voluntary_and_community_sector": "should",
        "funding": "should",
        "data_and_information_sharing": "should",
        "threshold_document": "should",
        "voice_of_children_and_families": "should",
        "practice_review_learning": "should",
        "training_and_audit": "should",
        "publish_arrangements": "must",
        "lead_partners_sign_off": "should",
        # Carried from 2018 with a note, not dropped without a word.
        "youth_custody_and_residential_homes": "should",
    },
    "yearly-report-wt2018.yaml": {
        "published_every_12_months": "must",
        "activity_including_reviews": "must",
        "effectiveness": "must",
        "impact_evidence": "should",
        "little_or_no_progress": "should",
        "review_recommendations": "should",
        "feedback_from_children_and_families": "should",
    },
    "yearly-report-wt2023.yaml": {
        "joint_report_12_months": "must",
        "activity_including_reviews": "must",
        "effectiveness": "must",
        # Only what the partners did and how effective the arrangements were are "must";
        # the rest is what reports should include (secondary sources, confidence low).
        "impact_evidence": "should",
        "little_or_no_progress": "should",
        "review_recommendations": "should",
        "feedback_from_children_and_families": "should",
        "costs_and_value_for_money": "should",
        "education_representation": "should",
        "data_and_information_sharing": "should",
        "independent_scrutiny_impact": "should",
        "updates_to_arrangements": "should",
        "national_reforms": "should",
        "transparent_and_accessible": "should",
        "published_every_12_months": "must",
        "signed_by_lead_partners": "should",
    },
    "coming-cwsa2026.yaml": {
        "education_and_childcare_agencies": "note",
        "multi_agency_child_protection_teams": "note",
    },
}

# Ids whose level the reference marks "must?" or "should?": sources disagree,
# so the rule file has to say so in the requirement's note.
DISPUTED_BY_FILE: dict[str, set[str]] = {
    "arrangements-wt2018.yaml": set(),
    "arrangements-wt2023.yaml": {
        "lead_safeguarding_partners",
        "partnership_chair",
        "geographical_area",
        "relevant_agencies",
        "funding",
        "data_and_information_sharing",
        "threshold_document",
        "voice_of_children_and_families",
        "practice_review_learning",
        "training_and_audit",
    },
    "yearly-report-wt2018.yaml": set(),
    "yearly-report-wt2023.yaml": {
        "impact_evidence",
        "little_or_no_progress",
        "review_recommendations",
        "feedback_from_children_and_families",
        "costs_and_value_for_money",
        "education_representation",
        "data_and_information_sharing",
        "independent_scrutiny_impact",
        "updates_to_arrangements",
        "national_reforms",
    },
    "coming-cwsa2026.yaml": set(),
}

RULE_FILES = sorted(LEVELS_BY_FILE)

VALID_RULE_SET = """\
kind: yearly-report
edition: wt2023
title: A test rule set
source: Working Together 2023, chapter 2
in_force_from: "2023-12-15"
requirements:
  - id: joint_report_12_months
    title: Joint report
    description: The partners report together.
    level: must
    source: Working Together 2023, chapter 2, reporting
    confidence: C2
    evidence:
      - covers: true
checks: []
"""


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    """The schema as the tool validates with it: the check ids filled in from the catalogue,
    the block types from common.schema.json by `$ref`."""
    return load_checker(SCHEMA_PATH.name.removesuffix(".schema.json"), SCHEMA_PATH.parent).validator


def load_rule_set(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def error_messages(validator: Draft202012Validator, data: Any) -> list[str]:
    """Each error as 'path: message', the way the CLI shows it."""
    return [f"{error.json_path}: {error.message}" for error in validator.iter_errors(data)]


def iter_subschemas(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from iter_subschemas(value)
    elif isinstance(node, list):
        for value in node:
            yield from iter_subschemas(value)


def test_schema_is_valid_draft_2020_12() -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    # No `$id`: references resolve beside the file, offline, for every validator.
    assert "$id" not in schema


def test_every_schema_property_has_title_and_description() -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    for node in iter_subschemas(schema):
        for name, prop in node.get("properties", {}).items():
            assert prop.get("title") and prop.get("description"), name


def test_every_object_schema_forbids_other_properties() -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    objects = [node for node in iter_subschemas(schema) if node.get("type") == "object"]
    assert objects
    for node in objects:
        assert node.get("additionalProperties") is False, node.get("title")


def test_rule_directory_holds_exactly_the_expected_files() -> None:
    assert sorted(path.name for path in RULES_DIR.glob("*.yaml")) == RULE_FILES


@pytest.mark.parametrize("name", RULE_FILES)
def test_rule_file_is_valid(name: str, validator: Draft202012Validator) -> None:
    assert error_messages(validator, load_rule_set(RULES_DIR / name)) == []


@pytest.mark.parametrize("name", RULE_FILES)
def test_file_name_matches_kind_and_edition(name: str) -> None:
    rule_set = load_rule_set(RULES_DIR / name)
    if rule_set["edition"] == "cwsa2026":
        assert name == "coming-cwsa2026.yaml"
    else:
        assert name == f"{rule_set['kind']}-{rule_set['edition']}.yaml"


@pytest.mark.parametrize("name", RULE_FILES)
def test_ids_are_unique(name: str) -> None:
    ids = [rule["id"] for rule in load_rule_set(RULES_DIR / name)["requirements"]]
    assert [rule_id for rule_id, count in Counter(ids).items() if count > 1] == []


@pytest.mark.parametrize("name", RULE_FILES)
def test_every_reference_id_appears(name: str) -> None:
    ids = {rule["id"] for rule in load_rule_set(RULES_DIR / name)["requirements"]}
    assert set(LEVELS_BY_FILE[name]) - ids == set()


@pytest.mark.parametrize("name", RULE_FILES)
def test_levels_match_reference(name: str) -> None:
    levels = {rule["id"]: rule["level"] for rule in load_rule_set(RULES_DIR / name)["requirements"]}
    expected = LEVELS_BY_FILE[name]
    assert {rule_id: levels.get(rule_id) for rule_id in expected} == expected


@pytest.mark.parametrize("name", RULE_FILES)
def test_disputed_levels_say_so_in_note(name: str) -> None:
    rules = {rule["id"]: rule for rule in load_rule_set(RULES_DIR / name)["requirements"]}
    for rule_id in DISPUTED_BY_FILE[name]:
        assert "Sources disagree" in rules[rule_id].get("note", ""), rule_id


@pytest.mark.parametrize("name", RULE_FILES)
def test_every_requirement_can_be_covered_by_a_section(name: str) -> None:
    for rule in load_rule_set(RULES_DIR / name)["requirements"]:
        assert {"covers": True} in rule["evidence"], rule["id"]


def test_same_as_names_the_requirement_in_another_edition_of_the_same_kind() -> None:
    # A mistyped same_as id would read no section; one of this edition would read its own.
    sets = [load_rule_set(RULES_DIR / name) for name in RULE_FILES]
    for rule_set in sets:
        own = {rule["id"] for rule in rule_set["requirements"]}
        others = {rule["id"] for other in sets if other["kind"] == rule_set["kind"]
                  and other["edition"] != rule_set["edition"] for rule in other["requirements"]}
        for rule in rule_set["requirements"]:
            for ident in rule.get("same_as", []):
                assert ident in others - own, (rule_set["edition"], rule["id"], ident)


def test_every_check_a_rule_set_may_list_is_switched_on_by_one() -> None:
    """A check no rule set lists never runs. Which rule sets list it is the rule sets' own
    say, with no copy here: tests/test_check_cases.py runs each failing case under the
    shipped rule set of its kind and edition, so a rule set that drops a check fails there."""
    listed = {c for name in RULE_FILES for c in load_rule_set(RULES_DIR / name)["checks"]}
    assert sorted(set(switchable_checks()) - listed) == []


def test_coming_duties_switch_on_no_checks() -> None:
    # Only the edition's own rule set switches checks on; any listed here would never run.
    assert load_rule_set(RULES_DIR / f"coming-{COMING}.yaml")["checks"] == []


def test_yearly_report_wt2023_must_set() -> None:
    rules = load_rule_set(RULES_DIR / "yearly-report-wt2023.yaml")["requirements"]
    musts = {rule["id"] for rule in rules if rule["level"] == "must"}
    assert musts == {
        "joint_report_12_months",
        "activity_including_reviews",
        "effectiveness",
        "published_every_12_months",
    }


@pytest.mark.parametrize("name", RULE_FILES)
def test_low_confidence_says_where_the_wording_was_found(name: str) -> None:
    # A level resting on secondary sources names them, with the guidance's wording quoted.
    for rule in load_rule_set(RULES_DIR / name)["requirements"]:
        codes = rule["confidence"] if isinstance(rule["confidence"], list) \
            else [rule["confidence"]]
        if "low" in codes:
            assert "as quoted" in rule["source"] or "as listed" in rule["source"] \
                or "as restated" in rule["source"] or "(shared/" in rule["source"] \
                or "summarised" in rule["source"], rule["id"]


def test_coming_duties_are_notes_on_arrangements() -> None:
    rule_set = load_rule_set(RULES_DIR / "coming-cwsa2026.yaml")
    assert rule_set["kind"] == "arrangements"
    assert rule_set["in_force_from"] is None
    assert {rule["level"] for rule in rule_set["requirements"]} == {"note"}


def test_valid_sample_passes(validator: Draft202012Validator) -> None:
    assert error_messages(validator, yaml.safe_load(VALID_RULE_SET)) == []


def test_wrong_level_fails_naming_level(tmp_path: Path, validator: Draft202012Validator) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(VALID_RULE_SET.replace("level: must", "level: mandatory"), encoding="utf-8")
    messages = error_messages(validator, load_rule_set(broken))
    assert len(messages) == 1
    assert "level" in messages[0]
    assert "'mandatory'" in messages[0]


def test_unquoted_date_fails(tmp_path: Path, validator: Draft202012Validator) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(VALID_RULE_SET.replace('"2023-12-15"', "2023-12-15"), encoding="utf-8")
    messages = error_messages(validator, load_rule_set(broken))
    assert messages and all("in_force_from" in message for message in messages)


def test_impossible_date_fails(validator: Draft202012Validator) -> None:
    data = yaml.safe_load(VALID_RULE_SET.replace("2023-12-15", "2023-02-30"))
    assert any("in_force_from" in message for message in error_messages(validator, data))


def test_coming_duty_with_must_level_fails(validator: Draft202012Validator) -> None:
    data = yaml.safe_load(VALID_RULE_SET.replace("edition: wt2023", "edition: cwsa2026"))
    assert any("level" in message for message in error_messages(validator, data))


@pytest.mark.parametrize(
    "evidence",
    [
        {"covers": False},
        {"block": "budgets"},
        {"partnership": "partners..lead"},
        {"partnership": "chairs"},
        {"document": "title"},
        {"covers": True, "block": "budget"},
        {},
    ],
)
def test_malformed_evidence_fails(
    evidence: dict[str, Any], validator: Draft202012Validator
) -> None:
    data = yaml.safe_load(VALID_RULE_SET)
    data["requirements"][0]["evidence"].append(evidence)
    assert any("evidence" in message for message in error_messages(validator, data))


def test_evidence_without_covers_fails(validator: Draft202012Validator) -> None:
    data = yaml.safe_load(VALID_RULE_SET)
    data["requirements"][0]["evidence"] = [{"block": "budget"}]
    assert any("evidence" in message for message in error_messages(validator, data))
