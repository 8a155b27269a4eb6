"""Safe by construction: markdown cannot inject markup, the PDF renderer reads only local
files of the partnership, and a partnership's template override cannot escape its folder."""

from __future__ import annotations

import os
import re
import shutil
import struct
import zlib
from pathlib import Path

import pytest
from conftest import SAMPLE_ROOT
from typer.testing import CliRunner, Result

from safeguarding.cli import app
from safeguarding.errors import BuildError
from safeguarding.publish.build import BuildRequest, build_reports
from safeguarding.render.embed import asset_uri
from safeguarding.render.html import make_environment
from safeguarding.render.markdown import MarkdownRenderer, dropped_from, is_safe_url, raw_html_in
from safeguarding.render.pdf import print_pdf
from safeguarding.resources import templates_dir


def test_raw_html_and_script_are_escaped() -> None:
    html = MarkdownRenderer().block('<script>alert(1)</script>\n\n<img src=x onerror="y">')
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JaVaScRiPt:x", " javascript:x",
                                 "data:text/html,x", "file:///etc/passwd", "vbscript:x",
                                 "../secret.html", "//evil.example/x"])
def test_unsafe_links_lose_their_address_but_keep_their_text(url: str) -> None:
    renderer = MarkdownRenderer()
    html = renderer.block(f"[click here]({url}) and <{url}>")
    assert "href" not in html
    assert "click here" in html
    assert renderer.dropped and renderer.dropped[0].what == "link"


@pytest.mark.parametrize("url", ["https://example.org", "http://x.org", "mailto:a@b.org",
                                 "tel:+441234", "#section-2"])
def test_safe_links_are_kept(url: str) -> None:
    assert is_safe_url(url)
    assert f'href="{url}"' in MarkdownRenderer().block(f"[x]({url})")


def test_images_in_prose_become_their_alt_text() -> None:
    renderer = MarkdownRenderer()
    html = renderer.block("![a map](https://evil.example/track.png)")
    assert "<img" not in html and "a map" in html
    assert renderer.dropped[0].what == "image"


def test_fragment_ids_are_unique_and_cannot_clash_with_data_ids() -> None:
    renderer = MarkdownRenderer()
    first = renderer.block("# Scope\n\nA note[^1]\n\n[^1]: one")
    second = renderer.block("# Scope\n\nA note[^1]\n\n[^1]: one")
    assert 'id="md_1_scope"' in first and 'id="md_2_scope"' in second
    assert 'id="fn-md_1-1"' in first and 'id="fn-md_2-1"' in second


def test_headings_of_the_same_title_in_one_passage_get_different_ids() -> None:
    html = MarkdownRenderer().block("## Actions\n\n## Actions\n\n### Actions\n\n## ???")
    ids = re.findall(r' id="([^"]+)"', html)
    assert ids == ["md_1_actions", "md_1_actions-2", "md_1_actions-3", "md_1_part"]


def test_headings_in_prose_sit_under_their_section() -> None:
    html = MarkdownRenderer().block("### Deep\n\n#### Deeper", heading_level=4)
    assert "<h4" in html and "<h5" in html and "<h3" not in html


def _html_with(tag: str) -> str:
    return (f'<!DOCTYPE html><html lang="en-GB"><head><title>t</title></head>'
            f"<body><p>x</p>{tag}</body></html>")


@pytest.mark.parametrize("tag", [
    '<img src="http://127.0.0.1:9/x.png" alt="x">',
    '<img src="file:///etc/hostname" alt="x">',
    '<link rel="attachment" href="file:///etc/hostname">',
    '<img src="../../../../../etc/hostname" alt="x">',
])
def test_the_pdf_renderer_refuses_anything_outside_the_partnership(tag: str) -> None:
    with pytest.raises(BuildError, match="blocked"):
        print_pdf(_html_with(tag), SAMPLE_ROOT / "riverside", "test")


def test_the_pdf_renderer_reads_the_partnerships_own_assets() -> None:
    printed = print_pdf(_html_with('<img src="assets/logo.svg" alt="logo">'),
                        SAMPLE_ROOT / "riverside", "test")
    assert printed.content.startswith(b"%PDF")


def test_a_broken_image_is_named_in_the_warning_not_dumped_as_data(tmp_path: Path) -> None:
    root = tmp_path / "partnerships"
    shutil.copytree(SAMPLE_ROOT, root)

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    # A whole PNG of a sensible size in a colour type that does not exist (9): it starts and
    # ends as a PNG, so validate passes, and WeasyPrint cannot decode it. (An image too large
    # in pixels is refused by validate: tests/test_asset_safety.py.)
    (root / "riverside" / "assets" / "structure.png").write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 300, 300, 8, 9, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(b"\x00" * 3010)) + chunk(b"IEND", b""))
    outcome = build_reports(BuildRequest(root, "riverside", ("arrangements",), ("pdf",),
                                         tmp_path / "out"))
    warnings = [f.message for f in outcome.findings if f.rule == "pdf.renderer"]
    assert warnings and all(len(w) < 300 and "base64" not in w for w in warnings), warnings
    assert any("assets/structure.png" in w for w in warnings), warnings


def test_an_image_outside_assets_is_never_embedded(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "secret.png").write_bytes(b"x")
    os.symlink(tmp_path / "secret.png", tmp_path / "assets" / "link.png")
    for path in ("assets/../secret.png", "assets/link.png", "/etc/hostname"):
        with pytest.raises(BuildError):
            asset_uri(tmp_path, path)


def _override(tmp_path: Path, name: str, text: str) -> Path:
    folder = tmp_path / "partnerships" / "riverside"  # output goes beside, not inside
    shutil.copytree(SAMPLE_ROOT / "riverside", folder)
    (folder / "templates" / name).parent.mkdir(parents=True)
    (folder / "templates" / name).write_text(text, encoding="utf-8")
    return folder


def test_a_partnership_can_override_a_template(tmp_path: Path) -> None:
    _override(tmp_path, "partials/quotation.html", "<p>OVERRIDDEN</p>")
    outcome = build_reports(BuildRequest(tmp_path / "partnerships", "riverside", ("2023-24",),
                                         ("html",), tmp_path / "out"))
    html = (tmp_path / "out" / "riverside" / "yearly-report-2023-24.html").read_text()
    assert not outcome.failed and "<p>OVERRIDDEN</p>" in html


@pytest.mark.parametrize("text", [
    '{% include "../../../../etc/hostname" %}',
    "{{ c.__class__.__init__.__globals__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
])
def test_a_template_override_cannot_escape(tmp_path: Path, text: str) -> None:
    _override(tmp_path, "yearly-report.html", text)
    outcome = build_reports(BuildRequest(tmp_path / "partnerships", "riverside", ("2023-24",),
                                         ("html",), tmp_path / "out"))
    assert outcome.failed and outcome.failures and not outcome.failures[0].usage
    assert not (tmp_path / "out" / "riverside").exists()


def test_a_symlinked_template_is_not_read(tmp_path: Path) -> None:
    folder = _override(tmp_path, "unused.html", "")
    secret = tmp_path / "secret.html"
    secret.write_text("SECRET")
    os.symlink(secret, folder / "templates" / "yearly-report.html")
    template = make_environment(folder).get_template("yearly-report.html")
    assert Path(template.filename).parent == templates_dir()  # the built-in one, not the link


def _build_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Result:
    """build-report run from tmp_path, whose partnerships/ holds the partnership."""
    monkeypatch.chdir(tmp_path)
    return CliRunner().invoke(app, ["build-report", "riverside", "2023-24", "--format", "html",
                                    "--root", "partnerships", "--out", "output"])


def test_an_error_in_an_override_names_its_file_and_line(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    _override(tmp_path, "yearly-report.html", "<p>\n{{ 1 / 0 }}\n</p>\n")
    result = _build_in(tmp_path, monkeypatch)
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        "error: partnerships/riverside/templates/yearly-report.html:2: the template stopped "
        "with an error: division by zero\n"
        "    hint: correct the template, or delete it to use the standard one\n")


def test_an_error_in_our_code_called_by_an_override_is_still_ours(tmp_path: Path) -> None:
    _override(tmp_path, "yearly-report.html", '{{ md.block("text", "not a level") }}')
    with pytest.raises(ValueError):
        build_reports(BuildRequest(tmp_path / "partnerships", "riverside", ("2023-24",),
                                   ("html",), tmp_path / "out"))


def test_an_error_in_a_shipped_template_is_an_internal_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shipped = tmp_path / "shipped"
    shipped.mkdir()
    (shipped / "yearly-report.html").write_text("{{ 1 / 0 }}", encoding="utf-8")
    monkeypatch.setattr("safeguarding.render.html.templates_dir", lambda: shipped)
    with pytest.raises(ZeroDivisionError):
        build_reports(BuildRequest(SAMPLE_ROOT, "riverside", ("2023-24",), ("html",),
                                   tmp_path / "out"))


def test_a_missing_include_says_it_does_not_exist_and_where_it_was_looked_for(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _override(tmp_path, "yearly-report.html", '<p>\n{% include "nothere.html" %}')
    result = _build_in(tmp_path, monkeypatch)
    assert result.exit_code == 1, result.output
    first, hint = result.stderr.splitlines()
    assert first == ("error: partnerships/riverside/templates/yearly-report.html:2: "
                     "the template 'nothere.html' does not exist")
    assert hint.startswith("    hint: templates are looked for in partnerships/riverside/"
                           "templates, then in the standard templates (")


def test_a_syntax_error_is_shown_relative_to_the_current_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _override(tmp_path, "yearly-report.html", "<p>\n{% if c.draft %\n<p>x</p>")
    result = _build_in(tmp_path, monkeypatch)
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("error: partnerships/riverside/templates/yearly-report.html:")
    assert "the template cannot be read" in result.stderr and "hint: check that every" in \
        result.stderr


def test_the_check_finds_what_the_renderer_drops_by_the_same_rule() -> None:
    text = ("[a](javascript:x) [b](https://ok.example) ![c](https://x.example/c.png)\n\n"
            "| t |\n|---|\n| <data:text/html,x> |\n\n[d][r]\n\n[r]: vbscript:y")
    renderer = MarkdownRenderer()
    renderer.block(text)
    assert dropped_from(text) == renderer.dropped
    assert [(d.what, d.target) for d in renderer.dropped] == [
        ("link", "javascript:x"), ("image", "https://x.example/c.png"),
        ("link", "data:text/html,x"), ("link", "vbscript:y")]


@pytest.mark.parametrize("text", ["fewer than 5 (<5)", "a < b and b > c", "x <= y", "3<4",
                                  "`<b>` in code", "<https://example.org>", "<a@b.example>"])
def test_a_less_than_sign_in_prose_is_not_html(text: str) -> None:
    assert raw_html_in(text) == []


@pytest.mark.parametrize(("text", "tag"), [("some <b>bold</b>", "<b>"),
                                           ("<iframe src=x></iframe>", "<iframe src=x>"),
                                           ("a\n\n<script>alert(1)</script>", "<script>"),
                                           ("a <!-- note --> b", "<!-- note -->")])
def test_html_typed_into_markdown_is_found(text: str, tag: str) -> None:
    assert raw_html_in(text)[0].tag == tag


def _report_with(tmp_path: Path, body: str) -> tuple[Path, list[str]]:
    root = tmp_path / "partnerships"
    shutil.copytree(SAMPLE_ROOT, root)
    report = root / "riverside" / "reports" / "2023-24.yaml"
    text = report.read_text(encoding="utf-8")
    old = "body: Figures are for 31 March 2024 unless stated."
    assert old in text
    report.write_text(text.replace(old, f"body: {body}"), encoding="utf-8")
    return root, report.read_text(encoding="utf-8").splitlines()


def _where(lines: list[str], needle: str) -> tuple[int, int]:
    line = next(i for i, text in enumerate(lines) if needle in text)
    return line + 1, lines[line].index(needle) + 1


UNSAFE_BODY = 'See [the plan](javascript:alert("x")) and ![a map](https://x.example/m.png).'


def test_links_the_build_drops_are_reported_where_they_are_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the build's own warning only
    monkeypatch.setattr("safeguarding.check.consistency.ALWAYS_ON", ())
    root, lines = _report_with(tmp_path, UNSAFE_BODY)
    outcome = build_reports(BuildRequest(root, "riverside", ("2023-24",), ("html",),
                                         tmp_path / "out"))
    dropped = [f for f in outcome.findings if f.rule == "build.markdown"]
    assert [(f.line, f.column) for f in dropped] == [_where(lines, "javascript:"),
                                                     _where(lines, "https://x.example/m.png")]
    assert dropped[0].message.startswith("""the link to 'javascript:alert("x")' was left out""")


def test_a_build_reports_a_dropped_link_once(tmp_path: Path) -> None:
    root, lines = _report_with(tmp_path, UNSAFE_BODY + " Some <b>bold</b>.")
    outcome = build_reports(BuildRequest(root, "riverside", ("2023-24",), ("html",),
                                         tmp_path / "out"))
    found = sorted((f.rule, f.line, f.column) for f in outcome.findings
                   if f.rule.startswith(("build.markdown", "markdown.")))
    assert found == [("markdown.raw_html", *_where(lines, "<b>")),
                     ("markdown.unsafe_link", *_where(lines, "javascript:")),
                     ("markdown.unsafe_link", *_where(lines, "https://x.example/m.png"))]
