"""What the built HTML and PDF carry: the seeds' whole text, PDF/UA tags, metadata, bookmarks."""

from __future__ import annotations

import re
import subprocess
from html import unescape
from html.parser import HTMLParser

import pikepdf
import pytest
from conftest import SAMPLE, SEEDS, Built
from seed_coverage import SEED_BY_DOCUMENT, normalise, sentences
from seed_coverage import SEEDS as SEED_DIR

from safeguarding.render.pdf import RULE_PDF

FONT = "Atkinson-Hyperlegible-Next"
MIN_SHARE = 0.95


class _Text(HTMLParser):
    """The text a reader sees: everything outside <style> and <head>."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self._skip += tag in ("style", "head", "svg")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("style", "head", "svg")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " " + normalise(" ".join(parser.parts)) + " "


def pdf_text(path, running: tuple[str, ...] | None = None) -> str:
    """The PDF's text; given `running`, without the running header and footer lines."""
    # -raw: in content order, and a word hyphenated at a line's end keeps its hyphen
    # ("multi-" / "agency") rather than being joined into another word ("multiagency").
    text = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout
    lines = [line for line in text.splitlines() if running is None or (
        line.strip() not in running and not re.fullmatch(r"Page \d+ of \d+", line))]
    return " " + normalise(" ".join(lines)) + " "


def running_strings(html: str) -> tuple[str, ...]:
    """The cover's title, and "Draft" on a review copy, which print.css repeats on every page."""
    found = re.findall(r'class="cover-title(?: is-long)?">(.*?)<', html)
    titles = tuple(unescape(s) for s in found)
    if "cover-status" not in html:
        return titles
    return (*titles, "Draft", *(f"{t} Draft" for t in titles))  # on one line, or two


def share_found(seed: str, haystack: str) -> tuple[float, list[str]]:
    wanted = sentences((SEED_DIR / seed).read_text(encoding="utf-8"))
    missing = [s for s in wanted if f" {s} " not in haystack]
    return 1 - len(missing) / len(wanted), missing


@pytest.mark.parametrize("key", SEEDS, ids=lambda k: "-".join(k))
def test_seed_text_is_in_the_html(built: Built, key: tuple[str, str, str]) -> None:
    html = built.path(*key, "html").read_text(encoding="utf-8")
    share, missing = share_found(SEED_BY_DOCUMENT[key], html_text(html))
    assert share >= MIN_SHARE, missing[:10]


@pytest.mark.parametrize("key", SEEDS, ids=lambda k: "-".join(k))
def test_seed_text_is_in_the_pdf(built: Built, key: tuple[str, str, str]) -> None:
    running = running_strings(built.path(*key, "html").read_text(encoding="utf-8"))
    share, missing = share_found(SEED_BY_DOCUMENT[key], pdf_text(built.path(*key, "pdf"), running))
    assert share >= MIN_SHARE, missing[:10]


def test_weasyprint_logged_no_warning(built: Built) -> None:
    assert [f.message for f in built.findings if f.rule == RULE_PDF] == []


def _struct_types(node, found: list) -> None:
    if isinstance(node, pikepdf.Array):
        for child in node:
            _struct_types(child, found)
    elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
        found.append(node)
        if "/K" in node:
            _struct_types(node.K, found)


@pytest.mark.parametrize("key", SEEDS + SAMPLE, ids=lambda k: "-".join(k))
def test_pdf_is_tagged_with_metadata(built: Built, key: tuple[str, str, str]) -> None:
    html = built.path(*key, "html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", html).group(1)
    with pikepdf.open(built.path(*key, "pdf")) as pdf:
        assert "/StructTreeRoot" in pdf.Root
        assert bool(pdf.Root.MarkInfo.Marked)
        assert str(pdf.Root.Lang) == "en-GB"
        assert str(pdf.docinfo["/Title"]) == title.replace("&amp;", "&").replace("&#39;", "'")
        assert "Safeguarding" in str(pdf.docinfo["/Author"])
        assert str(pdf.docinfo["/Subject"])
        assert str(pdf.docinfo["/CreationDate"]).startswith("D:")  # the build's day if no other
        with pdf.open_metadata() as meta:
            assert str(meta.get("pdfuaid:part")) == "1"
        with pdf.open_outline() as outline:
            assert len(outline.root) >= 2
        assert len(pdf.pages) >= 3  # cover, contents, body
        elements: list = []
        _struct_types(pdf.Root.StructTreeRoot.K, elements)
        figures = [e for e in elements if e.S == "/Figure"]
        assert all("/Alt" in f and str(f.Alt).strip() for f in figures)
        tables = {"/Table", "/TH", "/TD"} if "<table" in html else set()
        assert {str(e.S) for e in elements} >= {"/H2", "/P", "/Link"} | tables
        assert not pdf.attachments


@pytest.mark.parametrize("key", SEEDS, ids=lambda k: "-".join(k))
def test_pdf_embeds_the_shipped_font(built: Built, key: tuple[str, str, str]) -> None:
    fonts = subprocess.run(["pdffonts", str(built.path(*key, "pdf"))], check=True,
                           capture_output=True, text=True).stdout.splitlines()[2:]
    shipped = [line for line in fonts if FONT in line]
    assert shipped, fonts
    assert all(line.split()[-5] == "yes" for line in shipped)  # emb


def test_sample_pdf_has_cover_contents_and_appendix(built: Built) -> None:
    text = pdf_text(built.path("riverside", "yearly-report", "2023-24", "pdf"))
    for words in ("yearly report 2023 to 2024", "contents", "page 2 of",
                  "glossary",
                  "multi agency safeguarding hub", "attendance by course",
                  "income by contributor", "key facts in 2023 24 compared with 2022 23"):
        assert f" {words}" in text, words


def test_draft_is_marked(built: Built) -> None:
    html = built.path("riverside", "arrangements", "2024-09", "html").read_text(encoding="utf-8")
    assert "not yet published" in html
    text = pdf_text(built.path("riverside", "arrangements", "2024-09", "pdf"))
    assert " draft " in text
    assert " how this document meets working together" in text  # a review copy's appendix


def test_lost_figure_says_so(built: Built) -> None:
    html = built.path("riverside", "arrangements", "2024-09", "html").read_text(encoding="utf-8")
    assert "Diagram not available in this version" in html
    assert 'src="data:image/png;base64,' in html


def test_html_is_self_contained(built: Built) -> None:
    for page in built.out.glob("*/*.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r'(src|href)="(?!data:|#|https?:|mailto:|tel:)', html), page
        assert "<link" not in html and "<script" not in html
        assert html.count("<h1") == 1
    assert (built.out / "index.html").is_file()


@pytest.mark.parametrize("key", [("west-sussex", "arrangements", "2019-06"),
                                 ("worcestershire", "yearly-report", "2023-24")],
                         ids=lambda k: "-".join(k))
def test_footnotes_are_set_as_footnotes(built: Built, key: tuple[str, str, str]) -> None:
    html = built.path(*key, "html").read_text(encoding="utf-8")
    notes = re.findall(r'<div class="footnotes">(.*?)</div>', html, re.S)
    assert notes and all("<li" in n for n in notes)  # a list of notes, each linked back
    assert "¹" not in html[html.index("<body"):]  # no superscript typed as text


def _elements(node, parent=None, found=None) -> list:
    """Every structure element with its parent, depth first."""
    found = [] if found is None else found
    if isinstance(node, pikepdf.Array):
        for child in node:
            _elements(child, parent, found)
    elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
        found.append((node, parent))
        if "/K" in node:
            _elements(node.K, node, found)
    return found


def _kids(node) -> list[str]:
    kids = node.get("/K")
    kids = kids if isinstance(kids, pikepdf.Array) else [kids]
    return [str(k.S) for k in kids if isinstance(k, pikepdf.Dictionary) and "/S" in k]


@pytest.mark.parametrize("key", SEEDS + SAMPLE, ids=lambda k: "-".join(k))
def test_pdf_tags_meet_pdf_ua(built: Built, key: tuple[str, str, str]) -> None:
    """What a PDF/UA checker (PAC, veraPDF) flags: header cells without /Scope, list items
    without /LBody, a list holding something other than items, a caption beside its figure."""
    with pikepdf.open(built.path(*key, "pdf")) as pdf:
        elements = _elements(pdf.Root.StructTreeRoot.K)
        scopes = [str(e.A.get("/Scope")) if "/A" in e else "" for e, _ in elements
                  if e.S == "/TH"]
        assert set(scopes) <= {"/Column", "/Row"}, scopes
        assert all("/LBody" in _kids(e) for e, _ in elements if e.S == "/LI")
        assert all(set(_kids(e)) <= {"/LI"} for e, _ in elements if e.S == "/L")
        assert not [e for e, parent in elements
                    if e.S == "/Caption" and "/Figure" in _kids(parent)]


def test_wide_tables_stack_as_labelled_rows_on_a_phone(built: Built) -> None:
    html = built.path("worcestershire", "yearly-report", "2023-24", "html").read_text()
    tables = re.findall(r'<table class="[^"]*\bstack\b[^"]*">(.*?)</table>', html, re.S)
    assert tables  # the budget, and the plain tables of three columns or more
    for table in tables:
        cells = re.findall(r"<td[^>]*>", table)
        assert cells and all("data-label=" in cell for cell in cells)


def test_a_budget_total_closes_its_own_part(built: Built) -> None:
    html = built.path("worcestershire", "yearly-report", "2023-24", "html").read_text()
    budget = html[html.index('class="figures budget'):]
    assert budget.index(">Total Income<") < budget.index(">Expenditure</th>") < \
        budget.index(">Total Expenditure<")


def test_reported_priorities_are_numbered_cards(built: Built) -> None:
    html = built.path("worcestershire", "yearly-report", "2023-24", "html").read_text()
    numbers = re.findall(r'<span class="priority-num">(\d+)</span>', html)
    assert numbers[:2] == ["1", "2"]


@pytest.mark.parametrize("key", SEEDS + SAMPLE, ids=lambda k: "-".join(k))
def test_every_scroll_region_is_named_after_its_table(built: Built,
                                                      key: tuple[str, str, str]) -> None:
    html = built.path(*key, "html").read_text(encoding="utf-8")
    regions = re.findall(r'<div class="table-scroll"[^>]*>', html)
    for region in regions:
        by_id = re.search(r'aria-labelledby="([^"]+)"', region)
        assert (by_id and f'<caption id="{by_id[1]}"' in html) or \
            re.search(r'aria-label="Table: \S', region), region


def test_cover_picture_and_signature_are_shown_with_text_alternatives(built: Built) -> None:
    html = built.path("riverside", "yearly-report", "2023-24", "html").read_text(encoding="utf-8")
    cover = html[html.index('id="doc_cover"'):html.index("</header>")]
    assert re.search(r'<img class="cover-image" src="data:image/jpeg;base64,[^"]+" '
                     r'alt="A river valley at sunrise">', cover)
    assert re.search(r'<img class="sig-image" src="data:image/png;base64,[^"]+" '
                     r'alt="Signature of Sam Patel">', html)
    with pikepdf.open(built.path("riverside", "yearly-report", "2023-24", "pdf")) as pdf:
        cover_images = list(pdf.pages[0].get_images())
        last_images = list(pdf.pages[-1].get_images())
    assert cover_images and last_images  # printed, not only named
