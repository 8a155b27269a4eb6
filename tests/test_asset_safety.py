"""No SVG with active content, no image too large in pixels and nothing reached through a
symbolic link out of the partnership gets into a build; validate says where each is named."""

from __future__ import annotations

import os
import shutil
import struct
import zlib
from pathlib import Path

import pytest

from safeguarding.errors import BuildError
from safeguarding.load.image_safety import MAX_PIXELS
from safeguarding.load.validation import validate_workspace
from safeguarding.load.workspace import load_workspace
from safeguarding.publish.build import BuildRequest, build_reports
from safeguarding.render.embed import asset_uri
from safeguarding.render.html import make_environment

RIVERSIDE = Path(__file__).parent / "fixtures" / "render" / "riverside"
SAFE_SVG = (b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
            b' viewBox="0 0 10 10"><defs><linearGradient id="g"/></defs>'
            b'<rect width="10" height="10" fill="url(#g)"/><use xlink:href="#g"/></svg>')


def _png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0,
                                                             0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00" * (width + 1) * 4)) + chunk(b"IEND", b""))


def _partnership(tmp_path: Path) -> Path:
    folder = tmp_path / "partnerships" / "riverside"
    shutil.copytree(RIVERSIDE, folder)
    return folder


def _findings(folder: Path, rule: str) -> list[str]:
    found = validate_workspace(load_workspace([folder]))
    return [f"{f.location} {f.message}" for f in found if f.rule == rule]


@pytest.mark.parametrize(("content", "what"), [
    (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "a script"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><svg:script href="x.js"/></svg>', "a script"),
    (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>', "an event handler"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><rect ONCLICK = "x"/></svg>', "an event handler"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>',
     "embedded HTML"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><image href="https://evil.example/x.png"/></svg>',
     "a reference"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><use xlink:href="/etc/passwd#x"/></svg>',
     "a reference"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url(http://x/y)"/></svg>',
     "a reference"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><style>@import "x.css";</style></svg>',
     "a style sheet import"),
    (b'<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg>&x;</svg>',
     "a document type"),
])
def test_an_svg_with_active_content_is_refused_where_it_is_named(
        tmp_path: Path, content: bytes, what: str) -> None:
    folder = _partnership(tmp_path)
    (folder / "assets" / "logo.svg").write_bytes(content)
    [finding] = _findings(folder, "integrity.unsafe_image")
    assert "partnership.yaml:44:" in finding and what in finding
    with pytest.raises(BuildError, match="cannot be published"):
        asset_uri(folder, "assets/logo.svg")


def test_a_plain_svg_with_references_inside_itself_is_published(tmp_path: Path) -> None:
    folder = _partnership(tmp_path)
    (folder / "assets" / "logo.svg").write_bytes(SAFE_SVG)
    assert _findings(folder, "integrity.unsafe_image") == []
    assert asset_uri(folder, "assets/logo.svg").startswith("data:image/svg+xml;base64,")


def test_an_image_of_too_many_pixels_is_refused_from_its_header(tmp_path: Path) -> None:
    # 30,000 pixels square in a file of a few KB: decoding it would take 900 million pixels.
    folder = _partnership(tmp_path)
    (folder / "assets" / "structure.png").write_bytes(_png(30000, 30000))
    [finding] = _findings(folder, "integrity.unsafe_image")
    assert "2024-09.yaml:57:" in finding and f"more than {MAX_PIXELS:,} pixels" in finding
    outcome = build_reports(BuildRequest(folder.parent, "riverside", ("arrangements",),
                                         ("html", "pdf"), tmp_path / "out"))
    assert any(f.rule == "integrity.unsafe_image" for f in outcome.findings)
    assert not list((tmp_path / "out").rglob("*.pdf"))


def test_an_image_within_the_pixel_limit_passes_and_one_above_it_does_not(
        tmp_path: Path) -> None:
    folder = _partnership(tmp_path)
    (folder / "assets" / "structure.png").write_bytes(_png(8000, 5000))
    assert _findings(folder, "integrity.unsafe_image") == []
    (folder / "assets" / "structure.png").write_bytes(_png(8000, 5001))
    [finding] = _findings(folder, "integrity.unsafe_image")
    assert "8,000 by 5,001 pixels" in finding


@pytest.mark.parametrize("name", ["assets", "templates"])
def test_a_folder_linked_from_outside_the_partnership_is_refused(tmp_path: Path,
                                                                 name: str) -> None:
    folder = _partnership(tmp_path)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    if (folder / name).exists():
        shutil.copytree(folder / name, outside, dirs_exist_ok=True)
        shutil.rmtree(folder / name)
    (outside / "partials").mkdir()
    (outside / "partials" / "quotation.html").write_text("<p>FROM OUTSIDE</p>")
    os.symlink(outside, folder / name)
    found = _findings(folder, "layout.outside_link")
    assert any(f"riverside/{name} " in f and "outside the partnership" in f for f in found), found
    if name == "assets":
        assert _findings(folder, "integrity.missing_asset"), "its images are refused too"
        with pytest.raises(BuildError):
            asset_uri(folder, "assets/structure.png")
    else:
        with pytest.raises(BuildError, match="outside the partnership"):
            make_environment(folder)


def test_a_linked_file_inside_assets_that_leaves_the_partnership_is_refused(
        tmp_path: Path) -> None:
    folder = _partnership(tmp_path)
    (tmp_path / "secret.png").write_bytes(_png(10, 10))
    (folder / "assets" / "structure.png").unlink()
    os.symlink(tmp_path / "secret.png", folder / "assets" / "structure.png")
    [finding] = _findings(folder, "integrity.missing_asset")
    assert "points outside" in finding


def test_a_template_that_is_a_link_out_of_the_partnership_is_refused(tmp_path: Path) -> None:
    folder = _partnership(tmp_path)
    (tmp_path / "secret.html").write_text("SECRET")
    (folder / "templates" / "partials").mkdir(parents=True)
    os.symlink(tmp_path / "secret.html", folder / "templates" / "partials" / "quotation.html")
    [finding] = _findings(folder, "layout.outside_link")
    assert "templates/partials/quotation.html " in finding and "it is not read" in finding
