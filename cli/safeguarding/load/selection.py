"""Which documents `check PARTNERSHIP DOCUMENT` means: the folder to load and a filter."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import UsageError
from . import layout

if TYPE_CHECKING:  # not imported to run: build-report's check for changes stays quick
    from .workspace import Document

Selected = Callable[["Document"], bool]


def select(root: Path, partnership: str | None, document: str | None) -> tuple[Path, Selected]:
    """No partnership: every document under root; a partnership: all of its documents;
    and a document (`arrangements`, a version such as 2019-06, a year such as 2023-24):
    that one document. Unknown names are usage errors that list what there is.
    """
    if partnership is None:
        return partnerships_root(root), _everything
    folder = partnership_folder(root, partnership)
    if document is None:
        return folder, _everything
    wanted = os.path.abspath(layout.select_document(folder, document).path)
    return folder, lambda doc: os.path.abspath(doc.ref.path) == wanted


def partnerships_root(root: Path) -> Path:
    """The partnerships folder, which must exist.

    Here and below, a folder that cannot be read raises layout.Unreadable, an input error.
    """
    if not layout.is_dir(root):
        raise UsageError(f"no partnerships folder at '{root}' (use --root DIR)")
    return root


def partnership_folder(root: Path, partnership: str) -> Path:
    """One partnership's folder; an unknown name is a usage error listing those there are."""
    folder = partnerships_root(root) / partnership
    try:
        there = layout.is_partnership_dir(folder)
    except OSError as exc:  # a name longer than the file system allows (a pasted argument)
        if exc.errno != errno.ENAMETOOLONG:
            raise
        there = False
    if not layout.SLUG_PATTERN.match(partnership) and there:
        raise UsageError(f"rename the folder '{partnership}' to "
                         f"'{layout.suggested_slug(partnership)}': a partnership's folder is "
                         "named in lower-case letters, digits and hyphens")
    if not layout.SLUG_PATTERN.match(partnership) or not there:
        known = ", ".join(p.name for p in layout.partnership_dirs(root)) or "none"
        raise UsageError(f"there is no partnership '{partnership}' in {root} (there are: {known})")
    return folder


def _everything(_: Document) -> bool:
    return True
