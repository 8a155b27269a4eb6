"""build-report's progress and summary, when it builds more than one document.

On a terminal, a progress bar (rich) on stderr; otherwise one plain line per document as it
is done, for CI logs. Then, on stdout, a table: each document, its pages, what became of it,
its findings and the time it took.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

from .text import severity_counts, use_colour

if TYPE_CHECKING:
    from ..publish.build import DocumentOutcome


def document_name(outcome: DocumentOutcome) -> str:
    return f"{outcome.ref.slug}/{outcome.ref.name}"


def findings_count(outcome: DocumentOutcome) -> str:
    return ", ".join(severity_counts(outcome.findings)) or "none"


class PlainProgress:
    """A line per document as it is done: `[3/20] built riverside/arrangements-2024-09 (2.1 s)`."""

    def __init__(self, out: TextIO) -> None:
        self.out, self.total, self.count = out, 0, 0

    def __enter__(self) -> PlainProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def start(self, total: int) -> None:
        self.total = total

    def done(self, outcome: DocumentOutcome) -> None:
        self.count += 1
        width = len(str(self.total))
        self.out.write(f"[{self.count:>{width}}/{self.total}] {outcome.status} "
                       f"{document_name(outcome)} ({outcome.seconds:.1f} s)\n")
        self.out.flush()


class BarProgress:
    """A rich progress bar that names the document last done."""

    def __init__(self, out: TextIO) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        # Redrawn when a document is done, not by a thread of its own: builds fork, and a
        # process with threads must not.
        self.progress = Progress(TextColumn("building"), BarColumn(), MofNCompleteColumn(),
                                 TimeElapsedColumn(), TextColumn("{task.description}"),
                                 console=Console(file=out), transient=True, auto_refresh=False)
        self.task: Any = None

    def __enter__(self) -> BarProgress:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def start(self, total: int) -> None:
        self.task = self.progress.add_task("", total=total)
        self.progress.refresh()

    def done(self, outcome: DocumentOutcome) -> None:
        self.progress.update(self.task, advance=1,
                             description=f"{outcome.status} {document_name(outcome)}")
        self.progress.refresh()


def progress_for(out: TextIO) -> PlainProgress | BarProgress:
    return BarProgress(out) if use_colour(out) else PlainProgress(out)


def summary_table(documents: Sequence[DocumentOutcome], out: TextIO) -> None:
    """The table of what became of each document, with a total line."""
    from rich import box
    from rich.console import Console
    from rich.table import Table

    terminal = use_colour(out)
    table = Table(box=box.SIMPLE_HEAD if terminal else box.ASCII2, show_footer=False)
    for name, justify in (("document", "left"), ("pages", "right"), ("status", "left"),
                          ("findings", "left"), ("time", "right")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for doc in documents:
        status = f"[bold red]{doc.status}[/]" if doc.failed and terminal else doc.status
        table.add_row(document_name(doc), str(doc.pages) if doc.pages else "-", status,
                      findings_count(doc), f"{doc.seconds:.1f} s")
    by_status: dict[str, int] = {}
    for doc in documents:
        by_status[doc.status] = by_status.get(doc.status, 0) + 1
    told = ", ".join(f"{n} {status}" for status, n in by_status.items())
    table.caption = f"{len(documents)} documents: {told}"
    Console(file=out, width=None if terminal else 100, no_color=not terminal,
            highlight=False).print(table)
