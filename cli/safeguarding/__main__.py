"""Entry point: `python -m safeguarding` and the `safeguarding` console script."""

from __future__ import annotations

import sys

from .errors import EXIT_INTERRUPTED, INTERRUPTED


def main() -> None:
    try:
        # Imported here: loading typer takes a moment, and Ctrl-C then must not print a
        # traceback either. During a command, cli._run reports the interruption itself.
        from .cli import app

        app(prog_name="safeguarding")
    except KeyboardInterrupt:
        print(INTERRUPTED, file=sys.stderr)
        sys.exit(EXIT_INTERRUPTED)


if __name__ == "__main__":
    main()
