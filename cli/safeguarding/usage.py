"""Usage errors as one plain line: what was wrong, and what would have been right.

Typer draws a usage error in a box, wrapped to the terminal's width, over several lines: a
CI log wants one line it can show as it is. A usage error exits 2, as before.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

# Typer carries its own copy of click: its exceptions, not the click package's, are raised.
from typer._click import core as click_core
from typer._click import exceptions as click
from typer.core import TyperGroup

from .reporters.clean import one_line


class PlainUsageGroup(TyperGroup):
    """The app's command group: runs as Typer does, but reports usage errors on one line."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             windows_expand_args: bool = True, **extra: Any) -> Any:
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False,
                                windows_expand_args=windows_expand_args, **extra)
        except click.UsageError as exc:
            if not standalone_mode:
                raise
            click.echo(usage_line(exc), err=True)
            sys.exit(exc.exit_code)  # 2, as for every usage error
        except click.ClickException as exc:
            if not standalone_mode:
                raise
            click.echo(f"error: {one_line(exc.format_message())}", err=True)
            sys.exit(exc.exit_code)
        if not standalone_mode:
            return code
        sys.exit(code if isinstance(code, int) else 0)


def usage_line(exc: click.UsageError) -> str:
    """One line: the command, what was wrong (naming the bad value), the valid ones."""
    command = exc.ctx.command_path if exc.ctx else "safeguarding"
    if isinstance(exc, click.NoSuchOption):
        options = _options(exc.ctx.command) if exc.ctx else []
        valid = f"; the options are {', '.join(options)}" if options else ""
        return one_line(f"error: {command}: there is no option {exc.option_name}{valid}")
    message = exc.format_message().rstrip(".")
    return one_line(f"error: {command}: {message} (see {command} --help)")


def _options(command: click_core.Command) -> list[str]:
    return sorted(opt for param in command.params
                  if param.param_type_name == "option" and not getattr(param, "hidden", False)
                  for opt in param.opts if opt.startswith("--"))
