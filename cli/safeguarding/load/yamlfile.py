"""Read one YAML file strictly: safe types only, with the line and column of every value.

PyYAML keeps the last of two duplicate keys silently, expands aliases when the tree
is walked, and reads `no` as False and `2024-03-31` as a date (YAML 1.1). We compose
the node tree first, refuse what a report never needs, and then construct plain
JSON-like values with YAML 1.2 core scalars, so the schema sees what the author wrote.
The SourceFile keeps the text as read, so a later step locates a match inside a value
without reading the file again. The loader only finds problems: what it refuses it names
(a yaml_messages.Refused and the facts), and yaml_messages words it, as it words the
characters no editor shows and the parser's syntax errors; the warnings about a file that
loads but may mislead are found in yaml_warnings.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, ClassVar

import yaml

from ..findings import Finding, Location
from .doctree import NOT_PROSE, Path_, get_path
from .reading import NotRegularFile, TooLarge, read_limited, what_it_is
from .yaml_messages import (
    ANY_INVISIBLE_CHARS,
    CONTROL_CHARS,
    DECEPTIVE_CHARS,
    LINE_SEPARATOR_CHARS,
    Refused,
    invisible,
    position,
    refused,
    syntax_finding,
)
from .yaml_warnings import deceptive_warning, plain_warnings

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 64
# The longest text one value may hold: twice the longest section of the real reports (22,000
# characters). Checks and the Markdown renderer take time in proportion to a text's length,
# but markdown-it at a high rate (it reads ahead from every "["): the bound keeps any one value
# to a second or two. A longer text is a section to split, not a value to read.
MAX_TEXT = 50_000
# The largest whole number a float holds exactly (as in JSON, I-JSON): far beyond any figure
# in a report, and below what overflows when figures are added up or drawn as bars.
MAX_NUMBER = 2**53 - 1

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_CORE = "tag:yaml.org,2002:"
# Only what JSON can hold: no !!binary, !!timestamp, !!set or application tags.
_PLAIN_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null", "seq", "map")}


class CoreLoader(_Base):  # type: ignore[misc, valid-type]
    """SafeLoader with YAML 1.2 core scalars: no yes/no booleans, octals or timestamps."""

    yaml_implicit_resolvers: ClassVar[dict] = {}


def _resolver(tag: str, pattern: str, first: str) -> None:
    CoreLoader.add_implicit_resolver(tag, re.compile(pattern, re.X), list(first))


_resolver("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF")
_resolver("tag:yaml.org,2002:int", r"^[-+]?(?:0|[1-9][0-9]*)$", "-+0123456789")
_resolver(
    "tag:yaml.org,2002:float",
    r"^[-+]?(?:(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|[0-9]+[eE][-+]?[0-9]+)$",
    "-+0123456789.",
)
_resolver("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", "~nN")
CoreLoader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^$"), [""])  # empty value


@dataclass
class SourceFile:
    """A loaded YAML file: its data, the text it was read from, and where each value and key
    came from."""

    path: Path
    display: str
    data: Any
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    # Warnings: the file is valid YAML, but may not say what its author meant.
    findings: list[Finding] = field(default_factory=list)
    # The text as read: a match inside a value is located in it, so no later step reads the
    # file again (it may have changed or gone since). Empty when there was no text.
    text: str = field(default="", repr=False, compare=False)
    _places: dict[tuple[str, int, int], list[tuple[int, int]]] = field(
        default_factory=dict, init=False, repr=False, compare=False)

    def locate(self, path: Path_ = (), key: bool = False) -> Location:
        """The location of the value at path, or of its nearest ancestor."""
        table = self.key_marks if key else self.marks
        p = tuple(path)
        while p and p not in table:
            if key:
                return self.locate(p, key=False)
            p = p[:-1]
        line, col = table.get(p, self.marks.get((), (1, 1)))
        return Location(self.display, line, col)

    def locate_in(self, path: Path_, start: int, end: int) -> Location:
        """The line and column in the file of value[start:end], where value is the text at
        path; the value's own location when that part cannot be found.

        The value as loaded (plain, quoted with escapes, or a `|` or `>` block folded over
        lines) holds the occurrences of that part in the same order as the file, so the
        n-th one in the value is the n-th one in the file from where the value starts.
        """
        at = self.locate(path)
        value = get_path(self.data, path)
        if not isinstance(value, str) or not 0 <= start < end <= len(value):
            return at
        needle = value[start:end]
        wanted = bisect_left(_positions(value, needle), start)
        places = self._places_of(needle, at.line, at.column)
        return Location(at.file, *places[wanted]) if wanted < len(places) else at

    @cached_property
    def _lines(self) -> list[str]:
        return self.text.splitlines()

    def _places_of(self, needle: str, line: int, column: int) -> list[tuple[int, int]]:
        """(line, column) of each occurrence of needle in the text from line:column on.

        Kept per value start and needle: a document with thousands of matches costs linear
        rather than quadratic time."""
        key = (needle, line, column)
        if key not in self._places:
            places = []
            for number in range(line, len(self._lines) + 1):
                text, at = self._lines[number - 1], (column - 1 if number == line else 0)
                while (at := text.find(needle, at)) >= 0:
                    places.append((number, at + 1))
                    at += len(needle)
            self._places[key] = places
        return self._places[key]


@lru_cache(maxsize=256)
def _positions(text: str, needle: str) -> list[int]:
    """Where each occurrence of needle starts in text, in order."""
    return [m.start() for m in re.finditer(re.escape(needle), text)]


class _Problem(Exception):
    """What the loader refuses, where, and the facts yaml_messages words it from."""

    def __init__(self, kind: Refused, mark: Any, **facts: Any) -> None:
        super().__init__(kind)
        self.kind, self.mark, self.facts = kind, mark, facts


_Marks = dict[Path_, tuple[int, int]]


def _walk(root: yaml.Node) -> tuple[_Marks, _Marks, list[yaml.ScalarNode],
                                    list[yaml.ScalarNode]]:
    """The marks of values and of keys, the values written plain (without quotes), and the
    text values holding a deceptive character (see yaml_messages.DECEPTIVE)."""
    marks: _Marks = {}
    key_marks: _Marks = {}
    plain: list[yaml.ScalarNode] = []
    deceptive: list[yaml.ScalarNode] = []
    seen: set[int] = set()
    stack: list[tuple[Path_, yaml.Node]] = [((), root)]
    while stack:
        path, node = stack.pop()
        if id(node) in seen or getattr(node, "anchor", None):
            raise _Problem(Refused.ANCHOR, node.start_mark)
        seen.add(id(node))
        if node.tag not in _PLAIN_TAGS:
            raise _Problem(Refused.TAG, node.start_mark, tag=node.tag.replace(_CORE, "!!"))
        if node.tag in (_CORE + "int", _CORE + "float") and _too_large(node.value):
            # 1e400 would load as infinity, and 10**400 overflows when a chart scales it.
            raise _Problem(Refused.NUMBER_TOO_LARGE, node.start_mark, value=node.value,
                           limit=MAX_NUMBER)
        marks[path] = position(node.start_mark)
        if isinstance(node, yaml.ScalarNode):
            if len(node.value) > MAX_TEXT:
                raise _Problem(Refused.TEXT_TOO_LONG, node.start_mark, length=len(node.value),
                               limit=MAX_TEXT)
            if (at := invisible(node.value, CONTROL_CHARS)) >= 0:
                raise _Problem(Refused.CONTROL_IN_TEXT, node.start_mark, char=node.value[at])
            if (at := invisible(node.value, DECEPTIVE_CHARS)) >= 0:
                code = next((k for k in reversed(path) if isinstance(k, str)), "")
                if code in CODE_KEYS:
                    raise _Problem(Refused.DECEPTIVE_IN_CODE, node.start_mark, code=code,
                                   value=node.value, char=node.value[at])
                deceptive.append(node)
            if not node.style:
                plain.append(node)
        elif isinstance(node, yaml.MappingNode):
            _walk_mapping(path, node, key_marks, stack)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(((*path, i), v) for i, v in enumerate(node.value))
    return marks, key_marks, plain, deceptive


def _too_large(value: str) -> bool:
    digits = value.lstrip("+-")
    if "." not in digits and "e" not in digits.lower():  # an int: never parse 5,000 digits
        return len(digits) > len(str(MAX_NUMBER)) or int(digits) > MAX_NUMBER
    number = float(value)
    return not math.isfinite(number) or abs(number) > MAX_NUMBER


# In text, deceptive characters are warnings (yaml_warnings); in a code nothing justifies
# them. Values that are codes rather than text: ids, dates, file names, roles.
CODE_KEYS = NOT_PROSE | {"term", "logo", "colour", "email", "phone"}


def _walk_mapping(path: Path_, node: yaml.MappingNode, key_marks: dict, stack: list) -> None:
    first: dict[str, Any] = {}
    for key, value in node.value:
        at = invisible(key.value, ANY_INVISIBLE_CHARS) if isinstance(key, yaml.ScalarNode) \
            else -1
        if at >= 0 and not key.style and "\n" not in key.value[:at]:
            # A plain key is written as read: the character sits at the key's column + at.
            mark = yaml.Mark(key.start_mark.name, 0, key.start_mark.line,
                             key.start_mark.column + at, "", 0)
            raise _Problem(Refused.INVISIBLE_IN_KEY, mark, key=key.value, char=key.value[at])
        # The 1.2 resolvers above no longer tag `<<` as a merge; catch the plain key anyway.
        if key.tag == _CORE + "merge" or (key.value == "<<" and not key.style):
            raise _Problem(Refused.MERGE_KEY, key.start_mark)
        if not isinstance(key, yaml.ScalarNode):
            raise _Problem(Refused.KEY_NOT_TEXT, key.start_mark)
        if (at := invisible(key.value, CONTROL_CHARS)) >= 0:
            raise _Problem(Refused.CONTROL_IN_KEY, key.start_mark, key=key.value,
                           char=key.value[at])
        if (at := invisible(key.value, DECEPTIVE_CHARS)) >= 0:  # quoted: no column to give
            raise _Problem(Refused.DECEPTIVE_IN_KEY, key.start_mark, key=key.value,
                           char=key.value[at])
        if key.value in first:
            raise _Problem(Refused.DUPLICATE_KEY, key.start_mark, key=key.value,
                           first_line=first[key.value].line + 1)
        first[key.value] = key.start_mark
        # Keys stay the text the author wrote (`1:`, `null:` and `no:` are names, as in JSON),
        # so the data's paths are the paths of the marks.
        key.tag = _CORE + "str"
        key_marks[(*path, key.value)] = position(key.start_mark)
        stack.append(((*path, key.value), value))


def _check_depth(text: str) -> None:
    """Refuse deep nesting before composing: libyaml's composer recurses in C and crashes
    the interpreter (a segmentation fault, not an exception) on a few thousand levels."""
    scanner = CoreLoader(text)
    depth, seen = 0, 0  # seen: where the last event ended, as an index into text
    try:
        while not scanner.check_event(yaml.StreamEndEvent):
            event = scanner.get_event()
            seen = event.end_mark.index
            if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise _Problem(Refused.TOO_DEEP, event.start_mark, limit=MAX_DEPTH)
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        # The scanner reads ahead of the events, and some libyaml versions stop at a depth
        # limit of their own, in their own words: the nesting is found here first, so the
        # message and its place do not depend on the library's version.
        deep = _flow_too_deep(text, seen, exc.problem_mark, depth)
        if deep is not None:
            raise _Problem(Refused.TOO_DEEP, deep, limit=MAX_DEPTH) from None
        raise
    finally:
        scanner.dispose()


def _flow_too_deep(text: str, start: int, stop: Any, depth: int) -> yaml.Mark | None:
    """Where the brackets between two places in the text first open more than MAX_DEPTH
    levels, counting from `depth`; None if they never do. Quoted text and comments are
    passed over, roughly as the scanner reads them: this only chooses the message for text
    the scanner has already refused."""
    end = min(stop.index + 1 if stop is not None else len(text), len(text))
    quote, at = "", start
    while at < end:
        char, before = text[at], text[at - 1] if at else " "
        if quote:
            if char == "\\" and quote == '"':
                at += 1
            elif char == quote:
                quote = ""
        elif char in "'\"" and before in " \t\n[{,:":
            quote = char
        elif char == "#" and before in " \t\n":
            at = text.find("\n", at)
            at = end if at < 0 else at
        else:
            depth += (char in "[{") - (char in "]}")
            if depth > MAX_DEPTH:
                line = text.count("\n", 0, at)
                return yaml.Mark("", at, line, at - (text.rfind("\n", 0, at) + 1), None, 0)
        at += 1
    return None


def _decode(raw: bytes, display: str) -> str | Finding:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return refused(Refused.NOT_UTF8, Location(display, line, col), byte=raw[exc.start])


def _at(display: str, raw: bytes, offset: int) -> Location:
    """The line and column (in characters) of a byte offset."""
    start = raw.rfind(b"\n", 0, offset) + 1
    column = len(raw[start:offset].decode("utf-8", "ignore")) + 1
    return Location(display, raw.count(b"\n", 0, offset) + 1, column)


def load_yaml(path: Path, display: str | None = None,
              texts: dict[str, str] | None = None) -> SourceFile | Finding:
    """Load a YAML file, or return the one finding that explains why it cannot be read.

    texts, if given, keeps the text read under the file's display name, whether or not it
    loads: a report quotes a finding's line from it, as the file was when it was read."""
    shown = display or str(path)
    text = _read_text(path, shown)
    if isinstance(text, Finding):
        return text
    if texts is not None:
        texts[shown] = text
    return load_yaml_text(text, shown, path)


def _read_text(path: Path, display: str) -> str | Finding:
    """A YAML file's text, or the finding that says why it cannot be read as text."""
    try:
        raw = read_limited(path, MAX_BYTES)  # the size is known before anything is read
    except NotRegularFile:
        return refused(Refused.NOT_REGULAR, Location(display), what=what_it_is(path))
    except TooLarge:
        return refused(Refused.FILE_TOO_LARGE, Location(display), limit=MAX_BYTES)
    except OSError as exc:
        return refused(Refused.UNREADABLE_FILE, Location(display), reason=exc.strerror or exc)
    return _decode(raw, display)


def load_yaml_text(text: str, display: str, path: Path | None = None) -> SourceFile | Finding:
    """Load YAML from a string; `display` names it in findings."""
    # The reader skips a byte order mark, as load_yaml's decoding does, but libyaml leaves it
    # out of its marks' index: without it, that index is the position in the text.
    text = text.removeprefix("\ufeff")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:  # lone surrogates: only from callers, never from a file
        before = text[: exc.start].encode("utf-8", "surrogatepass")
        return refused(Refused.NOT_UNICODE, _at(display, before, len(before)))
    if "\x00" in text:
        raw = text.encode("utf-8", "surrogatepass")
        return refused(Refused.NUL, _at(display, raw, raw.index(0)))
    if (at := invisible(text, LINE_SEPARATOR_CHARS)) >= 0:  # before the reader miscounts lines
        before = text[:at].encode("utf-8")
        return refused(Refused.LINE_SEPARATOR, _at(display, before, len(before)), char=text[at])
    loader = CoreLoader(text)
    try:
        _check_depth(text)
        node = loader.get_single_node()
        if node is None:
            return SourceFile(path or Path(display), display, None, {(): (1, 1)}, text=text)
        marks, key_marks, plain, deceptive = _walk(node)
        data = loader.construct_document(node)
    except _Problem as exc:
        return refused(exc.kind, Location(display, *position(exc.mark)), **exc.facts)
    except yaml.MarkedYAMLError as exc:
        return syntax_finding(exc, text, display)
    except yaml.reader.ReaderError as exc:  # libyaml reports a byte offset
        return refused(Refused.CONTROL_CHARACTER,
                       _at(display, text.encode("utf-8", "surrogatepass"), exc.position),
                       code=exc.character)
    except (yaml.YAMLError, RecursionError, ValueError, OverflowError) as exc:
        return refused(Refused.UNPARSED, Location(display, 1, 1), exception=exc)
    finally:
        loader.dispose()
    return SourceFile(path or Path(display), display, data, marks, key_marks,
                      plain_warnings(plain, text, display)
                      + sorted((deceptive_warning(n, text, display) for n in deceptive),
                               key=Finding.sort_key), text)
