"""Write what was imported: the document file, the images and, for a new partnership, its
file. Nothing is written unless none of them exists yet."""

from __future__ import annotations

from pathlib import Path

from ..commands.scaffold import write_new
from ..errors import OutputError, UsageError


def refuse_existing(paths: list[Path]) -> None:
    """Stop before writing anything if one of the files is there already."""
    for path in paths:
        if path.exists():
            raise UsageError(f"'{path}' already exists; nothing was written",
                             hint="give another --id, or move the existing file away first")


def write_all(texts: dict[Path, str], images: dict[Path, bytes]) -> list[Path]:
    """Create every file (folders as needed); the paths written."""
    written = []
    for path, text in texts.items():
        _folder(path.parent)
        write_new(path, text)
        written.append(path)
    for path, data in images.items():
        _folder(path.parent)
        try:
            with path.open("xb") as handle:
                handle.write(data)
        except OSError as exc:
            raise OutputError(f"cannot write '{path}': {exc.strerror or exc}") from exc
        written.append(path)
    return written


def _folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create '{folder}': {exc.strerror or exc}") from exc
