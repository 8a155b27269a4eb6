"""The publishing gate: whether a document may be built as a published document.

A document with `status: draft`, or one built with --draft, is a review copy: it is marked
Draft on every page and may show placeholders. A published document must be finished: no error
from `check`, no figure without its image, no placeholder text left. Each reason is a finding at
its place in the document's file, so that the author can go straight to it.
"""

from __future__ import annotations

import re
from typing import Any

from ..findings import Finding, count, error
from ..load.block_types import FIGURE
from ..load.doctree import block_label, iter_blocks, iter_prose
from ..load.yamlfile import SourceFile
from ..render.formatting import plural
from ..results import DocumentResult
from ..rules import known

RULE = known("build.unpublishable")
WORKING_TOGETHER = "working_together"  # `appendix:` that asks for the where-to-find table
HINT_DRAFT = "or build it as a review copy with --draft, or set `status: draft` in the document"
# Text an author left to fill in later. Only unambiguous markers: "to follow" and the like are
# ordinary English in a finished document, so `check`'s coverage (which also weighs them) judges
# those; the gate refuses only what can be nothing but a gap.
_PLACEHOLDER = re.compile(
    r"\b(?:TBC|TBA|TBD|TODO|lorem ipsum|X{3,})\b"
    r"|[\[<{]+\s*(?:insert|add|enter|complete|fill in)\b[^\]>}]*[\]>}]+", re.IGNORECASE)


def is_draft(document: dict[str, Any]) -> bool:
    """Whether the document says of itself that it is a draft."""
    return document.get("status") == "draft"


def unpublishable(result: DocumentResult, source: SourceFile) -> list[Finding]:
    """Why this document cannot be published as it is: one located error per reason."""
    doc = source.data if isinstance(source.data, dict) else {}
    errors = count(result.findings)
    # The errors themselves are reported, each at its place, with `check`'s findings.
    reasons = [error(RULE, f"not published: `check` found {plural(errors, 'error')} "
                     "(each reported at its place)", source.locate(),
                     f"correct the data, {HINT_DRAFT}")] if errors else []
    for path, block in iter_blocks(doc, FIGURE):
        if not block.get("src"):
            name = block.get("title") or block.get("caption") or block_label(block, "", path)
            reasons.append(error(RULE, f"not published: the figure “{name}” has no image, and "
                                 "a published document cannot show a placeholder in its place",
                                 source.locate(path),
                                 f"add its image as `src:` (a file in the partnership's assets), "
                                 f"{HINT_DRAFT}"))
    for path, text in iter_prose(doc):
        if match := _PLACEHOLDER.search(text):
            reasons.append(error(RULE, f"not published: placeholder text “{match.group(0)}” is "
                                 "left in the document", source.locate(path),
                                 f"write the text it stands for, {HINT_DRAFT}"))
    return reasons
