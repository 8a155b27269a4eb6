"""The small error tree; caught only at the command boundary."""


class SafeguardingError(Exception):
    """Base of every error the tool raises on purpose; `hint` says how to put it right."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


class UsageError(SafeguardingError):
    """The command was called wrongly (exit 2)."""


class InputError(SafeguardingError):
    """A file could not be read at all (exit 2)."""


class OutputError(SafeguardingError):
    """An output file could not be written (exit 2)."""


class BuildError(SafeguardingError):
    """Rendering or printing failed for a reason the user can fix (exit 1)."""


# What Ctrl-C prints: publishing replaces each document's files together or not at all.
INTERRUPTED = "interrupted: stopped before the end; a file being written was left as it was"
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it
