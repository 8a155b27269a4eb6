"""Reporters turn recorded findings into output; each is chosen by name from REPORTERS_BY_NAME."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol, TextIO

from ..findings import Finding
from . import json, text


class Reporter(Protocol):
    """Write findings (and a command's extra context, e.g. coverage) to out."""

    def __call__(self, findings: Sequence[Finding], out: TextIO, *, files: int,
                 extra: Mapping[str, Any] | None = None) -> None: ...


REPORTERS_BY_NAME: dict[str, Reporter] = {
    "text": text.report,
    "json": json.report,
}
