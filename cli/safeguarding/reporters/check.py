"""The reporters of `check`, chosen by name: each writes a whole CheckResult."""

from __future__ import annotations

from typing import Protocol, TextIO

from ..compliance import CheckResult
from . import check_html, check_json, check_text, github, junit, sarif


class CheckReporter(Protocol):
    def __call__(self, result: CheckResult, out: TextIO, *, strict: bool = False) -> None: ...


CHECK_REPORTERS_BY_NAME: dict[str, CheckReporter] = {
    "text": check_text.report_check,
    "json": check_json.report_check,
    "junit": junit.report_check,
    "sarif": sarif.report_check,
    "github": github.report_check,
    "html": check_html.report_check,  # with --out DIR: check_html.write_check_html
}
