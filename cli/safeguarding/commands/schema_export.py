"""`safeguarding schema`: each document schema as one self-contained file.

The schemas in schemas/ share definitions through `common.schema.json#/$defs/...`
(resolved beside each file, offline). Other validators, CI steps and websites often take
one schema file and nothing else, so the export copies every definition a schema
reaches into its own `$defs` and points each `$ref` there: no `$ref` leaves the file.
"""

from __future__ import annotations

import copy
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import InputError, OutputError, UsageError
from ..load.schema_validation import SUFFIX, read_schema, with_code_parts
from ..resources import schemas_dir

_DEFS = "/$defs/"


def load_schemas(directory: Path) -> dict[str, dict[str, Any]]:
    """Every schema in directory by file name, with the parts the code owns filled in."""
    return {path.name: with_code_parts(path.name, read_schema(path))
            for path in sorted(directory.glob(f"*{SUFFIX}"))}


def exported_names(schemas: dict[str, dict[str, Any]]) -> list[str]:
    """The schemas worth exporting: those no other schema refers to (common.schema.json
    only holds shared parts), by name without the suffix."""
    shared = {ref.partition("#")[0] for name, schema in schemas.items()
              for ref in _refs(schema) if ref.partition("#")[0] not in ("", name)}
    return [name.removesuffix(SUFFIX) for name in schemas if name not in shared]


def bundle(name: str, schemas: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The schema `name` with every definition it reaches from other files inlined."""
    file = f"{name}{SUFFIX}"
    if file not in schemas:
        known = ", ".join(exported_names(schemas))
        raise UsageError(f"there is no schema '{name}' (there are: {known})")
    root = copy.deepcopy(schemas[file])
    defs: dict[str, Any] = root.pop("$defs", {})
    local = {(file, f"{_DEFS}{key}"): key for key in defs}
    pending: list[tuple[str, str]] = []

    def target(ref: str, here: str) -> str:
        other, _, pointer = ref.partition("#")
        other = other or here
        if other == file and not pointer.startswith(_DEFS):
            return ref  # a pointer inside the root schema itself stays as it is
        if other not in schemas or not pointer.startswith(_DEFS):
            raise InputError(f"cannot inline the $ref '{ref}' in {here}",
                             hint="refer to a definition as 'common.schema.json#/$defs/NAME'")
        key = (other, pointer)
        if key not in local:
            wanted = pointer.removeprefix(_DEFS)
            taken = set(local.values())
            local[key] = wanted if wanted not in taken else f"{Path(other).stem}-{wanted}"
            pending.append(key)
        return f"#{_DEFS}{local[key]}"

    root = _rewrite(root, file, target)
    defs = _rewrite(defs, file, target)
    while pending:
        other, pointer = pending.pop(0)
        definition = schemas[other]["$defs"].get(pointer.removeprefix(_DEFS))
        if definition is None:
            raise InputError(f"{other} has no definition '{pointer}'")
        defs[local[(other, pointer)]] = _rewrite(copy.deepcopy(definition), other, target)
    if defs:
        root["$defs"] = dict(sorted(defs.items()))
    note = (f"Written by `safeguarding schema` from {file} and the files it refers to, "
            "all in one: edit those, not this copy.")
    head = {key: root.pop(key) for key in ("$schema",) if key in root}
    return {**head, "$comment": note, **root}


def export(out: Path, names: list[str] | None = None, directory: Path | None = None
           ) -> list[Path]:
    """Write each named (default: every document) schema, bundled, into out."""
    schemas = load_schemas(directory or schemas_dir())
    bundles = {name: bundle(name, schemas) for name in names or exported_names(schemas)}
    written = []
    try:
        out.mkdir(parents=True, exist_ok=True)
        for name, schema in bundles.items():
            path = out / f"{name}{SUFFIX}"
            path.write_text(dump(schema), encoding="utf-8")
            written.append(path)
    except OSError as exc:
        raise OutputError(f"cannot write the schemas to '{out}': {exc.strerror or exc}") from exc
    return written


def run(names: list[str], out: Path | None) -> int:
    """The command: write to out, or print the one schema named; the exit code."""
    if out is None:
        if len(names) != 1:
            raise UsageError("name one schema to print, or give --out DIR to write them all",
                             hint="e.g. `safeguarding schema --out schemas-bundled`")
        sys.stdout.write(dump(bundle(names[0], load_schemas(schemas_dir()))))
        return 0
    for path in export(out, names or None):
        print(f"wrote {path}")
    return 0


def dump(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return own + [r for value in node.values() for r in _refs(value)]
    if isinstance(node, list):
        return [r for value in node for r in _refs(value)]
    return []


def _rewrite(node: Any, here: str, target: Callable[[str, str], str]) -> Any:
    """node with each `$ref` (written in file `here`) replaced by target(ref, here)."""
    if isinstance(node, dict):
        return {key: target(value, here) if key == "$ref" and isinstance(value, str)
                else _rewrite(value, here, target) for key, value in node.items()}
    if isinstance(node, list):
        return [_rewrite(value, here, target) for value in node]
    return node
