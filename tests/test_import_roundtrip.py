"""Round trip on real text: each seed document, built to PDF by the tool and turned into a
.docx by a real word processor (LibreOffice, from the tool's HTML), is imported back. Most of
its sentences and all of its section tree come back, and the result validates.

The PDFs and .docx files are made during the test, not committed."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from import_roundtrip import figures, missing_from_tree, recall
from test_scaffold import ROOT, load, run

from safeguarding.load.schema_validation import validate_source
from safeguarding.load.yamlfile import SourceFile, load_yaml

SEEDS = [("wirral", "arrangements", "2019-04"), ("west-sussex", "arrangements", "2019-06"),
         ("worcestershire", "arrangements", "2019-06"),
         ("worcestershire", "yearly-report", "2023-24")]
FOLDER = {"arrangements": "arrangements", "yearly-report": "reports"}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every seed as the tool's HTML and PDF, and as .docx converted by LibreOffice."""
    out = tmp_path_factory.mktemp("built")
    done = run(out, "build-report", "--all", "--draft", "--root", str(ROOT / "partnerships"),
               "--out", str(out))
    assert "built" in done.stdout, done.stdout + done.stderr
    profile = (out / "libreoffice-profile").as_uri()  # its own: parallel runs do not collide
    for slug in {seed[0] for seed in SEEDS}:  # one folder each: two seeds share a file name
        converted = subprocess.run(
            ["soffice", f"-env:UserInstallation={profile}", "--headless", "--infilter=HTML "
             "(StarWriter)", "--convert-to", "docx:MS Word 2007 XML", "--outdir",
             str(out / "docx" / slug), *map(str, sorted((out / slug).glob("*.html")))],
            capture_output=True, text=True, timeout=600, check=False,
            env={**os.environ, "HOME": str(out)})
        assert converted.returncode == 0, converted.stderr
    return out


def imported_from(built: Path, source: Path, slug: str, kind: str, doc_id: str) -> Path:
    root = built / f"import-{source.suffix[1:]}"
    done = run(built, "import", str(source), "--partnership", slug, "--kind", kind, "--id",
               doc_id, "--root", str(root))
    assert done.returncode == 0, done.stdout + done.stderr
    return root / slug / FOLDER[kind] / f"{doc_id}.yaml"


def assert_comes_back(original_path: Path, imported_path: Path, schema: str) -> None:
    original, imported = load(original_path), load(imported_path)
    share, lost = recall(original, imported)
    assert share >= 0.95, f"{share:.1%} of the sentences came back; lost: {lost[:10]}"
    assert missing_from_tree(original["sections"], imported["sections"]) == []
    # Typed figures come back typed: the label may carry a footnote's text, the figures not.
    for kind, wanted in figures(original).items():
        got = figures(imported)[kind]
        assert [w[1:] for w in wanted] == [g[1:] for g in got], kind
        assert all(g[0].startswith(w[0]) for w, g in zip(wanted, got, strict=True)), kind
    if "reporting_period" in original:  # a report states its period: it is read, not assumed
        assert imported["reporting_period"] == original["reporting_period"]
    source = load_yaml(imported_path)
    assert isinstance(source, SourceFile)
    assert validate_source(source, schema) == []


@pytest.mark.parametrize("suffix", ["pdf", "docx"])
@pytest.mark.parametrize(("slug", "kind", "doc_id"), SEEDS)
def test_a_seed_document_comes_back_from_word_and_pdf(built: Path, slug: str, kind: str,
                                                      doc_id: str, suffix: str) -> None:
    name = f"{kind}-{doc_id}.{suffix}"
    source = built / slug / name if suffix == "pdf" else built / "docx" / slug / name
    imported = imported_from(built, source, slug, kind, doc_id)
    text = imported.read_text(encoding="utf-8")
    assert "Page 2 of" not in text, "page numbers are dropped"
    assert "title: Contents\n" not in text, "the contents page is dropped"
    assert_comes_back(ROOT / "partnerships" / slug / FOLDER[kind] / f"{doc_id}.yaml",
                      imported, kind)


