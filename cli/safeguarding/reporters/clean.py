"""Text a machine format can carry: whatever a finding holds, the output stays well-formed.

A file name with bytes that are not UTF-8 reaches Python as lone surrogates, which UTF-8
cannot encode (stdout then fails or writes invalid bytes); XML 1.0 also forbids most C0
controls, U+FFFE and U+FFFF. Each such character becomes U+FFFD, the replacement character.
"""

from __future__ import annotations

import re

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
