"""`check --format html`: the review document for the board and the scrutineer.

One accessible page: per document the requirements table (met, partial, missing, with where
each is met), the findings with a quote of the text each is about, and, with --out DIR, what
changed since the last check written there (its state is kept in the page itself, as JSON).
Self-contained: it reads the CheckResult only, like the other check reporters, and quotes
each finding's line from the texts the result kept, never from the disk.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Callable, Mapping
from datetime import date
from functools import cache
from pathlib import Path
from typing import TextIO

from markupsafe import Markup, escape

from ..check.edition import EDITION_NAMES
from ..check.review_record import awaiting_review, review_snippet, stale_instruction, where_to_add
from ..errors import OutputError
from ..findings import Finding
from ..results import CheckResult, Coverage, DocumentResult
from .check_text import KIND_NAME, verdict
from .clean import one_line, printable

PAGE = "check.html"
QUOTE_CHARS = 160  # of the offending line, around the column the finding names
_STATE = re.compile(r'<script type="application/json" id="check-state">(.*?)</script>', re.S)
STATUS_WORD = {"met": "Met", "partial": "Partly met", "missing": "Not met",
               "coming": "Not yet in force", "needs-review": "Needs a reader's review"}


def report(result: CheckResult, out: TextIO, *, strict: bool = False) -> None:
    """Write the review page to out, without a comparison with an earlier check."""
    out.write(render(result, strict, previous={}))


def write_check_html(result: CheckResult, folder: Path, strict: bool = False) -> Path:
    """Write DIR/check.html, comparing with the check that an earlier run left there."""
    path = folder / PAGE
    temporary = path.with_suffix(".html.tmp")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        previous = (read_state(path.read_text(encoding="utf-8", errors="replace"))
                    if path.is_file() else {})
        text = render(result, strict, previous)
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(path)  # never half a page where the last good one was
    except OSError as exc:  # --out a file, read-only, a name too long, a full disk
        with contextlib.suppress(OSError):
            temporary.unlink()
        reason = ("a file of that name is in the way of the folder"
                  if isinstance(exc, (FileExistsError, NotADirectoryError))
                  else exc.strerror or str(exc))
        raise OutputError(f"cannot write {path}: {reason}",
                          "give --out a folder that can be written to") from exc
    return path


def state(result: CheckResult) -> dict[str, dict[str, str]]:
    """Each document's requirement statuses, by document file and requirement id."""
    return {d.file: {c.id: c.shown_status for c in d.requirements} for d in result.documents}


def read_state(html: str) -> dict[str, dict[str, str]]:
    match = _STATE.search(html)
    if not match:
        return {}
    try:
        data = json.loads(match.group(1).replace("<\\/", "</"))
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def render(result: CheckResult, strict: bool, previous: Mapping[str, Mapping[str, str]]) -> str:
    result = printable(result)  # no control sequence from data in the output
    lines = _lines_of(result.texts)
    docs = "".join(_document(d, strict, previous.get(d.file), lines) for d in result.documents)
    others = (f"<section aria-labelledby=\"other-h\"><h2 id=\"other-h\">Other files</h2>"
              f"{_findings(result.findings, lines)}</section>") if result.findings else ""
    saved = json.dumps(state(result), sort_keys=True).replace("</", "<\\/")
    return (f'<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>Working Together check – review copy</title>\n<style>{CSS}</style>\n"
            f"</head>\n<body>\n<main>\n<h1>Working Together check</h1>\n"
            f"<p>A review copy for the partnership board and the independent scrutineer, made "
            f"on {escape(_long(date.today()))}. Not for publication.</p>\n{docs}{others}"
            f'</main>\n<script type="application/json" id="check-state">{saved}</script>\n'
            f"</body>\n</html>\n")


def _document(doc: DocumentResult, strict: bool,
              before: Mapping[str, str] | None, lines: Lines) -> str:
    ident = "doc-" + re.sub(r"[^a-z0-9]+", "-", doc.file.lower()).strip("-")
    heading = f"{doc.partnership}: {KIND_NAME.get(doc.kind, doc.kind)} {doc.document}"
    edition = EDITION_NAMES.get(doc.edition, doc.edition or "no edition")
    parts = [f'<section aria-labelledby="{ident}-h">',
             f'<h2 id="{ident}-h">{escape(heading)}</h2>',
             f"<p>{escape(doc.title)}</p>" if doc.title else "",
             f"<p>{escape(doc.file)}, checked against {escape(edition)}"
             f"{f' ({escape(doc.edition_reason)})' if doc.edition_reason else ''}.</p>",
             f'<p class="verdict">{escape(verdict(doc, strict))}</p>']
    if doc.requirements:
        parts.append(_requirements(doc, ident))
        parts.append(_how_to_record(doc, ident))
    parts.append(_changes(doc, before, ident))
    parts.append(f'<h3 id="{ident}-f">Findings</h3>' + _findings(doc.findings, lines))
    parts.append("</section>\n")
    return "".join(parts)


def _requirements(doc: DocumentResult, ident: str) -> str:
    rows = "".join(
        f'<tr class="{escape(c.shown_status)}"><th scope="row">{escape(c.title)}</th>'
        f'<td data-label="Level">{escape(c.level.value)}</td>'
        f'<td data-label="Status">{escape(STATUS_WORD.get(c.shown_status, c.shown_status))}</td>'
        f'<td data-label="Where">{escape(c.where or "–")}'
        f"{Markup('<br>Needed: ') + escape(c.description) if c.shown_status != 'met' and c.description else ''}"  # noqa: E501
        f"</td></tr>" for c in doc.requirements)
    return (f'<h3 id="{ident}-r">Requirements</h3>'
            f'<div class="scroll" tabindex="0" role="group" aria-labelledby="{ident}-c">'
            f'<table class="stack"><caption id="{ident}-c">Requirements of Working Together and '
            f"where this document meets them</caption><thead><tr><th scope=\"col\">Requirement</th>"
            f'<th scope="col">Level</th><th scope="col">Status</th>'
            f'<th scope="col">Where, or what is needed</th></tr></thead>'
            f"<tbody>{rows}</tbody></table></div>")


def _how_to_record(doc: DocumentResult, ident: str) -> str:
    """What each requirement awaiting a reader's review asks them to judge and read, and the
    YAML that records their verdict, as the text report says it after its table."""
    waiting = awaiting_review(doc)
    if not waiting:
        return ""
    items = "".join(f"<li><strong>{escape(c.title)}</strong> ({escape(c.id)}): "
                    f"{escape(_to_judge(c))}</li>" for c in waiting)
    snippet = review_snippet(doc, waiting)
    # Scrolled sideways on a phone, never wrapped: it is pasted as it is.
    record = (f'<p id="{ident}-rec">{escape(where_to_add(doc))}</p>'
              f'<div class="scroll" tabindex="0" role="group" aria-labelledby="{ident}-rec">'
              f"<pre><code>{escape(snippet)}</code></pre></div>" if snippet else "")
    return (f'<h3 id="{ident}-review">Needs your judgement</h3><ul>{items}</ul>{record}')


def _to_judge(c: Coverage) -> str:
    if c.stale_review_line:
        return stale_instruction(c)
    read = f" Read: {', '.join(c.sections)}." if c.sections else ""
    return f"judge {'; '.join(c.to_judge)}.{read}"


def _changes(doc: DocumentResult, before: Mapping[str, str] | None, ident: str) -> str:
    head = f'<h3 id="{ident}-changes">Since the last check</h3>'
    if before is None:
        return head + "<p>No earlier check of this document in this folder.</p>"
    now = {c.id: c for c in doc.requirements}
    changed = [(now[i].title, STATUS_WORD.get(before.get(i, ""), "not checked"),
                STATUS_WORD.get(now[i].shown_status, now[i].shown_status))
               for i in now if before.get(i) != now[i].shown_status]
    if not changed:
        return head + "<p>No requirement changed its status.</p>"
    items = "".join(f"<li>{escape(title)}: {escape(was)} → {escape(is_)}</li>"
                    for title, was, is_ in changed)
    return head + f"<ul>{items}</ul>"


def _findings(findings: list[Finding], lines: Lines) -> str:
    if not findings:
        return "<p>None.</p>"
    items = []
    for f in sorted(findings, key=Finding.sort_key):
        quote = _quote(f, lines)
        items.append(
            f'<li class="{escape(f.severity.value)}"><p><strong>{escape(f.severity.value)}'
            f"</strong> {escape(f.message)} <span class=\"where\">({escape(str(f.location))}, "
            f"{escape(f.rule)})</span></p>"
            + (f"<blockquote><p>{escape(quote)}</p></blockquote>" if quote else "")
            + (f'<p class="hint">How to fix: {escape(f.hint)}</p>' if f.hint else "")
            + "</li>")
    return f'<ul class="findings">{"".join(items)}</ul>'


Lines = Callable[[str], list[str]]  # a file's lines, by its name as findings show it


def _lines_of(texts: Mapping[str, str]) -> Lines:
    """The lines of each file as it was read (none for a file not read), split once for all
    its findings."""
    by_name = {one_line(name): text for name, text in texts.items()}  # as printable names it

    @cache
    def lines(file: str) -> list[str]:
        return by_name.get(file, "").splitlines()
    return lines


def _quote(finding: Finding, lines_of: Lines) -> str:
    """The words of the line a finding is about, around its column, as the file was read."""
    loc = finding.location
    if loc.line <= 0:
        return ""
    lines = lines_of(loc.file)
    if loc.line > len(lines):
        return ""
    line = one_line(lines[loc.line - 1].strip())  # as printable makes the rest of the page
    start = max(0, min(len(line) - QUOTE_CHARS, max(loc.column - 1 - QUOTE_CHARS // 2, 0)))
    quote = line[start:start + QUOTE_CHARS]
    return ("…" if start else "") + quote + ("…" if start + QUOTE_CHARS < len(line) else "")


def _long(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


CSS = """
body { font-family: "Atkinson Hyperlegible Next", "Atkinson Hyperlegible", system-ui, sans-serif;
  color: #1a1a1a; line-height: 1.5; margin: 0; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; font-weight: 700; padding-bottom: 0.4em; }
th, td { text-align: left; vertical-align: top; padding: 0.4em 0.6em;
  border-bottom: 1px solid #767676; }
tr.missing td:nth-child(3) { color: #b00020; font-weight: 700; }
tr.partial td:nth-child(3) { color: #7a4d00; font-weight: 700; }
.scroll { overflow-x: auto; }
.scroll:focus-visible { outline: 3px solid #1d4f91; }
.findings { padding-left: 1.2em; }
.findings li.error strong { color: #b00020; }
blockquote { margin: 0.3em 0; padding: 0.2em 0.8em; border-left: 4px solid #767676;
  background: #f3f3f3; overflow-wrap: anywhere; }
.where, .hint { color: #4d4d4d; }
p, li { overflow-wrap: break-word; }  /* a long file path wraps on a phone */
/* On a phone the requirements table becomes labelled rows, as in the published documents:
   four columns in 375px left the last one a letter wide. The header row stays for screen
   readers. */
@media (max-width: 36em) {
  table.stack thead { position: absolute; width: 1px; height: 1px; overflow: hidden;
    clip-path: inset(50%); white-space: nowrap; }
  table.stack, table.stack tbody, table.stack tr, table.stack th, table.stack td {
    display: block; width: auto; }
  table.stack caption { display: block; }
  table.stack tr { border-bottom: 1px solid #767676; padding: 0.4em 0; }
  table.stack th, table.stack td { border: 0; padding: 0.1em 0; }
  table.stack td[data-label]::before { content: attr(data-label) ": "; font-weight: 700; }
}
pre { background: #f3f3f3; padding: 0.6em 0.8em; margin: 0; }
"""
