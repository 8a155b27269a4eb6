"""Where the schemas and templates are, from a clone or from an installed package."""

from __future__ import annotations

from pathlib import Path

# The package's own folder: its code, and (when installed) its schemas and templates.
PACKAGE_DIR = Path(__file__).resolve().parent


def _dir(name: str) -> Path:
    # `pip install .` copies schemas/ and templates/ into the package (see
    # pyproject.toml); in a clone they sit at the top of the repository.
    installed = PACKAGE_DIR / name
    return installed if installed.is_dir() else PACKAGE_DIR.parents[1] / name


def schemas_dir() -> Path:
    return _dir("schemas")


def requirements_dir() -> Path:
    return schemas_dir() / "requirements"


def templates_dir() -> Path:
    return _dir("templates")
