"""A match inside a value is located at its line and column in the file, from the text the
loader kept: whatever the value's style, and without the file being read again."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_check_cases import CASES_DIR, _expected, run_case

from safeguarding.load.yamlfile import SourceFile, load_yaml, load_yaml_text


def located(text: str, path: tuple[str | int, ...], needle: str, nth: int = 0) -> tuple[int, int]:
    """(line, column) of the nth occurrence of needle in the value at path."""
    source = load_yaml_text(text, "f.yaml")
    assert isinstance(source, SourceFile), source
    value = source.data
    for key in path:
        value = value[key]
    start = -1
    for _ in range(nth + 1):
        start = value.index(needle, start + 1)
    where = source.locate_in(path, start, start + len(needle))
    return where.line, where.column


@pytest.mark.parametrize(("text", "at"), [
    ("a:\n  body: see FOUND here\n", (2, 13)),  # plain
    ("body: first line\n  and FOUND there\n", (2, 7)),  # plain, folded over two lines
    ("body: 'it''s FOUND'\n", (1, 14)),  # single quotes, with an escaped quote before
    ('body: "tab\\there, FOUND"\n', (1, 19)),  # double quotes, with an escape before
    ('body: "one\n  two FOUND"\n', (2, 7)),  # double quotes, folded
    ("body: |\n  first\n  second FOUND\n", (3, 10)),  # literal block
    ("body: >\n  first\n  second FOUND\n", (3, 10)),  # folded block
    ("body: |-\n    indented\n    more FOUND\n", (3, 10)),  # block, chomped, deeper indent
    ("- - x\n  - a FOUND\n", (2, 7)),  # in a list
])
def test_a_match_is_located_in_each_style(text: str, at: tuple[int, int]) -> None:
    path: tuple[str | int, ...] = ("a", "body") if text.startswith("a:") else \
        (0, 1) if text.startswith("-") else ("body",)
    assert located(text, path, "FOUND") == at


def test_the_nth_occurrence_in_the_value_is_the_nth_in_the_file_from_the_value() -> None:
    text = "title: FOUND\nbody: |\n  FOUND once\n  and FOUND twice, FOUND thrice\n"
    assert [located(text, ("body",), "FOUND", n) for n in range(3)] == \
        [(3, 3), (4, 7), (4, 20)]


def test_a_part_the_file_does_not_show_as_is_gets_the_value_start() -> None:
    # An escape (\u00e9 for é) or a fold (a line break read as a space) changes the text.
    assert located('x: 1\nbody: "caf\\u00e9 au lait"\n', ("body",), "café") == (2, 7)
    assert located("x: 1\nbody: one\n  two\n", ("body",), "one two") == (2, 7)


def test_what_is_not_text_gets_the_location_of_the_value() -> None:
    source = load_yaml_text("a: 1\nb: [x]\n", "f.yaml")
    assert isinstance(source, SourceFile)
    assert (source.locate_in(("a",), 0, 1).line, source.locate_in(("b",), 0, 1).line) == (1, 2)
    assert source.locate_in(("missing",), 0, 1).line == 1


def test_the_text_is_kept_as_the_file_holds_it(tmp_path: Path) -> None:
    file = tmp_path / "f.yaml"
    file.write_bytes("\ufeffbody: |\r\n  caf\u00e9 FOUND\r\n".encode())
    source = load_yaml(file)
    assert isinstance(source, SourceFile)
    file.unlink()
    assert source.locate_in(("body",), 5, 10).line == 2
    assert source.locate_in(("body",), 5, 10).column == 8


# The rules that locate a match inside a value (the rest point at the value or key).
MATCHING = ["text.impossible_dates", "text.list_introduced", "text.partnership_name",
            "text.references_exist", "words.acronyms_defined", "figures.percentages",
            "roles.ccg_after_ics", "markdown.unsafe_link", "markdown.raw_html"]
CASES = sorted(p for rule in MATCHING for p in (CASES_DIR / rule / "fail").glob("*.yaml"))


@pytest.mark.parametrize("case", CASES, ids=[str(c.relative_to(CASES_DIR)) for c in CASES])
def test_checks_locate_matches_without_reading_the_files(case: Path, tmp_path: Path) -> None:
    found = run_case(case, tmp_path, delete_after_load=True)
    expected = _expected(case.read_text(encoding="utf-8"))
    assert {f[:3] for f in found} == {e[:3] for e in expected}
