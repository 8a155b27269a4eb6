"""Cross-file checks the schemas cannot express: unique ids, assets, which partnership owns what.

Each check yields findings under its own rule id. The per-file checks run only on files
that passed their schema, so they can trust the shape of the data.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from ..findings import Finding, Location, error
from ..rules import known
from . import layout
from .doctree import Path_
from .image_safety import MAX_IMAGE_BYTES, file_size_problem, size_problem, svg_problem
from .reading import read_limited
from .workspace import Workspace, display_path, unreadable_finding
from .yamlfile import SourceFile

RULE_DUPLICATE_ID = known("integrity.duplicate_id")
RULE_MISSING_ASSET = known("integrity.missing_asset")
RULE_BAD_IMAGE = known("integrity.bad_image")
RULE_UNSAFE_IMAGE = known("integrity.unsafe_image")
RULE_NO_PARTNERSHIP = known("integrity.no_partnership")
RULE_WRONG_PARTNERSHIP = known("integrity.wrong_partnership")

ASSET_KEYS = ("src", "logo", "signature")  # images (figures, cover, logo, signatures): assets/x.png



def check_integrity(ws: Workspace, valid: set[str]) -> list[Finding]:
    """All cross-file findings; `valid` holds the display names of schema-valid files."""
    findings = list(check_partnerships_exist(ws))
    for folder, slug, source in _files(ws):
        if source.display in valid:
            findings += check_unique_ids(source)
            findings += check_assets(source, folder)
            findings += check_partnership_field(source, slug)
    return findings


def _files(ws: Workspace) -> Iterator[tuple[Path, str, SourceFile]]:
    for p in ws.partnerships:
        if p.source is not None:
            yield p.folder, p.slug, p.source
    for doc in ws.documents:
        yield doc.ref.path.parent.parent, doc.ref.slug, doc.source


def iter_values(data: Any, path: Path_ = ()) -> Iterator[tuple[Path_, Any]]:
    """Every value in the data with its path, parents before children."""
    yield path, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from iter_values(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from iter_values(value, (*path, i))


def check_partnerships_exist(ws: Workspace) -> Iterator[Finding]:
    """integrity.no_partnership: every document sits in a folder with a partnership.yaml.

    passes: partnerships/wirral/partnership.yaml next to partnerships/wirral/arrangements/
    fails:  partnerships/wirral/arrangements/2019-06.yaml, no partnerships/wirral/partnership.yaml
    """
    lacking = {os.path.abspath(p.folder) for p in ws.partnerships if not p.has_file}
    with_documents = set()
    for doc in ws.documents:
        folder = os.path.abspath(doc.ref.path.parent.parent)
        if folder in lacking:
            with_documents.add(folder)
            yield error(RULE_NO_PARTNERSHIP,
                        f"this document belongs to partnership '{doc.ref.slug}', "
                        f"which has no {layout.PARTNERSHIP_FILE}",
                        doc.source.locate(()),
                        f"add partnerships/{doc.ref.slug}/{layout.PARTNERSHIP_FILE}, "
                        "or move the document into its partnership's folder")
    for p in ws.partnerships:
        if os.path.abspath(p.folder) in lacking - with_documents:
            yield error(RULE_NO_PARTNERSHIP,
                        f"the folder '{p.slug}' has no {layout.PARTNERSHIP_FILE}",
                        Location(display_path(p.folder)),
                        "add the partnership's standing facts, or remove the folder")


def check_unique_ids(source: SourceFile) -> Iterator[Finding]:
    """integrity.duplicate_id: no two objects in one file share an `id`.

    passes: sections with ids `scrutiny` and `training`
    fails:  a section and a block both with id `training` (links to either would be ambiguous)
    """
    first: dict[str, Path_] = {}
    for path, value in iter_values(source.data):
        if not isinstance(value, dict) or not isinstance(value.get("id"), str):
            continue
        ident, at = value["id"], (*path, "id")
        if ident in first:
            line = source.locate(first[ident]).line
            yield error(RULE_DUPLICATE_ID, f"duplicate id '{ident}' (first used at line {line})",
                        source.locate(at), "ids are used for links: give each one a new name")
        else:
            first[ident] = at


def check_assets(source: SourceFile, folder: Path) -> Iterator[Finding]:
    """integrity.missing_asset: every image named by `src`, `logo` or `signature` is a file in
    assets/; integrity.bad_image: and that file is an image.

    passes: src: assets/structure.png (and the file exists)
    fails:  src: assets/structure.png when it is missing; src: assets/../../secret.png
    """
    assets = Path(os.path.realpath(layout.assets_dir(folder)))
    for path, value in iter_values(source.data):
        if path and path[-1] in ASSET_KEYS and isinstance(value, str):
            yield from _asset_findings(value, folder, assets, source.locate(path))


def _asset_findings(value: str, folder: Path, assets: Path, where: Location) -> list[Finding]:
    try:
        problem = asset_problem(value, folder, assets)
        if problem:
            return [error(RULE_MISSING_ASSET, problem, where,
                          f"put the image in {display_path(layout.assets_dir(folder))}/ "
                          "and name it as assets/<file name>")]
        return list(_image_findings(folder / value, value, where))
    except layout.Unreadable as unreadable:
        return [unreadable_finding(unreadable)]
    except OSError as exc:  # the image itself cannot be opened
        return [unreadable_finding(layout.unreadable(folder / value, exc, "file"))]


def _image_findings(file: Path, value: str, where: Location) -> Iterator[Finding]:
    kind = image_kind(file)
    if kind is None:
        yield error(RULE_BAD_IMAGE, f"'{value}' is not a PNG, JPEG, GIF, WebP or SVG image",
                    where, "open it in an image editor and save it again as PNG or JPEG")
        return
    suffix = file.suffix.lower()
    if KIND_BY_SUFFIX.get(suffix) != kind:  # browsers go by the name: the image would not show
        renamed = PurePosixPath(value).with_suffix(_SUFFIX_BY_KIND[kind])
        named = f"ends in {file.suffix}" if suffix else "has no ending such as .png"
        yield error(RULE_BAD_IMAGE, f"'{value}' is a {kind} image but its name {named}",
                    where, f"rename it to {renamed.name} and change the name here to {renamed}")
    if not image_is_whole(file, kind):
        yield error(RULE_BAD_IMAGE, f"'{value}' is cut short: the file ends before the "
                    f"{kind} image does, so it would print blank or broken",
                    where, "copy the image again from where it came from, or save it again "
                    "from an image editor")
    problem = unsafe_image(file, kind)
    if problem:
        yield error(RULE_UNSAFE_IMAGE, f"'{value}' cannot be published: {problem}", where,
                    "export the drawing again as a plain SVG (no scripts, links or embedded "
                    "files), or as PNG" if kind == "SVG" else
                    "save it again at a smaller size: a page needs no more than 3000 pixels "
                    "a side")


def unsafe_image(file: Path, kind: str) -> str | None:
    """Why an image may not be published (too large, or an SVG with active content), or None.
    Asked by validate and again by the build, which reads the file itself."""
    too_big = file_size_problem(file.stat().st_size)
    if too_big:
        return too_big
    if kind == "SVG":
        problem = svg_problem(read_limited(file, MAX_IMAGE_BYTES))
        return f"the SVG holds {problem}" if problem else None
    return size_problem(file)


_IMAGE_STARTS = {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG", b"GIF87a": "GIF",
                 b"GIF89a": "GIF"}
KIND_BY_SUFFIX = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".gif": "GIF",
                  ".webp": "WebP", ".svg": "SVG"}
_SUFFIX_BY_KIND = {"PNG": ".png", "JPEG": ".jpg", "GIF": ".gif", "WebP": ".webp", "SVG": ".svg"}
_HEAD = 4096
_TAIL = 64 * 1024  # cameras may write a trailer after a JPEG's end marker


def image_kind(path: Path) -> str | None:
    """The kind of image a file starts as (no imaging library needed), or None."""
    with path.open("rb") as file:
        return image_kind_of(file.read(_HEAD))


def image_kind_of(content: bytes) -> str | None:
    """The kind of image content starts as: PNG, JPEG, GIF, WebP, SVG, or None."""
    head = content[:_HEAD]
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WebP"
    kind = next((k for start, k in _IMAGE_STARTS.items() if head.startswith(start)), None)
    return kind or ("SVG" if b"<svg" in head else None)


def image_is_whole(path: Path, kind: str) -> bool:
    """Whether the file ends where an image of its kind ends: a truncated copy does not."""
    size = path.stat().st_size
    with path.open("rb") as file:
        head = file.read(12)
        file.seek(max(0, size - _TAIL))
        tail = file.read()
    if kind == "PNG":
        return b"IEND" in tail[-1024:]
    if kind == "JPEG":
        return b"\xff\xd9" in tail
    if kind == "GIF":
        return tail.rstrip(b"\x00").endswith(b";")
    if kind == "WebP":
        return int.from_bytes(head[4:8], "little") + 8 <= size
    return b"</svg>" in tail.lower() or tail.rstrip().endswith(b"/>")


def asset_problem(value: str, folder: Path, assets: Path) -> str | None:
    """Why an asset path cannot be used, or None when it names an existing file in assets/.

    A folder on the way that cannot be read raises layout.Unreadable: that is not the name's fault.
    """
    if "://" in value or value.startswith(("/", "\\", "//")) or ":" in value[:3]:
        return f"'{value}' must be a file in the partnership's assets/ folder, not an address"
    try:
        target = Path(os.path.realpath(folder / value))
        if ".." in Path(value).parts or not target.is_relative_to(assets) \
                or not layout.inside(target, folder):  # assets/ itself may be a link out
            return f"'{value}' points outside the partnership's assets/ folder"
        if not layout.is_file(target):
            return f"the image '{value}' does not exist"
    except (OSError, ValueError):  # a NUL byte, a name too long for the file system
        return f"{value!r} is not a usable file name"
    return None


def check_partnership_field(source: SourceFile, slug: str) -> Iterator[Finding]:
    """integrity.wrong_partnership: a document's `partnership` field names its own folder.

    passes: partnership: wirral   in partnerships/wirral/reports/2023-24.yaml
    fails:  partnership: wirrall  in the same file (a copy from another partnership, or a typo)
    """
    data = source.data
    named = data.get("partnership") if isinstance(data, dict) else None
    if isinstance(named, str) and named != slug:
        yield error(RULE_WRONG_PARTNERSHIP,
                    f"'partnership' is '{named}' but the file is in the folder of '{slug}'",
                    source.locate(("partnership",)),
                    f"write partnership: {slug}, or move the file to partnerships/{named}/")
