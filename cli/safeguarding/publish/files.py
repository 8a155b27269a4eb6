"""Write built documents so that a failed or interrupted build leaves the previous output intact.

Each file is written to a temporary file in the same folder and then renamed over the old
one (`os.replace` is atomic on one filesystem), only after every file of the document has
been rendered; if a later rename fails, the files already replaced are put back.
`output/index.html` lists what the output folder holds; it is rewritten only when that changes.
"""

from __future__ import annotations

import contextlib
import html
import os
import re
import secrets
import shutil
import tempfile
from collections.abc import Mapping
from itertools import groupby
from pathlib import Path

from ..errors import OutputError, UsageError
from ..load.layout import DocumentRef, output_label, output_path

INDEX = "index.html"
_TITLE = re.compile(r"<title>([^<]*)</title>")  # our pages escape "<" inside the title
_AUTHOR = re.compile(r'<meta name="author" content="([^"]*)">')


def refuse_output_inside(out: Path, root: Path) -> None:
    """Output never goes inside the partnerships folder: among a partnership's files, or as a
    new folder that the next `validate` would take for a partnership without its file."""
    if Path(os.path.realpath(out)).is_relative_to(os.path.realpath(root)):
        raise UsageError(f"--out {out} is inside the partnerships folder {root}, "
                         "among the partnerships' own files; choose a folder outside it, "
                         "such as output/")


def write_atomic(path: Path, content: bytes) -> None:
    """Replace path with content in one step; on any failure the old file stays as it was."""
    replace_together({path: content})


def replace_together(files: Mapping[Path, bytes]) -> None:
    """Write every file beside its target first, then rename them all.

    A document's HTML and PDF are replaced together: a failure while writing or renaming
    either leaves both old files as they were, never a new HTML beside an old PDF.
    """
    staged: dict[Path, str] = {}
    kept: dict[Path, str | None] = {}  # each target renamed so far → a link to its old file
    path = next(iter(files))
    try:
        for path, content in files.items():
            staged[path] = _stage(path, content)
        for path in files:
            if path.is_dir():
                raise IsADirectoryError(21, "a folder of that name is in the way")
        for path, temp in staged.items():
            kept[path] = _keep(path)
            os.replace(temp, path)
    except OSError as exc:
        _restore(kept)
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc
    except BaseException:
        _restore(kept)
        raise
    finally:
        for temp in staged.values():
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)  # only those not renamed are still there
        for old in kept.values():
            if old:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(old)


def _keep(path: Path) -> str | None:
    """A second name for the file about to be replaced, so that it can be put back."""
    if not path.exists():
        return None
    old = str(path.with_name(f".{path.name}.{secrets.token_hex(6)}.old"))
    try:
        os.link(path, old)
    except OSError:  # a file system without hard links
        shutil.copy2(path, old)
    return old


def _restore(kept: dict[Path, str | None]) -> None:
    for path, old in kept.items():
        with contextlib.suppress(OSError):
            if old:
                os.replace(old, path)
            else:
                os.unlink(path)


def _stage(path: Path, content: bytes) -> str:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:  # a file where the partnership's folder should be
        folders = (path.parent, *path.parent.parents)
        in_the_way = next((p for p in folders if p.is_file()), path.parent)
        raise FileExistsError(17, f"{in_the_way} is a file, not a folder") from exc
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, 0o644)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    return temp


def publish_document(out: Path, ref: DocumentRef, files: Mapping[str, bytes]) -> list[Path]:
    """Write one document's files (suffix → bytes) together; the paths written."""
    paths = {output_path(out, ref, suffix): content for suffix, content in files.items()}
    replace_together(paths)
    return list(paths)


def write_if_changed(path: Path, content: bytes) -> None:
    """write_atomic, unless the file already holds exactly this: its time is then kept."""
    try:
        if path.read_bytes() == content:
            return
    except OSError:
        pass
    write_atomic(path, content)


def published_files(out: Path) -> list[Path]:
    """Every document file in the output folder (OUT/<slug>/*.html and *.pdf), sorted."""
    folders = sorted(p for p in out.iterdir() if p.is_dir() and not p.name.startswith("."))
    return sorted(p for folder in folders for suffix in ("*.html", "*.pdf")
                  for p in folder.glob(suffix))


def write_index(out: Path) -> Path:
    """output/index.html: every built document, by partnership, HTML with its PDF (or the
    PDF alone, when only PDFs were built)."""
    rows = []
    for folder, files in groupby(published_files(out), key=lambda p: p.parent):
        names = sorted({p.stem for p in files})
        if names:
            pages = [folder / f"{n}.html" for n in names if (folder / f"{n}.html").is_file()]
            heading = _partnership_name(pages[0], folder.name) if pages else folder.name
            items = "".join(_index_item(folder, name) for name in names)
            rows.append(f"<h2>{html.escape(heading)}</h2>\n<ul>\n{items}</ul>\n")
    path = out / INDEX
    write_if_changed(path, _index_page("".join(rows) or "<p>Nothing has been built yet.</p>\n"))
    return path


def _partnership_name(page: Path, default: str) -> str:
    # Each page names its partnership as author; the folder name is only a slug.
    found = _AUTHOR.search(page.read_text(encoding="utf-8", errors="replace"))
    return html.unescape(found.group(1)) if found else default


def _index_item(folder: Path, name: str) -> str:
    page, pdf = folder / f"{name}.html", folder / f"{name}.pdf"
    pdf_link = f'<a href="{folder.name}/{pdf.name}">PDF, {_size(pdf)}</a>' if pdf.is_file() else ""
    if not page.is_file():  # a PDF-only build: its title is in the PDF, so name it by file
        return f"<li>{html.escape(output_label(name))} ({pdf_link})</li>\n"
    found = _TITLE.search(page.read_text(encoding="utf-8", errors="replace"))
    title = html.unescape(found.group(1)) if found else page.stem
    link = f'<a href="{folder.name}/{page.name}">{html.escape(title)}</a>'
    if pdf_link:
        link += f" ({pdf_link})"
    return f"<li>{link}</li>\n"


def _size(path: Path) -> str:
    return f"{max(1, round(path.stat().st_size / 1024))} KB"


def _index_page(body: str) -> bytes:
    return (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>Published safeguarding documents</title>\n<style>\n"
        "body { font-family: Arial, sans-serif; line-height: 1.5; color: #1a1a1a;"
        " max-width: 44rem; margin: 0 auto; padding: 1rem; }\n"
        "a { color: #1d4f91; } a:focus-visible { outline: 3px solid #8a4b00; }\n"
        "</style>\n</head>\n<body>\n<main>\n<h1>Published safeguarding documents</h1>\n"
        f"{body}</main>\n</body>\n</html>\n").encode()
