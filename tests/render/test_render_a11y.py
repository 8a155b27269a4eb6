"""axe-core in headless Chromium on every built HTML page: zero violations.

This test never skips: without node, the harness (`make a11y`) or Chromium it fails,
saying what to install, because an unchecked page must not pass as an accessible one.
"""

from __future__ import annotations

import json
import shutil
import subprocess

from conftest import ROOT, Built

AXE = ROOT / "tests" / "a11y" / "axe.mjs"
SETUP = "run `make a11y` (node packages) and `bash scripts/system-deps.sh` (chromium)"


def run_axe(files: list[str], viewport: str) -> dict:
    node = shutil.which("node")
    assert node, f"node is not installed: {SETUP}"
    assert (ROOT / "tests" / "a11y" / "node_modules").is_dir(), f"no node_modules: {SETUP}"
    done = subprocess.run([node, str(AXE), "--viewport", viewport, *files], capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, f"axe could not run ({SETUP}): {done.stderr}"
    return json.loads(done.stdout)


def violations(report: dict) -> dict[str, list]:
    return {f["file"]: [(v["id"], v["nodes"][:3]) for v in f["violations"]]
            for f in report["files"] if f["violations"] or f["blocked_requests"]}


def test_every_page_has_no_axe_violations_on_a_desktop(built: Built) -> None:
    pages = sorted(str(p) for p in built.out.rglob("*.html"))
    assert len(pages) >= 8
    assert violations(run_axe(pages, "1280x800")) == {}


def test_every_page_has_no_axe_violations_on_a_phone(built: Built) -> None:
    pages = sorted(str(p) for p in built.out.glob("*/*.html"))
    assert violations(run_axe(pages, "375x812")) == {}
