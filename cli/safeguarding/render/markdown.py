"""Markdown to safe HTML: raw HTML off, only safe links, no images, prefixed ids.

markdown-it-py's default preset passes raw HTML through (TECH-NOTES §2), so we
start from `js-default` (html off, tables on). Every link is checked here rather
than by `validateLink`, so that an unsafe link keeps its text and loses only its
address, and an image in prose keeps only its alternative text: a document can
neither run script nor make the PDF renderer fetch anything. `check` finds what the build
will leave out (`dropped_from`) and raw HTML shown as typed (`raw_html_in`) with the same
parser and the same decision (`_keep_safe`), so the two can never disagree.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markupsafe import Markup, escape
from mdit_py_plugins.footnote import footnote_plugin

from .formatting import typeset

SAFE_SCHEMES = ("https:", "http:", "mailto:", "tel:")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*:)", re.I)
_SLUG_DROP = re.compile(r"[^a-z0-9]+")


def is_safe_url(url: str) -> bool:
    """Web and mail addresses and links within the document; nothing that runs or reads files."""
    cleaned = re.sub(r"[\x00-\x20]", "", url).lower()
    if cleaned.startswith("#"):
        return True
    match = _SCHEME.match(cleaned)
    return match is not None and match.group(1) in SAFE_SCHEMES


def slug(text: str) -> str:
    return _SLUG_DROP.sub("-", text.lower()).strip("-") or "part"


@dataclass(frozen=True)
class Dropped:
    """Something the renderer removed from the author's text, to report as a warning."""

    what: str  # "link" or "image"
    target: str
    source: str = ""  # the Markdown it was in, to find it in the document's file
    offset: int = 0  # where its paragraph starts in source: the search for it starts there


@dataclass(frozen=True)
class RawHtml:
    """An HTML tag typed into Markdown: escaped, so shown as typed rather than applied."""

    tag: str
    offset: int = 0  # where its paragraph starts in the text


# A list item at the start of a line, or a blank line between paragraphs.
_BLOCK_CELL = re.compile(r"(?:^|\n)[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+\S|\n[ \t]*\n")


def _parser(html: bool = False) -> MarkdownIt:
    """The build's Markdown dialect; with html, only to find raw HTML, never to render it."""
    # markdown-it reads ahead from every "[" up to maxNesting levels: at its default (100),
    # 100 KB of "![" took seconds. Twenty levels of links and emphasis is more than any text.
    md = MarkdownIt("js-default", {"typographer": True, "html": html, "maxNesting": 20})
    # Smart quotes only: "replacements" would turn a list's "(c)" into "©".
    md.disable("replacements")
    md.validateLink = lambda url: True  # type: ignore[method-assign]  # _keep_safe checks, and warns
    md.use(footnote_plugin)
    return md


@dataclass
class MarkdownRenderer:
    """Renders the fragments of one document; numbering fragments keeps their ids unique."""

    count: int = 0
    dropped: list[Dropped] = field(default_factory=list)

    def __post_init__(self) -> None:
        md = _parser()
        md.core.ruler.push("safeguarding_safety", self._drop_unsafe)
        md.core.ruler.push("safeguarding_headings", _number_headings)
        md.core.ruler.push("safeguarding_typeset", _typeset)
        md.add_render_rule("footnote_anchor", _footnote_backref)
        md.add_render_rule("footnote_block_open", lambda *a: '<div class="footnotes">\n<ol>\n')
        md.add_render_rule("footnote_block_close", lambda *a: "</ol>\n</div>\n")
        md.add_render_rule("th_open", _th_open)
        self._md = md

    def block(self, text: str | None, heading_level: int = 3) -> Markup:
        """A passage: paragraphs, lists, tables; its headings start at heading_level."""
        if not text:
            return Markup("")
        return Markup(self._md.render(str(text), self._env(heading_level)))

    def inline(self, text: object) -> Markup:
        """One line of text (a title, a table cell): emphasis and links, no paragraphs."""
        if text is None:
            return Markup("")
        if not isinstance(text, str):
            return escape(str(text))
        return Markup(self._md.renderInline(text, self._env(3)))

    def cell(self, text: object) -> Markup:
        """A table cell: one line as inline text; a cell written as a list or as paragraphs
        (a blank line) as blocks, so that its items stay items rather than run together."""
        if isinstance(text, str) and _BLOCK_CELL.search(text.strip()):
            return self.block(text)
        return self.inline(text)

    def _env(self, heading_level: int) -> dict:
        self.count += 1
        # An underscore never appears in a data id, so these ids cannot clash with sections.
        return {"docId": f"md_{self.count}", "headingLevel": heading_level}

    def _drop_unsafe(self, state: StateCore) -> None:
        for token in state.tokens:
            if token.children:
                token.children, dropped = _keep_safe(token.children)
                at = _offset(state.src, token.map)
                self.dropped += [Dropped(what, target, state.src, at) for what, target in dropped]


def _keep_safe(children: Sequence[Token]) -> tuple[list[Token], list[tuple[str, str]]]:
    """An inline run without unsafe links and images; what was dropped, as (what, target).

    The one place that decides what the build leaves out: rendering and `check` both use it.
    """
    kept: list[Token] = []
    dropped: list[tuple[str, str]] = []
    dropping = 0
    for child in children:
        href = str(child.attrGet("href") or "")
        if child.type == "link_open" and (dropping or not is_safe_url(href)):
            if not dropping:
                dropped.append(("link", href))
            dropping += 1
            continue
        if child.type == "link_close" and dropping:
            dropping -= 1
            continue
        if child.type == "image":
            dropped.append(("image", str(child.attrGet("src"))))
            child = _text_token(child.content)
        kept.append(child)
    return kept, dropped


def dropped_from(text: str) -> list[Dropped]:
    """What building text as a passage would leave out, found without rendering it."""
    if "[" not in text and "<" not in text:  # every link and image needs one of them
        return []
    renderer = _checker()
    renderer.dropped.clear()
    renderer._md.parse(text, renderer._env(3))
    return list(renderer.dropped)


def raw_html_in(text: str) -> list[RawHtml]:
    """Each HTML tag or comment in text as Markdown reads it: not a lone '<' as in '(<5)'."""
    if "<" not in text:
        return []
    found: list[RawHtml] = []
    for token in _html_parser().parse(text):
        at = _offset(text, token.map)
        if token.type == "html_block":
            found.append(RawHtml(_first_tag(token.content), at))
        found += [RawHtml(_first_tag(child.content), at) for child in token.children or []
                  if child.type == "html_inline"]
    return found


# Building a parser costs more than parsing a paragraph: `check` reuses one of each.
@cache
def _checker() -> MarkdownRenderer:
    return MarkdownRenderer()


@cache
def _html_parser() -> MarkdownIt:
    return _parser(html=True)


_TAG = re.compile(r"<!--.*?-->|<[^>]*>", re.S)


def _first_tag(html: str) -> str:
    # A token of raw HTML starts with its tag: matched there only, the text is read once
    # (searched, every unclosed "<!--" of a long paragraph was read to the end).
    match = _TAG.match(html.lstrip())
    return match.group(0) if match else html.strip().splitlines()[0]


def _offset(text: str, line_map: list[int] | None) -> int:
    """Where a token's first line starts in text (0 when markdown-it does not say)."""
    if not line_map:
        return 0
    starts = _line_starts(text)
    return starts[line_map[0]] if line_map[0] < len(starts) else 0


# Once per text, not once per token: a body of 20,000 paragraphs took minutes.
@lru_cache(maxsize=8)
def _line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in re.finditer("\n", text))]


def _text_token(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token


def _number_headings(state: StateCore) -> None:
    """Shift headings under the section's own heading and give them ids no data id can take."""
    base = int(state.env.get("headingLevel", 3))
    # The fragment's shallowest heading goes at `base`, the rest keep their steps below it.
    top = min((int(t.tag[1]) for t in state.tokens if t.type == "heading_open"), default=1)
    used: set[str] = set()
    for i, token in enumerate(state.tokens):
        if token.type in ("heading_open", "heading_close"):
            level = min(6, base + int(token.tag[1]) - top)
            token.tag = f"h{level}"
            if token.type == "heading_open":
                ident = base_id = f"{state.env['docId']}_{slug(state.tokens[i + 1].content)}"
                n = 1
                while ident in used:  # two headings "Actions" in one passage
                    n += 1
                    ident = f"{base_id}-{n}"
                used.add(ident)
                token.attrSet("id", ident)


def _typeset(state: StateCore) -> None:
    for token in state.tokens:
        for child in token.children or ():
            if child.type == "text":
                child.content = typeset(child.content)


def _footnote_backref(self: object, tokens: Sequence[Token], idx: int, options: object,
                      env: dict) -> str:
    ident = f"-{env['docId']}-{tokens[idx].meta['id'] + 1}"
    if tokens[idx].meta["subId"] > 0:
        ident += f":{tokens[idx].meta['subId']}"
    number = tokens[idx].meta["id"] + 1
    return (f' <a href="#fnref{ident}" class="footnote-backref" '
            f'aria-label="Back to reference {number}">\u21a9\ufe0e</a>')


def _th_open(self: object, tokens: Sequence[Token], idx: int, options: object, env: dict) -> str:
    tokens[idx].attrSet("scope", "col")
    return self.renderToken(tokens, idx, options, env)  # type: ignore[attr-defined]
