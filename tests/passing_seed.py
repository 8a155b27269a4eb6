"""A real partnership whose `check` passes, for tests of the tools run on a repository."""

from __future__ import annotations

import shutil
from pathlib import Path

WIRRAL = Path(__file__).resolve().parents[1] / "partnerships" / "wirral"


def copy_passing_seed(partnerships: Path) -> Path:
    """Wirral's partnership copied into partnerships/: its draft builds, and it passes
    `check` once dated as the version it became (an undated draft misses the duty to
    publish the arrangements)."""
    folder = partnerships / WIRRAL.name
    shutil.copytree(WIRRAL, folder)
    document = folder / "arrangements" / "2019-04.yaml"
    text = document.read_text(encoding="utf-8")
    document.write_text(text.replace("\nstatus: draft\n", "\nstatus: draft\npublished: "
                                     "\"2019-04-30\"\n", 1), encoding="utf-8")
    return folder
