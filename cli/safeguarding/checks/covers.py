"""covers.*: the requirement ids a document's sections claim exist."""

from __future__ import annotations

from collections.abc import Iterator

from ..doctree import iter_sections
from ..findings import Finding, Severity
from .context import CheckContext
from .registry import rule


@rule("covers.unknown_requirement", Severity.WARNING)
def unknown_requirement(context: CheckContext) -> Iterator[Finding]:
    """Every id in a `covers` list is a requirement of some rule set (any edition).

    A misspelt id counts for nothing, so the requirement it meant looks missing.

    passes: covers: [independent_scrutiny]
    fails:  covers: [independant_scrutiny]
    """
    if not context.known_requirements:
        return
    for path, section in iter_sections(context.data):
        parts = [(path, section)] + [((*path, "blocks", j), b)
                                     for j, b in enumerate(section.get("blocks") or [])]
        for where, part in parts:
            for k, ident in enumerate(part.get("covers") or []):
                if ident not in context.known_requirements:
                    yield unknown_requirement.finding(
                        f"'{ident}' is not the id of any Working Together requirement",
                        context.locate((*where, "covers", k)),
                        "use an id from schemas/requirements/ (see docs/requirements.md)")
