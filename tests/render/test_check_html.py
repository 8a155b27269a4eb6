"""`check --format html --out DIR`: the review document for the board and the scrutineer."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import yaml
from conftest import ROOT, SAMPLE_ROOT
from test_render_a11y import run_axe, violations

from safeguarding.check.compliance import CheckOptions, check_workspace
from safeguarding.check.requirements import load_rule_sets
from safeguarding.load.workspace import load_workspace
from safeguarding.reporters.check_html import report
from safeguarding.resources import requirements_dir


def _check(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "safeguarding", "check", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


def test_the_review_document_has_each_documents_table_and_quoted_findings(
        tmp_path: Path) -> None:
    done = _check("worcestershire", "--format", "html", "--out", str(tmp_path))
    assert done.returncode == 1, done.stderr  # the yearly report's budget does not add up
    assert (tmp_path / "check.html").is_file(), done.stdout + done.stderr
    page = (tmp_path / "check.html").read_text()
    assert page.count("<caption") == 2  # the arrangements and the yearly report
    assert "Not met" in page or "Partly met" in page or "Met" in page
    # The budget's misprinted figure (the training column's 0), quoted from its line.
    at = page.index("figures.budget_totals")
    assert "<blockquote><p>training-delivery: 0</p>" in page[at:at + 600]
    assert "No earlier check of this document" in page


def test_the_review_document_says_what_changed_since_the_last_check(tmp_path: Path) -> None:
    root = tmp_path / "partnerships"
    shutil.copytree(SAMPLE_ROOT, root)
    out = tmp_path / "review"
    assert _check("riverside", "2023-24", "--root", str(root), "--format", "html",
                  "--out", str(out)).returncode in (0, 1)
    report = root / "riverside" / "reports" / "2023-24.yaml"
    data = yaml.safe_load(report.read_text())
    for section in data["sections"]:  # the budget goes: funding is no longer shown
        section["blocks"] = [b for b in section.get("blocks") or [] if b["type"] != "budget"]
        section.pop("covers", None)
    report.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    _check("riverside", "2023-24", "--root", str(root), "--format", "html", "--out", str(out))
    page = (out / "check.html").read_text()
    assert "No earlier check" not in page
    changes = page[page.index("Since the last check"):page.index('-f">Findings')]
    assert "<li>" in changes and "→" in changes, changes


def test_a_finding_is_quoted_from_the_file_as_it_was_checked(tmp_path: Path) -> None:
    root, rules = tmp_path / "partnerships", tmp_path / "rules"
    shutil.copytree(SAMPLE_ROOT, root)
    shutil.copytree(requirements_dir(), rules)
    changed = [root / "riverside" / "reports" / "2023-24.yaml", rules / "coming-cwsa2026.yaml"]
    for path, key in zip(changed, ("document", "rules"), strict=True):
        with path.open("a", encoding="utf-8") as out:  # a duplicate key: the file is refused
            out.write(f"{key}: as checked\n{key}: again\n")
    result = check_workspace(load_workspace([root]), CheckOptions(date(2025, 6, 1)),
                             rule_sets=load_rule_sets(rules))
    quoted = ["<blockquote><p>document: again</p></blockquote>",
              "<blockquote><p>rules: again</p></blockquote>"]
    # Changed, then gone, before the page is written: the page quotes what was checked.
    for path in changed:
        path.write_text("changed: since\nchanged: again\n", encoding="utf-8")
    for gone in (False, True):
        for path in changed if gone else ():
            path.unlink()
        page = io.StringIO()
        report(result, page)
        assert [q in page.getvalue() for q in quoted] == [True, True]
        assert "changed" not in page.getvalue()


def test_out_is_only_for_the_html_review_document(tmp_path: Path) -> None:
    done = _check("worcestershire", "--format", "json", "--out", str(tmp_path))
    assert done.returncode == 2 and "--out" in done.stderr


def test_the_review_document_has_no_axe_violations(tmp_path: Path) -> None:
    _check("worcestershire", "--format", "html", "--out", str(tmp_path))
    for viewport in ("1280x800", "375x812"):
        assert violations(run_axe([str(tmp_path / "check.html")], viewport)) == {}


def test_the_requirements_table_stacks_into_labelled_rows_on_a_phone(tmp_path: Path) -> None:
    # Four columns in 375px left the last a letter wide: on a phone each row is stacked, and
    # each cell says which column it is.
    _check("worcestershire", "--format", "html", "--out", str(tmp_path))
    page = (tmp_path / "check.html").read_text()
    tables = re.findall(r'<table class="stack">.*?</table>', page, re.S)
    assert len(tables) == 2
    for table in tables:
        body = table[table.index("<tbody>"):]
        assert body.count("<td") == body.count("<td data-label=") > 0
    assert "@media (max-width: 36em)" in page and "attr(data-label)" in page
