"""Text a machine format can carry: whatever a finding holds, the output stays well-formed.

A file name with bytes that are not UTF-8 reaches Python as lone surrogates, which UTF-8
cannot encode (stdout then fails or writes invalid bytes); XML 1.0 also forbids most C0
controls, U+FFFE and U+FFFF. Each such character becomes U+FFFD, the replacement character.
"""

from __future__ import annotations

import copy as copy_module
import re
from dataclasses import fields, is_dataclass
from enum import Enum
from typing import TypeVar

from ..results import AS_READ

REPLACEMENT = "\ufffd"
_SURROGATE = re.compile("[\ud800-\udfff]")
# Everything outside XML 1.0's Char production: #x9 | #xA | #xD | [#x20-#xD7FF] |
# [#xE000-#xFFFD] | [#x10000-#x10FFFF].
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def encodable(text: str) -> str:
    """The text with every lone surrogate replaced, so that it encodes as UTF-8."""
    return _SURROGATE.sub(REPLACEMENT, text)


def xml_text(text: str) -> str:
    """The text with every character XML 1.0 cannot carry replaced."""
    return _NOT_XML.sub(REPLACEMENT, text)


# What data must never bring into any output: line breaks (a new line in a CI log is read as
# a new command, e.g. `::error file=...::`), terminal escapes and other controls, Unicode's
# line and paragraph separators, and the invisible characters that reorder or hide text.
# A line break or an invisible character is shown as its escape (\n, \u202e), so the reader
# sees what the data holds; any other control, as in XML, as the replacement character.
def _unprintable() -> re.Pattern[str]:
    from ..load.yaml_messages import DECEPTIVE

    chars = {chr(c) for c in (*range(0x20), *range(0x7F, 0xA0))} - {"\t"}
    return re.compile("[" + "".join(re.escape(c) for c in sorted(
        chars | {"\u2028", "\u2029"} | set(DECEPTIVE))) + "]")


_UNPRINTABLE = _unprintable()


def _shown(char: str) -> str:
    if char in "\n\r":
        return "\\n" if char == "\n" else "\\r"
    if ord(char) < 0x20 or 0x7F <= ord(char) < 0xA0:
        return REPLACEMENT
    return f"\\u{ord(char):04x}"


def one_line(text: str) -> str:
    """The text on one line, as written: each line break, control or invisible format
    character shown as an escape or replaced (see _unprintable)."""
    return _UNPRINTABLE.sub(lambda m: _shown(m.group()), encodable(text))


T = TypeVar("T")


def printable(value: T) -> T:
    """A copy of a result for reporters: every string in it (findings, titles, coverage, at
    any depth of dataclasses, lists and dicts) made one_line. Every reporter starts with it,
    so no format can print a control sequence that came from data."""
    if isinstance(value, Enum):  # a severity or status (a StrEnum) stays itself
        return value
    if isinstance(value, str):
        return one_line(value)  # type: ignore[return-value]
    if not isinstance(value, (list, tuple, dict)) and not is_dataclass(value):
        return value
    if isinstance(value, list):
        return [printable(v) for v in value]  # type: ignore[return-value]
    if isinstance(value, tuple):
        return tuple(printable(v) for v in value)  # type: ignore[return-value]
    if isinstance(value, dict):
        return {printable(k): printable(v) for k, v in value.items()}  # type: ignore[return-value]
    copy = copy_module.copy(value)
    for item in fields(value):  # type: ignore[arg-type]
        if not item.metadata.get(AS_READ):  # whole files, to quote from: the copy shares them
            object.__setattr__(copy, item.name, printable(getattr(value, item.name)))
    return copy
