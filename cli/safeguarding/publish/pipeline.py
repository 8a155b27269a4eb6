"""One document's build: its front end (prepare: load → validate → check → render) in a child
process, then print → publish → record here.

The front end's libraries, loaded files and results live and die in the child, which hands
back only the page: WeasyPrint then prints in a process that holds little else, and is loaded
here while the child works. Without a PDF to print, the front end runs here (nothing is then
worth freeing, and `preview` keeps its loaded schemas and templates between builds). A process
that builds several documents runs each whole build in a child, having loaded the libraries
once: nothing of one document is kept once it is written. Where processes cannot be forked,
everything runs here.
"""

from __future__ import annotations

import os
import pickle
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import SafeguardingError
from ..findings import Finding
from .build import (
    BUILT,
    FAILED,
    HTML,
    INVALID,
    PDF,
    REFUSED,
    DocumentJob,
    DocumentOutcome,
    Failure,
)
from .buildrecord import BuildRecord, output_file, read_record, record_json, record_path
from .files import publish_document, replace_together


@dataclass
class Rendered:
    """A document's page and what printing and recording it need, and nothing else."""

    page: str
    printable: str  # the page as the printer is given it (embed.printable_fonts), if wanted
    folder: Path
    shown_as: str
    names: dict[str, str]  # data: URI → asset path, to name images in WeasyPrint's warnings
    findings: list[Finding] = field(default_factory=list)
    facts: dict[str, object] = field(default_factory=dict)
    read: int = 0


def build_document(job: DocumentJob, isolated: bool = False) -> DocumentOutcome:
    """Build one document; a problem the user can fix is its outcome, not an exception.

    Isolated, the whole build runs in a child process: for a process that builds several
    documents, which then keeps nothing of any (WeasyPrint's libraries keep a few megabytes
    of each document they print, which no collection frees)."""
    start = time.perf_counter()
    try:
        outcome = in_child(_build_outcome, (job, True)) if isolated \
            else _build_outcome((job, False))
    except ProcessDied as exc:  # killed (out of memory?): this document fails, not the rest
        outcome = DocumentOutcome(job.ref, FAILED, failure=Failure(
            f"{job.ref.path}: {exc}", "it may have run out of memory: build it again on its own"))
    outcome.seconds = time.perf_counter() - start
    return outcome


def _build_outcome(arguments: tuple[DocumentJob, bool]) -> DocumentOutcome:
    job, front_end_here = arguments
    try:
        return _build(job, front_end_here)
    except SafeguardingError as exc:
        return DocumentOutcome(job.ref, FAILED, failure=Failure.of(exc))


def _build(job: DocumentJob, front_end_here: bool) -> DocumentOutcome:
    request = job.request
    if front_end_here or PDF not in request.formats:
        rendered = _prepare(job)
    else:  # while the child prepares the page, this process loads the printer: a second core
        rendered = in_child(_prepare, job, _load_printer)
    if isinstance(rendered, DocumentOutcome):
        if rendered.status in (REFUSED, INVALID):
            _record_refusal(job, rendered)
        return rendered
    files = {HTML: rendered.page.encode("utf-8")} if HTML in request.formats else {}
    pages = None
    if PDF in request.formats:
        from ..render.pdf import print_pdf  # imports WeasyPrint: only when a PDF is wanted

        printed = print_pdf(rendered.printable, rendered.folder, rendered.shown_as,
                            rendered.names, request.today)
        rendered.findings += printed.findings
        files[PDF] = printed.content
        pages = printed.pages
    built = publish_document(request.out, job.ref, files)
    record = BuildRecord(job.key, [output_file(request.out, p, files[p.suffix[1:]])
                                   for p in built], rendered.findings, rendered.read, pages,
                         rendered.facts)
    replace_together({record_path(request.out, job.ref): record_json(record)})
    return DocumentOutcome(job.ref, BUILT, rendered.findings, built, rendered.read, pages)


def _record_refusal(job: DocumentJob, outcome: DocumentOutcome) -> None:
    """Why the document was not built, told again until its inputs change. Its earlier files
    stay where they are, and so do their facts, for the manifest. Not built, it makes no
    output folder: the record is kept only in one that is already there."""
    out = job.request.out
    if not out.is_dir():
        return
    earlier = read_record(out, job.ref)
    record = BuildRecord(job.key, [], outcome.findings, outcome.read, None,
                         earlier.facts if earlier else {}, outcome.status)
    replace_together({record_path(out, job.ref): record_json(record)})


def _prepare(job: DocumentJob) -> Rendered | DocumentOutcome:
    from .prepare import prepare_document

    return prepare_document(job)


def _load_printer() -> None:
    from ..render.pdf import warm_up

    warm_up()


def in_child(step: Callable[[Any], Any], argument: Any,
             meanwhile: Callable[[], None] | None = None) -> Any:
    """step(argument), run in a forked child process; its result, or its exception raised here.
    This process does `meanwhile` (if given) while it waits.

    The child writes its pickled result to a pipe and ends without running this process's
    exit handlers or flushing its buffers (os._exit)."""
    if not hasattr(os, "fork"):
        return step(argument)
    sys.stdout.flush()
    sys.stderr.flush()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read_end)
        code = 0
        try:
            try:
                message = pickle.dumps((True, step(argument), ""))
            except BaseException as exc:  # handed to the parent, which raises it
                code = 1
                message = _pickled_error(exc)
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(message)
        finally:
            os._exit(code)
    os.close(write_end)
    try:
        if meanwhile is not None:
            meanwhile()
    finally:
        try:
            with os.fdopen(read_end, "rb") as pipe:
                message = pipe.read()
        finally:
            _, status = os.waitpid(pid, 0)
    if not message:
        code = os.waitstatus_to_exitcode(status)
        how = f"killed by signal {-code}" if code < 0 else f"exit status {code}"
        raise ProcessDied(f"the process building it stopped unexpectedly ({how})")
    try:
        ok, value, where = pickle.loads(message)
    except Exception as exc:  # an exception that could be pickled but not rebuilt
        raise RuntimeError(f"the process preparing the document failed: {exc}") from exc
    if ok:
        return value
    raise value from RemoteTraceback(where)


class ProcessDied(RuntimeError):
    """The child process ended without handing back a result: killed, or it crashed."""


class RemoteTraceback(Exception):
    """Where the child's exception was raised, shown with --traceback."""


def _pickled_error(exc: BaseException) -> bytes:
    where = "".join(traceback.format_exception(exc))
    try:
        return pickle.dumps((False, exc, where))
    except Exception:  # an exception that cannot be pickled: its type and words
        return pickle.dumps((False, RuntimeError(f"{type(exc).__name__}: {exc}"), where))
