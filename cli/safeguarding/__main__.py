"""Entry point: `python -m safeguarding` and the `safeguarding` console script."""

from __future__ import annotations

from .cli import app


def main() -> None:
    app(prog_name="safeguarding")


if __name__ == "__main__":
    main()
