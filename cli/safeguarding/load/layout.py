"""The one module that knows how partnerships, documents and output are laid out on disk.

partnerships/<slug>/partnership.yaml            standing facts
partnerships/<slug>/arrangements/<YYYY-MM>.yaml  one per published version
partnerships/<slug>/reports/<YYYY-YY>.yaml       one per reporting year (the year it ends in)
partnerships/<slug>/assets/                      images
output/<slug>/<kind>-<id>.{html,pdf}
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

from ..errors import InputError, UsageError

ARRANGEMENTS = "arrangements"
YEARLY_REPORT = "yearly-report"
KINDS = (ARRANGEMENTS, YEARLY_REPORT)

PARTNERSHIP_FILE = "partnership.yaml"
ASSETS_DIR = "assets"
TEMPLATES_DIR = "templates"  # a partnership's own templates, overriding the shipped ones
_FOLDER_BY_KIND = {ARRANGEMENTS: "arrangements", YEARLY_REPORT: "reports"}
_KIND_BY_FOLDER = {sub: kind for kind, sub in _FOLDER_BY_KIND.items()}
# A version is the month of publication; a reporting year is named by both years.
_ID_PATTERN_BY_KIND = {
    ARRANGEMENTS: re.compile(r"^\d{4}-(0[1-9]|1[0-2])$"),
    YEARLY_REPORT: re.compile(r"^\d{4}-\d{2}$"),
}
_ID_EXAMPLE_BY_KIND = {ARRANGEMENTS: "2019-06", YEARLY_REPORT: "2023-24"}
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class DocumentRef:
    """Where one document of a partnership lives."""

    slug: str
    kind: str
    id: str
    path: Path

    @property
    def name(self) -> str:
        return f"{self.kind}-{self.id}"


class Unreadable(InputError):
    """A folder or file the tool must look into cannot be read (its permissions, usually).

    Loading turns it into an `io` finding; choosing what to build shows it as an input error.
    """

    def __init__(self, path: Path, reason: str, what: str = "folder") -> None:
        super().__init__(f"cannot read the {what} '{path}': {reason}")
        self.path, self.reason, self.what = path, reason, what
        self.hint = f"check the {what}'s permissions: your account must be allowed to " + (
            "open it and list what is in it" if what == "folder" else "read it")


def unreadable(path: Path, exc: OSError, what: str = "folder") -> Unreadable:
    return Unreadable(path, exc.strerror or str(exc), what)


def entries(folder: Path) -> list[Path]:
    """What a folder holds, sorted. Unlike glob, which skips an unreadable folder as if it
    were empty, this says it cannot be read."""
    try:
        return sorted(folder.iterdir())
    except OSError as exc:
        raise unreadable(folder, exc) from exc


def inside(path: Path, folder: Path) -> bool:
    """Whether path, every symbolic link on the way followed, lies inside folder (itself
    resolved): a link, or a linked folder such as assets/, out of the folder is not inside."""
    return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(folder))


def is_file(path: Path) -> bool:
    return _ask(Path.is_file, path)


def is_dir(path: Path) -> bool:
    return _ask(Path.is_dir, path)


def exists(path: Path) -> bool:
    return _ask(Path.exists, path)


def _ask(question: Callable[[Path], bool], path: Path) -> bool:
    """Path.is_file, is_dir or exists, but a folder that cannot be looked into is
    Unreadable, not a crash."""
    try:
        return question(path)
    except PermissionError as exc:
        raise unreadable(_blocking(path), exc) from exc


def _blocking(path: Path) -> Path:
    """The folder that stops path being looked up: the deepest on the way that can be."""
    folder = path.parent
    while folder != folder.parent:
        try:
            folder.stat()
            break
        except PermissionError:
            folder = folder.parent
        except OSError:
            break
    return folder


def display_path(path: Path) -> str:
    """The path relative to the current directory when it is below it, else as given."""
    try:
        return str(Path(os.path.abspath(path)).relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def default_root() -> Path:
    return Path("partnerships")


def is_partnership_dir(folder: Path) -> bool:
    """Whether folder is one partnership (even one whose partnership.yaml is missing)."""
    if is_file(partnership_file(folder)):
        return True
    return any(is_dir(folder / sub) for sub in _FOLDER_BY_KIND.values())


def partnership_dirs(root: Path) -> list[Path]:
    """Every folder under root that is (or claims to be) a partnership."""
    if is_partnership_dir(root):
        return [root]
    return [p for p in entries(root) if not p.name.startswith(".") and is_dir(p)]


def linked_out(folder: Path) -> list[Path]:
    """The partnership's assets/ and templates/ folders, and files in templates/, that are
    links out of it: whatever they hold would be published as the partnership's own."""
    found = [path for path in (folder / ASSETS_DIR, folder / TEMPLATES_DIR)
             if exists(path) and not inside(path, folder)]
    templates = folder / TEMPLATES_DIR
    if is_dir(templates) and templates not in found:
        for here, folders, files in os.walk(templates):  # links to folders are not followed
            found += [Path(here, name) for name in sorted(folders + files)
                      if Path(here, name).is_symlink() and not inside(Path(here, name), folder)]
    return found


def partnership_file(folder: Path) -> Path:
    return folder / PARTNERSHIP_FILE


def assets_dir(folder: Path) -> Path:
    return folder / ASSETS_DIR


def document_path(folder: Path, kind: str, doc_id: str) -> Path:
    """Where a partnership's document of that kind and id is (or would be) written."""
    return folder / _FOLDER_BY_KIND[kind] / f"{doc_id}.yaml"


def document_refs(folder: Path, kinds: tuple[str, ...] = KINDS) -> list[DocumentRef]:
    """Every document file of a partnership, arrangements first, each in id order."""
    refs = []
    for kind in kinds:
        sub = folder / _FOLDER_BY_KIND[kind]
        if is_dir(sub):
            refs += [ref for p in entries(sub) if (ref := document_ref(p)) is not None]
    return refs


def document_ref(path: Path) -> DocumentRef | None:
    """The document a path names by where it is, or None (no file system access)."""
    kind = _KIND_BY_FOLDER.get(path.parent.name)
    if kind is None or not fnmatchcase(path.name, "*.yaml"):
        return None
    return DocumentRef(path.parent.parent.name, kind, path.stem, path)


def yaml_files(folder: Path, skip: str | None = None, deep: bool = True) -> list[Path]:
    """Every *.yaml or *.yml in folder and, when deep, the folders under it (but not in one
    named skip), sorted; an unreadable folder among them is Unreadable, not passed over."""
    found = []
    for path in entries(folder):
        if path.name == skip:
            continue
        if fnmatchcase(path.name.lower(), "*.y*ml"):  # 2023-24.YAML too: named, not passed over
            found.append(path)
        # As rglob did: folders reached through a link are not searched.
        if deep and is_dir(path) and not path.is_symlink():
            found += yaml_files(path, skip)
    return sorted(found)


def not_folders(folder: Path) -> list[tuple[Path, str]]:
    """A partnership's document and asset folders that exist as files: each with what it
    should hold, as a path pattern."""
    holds = {"reports": "reports/<YYYY-YY>.yaml", "arrangements": "arrangements/<YYYY-MM>.yaml",
             ASSETS_DIR: f"{ASSETS_DIR}/<image file>"}
    return [(folder / sub, pattern) for sub, pattern in holds.items()
            if exists(folder / sub) and not is_dir(folder / sub)]


def suggested_slug(name: str) -> str:
    """A folder name made into a slug: 'River Side' → 'river-side'."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "partnership"


def stray_files(folder: Path) -> list[Path]:
    """YAML files in a partnership folder that the layout does not expect."""
    known = {partnership_file(folder)}  # and documents, known by where they are
    return [p for p in yaml_files(folder, skip=ASSETS_DIR)
            if p not in known and (p.parent.parent != folder or document_ref(p) is None)]


def id_problem(ref: DocumentRef) -> str | None:
    """Why a document's file name is not a valid id for its kind, if it is not."""
    if _ID_PATTERN_BY_KIND[ref.kind].match(ref.id):
        return None
    article = "an" if ref.kind[0] in "aeiou" else "a"
    return (f"{article} {ref.kind} file must be named like '{_ID_EXAMPLE_BY_KIND[ref.kind]}.yaml', "
            f"not '{ref.path.name}'")


def select_document(folder: Path, selector: str | None) -> DocumentRef:
    """Resolve `arrangements`, a version, a reporting year, or None (the latest report)."""
    refs = document_refs(folder)
    by_kind = {k: [r for r in refs if r.kind == k] for k in KINDS}
    if selector in (None, YEARLY_REPORT, "report"):
        return _latest(by_kind[YEARLY_REPORT], folder, "yearly report")
    if selector == ARRANGEMENTS:
        return _latest(by_kind[ARRANGEMENTS], folder, "arrangements")
    for ref in refs:
        if ref.id == selector:
            return ref
    known = ", ".join([ARRANGEMENTS] + [r.id for r in refs])
    raise UsageError(f"{folder.name} has no document '{selector}' (it has: {known})")


def _latest(refs: list[DocumentRef], folder: Path, what: str) -> DocumentRef:
    if not refs:
        raise UsageError(f"{folder.name} has no {what}")
    return refs[-1]


def output_path(out: Path, ref: DocumentRef, suffix: str) -> Path:
    return out / ref.slug / f"{ref.name}.{suffix}"


def output_label(name: str) -> str:
    """A file name output_path gave, in words: 'yearly-report-2023-24' → 'Yearly report 2023-24'."""
    kind = next((k for k in KINDS if name.startswith(f"{k}-")), None)
    if kind is None:
        return name
    return f"{kind.replace('-', ' ').capitalize()} {name.removeprefix(f'{kind}-')}"


def year_before(report_id: str) -> str | None:
    """The reporting year before 2023-24 (2022-23); None for a misnamed file."""
    if not _ID_PATTERN_BY_KIND[YEARLY_REPORT].match(report_id):
        return None
    start = int(report_id[:4]) - 1
    return f"{start}-{str(start + 1)[2:]}"
