"""The YAML loader's messages: what it refuses, what a reader cannot see, what the parser meant.

The loader (yamlfile) finds the problems and says which (a `Refused` kind and its facts);
`refused` words each as a finding with a hint a coordinator can act on, as schema_messages
does for the schemas' errors. Here too: the characters no editor shows (invisible spaces,
line separators, control and direction-changing characters), each described, and the
parser's syntax errors, in libyaml's words, turned into a finding at the line and column
to fix.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from enum import StrEnum
from typing import Any

import yaml

from ..findings import Finding, Location, error
from ..rules import known

RULE = known("yaml")
RULE_IO = known("io")
DEEP_HINT = "check the indentation: sections are rarely more than a few levels deep"


def position(mark: Any) -> tuple[int, int]:
    """The line and column, counted from 1, of one of the parser's marks."""
    return (mark.line + 1, mark.column + 1)


# Characters that look like a space or like nothing, pasted from word processors and web
# pages. Inside text they are kept; in a key or where YAML expects a space they break the file.
INVISIBLE = {
    "\u00a0": "a no-break space", "\u2007": "a figure space", "\u202f": "a narrow no-break space",
    "\u3000": "an ideographic space", "\u200b": "a zero-width space",
    "\u200c": "a zero-width non-joiner", "\u200d": "a zero-width joiner",
    "\u2060": "a word joiner", "\ufeff": "a zero-width no-break space",
    **{chr(c): "a typographic space" for c in range(0x2000, 0x200B) if chr(c) != "\u2007"},
}
INVISIBLE_HINT = ("delete it and type a plain space if one is needed (it often comes with text "
                  "pasted from a word processor or a web page)")


# Line breaks to Unicode and to YAML's reader, but not to an editor, which shows them as
# nothing on the same line: the reader would shift every later line number, misread the
# indentation after them, and fold them silently into spaces inside quotes.
LINE_SEPARATORS = {"\x85": "a next-line character", "\u2028": "a line separator",
                   "\u2029": "a paragraph separator"}
LINE_SEPARATOR_HINT = ("this invisible line-break character usually comes with text pasted "
                       "from a web page or Word; delete it, or press Enter for a new line")
# Control characters a double-quoted escape such as "\u0001" can still put in the text (the
# reader refuses them typed raw): nothing prints them, and XML output cannot hold them.
CONTROL = frozenset(chr(c) for c in (*range(0x20), *range(0x7F, 0xA0))) - set("\t\n\r")
# Unicode's non-characters (U+FDD0-FDEF, U+FFFE and U+FFFF in every plane): never text,
# and not allowed in XML, so a JUnit report holding one would not parse.
NONCHARACTERS = frozenset(chr(c) for c in (*range(0xFDD0, 0xFDF0),
                                           *(p + e for p in range(0, 0x110000, 0x10000)
                                             for e in (0xFFFE, 0xFFFF))))
CONTROL_HINT = "delete the escape; it cannot be printed"
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
DECEPTIVE_HINT = ("delete it: it changes how the text around it is shown without being seen "
                  "(it often comes with text pasted from a web page or another program)")


def _any_of(chars: Iterable[str]) -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


# A regular expression finds them at C speed: every scalar is searched for control characters.
INVISIBLE_CHARS, LINE_SEPARATOR_CHARS, CONTROL_CHARS, DECEPTIVE_CHARS = map(
    _any_of, (INVISIBLE, LINE_SEPARATORS, CONTROL | NONCHARACTERS, DECEPTIVE))
ANY_INVISIBLE_CHARS = _any_of({*INVISIBLE, *DECEPTIVE})


def invisible(text: str, chars: re.Pattern[str] = INVISIBLE_CHARS) -> int:
    """The index of the first invisible character (one of chars) in text, or -1."""
    found = chars.search(text)
    return found.start() if found else -1


def structural_invisible(line: str) -> int:
    """The index of an invisible character where YAML expects indentation or the space after
    ':' or '-', or -1. One inside text is the author's and not the cause of an error."""
    for i, ch in enumerate(line):
        if ch in INVISIBLE and (not line[:i].strip(" " + "".join(INVISIBLE))
                                or line[i - 1] in ":-"):
            return i
    return -1


def visible(text: str) -> str:
    """text without the characters that would hide or reorder it in a message."""
    return "".join(c for c in text if c not in INVISIBLE and c not in DECEPTIVE
                   and c not in CONTROL)


def control_problem(char: str) -> str:
    if char in NONCHARACTERS:
        return f"a Unicode non-character (U+{ord(char):04X}), which is never text"
    return f"a control character (U+{ord(char):04X}), written as an escape"


def invisible_problem(char: str) -> str:
    kind = INVISIBLE.get(char) or LINE_SEPARATORS.get(char) or DECEPTIVE[char]
    return f"an invisible character, U+{ord(char):04X} ({kind})"


class Refused(StrEnum):
    """What the loader (yamlfile) refuses. It says which, with the facts named below, and
    `refused` words it: the loader detects, this module explains."""

    NOT_REGULAR = "not_regular"  # what: "a folder", "a pipe", ...
    UNREADABLE_FILE = "unreadable_file"  # reason: the system's word for it
    FILE_TOO_LARGE = "file_too_large"  # limit: in bytes
    NOT_UTF8 = "not_utf8"  # byte: the first that is not UTF-8
    NOT_UNICODE = "not_unicode"  # (a lone surrogate, from a caller, never from a file)
    NUL = "nul"
    LINE_SEPARATOR = "line_separator"  # char
    CONTROL_CHARACTER = "control_character"  # code: typed raw, refused by the reader
    TOO_DEEP = "too_deep"  # limit: levels
    ANCHOR = "anchor"
    TAG = "tag"  # tag: as YAML writes it short (!!binary, !local)
    NUMBER_TOO_LARGE = "number_too_large"  # value: as written; limit
    TEXT_TOO_LONG = "text_too_long"  # length, limit: in characters
    CONTROL_IN_TEXT = "control_in_text"  # char: written as an escape
    DECEPTIVE_IN_CODE = "deceptive_in_code"  # code: the key it is under; value; char
    INVISIBLE_IN_KEY = "invisible_in_key"  # key, char: an invisible or deceptive one
    DECEPTIVE_IN_KEY = "deceptive_in_key"  # key, char: quoted, so no column to give
    CONTROL_IN_KEY = "control_in_key"  # key, char
    MERGE_KEY = "merge_key"
    KEY_NOT_TEXT = "key_not_text"
    DUPLICATE_KEY = "duplicate_key"  # key, first_line: where it was first given
    UNPARSED = "unparsed"  # exception: what the parser raised that nothing above explains


Said = tuple[str, str]  # a message and its hint ("" when there is nothing to add)


def _shown_number(value: str) -> str:
    return value if len(value) <= 24 else value[:20] + "…"


def _key_contains(key: str, problem: str, hint: str) -> Said:
    return f"the key '{visible(key)}' contains {problem}", hint


_WORDING: dict[Refused, Callable[..., Said]] = {
    Refused.NOT_REGULAR: lambda what: (
        f"the file is {what}, not a regular file, so it is not read",
        "replace it with the YAML file itself"),
    Refused.UNREADABLE_FILE: lambda reason: (
        f"cannot read the file: {reason}",
        "make it a file you may read; a link must lead to a file, not to itself or nothing"),
    Refused.FILE_TOO_LARGE: lambda limit: (
        f"the file is larger than {limit // 1024 // 1024} MB",
        "a document this large is not text alone: look for pasted data or images, and keep "
        "images in assets/"),
    Refused.NOT_UTF8: lambda byte: (
        f"the file is not UTF-8 text (byte 0x{byte:02x})",
        "save the file as UTF-8 (in most editors: Save As, encoding UTF-8)"),
    Refused.NOT_UNICODE: lambda: ("the text contains a character that is not valid Unicode", ""),
    Refused.NUL: lambda: ("the file contains a NUL character",
                          "this looks like a binary file; save it as plain UTF-8 text"),
    Refused.LINE_SEPARATOR: lambda char: (f"the file contains {invisible_problem(char)}",
                                          LINE_SEPARATOR_HINT),
    Refused.CONTROL_CHARACTER: lambda code: (
        f"the file contains a control character (U+{code:04X}) that YAML does not allow",
        "delete it (it often comes with text pasted from another program)"),
    Refused.TOO_DEEP: lambda limit: (f"nesting deeper than {limit} levels", DEEP_HINT),
    Refused.ANCHOR: lambda: ("anchors and aliases (&name, *name) are not allowed",
                             "write the repeated value out in full"),
    Refused.TAG: lambda tag: (
        f"the YAML tag '{tag}' is not allowed",
        "remove the tag: write plain text, numbers, true or false, lists and mappings"),
    Refused.NUMBER_TOO_LARGE: lambda value, limit: (
        f"the number {_shown_number(value)} is too large (more than {limit:,})",
        "check the figure for a typo, or write it in quotes if it is not a number (a "
        "reference or a code)"),
    Refused.TEXT_TOO_LONG: lambda length, limit: (
        f"the text is {length:,} characters long, more than the {limit:,} one value may hold",
        "split it into subsections (`sections:` inside the section), or look for text pasted "
        "in by mistake"),
    Refused.CONTROL_IN_TEXT: lambda char: (f"the text contains {control_problem(char)}",
                                           CONTROL_HINT),
    Refused.DECEPTIVE_IN_CODE: lambda code, value, char: (
        f"the {code} '{visible(value)}' contains {invisible_problem(char)}", DECEPTIVE_HINT),
    Refused.INVISIBLE_IN_KEY: lambda key, char: _key_contains(key, invisible_problem(char),
                                                              INVISIBLE_HINT),
    Refused.DECEPTIVE_IN_KEY: lambda key, char: _key_contains(key, invisible_problem(char),
                                                              DECEPTIVE_HINT),
    Refused.CONTROL_IN_KEY: lambda key, char: _key_contains(key, control_problem(char),
                                                            CONTROL_HINT),
    Refused.MERGE_KEY: lambda: ("merge keys (<<) are not allowed", "write the keys out in full"),
    Refused.KEY_NOT_TEXT: lambda: ("a key must be plain text, not a list or mapping", ""),
    Refused.DUPLICATE_KEY: lambda key, first_line: (
        f"duplicate key '{key}' (first given at line {first_line})",
        "keep one of the two; YAML would otherwise silently drop the first"),
    Refused.UNPARSED: lambda exception: (
        f"cannot read this YAML: {type(exception).__name__}: {exception}", ""),
}
if set(_WORDING) != set(Refused):  # said at start-up, not when a user meets the refusal
    raise KeyError(f"no wording for {set(Refused) - set(_WORDING)} in yaml_messages")
_IO = {Refused.NOT_REGULAR, Refused.UNREADABLE_FILE}  # the file, not its YAML


def refused(kind: Refused, at: Location, **facts: Any) -> Finding:
    """The finding for what the loader refuses, in words a coordinator can act on."""
    message, hint = _WORDING[kind](**facts)
    return error(RULE_IO if kind in _IO else RULE, message, at, hint)


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


def syntax_finding(exc: yaml.MarkedYAMLError, text: str, display: str) -> Finding:
    """The parser's error as a finding: the character or the mistake behind it, if known."""
    mark = exc.problem_mark or exc.context_mark
    line, col = position(mark) if mark else (1, 1)
    problem = (exc.problem or "invalid YAML").strip()
    hint = next((h for p, h in _HINT_BY_PROBLEM.items() if p in str(exc)),
                "check the indentation and punctuation on this line and the one before it")
    lines = text.splitlines()
    bad_line = lines[line - 1] if 0 < line <= len(lines) else ""
    # libyaml trips a line or two after a pasted invisible character: name the character.
    for number in range(max(1, line - 2), line + 1):
        at = structural_invisible(lines[number - 1]) if number <= len(lines) else -1
        if at >= 0:
            char = lines[number - 1][at]
            return error(RULE, f"{invisible_problem(char)} where YAML expects a plain space",
                         Location(display, number, at + 1), INVISIBLE_HINT)
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
