"""The data schemas are editor help: every property has a title and a description."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

SCHEMAS = sorted((Path(__file__).resolve().parents[1] / "schemas").glob("*.schema.json"))


def _properties(node: Any, path: str = "") -> Iterator[tuple[str, dict]]:
    if isinstance(node, dict):
        for name, sub in (node.get("properties") or {}).items():
            if isinstance(sub, dict):
                yield f"{path}/properties/{name}", sub
        for key, value in node.items():
            yield from _properties(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _properties(value, f"{path}/{i}")


def _objects(node: Any, path: str = "") -> Iterator[tuple[str, dict]]:
    if isinstance(node, dict):
        if node.get("type") == "object" and "properties" in node:
            yield path, node
        for key, value in node.items():
            yield from _objects(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _objects(value, f"{path}/{i}")


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_schema_is_valid_draft_2020_12(path: Path) -> None:
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_every_property_has_a_title_and_description(path: Path) -> None:
    schema = json.loads(path.read_text(encoding="utf-8"))
    # A property that only narrows an if/then dispatch is not shown to editors.
    lacking = [where for where, prop in _properties(schema)
               if "/if/" not in where and not (prop.get("title") and prop.get("description"))]
    assert lacking == []


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_unknown_properties_are_refused_everywhere(path: Path) -> None:
    schema = json.loads(path.read_text(encoding="utf-8"))
    open_objects = [where for where, obj in _objects(schema)
                    if obj.get("additionalProperties") is not False
                    and "unevaluatedProperties" not in obj and "allOf" not in obj]
    assert open_objects == []
