"""Assemble the template context for one document from its data, its partnership and `check`."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any

from markupsafe import Markup

from ..check.edition import EDITION_TITLES
from ..load.block_types import FIGURE, KEY_FACTS, SIGNATORIES
from ..load.doctree import iter_blocks, iter_prose, iter_signatories
from ..load.layout import YEARLY_REPORT
from ..load.workspace import Document, Partnership
from ..publish.gate import WORKING_TOGETHER, is_draft
from ..results import Coverage, DocumentResult, Status
from .block_charts import ChartSettings
from .branding import Branding
from .context import AppendixRow, DocumentContext, GlossaryEntry, Meta, Place, SectionView
from .embed import asset_uri, font_face_css
from .formatting import label, period, typeset
from .markdown import MarkdownRenderer
from .views import build_sections, build_toc, iter_block_views, places_by_label

DEFAULT_LANG = "en-GB"


@dataclass(frozen=True)
class Sources:
    """What one document is built from."""

    document: Document
    partnership: Partnership
    result: DocumentResult | None
    branding: Branding
    previous: Document | None = None  # last year's report, for the key facts comparison
    draft: bool = False  # built as a review copy (--draft) whatever the document's status


def assemble_context(src: Sources) -> DocumentContext:
    doc, facts = src.document.source.data, _partnership_data(src)
    folder = src.partnership.folder
    sections = build_sections(doc, _chart_settings(src, facts))
    figures = {path: asset_uri(folder, path) for path in _images(doc, sections)}
    logo = src.branding.logo
    draft = src.draft or is_draft(doc)
    meta = build_meta(src.document, facts)
    return DocumentContext(
        kind=src.document.ref.kind, doc_id=src.document.ref.id, doc=doc, partnership=facts,
        meta=replace(meta, title=f"Draft: {meta.title}") if draft else meta,
        branding=src.branding,
        logo_uri=asset_uri(folder, logo) if logo else "",
        draft=draft, sections=sections, toc=build_toc(sections),
        previous_year=src.previous.ref.id if src.previous else "",
        edition_title=EDITION_TITLES.get(src.result.edition, "") if src.result else "",
        appendix=build_appendix(src.result, doc, draft), glossary=build_glossary(doc, facts),
        signatories=() if any(iter_blocks(doc, SIGNATORIES)) else
        tuple(doc.get("signatories") or ()),
        figure_uris=figures, font_css=Markup(font_face_css()), md=MarkdownRenderer())


def _partnership_data(src: Sources) -> dict[str, Any]:
    source = src.partnership.source
    return source.data if source is not None and isinstance(source.data, dict) else {}


def _chart_settings(src: Sources, facts: dict[str, Any]) -> ChartSettings:
    area = (facts.get("area") or {}).get("name") or facts.get("name") or "This area"
    previous: dict[str, dict[str, Any]] = {}
    if src.previous is not None:
        for _, block in iter_blocks(src.previous.source.data, KEY_FACTS):
            previous.update({f["id"]: f for f in block["facts"] if f.get("id")})
    return ChartSettings(src.branding.primary, area, src.document.ref.id,
                         src.previous.ref.id if src.previous else "", previous)


def build_meta(document: Document, facts: dict[str, Any]) -> Meta:
    doc, name = document.source.data, facts.get("name", "")
    title = doc["title"] if name and name in doc["title"] else f"{doc['title']} – {name}"
    if doc.get("subtitle"):
        description = doc["subtitle"]
    elif document.ref.kind == YEARLY_REPORT:
        description = f"The {name}'s yearly report for {period(doc.get('reporting_period'))}."
    else:
        description = f"The {name}'s multi-agency safeguarding arrangements."
    area = (facts.get("area") or {}).get("name", "")
    keywords = ", ".join(k for k in ("safeguarding children", "Working Together", area) if k)
    date = str(doc.get("published") or doc.get("published_month") or "")
    return Meta(typeset(title.strip(" –")), str(doc.get("lang") or DEFAULT_LANG), name,
                typeset(description),
                date, keywords)


def build_appendix(result: DocumentResult | None, doc: dict[str, Any],
                   draft: bool = True) -> tuple[AppendixRow, ...]:
    """The Working Together appendix: in a review copy every requirement with its status; in a
    published document only where each met requirement is found, and only when the document
    asks for it (`appendix: working_together`), since a gap is no news for its readers."""
    if result is None or not (draft or doc.get("appendix") == WORKING_TOGETHER):
        return ()
    known = places_by_label(doc)
    return tuple(AppendixRow(c.title, c.description, str(c.level), str(c.status),
                             _places(c, known), c.missing_elements) for c in result.requirements
                 if draft or c.status is Status.MET)


def _places(coverage: Coverage, known: dict[str, tuple[str, str]]) -> tuple[Place, ...]:
    places = [Place(known[s][1], known[s][0]) if s in known else Place(s)
              for s in coverage.sections]
    for evidence in coverage.evidence:
        if evidence in known:
            places.append(Place(known[evidence][1], known[evidence][0]))
        else:
            places.append(Place(_evidence_words(*evidence.partition(": ")[::2])))
    unique: dict[str, Place] = {}
    for place in places:
        unique.setdefault(place.text, place)  # each place once, by its first link
    return tuple(unique.values())


def _evidence_words(kind: str, value: str) -> str:
    if kind == "block":
        return f"the {label(value).lower()} in this document"
    if kind == "partnership":
        return f"the partnership's standing facts ({value.replace('.', ' ').replace('_', ' ')})"
    if kind == "document":
        return f"the document's {value.replace('_', ' ')}"
    if kind == "rating":
        return f"priorities rated “{label(value).lower()}”"
    return f"{kind} {value}".strip()


def build_glossary(doc: dict[str, Any], facts: dict[str, Any]) -> tuple[GlossaryEntry, ...]:
    """The partnership's acronyms that this document uses, in alphabetical order."""
    text = "\n".join(s for _, s in iter_prose(doc))
    used = [g for g in facts.get("glossary") or []
            if re.search(rf"(?<![\w-]){re.escape(g['term'])}(?!\w)", text)]
    return tuple(GlossaryEntry(g["term"], g["meaning"])
                 for g in sorted(used, key=lambda g: g["term"].casefold()))


def _images(doc: dict[str, Any], sections: tuple[SectionView, ...]) -> Iterator[str]:
    """Every asset the page shows besides the logo: figures, the cover picture, signatures."""
    for block in iter_block_views(sections):
        if block.type == FIGURE and block.data.get("src"):
            yield block.data["src"]
    if isinstance(doc.get("cover_image"), Mapping):
        yield doc["cover_image"]["src"]
    yield from (p["signature"] for p in iter_signatories(doc) if p.get("signature"))
