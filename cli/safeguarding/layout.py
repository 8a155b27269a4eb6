"""The one module that knows how partnerships, documents and output are laid out on disk.

partnerships/<slug>/partnership.yaml            standing facts
partnerships/<slug>/arrangements/<YYYY-MM>.yaml  one per published version
partnerships/<slug>/reports/<YYYY-YY>.yaml       one per reporting year (the year it ends in)
partnerships/<slug>/assets/                      images
output/<slug>/<kind>-<id>.{html,pdf}
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import UsageError

ARRANGEMENTS = "arrangements"
YEARLY_REPORT = "yearly-report"
KINDS = (ARRANGEMENTS, YEARLY_REPORT)

PARTNERSHIP_FILE = "partnership.yaml"
ASSETS_DIR = "assets"
_FOLDER_BY_KIND = {ARRANGEMENTS: "arrangements", YEARLY_REPORT: "reports"}
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


def default_root() -> Path:
    return Path("partnerships")


def is_partnership_dir(folder: Path) -> bool:
    """Whether folder is one partnership (even one whose partnership.yaml is missing)."""
    if partnership_file(folder).is_file():
        return True
    return any((folder / sub).is_dir() for sub in _FOLDER_BY_KIND.values())


def partnership_dirs(root: Path) -> list[Path]:
    """Every folder under root that is (or claims to be) a partnership."""
    if is_partnership_dir(root):
        return [root]
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))


def partnership_file(folder: Path) -> Path:
    return folder / PARTNERSHIP_FILE


def assets_dir(folder: Path) -> Path:
    return folder / ASSETS_DIR


def document_refs(folder: Path) -> list[DocumentRef]:
    """Every document file of a partnership, arrangements first, each in id order."""
    refs = []
    for kind in KINDS:
        sub = folder / _FOLDER_BY_KIND[kind]
        if sub.is_dir():
            refs += [DocumentRef(folder.name, kind, p.stem, p) for p in sorted(sub.glob("*.yaml"))]
    return refs


def not_folders(folder: Path) -> list[tuple[Path, str]]:
    """A partnership's document and asset folders that exist as files: each with what it
    should hold, as a path pattern."""
    holds = {"reports": "reports/<YYYY-YY>.yaml", "arrangements": "arrangements/<YYYY-MM>.yaml",
             ASSETS_DIR: f"{ASSETS_DIR}/<image file>"}
    return [(folder / sub, pattern) for sub, pattern in holds.items()
            if (folder / sub).exists() and not (folder / sub).is_dir()]


def suggested_slug(name: str) -> str:
    """A folder name made into a slug: 'River Side' → 'river-side'."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "partnership"


def stray_files(folder: Path) -> list[Path]:
    """YAML files in a partnership folder that the layout does not expect."""
    known = {partnership_file(folder)} | {r.path for r in document_refs(folder)}
    return sorted(p for p in folder.rglob("*.y*ml")
                  if p not in known and ASSETS_DIR not in p.relative_to(folder).parts)


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
