"""markdown.*: what the build leaves out of Markdown text, and HTML it shows as typed.

Both rules ask safeguarding.render.markdown, which the build renders with, so `check` reports
exactly what `build-report` will do.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import unquote

from ...findings import Finding, Location, Severity
from ...load.doctree import Path_, iter_prose
from ...load.yamlfile import SourceFile
from ...render.markdown import Dropped, dropped_from, raw_html_in
from .check_context import CheckContext
from .registry import rule

_LONGEST = 60  # a data: address can be thousands of characters: show its start only


@rule("markdown.unsafe_link", Severity.WARNING, always_on=True)
def unsafe_link(context: CheckContext) -> Iterator[Finding]:
    """Every link and image in the text is one the published report keeps.

    A link may go to a web page (https:, http:), an email address (mailto:), a phone
    number (tel:) or a part of the document (#...). Any other link (javascript:, data:,
    file:, a relative path) loses its address and keeps only its words; an image typed
    into the text keeps only its description (images go in a figure block). This is the
    build's own rule, reported before the build, where the text is.

    passes: "see [the procedures](https://example.org/procedures)"
    fails:  "see [the procedures](javascript:open())" or "![our logo](logo.png)"
    """
    for path, text in context.prose:
        for dropped in dropped_from(text):
            yield unsafe_link.finding(dropped_message(dropped, "is"),
                                      locate_dropped_in(context.source, path, text, dropped),
                                      dropped_hint(dropped))


@rule("markdown.raw_html", Severity.WARNING, always_on=True)
def raw_html(context: CheckContext) -> Iterator[Finding]:
    """The text has no HTML tags: they are shown as typed, not applied.

    For safety the published report never passes HTML through, so "<b>important</b>"
    appears with its angle brackets. A '<' that is not a tag, as in "fewer than 5 (<5)"
    or "a < b", is fine. One finding per piece of text, at its first tag.

    passes: "this is **important**" or "fewer than 5 (<5)"
    fails:  "this is <b>important</b>"
    """
    for path, text in context.prose:
        found = raw_html_in(text)
        if found:
            tag = _short(found[0].tag)
            yield raw_html.finding(
                f"HTML tags such as {tag} are shown as typed, not applied",
                locate_in_markdown(context.source, path, text, found[0].offset, [found[0].tag]),
                "use Markdown instead: **bold**, *italics*, [text](https://…), or remove the tag")


def dropped_message(dropped: Dropped, tense: str) -> str:
    """What was (or is) left out, in words; `tense` is "is" or "was"."""
    target = _short(unquote(dropped.target))
    if dropped.what == "image":
        return (f"an image in the text ('{target}') {tense} left out of the published report; "
                "only its description is kept")
    return (f"the link to '{target}' {tense} left out of the published report; "
            "only its words are kept")


def dropped_hint(dropped: Dropped) -> str:
    if dropped.what == "image":
        return "put the image in a figure block, with its file in the assets folder"
    return ("a link may only go to https:, http:, mailto:, tel: or a #part of the document; "
            "correct the address or remove the link")


def locate_dropped(source: SourceFile, dropped: Dropped) -> Location:
    """Where the build found what it dropped: in the value whose text it rendered, if any."""
    for path, text in iter_prose(source.data):
        if text == dropped.source:
            return locate_dropped_in(source, path, text, dropped)
    return Location(source.display)  # text the templates made up: the file is all we know


def locate_dropped_in(source: SourceFile, path: Path_, text: str, dropped: Dropped) -> Location:
    # markdown-it percent-encodes addresses ('"' becomes %22): look for both spellings.
    return locate_in_markdown(source, path, text, dropped.offset,
                              [dropped.target, unquote(dropped.target)])


def locate_in_markdown(source: SourceFile, path: Path_, text: str, offset: int,
                       needles: list[str]) -> Location:
    """The first of needles in text from offset (its paragraph), else anywhere, else the value."""
    for start_at in (offset, 0):  # a reference link's address may come before its paragraph
        for needle in filter(None, needles):
            start = text.find(needle, start_at)
            if start >= 0:
                return source.locate_in(path, start, start + len(needle))
    return source.locate(path)


def _short(text: str) -> str:
    return text if len(text) <= _LONGEST else text[:_LONGEST - 1] + "…"
