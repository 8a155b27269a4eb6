"""Load the rule sets in schemas/requirements/: what each edition requires of each kind of document.

Every file is validated against schemas/requirements.schema.json first (the check ids it
may list filled in from the rule catalogue); a bad file is a finding located at the bad
line, never an exception, so that one broken rule set does not hide the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ..findings import Finding, error
from ..load.schema_validation import validate_source
from ..load.workspace import display_path
from ..load.yamlfile import SourceFile, load_yaml
from ..resources import requirements_dir
from ..results import Level
from ..rules import known

SCHEMA = "requirements"
COMING = "cwsa2026"  # notes only, added to the arrangements rule set of either edition
RULE_DUPLICATE = known("requirements.duplicate_id")


@dataclass(frozen=True)
class Evidence:
    """One way of meeting a requirement: `covers`, `block`, `partnership` or `document`."""

    kind: str
    value: str | bool

    def __str__(self) -> str:
        return f"{self.kind}: {str(self.value).lower() if self.value is True else self.value}"


@dataclass(frozen=True)
class Element:
    """One part of a requirement, and the evidence items any one of which shows it.

    Each item is one (kind, spec) pair from the vocabulary in evidence.py."""

    id: str
    title: str
    evidence: tuple[tuple[str, Any], ...]

    @property
    def judgement(self) -> bool:
        """Only a reader can judge it: it needs a recorded review."""
        return any(kind == "review" for kind, _ in self.evidence)

    @property
    def question(self) -> str:
        """What the reader judges, as the rule set words it (empty if not a judgement)."""
        return next((str(spec) for kind, spec in self.evidence if kind == "review"), "")


@dataclass(frozen=True)
class Requirement:
    """One statutory requirement, as the rule set states it."""

    id: str
    title: str
    description: str
    level: Level
    source: str
    confidence: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    note: str = ""
    elements: tuple[Element, ...] = ()  # when given, the status is computed from these
    same_as: tuple[str, ...] = ()  # its ids in other editions, whose claims are read for it


@dataclass(frozen=True)
class RuleSet:
    """The requirements of one kind of document under one edition, and the checks that apply."""

    kind: str
    edition: str
    title: str
    source: str
    in_force_from: str | None
    requirements: tuple[Requirement, ...]
    checks: tuple[str, ...]
    file: str
    note: str = ""
    warnings: tuple[Finding, ...] = ()  # the loader's: ' #' cutting text short, curly quotes


@dataclass(frozen=True)
class RuleSets:
    """Every rule set found, keyed by (kind, edition), and the findings of loading them."""

    by_key: dict[tuple[str, str], RuleSet]
    findings: tuple[Finding, ...]
    texts: dict[str, str] = field(default_factory=dict, repr=False)  # to quote findings from

    def get(self, kind: str, edition: str) -> RuleSet | None:
        return self.by_key.get((kind, edition))

    def known_ids(self) -> set[str]:
        return {r.id for rs in self.by_key.values() for r in rs.requirements}


def load_rule_set(path: Path, texts: dict[str, str] | None = None) -> RuleSet | list[Finding]:
    """One rule set, or the findings that say why it cannot be used (texts: as load_yaml)."""
    source = load_yaml(path, display_path(path), texts)
    if isinstance(source, Finding):
        return [source]
    findings = validate_source(source, SCHEMA) + list(_duplicates(source))
    return [*source.findings, *findings] if findings else _rule_set(source)


@cache
def load_rule_sets(directory: Path | None = None) -> RuleSets:
    """Every *.yaml file in the directory (default: the installed schemas/requirements/)."""
    by_key: dict[tuple[str, str], RuleSet] = {}
    findings: list[Finding] = []
    texts: dict[str, str] = {}
    for path in sorted((directory or requirements_dir()).glob("*.yaml")):
        loaded = load_rule_set(path, texts)
        if isinstance(loaded, RuleSet):
            by_key[(loaded.kind, loaded.edition)] = loaded
            findings += loaded.warnings
        else:
            findings += loaded
    return RuleSets(by_key, tuple(findings), texts)


def _duplicates(source: SourceFile) -> list[Finding]:
    seen: dict[str, int] = {}
    found = []
    for i, item in enumerate(source.data.get("requirements", [])):
        ident = item.get("id") if isinstance(item, dict) else None
        if ident in seen:
            found.append(error(RULE_DUPLICATE, f"requirement id '{ident}' is used twice "
                               f"(first at line {seen[ident]})",
                               source.locate(("requirements", i, "id")),
                               "give each requirement its own id"))
        elif isinstance(ident, str):
            seen[ident] = source.locate(("requirements", i, "id")).line
    return found


def _rule_set(source: SourceFile) -> RuleSet:
    data = source.data
    return RuleSet(kind=data["kind"], edition=data["edition"], title=data["title"],
                   source=data["source"], in_force_from=data["in_force_from"],
                   requirements=tuple(_requirement(r) for r in data["requirements"]),
                   checks=tuple(data["checks"]), file=source.display,
                   note=data.get("note", ""), warnings=tuple(source.findings))


def _requirement(data: dict[str, Any]) -> Requirement:
    confidence = data["confidence"]
    return Requirement(
        id=data["id"], title=data["title"], description=" ".join(data["description"].split()),
        level=Level(data["level"]), source=data["source"],
        confidence=tuple(confidence) if isinstance(confidence, list) else (confidence,),
        evidence=tuple(Evidence(*next(iter(item.items()))) for item in data["evidence"]),
        note=" ".join(data.get("note", "").split()),
        elements=tuple(Element(e["id"], e["title"],
                               tuple(next(iter(item.items())) for item in e["evidence"]))
                       for e in data.get("elements") or []),
        same_as=tuple(data.get("same_as") or ()))

