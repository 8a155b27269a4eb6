"""Read a file of the partnership's safely: a regular file only, and never more than a limit.

A named pipe where a document should be would block a read forever, a device would never
end, and a file of gigabytes would be read whole before its size was looked at. So the
file is opened without blocking, asked what it is, and read up to the limit and one byte
more: enough to know that it is too large without reading the rest.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class NotRegularFile(OSError):
    """The path is a pipe, a device, a socket or a folder: nothing to read as a file."""


class TooLarge(OSError):
    """The file holds more than the limit."""

    def __init__(self, path: Path, limit: int) -> None:
        super().__init__(f"{path}: larger than {limit:,} bytes")
        self.limit = limit


def open_regular(path: Path) -> tuple[int, os.stat_result]:
    """An open descriptor of a regular file, and what fstat says of it; the caller closes it.

    Raises NotRegularFile (the descriptor closed), or the OSError that opening gave.
    """
    # O_NONBLOCK: opening a pipe with no writer returns at once instead of waiting for one.
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
                         | getattr(os, "O_BINARY", 0))
    try:
        info = os.fstat(descriptor)
    except OSError:
        os.close(descriptor)
        raise
    if not stat.S_ISREG(info.st_mode):
        os.close(descriptor)
        raise NotRegularFile(f"{path}: not a regular file")
    return descriptor, info


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes.

    Raises NotRegularFile, TooLarge, or the OSError that opening or reading gave.
    """
    descriptor, info = open_regular(path)
    try:
        if info.st_size > limit:
            raise TooLarge(path, limit)
        chunks, left = [], limit + 1  # the file may have grown since fstat
        while left > 0 and (chunk := os.read(descriptor, min(left, 1 << 20))):
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(descriptor)
    content = b"".join(chunks)
    if len(content) > limit:
        raise TooLarge(path, limit)
    return content


def what_it_is(path: Path) -> str:
    """A pipe, a device ... in words, for a message about a path that is not a regular file."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return "not a regular file"
    kinds = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"),
             (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"), (stat.S_ISDIR, "a folder"))
    return next((words for test, words in kinds if test(mode)), "not a regular file")
