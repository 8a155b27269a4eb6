"""Schema errors in plain English, at the right line, against small schemas of our own."""

from __future__ import annotations

from pathlib import Path

import pytest

from safeguarding.schema_validation import validate_source
from safeguarding.yamlfile import SourceFile, load_yaml_text

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
     "2:12 'published' must be a date written as YYYY-MM-DD (got '2024-02-30')"),
    ("status: draft\n",
     "1:1 missing required field 'title'"),
    ("title: 12\n",
     '1:8 \'title\' must be text (got the number 12) | put the value in quotes, e.g. "12"'),
    ("title:\n",
     "1:1 'title' must be text (got an empty value) | write a value after the colon"),
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
