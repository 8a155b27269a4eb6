"""SARIF 2.1.0: one run, a rule per consistency check and requirement, a result per problem."""

from __future__ import annotations

import json
from typing import Any, TextIO

from .. import __version__
from ..checks import CHECKS_BY_ID
from ..compliance import CheckResult, gap_findings
from ..findings import Finding, Severity
from ..results import Coverage

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL_BY_SEVERITY = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "note"}


def report_check(result: CheckResult, out: TextIO, *, strict: bool = False) -> None:
    """Write the SARIF log as indented JSON."""
    findings = list(result.findings)
    coverage: dict[str, Coverage] = {}
    for doc in result.documents:
        findings += doc.findings + gap_findings(doc, strict)
        coverage.update((c.id, c) for c in doc.requirements)
    findings.sort(key=Finding.sort_key)
    rules = _rules(sorted({f.rule for f in findings}), coverage)
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [{
        "tool": {"driver": {"name": "safeguarding", "version": __version__, "rules": rules}},
        "results": [_result(f, index[f.rule]) for f in findings],
    }]}
    json.dump(log, out, indent=2, ensure_ascii=False)
    out.write("\n")


def _rules(ids: list[str], coverage: dict[str, Coverage]) -> list[dict[str, Any]]:
    rules = []
    for rule_id in ids:
        check, requirement = CHECKS_BY_ID.get(rule_id), coverage.get(rule_id)
        rule: dict[str, Any] = {"id": rule_id}
        if check is not None:
            rule["shortDescription"] = {"text": check.summary}
            rule["help"] = {"text": check.manual}
            rule["defaultConfiguration"] = {"level": LEVEL_BY_SEVERITY[check.severity]}
        elif requirement is not None:
            rule["name"] = requirement.title
            rule["shortDescription"] = {"text": requirement.title}
            rule["fullDescription"] = {"text": requirement.description}
            rule["help"] = {"text": f"{requirement.description} Source: {requirement.source}."}
        rules.append(rule)
    return rules


def _result(f: Finding, rule_index: int) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": f.file}}
    if f.line:
        physical["region"] = {"startLine": f.line, "startColumn": f.column or 1}
    text = f.message + (f" ({f.hint})" if f.hint else "")
    return {"ruleId": f.rule, "ruleIndex": rule_index, "level": LEVEL_BY_SEVERITY[f.severity],
            "message": {"text": text}, "locations": [{"physicalLocation": physical}]}
