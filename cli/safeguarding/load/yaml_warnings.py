"""Warnings about a file that loads but may not say what its author meant.

A value wrapped in curly quotes keeps them as text; a ' #' in a value written without
quotes starts a comment and cuts the text short; a direction-changing character hides or
reorders the text around it. Each is found in the parsed values and placed where the file
shows it.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from ..findings import Finding, Location, warning
from ..rules import known
from .yaml_messages import DECEPTIVE_CHARS, DECEPTIVE_HINT, invisible, invisible_problem, position

RULE_COMMENT = known("yaml.comment_in_value")
RULE_CURLY = known("yaml.curly_quotes")
RULE_DECEPTIVE = known("yaml.invisible_character")
_STR = yaml.resolver.BaseResolver.DEFAULT_SCALAR_TAG

_CURLY_PAIRS = {"\u201c": "\u201d", "\u2018": "\u2019"}


def curly_quoted(value: str) -> bool:
    """Whether text is wrapped in a pair of curly quotes, as a word processor types them."""
    return len(value) > 1 and _CURLY_PAIRS.get(value[0]) == value[-1]


# Traps in a value written without quotes: the file loads, but not as its author meant.
_CURLY_VALUE_HINT = "use straight quotes (\" or ') or none; word processors turn quotes curly"
_SHOWN = 40  # characters of a value quoted in a message
_EXAMPLE = 80  # the longest line a hint quotes as an example


def plain_warnings(nodes: list[yaml.ScalarNode], text: str, display: str) -> list[Finding]:
    """Warnings about values written without quotes: curly quotes kept as text, and text cut
    short by a comment."""
    found: list[Finding] = []
    for node in nodes:
        value = node.value
        if curly_quoted(value):
            found.append(warning(RULE_CURLY, "the value is wrapped in curly quotes, which YAML "
                                 "keeps as part of the text",
                                 Location(display, *position(node.start_mark)), _CURLY_VALUE_HINT))
        # Numbers, true/false and null take a comment after them deliberately (amount: 500 #
        # approx); only text can be cut short.
        if value and node.tag != _STR:
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


def deceptive_warning(node: yaml.ScalarNode, text: str, display: str) -> Finding:
    """A warning at the first deceptive character of a text value, where the file has it
    (typed as itself); at the value's start when it is written as an escape."""
    value = node.value
    char = value[invisible(value, DECEPTIVE_CHARS)]
    start = node.start_mark
    at = text.find(char, start.index, node.end_mark.index)
    if at < 0:
        line, column = position(start)
    else:  # counted from the value's own line: linear in the value, not in the file
        line = start.line + 1 + text.count("\n", start.index, at)
        column = at - (text.rfind("\n", max(0, start.index - start.column - 1), at) + 1) + 1
    return warning(RULE_DECEPTIVE, f"the text contains {invisible_problem(char)}, which "
                   "changes how the text around it is shown", Location(display, line, column),
                   DECEPTIVE_HINT)
