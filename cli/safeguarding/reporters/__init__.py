"""Reporters turn a result of `validate` or `check` into output; FORMATS is the one registry.

Each format names the module whose `report(result, out, *, strict)` writes it, imported only
when chosen (so that `validate` starts quickly), and the commands that offer it. The CLI's
`--format` choices are read from here: a new format is one module and one line below.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Protocol, TextIO

from ..results import CHECK, VALIDATE

if TYPE_CHECKING:
    from ..results import CheckResult

BOTH = frozenset({VALIDATE, CHECK})


class Reporter(Protocol):
    """Write a whole result to out; strict makes should-level gaps fail."""

    def __call__(self, result: CheckResult, out: TextIO, *, strict: bool = False) -> None: ...


@dataclass(frozen=True)
class Format:
    """An output format: its name, the module that writes it, the commands that offer it."""

    name: str
    module: str  # under safeguarding.reporters, holding `report`
    commands: frozenset[str] = BOTH


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("text", "text"),
    Format("json", "json"),
    Format("junit", "junit"),
    Format("sarif", "sarif"),
    Format("github", "github"),
    # The review document is about requirements met: `check` only (--out DIR writes it).
    Format("html", "check_html", frozenset({CHECK})),
)}


def format_names(command: str) -> list[str]:
    """The formats a command offers, in the registry's order."""
    return [f.name for f in FORMATS.values() if command in f.commands]


def reporter(name: str) -> Reporter:
    """The `report` function of a registered format."""
    found: Reporter = import_module(f"{__name__}.{FORMATS[name].module}").report
    return found
