"""Validate loaded YAML against the JSON Schemas and turn every error into a located finding.

One Draft 2020-12 validator per schema, built once, with every schema in the schemas
folder in a `referencing` registry so that `$ref`s between files resolve offline.
The parts of a schema the code owns (a rule set's check ids, from the rule catalogue) are
filled in when the schema is read for validating or exporting (`with_code_parts`).
For `oneOf`/`anyOf` failures we report the errors of the branch the author meant:
the one picked by a discriminating `const` (a block's `type`), or else the branch
that got deepest into the data (check-jsonschema's "best deep match").
"""

from __future__ import annotations

import json
from collections import defaultdict, deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..findings import Finding
from ..resources import schemas_dir
from . import schema_messages
from .yamlfile import SourceFile

if TYPE_CHECKING:  # jsonschema takes ~0.2 s to import: only commands that validate pay for it
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError
    from referencing import Registry
    from referencing._core import Resolver

SUFFIX = ".schema.json"
_COMBINATORS = ("oneOf", "anyOf")
_SAME_OBJECT = ("allOf", "anyOf", "oneOf", "then", "else")  # applicators to the same instance
# A wrong type makes other errors at the same value noise; a bad format repeats its pattern.
_SHADOWED_BY = {"type": {"format", "pattern", "minLength", "maxLength", "enum", "const"},
                "format": {"pattern"}}


def validate_source(source: SourceFile, schema: str, directory: Path | None = None
                    ) -> list[Finding]:
    """Every schema problem in one loaded file, sorted by location."""
    checker = load_checker(schema, directory or schemas_dir())
    errors = [leaf for err in checker.validator.iter_errors(source.data)
              for leaf in _expand(err, checker)]
    findings = [schema_messages.describe(err, source, checker)
                for err in _prune(errors)]
    unique = dict.fromkeys(f for group in findings for f in group)
    return sorted(unique, key=Finding.sort_key)


@dataclass(frozen=True)
class Checker:
    """A validator plus what is needed to look inside its schema when explaining errors."""

    validator: Draft202012Validator
    resolver: Resolver

    def subschema(self, schema_path: deque[Any] | list[Any]) -> tuple[Any, Resolver]:
        """The schema at an error's absolute_schema_path, following `$ref`s on the way.

        Raises LookupError when the path cannot be followed (e.g. through `$dynamicRef`).
        """
        node, resolver = self.validator.schema, self.resolver
        try:
            for key in schema_path:
                node, resolver = _follow_refs(node, resolver, key)
                node = node[key]
        except (LookupError, TypeError) as exc:
            raise LookupError(f"cannot follow the schema path {list(schema_path)}") from exc
        return node, resolver

    def known_properties(self, err: ValidationError) -> list[str]:
        """Field names allowed by the schema object that holds the failing keyword."""
        if err.validator == "additionalProperties":  # only siblings count for this keyword
            return list(err.schema.get("properties", {}))
        *path, keyword = err.absolute_schema_path
        try:
            parent, resolver = _follow_refs(*self.subschema(path), keyword)
            return list(_properties(parent, resolver))
        except LookupError:  # no suggestion is better than no finding
            return []

    def required_field(self, schema_path: Sequence[Any]) -> bool:
        """Whether the field whose schema is at schema_path is required by its object."""
        steps = list(schema_path)
        at = max((i for i, key in enumerate(steps[:-1]) if key == "properties"), default=None)
        if at is None:
            return False
        try:
            parent, resolver = self.subschema(steps[:at])
            parent = _follow_refs(parent, resolver, "required")[0]
        except LookupError:
            return False
        required = parent.get("required") if isinstance(parent, dict) else None
        return isinstance(required, list) and steps[at + 1] in required

    def allowed_values(self, schema_path: Sequence[Any]) -> list[Any] | None:
        """The values the schema at schema_path lists (its `enum`, through `$ref`s), less
        those its own `not` rules out; None if it lists none."""
        try:
            node, resolver = self.subschema(list(schema_path))
            values = _follow_refs(node, resolver, "enum")[0].get("enum")
        except (LookupError, AttributeError):
            return None
        if not isinstance(values, list):
            return None
        ruled_out = node.get("not") if isinstance(node.get("not"), dict) else {}
        excluded = [ruled_out["const"]] if "const" in ruled_out else ruled_out.get("enum", [])
        return [v for v in values if v not in excluded]


@cache
def load_checker(schema: str, directory: Path) -> Checker:
    """Build (once) the validator for `<directory>/<schema>.schema.json`."""
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import SchemaError
    from referencing import Resource
    from referencing.jsonschema import DRAFT202012

    path = directory / f"{schema}{SUFFIX}"
    contents = with_code_parts(path.name, read_schema(path))
    registry = _load_registry(directory).with_resource(
        path.name, Resource.from_contents(contents, default_specification=DRAFT202012))
    try:
        Draft202012Validator.check_schema(contents)
    except SchemaError as exc:
        raise InputError(f"{path} is not a valid JSON Schema: {exc.message}") from exc
    validator = Draft202012Validator(contents, registry=registry,
                                     format_checker=Draft202012Validator.FORMAT_CHECKER)
    return Checker(validator, registry.resolver(base_uri=contents.get("$id", path.name)))


@cache
def _load_registry(directory: Path) -> Registry:
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    pairs = []
    for path in sorted(directory.glob(f"*{SUFFIX}")):
        resource = Resource.from_contents(read_schema(path), default_specification=DRAFT202012)
        pairs.append((path.name, resource))  # relative $refs from schemas without $id
        if (uri := resource.id()) is not None:
            pairs.append((uri, resource))
    return Registry().with_resources(pairs)


def read_schema(path: Path) -> dict[str, Any]:
    """The schema file as written; a file that cannot be read or parsed is an InputError."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read the schema {path}: {exc}") from exc


def with_code_parts(file_name: str, schema: dict[str, Any]) -> dict[str, Any]:
    """The schema with the definitions the code owns filled in: the check ids a rule set
    may list come from the rule catalogue, so that adding a check edits no schema. Only the
    rule-set schema has any; others come back as they are. (Lazy: the catalogue imports every
    check, which `validate` of partnership files does not need.)"""
    check_id = schema.get("$defs", {}).get("check_id")
    if file_name != f"requirements{SUFFIX}" or not isinstance(check_id, dict):
        return schema
    from ..rules import switchable_checks

    # The enum replaces the file's form-only pattern: one error for a wrong id, not two.
    filled = {k: v for k, v in check_id.items() if k not in ("$comment", "type", "pattern")}
    return {**schema, "$defs": {**schema["$defs"], "check_id": {
        **filled, "enum": switchable_checks()}}}


def _lookup(resolver: Resolver, ref: str) -> tuple[Any, Resolver]:
    """The schema a `$ref` names and the resolver to use inside it; LookupError if none."""
    from referencing.exceptions import Unresolvable

    try:
        resolved = resolver.lookup(ref)
        return resolved.contents, resolved.resolver
    except Unresolvable as exc:
        raise LookupError(f"cannot resolve {ref}") from exc


def _follow_refs(node: Any, resolver: Resolver, key: Any = None) -> tuple[Any, Resolver]:
    # jsonschema leaves `$ref` out of schema paths, so hop through it when the key is not here.
    hops = 0
    while isinstance(node, dict) and "$ref" in node and key not in node and hops < 50:
        (node, resolver), hops = _lookup(resolver, node["$ref"]), hops + 1
    return node, resolver


def _in_place(schema: dict[str, Any], resolver: Resolver, words: tuple[str, ...]
              ) -> Iterator[tuple[Any, Resolver]]:
    """The subschemas that apply to the same object: `$ref` and the given applicators."""
    if "$ref" in schema:
        yield _lookup(resolver, schema["$ref"])
    for word in words:
        subs = schema.get(word, [])
        for sub in subs if isinstance(subs, list) else [subs]:
            yield sub, resolver


def _properties(schema: Any, resolver: Resolver, depth: int = 0) -> dict[str, None]:
    """Properties declared by a schema, its `$ref` and its in-place applicators."""
    if not isinstance(schema, dict) or depth > 20:
        return {}
    found = dict.fromkeys(schema.get("properties", {}))
    for sub, sub_resolver in _in_place(schema, resolver, _SAME_OBJECT):
        found.update(_properties(sub, sub_resolver, depth + 1))
    return found


def _consts(schema: Any, resolver: Resolver, depth: int = 0) -> dict[str, Any]:
    """Properties that a branch pins to one value, e.g. {'type': 'figure'}."""
    if not isinstance(schema, dict) or depth > 20:
        return {}
    consts = {}
    for key, sub in schema.get("properties", {}).items():
        sub, _ = _follow_refs(sub, resolver)
        if isinstance(sub, dict) and "const" in sub:
            consts[key] = sub["const"]
        elif isinstance(sub, dict) and len(sub.get("enum", [])) == 1:
            consts[key] = sub["enum"][0]
    for sub, sub_resolver in _in_place(schema, resolver, ("allOf",)):
        consts.update(_consts(sub, sub_resolver, depth + 1))
    return consts


def _expand(err: ValidationError, checker: Checker) -> Iterator[ValidationError]:
    """The errors to report for err: itself, or for a combinator the intended branch's."""
    if err.validator not in _COMBINATORS or not err.context:
        yield err
        return
    branches: dict[int, list[ValidationError]] = defaultdict(list)
    for sub in err.context:
        branches[sub.relative_schema_path[0]].append(sub)
    for chosen in _choose_branch(err, branches, checker):
        yield from _expand(chosen, checker)


def _choose_branch(err: ValidationError, branches: dict[int, list[ValidationError]],
                   checker: Checker) -> list[ValidationError]:
    discriminated = _by_discriminator(err, branches, checker)
    if discriminated is not None:
        return discriminated
    if all(len(es) == 1 and es[0].validator == "type" and not es[0].relative_path
           for es in branches.values()):
        return [_merged_type_error(err, branches)]
    best = max((e for es in branches.values() for e in es), key=_deep_rank)
    return branches[best.relative_schema_path[0]]


def _deep_rank(err: ValidationError) -> tuple[bool, int, bool, int]:
    return (err.validator not in _COMBINATORS, len(err.relative_path),
            err.validator != "type", -len(err.relative_schema_path))


def _by_discriminator(err: ValidationError, branches: dict[int, list[ValidationError]],
                      checker: Checker) -> list[ValidationError] | None:
    """For a union of objects each pinning a key (a block's `type`), the branch it names."""
    if not isinstance(err.instance, dict):
        return None
    try:
        options, resolver = checker.subschema(err.absolute_schema_path)
        consts = [_consts(option, resolver) for option in options]
    except (LookupError, TypeError):
        return None
    shared = set.intersection(*(set(c) for c in consts)) if consts else set()
    if not shared:
        return None
    key = "type" if "type" in shared else sorted(shared)[0]
    values = [c[key] for c in consts]
    if key not in err.instance:
        return [_synthetic(err, "required", [key], err.instance, (),
                           {"properties": {key: {"enum": values}}})]
    if err.instance[key] in values:
        return branches.get(values.index(err.instance[key])) or [err]
    return [_synthetic(err, "enum", values, err.instance[key], (key,), {})]


def _merged_type_error(err: ValidationError, branches: dict[int, list[ValidationError]]
                       ) -> ValidationError:
    types: list[str] = []
    for es in branches.values():
        value = es[0].validator_value
        types += [t for t in (value if isinstance(value, list) else [value]) if t not in types]
    return _synthetic(err, "type", types, err.instance, (), {})


def _synthetic(err: ValidationError, keyword: str, value: Any, instance: Any,
               subpath: tuple[Any, ...], schema: dict[str, Any]) -> ValidationError:
    from jsonschema.exceptions import ValidationError

    return ValidationError(f"{keyword} {value!r}", validator=keyword, validator_value=value,
                           instance=instance, schema=schema,
                           path=deque([*err.absolute_path, *subpath]),
                           schema_path=deque([*err.absolute_schema_path, keyword]))


def _prune(errors: list[ValidationError]) -> list[ValidationError]:
    """Drop errors that only repeat what another error at the same value says."""
    keywords: dict[tuple[Any, ...], set[str]] = defaultdict(set)
    for e in errors:
        keywords[tuple(e.absolute_path)].add(str(e.validator))

    def shadowed(e: ValidationError) -> bool:
        others = keywords[tuple(e.absolute_path)]
        return any(str(e.validator) in _SHADOWED_BY.get(k, ()) for k in others)

    return [e for e in errors if not shadowed(e)]
