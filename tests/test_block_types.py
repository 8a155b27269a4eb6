"""The typed blocks are listed in one registry, and the schemas and templates agree with it.

Adding a block type is its schema definition, its template, its chart function (if any) and
one entry in block_types.BLOCK_TYPES: each test below names what is missing.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from safeguarding.block_types import BLOCK_TYPES, BlockType

ROOT = Path(__file__).parent.parent
COMMON = json.loads((ROOT / "schemas" / "common.schema.json").read_text(encoding="utf-8"))
REQUIREMENTS = json.loads((ROOT / "schemas" / "requirements.schema.json")
                          .read_text(encoding="utf-8"))
TEMPLATES = ROOT / "templates"
BLOCK = COMMON["$defs"]["block"]


def test_the_schema_enum_is_the_registry() -> None:
    assert BLOCK["properties"]["type"]["enum"] == list(BLOCK_TYPES)


def test_each_type_has_its_definition_and_its_branch() -> None:
    branches = {b["if"]["properties"]["type"]["const"]: b["then"]["$ref"] for b in BLOCK["allOf"]}
    for t in BLOCK_TYPES.values():
        assert t.schema_def in COMMON["$defs"], \
            f"schemas/common.schema.json has no $defs/{t.schema_def} for the {t.name} block"
        assert branches.get(t.name) == f"#/$defs/{t.schema_def}", \
            f"schemas/common.schema.json's block has no if/then branch for {t.name}"
    defined = {name for name in COMMON["$defs"] if name.endswith("_block")}
    assert defined == {t.schema_def for t in BLOCK_TYPES.values()}, \
        "a *_block definition in common.schema.json has no entry in BLOCK_TYPES"


def test_the_schema_prose_names_every_type_in_order() -> None:
    named = re.findall(r"`([a-z-]+)`", BLOCK["description"].split(". ")[0])
    assert named == list(BLOCK_TYPES), "common.schema.json's block description lists the types"
    listed = BLOCK["properties"]["type"]["description"].removeprefix("One of: ").split(", ")
    assert listed == list(BLOCK_TYPES), "the block type's description lists the types"


def test_rule_sets_may_ask_for_every_block_but_text() -> None:
    allowed = REQUIREMENTS["$defs"]["evidence_item"]["properties"]["block"]["enum"]
    assert allowed == [t.name for t in BLOCK_TYPES.values() if t.evidence]


def assert_templates(types: list[BlockType]) -> None:
    missing = [f"templates/{t.partial}" for t in types if not (TEMPLATES / t.partial).is_file()]
    assert not missing, f"a block type has no template: add {', '.join(missing)}"


def test_each_type_has_its_template() -> None:
    assert_templates(list(BLOCK_TYPES.values()))


def test_a_new_type_without_its_template_names_the_missing_file() -> None:
    with pytest.raises(AssertionError, match=re.escape("add templates/partials/timeline.html")):
        assert_templates([*BLOCK_TYPES.values(), BlockType("timeline")])
