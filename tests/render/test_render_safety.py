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

from safeguarding.build import BuildRequest, build_reports
from safeguarding.embed import asset_uri
from safeguarding.errors import BuildError
from safeguarding.markdown import MarkdownRenderer, is_safe_url
from safeguarding.pdf import print_pdf
from safeguarding.render import make_environment
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

    # A PNG that says it is 30,000 pixels square: it starts like a PNG, so validate passes,
    # and WeasyPrint refuses to decode it (a decompression bomb).
    (root / "riverside" / "assets" / "structure.png").write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 30000, 30000, 8, 0, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(b"\x00" * 30001 * 10)) + chunk(b"IEND", b""))
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
    with pytest.raises(BuildError):
        build_reports(BuildRequest(tmp_path / "partnerships", "riverside", ("2023-24",),
                                   ("html",), tmp_path / "out"))
    assert not (tmp_path / "out" / "riverside").exists()


def test_a_symlinked_template_is_not_read(tmp_path: Path) -> None:
    folder = _override(tmp_path, "unused.html", "")
    secret = tmp_path / "secret.html"
    secret.write_text("SECRET")
    os.symlink(secret, folder / "templates" / "yearly-report.html")
    template = make_environment(folder).get_template("yearly-report.html")
    assert Path(template.filename).parent == templates_dir()  # the built-in one, not the link
