"""The edition: --edition, else declared, else in force on the publication (or other) date."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from safeguarding.check.edition import RULE_DATE, RULE_SUPERSEDED, choose_edition
from safeguarding.load.yamlfile import SourceFile, load_yaml_text

TODAY = date(2024, 6, 1)


def source(**fields: Any) -> SourceFile:
    lines = [f'{k}: "{v}"' if isinstance(v, str) else f"{k}: {v}" for k, v in fields.items()]
    loaded = load_yaml_text("\n".join(["title: T", *lines]) + "\n", "doc.yaml")
    assert isinstance(loaded, SourceFile)
    return loaded


@pytest.mark.parametrize(("published", "edition"), [
    ("2019-06-28", "wt2018"), ("2023-12-14", "wt2018"), ("2023-12-15", "wt2023"),
    ("2024-09-30", "wt2023"),
])
def test_in_force_on_the_publication_date(published: str, edition: str) -> None:
    choice = choose_edition(source(published=published), "yearly-report", TODAY)
    assert (choice.edition, choice.findings) == (edition, ())


def test_a_month_of_publication_dates_the_document() -> None:
    choice = choose_edition(source(published_month="2019-06"), "yearly-report", TODAY)
    assert (choice.edition, choice.findings) == ("wt2018", ())


def test_the_declared_edition_wins_over_the_date() -> None:
    choice = choose_edition(source(published="2019-06-28", edition="wt2023"), "arrangements",
                            TODAY)
    assert (choice.edition, choice.reason) == ("wt2023", "declared by the document")


def test_edition_option_overrides_everything() -> None:
    choice = choose_edition(source(published="2019-06-28", edition="wt2018"), "arrangements",
                            date(2025, 6, 1), "wt2023")
    assert (choice.edition, choice.findings) == ("wt2023", ())


def test_without_a_publication_date_the_period_end_is_used_with_a_note() -> None:
    loaded = load_yaml_text('title: T\nreporting_period:\n  start: "2023-04-01"\n'
                            '  end: "2024-03-31"\n', "r.yaml")
    assert isinstance(loaded, SourceFile)
    choice = choose_edition(loaded, "yearly-report", TODAY)
    [note] = choice.findings
    assert (choice.edition, note.rule, note.line) == ("wt2023", RULE_DATE, 4)
    assert "reporting period end (2024-03-31)" in note.message


def test_shadow_date_dates_draft_arrangements() -> None:
    choice = choose_edition(source(shadow_from="2019-04-01"), "arrangements", TODAY)
    assert choice.edition == "wt2018" and "shadow from" in choice.findings[0].message


def test_with_no_date_at_all_today_decides() -> None:
    choice = choose_edition(source(), "arrangements", TODAY)
    assert choice.edition == "wt2023" and choice.findings[0].rule == RULE_DATE


def test_2018_arrangements_after_the_transition_get_a_note() -> None:
    choice = choose_edition(source(published="2019-06-28"), "arrangements", date(2025, 1, 2))
    assert [f.rule for f in choice.findings] == [RULE_SUPERSEDED]
    choice = choose_edition(source(published="2019-06-28"), "yearly-report", date(2025, 1, 2))
    assert choice.findings == ()


def test_2018_arrangements_during_the_transition_are_told_to_move() -> None:
    # From 15 December 2023 to 31 December 2024 areas had to bring arrangements into line.
    choice = choose_edition(source(published="2019-06-28"), "arrangements", date(2024, 6, 1))
    [superseded] = choice.findings
    assert superseded.rule == RULE_SUPERSEDED and "must meet" in superseded.message
    choice = choose_edition(source(published="2019-06-28"), "arrangements", date(2023, 12, 14))
    assert choice.findings == ()


def test_the_superseded_note_speaks_in_the_past_after_the_transition() -> None:
    choice = choose_edition(source(published="2019-06-28"), "arrangements", date(2025, 1, 1))
    assert "had to meet" in choice.findings[0].message


@pytest.mark.parametrize(("declared", "published"), [
    ("wt2018", "2024-06-01"), ("wt2023", "2019-06-28"), ("wt2018", "2024-01"),
])
def test_a_declared_edition_not_in_force_when_published_gets_a_note(declared: str,
                                                                   published: str) -> None:
    field = "published_month" if len(published) == 7 else "published"
    choice = choose_edition(source(**{field: published, "edition": declared}), "yearly-report",
                            TODAY)
    [mismatch] = choice.findings
    assert (choice.edition, choice.reason) == (declared, "declared by the document")
    assert mismatch.rule == RULE_DATE and published in mismatch.message
    assert mismatch.line == 3  # at `edition`


@pytest.mark.parametrize(("declared", "published"), [
    ("wt2018", "2019-06-28"), ("wt2023", "2024-09-30"), ("wt2018", "2023-12"),
    ("wt2023", "2023-12"),
])
def test_a_declared_edition_in_force_when_published_gets_no_note(declared: str,
                                                                published: str) -> None:
    field = "published_month" if len(published) == 7 else "published"
    choice = choose_edition(source(**{field: published, "edition": declared}), "yearly-report",
                            TODAY)
    assert choice.findings == ()


def test_december_2023_as_a_month_only_is_uncertain() -> None:
    # The 2023 edition came into force on 15 December: the month alone does not say which.
    choice = choose_edition(source(published_month="2023-12"), "yearly-report", TODAY)
    [uncertain] = choice.findings
    assert choice.edition == "wt2018" and uncertain.rule == RULE_DATE
    assert "2023-12-15" in uncertain.message and uncertain.line == 2
    choice = choose_edition(source(published_month="2023-11"), "yearly-report", TODAY)
    assert choice.findings == ()
