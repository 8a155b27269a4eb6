"""Say what a JSON Schema error means in plain English, and point at the line to fix."""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from ..findings import Finding, Location, error
from ..render.formatting import MONTHS
from ..rules import known
from .doctree import Path_
from .yamlfile import SourceFile

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

RULE = known("schema")


class Known(Protocol):
    """What the messages look up in the schema behind an error, following its `$ref`s."""

    def known_properties(self, err: ValidationError) -> list[str]: ...

    def allowed_values(self, schema_path: Sequence[Any]) -> list[Any] | None: ...

    def required_field(self, schema_path: Sequence[Any]) -> bool: ...


Said = tuple[str, Path_, bool, str]  # message, instance path, point at the key?, hint

TYPE_NAMES = {"string": "text", "integer": "a whole number", "number": "a number",
              "boolean": "true or false", "array": "a list", "object": "a group of fields",
              "null": "empty"}
FORMAT_NAMES = {"date": "a date written as YYYY-MM-DD",
                "date-time": "a date and time written as YYYY-MM-DDTHH:MM:SSZ",
                "email": "an e-mail address such as name@example.org",
                "uri": "a full web address starting with https://",
                "uri-reference": "a web address"}
# What a value matching each `pattern` in the schemas looks like, as FORMAT_NAMES does for
# formats; a pattern not listed here is explained by its schema's description instead.
PATTERN_NAMES = {
    "^#[0-9a-fA-F]{6}$": "a colour written as # and six hexadecimal digits (0-9, a-f), "
    "e.g. #1d70b8",
    "^[a-z0-9]+(-[a-z0-9]+)*$": "lower-case letters and digits, with single hyphens between "
    "words, e.g. get-safe-group",
    "^[a-z][a-z0-9_]*$": "lower-case letters, digits and underscores, starting with a letter, "
    "e.g. independent_scrutiny",
    "^https?://": "a full web address starting with https:// or http://",
    "^assets/[^/].*$": "a file in the assets/ folder, e.g. assets/structure.png",
    "^(19|20|21)[0-9]{2}-(0[1-9]|1[0-2])$": "a month written as YYYY-MM between 1900 and "
    "2199, e.g. 2021-09",
    "^(19|20|21)\\d{2}-\\d{2}$": "a year written as YYYY-YY between 1900 and 2199, e.g. 2022-23",
    # Dates far in the past or future are typing slips, and beyond what dates can count to.
    "^(19|20|21)[0-9]{2}-": "a date between 1900 and 2199",
    "^[a-z]{2}(-[A-Z]{2})?$": "a language code such as en or en-GB",
    "^(area|partners|chair|scrutiny|relevant_agencies|groups|glossary|website)"
    "(\\.[a-z][a-z0-9_]*)*$": "a partnership field, or a dotted path into one, e.g. partners.lead",
    "^[0-9a-f]{12}$": "the 12-character text hash that `check` shows for the requirement",
    "^[a-z]+\\.[a-z][a-z0-9_]*$": "a check id such as figures.budget_totals "
    "(`safeguarding rules` lists them)",
}
# Slips that are easy to make and to put right; the first rewrite whose result matches the
# pattern is offered, so each applies only where it makes the value valid.
_REWRITES: tuple[Callable[[str], str], ...] = (
    str.strip,
    str.lower,
    lambda v: re.sub(r"\s+", "-", v.strip().lower()),
    lambda v: re.sub(r"^#([0-9a-fA-F])([0-9a-fA-F])([0-9a-fA-F])$", r"#\1\1\2\2\3\3", v),
    lambda v: "#" + v,
)
QUOTE_HINT = 'put the value in quotes, e.g. "{value}", so that it stays text'


def describe(err: ValidationError, source: SourceFile, known: Known) -> list[Finding]:
    """The findings for one error (one per unknown field or missing field)."""
    path = tuple(err.absolute_path)
    said = _SAY_BY_KEYWORD.get(str(err.validator), _say_other)(err, path, known)
    return [error(RULE, message, _locate(source, at, on_key, err), hint)
            for message, at, on_key, hint in said]


def _locate(source: SourceFile, path: Path_, on_key: bool, err: ValidationError) -> Location:
    # An empty value (`title:`) has no useful position of its own: point at its key.
    on_key = on_key or (err.instance is None and bool(path) and isinstance(path[-1], str))
    return source.locate(path, key=on_key and bool(path))


def name(path: Path_) -> str:
    """How a coordinator would name the value: 'status', 'rows[1][2]', 'the document'."""
    if not path:
        return "the document"
    i = len(path)
    while i > 0 and isinstance(path[i - 1], int):
        i -= 1
    head = str(path[i - 1]) if i else ""
    return "'" + head + "".join(f"[{n}]" for n in path[i:]) + "'"


def where(path: Path_) -> str:
    """' in sections[2].blocks[0]', or '' at the top of the file."""
    text = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")
    return f" in {text}" if text else ""


def shown(value: Any) -> str:
    """A short description of a value for 'got …'."""
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return repr(value if len(value) <= 60 else value[:57] + "...")
    if isinstance(value, list):
        return "a list"
    return "a group of fields" if isinstance(value, dict) else type(value).__name__


def _one_of(values: Sequence[Any]) -> str:
    return ", ".join(str(v) for v in values)


def _say_required(err: ValidationError, path: Path_, known: Known) -> list[Said]:
    props = err.schema.get("properties", {}) if isinstance(err.schema, dict) else {}
    said = []
    for key in err.validator_value:
        if isinstance(err.instance, dict) and key not in err.instance:
            options = props.get(key, {}).get("enum") if isinstance(props.get(key), dict) else None
            options = options or known.allowed_values(
                [*list(err.absolute_schema_path)[:-1], "properties", key])
            hint = f"'{key}' is one of: {_one_of(options)}" if options else ""
            said.append((f"missing required field '{key}'{where(path)}", path, False, hint))
    return said


def _say_unknown(err: ValidationError, path: Path_, known: Known) -> list[Said]:
    allowed = known.known_properties(err)
    patterns = list(err.schema.get("patternProperties", {})) if isinstance(err.schema, dict) else []
    said = []
    for key in err.instance if isinstance(err.instance, dict) else ():
        if key in allowed or any(re.search(p, str(key)) for p in patterns):
            continue
        close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
        message = f"unknown field '{key}'{where(path)}"
        message += f"; did you mean '{close[0]}'?" if close else ""
        hint = f"allowed fields here: {_one_of(allowed)}" if allowed else ""
        said.append((message, (*path, key), True, hint))
    return said or _say_other(err, path, known)


def _say_type(err: ValidationError, path: Path_, known: Known) -> list[Said]:
    wanted = err.validator_value if isinstance(err.validator_value, list) else [err.validator_value]
    names = [TYPE_NAMES.get(t, str(t)) for t in wanted]
    expected = ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else names[0]
    hint = ""
    if not path:
        return [("the file is empty" if err.instance is None else
                 f"the file must be {expected} (got {shown(err.instance)})", path, False,
                 "write the file as 'field: value' lines, one field per line")]
    if "string" in wanted and isinstance(err.instance, int | float | bool):
        hint = QUOTE_HINT.format(value=err.instance)
    elif err.instance is None:
        # A field left blank: say what may go there, and never suggest leaving out a field
        # the document must have.
        schema_path = list(err.absolute_schema_path)[:-1]
        values = known.allowed_values(schema_path)
        if values:
            expected, what = f"one of: {_one_of(values)}", "one of them"
        elif isinstance(err.schema, dict) and err.schema.get("format") in FORMAT_NAMES:
            expected, what = FORMAT_NAMES[err.schema["format"]], "one"
        else:
            what = "a value"
        hint = f"write {what} after the colon" + \
            (" (in quotes if it starts with #)" if what == "a value" else "") + \
            ("" if known.required_field(schema_path) else ", or leave the field out")
    return [(f"{name(path)} must be {expected} (got {shown(err.instance)})", path, False, hint)]


def _say_enum(err: ValidationError, path: Path_, known: Known) -> list[Said]:
    # An enum shared through `$ref` may be narrowed where it is used (`not`): list what is
    # allowed here. A long list (a rule set's check ids) hides the one meant: name the nearest.
    values = known.allowed_values(list(err.absolute_schema_path)[:-1]) or err.validator_value
    close = difflib.get_close_matches(str(err.instance), [str(v) for v in values],
                                      n=3, cutoff=0.6) if isinstance(err.instance, str) else []
    hint = f"did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    return [(f"{name(path)} must be one of: {_one_of(values)} "
             f"(got {shown(err.instance)})", path, False, hint)]


def _say_const(err: ValidationError, path: Path_, known: Known) -> list[Said]:
    return [(f"{name(path)} must be {err.validator_value!r} (got {shown(err.instance)})",
             path, False, "")]


def _say_format(err: ValidationError, path: Path_, known: Known) -> list[Said]:
    if err.validator_value == "date" and (missing := _no_such_day(err.instance)):
        return [(f"{name(path)} is not a real date: there is no {missing[0]} "
                 f"(got {shown(err.instance)})", path, False, missing[1])]
    what = FORMAT_NAMES.get(err.validator_value, f"in the format {err.validator_value}")
    spaced = err.validator_value == "uri" and any(c.isspace() for c in str(err.instance))
    hint = "a web address cannot contain spaces: write each as %20" if spaced else ""
    return [(f"{name(path)} must be {what} (got {shown(err.instance)})", path, False, hint)]


def _no_such_day(value: Any) -> tuple[str, str] | None:
    """For a date written as YYYY-MM-DD that does not exist, what does not ('30 February
    2024') and a hint; None for any other value."""
    found = re.fullmatch(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", value) if isinstance(
        value, str) else None
    if not found:
        return None
    year, month, day = (int(part) for part in found.groups())
    try:
        datetime.date(year, month, day)
        return None
    except ValueError:
        pass
    if not 1 <= month <= 12:
        return f"month {month}", ("check the day and month: the month comes before the day "
                                  "(YYYY-MM-DD)")
    if year == 0:
        return "year 0", "check the year"
    return f"{day} {MONTHS[month - 1]} {year}", "check the day and month"


def _say_pattern(err: ValidationError, path: Path_, known: Known) -> list[Said]:
    what = PATTERN_NAMES.get(err.validator_value)
    message = f"must be {what}" if what else "is not written the expected way"
    fixed = _rewrite(err.instance, err.validator_value)
    hint = (f"write it as {shown(fixed)}" if fixed else
            _description(err) or f"it must match the pattern {err.validator_value}")
    return [(f"{name(path)} {message} (got {shown(err.instance)})", path, False, hint)]


def _rewrite(value: Any, pattern: str) -> str:
    """The value with one common slip put right, if that makes it match pattern, else ''."""
    if not isinstance(value, str):
        return ""
    for rewrite in _REWRITES:
        fixed = rewrite(value)
        if fixed != value and re.search(pattern, fixed):
            return fixed
    return ""


def _say_length(err: ValidationError, path: Path_, known: Known) -> list[Said]:
    n, size = err.validator_value, len(err.instance)
    if err.validator == "minLength" and n == 1:
        return [(f"{name(path)} must not be empty", path, False, "")]
    bound = "at least" if err.validator == "minLength" else "at most"
    return [(f"{name(path)} must be {bound} {n} characters long (it has {size})", path, False, "")]


def _say_items(err: ValidationError, path: Path_, known: Known) -> list[Said]:
    n, size = err.validator_value, len(err.instance)
    if err.validator == "minItems" and n == 1:
        return [(f"{name(path)} must have at least one item", path, False, "")]
    bound = "at least" if err.validator == "minItems" else "at most"
    return [(f"{name(path)} must have {bound} {n} items (it has {size})", path, False, "")]


def _say_unique(err: ValidationError, path: Path_, known: Known) -> list[Said]:
    seen: list[Any] = []
    for value in err.instance:
        if value in seen:
            return [(f"{name(path)} lists {shown(value)} more than once", path, False, "")]
        seen.append(value)
    return [(f"{name(path)} has the same item more than once", path, False, "")]


_BOUNDS = {"minimum": "at least", "maximum": "at most",
           "exclusiveMinimum": "more than", "exclusiveMaximum": "less than"}


def _say_bound(err: ValidationError, path: Path_, known: Known) -> list[Said]:
    bound = _BOUNDS[str(err.validator)]
    return [(f"{name(path)} must be {bound} {err.validator_value} (got {shown(err.instance)})",
             path, False, "")]


def _say_dependent(err: ValidationError, path: Path_, known: Known) -> list[Said]:
    said = []
    for key, needs in err.validator_value.items():
        for need in needs if key in err.instance else ():
            if need not in err.instance:
                said.append((f"missing field '{need}'{where(path)}, needed when '{key}' is given",
                             (*path, key), True, ""))
    return said


def _say_not_allowed(err: ValidationError, path: Path_, known: Known) -> list[Said]:
    ruled_out = err.validator_value if err.validator == "not" else None
    if isinstance(ruled_out, dict) and "const" in ruled_out:  # a value, not the field
        return [(f"{name(path)} must not be {shown(ruled_out['const'])}", path, False,
                 _description(err))]
    return [(f"{name(path)} is not allowed here", path, bool(path), "")]


def _say_ambiguous(err: ValidationError, path: Path_, known: Known) -> list[Said]:
    # oneOf with no sub-errors: the value fits more than one of the allowed forms.
    return [(f"{name(path)} fits more than one of the allowed forms", path, False,
             _description(err))]


def _say_other(err: ValidationError, path: Path_, known: Known) -> list[Said]:
    # jsonschema's own wording repeats the whole value: keep it short.
    message = err.message if len(err.message) <= 160 else err.message[:157] + "..."
    return [(f"{name(path)}: {message}", path, False, _description(err))]


def _description(err: ValidationError) -> str:
    text = err.schema.get("description", "") if isinstance(err.schema, dict) else ""
    return str(text)


_SAY_BY_KEYWORD: dict[str, Callable[[ValidationError, Path_, Known], list[Said]]] = {
    "required": _say_required,
    "additionalProperties": _say_unknown,
    "unevaluatedProperties": _say_unknown,
    "type": _say_type,
    "enum": _say_enum,
    "const": _say_const,
    "format": _say_format,
    "pattern": _say_pattern,
    "minLength": _say_length,
    "maxLength": _say_length,
    "minItems": _say_items,
    "maxItems": _say_items,
    "uniqueItems": _say_unique,
    "minimum": _say_bound,
    "maximum": _say_bound,
    "exclusiveMinimum": _say_bound,
    "exclusiveMaximum": _say_bound,
    "dependentRequired": _say_dependent,
    "None": _say_not_allowed,  # a `false` schema
    "not": _say_not_allowed,
    "oneOf": _say_ambiguous,
}
