"""Markdown to safe HTML: raw HTML off, only safe links, no images, prefixed ids.

markdown-it-py's default preset passes raw HTML through (TECH-NOTES §2), so we
start from `js-default` (html off, tables on). Every link is checked here rather
than by `validateLink`, so that an unsafe link keeps its text and loses only its
address, and an image in prose keeps only its alternative text: a document can
neither run script nor make the PDF renderer fetch anything.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markupsafe import Markup, escape
from mdit_py_plugins.footnote import footnote_plugin

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


@dataclass
class Dropped:
    """Something the renderer removed from the author's text, to report as a warning."""

    what: str  # "link" or "image"
    target: str


@dataclass
class MarkdownRenderer:
    """Renders the fragments of one document; numbering fragments keeps their ids unique."""

    count: int = 0
    dropped: list[Dropped] = field(default_factory=list)

    def __post_init__(self) -> None:
        md = MarkdownIt("js-default", {"typographer": True})
        # Smart quotes only: "replacements" would turn a list's "(c)" into "©".
        md.disable("replacements")
        md.validateLink = lambda url: True  # type: ignore[method-assign]  # _drop_unsafe checks, and warns
        md.use(footnote_plugin)
        md.core.ruler.push("safeguarding_safety", self._drop_unsafe)
        md.core.ruler.push("safeguarding_headings", _number_headings)
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

    def _env(self, heading_level: int) -> dict:
        self.count += 1
        # An underscore never appears in a data id, so these ids cannot clash with sections.
        return {"docId": f"md_{self.count}", "headingLevel": heading_level}

    def _drop_unsafe(self, state: StateCore) -> None:
        for token in state.tokens:
            if token.children:
                token.children = list(self._safe_children(token.children))

    def _safe_children(self, children: Sequence[Token]) -> list[Token]:
        kept: list[Token] = []
        dropping = 0
        for child in children:
            href = str(child.attrGet("href") or "")
            if child.type == "link_open" and (dropping or not is_safe_url(href)):
                if not dropping:
                    self.dropped.append(Dropped("link", href))
                dropping += 1
                continue
            if child.type == "link_close" and dropping:
                dropping -= 1
                continue
            if child.type == "image":
                self.dropped.append(Dropped("image", str(child.attrGet("src"))))
                child = _text_token(child.content)
            kept.append(child)
        return kept


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
