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

import safeguarding.check.consistency
from safeguarding.check.consistency import CHECKS_BY_ID, CheckContext, rule
from safeguarding.findings import Finding, Severity
from safeguarding.load.schema_validation import validate_source
from safeguarding.load.yamlfile import SourceFile, load_yaml
from safeguarding.reporters import FORMATS, reporter
from safeguarding.rules import RULES

ROOT = Path(__file__).parent.parent
PACKAGE = ROOT / "cli" / "safeguarding"
DOC = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
CODE = re.findall(r"`([^`\s]+)`", DOC)


def test_every_file_it_names_exists() -> None:
    paths = [c for c in CODE if "/" in c and "<" not in c and "." in c.rsplit("/", 1)[-1]]
    assert paths
    missing = [p for p in paths if not (ROOT / p).exists()]
    assert not missing, f"docs/architecture.md names files that do not exist: {missing}"


def _top_level() -> set[str]:
    """The package's top-level modules and subpackages, by name."""
    return {m.name for m in pkgutil.iter_modules([str(PACKAGE)])}


def _resolve(dotted: str) -> object:
    """The module or attribute a dotted name in the doc means, e.g. load.workspace or
    rules.RULES; AttributeError or ImportError when there is none."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            found: object = importlib.import_module("safeguarding." + ".".join(parts[:cut]))
        except ImportError:
            continue
        for attribute in parts[cut:]:
            found = getattr(found, attribute)
        return found
    raise ImportError(dotted)


def test_every_module_and_name_it_names_exists() -> None:
    dotted = [c for c in CODE if re.fullmatch(r"[a-z_]+(\.[A-Za-z_]+)+", c)
              and c.rsplit(".", 1)[1] not in {"py", "md", "json", "css", "html", "yaml"}
              and c.split(".")[0] in _top_level()]
    assert "rules.RULES" in dotted and "load.block_types.BLOCK_TYPES" in dotted
    missing = []
    for name in dotted:
        try:
            _resolve(name)
        except (ImportError, AttributeError):
            missing.append(name)
    assert not missing, f"docs/architecture.md names what does not exist: {missing}"


def _modules() -> dict[str, str]:
    """Each module of the package by its own name → its dotted name under safeguarding."""
    found: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name in {"__init__.py", "__main__.py"}:
            continue
        dotted = ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
        found.setdefault(path.stem, dotted)
    return found


def test_no_two_modules_share_a_name() -> None:
    names = [p.stem for p in PACKAGE.rglob("*.py") if p.name not in {"__init__.py", "__main__.py"}]
    assert len(names) > 50
    twice = sorted({n for n in names if names.count(n) > 1})
    assert not twice, f"two modules share each of these names: {twice}"


def test_every_module_of_the_flow_is_on_the_map() -> None:
    # The modules of each step's package are named on the page, so that a newcomer finds
    # where each lives; a check family, a format or a reader of the importer need not be.
    picture = DOC[DOC.index("```text"):DOC.index("```", DOC.index("```text") + 7)]
    words = set(re.findall(r"[a-z_]+", DOC))
    named_in_picture = set(re.findall(r"[a-z_]+", picture))
    for module, dotted in _modules().items():
        package = dotted.split(".")[0]
        if package in {"load", "check", "render", "publish"} and "." in dotted \
                and dotted.count(".") == 1:
            assert module in named_in_picture, \
                f"docs/architecture.md's picture does not name {package}/{module}"
        elif "." not in dotted or package == "commands":
            assert module in words, f"docs/architecture.md does not name {dotted}"


def test_every_module_of_checks_is_loaded_without_a_list() -> None:
    names = [m.name for m in pkgutil.iter_modules(safeguarding.check.consistency.__path__)]
    assert "budget" in names
    assert all(f"safeguarding.check.consistency.{n}" in sys.modules for n in names)


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
