"""Property tests over the checks and the renderer: any text in any field gives a result
(findings, each located; HTML without active content), never an exception, and in bounded
time. The loader's own property tests are in test_yaml_fuzz.py."""

from __future__ import annotations

import json
import time
from datetime import date
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from test_yaml_fuzz import FAST

from safeguarding.check.consistency import CHECKS_BY_ID, CheckContext
from safeguarding.check.coverage import check_coverage
from safeguarding.check.requirements import load_rule_sets
from safeguarding.load.yaml_messages import DECEPTIVE
from safeguarding.load.yamlfile import SourceFile, load_yaml_text
from safeguarding.render.markdown import MarkdownRenderer, dropped_from, raw_html_in

HANG = 5.0  # seconds for one example: a guard against a hang, not a benchmark
PARTNERSHIP = load_yaml_text(
    (Path(__file__).parent / "fixtures" / "check" / "casetown" / "partnership.yaml")
    .read_text(encoding="utf-8"), "partnership.yaml")
RULE_SETS = load_rule_sets()
# Pieces that matter to Markdown, HTML, the checks' patterns and a terminal, with words.
PIECES = st.sampled_from([
    "[", "]", "(", ")", "![", "[^1]", "<", ">", "<!--", "-->", "<script>", "</b>", "`", "*",
    "_", "#", "|", "\n", "\n\n", "- ", "1. ", "&amp;", "&#x202e;", "javascript:", "data:",
    "https://x.example/", "www.", "@", "%", "101%", "1 in 5", "2023-24", "2023 - 2024", "£",
    "MASH", "ABC (", "(Multi Agency Safeguarding Hub)", "\u201c", "\u201d", '"', "'", "CCG",
    "independent chair", "increase", "{{ 7 * 7 }}", "{%", "\u00a0", "\t", "é", "\u0661",
    "word", " ", ".", ",", *sorted(DECEPTIVE)[:6]])
TEXTS = st.lists(PIECES, max_size=60).map("".join) | st.text(max_size=200).filter(
    lambda t: "\x00" not in t)


def _document(text: str) -> SourceFile | None:
    value = json.dumps(text)
    loaded = load_yaml_text(f"""\
title: {value}
status: draft
edition: wt2023
published: "2024-09-01"
reporting_period: {{start: "2023-04-01", end: "2024-03-31"}}
sections:
  - id: s
    title: {value}
    body: {value}
    blocks:
      - type: key-facts
        facts:
          - {{label: {value}, value: 101, unit: percent, source: {value}}}
      - type: table
        columns: [{value}]
        rows: [[{value}]]
""", "reports/2023-24.yaml")
    return loaded if isinstance(loaded, SourceFile) else None  # refused: a located finding


@FAST
@given(TEXTS)
def test_every_check_gives_located_findings_for_any_text(text: str) -> None:
    source = _document(text)
    if source is None:
        return
    assert isinstance(PARTNERSHIP, SourceFile)
    context = CheckContext(source, "yearly-report", "wt2023", date(2025, 6, 1), PARTNERSHIP,
                           None, "2022-23", frozenset(RULE_SETS.known_ids()), "2023-24")
    start = time.perf_counter()
    for check in CHECKS_BY_ID.values():
        for finding in check.function(context):
            assert finding.file == "reports/2023-24.yaml" and finding.line >= 1, finding
    rule_set = RULE_SETS.get("yearly-report", "wt2023")
    assert rule_set is not None
    check_coverage(rule_set, source.data, PARTNERSHIP.data)
    assert time.perf_counter() - start < HANG


@FAST
@given(TEXTS)
def test_the_renderer_never_passes_active_content_through(text: str) -> None:
    renderer = MarkdownRenderer()
    start = time.perf_counter()
    html = renderer.block(text) + renderer.inline(text) + renderer.cell(text)
    raw_html_in(text)
    dropped_from(text)
    assert time.perf_counter() - start < HANG
    lowered = str(html).lower()
    assert "<script" not in lowered and "<!--" not in lowered and "<b>" not in lowered
    assert 'href="javascript:' not in lowered and 'href="data:' not in lowered
    assert "<img" not in lowered


YAML_PIECES = st.sampled_from(["a", ":", " ", "\n", "- ", "[", "]", "{", "}", ",", "'", '"',
                               "id", "title", "x" * 60, "#", "\\u202e", "\\e", "9" * 30,
                               *sorted(DECEPTIVE)])


@FAST
@given(st.lists(YAML_PIECES, max_size=80).map("".join))
def test_the_loader_gives_data_or_one_located_finding_for_any_text(text: str) -> None:
    start = time.perf_counter()
    loaded = load_yaml_text(text, "doc.yaml")
    assert time.perf_counter() - start < HANG
    if isinstance(loaded, SourceFile):
        assert all(f.line >= 1 for f in loaded.findings)
    else:
        assert loaded.file == "doc.yaml" and loaded.line >= 1 and loaded.message
