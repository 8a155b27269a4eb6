"""Recognise the three statutory partners a document names, for a new partnership's file."""

from __future__ import annotations

import re
from typing import Any

_NAME = r"(?:[A-Z][\w&'’-]*\s)"
# Role, id, and how the document names such an organisation.
_PATTERNS = (
    ("local-authority", "council", re.compile(
        rf"\b({_NAME}{{1,4}}(?:(?:County|City|Borough|District) Council|Local Authority))\b")),
    ("integrated-care-board", "icb", re.compile(
        rf"\b((?:NHS\s)?{_NAME}{{1,5}}Integrated Care Board)\b")),
    ("clinical-commissioning-group", "ccg", re.compile(
        rf"\b((?:NHS\s)?{_NAME}{{1,5}}Clinical Commissioning Groups?)\b")),
    ("police", "police", re.compile(rf"\b({_NAME}{{1,3}}(?:Police|Constabulary))\b")),
)
_HEALTH = ("integrated-care-board", "clinical-commissioning-group")
_NOT_NAMES = re.compile(r"^(The|A|An|Our|Each|All|Local|Chief|Safeguarding)\s", re.IGNORECASE)


def recognise_partners(texts: list[str]) -> tuple[list[dict[str, Any]], list[str]]:
    """The partners found (the first name given for each role) and the roles not found."""
    found: dict[str, dict[str, Any]] = {}
    for role, ident, pattern in _PATTERNS:
        for text in texts:
            names = [n for n in (m.group(1).strip() for m in pattern.finditer(text))
                     if not _NOT_NAMES.match(n)]
            if names:
                found[role] = {"id": ident, "role": role, "organisation": names[0]}
                break
    if "integrated-care-board" in found:  # the later body replaced the earlier
        found.pop("clinical-commissioning-group", None)
    missing = [r for r in ("local-authority", "health", "police")
               if (r == "health" and not any(h in found for h in _HEALTH))
               or (r != "health" and r not in found)]
    return list(found.values()), missing
