"""validate knows an image from a file that only starts like one, without an imaging library;
the HTML embeds an image as what it is, whatever its name says."""

from __future__ import annotations

import errno
import io
import os
from pathlib import Path

import pytest
from PIL import Image  # only to make real images to test against (WeasyPrint brings it)

from safeguarding.errors import BuildError
from safeguarding.load.integrity import image_is_whole, image_kind
from safeguarding.render import embed
from safeguarding.render.embed import asset_uri

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"><rect/></svg>\n'


def _image(kind: str) -> bytes:
    if kind == "SVG":
        return SVG
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(out, format=kind.upper())
    return out.getvalue()


@pytest.mark.parametrize("kind", ["PNG", "JPEG", "GIF", "WebP", "SVG"])
def test_a_whole_image_passes_and_the_same_image_cut_short_does_not(
        kind: str, tmp_path: Path) -> None:
    content = _image(kind)
    whole, cut = tmp_path / "whole", tmp_path / "cut"
    whole.write_bytes(content)
    cut.write_bytes(content[: len(content) * 2 // 3])
    assert (image_kind(whole), image_kind(cut)) == (kind, kind)
    assert image_is_whole(whole, kind)
    assert not image_is_whole(cut, kind)


def test_a_jpeg_with_a_camera_trailer_after_its_end_is_whole(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(_image("JPEG") + b"SEFT" + b"\x00" * 2000)
    assert image_is_whole(path, "JPEG")


def test_text_is_not_an_image(tmp_path: Path) -> None:
    path = tmp_path / "notes.png"
    path.write_bytes(b"these are my notes, not a picture")
    assert image_kind(path) is None


@pytest.mark.parametrize("kind", ["PNG", "SVG"])
def test_an_image_is_embedded_as_what_it_is_whatever_its_name(kind: str, tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "logo.svg").write_bytes(_image(kind))
    mime = "image/png" if kind == "PNG" else "image/svg+xml"
    assert asset_uri(tmp_path, "assets/logo.svg").startswith(f"data:{mime};base64,")


def test_an_image_that_cannot_be_read_is_a_build_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "logo.png").write_bytes(_image("PNG"))
    os.chmod(tmp_path / "assets" / "logo.png", 0)  # does not stop root: so refuse in Python too

    def refused(path: Path, limit: int) -> bytes:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))

    monkeypatch.setattr(embed, "read_limited", refused)  # the build reads images through it
    with pytest.raises(BuildError, match="cannot read the file: Permission denied"):
        asset_uri(tmp_path, "assets/logo.png")
