"""Helpers for the import round-trip tests: sentences, section trees and figures of a document."""

from __future__ import annotations

import re
from typing import Any

_SENTENCE_END = re.compile(r"(?<=[.!?:;])\s+|\n+")
_NOT_TEXT = ("id", "type", "src", "covers")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def normal(text: str) -> str:
    """Words only, lower case: what a reader sees, whatever the quotes, dashes or emphasis."""
    return " ".join(re.findall(r"[a-z0-9]+", _LINK.sub(r"\1", text).lower()))


def strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() if k not in _NOT_TEXT for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def sentences(document: dict[str, Any]) -> list[str]:
    """The sentences of a document's sections, four words or more, normalised."""
    found = []
    for text in strings(document["sections"]):
        for piece in _SENTENCE_END.split(text):
            words = normal(piece)
            if len(words.split()) >= 4:
                found.append(words)
    return found


def recall(original: dict[str, Any], imported: dict[str, Any]) -> tuple[float, list[str]]:
    """The share of the original's sentences found in the imported text, and those lost."""
    haystack = " " + " ".join(normal(s) for s in strings(imported)) + " "
    wanted = sentences(original)
    lost = [s for s in wanted if f" {s} " not in haystack]
    return 1 - len(lost) / max(len(wanted), 1), lost


def tree(sections: list[dict[str, Any]], depth: int = 0) -> list[tuple[int, str, str]]:
    """(depth, number, normalised title) of every section, in order."""
    out = []
    for section in sections:
        out.append((depth, section.get("number", ""), normal(section["title"])))
        out += tree(section.get("sections", []), depth + 1)
    return out


def missing_from_tree(original: list[dict[str, Any]], imported: list[dict[str, Any]]
                      ) -> list[tuple[int, str, str]]:
    """The original's sections not found, in order, with their depth, in the imported tree
    (the importer may add sections of its own: a front page, the tool's appendix)."""
    mine, theirs = tree(original), tree(imported)
    if theirs and theirs[0][2] == "front page":  # the cover is an extra top section
        theirs = theirs[1:]
    lost, at = [], 0
    for wanted in mine:
        try:
            at = theirs.index(wanted, at) + 1
        except ValueError:
            lost.append(wanted)
    return lost


def blocks(sections: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    """Every block of that type, in sections, subsections and priorities' progress reports."""
    found = []
    for section in sections:
        for block in section.get("blocks", []):
            if block.get("type") == kind:
                found.append(block)
            for item in block.get("items", []) if block.get("type") == "priorities" else []:
                found += [b for b in item.get("blocks", []) if b.get("type") == kind]
        found += blocks(section.get("sections", []), kind)
    return found


def figures(document: dict[str, Any]) -> dict[str, list[Any]]:
    """The typed figures a reader checks: training attendance, budget lines, key facts."""
    sections = document["sections"]
    training = [(e["title"], e.get("attended"), e.get("sessions"))
                for b in blocks(sections, "training") for e in b["events"]]
    budget = [(line["label"].rstrip("*"), line.get("total", line.get("amount")))
              for b in blocks(sections, "budget") for part in ("opening", "income", "expenditure")
              for line in b.get(part, [])]
    facts = [(f["label"], f["value"], f.get("one_in"))
             for b in blocks(sections, "key-facts") for f in b["facts"] if f.get("comparators")]
    return {"training": training, "budget": budget, "key-facts": facts}
