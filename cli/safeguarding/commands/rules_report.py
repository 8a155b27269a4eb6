"""`safeguarding rules`: the rule catalogue, for a CI author who wants every id they may meet."""

from __future__ import annotations

import sys
from typing import Any, TextIO

from ..reporters.json import write_json
from ..rules import Rule, catalogue

FORMATS = ("text", "json", "markdown")  # markdown: docs/rules.md
GAPS = ("A requirement not met is reported under the requirement's own id, from its rule "
        "set in schemas/requirements/ (see docs/requirements.md).")


def run_rules(output_format: str, out: TextIO | None = None) -> int:
    """Write the catalogue; the exit code (always 0)."""
    out = out or sys.stdout
    rules = list(catalogue().values())
    if output_format == "json":
        write_json({"rules": [rule_dict(r) for r in rules]}, out)
    elif output_format == "markdown":
        out.write(rules_markdown(rules))
    else:
        out.write(rules_text(rules))
    return 0


def rule_dict(r: Rule) -> dict[str, Any]:
    return {"id": r.id, "severity": r.severity.value, "summary": r.summary, "manual": r.manual,
            "always_on": r.always_on, "check": r.check}


def rules_text(rules: list[Rule]) -> str:
    """One line per rule: id, default severity, when it applies, summary; then the gaps."""
    width = max(len(r.id) for r in rules)
    lines = [f"{r.id:<{width}}  {r.severity.value:<7}  {_when(r):<9}  {r.summary}"
             for r in rules]
    return "\n".join([*lines, "", GAPS]) + "\n"


def _when(r: Rule) -> str:
    return "always" if r.always_on else "rule set"


def rules_markdown(rules: list[Rule]) -> str:
    """docs/rules.md: every rule with its manual (written by `make docs`, which runs
    `safeguarding rules --format markdown`; tests/test_rules.py holds the file equal to it)."""
    parts = ["# Rules\n",
             "Every rule id a finding of `validate`, `check` or `build-report` may carry, with "
             "its default severity and when it applies (*always*, or when a rule set in "
             "`schemas/requirements/` lists it under `checks`). Written by `make docs` from "
             "the rule catalogue (`safeguarding rules`); do not edit by hand.\n",
             GAPS + "\n"]
    for r in rules:
        summary, _, rest = r.manual.partition("\n\n")
        parts.append(f"## `{r.id}`\n\n{r.severity.value}, {_when(r)}: "
                     f"{' '.join(summary.split())}\n")
        if rest.strip():
            parts.append(f"```text\n{rest.strip()}\n```\n")
    return "\n".join(parts)
