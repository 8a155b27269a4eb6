"""docs/architecture.md stays true: every file, module and name it mentions exists, and what
its recipes promise (a new check module found on its own, a format as one module and one
line) holds."""

from __future__ import annotations

import importlib
import pkgutil
import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import safeguarding.checks
from safeguarding.checks import CHECKS_BY_ID, CheckContext, rule
from safeguarding.findings import Finding, Severity
from safeguarding.reporters import FORMATS, reporter
from safeguarding.rules import RULES
from safeguarding.schema_validation import validate_source
from safeguarding.yamlfile import SourceFile, load_yaml

ROOT = Path(__file__).parent.parent
PACKAGE = ROOT / "cli" / "safeguarding"
DOC = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
CODE = re.findall(r"`([^`\s]+)`", DOC)


def test_every_file_it_names_exists() -> None:
    paths = [c for c in CODE if "/" in c and "<" not in c and "." in c.rsplit("/", 1)[-1]]
    assert paths
    missing = [p for p in paths if not (ROOT / p).exists()]
    assert not missing, f"docs/architecture.md names files that do not exist: {missing}"


def test_every_module_and_name_it_names_exists() -> None:
    dotted = [c for c in CODE if re.fullmatch(r"[a-z_]+\.[A-Za-z_]+", c)
              and c.rsplit(".", 1)[1] not in {"py", "md", "json", "css", "html", "yaml"}
              and ((PACKAGE / f"{c.split('.')[0]}.py").is_file()
                   or (PACKAGE / c.split(".")[0]).is_dir())]
    assert "rules.RULES" in dotted and "block_types.BLOCK_TYPES" in dotted
    for name in dotted:
        module, attribute = name.split(".")
        found = importlib.import_module(f"safeguarding.{module}")
        assert hasattr(found, attribute), f"docs/architecture.md: no {name}"
    steps = "\n".join(line for line in DOC.splitlines()  # the pipeline's bullets
                      if line.startswith(("- **", "  ")) and not line.startswith("   "))
    modules = [c for c in re.findall(r"`([a-z_]+)`", steps) if c not in {"check", "validate"}]
    assert "schema_validation" in modules
    missing = [m for m in modules if not (PACKAGE / f"{m}.py").exists()
               and not (PACKAGE / m).is_dir()]
    assert not missing, f"docs/architecture.md names modules that do not exist: {missing}"


def test_every_module_of_checks_is_loaded_without_a_list() -> None:
    names = [m.name for m in pkgutil.iter_modules(safeguarding.checks.__path__)]
    assert "budget" in names
    assert all(f"safeguarding.checks.{n}" in sys.modules for n in names)


def test_a_new_check_may_be_listed_by_a_rule_set_with_no_schema_edited(tmp_path: Path) -> None:
    """The rule recipe's step 2: the ids a rule set may list are the catalogue's."""
    for schema in (ROOT / "schemas").glob("*.schema.json"):
        shutil.copy(schema, tmp_path)
    path = tmp_path / "yearly-report-wt2023.yaml"
    text = (ROOT / "schemas" / "requirements" / path.name).read_text(encoding="utf-8")
    assert "\nchecks:\n" in text
    path.write_text(text.replace("\nchecks:\n", "\nchecks:\n  - words.recipe_probe\n"),
                    encoding="utf-8")

    @rule("words.recipe_probe", Severity.NOTE)
    def probe(context: CheckContext) -> Iterator[Finding]:
        """A check made by this test.\n\npasses: anything\nfails:  nothing"""
        yield from ()

    try:
        source = load_yaml(path, path.name)
        assert isinstance(source, SourceFile)
        assert validate_source(source, "requirements", tmp_path) == []
    finally:
        del RULES[probe.id], CHECKS_BY_ID[probe.id]


def test_every_registered_format_is_a_module_with_report() -> None:
    for name, entry in FORMATS.items():
        assert (PACKAGE / "reporters" / f"{entry.module}.py").is_file(), name
        assert callable(reporter(name)), name
