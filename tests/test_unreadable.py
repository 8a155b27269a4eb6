"""A folder or file that cannot be read is an `io` finding naming it, never a crash or a pass.

chmod 000 does not stop root, and CI runs as root, so each test also makes Python's own
file functions refuse, as they do for anyone else.
"""

from __future__ import annotations

import errno
import io
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from safeguarding.cli import app
from safeguarding.errors import InputError
from safeguarding.findings import Finding
from safeguarding.load.validation import validate_workspace
from safeguarding.load.workspace import load_workspace
from safeguarding.publish.build import BuildRequest, select_refs

TINY = Path(__file__).parent / "fixtures" / "partnerships" / "tiny"
FOLDERS = ["partnerships", "partnerships/tiny", "partnerships/tiny/reports",
           "partnerships/tiny/arrangements", "partnerships/tiny/assets"]
ASSET = "partnerships/tiny/assets/structure.png"

Make = Callable[[str], None]


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A partnerships folder holding tiny, in the current folder."""
    shutil.copytree(TINY, tmp_path / "partnerships" / "tiny")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def unreadable(here: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Make]:
    """Makes a folder (no listing it, nothing in it looked up) or a file unreadable."""
    modes: list[tuple[Path, int]] = []

    def make(name: str) -> None:
        path = here / name
        modes.append((path, path.stat().st_mode))
        _refuse(monkeypatch, path)
        os.chmod(path, 0)

    yield make
    for path, mode in reversed(modes):  # so that the temporary folder can be removed
        os.chmod(path, mode)


def _refuse(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """Refuse at the level of os and io, as the system would, so that pathlib, glob and
    realpath all meet the refusal in their own way."""
    target = os.path.abspath(path)
    inside = target + os.sep if path.is_dir() else None

    def guarded(real: Callable[..., Any], itself: bool) -> Callable[..., Any]:
        def call(name: Any = ".", *args: Any, **kwargs: Any) -> Any:
            if isinstance(name, str | os.PathLike):
                at = os.path.abspath(name)
                if (inside and at.startswith(inside)) or (itself and at == target):
                    raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(name))
            return real(name, *args, **kwargs)
        return call

    # A folder's own details can be looked up, but not listed, nor anything in it looked up.
    for module, name, itself in [(os, "stat", False), (os, "lstat", False), (os, "listdir", True),
                                 (os, "scandir", True), (io, "open", True)]:
        monkeypatch.setattr(module, name, guarded(getattr(module, name), itself))


def _validate(*paths: str) -> list[Finding]:
    return validate_workspace(load_workspace([Path(p) for p in paths or ["partnerships"]]))


def _said(findings: list[Finding]) -> list[tuple[str, str, str]]:
    return [(f.file, f.rule, f.message) for f in findings]


@pytest.mark.parametrize("folder", FOLDERS)
def test_an_unreadable_folder_is_one_io_error_naming_it(unreadable: Make, folder: str) -> None:
    unreadable(folder)
    found = _validate()
    name = Path(folder).name
    assert _said(found) == [(folder, "io", f"cannot read the folder '{name}': Permission denied")]
    assert "permissions" in found[0].hint


def test_an_unreadable_image_is_an_io_error_naming_it(unreadable: Make) -> None:
    unreadable(ASSET)
    assert _said(_validate()) == [
        (ASSET, "io", "cannot read the file 'structure.png': Permission denied")]


def test_an_unreadable_reports_folder_hides_no_arrangements(unreadable: Make) -> None:
    unreadable("partnerships/tiny/reports")
    ws = load_workspace([Path("partnerships")])
    assert [d.ref.id for d in ws.documents] == ["2024-01"]


@pytest.mark.parametrize("given", ["partnerships/tiny/reports",
                                   "partnerships/tiny/reports/2023-24.yaml"])
def test_a_path_given_inside_an_unreadable_folder_names_that_folder(
        unreadable: Make, given: str) -> None:
    unreadable("partnerships/tiny")
    assert _said(_validate(given)) == [
        ("partnerships/tiny", "io", "cannot read the folder 'tiny': Permission denied")]


def test_choosing_what_to_build_from_an_unreadable_folder_is_an_input_error(
        unreadable: Make) -> None:
    unreadable("partnerships/tiny/reports")  # the latest report must not become arrangements
    with pytest.raises(InputError, match=r"cannot read the folder '.*reports': Permission denied"):
        select_refs(BuildRequest(Path("partnerships"), "tiny"))


# Not the partnerships folder itself: the command line refuses an unreadable --root first.
@pytest.mark.parametrize("denied", [*FOLDERS[1:], ASSET])
def test_validate_and_check_fail_and_build_report_builds_nothing(
        unreadable: Make, here: Path, denied: str) -> None:
    unreadable(denied)
    runner = CliRunner()
    for command in ("validate", "check"):
        result = runner.invoke(app, [command])
        assert result.exit_code == 1, result.output
        assert "error [io] cannot read the" in result.output, result.output
    out = here / "output"
    result = runner.invoke(app, ["build-report", "tiny", "--format", "html", "--out", str(out)])
    assert result.exit_code in (1, 2) and "cannot read the" in result.output, result.output
    assert not out.exists() or not any(out.rglob("*.html"))
