"""Adversarial text never makes `check`, coverage or the renderer hang.

Each text below once made some regular expression or parser read the rest of the text from
every position (unclosed brackets and quotes, thousands of "<!--", "[" or acronyms followed
by "("), so that a few hundred KB took minutes. The bounds are generous guards against a
hang, not benchmarks: quadratic work on these sizes takes minutes, linear work well under a
second (scripts/benchmark.py measures speed).
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from casetown import CASETOWN as BASE
from casetown import report_head

from safeguarding.check.compliance import CheckOptions, check_workspace
from safeguarding.check.consistency import CHECKS_BY_ID, CheckContext
from safeguarding.check.coverage import check_coverage, is_thin
from safeguarding.check.requirements import load_rule_sets
from safeguarding.load.workspace import load_workspace
from safeguarding.load.yamlfile import MAX_TEXT
from safeguarding.render.markdown import MarkdownRenderer, dropped_from, raw_html_in

MEGABYTE = 1024 * 1024
HANG = 5.0  # seconds: any one check on the longest text a value may hold


def _times(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


ADVERSARIAL: dict[str, Callable[[int], str]] = {
    "unclosed comments": lambda n: _times("<!--", n),
    "unclosed tags": lambda n: _times("<a ", n),
    "lone angle brackets": lambda n: _times("<", n),
    "unclosed brackets": lambda n: _times("[", n),
    "unclosed images": lambda n: _times("![", n),
    "unclosed footnotes": lambda n: _times("[^", n),
    "unclosed links": lambda n: _times("](", n),
    "unclosed template instructions": lambda n: _times("[insert ", n),
    "unclosed placeholders": lambda n: _times("insert a ", n),
    "unclosed curly quotes": lambda n: _times("\u201cword ", n),
    "unclosed straight quote": lambda n: '"' + _times("word ", n - 1),
    "acronyms before unclosed parentheses": lambda n: _times("ABC (", n),
    "acronyms before unclosed full names": lambda n: _times("MASH (Multi agency ", n),
    "a word repeated": lambda n: _times("word ", n),
    "capitals": lambda n: _times("ABCDEFGH", n),
    "capital words": lambda n: _times("ABC ", n),
    "postcodes": lambda n: _times("AB1 2CD ", n),
    "digits": lambda n: _times("1", n),
    "percentages": lambda n: _times("101% ", n),
    "CCGs": lambda n: _times("CCG ", n),
    "independent chairs": lambda n: _times("independent chair ", n),
    "figure ranges": lambda n: _times("1-1-", n),
    "year ranges": lambda n: _times("2023 - 2024 - ", n),
    "one in": lambda n: _times("1 in ", n),
    "addresses": lambda n: _times("http://", n),
    "email-like": lambda n: _times("a.", n),
    "raw html block": lambda n: "<div>\n" + _times("<!--", n - 6),
    "titles": lambda n: _times("<title>", n),
    "data addresses": lambda n: _times("data:image/png;base64,", n),
}


def _workspace(tmp_path: Path, text: str, field: str) -> Path:
    folder = tmp_path / "casetown"
    shutil.copytree(BASE, folder)
    (folder / "reports").mkdir()
    value = json.dumps(text)  # a JSON string is a YAML double-quoted scalar
    fields = {"title": "Training", "body": "Text.", "label": "Children seen", "cell": "A cell"}
    fields[field] = value
    (folder / "reports" / "2023-24.yaml").write_text(report_head() + f"""\
sections:
  - id: training
    title: {fields["title"]}
    body: {fields["body"]}
    blocks:
      - type: key-facts
        facts:
          - {{label: {fields["label"]}, value: 5, unit: percent}}
      - type: table
        columns: [What]
        rows:
          - [{fields["cell"]}]
""", encoding="utf-8")
    return folder


FIELDS = ("body", "title", "label", "cell")
CASES = [(name, FIELDS[i % len(FIELDS)]) for i, name in enumerate(ADVERSARIAL)]


@pytest.mark.parametrize(("name", "field"), CASES, ids=[n for n, _ in CASES])
def test_each_check_is_linear(name: str, field: str, tmp_path: Path) -> None:
    """Every check, coverage and the renderer on the longest text a value may hold."""
    text = ADVERSARIAL[name](MAX_TEXT)
    ws = load_workspace([_workspace(tmp_path, text, field)])
    [doc] = ws.documents
    assert doc.source.data, "the case itself must load"
    partnership = ws.partnerships[0].source
    rule_sets = load_rule_sets()
    context = CheckContext(doc.source, "yearly-report", "wt2023", date(2025, 6, 1), partnership,
                           None, "2022-23", frozenset(rule_sets.known_ids()), "2023-24")
    renderer = MarkdownRenderer()
    work: dict[str, Callable[[], object]] = {
        rule: (lambda check=check: list(check.function(context)))
        for rule, check in CHECKS_BY_ID.items()}
    rule_set = rule_sets.get("yearly-report", "wt2023")
    assert rule_set is not None
    work["coverage"] = lambda: check_coverage(rule_set, doc.source.data, partnership.data)
    work["is_thin"] = lambda: is_thin(text)
    work["render block"] = lambda: renderer.block(text)
    work["render inline"] = lambda: renderer.inline(text)
    work["render cell"] = lambda: renderer.cell(text)
    work["raw html"] = lambda: raw_html_in(text)
    work["dropped"] = lambda: dropped_from(text)
    slow = {}
    for what, run in work.items():
        start = time.perf_counter()
        run()
        took = time.perf_counter() - start
        if took > HANG:
            slow[what] = round(took, 1)
    assert not slow, f"{name} in a {field}: {slow} seconds"


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_check_refuses_a_megabyte_of_text_in_a_field_at_once(name: str, tmp_path: Path) -> None:
    text = ADVERSARIAL[name](MEGABYTE)
    folder = _workspace(tmp_path, text, "body")
    start = time.perf_counter()
    result = check_workspace(load_workspace([folder]), CheckOptions(date(2025, 6, 1)))
    assert time.perf_counter() - start < 2 * HANG
    [finding] = [*result.findings, *(f for d in result.documents for f in d.findings)]
    assert finding.rule == "yaml" and "characters long" in finding.message
    assert (finding.line, finding.column) == (9, 11)  # where the body's text starts
