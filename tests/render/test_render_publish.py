"""Publishing: a failed or interrupted build leaves the previous output exactly as it was."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import SAMPLE_ROOT

from safeguarding.errors import BuildError, OutputError
from safeguarding.load.layout import DocumentRef
from safeguarding.publish import files as publish
from safeguarding.publish import pipeline, prepare
from safeguarding.publish.build import BuildRequest, build_reports
from safeguarding.publish.files import replace_together, write_atomic


def _request(out: Path, formats: tuple[str, ...] = ("html", "pdf")) -> BuildRequest:
    return BuildRequest(SAMPLE_ROOT, "riverside", ("2022-23",), formats, out)


def _snapshot(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_a_failure_while_printing_leaves_the_previous_output(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build_reports(_request(tmp_path))
    before = _snapshot(tmp_path)
    assert "riverside/yearly-report-2022-23.pdf" in before

    def broken(*args: object, **kwargs: object) -> str:
        raise BuildError("the printer caught fire")

    monkeypatch.setattr(prepare, "render_html", lambda *a: "<p>changed</p>")
    monkeypatch.setattr("safeguarding.render.pdf.print_pdf", broken)
    outcome = build_reports(replace(_request(tmp_path), force=True))
    assert outcome.failed and [f.message for f in outcome.failures] == ["the printer caught fire"]
    assert _snapshot(tmp_path) == before


def test_an_interrupted_write_leaves_the_old_file_and_no_litter(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "doc.html"
    target.write_bytes(b"old")

    def interrupted(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.html"]


def test_a_document_s_html_and_pdf_are_replaced_together(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    html, pdf = tmp_path / "doc.html", tmp_path / "doc.pdf"
    html.write_bytes(b"old html")
    pdf.write_bytes(b"old pdf")
    stage = publish._stage

    def disk_full(path: Path, content: bytes) -> str:
        if path.suffix == ".pdf":
            raise OSError(28, "No space left on device")
        return stage(path, content)

    monkeypatch.setattr(publish, "_stage", disk_full)
    with pytest.raises(OutputError, match=r"cannot write .*doc\.pdf: No space left"):
        replace_together({html: b"new html", pdf: b"new pdf"})
    assert (html.read_bytes(), pdf.read_bytes()) == (b"old html", b"old pdf")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.html", "doc.pdf"]


def test_a_failed_rename_puts_back_the_file_already_replaced(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    html, pdf = tmp_path / "doc.html", tmp_path / "doc.pdf"
    html.write_bytes(b"old html")
    pdf.write_bytes(b"old pdf")
    rename = os.replace

    def fails_on_the_pdf(src: str, dst: str) -> None:
        if str(dst).endswith(".pdf"):
            raise OSError(5, "Input/output error")
        rename(src, dst)

    monkeypatch.setattr(os, "replace", fails_on_the_pdf)
    with pytest.raises(OutputError, match=r"cannot write .*doc\.pdf: Input/output error"):
        replace_together({html: b"new html", pdf: b"new pdf"})
    assert (html.read_bytes(), pdf.read_bytes()) == (b"old html", b"old pdf")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.html", "doc.pdf"]


def test_a_folder_in_the_way_is_named_and_nothing_is_replaced(tmp_path: Path) -> None:
    html, pdf = tmp_path / "doc.html", tmp_path / "doc.pdf"
    html.write_bytes(b"old html")
    pdf.mkdir()
    with pytest.raises(OutputError, match=r"cannot write .*doc\.pdf: a folder of that name"):
        replace_together({html: b"new html", pdf: b"new pdf"})
    assert html.read_bytes() == b"old html"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.html", "doc.pdf"]


def test_a_file_where_a_folder_should_be_is_named(tmp_path: Path) -> None:
    (tmp_path / "riverside").write_bytes(b"not a folder")
    with pytest.raises(OutputError, match=r"riverside is a file, not a folder"):
        replace_together({tmp_path / "riverside" / "doc.html": b"new html"})


def test_the_index_lists_what_was_built(tmp_path: Path) -> None:
    build_reports(_request(tmp_path, ("html",)))
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert 'href="riverside/yearly-report-2022-23.html"' in index
    assert "Yearly report 2022 to 2023" in index
    assert "<h2>Riverside Safeguarding Children Partnership</h2>" in index  # not the slug


def test_a_document_that_cannot_be_written_still_leaves_an_index_of_those_that_were(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    publish_document = pipeline.publish_document

    def full_for_the_first(out: Path, ref: DocumentRef, files: dict) -> list[Path]:
        if ref.id == "2022-23":
            raise OutputError("cannot write: No space left on device")
        return publish_document(out, ref, files)

    monkeypatch.setattr(pipeline, "publish_document", full_for_the_first)
    request = BuildRequest(SAMPLE_ROOT, "riverside", ("2022-23", "2023-24"), ("html",), tmp_path)
    outcome = build_reports(request)
    # The failure is reported, and does not stop the document after it.
    assert [(d.ref.id, d.status) for d in outcome.documents] == [("2022-23", "failed"),
                                                                  ("2023-24", "built")]
    assert outcome.failures[0].message == "cannot write: No space left on device"
    assert outcome.failures[0].usage  # an output problem: exit 2
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert 'href="riverside/yearly-report-2023-24.html"' in index
    assert "2022-23" not in index


def test_a_pdf_only_build_is_listed_in_the_index(tmp_path: Path) -> None:
    build_reports(_request(tmp_path, ("pdf",)))
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "Nothing has been built" not in index
    assert 'href="riverside/yearly-report-2022-23.pdf"' in index
    assert "Yearly report 2022-23" in index
