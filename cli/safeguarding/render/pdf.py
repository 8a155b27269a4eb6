"""Print the HTML to a tagged PDF (PDF/UA-1) with WeasyPrint, reading nothing it should not.

WeasyPrint is imported here, inside the function that prints, because importing it costs
about a second (TECH-NOTES §6). Its default URL fetcher reads any file and any web address
named in the HTML (§1.7): ours reads only data: URIs and files inside the partnership's
folder, the templates and the converted fonts (fontcache), and stops the build on anything
else. Its log is captured: every warning becomes a finding, so a build that WeasyPrint
complains about is visible.
"""

from __future__ import annotations

import gc
import logging
import os
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache, partial
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from ..errors import BuildError
from ..findings import Finding, Location, warning
from ..resources import templates_dir
from ..rules import known
from .fontcache import fonts_dir
from .pdf_tags import finish_tags

RULE_PDF = known("pdf.renderer")
PDF_VARIANT = "pdf/ua-1"


@dataclass
class PrintedPdf:
    content: bytes
    findings: list[Finding] = field(default_factory=list)
    pages: int = 0


def print_pdf(html: str, partnership_folder: Path, shown_as: str,
              names: Mapping[str, str] | None = None, made: date | None = None) -> PrintedPdf:
    """The PDF of one document's HTML; `shown_as` names the document in findings, and
    `names` (data: URI → asset path) the images in WeasyPrint's warnings. `made` is the
    creation date when the document gives none (a document without a publication date):
    a day, not a time, so that two builds on one day give the same bytes."""
    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")  # fontTools' subsetting fallback reads it
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    roots = (partnership_folder, templates_dir(), fonts_dir())
    fetcher = _fetcher_class()(roots)
    pages: list[int] = []
    with _captured_log() as records, _frozen_heap():
        try:
            document = HTML(string=html, base_url=_base_url(partnership_folder),
                            url_fetcher=fetcher)
            content = document.write_pdf(pdf_variant=PDF_VARIANT, font_config=_font_config(),
                                         finisher=partial(_finish, made=made, pages=pages))
        except FatalURLFetchingError as exc:
            raise BuildError(f"{shown_as}: {exc}") from exc
    findings = [warning(RULE_PDF, f"WeasyPrint: {_shorten(r.getMessage(), names or {})}",
                        Location(shown_as)) for r in records]
    return PrintedPdf(content, findings, pages[0] if pages else 0)


def _finish(document: Any, pdf: Any, made: date | None, pages: list[int]) -> None:
    pages.append(len(document.pages))
    finish_tags(document, pdf)
    if made is not None and "CreationDate" not in pdf.info:
        import pydyf

        pdf.info["CreationDate"] = pydyf.String(f"D:{made:%Y%m%d}000000Z")


_DATA_URI = re.compile(r"data:([\w.+-]{1,100}/[\w.+-]{1,100})?[;,][^\s'\"]*")


def _shorten(message: str, names: Mapping[str, str]) -> str:
    """A warning that quotes an embedded image names its file instead of a megabyte of base64."""
    for uri, name in names.items():
        message = message.replace(uri, name)
    return _DATA_URI.sub(lambda m: f"an embedded {m.group(1) or 'file'}", message)


def _base_url(folder: Path) -> str:
    return folder.resolve().as_uri() + "/"


@lru_cache(maxsize=1)
def _font_config() -> Any:
    """One FontConfiguration per process: reusing it is much faster (TECH-NOTES §1.5)."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@lru_cache(maxsize=1)
def _fetcher_class() -> type:
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    class LocalOnlyFetcher(URLFetcher):  # type: ignore[misc]
        """data: URIs, and files inside the given folders; anything else stops the build."""

        def __init__(self, roots: tuple[Path, ...]) -> None:
            super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)
            self.roots = tuple(Path(os.path.realpath(r)) for r in roots)

        def fetch(self, url: str, headers: Any = None) -> Any:
            parts = urlsplit(url)
            if parts.scheme == "file":
                path = Path(os.path.realpath(url2pathname(parts.path)))
                if not any(path.is_relative_to(r) for r in self.roots) or not path.is_file():
                    raise FatalURLFetchingError(f"blocked: {url} is outside the partnership")
            elif parts.scheme != "data":
                raise FatalURLFetchingError(f"blocked: {url} is not a local file")
            return super().fetch(url, headers)

    return LocalOnlyFetcher


def warm_up() -> None:
    """WeasyPrint and its font configuration, loaded before the documents are printed."""
    import weasyprint  # noqa: F401

    _font_config()
    _fetcher_class()


@contextmanager
def _frozen_heap() -> Iterator[None]:
    """Everything alive before printing (the loaded files, the check results, the context) is
    left out of garbage collection while WeasyPrint lays out: it is still needed, and the
    collector walked it again on every pass, about 0.1 s of a build. Garbage is collected
    first, so that none is kept for the whole print."""
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def _captured_log() -> Iterator[list[logging.LogRecord]]:
    """WeasyPrint's warnings and errors, kept instead of printed."""
    logger = logging.getLogger("weasyprint")
    handler, propagate = _Collect(), logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield handler.records
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate
