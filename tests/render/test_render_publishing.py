"""The publishing gate: a published document is built only when finished; a draft says so.

A partnership must never put a draft on its website by accident: an unfinished document with
`status: published` is refused, each reason at its place, and a review copy (`status: draft` or
--draft) is marked Draft on its cover, in the running header of every page and in its title.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, SAMPLE_ROOT, Built

from safeguarding.publish.build import BuildRequest, build_reports

YEARLY = ("worcestershire", "yearly-report", "2023-24")


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "safeguarding", "build-report", *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_an_unfinished_published_document_is_refused_each_reason_located(tmp_path: Path) -> None:
    done = _cli("worcestershire", "2023-24", "--format", "html", "--out", str(tmp_path))
    assert done.returncode == 1
    refusals = [line for line in done.stdout.splitlines() if "[build.unpublishable]" in line]
    # The budget's errors, and the two figures whose images the source lost, each at its line.
    assert any("error" in line and "check" in line for line in refusals), done.stdout
    assert sum("has no image" in line for line in refusals) == 2, done.stdout
    assert all(re.match(r"partnerships/worcestershire/reports/2023-24\.yaml:\d+:\d+: ", line)
               for line in refusals), refusals
    assert not (tmp_path / "worcestershire").exists()  # nothing half-published


def test_draft_builds_the_same_document_as_a_review_copy(tmp_path: Path) -> None:
    done = _cli("worcestershire", "2023-24", "--format", "html", "--out", str(tmp_path),
                "--draft")
    assert done.returncode == 0, done.stdout + done.stderr
    page = (tmp_path / "worcestershire" / "yearly-report-2023-24.html").read_text()
    assert "<title>Draft: " in page
    assert 'class="cover-status"' in page


def test_placeholder_text_refuses_a_published_document(tmp_path: Path) -> None:
    root = tmp_path / "partnerships"
    shutil.copytree(SAMPLE_ROOT, root)
    report = root / "riverside" / "reports" / "2023-24.yaml"
    text = report.read_text()
    report.write_text(text.replace("title: ", "title: TBC ", 1))
    line = next(i for i, s in enumerate(text.splitlines(), 1) if "title: " in s)
    outcome = build_reports(BuildRequest(root, "riverside", ("2023-24",), ("html",),
                                         tmp_path / "out"))
    assert outcome.failed
    assert [(f.location.line, "“TBC”" in f.message) for f in outcome.findings
            if f.rule == "build.unpublishable"] == [(line, True)]


def test_every_page_of_a_draft_says_draft(built: Built) -> None:
    pdf = built.path(*YEARLY, "pdf")
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout)[1])
    for n in range(2, pages + 1):  # the cover says it in words, every other page in its header
        text = subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), "-layout", str(pdf), "-"],
                              capture_output=True, text=True, check=True).stdout
        first = next(line for line in text.splitlines() if line.strip())
        assert first.rstrip().endswith("Draft"), (n, first)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert re.search(r"^Title:\s+Draft: ", info, re.M)


def test_a_published_document_has_no_review_material(built: Built) -> None:
    html = built.path("riverside", "yearly-report", "2023-24", "html").read_text()
    page = html[html.index("<body"):]  # the stylesheet names every class, used or not
    for review_only in ("automated check", "figure-placeholder", "status-missing",
                        "status-partial", "cover-status", "Draft"):
        assert review_only not in page, review_only
    assert 'id="doc_working_together"' not in page  # not asked for


def test_the_working_together_appendix_is_a_where_to_find_table_when_asked(
        tmp_path: Path) -> None:
    root = tmp_path / "partnerships"
    shutil.copytree(SAMPLE_ROOT, root)
    report = root / "riverside" / "reports" / "2023-24.yaml"
    report.write_text(report.read_text() + "appendix: working_together\n")
    outcome = build_reports(BuildRequest(root, "riverside", ("2023-24",), ("html",),
                                         tmp_path / "out"))
    assert not outcome.failed, [f.message for f in outcome.findings]
    page = (tmp_path / "out" / "riverside" / "yearly-report-2023-24.html").read_text()
    start = page.index('<section class="section level-2 appendix"')
    appendix = page[start:page.index("</section>", start)]
    assert "Where to find" in appendix
    assert re.search(r'<a class="place" href="#[\w-]+">', appendix)  # page numbers in print
    assert "Status" not in appendix and "Not met" not in appendix and "Missing" not in appendix


def test_a_draft_lists_every_requirement_with_its_status(built: Built) -> None:
    page = built.path("wirral", "arrangements", "2019-04", "html").read_text()
    appendix = page[page.index('id="doc_working_together"'):]
    assert '<th scope="col">Status</th>' in appendix
    assert "automated check" not in page


def test_a_lost_diagrams_title_is_no_heading(built: Built) -> None:
    page = built.path(*YEARLY, "html").read_text()
    assert '<p class="block-title">The GET SAFE Process Flow Chart</p>' in page
    assert not re.search(r"<h\d[^>]*>The GET SAFE Process Flow Chart", page)


def test_the_colophon_offers_other_formats_and_says_when_published(built: Built) -> None:
    page = built.path("riverside", "yearly-report", "2023-24", "html").read_text()
    colophon = page[page.index('<footer class="colophon">'):]
    assert "in another format" in colophon and "mailto:" in colophon
    assert "Published 27 September 2024" in colophon
