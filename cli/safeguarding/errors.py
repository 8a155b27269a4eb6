"""The small error tree; caught only at the command boundary."""


class SafeguardingError(Exception):
    """Base of every error the tool raises on purpose."""


class UsageError(SafeguardingError):
    """The command was called wrongly (exit 2)."""


class InputError(SafeguardingError):
    """A file could not be read at all (exit 2)."""


class OutputError(SafeguardingError):
    """An output file could not be written (exit 2)."""


class BuildError(SafeguardingError):
    """Rendering or printing failed for a reason the user can fix (exit 1)."""
