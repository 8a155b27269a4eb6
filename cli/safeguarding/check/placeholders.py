"""Placeholder text: what says nothing ("TBC", "to follow", lorem ipsum, "[Insert ...]")."""

from __future__ import annotations

import re

MIN_WORDS = 3

_PLACEHOLDER = re.compile(
    r"\b(tbc|tba|tbd|todo|to ?do|to follow|to be (confirmed|added|agreed|completed|written|"
    r"inserted|updated)|coming soon|placeholder|insert [a-z ]{1,80} here|x{3,})\b", re.IGNORECASE)
# Template instructions left in: "[Insert the budget]", "<add the chair's name>".
# Bounded, and starting at the first of a run of brackets only: a text of thousands of "["
# or unclosed "[insert" is read a few times, not once from every bracket to the end.
_TEMPLATE = re.compile(r"(?<![\[<{])[\[<{]+\s*(?:insert|add|enter|include|describe|name|"
                       r"complete|fill)\b[^\]>}]{0,300}[\]>}]+", re.IGNORECASE)
_LOREM = re.compile(r"lorem ipsum", re.IGNORECASE)
_MARKUP = re.compile(r"[#*_`>|\[\]()\-:.,;!?\"'…]+")


def is_thin(text: str) -> bool:
    """Whether text says nothing: empty, under three words, lorem ipsum, or only placeholders."""
    if _LOREM.search(text):
        return True
    words = _MARKUP.sub(" ", _PLACEHOLDER.sub(" ", _TEMPLATE.sub(" ", text))).split()
    return len(words) < MIN_WORDS


def says_something(text: str) -> bool:
    """Whether a short value (a name, a job title) has a word left once placeholders go."""
    if _LOREM.search(text):
        return False
    return bool(_MARKUP.sub(" ", _PLACEHOLDER.sub(" ", _TEMPLATE.sub(" ", text))).split())
