"""SARIF 2.1.0: one run, a rule per rule id met (described from the rule catalogue) and per
requirement, a result per problem.

A requirement's rule belongs to its rule set (kind/edition/id): the same id means another
thing in a yearly report than in arrangements, or under 2018 than under 2023.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from .. import __version__
from ..check.compliance import gap_finding
from ..check.requirements import COMING
from ..findings import Finding, Severity
from ..results import CheckResult, Coverage, DocumentResult
from ..rules import catalogue
from .clean import encodable, printable
from .json import write_json

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL_BY_SEVERITY = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "note"}
SRCROOT = "%SRCROOT%"  # the working directory, which relative paths are relative to


def report(result: CheckResult, out: TextIO, *, strict: bool = False) -> None:
    """Write the SARIF log as indented JSON."""
    result = printable(result)  # no control sequence from data in the output
    found = [(f, f.rule) for f in result.findings]  # each finding with its rule's id
    requirements: dict[str, Coverage] = {}
    for doc in result.documents:
        found += [(f, f.rule) for f in doc.findings]
        for c in doc.requirements:
            gap = gap_finding(doc, c, strict)
            if gap is not None:
                rule_id = requirement_rule_id(doc, c)
                requirements[rule_id] = c
                found.append((gap, rule_id))
    found.sort(key=lambda pair: pair[0].sort_key())
    rules = [_rule(rule_id, requirements.get(rule_id)) for rule_id in sorted({r for _, r in found})]
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    run = {
        "tool": {"driver": {"name": "safeguarding", "version": __version__, "rules": rules}},
        # Columns are counted as Python counts them; without this, readers assume UTF-16.
        "columnKind": "unicodeCodePoints",
        "originalUriBaseIds": {SRCROOT: {"uri": Path.cwd().as_uri().rstrip("/") + "/"}},
        "results": [_result(f, rule_id, index[rule_id]) for f, rule_id in found],
    }
    write_json({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, out)


def requirement_rule_id(doc: DocumentResult, c: Coverage) -> str:
    """E.g. 'arrangements/wt2023/funding': the rule set's kind and edition, then the id.

    A coming duty is the Act's, whichever edition the document answers to."""
    return f"{doc.kind}/{COMING if c.coming else doc.edition}/{c.id}"


def artifact_location(file: str) -> dict[str, str]:
    """A file as a percent-encoded URI: relative to %SRCROOT% below the working directory
    (as GitHub code scanning wants it), else an absolute file: URI."""
    path = Path(os.path.abspath(_encodable_name(file)))
    try:
        relative = path.relative_to(Path.cwd())
    except ValueError:
        return {"uri": path.as_uri()}
    return {"uri": quote(os.fsencode(relative.as_posix())), "uriBaseId": SRCROOT}


def _encodable_name(name: str) -> str:
    """The name as given when it encodes to the file system's bytes (so that a name that is
    not UTF-8 keeps its own bytes, %FF), else with what cannot be encoded replaced."""
    try:
        os.fsencode(name)
    except UnicodeEncodeError:
        return encodable(name)
    return name


def _rule(rule_id: str, requirement: Coverage | None) -> dict[str, Any]:
    rule: dict[str, Any] = {"id": rule_id}
    if requirement is not None:
        rule["name"] = requirement.title
        rule["shortDescription"] = {"text": requirement.title}
        rule["fullDescription"] = {"text": requirement.description}
        rule["help"] = {"text": f"{requirement.description} Source: {requirement.source}."}
        return rule
    # Every other id is the catalogue's (tests/test_rules.py); the log stays whole if not.
    entry = catalogue().get(rule_id)
    summary = entry.summary if entry else "A problem with the partnership's files."
    rule["shortDescription"] = rule["fullDescription"] = {"text": summary}
    rule["help"] = {"text": entry.manual if entry else summary}
    if entry:
        rule["defaultConfiguration"] = {"level": LEVEL_BY_SEVERITY[entry.severity]}
    return rule


def _result(f: Finding, rule_id: str, rule_index: int) -> dict[str, Any]:
    # GitHub code scanning needs a line: a finding about a whole file points at its first.
    region: dict[str, Any] = {"startLine": f.line or 1}
    if f.line:
        region["startColumn"] = f.column or 1
    text = f.message + (f" ({f.hint})" if f.hint else "")
    return {"ruleId": rule_id, "ruleIndex": rule_index, "level": LEVEL_BY_SEVERITY[f.severity],
            "message": {"text": text}, "locations": [{"physicalLocation": {
                "artifactLocation": artifact_location(f.file), "region": region}}]}
