"""The typed blocks, one entry each: where a block type's schema, template and charts live.

A new typed block is its schema definition (`common.schema.json`, `$defs/<name>_block`), its
template (`templates/partials/<type>.html`), its chart function if it has charts, and one
entry below; tests/test_block_types.py holds the schemas' lists of types, this registry and
the templates equal, and names the file that is missing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .block_charts import (
    ChartSettings,
    budget_charts,
    compared_with_areas,
    previous_pairs,
    previous_year_charts,
    training_charts,
)
from .charts import Chart

ChartFunction = Callable[[dict[str, Any], str, ChartSettings], tuple[Chart, ...]]
# (this year's item, last year's item of the same id), for a table comparing the two
PairFunction = Callable[[dict[str, Any], dict[str, dict[str, Any]]], list[tuple[dict, dict]]]
# (the areas compared, per item its figure for each area or None), for a table of areas
AreasFunction = Callable[[dict[str, Any]], tuple[tuple[str, ...], tuple[tuple[
    dict[str, Any], tuple[dict[str, Any] | None, ...]], ...]]]


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


BLOCK_TYPES: dict[str, BlockType] = {t.name: t for t in (
    BlockType("text", evidence=False),  # Markdown between typed blocks: evidence of nothing
    # Other areas' figures are one table, not also a chart: the at-a-glance page shows each
    # figure once. Last year's figures are charted, beside their own table.
    BlockType("key-facts", previous_year_charts, previous=previous_pairs,
              areas=compared_with_areas),
    BlockType("priorities", items_hold_blocks=True),
    BlockType("training", training_charts),
    BlockType("budget", budget_charts),
    BlockType("practice-reviews"),
    BlockType("quotation"),
    BlockType("signatories"),
    BlockType("agencies"),
    BlockType("figure"),
    BlockType("table"),
)}


def charts_for(block: dict[str, Any], html_id: str, settings: ChartSettings) -> tuple[Chart, ...]:
    """The charts a block gets from its type: none for most."""
    draw = BLOCK_TYPES[block["type"]].charts
    return draw(block, html_id, settings) if draw else ()
