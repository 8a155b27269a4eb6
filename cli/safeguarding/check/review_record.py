"""How to record a reader's review: the YAML a coordinator pastes into a document's `reviews:`.

Every check format says it in these words: the text and HTML reports after the table, the
JSON per requirement, SARIF, JUnit and GitHub in the note about the requirement. The
snippet leaves `verdict`, `by` and `date` blank, so that a review is never recorded by
pasting alone: until they are filled in, validation names each blank at its line. Its
`text_hash` is quoted, so that a hash of digits only stays text, as the schema asks.
"""

from __future__ import annotations

from ..results import Coverage, DocumentResult, Status

# (field, value, comment): blanks for the reader to fill in, each saying what goes there.
FIELDS = (("verdict", "", "met or not-met"),
          ("by", "", "your name and role"),
          ("date", "", "the day you judged it, YYYY-MM-DD"))
HASH_COMMENT = "the text you judged: leave as it is"
DEFAULT_INDENT = 2  # of the list's dashes under `reviews:` in a new list


def awaiting_review(doc: DocumentResult) -> list[Coverage]:
    """The requirements that wait only for a reader's judgement, in the table's order."""
    return [c for c in doc.requirements if c.status is Status.NEEDS_REVIEW and c.text_hash]


def review_entry(c: Coverage, indent: int = DEFAULT_INDENT) -> list[str]:
    """The lines of one review, a list item at `indent`, with the requirement's text_hash."""
    pad = " " * indent
    pairs = [*((f"{pad}  {name}: {value}".rstrip(), comment) for name, value, comment in FIELDS),
             (f'{pad}  text_hash: "{c.text_hash}"', HASH_COMMENT)]
    # Comments line up at the same column in every entry: room for a 12-character hash.
    width = indent + len('  text_hash: "123456789abc"') + 2
    return [f"{pad}- requirement: {c.id}",
            *(f"{code:<{width}}# {comment}" for code, comment in pairs)]


def where_to_add(doc: DocumentResult) -> str:
    """'To record your review, add to ...:' naming the file, and where in it."""
    return f"To record your review, {_add_to(doc)}, and fill in the blanks:"


def _add_to(doc: DocumentResult) -> str:
    if doc.reviews_at is None:
        return f"add to the end of {doc.file}"
    return (f"add to the `reviews:` list at line {doc.reviews_at[0]} of {doc.file}, below "
            "the reviews already there")


def review_snippet(doc: DocumentResult, wanted: list[Coverage] | None = None) -> str:
    """The YAML to paste for the requirements awaiting review (whose review is not stale),
    with the `reviews:` line when the document has none yet; empty when there are none."""
    entries = [c for c in (awaiting_review(doc) if wanted is None else wanted)
               if not c.stale_review_line]
    if not entries:
        return ""
    indent = DEFAULT_INDENT if doc.reviews_at is None else doc.reviews_at[1]
    lines = [] if doc.reviews_at is not None else ["reviews:"]
    for c in entries:
        lines += review_entry(c, indent)
    return "\n".join(lines)


def stale_hint(digest: str, at: str = "this text_hash") -> str:
    """What to do about a review of text that has changed since it was recorded."""
    if not digest:
        return "nothing covers the requirement now: remove this review, or cover it again"
    return (f'read the covering sections again; then set {at} to "{digest}", the date to '
            "the day you read them, and the verdict if your judgement changed")


def stale_instruction(c: Coverage) -> str:
    """The sentence for a requirement whose recorded review is of earlier text."""
    hint = stale_hint(c.text_hash, f"the text_hash at line {c.stale_review_line}")
    return (f"{c.title} ({c.id}): the review at line {c.stale_review_line} was of text that "
            f"has changed since, so it no longer counts. {hint[0].upper()}{hint[1:]}.")


def record_hint(doc: DocumentResult, c: Coverage) -> str:
    """How to record the review of one requirement, for a finding's hint or a JSON field."""
    if c.stale_review_line:
        return stale_instruction(c)
    return f"{where_to_add(doc)}\n{review_snippet(doc, [c])}"
