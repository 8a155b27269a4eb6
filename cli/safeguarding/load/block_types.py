"""The typed blocks: each block type's schema, template and charts, found where they live.

The schema lists the types: `$defs/block_type` in schemas/common.schema.json, which the
block's `type` and a rule set's evidence `block` both refer to. Each type has there its
definition, `$defs/<type>_block` (with `-` written `_`), and the if/then branch of `block`
that picks it; its template is `templates/partials/<type>.html`; its charts, if any, are its
entries in block_charts.CHARTS (and PREVIOUS, AREAS for its comparison tables). Whether a
rule set may ask for it and whether its items hold blocks of their own are read from the
schemas too. `registry()` builds them on first use; a type missing a part is an error naming
the missing file, definition or branch. Code that is about one type by name (a check of
budgets) names it through its constant below, which must be in the schema's list too.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..resources import schemas_dir, templates_dir

if TYPE_CHECKING:
    from ..render.block_charts import AreasFunction, ChartFunction, ChartSettings, PairFunction
    from ..render.charts import Chart

COMMON = "common.schema.json"
REQUIREMENTS = "requirements.schema.json"

# The types that code is about by name (a check of budgets, the importer's tables): one
# constant each, and each must be in the schema's list.
TEXT = "text"  # Markdown between typed blocks: evidence of nothing
KEY_FACTS = "key-facts"
PRIORITIES = "priorities"
TRAINING = "training"
BUDGET = "budget"
SIGNATORIES = "signatories"
AGENCIES = "agencies"
FIGURE = "figure"
TABLE = "table"
NAMED = (TEXT, KEY_FACTS, PRIORITIES, TRAINING, BUDGET, SIGNATORIES, AGENCIES, FIGURE, TABLE)


@dataclass(frozen=True)
class BlockType:
    """One kind of typed block, by its `type` in the YAML."""

    name: str  # e.g. "key-facts"
    charts: ChartFunction | None = None
    evidence: bool = True  # a requirement may ask for it (`block:` in a rule set)
    items_hold_blocks: bool = False  # each of its `items` has blocks of its own
    previous: PairFunction | None = None  # compared with last year's report
    areas: AreasFunction | None = None  # compared with other areas, in one table

    @property
    def schema_def(self) -> str:
        """Its definition in common.schema.json's $defs, e.g. key_facts_block."""
        return self.name.replace("-", "_") + "_block"

    @property
    def partial(self) -> str:
        """Its template, relative to templates/."""
        return f"partials/{self.name}.html"


def load_block_types(schemas: Path, templates: Path) -> dict[str, BlockType]:
    """The block types the schemas list, in their order, each with its parts.

    Raises InputError naming every part that is missing (a definition, its if/then
    branch, a template) and every chart or named type that is not in the schema's list.
    """
    from ..render.block_charts import (  # rendering's: loaded when first needed
        AREAS,
        CHARTS,
        PREVIOUS,
    )

    common, requirements = _read(schemas / COMMON), _read(schemas / REQUIREMENTS)
    defs = common.get("$defs", {})
    names = list(defs.get("block_type", {}).get("enum", []))
    ruled_out = _ruled_out(requirements.get("$defs", {}).get("evidence_item", {}))
    types = {name: BlockType(name, CHARTS.get(name), name not in ruled_out,
                             _items_hold_blocks(defs, name), PREVIOUS.get(name),
                             AREAS.get(name)) for name in names}
    missing = [f"schemas/{COMMON} has no $defs/{t.schema_def} for the {t.name} block"
               for t in types.values() if t.schema_def not in defs]
    branches = _branches(defs.get("block", {}))
    missing += [f"the block in schemas/{COMMON} has no if/then branch for {t.name}"
                for t in types.values() if branches.get(t.name) != f"#/$defs/{t.schema_def}"]
    missing += [f"add templates/{t.partial}" for t in types.values()
                if not (templates / t.partial).is_file()]
    unknown = [name for found in (CHARTS, PREVIOUS, AREAS, NAMED) for name in found
               if name not in types]
    missing += [f"'{name}' is not in $defs/block_type of schemas/{COMMON}"
                for name in dict.fromkeys(unknown)]
    if missing:
        raise InputError("a block type is incomplete: " + "; ".join(missing),
                         hint="a block type is its schema definition, its template and "
                              "its chart, if any: see docs/architecture.md")
    return types


def _read(path: Path) -> dict[str, Any]:
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read the schema {path}: {exc}") from exc
    return found if isinstance(found, dict) else {}


def _branches(block: Mapping[str, Any]) -> dict[str, str]:
    """The block's if/then branches: the definition each `type` picks."""
    found = {}
    for branch in block.get("allOf", []):
        picked = branch.get("if", {}).get("properties", {}).get("type", {}).get("const")
        found[str(picked)] = str(branch.get("then", {}).get("$ref", ""))
    return found


def _ruled_out(evidence_item: Mapping[str, Any]) -> set[str]:
    """The block types a rule set's evidence may not name (its `block`'s `not`)."""
    ruled_out = evidence_item.get("properties", {}).get("block", {}).get("not", {})
    return {ruled_out["const"]} if "const" in ruled_out else set(ruled_out.get("enum", []))


def _items_hold_blocks(defs: Mapping[str, Any], name: str) -> bool:
    """Whether each of the block's `items` has `blocks` of its own (a reported priority)."""
    item = defs.get(BlockType(name).schema_def, {}).get("properties", {}).get("items", {})
    item = item.get("items", {})
    ref = str(item.get("$ref", ""))
    if ref.partition("#")[0] in ("", COMMON) and ref.partition("#")[2].startswith("/$defs/"):
        item = defs.get(ref.rpartition("/")[2], {})
    return "blocks" in item.get("properties", {})


@cache
def registry() -> dict[str, BlockType]:
    """The shipped block types. Built on first use rather than at import, so that a missing
    part is an error the command reports, like a bad file."""
    return load_block_types(schemas_dir(), templates_dir())


def __getattr__(name: str) -> dict[str, BlockType]:
    # BLOCK_TYPES reads as a constant and is built by registry() when first asked for.
    if name == "BLOCK_TYPES":
        return registry()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def holds_blocks(block_type: object) -> bool:
    """Whether each item of a block of this type has blocks of its own (a priority)."""
    found = registry().get(str(block_type))
    return bool(found and found.items_hold_blocks)


def charts_for(block: dict[str, Any], html_id: str, settings: ChartSettings) -> tuple[Chart, ...]:
    """The charts a block gets from its type: none for most."""
    draw = registry()[block["type"]].charts
    return draw(block, html_id, settings) if draw else ()
