"""Read one YAML file strictly: safe types only, with the line and column of every value.

PyYAML keeps the last of two duplicate keys silently, expands aliases when the tree
is walked, and reads `no` as False and `2024-03-31` as a date (YAML 1.1). We compose
the node tree first, refuse what a report never needs, and then construct plain
JSON-like values with YAML 1.2 core scalars, so the schema sees what the author wrote.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, ClassVar

import yaml

from .doctree import NOT_PROSE, get_path
from .findings import Finding, Location, error, warning
from .reading import NotRegularFile, TooLarge, read_limited, what_it_is

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 64
# The longest text one value may hold: twice the longest section of the real reports (22,000
# characters). Checks and the Markdown renderer take time in proportion to a text's length,
# but markdown-it at a high rate (it reads ahead from every "["): the bound keeps any one value
# to a second or two. A longer text is a section to split, not a value to read.
MAX_TEXT = 50_000
_DEEP_HINT = "check the indentation: sections are rarely more than a few levels deep"
# The largest whole number a float holds exactly (as in JSON, I-JSON): far beyond any figure
# in a report, and below what overflows when figures are added up or drawn as bars.
MAX_NUMBER = 2**53 - 1
RULE = "yaml"
RULE_COMMENT = "yaml.comment_in_value"
RULE_CURLY = "yaml.curly_quotes"
RULE_DECEPTIVE = "yaml.invisible_character"  # in safeguarding/rules.py

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Path_ = tuple[str | int, ...]
_CORE = "tag:yaml.org,2002:"
# Only what JSON can hold: no !!binary, !!timestamp, !!set or application tags.
_PLAIN_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null", "seq", "map")}


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """SafeLoader with YAML 1.2 core scalars: no yes/no booleans, octals or timestamps."""

    yaml_implicit_resolvers: ClassVar[dict] = {}


def _resolver(tag: str, pattern: str, first: str) -> None:
    _Loader.add_implicit_resolver(tag, re.compile(pattern, re.X), list(first))


_resolver("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF")
_resolver("tag:yaml.org,2002:int", r"^[-+]?(?:0|[1-9][0-9]*)$", "-+0123456789")
_resolver(
    "tag:yaml.org,2002:float",
    r"^[-+]?(?:(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|[0-9]+[eE][-+]?[0-9]+)$",
    "-+0123456789.",
)
_resolver("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", "~nN")
_Loader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^$"), [""])  # empty value


class _Dumper(yaml.SafeDumper):
    """SafeDumper that quotes by the loader's rules: PyYAML's own (YAML 1.1) leaves "1E100"
    bare, which YAML 1.2, and so this loader, reads as a number."""

    yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers


_CURLY_PAIRS = {"\u201c": "\u201d", "\u2018": "\u2019"}


def _curly_quoted(value: str) -> bool:
    """Whether text is wrapped in a pair of curly quotes, as a word processor types them."""
    return len(value) > 1 and _CURLY_PAIRS.get(value[0]) == value[-1]


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # PyYAML writes NEL and the Unicode line separators raw in a quoted scalar, where its
    # reader folds them into spaces; double quotes escape them. Quotes keep curly quotes
    # around a value from being taken for a mistake.
    style = '"' if any(c in value for c in "\x85\u2028\u2029") else None
    style = style or ("'" if _curly_quoted(value) else None)
    return dumper.represent_scalar(_CORE + "str", value, style=style)


_Dumper.add_representer(str, _represent_str)


class _BlockDumper(_Dumper):
    """Writes text of several lines as a `|` block, as a person would type it."""


def _represent_block(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value and not any(c in value for c in "\x85\u2028\u2029"):
        return dumper.represent_scalar(_CORE + "str", value, style="|")
    return _represent_str(dumper, value)


_BlockDumper.add_representer(str, _represent_block)


def dump_yaml(data: Any, blocks: bool = False) -> str:
    """YAML text that load_yaml_text reads back as the same data, without warnings; with
    blocks, text of several lines is written as `|` blocks."""
    return yaml.dump(data, Dumper=_BlockDumper if blocks else _Dumper, allow_unicode=True,
                     sort_keys=False, width=100 if blocks else 80)


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
    def __init__(self, message: str, mark: Any, hint: str = "") -> None:
        super().__init__(message)
        self.message, self.mark, self.hint = message, mark, hint


def _pos(mark: Any) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


_Marks = dict[Path_, tuple[int, int]]


def _walk(root: yaml.Node) -> tuple[_Marks, _Marks, list[yaml.ScalarNode],
                                    list[yaml.ScalarNode]]:
    """The marks of values and of keys, the values written plain (without quotes), and the
    text values holding a deceptive character (see DECEPTIVE)."""
    marks: _Marks = {}
    key_marks: _Marks = {}
    plain: list[yaml.ScalarNode] = []
    deceptive: list[yaml.ScalarNode] = []
    seen: set[int] = set()
    stack: list[tuple[Path_, yaml.Node]] = [((), root)]
    while stack:
        path, node = stack.pop()
        if id(node) in seen or getattr(node, "anchor", None):
            raise _Problem(
                "anchors and aliases (&name, *name) are not allowed",
                node.start_mark,
                "write the repeated value out in full",
            )
        seen.add(id(node))
        if node.tag not in _PLAIN_TAGS:
            raise _Problem(f"the YAML tag '{node.tag.replace(_CORE, '!!')}' is not allowed",
                           node.start_mark,
                           "remove the tag: write plain text, numbers, true or false, "
                           "lists and mappings")
        if node.tag in (_CORE + "int", _CORE + "float") and _too_large(node.value):
            # 1e400 would load as infinity, and 10**400 overflows when a chart scales it.
            shown = node.value if len(node.value) <= 24 else node.value[:20] + "…"
            raise _Problem(f"the number {shown} is too large (more than {MAX_NUMBER:,})",
                           node.start_mark,
                           "check the figure for a typo, or write it in quotes if it is not "
                           "a number (a reference or a code)")
        marks[path] = _pos(node.start_mark)
        if isinstance(node, yaml.ScalarNode):
            if len(node.value) > MAX_TEXT:
                raise _Problem(f"the text is {len(node.value):,} characters long, more than the "
                               f"{MAX_TEXT:,} one value may hold", node.start_mark,
                               "split it into subsections (`sections:` inside the section), "
                               "or look for text pasted in by mistake")
            if (at := _invisible(node.value, _CONTROL_CHARS)) >= 0:
                raise _Problem(f"the text contains {_control_problem(node.value[at])}",
                               node.start_mark, _CONTROL_HINT)
            if (at := _invisible(node.value, _DECEPTIVE_CHARS)) >= 0:
                code = next((k for k in reversed(path) if isinstance(k, str)), "")
                if code in CODE_KEYS:
                    raise _Problem(f"the {code} '{_visible(node.value)}' contains "
                                   f"{_invisible_problem(node.value[at])}", node.start_mark,
                                   _DECEPTIVE_HINT)
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


# Characters that look like a space or like nothing, pasted from word processors and web
# pages. Inside text they are kept; in a key or where YAML expects a space they break the file.
INVISIBLE = {
    "\u00a0": "a no-break space", "\u2007": "a figure space", "\u202f": "a narrow no-break space",
    "\u3000": "an ideographic space", "\u200b": "a zero-width space",
    "\u200c": "a zero-width non-joiner", "\u200d": "a zero-width joiner",
    "\u2060": "a word joiner", "\ufeff": "a zero-width no-break space",
    **{chr(c): "a typographic space" for c in range(0x2000, 0x200B) if chr(c) != "\u2007"},
}
_INVISIBLE_HINT = ("delete it and type a plain space if one is needed (it often comes with text "
                   "pasted from a word processor or a web page)")


# Line breaks to Unicode and to YAML's reader, but not to an editor, which shows them as
# nothing on the same line: the reader would shift every later line number, misread the
# indentation after them, and fold them silently into spaces inside quotes.
LINE_SEPARATORS = {"\x85": "a next-line character", "\u2028": "a line separator",
                   "\u2029": "a paragraph separator"}
_LINE_SEPARATOR_HINT = ("this invisible line-break character usually comes with text pasted "
                        "from a web page or Word; delete it, or press Enter for a new line")
# Control characters a double-quoted escape such as "\u0001" can still put in the text (the
# reader refuses them typed raw): nothing prints them, and XML output cannot hold them.
CONTROL = frozenset(chr(c) for c in (*range(0x20), *range(0x7F, 0xA0))) - set("\t\n\r")
# Unicode's non-characters (U+FDD0-FDEF, U+FFFE and U+FFFF in every plane): never text,
# and not allowed in XML, so a JUnit report holding one would not parse.
NONCHARACTERS = frozenset(chr(c) for c in (*range(0xFDD0, 0xFDF0),
                                           *(p + e for p in range(0, 0x110000, 0x10000)
                                             for e in (0xFFFE, 0xFFFF))))
_CONTROL_HINT = "delete the escape; it cannot be printed"
# Characters that reorder or hide what is shown without being seen themselves: bidirectional
# controls (U+202E shows "cod.exe" as "exe.doc") and other invisible format characters.
# In text they are warnings (a right-to-left name may need a mark); in a key or a code
# (an id, a date, a file name) nothing justifies them, and they are errors.
DECEPTIVE = {
    "\u061c": "an Arabic letter mark", "\u200e": "a left-to-right mark",
    "\u200f": "a right-to-left mark", "\u202a": "a left-to-right embedding",
    "\u202b": "a right-to-left embedding", "\u202c": "a pop directional formatting",
    "\u202d": "a left-to-right override", "\u202e": "a right-to-left override",
    "\u2066": "a left-to-right isolate", "\u2067": "a right-to-left isolate",
    "\u2068": "a first strong isolate", "\u2069": "a pop directional isolate",
    "\u180e": "a Mongolian vowel separator", "\u115f": "a Hangul filler",
    "\u1160": "a Hangul filler", "\u3164": "a Hangul filler",
    **{chr(c): "an invisible operator" for c in range(0x2061, 0x2065)},
    **{chr(c): "a deprecated format character" for c in range(0x206A, 0x2070)},
    **{chr(c): "an interlinear annotation character" for c in range(0xFFF9, 0xFFFC)},
    **{chr(c): "a tag character" for c in (0xE0001, *range(0xE0020, 0xE0080))},
}
# Values that are codes rather than text: ids, dates, file names, roles.
CODE_KEYS = NOT_PROSE | {"term", "logo", "colour", "email", "phone"}
_DECEPTIVE_HINT = ("delete it: it changes how the text around it is shown without being seen "
                   "(it often comes with text pasted from a web page or another program)")


def _any_of(chars: Iterable[str]) -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


# A regular expression finds them at C speed: every scalar is searched for control characters.
_INVISIBLE_CHARS, _LINE_SEPARATOR_CHARS, _CONTROL_CHARS, _DECEPTIVE_CHARS = map(
    _any_of, (INVISIBLE, LINE_SEPARATORS, CONTROL | NONCHARACTERS, DECEPTIVE))
_ANY_INVISIBLE_CHARS = _any_of({*INVISIBLE, *DECEPTIVE})


def _invisible(text: str, chars: re.Pattern[str] = _INVISIBLE_CHARS) -> int:
    """The index of the first invisible character (one of chars) in text, or -1."""
    found = chars.search(text)
    return found.start() if found else -1


def _structural_invisible(line: str) -> int:
    """The index of an invisible character where YAML expects indentation or the space after
    ':' or '-', or -1. One inside text is the author's and not the cause of an error."""
    for i, ch in enumerate(line):
        if ch in INVISIBLE and (not line[:i].strip(" " + "".join(INVISIBLE))
                                or line[i - 1] in ":-"):
            return i
    return -1


def _visible(text: str) -> str:
    """text without the characters that would hide or reorder it in a message."""
    return "".join(c for c in text if c not in INVISIBLE and c not in DECEPTIVE
                   and c not in CONTROL)


def _control_problem(char: str) -> str:
    if char in NONCHARACTERS:
        return f"a Unicode non-character (U+{ord(char):04X}), which is never text"
    return f"a control character (U+{ord(char):04X}), written as an escape"


def _invisible_problem(char: str) -> str:
    kind = INVISIBLE.get(char) or LINE_SEPARATORS.get(char) or DECEPTIVE[char]
    return f"an invisible character, U+{ord(char):04X} ({kind})"


def _walk_mapping(path: Path_, node: yaml.MappingNode, key_marks: dict, stack: list) -> None:
    first: dict[str, Any] = {}
    for key, value in node.value:
        at = _invisible(key.value, _ANY_INVISIBLE_CHARS) if isinstance(key, yaml.ScalarNode) \
            else -1
        if at >= 0 and not key.style and "\n" not in key.value[:at]:
            # A plain key is written as read: the character sits at the key's column + at.
            mark = yaml.Mark(key.start_mark.name, 0, key.start_mark.line,
                             key.start_mark.column + at, "", 0)
            raise _Problem(f"the key '{_visible(key.value)}' contains "
                           f"{_invisible_problem(key.value[at])}", mark, _INVISIBLE_HINT)
        # The 1.2 resolvers above no longer tag `<<` as a merge; catch the plain key anyway.
        if key.tag == _CORE + "merge" or (key.value == "<<" and not key.style):
            raise _Problem("merge keys (<<) are not allowed", key.start_mark,
                           "write the keys out in full")
        if not isinstance(key, yaml.ScalarNode):
            raise _Problem("a key must be plain text, not a list or mapping", key.start_mark)
        if (at := _invisible(key.value, _CONTROL_CHARS)) >= 0:
            raise _Problem(f"the key '{_visible(key.value)}' contains "
                           f"{_control_problem(key.value[at])}", key.start_mark, _CONTROL_HINT)
        if (at := _invisible(key.value, _DECEPTIVE_CHARS)) >= 0:  # quoted: no column to give
            raise _Problem(f"the key '{_visible(key.value)}' contains "
                           f"{_invisible_problem(key.value[at])}", key.start_mark,
                           _DECEPTIVE_HINT)
        if key.value in first:
            line = first[key.value].line + 1
            raise _Problem(
                f"duplicate key '{key.value}' (first given at line {line})",
                key.start_mark,
                "keep one of the two; YAML would otherwise silently drop the first",
            )
        first[key.value] = key.start_mark
        # Keys stay the text the author wrote (`1:`, `null:` and `no:` are names, as in JSON),
        # so the data's paths are the paths of the marks.
        key.tag = _CORE + "str"
        key_marks[(*path, key.value)] = _pos(key.start_mark)
        stack.append(((*path, key.value), value))


def _check_depth(text: str) -> None:
    """Refuse deep nesting before composing: libyaml's composer recurses in C and crashes
    the interpreter (a segmentation fault, not an exception) on a few thousand levels."""
    scanner = _Loader(text)
    depth, seen = 0, 0  # seen: where the last event ended, as an index into text
    try:
        while not scanner.check_event(yaml.StreamEndEvent):
            event = scanner.get_event()
            seen = event.end_mark.index
            if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise _Problem(f"nesting deeper than {MAX_DEPTH} levels", event.start_mark,
                                   _DEEP_HINT)
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        # The scanner reads ahead of the events, and some libyaml versions stop at a depth
        # limit of their own, in their own words: the nesting is found here first, so the
        # message and its place do not depend on the library's version.
        deep = _flow_too_deep(text, seen, exc.problem_mark, depth)
        if deep is not None:
            raise _Problem(f"nesting deeper than {MAX_DEPTH} levels", deep, _DEEP_HINT) from None
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
        return error(RULE, f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x})",
                     Location(display, line, col),
                     "save the file as UTF-8 (in most editors: Save As, encoding UTF-8)")


def _at(display: str, raw: bytes, offset: int) -> Location:
    """The line and column (in characters) of a byte offset."""
    start = raw.rfind(b"\n", 0, offset) + 1
    column = len(raw[start:offset].decode("utf-8", "ignore")) + 1
    return Location(display, raw.count(b"\n", 0, offset) + 1, column)


# libyaml's wording, and what a coordinator should look at instead.
_HINT_BY_PROBLEM = {
    "mapping values are not allowed": "a colon (:) where YAML does not expect one: check the "
    "indentation, or put text that contains ': ' in quotes",
    "did not find expected key": "check the indentation: keys at the same level must line up",
    "found unexpected end of stream": "a quote or bracket is opened but never closed",
    "found character that cannot start any token": "text starting with @ or ` must be in quotes",
    "found undefined alias": "text starting with * or & must be in quotes",
    "expected a single document": "a file holds one document: remove the extra '---' line",
}


# A value or key opened with a curly quote, which YAML reads as a plain letter: a ': ' inside
# then breaks the line, and the usual advice ("use quotes") is what the author did.
_CURLY_QUOTED = re.compile(r"(?:^|[:,\[{]|(?:^|\s)-)\s*[\u201c\u201d\u2018\u2019]")
_CURLY_HINT = ("YAML needs straight quotes (\" or '), not curly ones (\u201c \u201d \u2018 "
               "\u2019): word processors turn quotes curly, so type them again here in your text "
               "editor")


def _syntax_finding(exc: yaml.MarkedYAMLError, text: str, display: str) -> Finding:
    mark = exc.problem_mark or exc.context_mark
    line, col = _pos(mark) if mark else (1, 1)
    problem = (exc.problem or "invalid YAML").strip()
    hint = next((h for p, h in _HINT_BY_PROBLEM.items() if p in str(exc)),
                "check the indentation and punctuation on this line and the one before it")
    lines = text.splitlines()
    bad_line = lines[line - 1] if 0 < line <= len(lines) else ""
    # libyaml trips a line or two after a pasted invisible character: name the character.
    for number in range(max(1, line - 2), line + 1):
        at = _structural_invisible(lines[number - 1]) if number <= len(lines) else -1
        if at >= 0:
            char = lines[number - 1][at]
            return error(RULE, f"{_invisible_problem(char)} where YAML expects a plain space",
                         Location(display, number, at + 1), _INVISIBLE_HINT)
    if _CURLY_QUOTED.search(bad_line):
        hint = _CURLY_HINT
    if "\t" in bad_line[: col + 1] or "tab" in problem:
        problem, hint = "a tab character is used for indentation", "indent with spaces, not tabs"
    elif exc.context:
        context = exc.context.strip()
        if exc.context_mark and exc.context_mark.line + 1 != line:
            context += f" that starts at line {exc.context_mark.line + 1}"
        problem = f"{problem} ({context})"
    return error(RULE, f"YAML syntax error: {problem}", Location(display, line, col), hint)


# Traps in a value written without quotes: the file loads, but not as its author meant.
_CURLY_VALUE_HINT = "use straight quotes (\" or ') or none; word processors turn quotes curly"
_SHOWN = 40  # characters of a value quoted in a message
_EXAMPLE = 80  # the longest line a hint quotes as an example


def _plain_warnings(nodes: list[yaml.ScalarNode], text: str, display: str) -> list[Finding]:
    """Warnings about values written without quotes: curly quotes kept as text, and text cut
    short by a comment."""
    found: list[Finding] = []
    for node in nodes:
        value = node.value
        if _curly_quoted(value):
            found.append(warning(RULE_CURLY, "the value is wrapped in curly quotes, which YAML "
                                 "keeps as part of the text",
                                 Location(display, *_pos(node.start_mark)), _CURLY_VALUE_HINT))
        # Numbers, true/false and null take a comment after them deliberately (amount: 500 #
        # approx); only text can be cut short.
        if value and node.tag != _CORE + "str":
            continue
        # A plain value ends before ' #', which starts a comment. A comment written on purpose
        # has two spaces before the #, as YAML style guides advise, or a space after it
        # (`status: draft # until June`); text cut short has neither (`Priority #1`,
        # `colour: #003366`).
        end = node.end_mark.index
        if text[end:end + 2] == " #" and text[end + 2:end + 3] not in (" ", "\t"):
            found.append(_comment_warning(node, text, display))
    return found


_LINE = re.compile(r"[^\r\n]*")


def _line_of(text: str, mark: Any) -> str:
    """The whole line of text that a mark is on."""
    found = _LINE.match(text, mark.index - mark.column)
    return found.group() if found else ""


def _comment_warning(node: yaml.ScalarNode, text: str, display: str) -> Finding:
    value, hash_at = " ".join(node.value.split()), node.end_mark.column + 1  # on one line
    if not value:
        cut = "so the value is empty"
    elif len(value) <= _SHOWN:
        cut = f"so the value is only '{value}'"
    else:
        tail = value[-_SHOWN:]
        cut = f"so the value ends at '…{tail.split(' ', 1)[-1] if ' ' in tail else tail}'"
    line = _line_of(text, node.end_mark)
    start = node.start_mark.column if value else hash_at
    example = line[:start].lstrip() + _quoted(line[start:].rstrip())
    # A value over two lines, or inside [ ] or { }, cannot be quoted by quoting one line.
    if (node.start_mark.line != node.end_mark.line or len(example) > _EXAMPLE
            or any(c in line[:start] for c in "[{")):
        example = "a \" before its first word and another at the end of this line"
    return warning(RULE_COMMENT, f"the text after ' #' is a comment, {cut}",
                   Location(display, node.end_mark.line + 1, hash_at + 1),
                   f"if the # belongs to the text, put the whole value in quotes: {example}; "
                   "if it is a comment, put a space after the # to say so")


def _quoted(text: str) -> str:
    """text in YAML quotes: double, unless it holds what they would need to escape."""
    if '"' in text or "\\" in text:
        return "'" + text.replace("'", "''") + "'"
    return f'"{text}"'


def load_yaml(path: Path, display: str | None = None) -> SourceFile | Finding:
    """Load a YAML file, or return the one finding that explains why it cannot be read."""
    shown = display or str(path)
    try:
        raw = read_limited(path, MAX_BYTES)  # the size is known before anything is read
    except NotRegularFile:
        return error("io", f"the file is {what_it_is(path)}, not a regular file, so it is not "
                     "read", Location(shown), "replace it with the YAML file itself")
    except TooLarge:
        return error(RULE, f"the file is larger than {MAX_BYTES // 1024 // 1024} MB",
                     Location(shown), "a document this large is not text alone: look for pasted "
                     "data or images, and keep images in assets/")
    except OSError as exc:
        return error("io", f"cannot read the file: {exc.strerror or exc}", Location(shown))
    text = _decode(raw, shown)
    if isinstance(text, Finding):
        return text
    return load_yaml_text(text, shown, path)


def load_yaml_text(text: str, display: str, path: Path | None = None) -> SourceFile | Finding:
    """Load YAML from a string; `display` names it in findings."""
    # The reader skips a byte order mark, as load_yaml's decoding does, but libyaml leaves it
    # out of its marks' index: without it, that index is the position in the text.
    text = text.removeprefix("\ufeff")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:  # lone surrogates: only from callers, never from a file
        before = text[: exc.start].encode("utf-8", "surrogatepass")
        return error(RULE, "the text contains a character that is not valid Unicode",
                     _at(display, before, len(before)))
    if "\x00" in text:
        raw = text.encode("utf-8", "surrogatepass")
        return error(RULE, "the file contains a NUL character", _at(display, raw, raw.index(0)),
                     "this looks like a binary file; save it as plain UTF-8 text")
    if (at := _invisible(text, _LINE_SEPARATOR_CHARS)) >= 0:  # before the reader miscounts lines
        before = text[:at].encode("utf-8")
        return error(RULE, f"the file contains {_invisible_problem(text[at])}",
                     _at(display, before, len(before)), _LINE_SEPARATOR_HINT)
    loader = _Loader(text)
    try:
        _check_depth(text)
        node = loader.get_single_node()
        if node is None:
            return SourceFile(path or Path(display), display, None, {(): (1, 1)}, text=text)
        marks, key_marks, plain, deceptive = _walk(node)
        data = loader.construct_document(node)
    except _Problem as exc:
        line, col = _pos(exc.mark)
        return error(RULE, exc.message, Location(display, line, col), exc.hint)
    except yaml.MarkedYAMLError as exc:
        return _syntax_finding(exc, text, display)
    except yaml.reader.ReaderError as exc:  # libyaml reports a byte offset
        return error(RULE, f"the file contains a control character (U+{exc.character:04X}) "
                     "that YAML does not allow",
                     _at(display, text.encode("utf-8", "surrogatepass"), exc.position),
                     "delete it (it often comes with text pasted from another program)")
    except (yaml.YAMLError, RecursionError, ValueError, OverflowError) as exc:
        return error(RULE, f"cannot read this YAML: {type(exc).__name__}: {exc}",
                     Location(display, 1, 1))
    finally:
        loader.dispose()
    return SourceFile(path or Path(display), display, data, marks, key_marks,
                      _plain_warnings(plain, text, display)
                      + sorted((_deceptive_warning(n, text, display) for n in deceptive),
                               key=Finding.sort_key), text)


def _deceptive_warning(node: yaml.ScalarNode, text: str, display: str) -> Finding:
    """A warning at the first deceptive character of a text value, where the file has it
    (typed as itself); at the value's start when it is written as an escape."""
    value = node.value
    char = value[_invisible(value, _DECEPTIVE_CHARS)]
    start = node.start_mark
    at = text.find(char, start.index, node.end_mark.index)
    if at < 0:
        line, column = _pos(start)
    else:  # counted from the value's own line: linear in the value, not in the file
        line = start.line + 1 + text.count("\n", start.index, at)
        column = at - (text.rfind("\n", max(0, start.index - start.column - 1), at) + 1) + 1
    return warning(RULE_DECEPTIVE, f"the text contains {_invisible_problem(char)}, which "
                   "changes how the text around it is shown", Location(display, line, column),
                   _DECEPTIVE_HINT)
