"""`safeguarding preview`: the published page in a browser, rebuilt whenever a file is saved.

The document is built as `build-report --format html` builds it (same pipeline, into a
private temporary folder) and served on 127.0.0.1 only. A watcher polls the
partnership's files and the templates for changed modification times (no extra
dependency; an editor's save-by-rename is seen too) and rebuilds. The findings go to
the terminal and into a banner at the top of the served page, which the published file
never has; a small script in the page asks for the build number and reloads, keeping
its scroll position, when it changes. Invalid data keeps the last good page on show,
with the errors in the banner.
"""

from __future__ import annotations

import html
import json
import os
import re
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from ..errors import OutputError, SafeguardingError
from ..findings import Finding, Severity, has_errors
from ..load.layout import select_document
from ..load.selection import partnership_folder
from ..publish.build import HTML, BuildRequest, build_reports
from ..render.formatting import plural
from ..reporters.text import summary, write_findings
from ..resources import templates_dir

VERSION_PATH = "/__preview/version"
POLL_SECONDS = 0.4
BANNER_ID = "preview-findings"
_BODY = re.compile(r"<body\b[^>]*>", re.IGNORECASE)

Snapshot = dict[str, tuple[int, int]]


@dataclass
class PreviewState:
    """The page on show and its build number; shared by the watcher and the server."""

    page: bytes = b""
    version: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def publish(self, page: bytes) -> None:
        with self.lock:
            self.page, self.version = page, self.version + 1

    def current(self) -> tuple[bytes, int]:
        with self.lock:
            return self.page, self.version


def snapshot(folders: list[Path]) -> Snapshot:
    """Every file's modification time and size under the folders."""
    seen: Snapshot = {}
    for folder in folders:
        for top, _, names in os.walk(folder):
            for name in names:
                path = os.path.join(top, name)
                try:
                    info = os.stat(path)
                except OSError:  # deleted between listing and looking: the next poll sees it
                    continue
                seen[path] = (info.st_mtime_ns, info.st_size)
    return seen


def banner(findings: list[Finding], problem: str, built_at: str) -> str:
    """The findings as an HTML banner (escaped), errors first, for the top of the page.

    The list is open when the page could not be rebuilt (the errors are why), folded
    otherwise, and scrolls within the banner so the page stays in view."""
    errors = has_errors(findings) or bool(problem)
    colour = "#8a1c1c" if errors else "#0b5d1e"
    said = problem or summary(findings, 1)
    rank = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.NOTE: 2}
    items = "".join(
        f"<li><code>{html.escape(str(f.location))}</code> <strong>"
        f"{html.escape(f.severity.value)}</strong> [{html.escape(f.rule)}] "
        f"{html.escape(f.message)}"
        + (f"<br><small>hint: {html.escape(f.hint)}</small>" if f.hint else "") + "</li>"
        for f in sorted(findings, key=lambda f: (rank[f.severity], *Finding.sort_key(f))))
    listed = (f"<details{' open' if problem else ''}><summary>"
              f"{plural(len(findings), 'finding')}</summary><ul style=\"max-height:40vh;"
              f"overflow:auto;max-width:none;margin:.25em 0\">{items}</ul></details>"
              if items else "")
    return (f'<aside id="{BANNER_ID}" role="status" aria-label="Preview findings" '
            f'style="font:14px/1.4 sans-serif;background:#fff;color:#111;'
            f'border:3px solid {colour};margin:0;padding:.5em 1em">'
            f"<strong>Preview, rebuilt at {built_at}:</strong> {html.escape(said)}{listed}"
            "<p style=\"margin:0\"><small>This banner is not part of the published page."
            "</small></p></aside>")


def reloader(version: int) -> str:
    """A script that reloads the page when the build number changes, keeping its place."""
    return ("<script>(function(){var v=" + str(version) + ",k='preview-scroll';"
            "var y=sessionStorage.getItem(k);if(y!==null){sessionStorage.removeItem(k);"
            "window.scrollTo(0,+y);}"
            "setInterval(function(){fetch('" + VERSION_PATH + "',{cache:'no-store'})"
            ".then(function(r){return r.json();}).then(function(d){if(d.version!==v){"
            "sessionStorage.setItem(k,String(window.scrollY));location.reload();}})"
            ".catch(function(){});},700);})();</script>")


def decorate(page: str, findings: list[Finding], problem: str, version: int) -> bytes:
    """The built page with the banner after <body> and the reloader before </body>."""
    top = banner(findings, problem, time.strftime("%H:%M:%S"))
    if not page:
        page = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                "<title>Preview</title></head><body><main><p>Nothing could be built yet: "
                "see the banner above.</p></main></body></html>")
    match = _BODY.search(page)
    at = match.end() if match else 0
    page = page[:at] + top + page[at:]
    end = page.lower().rfind("</body>")
    end = end if end >= 0 else len(page)
    return (page[:end] + reloader(version) + page[end:]).encode("utf-8")


class Previewer:
    """Build, remember the last good page, and publish a decorated one for each build."""

    def __init__(self, root: Path, partnership: str, document: str | None, out: Path,
                 state: PreviewState, echo: Callable[[str], None]) -> None:
        # force: it rebuilds because it saw a file change, the shipped templates' included,
        # which a long-running process's build key (computed once) would not see.
        self.request = BuildRequest(root, partnership, (document,) if document else (), (HTML,),
                                    out, force=True)
        self.state, self.echo, self.good = state, echo, ""

    def rebuild(self) -> None:
        findings: list[Finding] = []
        problem, read = "", 0
        try:
            outcome = build_reports(self.request)
            findings, read = outcome.findings, outcome.read
            if outcome.built:
                self.good = outcome.built[0].read_text(encoding="utf-8")
            elif outcome.failed:
                problem = f"not rebuilt: {summary(findings, read)}; the last good page is shown"
        except SafeguardingError as exc:
            problem = f"not rebuilt: {exc}"
        except Exception as exc:  # a bug must not stop the preview: say so, keep serving
            problem = f"internal error: {type(exc).__name__}: {exc}"
        self.echo(f"\n[{time.strftime('%H:%M:%S')}] rebuilt")
        if problem:
            self.echo(problem)
        write_findings(findings, sys.stdout, files=read)
        sys.stdout.flush()
        _, version = self.state.current()
        self.state.publish(decorate(self.good, findings, problem, version + 1))


def handler(state: PreviewState) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # the name http.server calls
            page, version = state.current()
            if self.path == VERSION_PATH:
                self._send(json.dumps({"version": version}).encode(), "application/json")
            elif self.path in ("/", "/index.html"):
                self._send(page, "text/html; charset=utf-8")
            else:
                self.send_error(404, "The preview serves one page, at /")

        def _send(self, body: bytes, kind: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass  # the terminal is for findings, not for every poll

    return Handler


def run_preview(root: Path, partnership: str, document: str | None, port: int,
                open_browser: bool = False) -> int:
    """The command: build, serve, rebuild on save until Ctrl-C; the exit code."""
    folder = partnership_folder(root, partnership)  # an unknown name fails before serving
    if document is not None:
        select_document(folder, document)
    state = PreviewState()
    with tempfile.TemporaryDirectory(prefix="safeguarding-preview-") as out:
        previewer = Previewer(root, partnership, document, Path(out), state, print)
        previewer.rebuild()
        try:
            server = ThreadingHTTPServer(("127.0.0.1", port), handler(state))
        except OSError as exc:
            raise OutputError(f"cannot serve on 127.0.0.1:{port}: {exc.strerror or exc}",
                              hint="choose another --port, or --port 0 for any free one") from exc
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        print(f"\nPreview at {url} (rebuilt when a file is saved; Ctrl-C to stop)", flush=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        if open_browser:
            import webbrowser

            webbrowser.open(url)
        watched = [folder, templates_dir()]
        before = snapshot(watched)
        try:
            while True:
                time.sleep(POLL_SECONDS)
                now = snapshot(watched)
                if now == before:
                    continue
                while now != before:  # wait for the save to finish: two polls alike
                    time.sleep(POLL_SECONDS)
                    before, now = now, snapshot(watched)
                previewer.rebuild()
        except KeyboardInterrupt:
            print("preview stopped", flush=True)
        finally:
            server.shutdown()
            server.server_close()
    return 0
