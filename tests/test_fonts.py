"""The shipped font draws figures as the reports need them."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[1]
FACES = sorted((ROOT / "templates" / "fonts").glob("*.ttf"))


def _contours(path: Path, glyph: str) -> int:
    font = TTFont(path)
    return len(font["glyf"][glyph].getCoordinates(font["glyf"])[1])


@pytest.mark.parametrize("face", FACES, ids=lambda p: p.stem)
def test_every_face_has_a_plain_zero_distinct_from_the_letter(face: Path) -> None:
    # A slashed zero has its counter cut in two (three contours); a plain one has one.
    assert _contours(face, "zero") == 2
    font = TTFont(face)
    assert font["hmtx"]["zero"][0] < font["hmtx"]["O"][0]  # narrower than O: still told apart


def test_the_plain_zero_script_changes_a_slashed_font_once(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("plain_zero", ROOT / "scripts" / "plain_zero.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    copy = tmp_path / "face.ttf"
    shutil.copy(FACES[0], copy)
    # Put a slash back: the counter split in two, as the font's release draws it.
    font = TTFont(copy)
    glyf = font["glyf"]
    zero = glyf["zero"]
    ends = zero.getCoordinates(glyf)[1]
    counter = list(range(ends[0] + 1, ends[1] + 1))
    half = len(counter) // 2
    zero.endPtsOfContours = [ends[0], ends[0] + half, ends[1]]
    zero.numberOfContours = 3
    font.save(copy)
    assert module.plain_zero(str(copy)) is True
    assert _contours(copy, "zero") == 2
    assert module.plain_zero(str(copy)) is False
