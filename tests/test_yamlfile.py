"""The strict YAML loader: every trap gives a plain-English finding at the right line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from safeguarding.findings import Finding, Severity
from safeguarding.load.yamlfile import MAX_DEPTH, MAX_TEXT, SourceFile, load_yaml, load_yaml_text


def problem(text: str) -> tuple[str, str, str]:
    found = load_yaml_text(text, "f.yaml")
    assert isinstance(found, Finding), f"loaded: {found}"
    assert found.rule == "yaml"
    return str(found.location), found.message, found.hint


def data(text: str) -> object:
    loaded = load_yaml_text(text, "f.yaml")
    assert isinstance(loaded, SourceFile), loaded
    return loaded.data


@pytest.mark.parametrize(("text", "where", "message"), [
    ("a: 1\nb: 2\na: 3\n", "f.yaml:3:1", "duplicate key 'a' (first given at line 1)"),
    ("- x: 1\n  y: 2\n  x: 3\n", "f.yaml:3:3", "duplicate key 'x' (first given at line 1)"),
    ("a: 1\n'a': 2\n", "f.yaml:2:1", "duplicate key 'a'"),
    ("a: &x [1, 2]\nb: *x\n", "f.yaml:1:4", "anchors and aliases (&name, *name) are not allowed"),
    ("base: &b {x: 1}\nmore:\n  <<: *b\n", "f.yaml:3:3", "merge keys (<<) are not allowed"),
    ("a:\n  <<: {x: 1}\n", "f.yaml:2:3", "merge keys (<<) are not allowed"),
    ("? [a, b]\n: 1\n", "f.yaml:1:3", "a key must be plain text"),
    ("a:\n\tb: 1\n", "f.yaml:2:1", "a tab character is used for indentation"),
    ("title: [a, b\nnext: c\n", "f.yaml:2:5", "YAML syntax error"),
    # The parser's own words after "YAML syntax error:" are libyaml's and may change.
    ("a: b\n  c: d\n", "f.yaml:2:4", "YAML syntax error"),
    ("x: 'open\n", "f.yaml:2:1", "YAML syntax error"),
    ("---\na: 1\n---\nb: 2\n", "f.yaml:3:1", "YAML syntax error"),
    ("a: !!binary aGVsbG8=\n", "f.yaml:1:4", "the YAML tag '!!binary' is not allowed"),
    ("a: !!timestamp 2024-03-31\n", "f.yaml:1:4", "the YAML tag '!!timestamp' is not allowed"),
    ("a: !local x\n", "f.yaml:1:4", "the YAML tag '!local' is not allowed"),
    ("a: 1\nb: x\x00y\n", "f.yaml:2:5", "NUL character"),
    ("a: 1\nb: \x07\n", "f.yaml:2:4", "control character (U+0007)"),
    ("é: 1\nb: \x07\n", "f.yaml:2:4", "control character (U+0007)"),
])
def test_traps_give_a_located_message(text: str, where: str, message: str) -> None:
    found_where, found_message, _ = problem(text)
    assert (found_where, message in found_message) == (where, True), found_message


def test_every_problem_comes_with_a_hint_for_the_common_ones() -> None:
    assert "spaces" in problem("a:\n\tb: 1\n")[2]
    assert "quotes" in problem("a: b: c\n")[2]
    assert "full" in problem("a: &x 1\nb: *x\n")[2]


@pytest.mark.parametrize("text", [
    "[" * 100_000,  # libyaml's composer would crash the interpreter (not raise) on this
    "[" * 5_000 + "]" * 5_000,
    "{a: " * 1_000 + "1" + "}" * 1_000,
    "".join(" " * i + "- \n" for i in range(200)),
])
def test_deep_nesting_is_refused_before_it_can_crash(text: str) -> None:
    assert f"nesting deeper than {MAX_DEPTH} levels" in problem(text)[1]


def test_nesting_up_to_the_limit_is_fine() -> None:
    assert data("[" * MAX_DEPTH + "]" * MAX_DEPTH) is not None


@pytest.mark.parametrize(("text", "value"), [
    ("country: NO\n", {"country": "NO"}),          # YAML 1.1 reads False
    ("answer: yes\n", {"answer": "yes"}),
    ("switch: off\n", {"switch": "off"}),
    ("time: 1:30:00\n", {"time": "1:30:00"}),      # YAML 1.1 reads 5400
    ("zip: 0755\n", {"zip": "0755"}),              # YAML 1.1 reads 493
    ("date: 2024-03-31\n", {"date": "2024-03-31"}),  # YAML 1.1 reads a datetime.date
    ("ver: 1.10\n", {"ver": 1.1}),
    ("big: 1e3\n", {"big": 1000.0}),
    ("flag: true\nnone: ~\nempty:\n", {"flag": True, "none": None, "empty": None}),
    ("1: one\nnull: nothing\n", {"1": "one", "null": "nothing"}),  # keys stay text, as in JSON
])
def test_yaml_1_1_traps_are_read_as_written(text: str, value: object) -> None:
    assert data(text) == value


def test_marks_give_the_line_and_column_of_values_and_keys() -> None:
    loaded = load_yaml_text("title: T\nsections:\n  - id: a\n    title: A\n", "f.yaml")
    assert isinstance(loaded, SourceFile)
    assert str(loaded.locate(("sections", 0, "title"))) == "f.yaml:4:12"
    assert str(loaded.locate(("sections", 0, "title"), key=True)) == "f.yaml:4:5"
    assert str(loaded.locate(("sections", 0, "missing"))) == "f.yaml:3:5"


def test_an_empty_file_loads_as_nothing() -> None:
    assert data("") is None
    assert data("# only a comment\n") is None


def test_files_that_are_not_utf8_are_reported_at_the_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("title: ok\nbody: caf\xe9\n".encode("latin-1"))
    found = load_yaml(path, "latin1.yaml")
    assert isinstance(found, Finding)
    assert (str(found.location), found.message) == (
        "latin1.yaml:2:10", "the file is not UTF-8 text (byte 0xe9)")


def test_a_byte_order_mark_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbftitle: T\n")
    loaded = load_yaml(path)
    assert isinstance(loaded, SourceFile) and loaded.data == {"title": "T"}


def test_an_unreadable_file_is_a_finding_not_an_exception(tmp_path: Path) -> None:
    found = load_yaml(tmp_path / "missing.yaml", "missing.yaml")
    assert isinstance(found, Finding) and found.rule == "io"
    assert found.message.startswith("cannot read the file")


def test_an_alias_bomb_is_refused_without_being_expanded() -> None:
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    where, message, _ = problem("\n".join(levels) + "\n")
    assert message.startswith("anchors and aliases") and where.startswith("f.yaml:")


@pytest.mark.parametrize(("text", "where"), [
    ("value: " + "9" * 400 + "\n", "f.yaml:1:8"),   # sums and charts overflowed a float
    ("value: " + "9" * 5000 + "\n", "f.yaml:1:8"),  # Python's own 4,300-digit limit
    ("a:\n  - -" + "9" * 20 + "\n", "f.yaml:2:5"),
    ("amount: 1e300\n", "f.yaml:1:9"),              # finite, but two of them add up to inf
])
def test_numbers_too_large_for_any_figure_are_refused_where_they_are(text: str,
                                                                      where: str) -> None:
    found_where, message, hint = problem(text)
    assert (found_where, "is too large" in message) == (where, True), message
    assert "quotes" in hint


@pytest.mark.parametrize(("text", "where", "message"), [
    ("value: " + "9" * 400 + "\n", "f.yaml:1:8",
     "the number " + "9" * 20 + "… is too large (more than 9,007,199,254,740,991)"),
    ("a: -1e300\n", "f.yaml:1:4",
     "the number -1e300 is too large (more than 9,007,199,254,740,991)"),
    ("a: " + "x" * (MAX_TEXT + 1) + "\n", "f.yaml:1:4",
     f"the text is {MAX_TEXT + 1:,} characters long, more than the {MAX_TEXT:,} one value may "
     "hold"),
    ("a: 1\nb: x\ud800\n", "f.yaml:2:5", "the text contains a character that is not valid "
     "Unicode"),
    ("a: 1\nb: \x07\n", "f.yaml:2:4", "the file contains a control character (U+0007) that "
     "YAML does not allow"),
])
def test_each_refusal_is_worded_in_full(text: str, where: str, message: str) -> None:
    # The loader names what it refuses and yaml_messages words it: the facts reach the words.
    assert problem(text)[:2] == (where, message)


def test_large_but_real_figures_load() -> None:
    assert data("budget: 9000000000000\nshare: 0.000001\n") == {
        "budget": 9_000_000_000_000, "share": 0.000001}


@pytest.mark.parametrize(("text", "where", "char"), [
    ("title: T\n\ufeffedition: wt2023\n", "f.yaml:2:1", "U+FEFF"),       # a pasted BOM
    ("title: T\n\u200bedition: wt2023\n", "f.yaml:2:1", "U+200B"),       # zero-width space
    ("a:\n  b: 1\n\u00a0\u00a0c: 2\n", "f.yaml:3:1", "U+00A0"),          # no-break indent
    ("a:\n  b: 1\n  c:\u00a0x\n", "f.yaml:3:5", "U+00A0"),               # no-break after ':'
])
def test_invisible_characters_that_break_the_structure_are_named(text: str, where: str,
                                                                 char: str) -> None:
    found_where, message, hint = problem(text)
    assert (found_where, char in message) == (where, True), message
    assert "delete" in hint


def test_invisible_characters_inside_text_are_kept() -> None:
    assert data("title: \"a\u00a0b\u200bc\"\nbody: x\u00a0y\n") == {
        "title": "a\u00a0b\u200bc", "body": "x\u00a0y"}


def test_an_invisible_character_in_text_is_not_blamed_for_a_syntax_error_nearby() -> None:
    where, message, _ = problem("title: Caf\u00e9\u00a0Nero\nbody: [open\n")
    assert "U+00A0" not in message and where == "f.yaml:3:1"


@pytest.mark.parametrize(("text", "where", "char"), [
    # Pasted into a `|` block: libyaml counted it as a line break and reported a syntax error
    # lines later.
    ("title: T\nbody: |\n  Our work this year\u2028continued\n  and more\nnext: x\n",
     "f.yaml:3:21", "U+2028 (a line separator)"),
    ("title: \"Caf\u2029e\"\n", "f.yaml:1:12", "U+2029 (a paragraph separator)"),  # was folded
    ("a: 1\nb: 'x\x85y'\n", "f.yaml:2:6", "U+0085 (a next-line character)"),
    ("# a note\u2028\ntitle: T\n", "f.yaml:1:9", "U+2028"),
    ("a: x\u2028y\u2028z\nb: 1\n", "f.yaml:1:5", "U+2028"),  # the first, on the editor's line
])
def test_unicode_line_breaks_are_refused_where_an_editor_shows_them(text: str, where: str,
                                                                    char: str) -> None:
    found_where, message, hint = problem(text)
    assert (found_where, message.startswith(f"the file contains an invisible character, {char}")
            ) == (where, True), message
    assert "delete it, or press Enter for a new line" in hint


def test_unicode_line_breaks_written_as_escapes_are_kept() -> None:
    assert data('body: "one\\Ltwo\\Pthree"\n') == {"body": "one\u2028two\u2029three"}


@pytest.mark.parametrize(("text", "where", "message"), [
    ('caption: "Figure 2 \\u0001 map"\n', "f.yaml:1:10",
     "the text contains a control character (U+0001), written as an escape"),
    ('rows:\n  - ["\\e[31mred", 1]\n', "f.yaml:2:6", "control character (U+001B)"),
    ('a: "\\N"\n', "f.yaml:1:4", "control character (U+0085)"),  # NEL, a C1 control
    ('a: "\\x9f"\n', "f.yaml:1:4", "control character (U+009F)"),
    ('a: "\\x7f"\n', "f.yaml:1:4", "control character (U+007F)"),
    ('"ti\\x08tle": T\n', "f.yaml:1:1",
     "the key 'title' contains a control character (U+0008), written as an escape"),
    # Non-characters: not text, and invalid in XML (a JUnit report would not parse).
    ('caption: "Map \\uFFFE of areas"\n', "f.yaml:1:10", "a Unicode non-character (U+FFFE)"),
    ('a: "\\U0010FFFF"\n', "f.yaml:1:4", "a Unicode non-character (U+10FFFF)"),
    ('a: "\\uFDD0"\n', "f.yaml:1:4", "a Unicode non-character (U+FDD0)"),
])
def test_control_characters_written_as_escapes_are_refused(text: str, where: str,
                                                           message: str) -> None:
    found_where, found_message, hint = problem(text)
    assert (found_where, message in found_message) == (where, True), found_message
    assert hint == "delete the escape; it cannot be printed"


def test_tabs_and_line_breaks_written_as_escapes_are_kept() -> None:
    assert data('a: "one\\ttwo\\r\\nthree"\n') == {"a": "one\ttwo\r\nthree"}
    assert data('a: "\\uFFFD \\uFDF0"\n') == {"a": "\ufffd \ufdf0"}  # their neighbours


@pytest.mark.parametrize("text", [
    "title: \u201cYearly report: 2023 to 2024\u201d\n",
    "title: \u2018Yearly report: 2023 to 2024\u2019\n",
    "sections:\n  - title: \u201cPriorities: 2024 to 2025\u201d\n",
])
def test_curly_quotes_are_named_as_the_cause_of_a_syntax_error(text: str) -> None:
    _, message, hint = problem(text)
    assert message.startswith("YAML syntax error")
    assert "straight quotes" in hint and "word processors" in hint


def test_a_curly_apostrophe_is_not_taken_for_a_quote() -> None:
    assert "put text that contains ': ' in quotes" in problem(
        "body: the partnership\u2019s report: 2023\n")[2]


def warnings(text: str) -> list[tuple[str, str, str, str]]:
    """(location, rule, message, hint) of each warning; the text must load."""
    loaded = load_yaml_text(text, "f.yaml")
    assert isinstance(loaded, SourceFile), loaded
    assert all(f.severity is Severity.WARNING for f in loaded.findings)
    return [(str(f.location), f.rule, f.message, f.hint) for f in loaded.findings]


@pytest.mark.parametrize(("text", "where", "cut"), [
    ("title: Priority #1 keep children safe\n", "f.yaml:1:17", "the value is only 'Priority'"),
    ("sections:\n  - title: Week #2\n", "f.yaml:2:17", "the value is only 'Week'"),
    ("columns:\n  - Cases #\n", "f.yaml:2:11", "the value is only 'Cases'"),
    ("title: Draft #TODO\n", "f.yaml:1:14", "the value is only 'Draft'"),
    ("primary_colour: #003366\n", "f.yaml:1:17", "the value is empty"),
    ("- #1 priority\n", "f.yaml:1:3", "the value is empty"),
    ("body: A year of steady\n  progress #1 in the region\n", "f.yaml:2:12",
     "the value is only 'A year of steady progress'"),
    ("body: One.\n\n  Two #3\n", "f.yaml:3:7", "the value is only 'One. Two'"),  # on one line
    ("title: Caf\u00e9 \u2615 #1\n", "f.yaml:1:15", "the value is only 'Caf\u00e9 \u2615'"),
    ("a: b\r\ntitle: Priority #1\r\n", "f.yaml:2:17", "the value is only 'Priority'"),
    ("\ufefftitle: Priority #1\n", "f.yaml:1:17", "the value is only 'Priority'"),
    ("body: " + "steady work " * 8 + "#1\n", "f.yaml:1:103",
     "the value ends at '\u2026steady work steady work steady work'"),
])
def test_text_cut_short_by_a_comment_is_a_warning_at_the_hash(text: str, where: str,
                                                              cut: str) -> None:
    assert [w[:3] for w in warnings(text)] == [
        (where, "yaml.comment_in_value", f"the text after ' #' is a comment, so {cut}")]


def test_the_value_is_read_as_yaml_reads_it() -> None:
    assert data("title: Priority #1 keep children safe\n") == {"title": "Priority"}


@pytest.mark.parametrize(("text", "example"), [
    ("title: Priority #1 keep children safe\n", 'title: "Priority #1 keep children safe"'),
    ("items:\n  - Priority #1 \n", '- "Priority #1"'),
    ("primary_colour: #003366\n", 'primary_colour: "#003366"'),
    ('quote: She said "no" #2\n', "quote: 'She said \"no\" #2'"),  # " inside: single quotes
    ("body: A year of steady\n  progress #1\n", "a \" before its first word and another at "
     "the end of this line"),  # a value over two lines
    ("columns: [Course #1\n  , People]\n", "a \" before its first word"),  # in brackets
    ("body: " + "word " * 20 + "#1\n", "a \" before its first word"),  # too long to repeat
])
def test_the_hint_shows_the_value_in_quotes(text: str, example: str) -> None:
    [(_, _, _, hint)] = warnings(text)
    assert hint.startswith(f"if the # belongs to the text, put the whole value in quotes: "
                           f"{example}")
    assert hint.endswith("; if it is a comment, put a space after the # to say so")


@pytest.mark.parametrize("text", [
    "amount: 500 #approx\n",                  # numbers, true/false, null: a comment on purpose
    "share: 0.5 #half\n",
    "published: false #not yet\n",
    "chair: null #vacant\n",
    "published: # not yet\n",                 # a space after the #: a comment
    "status: draft # until the board signs it off\n",
    "status: draft\t# after a tab\n",
    "status: draft #\tafter a tab\n",
    "title: Summary  #two spaces before: a comment\n",
    "published:\n",
    "body: |\n  Priority #1 keep children safe\n",  # in a block scalar a # is text
    "body: >\n  Priority #1\n  ## Heading\n",
    'title: "Priority #1"\n',
    "title: 'Priority #1'\n",
    "website: https://example.org/page#contact\n",
    "title: Issue#1\n",
    "# Priority #1\ntitle: T\n",
    "sections: #the report's sections\n  - id: a\n",
    "rows:\n  - [Neglect, 120] #as printed\n",
])
def test_deliberate_comments_and_a_hash_in_text_are_fine(text: str) -> None:
    assert warnings(text) == []


@pytest.mark.parametrize(("text", "where"), [
    ("title: \u201cAnnual report 2023 to 2024\u201d\n", "f.yaml:1:8"),
    ("title: \u2018Annual report\u2019\n", "f.yaml:1:8"),
    ("sections:\n  - title: \u201cOur year\u201d\n", "f.yaml:2:12"),
    ("tags:\n  - \u201cneglect\u201d\n", "f.yaml:2:5"),
])
def test_a_value_wrapped_in_curly_quotes_is_a_warning(text: str, where: str) -> None:
    assert warnings(text) == [(
        where, "yaml.curly_quotes",
        "the value is wrapped in curly quotes, which YAML keeps as part of the text",
        "use straight quotes (\" or ') or none; word processors turn quotes curly")]


@pytest.mark.parametrize("text", [
    "title: The partnership\u2019s year\n",
    "body: The board said \u201cyes\u201d to the plan\n",
    "body: \u201cYes\u201d, said the board\n",
    "title: \u201cOpen but never closed\n",
    "title: \u201cMismatched\u2019\n",
    "title: \u201c\n",
    'title: "\u201cQuoted on purpose\u201d"\n',
    "body: |\n  \u201cA quotation\u201d\n",
])
def test_curly_quotes_inside_text_or_on_purpose_are_fine(text: str) -> None:
    assert warnings(text) == []
