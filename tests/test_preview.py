"""`safeguarding preview` in a real browser (tests/a11y/preview.mjs, Chromium): the page shows
the document, follows each save, and shows the findings of a bad save in a banner while
keeping the last good page. The terminal gets the same findings.

Like the other browser tests, this never skips: without node or the harness it fails,
saying what to install.
"""

from __future__ import annotations

import json
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
HARNESS = ROOT / "tests" / "a11y"
SAFEGUARDING = Path(sys.executable).parent / "safeguarding"
SETUP = "run `make a11y` (npm ci in tests/a11y) and install chromium"


class Browser:
    """tests/a11y/preview.mjs on the preview's page: one question, one answer."""

    def __init__(self, url: str) -> None:
        node = shutil.which("node")
        assert node, f"node is not installed: install Node.js 20 or later, then {SETUP}"
        assert (HARNESS / "node_modules" / "playwright-core").is_dir(), SETUP
        self.process = subprocess.Popen([node, str(HARNESS / "preview.mjs"), url],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True)

    def wait_for(self, selector: str, expect: str) -> dict[str, Any]:
        assert self.process.stdin and self.process.stdout
        self.process.stdin.write(json.dumps({"selector": selector, "expect": expect}) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        assert line, f"the browser stopped: {self.process.stderr and self.process.stderr.read()}"
        return json.loads(line)

    def close(self) -> None:
        if self.process.stdin:
            self.process.stdin.close()
        assert self.process.wait(timeout=60) == 0


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[str, Path, subprocess.Popen[str]]]:
    """A preview of a copy of a seed partnership: its URL, the document, the process."""
    shutil.copytree(ROOT / "partnerships" / "wirral", tmp_path / "partnerships" / "wirral")
    [document] = (tmp_path / "partnerships" / "wirral" / "arrangements").glob("*.yaml")
    process = subprocess.Popen([str(SAFEGUARDING), "preview", "wirral", "--port", "0"],
                               cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True)
    assert process.stdout
    url, deadline = None, time.monotonic() + 120
    while url is None and time.monotonic() < deadline:
        line = process.stdout.readline()
        assert line, "the preview stopped before serving"
        if found := re.search(r"http://127\.0\.0\.1:\d+/", line):
            url = found.group(0)
    assert url, "the preview never said where it serves"
    try:
        yield url, document, process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_page_follows_each_save(preview: tuple[str, Path, subprocess.Popen[str]]) -> None:
    url, document, process = preview
    browser = Browser(url)
    try:
        first = browser.wait_for("h1", "Multi-agency Safeguarding Arrangements")
        assert first["ok"], first
        assert first["loads"] == 1

        replace(document, "title: Multi-agency Safeguarding Arrangements - Draft",
                "title: Arrangements as rewritten")
        rewritten = browser.wait_for("h1", "Arrangements as rewritten")
        assert rewritten["ok"] and rewritten["loads"] >= 2, rewritten

        replace(document, "\nstatus:", "\nstatos:")
        banner = browser.wait_for("#preview-findings", "statos")
        assert banner["ok"], banner
        assert "not rebuilt" in banner["text"]
        kept = browser.wait_for("h1", "Arrangements as rewritten")
        assert kept["ok"], kept  # the last good page stays on show
    finally:
        browser.close()
    process.send_signal(signal.SIGINT)
    output, _ = process.communicate(timeout=30)
    assert process.returncode == 0
    assert re.search(r"2019-04\.yaml:\d+:\d+: error \[schema\] .*statos", output), output
    assert "preview stopped" in output


@pytest.mark.parametrize(("args", "says"), [
    (["nowhere"], "error: there is no partnership 'nowhere'"),
    (["wirral", "2031-32"], "error: wirral has no document '2031-32'")])
def test_an_unknown_partnership_or_document_is_a_usage_error(tmp_path: Path, args: list[str],
                                                             says: str) -> None:
    shutil.copytree(ROOT / "partnerships" / "wirral", tmp_path / "partnerships" / "wirral")
    done = subprocess.run([str(SAFEGUARDING), "preview", *args, "--port", "0"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2
    assert done.stderr.startswith(says)


def test_the_banner_shows_findings_as_text_never_as_markup() -> None:
    from safeguarding.commands.preview import BANNER_ID, decorate
    from safeguarding.findings import Location, error

    found = error("schema", "unknown field '<img src=x onerror=alert(1)>'",
                  Location("partnerships/x/partnership.yaml", 3, 1), "remove <b>it</b>")
    page = decorate("<html><body class='x'><h1>Hello</h1></body></html>", [found], "", 7)
    text = page.decode("utf-8")
    assert text.index(f'id="{BANNER_ID}"') < text.index("<h1>Hello</h1>")
    assert "<img src=x" not in text and "&lt;img src=x onerror=alert(1)&gt;" in text
    assert "<b>it</b>" not in text
    assert "var v=7" in text  # the reloader knows which build it shows


def test_a_change_to_a_shipped_template_is_shown_too(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The preview rebuilds whenever it sees a change, the shipped templates' included: it
    does not take the page for unchanged because its build key was computed before."""
    from safeguarding.commands.preview import Previewer, PreviewState
    from safeguarding.publish import buildkey
    from safeguarding.render import html as render
    from safeguarding.resources import templates_dir

    shutil.copytree(ROOT / "tests" / "fixtures" / "render" / "riverside",
                    tmp_path / "partnerships" / "riverside")
    state, said = PreviewState(), []
    previewer = Previewer(tmp_path / "partnerships", "riverside", "arrangements",
                          tmp_path / "out", state, said.append)
    buildkey.tool_digest()  # the key a long-running preview computed at its first build
    previewer.rebuild()
    shipped = tmp_path / "templates"
    shutil.copytree(templates_dir(), shipped)
    base = shipped / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace(
        "<body", "<!-- edited while previewing --><body", 1), encoding="utf-8")
    monkeypatch.setattr(render, "templates_dir", lambda: shipped)
    previewer.rebuild()
    assert b"edited while previewing" in state.current()[0]
