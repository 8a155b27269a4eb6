"""`safeguarding import`: a Word or PDF document becomes a draft document file that validates,
keeps its structure, suggests (never claims) requirements and never overwrites anything."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path
from typing import Any

import pytest
from test_scaffold import load, run


def png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 20), "navy").save(out, "PNG")
    return out.getvalue()


def add_link(paragraph: Any, text: str, url: str) -> None:
    """python-docx has no call for a hyperlink: write its XML as Word does."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rel = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = OxmlElement("w:r")
    text_element = OxmlElement("w:t")
    text_element.text = text
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)


def word_file(folder: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph("River Side Safeguarding Children Partnership arrangements",
                           style="Title")
    document.add_heading("Contents", 1)
    document.add_paragraph("1 Introduction\t3")
    document.add_paragraph("2 Funding\t5")
    document.add_heading("1 Introduction", 1)
    intro = document.add_paragraph("1.1 The partners will meet ")
    intro.add_run("every month").bold = True
    intro.add_run(" and publish ")
    intro.add_run("a yearly report").italic = True
    intro.add_run(" on ")
    add_link(intro, "our website", "https://example.org/report")
    intro.add_run(".")
    document.add_paragraph("1. This numbered paragraph stays a paragraph.")
    document.add_paragraph("the council", style="List Bullet")
    document.add_paragraph("the police", style="List Bullet")
    document.add_heading("Independent scrutiny", 2)
    document.add_paragraph("An independent scrutineer will scrutinise the arrangements.")
    document.add_picture(io.BytesIO(png()))
    document.add_heading("2 Funding", 1)
    table = document.add_table(rows=3, cols=2)
    for row, cells in zip(table.rows, [("Partner", "Amount"), ("Council", "£1,000"),
                                       ("Police", "£500")], strict=True):
        row.cells[0].text, row.cells[1].text = cells
    document.add_paragraph("The partners review the budget each year.")
    path = folder / "river-side.docx"
    document.save(str(path))
    return path


@pytest.fixture
def imported(tmp_path: Path) -> tuple[subprocess.CompletedProcess[str], Path]:
    done = run(tmp_path, "import", str(word_file(tmp_path)), "--partnership", "river-side",
               "--id", "2019-06")
    return done, tmp_path / "partnerships" / "river-side"


def test_a_word_document_becomes_a_valid_nested_section_tree(imported: Any) -> None:
    done, folder = imported
    assert done.returncode == 0, done.stdout + done.stderr
    data = load(folder / "arrangements" / "2019-06.yaml")
    assert data["title"] == "River Side Safeguarding Children Partnership arrangements"
    assert data["status"] == "draft"
    top = data["sections"]
    assert [(s.get("number"), s["title"]) for s in top] == [("1", "Introduction"),
                                                            ("2", "Funding")]
    assert [s["title"] for s in top[0]["sections"]] == ["Independent scrutiny"]
    body = top[0]["body"]
    assert "1.1 The partners will meet **every month** and publish *a yearly report* on " \
           "[our website](https://example.org/report)." in body
    assert "1\\. This numbered paragraph stays a paragraph." in body
    assert "- the council\n- the police" in body
    assert "Introduction\t3" not in str(data), "the contents page is dropped"
    assert load(folder / "partnership.yaml")["name"] == \
        "River Side Safeguarding Children Partnership"
    # It names no partner organisation: the new partnership file says so, at its line.
    assert done.stdout.count("partnership.yaml:") == 3
    assert done.stdout.count("[import.partner_not_recognised]") == 3
    valid = run(folder.parent.parent, "validate")
    assert valid.returncode == 0, valid.stdout


def test_tables_and_images_become_blocks_with_findings_for_what_is_missing(
        imported: Any) -> None:
    done, folder = imported
    data = load(folder / "arrangements" / "2019-06.yaml")
    figure = data["sections"][0]["sections"][0]["blocks"][0]
    assert figure["type"] == "figure"
    assert (folder / figure["src"]).read_bytes() == png()
    table = data["sections"][1]["blocks"][0]
    assert table["type"] == "table"
    assert table["columns"] == ["Partner", "Amount"]
    assert table["rows"] == [["Council", 1000], ["Police", 500]]
    assert data["sections"][1]["blocks"][1] == {
        "type": "text", "body": "The partners review the budget each year."}
    text = (folder / "arrangements" / "2019-06.yaml").read_text(encoding="utf-8").splitlines()
    alt_line = next(i for i, line in enumerate(text, 1) if "alt:" in line)
    assert f"2019-06.yaml:{alt_line}:" in done.stdout
    assert "[import.image_alt]" in done.stdout


def test_requirements_are_suggested_as_comments_never_claimed(imported: Any) -> None:
    done, folder = imported
    path = folder / "arrangements" / "2019-06.yaml"
    assert "covers" not in path.read_text(encoding="utf-8").replace("# suggested covers", "")
    lines = path.read_text(encoding="utf-8").splitlines()
    scrutiny = next(i for i, line in enumerate(lines) if "title: Independent scrutiny" in line)
    assert "independent_scrutiny" in lines[scrutiny - 1]
    assert lines[scrutiny - 1].strip().startswith("# suggested covers:")
    assert "looks missing:" in done.stdout


def test_nothing_is_overwritten(imported: Any, tmp_path: Path) -> None:
    _, folder = imported
    path = folder / "arrangements" / "2019-06.yaml"
    before = path.read_bytes()
    again = run(tmp_path, "import", str(tmp_path / "river-side.docx"), "--partnership",
                "river-side", "--id", "2019-06")
    assert again.returncode == 2
    assert str(Path("partnerships/river-side/arrangements/2019-06.yaml")) in again.stderr
    assert "nothing was written" in again.stderr
    assert path.read_bytes() == before
    assert len(list((folder / "assets").iterdir())) == 1


def test_a_file_that_is_not_a_document_gets_a_clear_message(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    (tmp_path / "broken.docx").write_text("not a zip", encoding="utf-8")
    for name in ("notes.txt", "broken.docx", "missing.pdf"):
        done = run(tmp_path, "import", name, "--partnership", "river-side")
        assert done.returncode == 2, done.stdout + done.stderr
        assert name in done.stderr
        assert "Traceback" not in done.stderr
    assert not (tmp_path / "partnerships").exists()


def test_a_scanned_pdf_gets_a_clear_message(tmp_path: Path) -> None:
    from PIL import Image

    Image.new("RGB", (595, 842), "white").save(tmp_path / "scan.pdf", "PDF")
    done = run(tmp_path, "import", "scan.pdf", "--partnership", "river-side")
    assert done.returncode == 2, done.stdout + done.stderr
    assert "scan.pdf" in done.stderr
    assert "scanned" in done.stderr
    assert "OCR" in done.stderr
    assert not (tmp_path / "partnerships").exists()


def test_a_table_of_figures_that_do_not_parse_stays_plain_with_a_finding(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_heading("Training", 1)
    table = document.add_table(rows=3, cols=2)
    for row, cells in zip(table.rows, [("Course", "Attended"), ("Neglect", "40"),
                                       ("Exploitation", "about fifty")], strict=True):
        row.cells[0].text, row.cells[1].text = cells
    document.save(str(tmp_path / "training.docx"))
    done = run(tmp_path, "import", "training.docx", "--partnership", "river-side", "--id",
               "2024-01")
    assert done.returncode == 0, done.stdout + done.stderr
    path = tmp_path / "partnerships" / "river-side" / "arrangements" / "2024-01.yaml"
    block = load(path)["sections"][0]["blocks"][0]
    assert block["type"] == "table"
    assert block["rows"] == [["Neglect", 40], ["Exploitation", "about fifty"]]
    lines = path.read_text(encoding="utf-8").splitlines()
    where = next(i for i, line in enumerate(lines, 1) if "type: table" in line)
    assert f"2024-01.yaml:{where}:" in done.stdout
    assert "[import.table_not_typed]" in done.stdout
    assert "Exploitation" in done.stdout


SEED_DOCUMENTS = [("wirral/arrangements/2019-04.yaml", "arrangements"),
                  ("west-sussex/arrangements/2019-06.yaml", "arrangements"),
                  ("worcestershire/arrangements/2019-06.yaml", "arrangements"),
                  ("worcestershire/reports/2023-24.yaml", "yearly-report")]


def test_suggestions_find_most_of_what_the_seeds_claim() -> None:
    """Against the requirements the four hand-encoded documents claim, section by section."""
    from test_scaffold import ROOT

    from safeguarding.commands.scaffold import rule_set
    from safeguarding.importer.suggest import Suggester, section_text

    claimed = suggested = 0
    for name, kind in SEED_DOCUMENTS:
        document = load(ROOT / "partnerships" / name)
        suggester = Suggester(rule_set(kind, document["edition"]))
        known = {r.id for r in suggester.requirements}
        stack = list(document["sections"])
        while stack:
            section = stack.pop()
            stack += section.get("sections", [])
            covers = set(section.get("covers", [])) & known
            claimed += len(covers)
            suggested += len(covers & set(suggester.suggest(section_text(section))))
    assert claimed > 50
    assert suggested / claimed >= 0.5


def test_the_partners_a_document_names_go_into_a_new_partnership_file(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_heading("The safeguarding partners", 1)
    document.add_paragraph("The partners are Riverside County Council, NHS Riverside "
                           "Integrated Care Board and Riverside Constabulary.")
    document.save(str(tmp_path / "partners.docx"))
    done = run(tmp_path, "import", "partners.docx", "--partnership", "river-side", "--id",
               "2024-01")
    assert done.returncode == 0, done.stdout + done.stderr
    partners = load(tmp_path / "partnerships" / "river-side" / "partnership.yaml")["partners"]
    assert [(p["role"], p["organisation"]) for p in partners] == [
        ("local-authority", "Riverside County Council"),
        ("integrated-care-board", "NHS Riverside Integrated Care Board"),
        ("police", "Riverside Constabulary")]
    assert "[import.partner_not_recognised]" not in done.stdout


def test_a_pdf_image_is_saved_with_the_alternative_text_its_tags_give(tmp_path: Path) -> None:
    import base64

    import weasyprint

    image = "data:image/png;base64," + base64.b64encode(png()).decode()
    weasyprint.HTML(string=(
        '<html lang="en"><head><title>Arrangements</title></head><body><h1>Arrangements</h1>'
        "<h2>1 Structure</h2><p>Our structure is shown in the chart below.</p>"
        f'<img src="{image}" alt="A chart of the groups" style="width:200px">'
        "<p>The chart is reviewed every year.</p></body></html>")).write_pdf(
        tmp_path / "chart.pdf", pdf_variant="pdf/ua-1")
    done = run(tmp_path, "import", "chart.pdf", "--partnership", "river-side", "--id",
               "2024-01")
    assert done.returncode == 0, done.stdout + done.stderr
    folder = tmp_path / "partnerships" / "river-side"
    section = load(folder / "arrangements" / "2024-01.yaml")["sections"][0]
    assert (section["number"], section["title"]) == ("1", "Structure")
    assert section["body"] == "Our structure is shown in the chart below."
    figure, after = section["blocks"]
    assert figure["alt"] == "A chart of the groups"
    assert (folder / figure["src"]).read_bytes().startswith(b"\x89PNG")
    assert after == {"type": "text", "body": "The chart is reviewed every year."}
