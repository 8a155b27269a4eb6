"""`safeguarding new SLUG`: start a partnership that validates, with stubs still to write.

The first arrangements document has one section per requirement of the edition in
force, titled and claiming it, whose body is only a bracketed instruction: `check`
counts such a section as not yet met (coverage.is_thin) until real text replaces it.
Every file starts with a `# yaml-language-server: $schema=...` line, so VS Code's YAML
extension checks and completes it wherever the folder is opened. Nothing that exists
is ever overwritten. The YAML of every new file, here and for `new-report` and `import`,
is written by dump_yaml, which the strict loader reads back as the same data.
"""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from ..check.edition import in_force_on
from ..check.requirements import RuleSet, load_rule_sets
from ..errors import InputError, OutputError, UsageError
from ..load import layout
from ..load.schema_validation import SUFFIX
from ..load.yaml_warnings import curly_quoted
from ..load.yamlfile import CoreLoader
from ..resources import schemas_dir
from ..results import Level

PARTNERSHIP_SCHEMA = "partnership"
SCHEMA_BY_KIND = {layout.ARRANGEMENTS: "arrangements", layout.YEARLY_REPORT: "yearly-report"}
_BRACKETS = re.compile(r"[\[\]<>{}]")
_STR = yaml.resolver.BaseResolver.DEFAULT_SCALAR_TAG

_PARTNERSHIP = """\
{modeline}
# What stays true across the partnership's documents. In VS Code, Ctrl+Space lists
# the fields you can add here; `safeguarding validate` checks the file.
{fields}# Next, for example:
# partners:                  # the statutory safeguarding partners
#   - id: council
#     role: local-authority  # or integrated-care-board, police
#     organisation: ...
#     lead: {{name: ..., title: Chief Executive}}
# chair: ...
# scrutiny: ...
# glossary:
#   - term: MASH
#     meaning: Multi-Agency Safeguarding Hub
"""


class _Dumper(yaml.SafeDumper):
    """SafeDumper that quotes by the loader's rules: PyYAML's own (YAML 1.1) leaves "1E100"
    bare, which YAML 1.2, and so this loader, reads as a number."""

    yaml_implicit_resolvers = CoreLoader.yaml_implicit_resolvers


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # PyYAML writes NEL and the Unicode line separators raw in a quoted scalar, where its
    # reader folds them into spaces; double quotes escape them. Quotes keep curly quotes
    # around a value from being taken for a mistake.
    style = '"' if any(c in value for c in "\x85\u2028\u2029") else None
    style = style or ("'" if curly_quoted(value) else None)
    return dumper.represent_scalar(_STR, value, style=style)


_Dumper.add_representer(str, _represent_str)


class _BlockDumper(_Dumper):
    """Writes text of several lines as a `|` block, as a person would type it."""


def _represent_block(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value and not any(c in value for c in "\x85\u2028\u2029"):
        return dumper.represent_scalar(_STR, value, style="|")
    return _represent_str(dumper, value)


_BlockDumper.add_representer(str, _represent_block)


def dump_yaml(data: Any, blocks: bool = False) -> str:
    """YAML text that load_yaml_text reads back as the same data, without warnings; with
    blocks, text of several lines is written as `|` blocks."""
    return yaml.dump(data, Dumper=_BlockDumper if blocks else _Dumper, allow_unicode=True,
                     sort_keys=False, width=100 if blocks else 80)


def schema_file(file: Path, schema: str) -> Path:
    """The schema for a new file: in a `schemas/` folder of the repository it is written in
    (this one's, or one `safeguarding schema --out schemas` made in a partnership's own),
    else the tool's own. Committed files then point inside the repository."""
    name = f"{schema}{SUFFIX}"
    for folder in file.resolve().parents:
        if (folder / "schemas" / name).is_file():
            return folder / "schemas" / name
        if (folder / ".git").exists():  # the top of the repository: look no further
            break
    return schemas_dir() / name


def modeline(file: Path, schema: str) -> str:
    """The first line that points VS Code at a schema, by a path relative to the file."""
    target = schema_file(file, schema)
    try:
        where = Path(os.path.relpath(target.resolve(), file.parent.resolve())).as_posix()
    except ValueError:  # another drive on Windows: no relative path exists
        where = target.resolve().as_uri()
    return f"# yaml-language-server: $schema={where}"


def write_new(path: Path, text: str) -> None:
    """Create path with text; never replace a file that is there."""
    try:
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError as exc:
        raise UsageError(f"'{path}' already exists; nothing was overwritten") from exc
    except OSError as exc:
        raise OutputError(f"cannot write '{path}': {exc.strerror or exc}") from exc


def document_text(path: Path, kind: str, data: dict[str, Any], note: str = "",
                  blocks: bool = False) -> str:
    """A document's YAML, starting with its schema line (and a comment, if any)."""
    comment = "".join(f"# {line}\n" for line in note.splitlines())
    return f"{modeline(path, SCHEMA_BY_KIND[kind])}\n{comment}{dump_yaml(data, blocks)}"


def rule_set(kind: str, edition: str) -> RuleSet:
    found = load_rule_sets().get(kind, edition)
    if found is None:
        raise InputError(f"there is no {kind} rule set for {edition} in schemas/requirements/")
    return found


def stub(text: str) -> str:
    """An instruction `check` reads as no content yet: '[Describe: How the ...]'."""
    return f"[Describe: {_BRACKETS.sub('', text).strip().rstrip('.')}]"


def stub_sections(rules: RuleSet) -> list[dict[str, Any]]:
    """One titled section per requirement in force, claiming it, with a stub body."""
    return [{"id": r.id.replace("_", "-"), "title": r.title, "covers": [r.id],
             "body": stub(r.description)}
            for r in rules.requirements if r.level is not Level.NOTE]


def partnership_text(partnership: Path, name: str, area: str,
                     more: dict[str, Any] | None = None) -> str:
    """A new partnership.yaml: its name and area (and more fields), and what to add next."""
    return _PARTNERSHIP.format(modeline=modeline(partnership, PARTNERSHIP_SCHEMA),
                               fields=dump_yaml({"name": name, "area": {"name": area},
                                                 **(more or {})}))


def titled(slug: str) -> str:
    return " ".join(word.capitalize() for word in slug.split("-"))


def new_partnership(root: Path, slug: str, name: str | None, today: date) -> list[Path]:
    """Create root/slug with its partnership file, first arrangements and assets folder."""
    if not layout.SLUG_PATTERN.match(slug):
        raise UsageError(f"'{slug}' cannot be a partnership's folder name: use lower-case "
                         f"letters, digits and hyphens, e.g. '{layout.suggested_slug(slug)}'")
    folder = root / slug
    if layout.exists(folder):
        raise UsageError(f"'{folder}' already exists; nothing was overwritten",
                         hint="choose another name, or edit the partnership that is there")
    area = titled(slug)
    name = name or f"{area} Safeguarding Children Partnership"
    edition = in_force_on(today)
    rules = rule_set(layout.ARRANGEMENTS, edition)
    partnership = layout.partnership_file(folder)
    arrangements = layout.document_path(folder, layout.ARRANGEMENTS, f"{today:%Y-%m}")
    assets = layout.assets_dir(folder)
    try:
        for sub in (folder, arrangements.parent, assets):
            sub.mkdir(parents=True, exist_ok=sub is not folder)
    except OSError as exc:
        raise OutputError(f"cannot create '{folder}': {exc.strerror or exc}") from exc
    write_new(partnership, partnership_text(partnership, name, area))
    document = {"partnership": slug, "title": "Multi-agency safeguarding arrangements",
                "status": "draft", "edition": edition, "sections": stub_sections(rules)}
    write_new(arrangements, document_text(
        arrangements, layout.ARRANGEMENTS, document,
        "Replace each [Describe: ...] with what the arrangements are; `safeguarding check`\n"
        "lists what is still to write. One section per requirement of\n"
        f"{rules.title}."))
    write_new(assets / ".gitkeep", "")
    return [partnership, arrangements, assets]


def run_new(root: Path, slug: str, name: str | None) -> int:
    """The command: create, then say what to do next; the exit code."""
    created = new_partnership(root, slug, name, date.today())
    for path in created:
        print(f"created {path}{'/' if path.is_dir() else ''}")
    print(f"next: fill in {created[0]}, then run `safeguarding check {slug}` to see what is "
          "still to write")
    return 0
