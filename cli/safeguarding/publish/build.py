"""`build-report`: choose the documents, skip those unchanged since their last build, build the
others (side by side with --jobs), then list the output in index.html and manifest.json.

Each document is built on its own by pipeline.build_document (load → validate → check →
render → print → publish), so one document's failure is reported without stopping the others.
A document whose build key (buildkey: every input, option and tool version) matches its last
build's record is not built again: its findings are told again and its files left as they are.
Invalid input builds nothing. A published document (`status: published`) is refused while it is
unfinished (gate.py); a draft, or any document built with --draft, is built as a review
copy marked Draft. With --strict a document that fails `check` is refused (publish/prepare.py).
This module imports no rendering library, so that finding nothing to do is quick.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Protocol

from ..errors import BuildError, SafeguardingError, UsageError
from ..findings import Finding
from ..load import layout
from ..load.selection import partnership_folder, partnerships_root
from .buildkey import build_key
from .buildrecord import BuildRecord, fresh_record
from .files import refuse_output_inside, write_index
from .manifest import write_manifest

HTML, PDF = "html", "pdf"
# What became of each document.
BUILT, UNCHANGED, REFUSED, INVALID, FAILED = "built", "unchanged", "refused", "invalid", "failed"


@dataclass(frozen=True)
class BuildRequest:
    root: Path
    partnership: str | None  # None: every partnership under root (--all)
    documents: tuple[str, ...] = ()
    formats: tuple[str, ...] = (HTML, PDF)
    out: Path = Path("output")
    strict: bool = False
    draft: bool = False  # build every document as a review copy, finished or not
    today: date = field(default_factory=date.today)
    jobs: int = 1  # documents built at once, each in its own process when more than one
    force: bool = False  # build even the documents unchanged since their last build


@dataclass(frozen=True)
class DocumentJob:
    """One document to build, with the key its build will be recorded under."""

    ref: layout.DocumentRef
    request: BuildRequest
    key: str


@dataclass(frozen=True)
class Failure:
    """Why a document could not be built, said at the edge: the data's or template's fault
    (exit 1), or an input, output or usage problem (exit 2)."""

    message: str
    hint: str = ""
    usage: bool = False

    @classmethod
    def of(cls, exc: SafeguardingError) -> Failure:
        return cls(str(exc), exc.hint, not isinstance(exc, BuildError))


@dataclass
class DocumentOutcome:
    """What became of one document: its status, findings, files, pages and time."""

    ref: layout.DocumentRef
    status: str
    findings: list[Finding] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)  # written, or kept when unchanged
    read: int = 0  # the partnership's files read: partnership.yaml and the documents
    pages: int | None = None  # of the PDF, when one was printed
    seconds: float = 0.0
    failure: Failure | None = None

    @property
    def failed(self) -> bool:
        return self.status in (REFUSED, INVALID, FAILED)


@dataclass
class BuildOutcome:
    """What was built, and every finding; failed when input was invalid or a build refused.

    `check`'s own errors (a total that does not add up) refuse a published document; in a
    draft they are shown but do not fail the build: it is printed as its authors wrote it.
    """

    findings: list[Finding] = field(default_factory=list)
    built: list[Path] = field(default_factory=list)
    failed: bool = False
    read: int = 0  # the input files read: partnership.yaml and the documents
    unchanged: list[Path] = field(default_factory=list)
    documents: list[DocumentOutcome] = field(default_factory=list)

    @property
    def failures(self) -> list[Failure]:
        return [d.failure for d in self.documents if d.failure is not None]


class Progress(Protocol):
    """Told how many documents there are, then of each as it is done (in any order)."""

    def start(self, total: int) -> None: ...

    def done(self, outcome: DocumentOutcome) -> None: ...


def build_reports(request: BuildRequest, progress: Progress | None = None) -> BuildOutcome:
    """Build the requested documents; the findings and the files written."""
    refs = select_refs(request)
    refuse_output_inside(request.out, request.root)
    jobs = [DocumentJob(ref, request, document_key(ref, request)) for ref in refs]
    if progress:
        progress.start(len(jobs))
    done: dict[layout.DocumentRef, DocumentOutcome] = {}
    stale = []
    for job in jobs:
        record = None if request.force else fresh_record(request.out, job.ref, job.key)
        if record is None:
            stale.append(job)
            continue
        done[job.ref] = _replayed(job, record)
        if progress:
            progress.done(done[job.ref])
    try:
        for job, outcome in _run(stale, request.jobs):
            done[job.ref] = outcome
            if progress:
                progress.done(outcome)
    finally:  # a document that cannot be written must not hide the ones that were
        if any(d.files for d in done.values()):
            write_index(request.out)
            write_manifest(request.out)
    return _merged([done[job.ref] for job in jobs])


def document_key(ref: layout.DocumentRef, request: BuildRequest) -> str:
    options = (f"formats {','.join(sorted(request.formats))}", f"strict {request.strict}",
               f"draft {request.draft}",
               f"today {request.today.isoformat()}", f"shown as {layout.display_path(ref.path)}")
    return build_key(ref.path.parent.parent, ref.name, options)


def _replayed(job: DocumentJob, record: BuildRecord) -> DocumentOutcome:
    # A document refused last time, for the same inputs, is refused again: said as before.
    status = UNCHANGED if record.status == BUILT else record.status
    return DocumentOutcome(job.ref, status, record.findings,
                           [job.request.out / f.path for f in record.files], record.read,
                           record.pages)


def _run(jobs: list[DocumentJob], workers: int) -> Iterator[tuple[DocumentJob, DocumentOutcome]]:
    """Each job with its outcome, as it finishes: here one after another, or in `workers`
    processes (WeasyPrint is Python: threads would take turns)."""
    if not jobs:
        return
    from .pipeline import build_document

    if workers <= 1 or len(jobs) <= 1:
        several = len(jobs) > 1
        if several:
            _warm_up(jobs[0].request.formats)
        for job in jobs:
            yield job, build_document(job, isolated=several)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    # Longest first (by the document's size), so that no long one is left to run alone at
    # the end. Fresh processes ("spawn"): nothing of this one's state is copied or shared.
    ordered = sorted(jobs, key=lambda j: -_size(j.ref.path))
    with ProcessPoolExecutor(min(workers, len(jobs)), initializer=_start_worker,
                             initargs=(os.getpid(), jobs[0].request.formats),
                             mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = {pool.submit(build_document, job, True): job for job in ordered}
        try:
            for future in as_completed(futures):
                job = futures[future]
                try:
                    yield job, future.result()
                except BrokenProcessPool:
                    yield job, DocumentOutcome(job.ref, FAILED, failure=Failure(
                        f"{job.ref.path}: the process building it stopped unexpectedly",
                        "run again with --jobs 1 to see why"))
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise


def _start_worker(parent: int, formats: tuple[str, ...]) -> None:
    """A worker ends with the build that started it, even one killed outright: left waiting
    for work that will never come, it would stay (Linux: the parent-death signal)."""
    import signal

    with contextlib.suppress(OSError, AttributeError):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # it died before the signal was asked for
        os._exit(1)
    _warm_up(formats)


def _warm_up(formats: tuple[str, ...]) -> None:
    """In a process that builds several documents, each in a child of its own: what every
    build needs, loaded once, before the first child."""
    from .prepare import warm_up  # the rendering libraries: only when building

    warm_up(printing=PDF in formats)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _merged(documents: list[DocumentOutcome]) -> BuildOutcome:
    outcome = BuildOutcome(documents=documents)
    read: dict[str, int] = {}
    for doc in documents:
        outcome.findings += doc.findings
        (outcome.unchanged if doc.status == UNCHANGED else outcome.built).extend(doc.files)
        outcome.failed |= doc.failed
        read[doc.ref.slug] = max(read.get(doc.ref.slug, 0), doc.read)
    outcome.read = sum(read.values())
    outcome.findings = list(dict.fromkeys(outcome.findings))  # partnership.yaml's, once
    return outcome


def select_refs(request: BuildRequest) -> list[layout.DocumentRef]:
    """The documents asked for: named ones, else the latest yearly report (or arrangements)."""
    if request.partnership is None:
        refs = [r for folder in layout.partnership_dirs(partnerships_root(request.root))
                for r in layout.document_refs(folder)]
        if not refs:  # most likely the wrong --root: say so rather than build nothing quietly
            raise UsageError(f"there are no documents to build in {request.root} (use --root DIR)")
        return refs
    folder = partnership_folder(request.root, request.partnership)
    if request.documents:
        return list(dict.fromkeys(layout.select_document(folder, d) for d in request.documents))
    if not layout.document_refs(folder):
        raise UsageError(f"{request.partnership} has no documents: add a yearly report as "
                         "reports/<YYYY-YY>.yaml or arrangements as arrangements/<YYYY-MM>.yaml")
    reports = [r for r in layout.document_refs(folder) if r.kind == layout.YEARLY_REPORT]
    return [reports[-1] if reports else layout.select_document(folder, layout.ARRANGEMENTS)]
