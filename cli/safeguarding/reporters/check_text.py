"""`check` as text: per document a table of requirements, then its findings, then a verdict.

The finding lines are the text reporter's; colour only on a terminal without NO_COLOR.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from ..check.edition import EDITION_NAMES
from ..check.review_record import awaiting_review, review_snippet, stale_instruction, where_to_add
from ..findings import Finding, Severity, count
from ..render.formatting import plural
from ..results import CheckResult, Coverage, DocumentResult, Level, Status
from .clean import printable
from .text import finding_lines, use_colour

if TYPE_CHECKING:  # rich is imported when a report is written, to keep start-up quick
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

STATUS_STYLE = {Status.MET: "green", Status.PARTIAL: "yellow", Status.MISSING: "bold red",
                Status.NEEDS_REVIEW: "cyan"}
STATUS_WORD = {Status.MET: "met", Status.PARTIAL: "partial", Status.MISSING: "MISSING",
               Status.NEEDS_REVIEW: "needs review"}
KIND_NAME = {"arrangements": "arrangements", "yearly-report": "yearly report"}
# Below this many columns four columns leave "where" too narrow for a section id, which
# would be cut mid-word: each requirement then takes two lines instead.
NARROW = 100


def report_check(result: CheckResult, out: TextIO, *, strict: bool = False) -> None:
    """Write every document's table, findings and verdict, then the overall summary."""
    result = printable(result)  # no control sequence from data in the output
    from rich.console import Console

    colour = use_colour(out)
    console = Console(file=out, highlight=False, no_color=not colour, force_terminal=colour,
                      width=None if colour else 110, emoji=False, soft_wrap=True)
    for doc in result.documents:
        _document(console, doc, strict)
    if result.findings:
        console.print("Other files", style="bold")
        _findings(console, result.findings)
    console.print(overall(result, strict), style="bold")


def _document(console: Console, doc: DocumentResult, strict: bool) -> None:
    from rich.text import Text

    edition = EDITION_NAMES.get(doc.edition, doc.edition or "no edition")
    heading = f"{doc.partnership}: {KIND_NAME.get(doc.kind, doc.kind)} {doc.document}"
    console.print(Text.assemble((heading, "bold"), (f"  {doc.title}", "")))
    if not doc.checked:
        console.print(f"{doc.file}: not checked, because the file is not valid "
                      "(fix the problems below, then check again)")
    else:
        console.print(f"{doc.file}, checked against {edition} ({doc.edition_reason})")
        console.print(requirements_table(doc, narrow=console.width < NARROW))
        _how_to_record(console, doc)
    _findings(console, doc.findings)
    console.print(verdict(doc, strict), style="bold")
    console.print()


def requirements_table(doc: DocumentResult, *, narrow: bool = False) -> Table:
    """A rich table: requirement, level, status, where it is covered; on a narrow terminal,
    status and level beside the requirement, with where it is covered on the line below."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
    if narrow:
        table.add_column("Status", no_wrap=True)
        table.add_column("Level", no_wrap=True)
        table.add_column("Requirement, and where it is covered", overflow="fold")
    else:
        for name in ("Requirement", "Level", "Status", "Where it is covered"):
            table.add_column(name, overflow="fold")
    for c in doc.requirements:
        title = Text.assemble(c.title, (f" ({c.id})", "dim"))
        where = c.where or "-"
        if narrow:
            table.add_row(_status(c), c.level.value, Text.assemble(title, "\n", (where, "italic")))
        else:
            table.add_row(title, c.level.value, _status(c), where)
    return table


def _how_to_record(console: Console, doc: DocumentResult) -> None:
    """After the table: the YAML to paste for each requirement awaiting a reader's review,
    and what to do about a review of text that has changed since."""
    from rich.text import Text

    waiting = awaiting_review(doc)
    if not waiting:
        return
    console.print()
    console.print(Text.assemble(("Needs your judgement: ", "bold"),
                                ", ".join(c.title for c in waiting),
                                " (read the sections the table names for each)"))
    for c in waiting:
        if c.stale_review_line:
            console.print(Text(stale_instruction(c)))
    snippet = review_snippet(doc, waiting)
    if snippet:
        console.print(Text(where_to_add(doc)))
        console.print()
        console.print(Text(snippet), soft_wrap=True)  # never wrapped: it is pasted as it is


def _status(c: Coverage) -> Text:
    from rich.text import Text

    if c.coming:
        # A duty not yet in force: worth knowing, not a gap to alarm anyone with.
        return Text("coming", "cyan")
    return Text(STATUS_WORD[c.status], STATUS_STYLE[c.status])


def _findings(console: Console, findings: list[Finding]) -> None:
    from rich.text import Text

    if findings:
        console.print()
        console.print("Findings (file:line:column):", style="bold")
    for f in sorted(findings, key=Finding.sort_key):
        for line in finding_lines(f):
            console.print(Text.assemble(*line), soft_wrap=True)


def verdict(doc: DocumentResult, strict: bool = False) -> str:
    """One line a coordinator can read: passes or fails, and why."""
    if not doc.checked:
        return "Verdict: FAILS - the file is not valid"
    counts = [_gaps(doc, Level.MUST), _gaps(doc, Level.SHOULD)]
    errors = count(doc.findings)
    warnings = count(doc.findings, Severity.WARNING)
    parts = [p for p in counts if p] + [plural(n, word) for n, word in
                                        ((errors, "error"), (warnings, "warning")) if n]
    # A must met only by placeholder text does not fail (only a missing one does), but a
    # bare "passes" would read as if every must were met.
    state = "FAILS" if doc.fails(strict) else "passes with gaps" if _thin(doc) else "passes"
    return f"Verdict: {state} - " + "; ".join(p for p in parts if p)


def _thin(doc: DocumentResult) -> bool:
    return any(c.level is Level.MUST and c.status is Status.PARTIAL for c in doc.requirements)


def _gaps(doc: DocumentResult, level: Level) -> str:
    items = [c for c in doc.requirements if c.level is level]
    met = sum(c.status is Status.MET for c in items)
    partial = sum(c.status is Status.PARTIAL for c in items)
    review = sum(c.status is Status.NEEDS_REVIEW for c in items)
    if not items:
        return ""
    if met == len(items):
        return f"all {len(items)} {level.value}-level requirements met"
    text = f"{met} of {len(items)} {level.value}-level requirements met"
    text += f", {partial} only partly (not every element shown)" if partial else ""
    return text + (f", {review} waiting for a reader's review" if review else "")


def overall(result: CheckResult, strict: bool = False) -> str:
    """'4 documents checked: 1 fails (worcestershire 2023-24), 3 pass'."""
    failing = [f"{d.partnership} {d.document}" for d in result.documents if d.fails(strict)]
    n = len(result.documents)
    head = f"{plural(n, 'document')} checked"
    # Errors in files that are not documents (an invalid partnership.yaml) fail the run too.
    others = count(result.findings)
    tail = f"; {plural(others, 'error')} in other files (see above)" if others else ""
    thin = sum(_thin(d) and not d.fails(strict) for d in result.documents)
    gaps = f" ({thin} only with gaps)" if thin else ""
    if not failing:
        return (f"{head}: all pass{gaps}" if n else "no documents to check") + tail
    verb = "fails" if len(failing) == 1 else "fail"
    return (f"{head}: {len(failing)} {verb} ({', '.join(failing)}), "
            f"{n - len(failing)} pass{gaps}{tail}")
