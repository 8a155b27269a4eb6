"""The templates compiled once and kept on disk, beside the converted fonts (fontcache).

Compiling the shipped templates took about 0.2 s of every build, as much as rendering them.
Jinja keeps each compiled template under its name and file, with the checksum of its source
and the Python version, and compiles again when either differs; what else decides the code
(Jinja's version, the environment's class, settings and filters) names the folder. An entry
is written atomically (Jinja writes a temporary file and renames it), so builds running side
by side never read half a file; a damaged entry, or a cache that cannot be written, only
means the template is compiled again.
"""

from __future__ import annotations

import contextlib
import hashlib
from typing import Any

from jinja2 import FileSystemBytecodeCache
from jinja2.bccache import Bucket

from .fontcache import cache_dir


class _TemplateCache(FileSystemBytecodeCache):
    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # a damaged entry (a full disk, cut short): compiled again
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):  # not kept: compiled again next time
            super().dump_bytecode(bucket)


def compiled_templates(*settings: Any) -> FileSystemBytecodeCache | None:
    """The cache for an environment made with these settings; None if it cannot be made."""
    import jinja2

    what = repr((jinja2.__version__, *settings)).encode()
    folder = cache_dir() / "templates" / hashlib.sha256(what).hexdigest()[:16]
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _TemplateCache(str(folder), "%s.cache")
