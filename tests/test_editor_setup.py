"""The shipped VS Code setup gives coordinators our schemas' checks and help, offline.

The Red Hat YAML extension runs yaml-language-server; tests/a11y/editor.mjs runs the same
server (pinned in tests/a11y/package.json), configured only by .vscode/settings.json, on
real documents and on copies with a mistyped key. One editor session serves the module.

This test never skips: without node or the harness (`make a11y`) it fails, saying what to
install, because an editor setup nobody has tried must not pass as a working one.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

import pytest

from safeguarding.commands.schema_export import bundle, dump, load_schemas
from safeguarding.load.yamlfile import SourceFile, load_yaml_text

ROOT = Path(__file__).resolve().parents[1]
HARNESS = ROOT / "tests" / "a11y"
EDITOR = HARNESS / "editor.mjs"
SETTINGS = ROOT / ".vscode" / "settings.json"
SCHEMAS = ROOT / "schemas"
SETUP = "run `make a11y` (npm ci in tests/a11y, which installs yaml-language-server)"
SERVER = "yaml-language-server " + json.loads(
    (HARNESS / "package.json").read_text(encoding="utf-8"))["dependencies"]["yaml-language-server"]

GLOBS = {"partnership.schema.json": "partnerships/*/partnership.yaml",
         "arrangements.schema.json": "partnerships/*/arrangements/*.yaml",
         "yearly-report.schema.json": "partnerships/*/reports/*.yaml",
         # The rule sets: a domain expert editing a requirement gets the same help.
         "requirements.schema.json": "schemas/requirements/*.yaml"}
# The rule sets' schema as the editor sees it: written by `make docs` with the check ids a
# rule set may list, which schemas/requirements.schema.json leaves to the rule catalogue.
RULE_SET_SCHEMA = ROOT / ".vscode" / "requirements.schema.json"
RULE_SET = "schemas/requirements/yearly-report-wt2023.yaml"
RULE_SET_TYPO = "schemas/requirements/editor-test-typo.yaml"


def schema_file(name: str) -> Path:
    """Where the editor reads a schema from."""
    return RULE_SET_SCHEMA if name == RULE_SET_SCHEMA.name else SCHEMAS / name


def rule_set_with_a_mistyped_check() -> tuple[str, int]:
    """The rule set with its first check id mistyped, and the (0-based) line it is on."""
    lines = (ROOT / RULE_SET).read_text("utf-8").splitlines(keepends=True)
    at = lines.index("checks:\n") + 1
    assert lines[at].startswith("  - ")
    lines[at] = lines[at].rstrip("\n") + "x\n"
    return "".join(lines), at


@dataclass(frozen=True)
class Case:
    """A real document, a key the document schema explains, and one from common.schema.json."""

    schema: str
    path: str
    top: tuple[Any, ...]
    nested: tuple[Any, ...]


CASES = [
    Case("partnership.schema.json", "partnerships/worcestershire/partnership.yaml",
         ("short_name",), ("partners", 0, "organisation")),
    Case("arrangements.schema.json", "partnerships/worcestershire/arrangements/2019-06.yaml",
         ("subtitle",), ("partners", 0, "organisation")),
    Case("yearly-report.schema.json", "partnerships/worcestershire/reports/2023-24.yaml",
         ("subtitle",), ("signatories", 0, "organisation")),
]
IDS = [c.schema.removesuffix(".schema.json") for c in CASES]


def typo(key: str) -> str:
    """The key with its last two letters swapped: `subtitle` -> `subtitel`."""
    return key[:-2] + key[-1] + key[-2]


def key_position(source: SourceFile, path: tuple[Any, ...]) -> tuple[int, int]:
    """0-based line and character of the key at path (LSP positions; our keys are ASCII)."""
    where = source.locate(path, key=True)
    assert where.line, f"{source.display} has no {path}"
    return where.line - 1, where.column - 1


def load(path: str) -> SourceFile:
    source = load_yaml_text((ROOT / path).read_text("utf-8"), path)
    assert isinstance(source, SourceFile), source
    return source


def with_typos(case: Case) -> tuple[str, list[int]]:
    """The document with both keys mistyped, and the (0-based) lines they are on."""
    source = load(case.path)
    lines = (ROOT / case.path).read_text("utf-8").splitlines(keepends=True)
    changed = []
    for path in (case.top, case.nested):
        line, col = key_position(source, path)
        key = path[-1]
        assert lines[line][col:].startswith(f"{key}:")
        lines[line] = lines[line][:col] + typo(key) + lines[line][col + len(key):]
        changed.append(line)
    return "".join(lines), changed


def virtual(case: Case, slug: str) -> str:
    """The document's path in another partnership folder: the same glob applies. The file is
    open in the editor only, never written."""
    _, _, *rest = Path(case.path).parts
    return str(Path("partnerships", slug, *rest))


def typo_path(case: Case) -> str:
    return virtual(case, "editor-test-typo")


def draft_path(case: Case) -> str:
    return virtual(case, "editor-test-draft")


def real_documents() -> list[str]:
    """Every partnership file and every rule set."""
    found = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "partnerships").rglob("*.yaml"))
    rules = sorted(str(p.relative_to(ROOT)) for p in (SCHEMAS / "requirements").glob("*.yaml"))
    assert len(found) >= 7 and len(rules) >= 5
    return found + rules


def run_editor(job: dict[str, Any]) -> dict[str, Any]:
    node = shutil.which("node")
    assert node, f"node is not installed: install Node.js 20 or later, then {SETUP}"
    assert (HARNESS / "node_modules" / "yaml-language-server").is_dir(), \
        f"yaml-language-server is not installed: {SETUP}"
    done = subprocess.run([node, str(EDITOR)], input=json.dumps(job), capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, f"the editor session could not run ({SETUP}): {done.stderr}"
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def editor() -> dict[str, dict[str, Any]]:
    """One server: every real document, a mistyped copy and a nearly empty draft of each kind."""
    documents: list[dict[str, Any]] = [{"path": p} for p in real_documents()]
    for case in CASES:
        source = load(case.path)
        real = next(d for d in documents if d["path"] == case.path)
        real["hover"] = [key_position(source, case.top), key_position(source, case.nested)]
        documents.append({"path": typo_path(case), "text": with_typos(case)[0]})
        # Completion on the empty line under the document's first key.
        first = next(iter(source.data))
        documents.append({"path": draft_path(case), "text": f"{first}: {source.data[first]}\n\n",
                          "complete": [[1, 0]]})
    documents.append({"path": RULE_SET_TYPO, "text": rule_set_with_a_mistyped_check()[0]})
    report = run_editor({"root": str(ROOT), "settings": str(SETTINGS), "documents": documents})
    assert report["server"] == SERVER
    assert report["remote_requests"] == [], "the editor needs the network for our schemas"
    return {d["path"]: d for d in report["documents"]}


def schema_entry(schema: str, path: tuple[Any, ...]) -> dict[str, Any]:
    """The schema of the property at path, with its own title and description."""
    node: Any = json.loads((SCHEMAS / schema).read_text("utf-8"))
    for step in path:
        while "$ref" in node and "properties" not in node and "items" not in node:
            file, _, pointer = node["$ref"].partition("#")
            if file:
                schema = file
            node = json.loads((SCHEMAS / schema).read_text("utf-8"))
            for part in pointer.strip("/").split("/"):
                node = node[part]
        node = node["items"] if isinstance(step, int) else node["properties"][step]
    return node


def unescape(markdown: str) -> str:
    return re.sub(r"\\([\\`*_{}\[\]()#+\-.!|<>])", r"\1", markdown)


def test_settings_map_each_schema_to_its_documents() -> None:
    settings = json.loads(SETTINGS.read_text("utf-8"))  # plain JSON: no comments
    mapping = {Path(k).name: v for k, v in settings["yaml.schemas"].items()}
    assert mapping == GLOBS
    for key in settings["yaml.schemas"]:
        assert key.startswith("./"), "relative to the workspace folder, whatever its name"
        assert (ROOT / key).is_file(), key
    assert settings["yaml.schemaStore.enable"] is False
    for path in real_documents():
        assert sum(fnmatchcase(path, glob) for glob in GLOBS.values()) == 1, path
    recommended = json.loads((ROOT / ".vscode" / "extensions.json").read_text("utf-8"))
    assert recommended["recommendations"] == ["redhat.vscode-yaml"]


def test_every_real_document_gets_its_schema_and_no_diagnostics(
        editor: dict[str, dict[str, Any]]) -> None:
    for path in real_documents():
        seen = editor[path]
        expected = next(s for s, glob in GLOBS.items() if fnmatchcase(path, glob))
        assert seen["schemas"] == [schema_file(expected).as_uri()], path
        assert seen["diagnostics"] == [], path  # e.g. no "Problems loading reference"


def test_the_rule_set_schema_the_editor_uses_is_the_exported_one() -> None:
    schemas = load_schemas(SCHEMAS)
    written = RULE_SET_SCHEMA.read_text("utf-8") if RULE_SET_SCHEMA.is_file() else ""
    assert written == dump(bundle("requirements", schemas)), \
        "the editor's rule-set schema is out of date: run `make docs`"


def test_a_mistyped_check_id_in_a_rule_set_is_flagged_on_its_line(
        editor: dict[str, dict[str, Any]]) -> None:
    _, line = rule_set_with_a_mistyped_check()
    assert [d["line"] for d in editor[RULE_SET_TYPO]["diagnostics"]] == [line]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_mistyped_key_is_flagged_on_its_line(editor: dict[str, dict[str, Any]],
                                                case: Case) -> None:
    _, lines = with_typos(case)
    seen = editor[typo_path(case)]
    assert sorted({d["line"] for d in seen["diagnostics"]}) == sorted(lines)
    for line, path in zip(lines, (case.top, case.nested), strict=True):
        messages = [d["message"] for d in seen["diagnostics"] if d["line"] == line]
        assert any(typo(path[-1]) in m for m in messages), messages


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_hover_shows_the_schema_title_and_description(editor: dict[str, dict[str, Any]],
                                                      case: Case) -> None:
    hovers = editor[case.path]["hovers"]
    assert len(hovers) == 2
    for hover, path in zip(hovers, (case.top, case.nested), strict=True):
        entry = schema_entry(case.schema, path)
        assert hover["markdown"], f"no hover on {path}"
        text = unescape(hover["markdown"])
        assert f"#### {entry['title']}" in text
        assert entry["description"] in text


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_completion_offers_the_schema_keys(editor: dict[str, dict[str, Any]],
                                           case: Case) -> None:
    [completion] = editor[draft_path(case)]["completions"]
    keys = json.loads((SCHEMAS / case.schema).read_text("utf-8"))["properties"]
    first = next(iter(load(case.path).data))
    assert set(keys) - {first} <= set(completion["labels"])


def test_a_schema_that_cannot_be_read_locally_shows_up(tmp_path: Path) -> None:
    """The checks above would catch an editor that has to fetch common.schema.json."""
    shutil.copytree(ROOT / ".vscode", tmp_path / ".vscode")
    (tmp_path / "schemas").mkdir()
    shutil.copy(SCHEMAS / "partnership.schema.json", tmp_path / "schemas")  # no common.schema.json
    case = CASES[0]
    (tmp_path / case.path).parent.mkdir(parents=True)
    shutil.copy(ROOT / case.path, tmp_path / case.path)
    report = run_editor({"root": str(tmp_path), "documents": [{"path": case.path}]})
    [seen] = report["documents"]
    assert any(d["message"].startswith("Problems loading reference") for d in seen["diagnostics"])
    # No `$id`s: the missing file is looked for beside the schema, never on the network.
    assert report["remote_requests"] == []


def test_scaffolded_files_get_their_schema_from_their_first_line(tmp_path: Path) -> None:
    """`safeguarding new` files work in a folder without our settings, e.g. a partnership's
    own repository: the `# yaml-language-server: $schema=` line alone brings the schema."""
    done = subprocess.run([str(Path(sys.executable).parent / "safeguarding"), "new", "river-side"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    (tmp_path / ".vscode").mkdir()
    (tmp_path / ".vscode" / "settings.json").write_text('{"yaml.schemaStore.enable": false}')
    folder = Path("partnerships", "river-side")
    [arrangements] = (tmp_path / folder / "arrangements").glob("*.yaml")
    files = {str(folder / "partnership.yaml"): "partnership.schema.json",
             str(arrangements.relative_to(tmp_path)): "arrangements.schema.json"}
    typo_doc = (tmp_path / folder / "partnership.yaml").read_text("utf-8").replace(
        "\narea:", "\naera:")
    documents = [{"path": p} for p in files]
    documents.append({"path": str(folder / "typo.yaml"), "text": typo_doc})
    report = run_editor({"root": str(tmp_path), "documents": documents})
    seen = {d["path"]: d for d in report["documents"]}
    for path, schema in files.items():
        assert seen[path]["schemas"] == [(SCHEMAS / schema).as_uri()], path
        assert seen[path]["diagnostics"] == [], path
    assert any("aera" in d["message"] for d in seen[str(folder / "typo.yaml")]["diagnostics"])
    assert report["remote_requests"] == []
