"""Shared by every test: the header names the versions the run used, so a failure in CI can be
matched with the libraries and the browser behind it."""

from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import tempfile
from importlib.metadata import version
from pathlib import Path

HARNESS = Path(__file__).resolve().parent / "a11y" / "node_modules"
# The fonts converted once (fontcache) go to a folder of this run's own, not the user's cache;
# commands the tests start inherit it.
os.environ["SAFEGUARDING_CACHE_DIR"] = tempfile.mkdtemp(prefix="safeguarding-cache-")
atexit.register(shutil.rmtree, os.environ["SAFEGUARDING_CACHE_DIR"], True)


def pytest_report_header() -> list[str]:
    libraries = ", ".join(f"{name} {version(name)}" for name in
                          ("pyyaml", "jsonschema", "weasyprint", "markdown-it-py", "jinja2"))
    return [f"libraries: {libraries}", f"browser: {_chromium()}; axe-core {_axe()}"]


def _chromium() -> str:
    try:
        run = subprocess.run(["chromium", "--version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"Chromium not found ({exc})"
    return run.stdout.strip() or run.stderr.strip()


def _axe() -> str:
    try:
        return json.loads((HARNESS / "axe-core" / "package.json").read_text())["version"]
    except (OSError, ValueError, KeyError):
        return "not installed (run `make a11y`)"
