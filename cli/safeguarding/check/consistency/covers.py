"""covers.*: the requirement ids a document's sections claim exist."""

from __future__ import annotations

from collections.abc import Iterator
from difflib import get_close_matches

from ...findings import Finding, Severity
from ...load.doctree import iter_blocks, iter_sections
from .check_context import CheckContext
from .registry import rule


@rule("covers.unknown_requirement", Severity.WARNING, always_on=True)
def unknown_requirement(context: CheckContext) -> Iterator[Finding]:
    """Every id in a `covers` list is a requirement of some rule set (any edition).

    A misspelt id counts for nothing, so the requirement it meant looks missing.

    passes: covers: [independent_scrutiny]
    fails:  covers: [independant_scrutiny]
    """
    if not context.known_requirements:
        return
    known = sorted(context.known_requirements)
    for where, part in [*iter_sections(context.data), *iter_blocks(context.data)]:
        for k, ident in enumerate(part.get("covers") or []):
            if ident not in context.known_requirements:
                near = get_close_matches(str(ident), known, n=1)
                yield unknown_requirement.finding(
                    f"'{ident}' is not the id of any Working Together requirement"
                    + (f"; did you mean '{near[0]}'?" if near else ""),
                    context.locate((*where, "covers", k)),
                    "use an id from schemas/requirements/ (see docs/requirements.md)")
