"""Read a text-based PDF with pdfplumber."""

from __future__ import annotations

from pathlib import Path

from .model import Extracted


def read_pdf(path: Path) -> Extracted:
    raise NotImplementedError
