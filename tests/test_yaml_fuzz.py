"""Property tests: no input, however broken, makes loading or validation raise."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from safeguarding.commands.scaffold import dump_yaml
from safeguarding.findings import Finding, Severity
from safeguarding.load import integrity
from safeguarding.load.schema_validation import validate_source
from safeguarding.load.yaml_messages import INVISIBLE, NONCHARACTERS
from safeguarding.load.yaml_warnings import RULE_COMMENT, RULE_CURLY
from safeguarding.load.yamlfile import MAX_NUMBER, SourceFile, load_yaml, load_yaml_text

SCHEMAS = ("partnership", "arrangements", "yearly-report")
# The suite runs the same examples every time, so that CI cannot fail on a case nobody
# has seen; `HYPOTHESIS_EXAMPLES=20000 make fuzz` hunts with fresh random ones.
_HUNT = os.environ.get("HYPOTHESIS_EXAMPLES")
FAST = settings(max_examples=int(_HUNT or 150), derandomize=not _HUNT, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])
# Field names the schemas know, so that generated documents get deep into them.
KEYS = st.sampled_from(["title", "status", "sections", "blocks", "type", "id", "body", "src",
                        "alt", "rows", "columns", "covers", "published", "partnership", "name",
                        "area", "logo", "branding", "reporting_period", "start", "end", "x"])
# Numbers within what the loader accepts (larger ones are refused: test_yamlfile.py).
NUMBERS = st.integers(-MAX_NUMBER, MAX_NUMBER) | st.floats(-MAX_NUMBER, MAX_NUMBER)
# Control characters other than tab and line breaks are refused (written as escapes: the
# reader refuses them raw), and so are Unicode's non-characters; text that must load leaves
# them out; CONTROLS puts them in.
CONTROLS = st.characters(categories=["Cc"], exclude_characters="\t\n\r") | st.sampled_from(
    sorted(NONCHARACTERS))
TEXT = st.text(st.characters(exclude_categories=["Cs", "Cc"], include_characters="\t\n\r",
                             exclude_characters=NONCHARACTERS), max_size=20)
SCALARS = st.none() | st.booleans() | NUMBERS | TEXT | st.sampled_from(
    ["draft", "table", "figure", "2024-03-31", "assets/x.png"])
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(KEYS, inner, max_size=5), max_leaves=30)
BITS = ["a", ":", " ", "\n", "- ", "[", "]", "{", "}", ",", "&x", "*x", "!!", "<<", "'", '"', "#",
        "\t", "|", ">", "?", "---", "é", "\x00"]
YAML_BITS = st.sampled_from(BITS)
# What the loader's warnings look for: comments after text, and curly quotes.
WARNING_BITS = st.sampled_from([*BITS, " #", "#1", "1", "\u201c", "\u201d", "\u2018", "\u2019",
                                "\r\n", "\ufeff", "\u2615", "\u201ca\u201d"])


def check_everything(loaded: SourceFile | Finding) -> None:
    if isinstance(loaded, Finding):
        assert loaded.rule in ("yaml", "io") and loaded.message
        return
    for schema in SCHEMAS:
        for finding in validate_source(loaded, schema):
            assert finding.message and finding.line >= 1
    with tempfile.TemporaryDirectory() as folder:
        list(integrity.check_unique_ids(loaded))
        list(integrity.check_assets(loaded, Path(folder)))
        list(integrity.check_partnership_field(loaded, "tiny"))


@FAST
@given(st.text(max_size=200))
def test_any_text(text: str) -> None:
    check_everything(load_yaml_text(text, "fuzz.yaml"))


@FAST
@given(st.lists(YAML_BITS, max_size=60).map("".join))
def test_yaml_shaped_text(text: str) -> None:
    check_everything(load_yaml_text(text, "fuzz.yaml"))


@FAST
@given(st.binary(max_size=200))
def test_any_bytes(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.yaml"
        path.write_bytes(raw)
        check_everything(load_yaml(path, "fuzz.yaml"))


@FAST
@given(st.dictionaries(KEYS, VALUES, max_size=8))
@example({"title": "1E100"})  # a string that YAML 1.1 writes bare and YAML 1.2 reads as a number
@example({"x": ["0123", "yes", "1_000", ".inf", "0x1F", "2024-03-31"]})
@example({"body": "tab\tand\r\nbreaks", "alt": "pasted\u2028line\u2029breaks"})
@example({"title": "\u201cAnnual report\u201d", "x": ["Priority #1", "#003366", "\u2018a\u2019"]})
def test_any_document_shape_round_trips(document: dict[str, Any]) -> None:
    loaded = load_yaml_text(dump_yaml(document), "fuzz.yaml")
    assert isinstance(loaded, SourceFile), loaded
    assert loaded.data == document
    assert loaded.findings == []  # nothing the emitter writes is taken for a mistake
    check_everything(loaded)


@FAST
@given(st.dictionaries(KEYS, VALUES, max_size=8), KEYS, TEXT, CONTROLS, st.booleans())
@example({}, "x", "", "\x85", False)  # the escape \N: NEL, which YAML also reads as a line break
def test_a_control_character_in_any_text_or_key_is_refused(
        document: dict[str, Any], key: str, text: str, char: str, in_key: bool) -> None:
    if in_key:
        assume(not set(INVISIBLE) & set(text))  # a key's invisible character is reported first
        document[text + char] = "value"
    else:
        document[key] = text + char
    loaded = load_yaml_text(dump_yaml(document), "fuzz.yaml")
    assert isinstance(loaded, Finding) and loaded.line >= 1, loaded
    assert f"(U+{ord(char):04X})" in loaded.message


@FAST
@given(st.text(st.characters(exclude_categories=()), max_size=100))  # surrogates too
def test_any_text_even_lone_surrogates(text: str) -> None:
    check_everything(load_yaml_text(text, "fuzz.yaml"))


@FAST
@given(st.lists(WARNING_BITS, max_size=60).map("".join))
@example("title: Priority #1\r\nx: \u201cy\u201d #\u2615\n")
def test_warnings_point_at_what_they_name(text: str) -> None:
    loaded = load_yaml_text(text, "fuzz.yaml")
    check_everything(loaded)
    if isinstance(loaded, Finding):
        return
    lines = text.removeprefix("\ufeff").splitlines()
    for found in loaded.findings:
        assert found.severity is Severity.WARNING and found.message and found.hint
        at = lines[found.line - 1][found.column - 1:]
        if found.rule == RULE_COMMENT:
            assert at.startswith("#"), (found, text)
        else:
            assert found.rule == RULE_CURLY and at[:1] in "\u201c\u2018", (found, text)
