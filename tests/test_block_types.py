"""The typed blocks are listed once, in the schema, and each type's parts are found from it.

Adding a block type is its schema definition (its name in `$defs/block_type`, its
`$defs/<name>_block` and its if/then branch), its template and its chart function (if any):
the registry is built from the schema and names what is missing.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from safeguarding.errors import InputError
from safeguarding.load.block_types import (
    BLOCK_TYPES,
    BUDGET,
    KEY_FACTS,
    PRIORITIES,
    TEXT,
    TRAINING,
    holds_blocks,
    load_block_types,
)
from safeguarding.load.schema_validation import validate_source
from safeguarding.load.yamlfile import SourceFile, load_yaml_text
from safeguarding.render import block_charts

ROOT = Path(__file__).parent.parent
SCHEMAS = ROOT / "schemas"
TEMPLATES = ROOT / "templates"
COMMON = json.loads((SCHEMAS / "common.schema.json").read_text(encoding="utf-8"))
REQUIREMENTS = json.loads((SCHEMAS / "requirements.schema.json").read_text(encoding="utf-8"))
BLOCK = COMMON["$defs"]["block"]


def test_the_registry_is_the_schema_s_list() -> None:
    assert list(BLOCK_TYPES) == COMMON["$defs"]["block_type"]["enum"]
    assert BLOCK["properties"]["type"]["$ref"] == "#/$defs/block_type"
    evidence = REQUIREMENTS["$defs"]["evidence_item"]["properties"]["block"]
    assert evidence["$ref"] == "common.schema.json#/$defs/block_type"


def test_each_definition_is_a_listed_type() -> None:
    defined = {name for name in COMMON["$defs"] if name.endswith("_block")}
    assert defined == {t.schema_def for t in BLOCK_TYPES.values()}, \
        "a *_block definition in common.schema.json is not in $defs/block_type"


def test_no_description_lists_the_types() -> None:
    # A list of the types in prose goes stale when a type is added: the enum is the list.
    texts = [v for k, v in _walk([COMMON, REQUIREMENTS])
             if k == "description" and isinstance(v, str)]
    for text in texts:
        named = [t for t in BLOCK_TYPES if re.search(rf"(?<![\w-]){t}(?![\w-])", text)]
        assert len(named) < len(BLOCK_TYPES) // 2, f"a description lists block types: {text}"


def test_flags_are_read_from_the_schemas() -> None:
    assert [t.name for t in BLOCK_TYPES.values() if not t.evidence] == [TEXT]
    assert [t for t in BLOCK_TYPES if holds_blocks(t)] == [PRIORITIES]
    assert {t.name for t in BLOCK_TYPES.values() if t.charts} == {KEY_FACTS, TRAINING, BUDGET}
    assert BLOCK_TYPES[KEY_FACTS].previous is block_charts.previous_pairs


def test_a_rule_set_may_ask_for_every_block_but_text() -> None:
    ruleset = (SCHEMAS / "requirements" / "yearly-report-wt2023.yaml").read_text(encoding="utf-8")
    assert "- block: budget" in ruleset
    for name in BLOCK_TYPES:
        found = _validate(ruleset.replace("- block: budget", f"- block: {name}", 1),
                          "requirements")
        assert bool(found) == (name == TEXT), (name, found)
    [typo] = _validate(ruleset.replace("- block: budget", "- block: budgets", 1), "requirements")
    assert typo.startswith(f"'block' must be one of: {', '.join(list(BLOCK_TYPES)[1:])} ")


def test_a_block_without_a_type_is_told_every_type() -> None:
    found = _validate("title: T\nsections:\n  - title: S\n    blocks:\n      - body: B\n",
                      "yearly-report")
    assert f"missing required field 'type' in sections[0].blocks[0] | 'type' is one of: " \
           f"{', '.join(BLOCK_TYPES)}" in found


def _schemas_with(tmp_path: Path, name: str, definition: bool = True, branch: bool = True
                  ) -> Path:
    """A copy of the schemas with one more block type in the list."""
    schemas = tmp_path / "schemas"
    shutil.copytree(SCHEMAS, schemas)
    common = json.loads((schemas / "common.schema.json").read_text(encoding="utf-8"))
    common["$defs"]["block_type"]["enum"].append(name)
    if definition:
        common["$defs"][name + "_block"] = {"type": "object"}
    if branch:
        common["$defs"]["block"]["allOf"].append({
            "if": {"properties": {"type": {"const": name}}, "required": ["type"]},
            "then": {"$ref": f"#/$defs/{name}_block"}})
    (schemas / "common.schema.json").write_text(json.dumps(common), encoding="utf-8")
    return schemas


def test_a_new_type_without_its_template_names_the_missing_file(tmp_path: Path) -> None:
    schemas = _schemas_with(tmp_path, "timeline")
    with pytest.raises(InputError, match=re.escape("add templates/partials/timeline.html")):
        load_block_types(schemas, TEMPLATES)
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    (templates / "partials" / "timeline.html").write_text("<ol></ol>\n", encoding="utf-8")
    added = load_block_types(schemas, templates)["timeline"]
    assert added.evidence and not added.charts and not added.items_hold_blocks


def test_a_new_type_without_its_definition_names_it(tmp_path: Path) -> None:
    schemas = _schemas_with(tmp_path, "timeline", definition=False)
    with pytest.raises(InputError, match=re.escape("no $defs/timeline_block")):
        load_block_types(schemas, TEMPLATES)


def test_a_new_type_without_its_branch_names_it(tmp_path: Path) -> None:
    schemas = _schemas_with(tmp_path, "timeline", branch=False)
    with pytest.raises(InputError, match="has no if/then branch for timeline"):
        load_block_types(schemas, TEMPLATES)


def test_a_chart_of_a_type_the_schema_does_not_list_fails(monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    monkeypatch.setitem(block_charts.CHARTS, "timelines", block_charts.training_charts)
    with pytest.raises(InputError, match="'timelines' is not in \\$defs/block_type"):
        load_block_types(SCHEMAS, TEMPLATES)


def _validate(text: str, schema: str) -> list[str]:
    source = load_yaml_text(text, "doc.yaml")
    assert isinstance(source, SourceFile), source
    return [f"{f.message} | {f.hint}" for f in validate_source(source, schema)]


def _walk(node: Any) -> list[tuple[str, Any]]:
    if isinstance(node, dict):
        return [(k, v) for k, v in node.items()] + [p for v in node.values() for p in _walk(v)]
    if isinstance(node, list):
        return [p for v in node for p in _walk(v)]
    return []


def test_a_missing_template_is_an_error_the_command_reports(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from safeguarding.cli import app
    from safeguarding.load import block_types

    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    (templates / "partials" / "quotation.html").unlink()
    monkeypatch.setattr(block_types, "templates_dir", lambda: templates)
    block_types.registry.cache_clear()
    try:
        run = CliRunner().invoke(app, ["build-report", "worcestershire", "--format", "html",
                                       "--jobs", "1", "--root", str(ROOT / "partnerships"),
                                       "--out", str(tmp_path / "out")])
    finally:
        block_types.registry.cache_clear()
    assert run.exit_code == 2, run.output
    assert "error: a block type is incomplete: add templates/partials/quotation.html" \
        in run.output
    assert "Traceback" not in run.output and not (tmp_path / "out").exists()
