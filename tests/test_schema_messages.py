"""Schema errors in plain English, at the right line, against small schemas of our own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from safeguarding.load.schema_messages import PATTERN_NAMES
from safeguarding.load.schema_validation import validate_source
from safeguarding.load.yamlfile import SourceFile, load_yaml_text

SCHEMAS = Path(__file__).parent / "fixtures" / "schemas"


def check(text: str) -> list[str]:
    source = load_yaml_text(text, "doc.yaml")
    assert isinstance(source, SourceFile), source
    return [f"{f.line}:{f.column} {f.message}" + (f" | {f.hint}" if f.hint else "")
            for f in validate_source(source, "doc", SCHEMAS)]


def test_a_valid_document_has_no_findings() -> None:
    assert check("title: T\nstatus: draft\nblocks:\n  - type: text\n    body: B\n") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("title: T\ntitel: U\n",
     "2:1 unknown field 'titel'; did you mean 'title'?"),
    ("title: T\nstatus: final\n",
     "2:9 'status' must be one of: draft, published (got 'final')"),
    ("title: T\npublished: 31/03/2024\n",
     "2:12 'published' must be a date written as YYYY-MM-DD (got '31/03/2024')"),
    ("title: T\npublished: '2024-02-30'\n",
     "2:12 'published' is not a real date: there is no 30 February 2024 (got '2024-02-30') "
     "| check the day and month"),
    ("title: T\npublished: 2023-02-29\n",
     "2:12 'published' is not a real date: there is no 29 February 2023"),
    ("title: T\npublished: 2024-31-03\n",
     "2:12 'published' is not a real date: there is no month 31 (got '2024-31-03') "
     "| check the day and month: the month comes before the day (YYYY-MM-DD)"),
    ("title: T\npublished: 2024-3-31\n",
     "2:12 'published' must be a date written as YYYY-MM-DD (got '2024-3-31')"),
    ("status: draft\n",
     "1:1 missing required field 'title'"),
    ("title: 12\n",
     '1:8 \'title\' must be text (got the number 12) | put the value in quotes, e.g. "12"'),
    ("title:\n",  # a required field: leaving it out is no way to fix it
     "1:1 'title' must be text (got an empty value) | write a value after the colon (in "
     "quotes if it starts with #)$"),
    ("title: T\npublished:\n",
     "2:1 'published' must be a date written as YYYY-MM-DD (got an empty value) | write one "
     "after the colon, or leave the field out$"),
    ("title: T\ncount:\n",
     "2:1 'count' must be a whole number (got an empty value) | write a value after the colon "
     "(in quotes if it starts with #), or leave the field out$"),
    ("title: ''\n",
     "1:8 'title' must not be empty"),
    ("title: T\ncount: -1\n",
     "2:8 'count' must be at least 0 (got the number -1)"),
    ("title: T\ntags: []\n",
     "2:7 'tags' must have at least one item"),
    ("title: T\ntags: [a, b, a]\n",
     "2:7 'tags' lists 'a' more than once"),
    ("title: T\ncode: true\n",
     "2:7 'code' must be text or a whole number (got true)"),
    ("title: T\nwebsite: www.example.org\n",
     "2:10 'website' must be a full web address starting with https:// (got 'www.example.org')"),
    ("title: T\nwebsite: https://www.example.org/our team\n",
     "2:10 'website' must be a full web address starting with https:// (got "
     "'https://www.example.org/our team') | a web address cannot contain spaces"),
    ("- title\n",
     "1:1 the file must be a group of fields (got a list)"),
])
def test_each_kind_of_error_says_what_was_expected(text: str, expected: str) -> None:
    found = check(text)
    assert len(found) == 1, found
    if expected.endswith("$"):  # the whole message and hint
        assert found[0] == expected[:-1]
    else:
        assert found[0].startswith(expected)


def test_unknown_field_is_located_at_the_key_and_lists_the_allowed_fields() -> None:
    found = check("title: T\nblocks:\n  - type: text\n    bdy: B\n")
    assert found == [
        "3:5 missing required field 'body' in blocks[0]",
        "4:5 unknown field 'bdy' in blocks[0]; did you mean 'body'? "
        "| allowed fields here: type, body",
    ]


def test_a_block_of_a_known_type_reports_only_that_type_s_errors() -> None:
    found = check("title: T\nblocks:\n  - type: table\n    rows: []\n")
    assert found == ["4:11 'rows' must have at least one item"]


def test_a_block_of_an_unknown_type_lists_the_valid_types() -> None:
    found = check("title: T\nblocks:\n  - type: chart\n    body: B\n")
    assert found == ["3:11 'type' must be one of: text, table (got 'chart')"]


def test_a_block_without_a_type_says_so_and_lists_the_types() -> None:
    found = check("title: T\nblocks:\n  - body: B\n")
    assert found == [
        "3:5 missing required field 'type' in blocks[0] | 'type' is one of: text, table"]


def test_a_shared_list_of_values_is_named_where_it_is_used() -> None:
    # An enum reached through `$ref` (the block types), narrowed by `not` where it is used
    # (a rule set's evidence may name any block but text).
    assert check("title: T\nshade: pink\n") == [
        "2:8 'shade' must be one of: green, blue (got 'pink')"]
    assert check("title: T\nshade: red\n") == [
        "2:8 'shade' must not be 'red' | Any colour but red."]
    assert check("title: T\nswatch: {}\n") == [
        "2:9 missing required field 'colour' in swatch | 'colour' is one of: red, green, blue"]


def test_any_of_reports_the_branch_that_got_deepest() -> None:
    found = check("title: T\ncontact:\n  email: not-an-address\n")
    assert found == ["3:10 'email' must be an e-mail address such as name@example.org "
                     "(got 'not-an-address')"]


def test_unevaluated_properties_suggest_fields_from_referenced_schemas() -> None:
    found = check("title: T\nperson:\n  name: N\n  titel: Dr\n")
    assert found == ["4:3 unknown field 'titel' in person; did you mean 'title'? "
                     "| allowed fields here: name, id, title"]


def test_every_error_is_reported_sorted_by_position() -> None:
    found = check("status: final\ncount: x\nextra: x\n")
    assert [f.split(" ")[0] for f in found] == ["1:1", "1:9", "2:8", "3:1"]


def test_other_keywords_fall_back_to_a_short_message(tmp_path: Path) -> None:
    (tmp_path / "odd.schema.json").write_text(
        '{"properties": {"pair": {"oneOf": [{"type": "array"}, {"maxItems": 2}]},'
        ' "nums": {"contains": {"type": "number"}}}}')
    source = load_yaml_text("pair: [1]\nnums: [" + ", ".join(["a"] * 100) + "]\n", "odd.yaml")
    assert isinstance(source, SourceFile)
    found = [(f.line, f.message) for f in validate_source(source, "odd", tmp_path)]
    assert found[0] == (1, "'pair' fits more than one of the allowed forms")
    assert found[1][0] == 2 and found[1][1].startswith("'nums': [") and len(found[1][1]) < 200


PATTERNS = {"properties": {
    "accent": {"type": "string", "pattern": "^#[0-9a-fA-F]{6}$",
               "description": "A hex colour for highlights."},
    "code": {"type": "string", "pattern": "^[A-Z]{3}$", "description": "Three capitals."},
    "slug": {"type": "string", "pattern": "^[a-z]+$"},
}}


@pytest.mark.parametrize(("text", "expected"), [
    ("accent: '#fff'\n",
     "1:9 'accent' must be a colour written as # and six hexadecimal digits (0-9, a-f), "
     "e.g. #1d70b8 (got '#fff') | write it as '#ffffff'"),
    ("accent: 1d70b8\n", "1:9 'accent' must be a colour written as # and six hexadecimal "
     "digits (0-9, a-f), e.g. #1d70b8 (got '1d70b8') | write it as '#1d70b8'"),
    ("accent: blue\n", "1:9 'accent' must be a colour written as # and six hexadecimal "
     "digits (0-9, a-f), e.g. #1d70b8 (got 'blue') | A hex colour for highlights."),
    # A pattern without wording of its own is explained by its description, or its pattern.
    ("code: ab\n", "1:7 'code' is not written the expected way (got 'ab') | Three capitals."),
    ("slug: Safe\n", "1:7 'slug' is not written the expected way (got 'Safe') "
     "| write it as 'safe'"),
    ("slug: a-b\n", "1:7 'slug' is not written the expected way (got 'a-b') "
     "| it must match the pattern ^[a-z]+$"),
])
def test_a_pattern_error_says_how_the_value_is_written(tmp_path: Path, text: str,
                                                       expected: str) -> None:
    (tmp_path / "p.schema.json").write_text(json.dumps(PATTERNS))
    source = load_yaml_text(text, "p.yaml")
    assert isinstance(source, SourceFile)
    assert [f"{f.line}:{f.column} {f.message} | {f.hint}"
            for f in validate_source(source, "p", tmp_path)] == [expected]


def _patterns(node: object) -> set[str]:
    if isinstance(node, list):
        return {p for item in node for p in _patterns(item)}
    if not isinstance(node, dict):
        return set()
    found = {node["pattern"]} if isinstance(node.get("pattern"), str) else set()
    return found | {p for value in node.values() for p in _patterns(value)}


def test_every_pattern_in_the_schemas_is_worded() -> None:
    schemas = Path(__file__).parents[1] / "schemas"
    used = {p for path in schemas.glob("*.schema.json")
            for p in _patterns(json.loads(path.read_text(encoding="utf-8")))}
    assert used and used <= set(PATTERN_NAMES), sorted(used - set(PATTERN_NAMES))
