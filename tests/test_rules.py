"""One rule catalogue: every rule id the code can emit is an entry, and what is derived from
the catalogue (the rule sets' check ids, SARIF, docs/rules.md, `safeguarding rules`) agrees."""

from __future__ import annotations

import ast
import io
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from safeguarding.check.consistency import ALWAYS_ON, CHECKS_BY_ID, CheckContext, run_checks
from safeguarding.check.requirements import load_rule_set
from safeguarding.cli import app
from safeguarding.commands.rules_report import rules_markdown
from safeguarding.commands.schema_export import bundle, load_schemas
from safeguarding.findings import Finding, Location, Severity
from safeguarding.load.schema_validation import load_checker
from safeguarding.reporters import reporter
from safeguarding.resources import requirements_dir, schemas_dir
from safeguarding.results import CheckResult
from safeguarding.rules import catalogue as load_catalogue
from safeguarding.rules import known

ROOT = Path(__file__).parent.parent
PACKAGE = ROOT / "cli" / "safeguarding"
CATALOGUE = load_catalogue()
EMITTERS = {"error", "warning", "note", "Finding", "rule", "known"}


def emitted_ids() -> dict[str, str]:
    """Each rule id literal in the package (a RULE… constant or the first argument of a
    finding's constructor) → the module it is in."""
    found: dict[str, str] = {}
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            value: ast.expr | None = None
            if isinstance(node, ast.Assign) and any(
                    isinstance(t, ast.Name) and t.id.startswith("RULE") for t in node.targets):
                value = node.value
            elif isinstance(node, ast.Call) and node.args and getattr(
                    node.func, "id", getattr(node.func, "attr", None)) in EMITTERS:
                value = node.args[0]
            if isinstance(value, ast.Call) and value.args:  # RULE_X = known("...")
                value = value.args[0]
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                found[value.value] = str(path.relative_to(ROOT))
    return found


def test_every_emitted_id_is_in_the_catalogue_and_every_entry_is_emitted() -> None:
    emitted = emitted_ids()
    unknown = {i: where for i, where in emitted.items() if i not in CATALOGUE}
    assert not unknown, f"add these to cli/safeguarding/rules.py: {unknown}"
    assert set(CATALOGUE) == set(emitted), "a catalogue entry no code emits"


def test_every_id_is_written_in_one_style() -> None:
    # family.name in lower-case snake_case, so that a CI author can match ids by pattern
    odd = [i for i in CATALOGUE if not re.fullmatch(r"[a-z]+(\.[a-z][a-z0-9_]*)*", i)]
    assert not odd, f"write these ids as family.snake_case: {odd}"


def test_every_rule_has_a_summary_and_a_manual_with_examples() -> None:
    for rule in CATALOGUE.values():
        assert rule.summary != rule.id, rule.id
        assert "\npasses: " in rule.manual and "\nfails:  " in rule.manual, rule.id


def test_the_rule_sets_may_switch_on_exactly_the_checks_that_are_not_always_on() -> None:
    switchable = {r.id for r in CATALOGUE.values() if r.check and not r.always_on}
    written = json.loads((ROOT / "schemas" / "requirements.schema.json")
                         .read_text(encoding="utf-8"))["$defs"]["check_id"]
    assert "enum" not in written, "the ids come from the catalogue: no list to keep in the file"
    validating = load_checker("requirements", schemas_dir()).validator.schema
    exported = bundle("requirements", load_schemas(schemas_dir()))
    for schema in (validating, exported):
        enum = schema["$defs"]["check_id"]["enum"]
        assert len(enum) == len(set(enum))
        assert set(enum) == switchable
    assert set(CHECKS_BY_ID) == {r.id for r in CATALOGUE.values() if r.check}
    assert set(ALWAYS_ON) == {r.id for r in CATALOGUE.values() if r.check and r.always_on}


def test_a_rule_set_naming_a_check_it_cannot_switch_on_is_refused_at_its_line(
        tmp_path: Path) -> None:
    path = tmp_path / "yearly-report-wt2023.yaml"
    text = (requirements_dir() / path.name).read_text(encoding="utf-8")
    always = ALWAYS_ON[0]
    assert "\n  - figures.budget_totals\n" in text
    text = text.replace("\n  - figures.budget_totals\n",
                        f"\n  - figures.budget_total\n  - {always}\n", 1)
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    found = load_rule_set(path)
    assert isinstance(found, list)
    assert [(f.rule, f.line, f.column) for f in found] == [
        ("schema", lines.index("  - figures.budget_total") + 1, 5),
        ("schema", lines.index(f"  - {always}") + 1, 5)]
    assert "(got 'figures.budget_total')" in found[0].message
    assert "'figures.budget_totals'" in found[0].hint  # the nearest ids, from the catalogue
    assert f"(got '{always}')" in found[1].message


def test_docs_rules_md_is_the_catalogue() -> None:
    written = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert written == rules_markdown(list(CATALOGUE.values())), \
        "docs/rules.md is out of date: run `make docs`"


def test_an_unknown_id_fails_when_named() -> None:
    with pytest.raises(KeyError, match=re.escape("rules.py")):
        known("integrity.no_such_rule")


def test_every_rule_constant_is_named_through_known() -> None:
    # A RULE… constant written as a plain string would carry a typo to the user unnoticed.
    plain = [f"{path.relative_to(ROOT)}:{node.lineno}"
             for path in PACKAGE.rglob("*.py")
             for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
             and any(isinstance(t, ast.Name) and t.id.startswith("RULE") for t in node.targets)]
    assert not plain, f"name these ids through rules.known(...): {plain}"


def test_running_an_unregistered_check_fails_loudly() -> None:
    context = CheckContext.__new__(CheckContext)  # never reached: the id is refused first
    with pytest.raises(KeyError, match=re.escape("figures.budget_total")):
        run_checks(context, ["figures.budget_total"])


def test_the_rules_command_lists_every_id_as_text_and_json() -> None:
    runner = CliRunner()
    text = runner.invoke(app, ["rules"])
    assert text.exit_code == 0
    assert [line.split()[0] for line in text.stdout.splitlines()[:len(CATALOGUE)]] == \
        list(CATALOGUE)
    listed = json.loads(runner.invoke(app, ["rules", "--format", "json"]).stdout)["rules"]
    assert [r["id"] for r in listed] == list(CATALOGUE)
    budget = next(r for r in listed if r["id"] == "figures.budget_totals")
    assert (budget["severity"], budget["always_on"], budget["check"]) == ("error", False, True)


def test_sarif_describes_every_rule_from_the_catalogue() -> None:
    findings = [Finding(i, Severity.NOTE, "m", Location("a.yaml")) for i in CATALOGUE]
    out = io.StringIO()
    reporter("sarif")(CheckResult(findings=findings), out)
    rules = json.loads(out.getvalue())["runs"][0]["tool"]["driver"]["rules"]
    assert {r["id"]: (r["shortDescription"]["text"], r["help"]["text"],
                      r["defaultConfiguration"]["level"]) for r in rules} == \
        {i: (r.summary, r.manual, r.severity.value) for i, r in CATALOGUE.items()}
