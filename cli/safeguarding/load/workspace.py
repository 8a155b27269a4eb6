"""Load every partnership and document under the given paths; a broken file is a finding."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UsageError
from ..findings import Finding, Location, error
from ..rules import known
from . import layout
from .layout import DocumentRef, display_path
from .yamlfile import SourceFile, load_yaml

RULE_FILE_NAME = known("layout.file_name")
RULE_STRAY_FILE = known("layout.stray_file")
RULE_NOT_A_FOLDER = known("layout.not_a_folder")
RULE_FOLDER_NAME = known("layout.folder_name")
RULE_OUTSIDE_LINK = known("layout.outside_link")
RULE_IO = known("io")  # as for a document that cannot be read (yaml_messages)


@dataclass(frozen=True)
class Partnership:
    """One partnership folder; source is None when partnership.yaml was not loaded."""

    slug: str
    folder: Path
    source: SourceFile | None
    has_file: bool  # partnership.yaml exists, whether or not it was loaded or readable


@dataclass(frozen=True)
class Document:
    """One loaded document file and where it sits in the layout."""

    ref: DocumentRef
    source: SourceFile


@dataclass
class Workspace:
    """Everything loaded: partnerships, documents, the findings of loading, the files seen."""

    partnerships: list[Partnership] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    # The text of each file read, by its name as shown, loaded or not: a report quotes a
    # finding's line from it, as the file was when checked.
    texts: dict[str, str] = field(default_factory=dict)

    # Each partnership by its folder, kept as they are registered: a lookup per document
    # walking every partnership was quadratic in a workspace of many.
    _by_folder: dict[str, Partnership] = field(default_factory=dict, repr=False, compare=False)

    def partnership(self, folder: Path) -> Partnership | None:
        return self._by_folder.get(_key(folder))

    def register(self, entry: Partnership) -> None:
        """Add a partnership, or put a loaded one in the place of its unloaded entry."""
        known = self._by_folder.get(_key(entry.folder))
        if known is None:
            self.partnerships.append(entry)
        else:
            self.partnerships[self.partnerships.index(known)] = entry
        self._by_folder[_key(entry.folder)] = entry


def unreadable_finding(problem: layout.Unreadable) -> Finding:
    """The `io` finding for a folder or file that cannot be read, located at it."""
    name = problem.path.name or str(problem.path)
    return error(RULE_IO, f"cannot read the {problem.what} '{name}': {problem.reason}",
                 Location(display_path(problem.path)), problem.hint)


def load_workspace(paths: Sequence[Path]) -> Workspace:
    """Load a partnerships root, partnership folders or single files, in that order given."""
    missing = [str(p) for p in paths if not _unless_unreadable(Path.exists, p)]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
    not_yaml = [str(p) for p in paths if not _unless_unreadable(Path.is_dir, p)
                and p.suffix not in (".yaml", ".yml")]
    if not_yaml:
        raise UsageError(f"not a YAML file: {', '.join(not_yaml)} "
                         "(give a partnerships folder, a partnership folder or .yaml files)")
    loader = _Loader()
    for path in paths:
        loader.add(path)
    return loader.workspace


def _key(path: Path) -> str:
    return os.path.abspath(path)


def _unless_unreadable(test: Callable[[Path], bool], path: Path) -> bool:
    """test(path), or True when a folder on the way cannot be read: loading reports that."""
    try:
        return test(path)
    except PermissionError:
        return True
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:  # no file has that name
            return False
        raise


class _Loader:
    """Adds paths to a workspace, loading each file once."""

    def __init__(self) -> None:
        self.workspace = Workspace()
        self._seen: set[str] = set()

    def add(self, path: Path) -> None:
        # Absolute, so that `reports/2023-24.yaml` given from inside a partnership still
        # knows its partnership's name; findings show paths relative to the current folder.
        path = Path(os.path.abspath(path))
        with self._reporting():
            if layout.is_dir(path):
                self._add_folder(path)
            else:
                self._add_file(path)

    @contextmanager
    def _reporting(self) -> Iterator[None]:
        """Report a folder or file that cannot be read, once, and go on with the rest: an
        unreadable folder must fail validation, never pass as an empty one."""
        try:
            yield
        except layout.Unreadable as problem:
            finding = unreadable_finding(problem)
            if finding not in self.workspace.findings:
                self.workspace.findings.append(finding)

    def _add_folder(self, folder: Path) -> None:
        if layout.is_partnership_dir(folder):
            self._add_partnership(folder, with_documents=True)
            return
        if layout.is_partnership_dir(folder.parent):  # e.g. partnerships/x/reports/
            for path in layout.yaml_files(folder):
                self._add_file(path)
            return
        for sub in layout.partnership_dirs(folder):
            with self._reporting():
                self._add_partnership(sub, with_documents=True)
        with self._reporting():
            self._add_strays(p for p in layout.yaml_files(folder, deep=False)
                             if layout.is_file(p))

    def _add_file(self, path: Path) -> None:
        if path == layout.partnership_file(path.parent):
            self._add_partnership(path.parent, with_documents=False)
            return
        ref = layout.document_ref(path)
        if ref is None:
            self._add_strays([path])
            return
        self._register(path.parent.parent, load=False)
        self._add_document(ref)

    def _add_partnership(self, folder: Path, with_documents: bool) -> None:
        self._register(folder, load=True)
        if not with_documents:
            return
        for kind in layout.KINDS:  # an unreadable reports/ hides no arrangements
            with self._reporting():
                for ref in layout.document_refs(folder, (kind,)):
                    self._add_document(ref)
        with self._reporting():
            self._add_strays(layout.stray_files(folder))
        with self._reporting():
            for path in layout.linked_out(folder):
                what = "nothing in it is used" if path.is_dir() else "it is not read"
                self.workspace.findings.append(error(
                    RULE_OUTSIDE_LINK, f"'{path.name}' is a link to a "
                    f"{'folder' if path.is_dir() else 'file'} outside the partnership's folder, "
                    f"so {what}", Location(display_path(path)),
                    f"replace the link with a copy of what it points at, inside "
                    f"{display_path(folder)}"))
        with self._reporting():
            for path, holds in layout.not_folders(folder):  # its files would go unchecked
                self.workspace.findings.append(error(
                    RULE_NOT_A_FOLDER, f"'{path.name}' is a file, not a folder, so nothing in "
                    "it is checked or built", Location(display_path(path)),
                    f"make {path.name} a folder, holding {holds} files"))

    def _register(self, folder: Path, load: bool) -> None:
        """Record a partnership, loading its partnership.yaml when asked (once)."""
        ws = self.workspace
        known = ws.partnership(folder)
        if known is not None and (known.source is not None or not load):
            return
        file = layout.partnership_file(folder)
        # A pipe, a folder or a broken link named partnership.yaml is there but unreadable:
        # loading says so, rather than "no partnership.yaml" beside it.
        has_file = layout.exists(file) or file.is_symlink()
        source = self._load(file, folder) if load and has_file else None
        entry = Partnership(folder.name, folder, source, has_file)
        if known is None or source is not None:
            ws.register(entry)
        # Commands name a partnership by its folder, and so does the output.
        if known is None and not layout.SLUG_PATTERN.match(folder.name):
            ws.findings.append(error(
                RULE_FOLDER_NAME, f"the partnership folder '{folder.name}' is not named "
                "in lower-case letters, digits and hyphens", Location(display_path(folder)),
                f"rename the folder to '{layout.suggested_slug(folder.name)}', and write "
                "that name in each document's `partnership` field"))

    def _add_document(self, ref: DocumentRef) -> None:
        if _key(ref.path) in self._seen:
            return
        problem = layout.id_problem(ref)
        if problem:
            self.workspace.findings.append(error(
                RULE_FILE_NAME, problem, Location(display_path(ref.path)),
                "rename the file; its name is the document's id"))
        source = self._load(ref.path, ref.path.parent.parent)
        if source is not None:
            self.workspace.documents.append(Document(ref, source))

    def _load(self, path: Path, folder: Path) -> SourceFile | None:
        key = _key(path)
        if key in self._seen:
            return None
        self._seen.add(key)
        shown = display_path(path)
        self.workspace.files.append(shown)
        # A link out of the partnership would publish whatever file it points at.
        if not Path(os.path.realpath(path)).is_relative_to(os.path.realpath(folder)):
            self.workspace.findings.append(error(
                RULE_OUTSIDE_LINK, f"'{path.name}' is a link to a file outside the "
                f"partnership's folder, so it is not read", Location(shown),
                "copy the file into the partnership's folder instead of linking to it"))
            return None
        loaded = load_yaml(path, shown, self.workspace.texts)
        if isinstance(loaded, Finding):
            self.workspace.findings.append(loaded)
            return None
        return loaded

    def _add_strays(self, paths: Iterable[Path]) -> None:
        for path in paths:
            key = _key(path)
            if key in self._seen:
                continue
            self._seen.add(key)
            shown = display_path(path)
            self.workspace.files.append(shown)
            self.workspace.findings.append(_stray(path, shown))


def _stray(path: Path, shown: str) -> Finding:
    hint = ("partnership.yaml goes in partnerships/<slug>/, documents in "
            "arrangements/<YYYY-MM>.yaml or reports/<YYYY-YY>.yaml, images in assets/")
    if path.suffix != ".yaml":  # .yml, .YAML
        hint = f"name the file with .yaml, not {path.suffix}"
    return error(RULE_STRAY_FILE,
                 f"'{path.name}' is not a partnership or document file, so it is not checked",
                 Location(shown), hint)
