"""Name what a reader cannot see in a YAML file, and say what the parser's errors mean.

The characters no editor shows (invisible spaces, line separators, control and
direction-changing characters), each described, with a hint for the fix; and the
parser's syntax errors, in libyaml's words, turned into a finding at the line and column
to fix with a hint a coordinator can act on, as schema_messages does for the schemas'
errors. The loader (yamlfile) finds the problems.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import yaml

from ..findings import Finding, Location, error

RULE = "yaml"
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
