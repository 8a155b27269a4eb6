"""The key of a build: one SHA-256 over everything that can change a document's output.

Two builds with the same key give the same bytes and the same findings, so a document whose
key matches its last build's is not built again (buildrecord). What goes in:

- every file of the partnership's folder: its partnership.yaml and every document (all are
  validated before a build), last year's report, the assets and any template overrides;
- the shipped templates, CSS, fonts, schemas and rule sets;
- the tool's own source files, byte for byte (a change without a new version number counts);
- the options: formats, --strict, the date the document is checked against, SOURCE_DATE_EPOCH,
  and where the document is shown from (findings name files relative to the current folder);
- the Python version and every installed distribution's name and version (WeasyPrint,
  pydyf, tinycss2, fontTools and the rest), the versions of Pango, HarfBuzz and fontconfig,
  and the fonts fontconfig can fall back on (their paths, sizes and times) and its settings.

Only bytes are read here, never YAML: a key costs a few milliseconds, so checking that nothing
changed is much cheaper than building.
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import os
import sys
import sysconfig
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from ..load.reading import NotRegularFile, open_regular
from ..resources import PACKAGE_DIR, schemas_dir, templates_dir

# Bumped when what a record means changes, so that older records are never trusted.
KEY_VERSION = "2"
# Where fontconfig looks for fonts and settings on Linux (fonts.conf's defaults).
FONT_PLACES = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.fonts",
               "~/.local/share/fonts", "/etc/fonts")
# (library, the function that says its version, what that returns): WeasyPrint's own.
# Whether libharfbuzz-subset is there decides how fonts are subset (TECH-NOTES §1.3).
_SYSTEM_LIBRARIES = (
    ("libpango-1.0.so.0", "pango_version_string", ctypes.c_char_p),
    ("libharfbuzz.so.0", "hb_version_string", ctypes.c_char_p),
    ("libharfbuzz-subset.so.0", "hb_subset_input_create_or_fail", None),
    ("libfontconfig.so.1", "FcGetVersion", ctypes.c_int),
)


def build_key(partnership_folder: Path, document: str, options: Iterable[str]) -> str:
    """The key of one document's build: its partnership's files, the options, the tool."""
    digest = hashlib.sha256()
    for part in (f"key {KEY_VERSION}", f"document {document}", *options,
                 f"SOURCE_DATE_EPOCH {os.environ.get('SOURCE_DATE_EPOCH', '')}"):
        digest.update(part.encode() + b"\0")
    digest.update(_files_digest(partnership_folder).encode())
    digest.update(tool_digest().encode())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def tool_digest() -> str:
    """Everything of the tool and the machine that a build depends on: one per process."""
    digest = hashlib.sha256()
    for place in (PACKAGE_DIR, templates_dir(), schemas_dir()):
        digest.update(_files_digest(place).encode())
    for line in _environment():
        digest.update(line.encode() + b"\0")
    return digest.hexdigest()


def _files_digest(folder: Path) -> str:
    """Every file under folder: its path inside the folder and its bytes."""
    digest = hashlib.sha256()
    for path in _files(folder):
        digest.update(str(path.relative_to(folder)).encode() + b"\0")
        with contextlib.suppress(OSError):
            digest.update(os.readlink(path).encode(errors="surrogateescape") + b"\0")
        digest.update(_file_digest(path))
    return digest.hexdigest()


def _file_digest(path: Path) -> bytes:
    """The file's hash; a pipe or device is never read (it could block for ever), only
    named: the build itself refuses it, the key only has to differ."""
    try:
        descriptor, _ = open_regular(path)
    except NotRegularFile:
        return b"not a regular file"
    except OSError as exc:
        return f"unreadable {exc.errno}".encode()
    try:
        with os.fdopen(descriptor, "rb") as stream:
            return hashlib.file_digest(stream, "sha256").digest()
    except OSError as exc:
        return f"unreadable {exc.errno}".encode()


def _files(folder: Path) -> Iterator[Path]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name == "__pycache__":
            continue
        path = Path(entry.path)
        # A linked folder is not followed (a link back up would never end, one out could
        # walk the whole disk): what it holds inside the partnership is hashed where it is,
        # and the link by where it points (_files_digest).
        try:
            is_folder = entry.is_dir(follow_symlinks=False)
        except OSError:
            is_folder = False
        if is_folder:
            yield from _files(path)
        else:
            yield path


def _environment() -> Iterator[str]:
    yield f"python {sys.version}"
    for where in sorted({sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}):
        try:  # a distribution's metadata folder is named after its name and version
            yield from sorted(n for n in os.listdir(where) if n.endswith((".dist-info",
                                                                           ".egg-info")))
        except OSError:
            yield f"{where} unreadable"
    for file, function, returns in _SYSTEM_LIBRARIES:
        yield f"{file} {_library_version(file, function, returns)}"
    for place in FONT_PLACES:
        for path in _files(Path(os.path.expanduser(place))):
            try:
                stat = path.stat()
            except OSError:
                continue
            yield f"{path} {stat.st_size} {stat.st_mtime_ns}"


def _library_version(file: str, function: str, returns: type | None) -> str:
    """A system library's version, asked of the library itself (or whether it is there)."""
    try:
        call = getattr(ctypes.CDLL(file), function)
    except (OSError, AttributeError):
        return "absent"
    if returns is None:
        return "present"
    call.restype = returns
    found = call()
    return found.decode(errors="replace") if isinstance(found, bytes) else str(found)
