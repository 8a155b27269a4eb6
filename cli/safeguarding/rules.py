"""The rule catalogue: every rule id a finding can carry, with its severity and manual.

One entry per id, whichever step finds it: loading (yaml, io, layout), validating (schema,
integrity, requirements), choosing the edition, measuring coverage, the consistency checks
(registered by check.consistency.registry.rule, each documented by its function's
docstring; check.crash when one fails), building (build, pdf, branding) and importing
(import). Code names a rule through `known(id)`, which fails at import for an id not listed
here. SARIF's rule descriptions, `safeguarding rules` and the check ids a rule set may list
(filled into the rule-set schema by schema_validation) are read from RULES; docs/rules.md
is written from it by `make docs` and tested against it. Requirement gaps are the one
exception: they are reported under the requirement's own id from its rule set.
"""

from __future__ import annotations

from dataclasses import dataclass
from inspect import cleandoc

from .findings import Severity

ERROR, WARNING, NOTE = Severity.ERROR, Severity.WARNING, Severity.NOTE


@dataclass(frozen=True)
class Rule:
    """One rule: its id, default severity, manual (first line: the summary), and whether it
    applies to every document whatever its rule set (checks only: a rule set lists the rest)."""

    id: str
    severity: Severity
    manual: str
    always_on: bool = True
    check: bool = False  # a consistency check, switched on by id in the rule sets

    @property
    def summary(self) -> str:
        """The manual's first paragraph, on one line."""
        return " ".join(self.manual.split("\n\n")[0].split()) or self.id

    @property
    def family(self) -> str:
        return self.id.split(".")[0]


RULES: dict[str, Rule] = {}


def register(entry: Rule) -> Rule:
    """Add a rule to the catalogue; an id registered twice is a bug, said at start-up."""
    if entry.id in RULES:
        raise ValueError(f"rule {entry.id} registered twice")
    RULES[entry.id] = entry
    return entry


def known(rule_id: str) -> str:
    """The id, once the catalogue is sure to hold it: a typo fails when the module loads."""
    if rule_id not in RULES:
        raise KeyError(f"unknown rule id '{rule_id}': add it to safeguarding/rules.py")
    return rule_id


def catalogue() -> dict[str, Rule]:
    """Every rule, the consistency checks included, sorted by id."""
    from .check import consistency as checks  # noqa: F401  (registers the checks)

    return dict(sorted(RULES.items()))


def switchable_checks() -> list[str]:
    """The ids a rule set may list under `checks`: every check that is not always on."""
    return [r.id for r in catalogue().values() if r.check and not r.always_on]


def _define(rule_id: str, severity: Severity, manual: str) -> None:
    register(Rule(rule_id, severity, cleandoc(manual)))


_define("yaml", ERROR, """The file is YAML that can be read safely and exactly.

    Duplicate keys, tabs, anchors and aliases, a `no` read as false, invisible or control
    characters and text that is not UTF-8 are refused rather than guessed at.

    passes: title: Annual report
    fails:  a key written twice in the same mapping""")
_define("yaml.comment_in_value", WARNING, """A ' #' inside a plain value starts a comment.

    passes: title: "Report #3"
    fails:  title: Report #3 (the value is only 'Report')""")
_define("yaml.curly_quotes", WARNING, """A value wrapped in curly quotes keeps them.

    passes: title: "Annual report"
    fails:  title: “Annual report” (the quotes become part of the title)""")
_define("yaml.invisible_character", WARNING, """No invisible or direction-changing character
    hides in the data.

    Bidirectional overrides, embeddings and isolates (U+202A to U+202E, U+2066 to U+2069),
    zero-width characters and other invisible format characters can make text read
    differently from what it holds. An error in keys, ids and codes; a warning in text.

    passes: title: Annual report
    fails:  a title holding U+202E, the right-to-left override, which shows the rest reversed""")
_define("io", ERROR, """The file or folder can be read.

    passes: a file the user running the tool may read
    fails:  a file without read permission, or a folder that vanished while being read""")
_define("schema", ERROR, """The data has the fields, values and types the schema asks for.

    passes: status: draft
    fails:  status: final (not one of draft, published), or a misspelt field""")
for _name, _manual in {
    "file_name": """A document's file is named for its id.

        passes: arrangements/2019-06.yaml, reports/2023-24.yaml
        fails:  arrangements/2019-6.yaml""",
    "folder_name": """A partnership's folder is named in lower-case letters, digits and hyphens.

        passes: partnerships/west-sussex/
        fails:  partnerships/West Sussex/""",
    "not_a_folder": """Where the layout expects a folder, there is one.

        passes: partnerships/riverside/reports/ as a folder
        fails:  a file named reports in the partnership's folder""",
    "outside_link": """A partnership's files are its own, not links to files elsewhere.

        passes: a YAML file inside the partnership's folder
        fails:  a symbolic link to a file outside it""",
    "stray_file": """Every YAML file is a partnership or document file, so that none goes unchecked.

        passes: partnerships/riverside/partnership.yaml
        fails:  partnerships/riverside/notes.yaml""",
}.items():
    _define(f"layout.{_name}", ERROR, _manual)
for _name, _manual in {
    "bad_image": """An image is a whole PNG, JPEG, GIF, WebP or SVG file, named for its kind.

        passes: assets/logo.png holding a PNG image
        fails:  assets/logo.png holding a JPEG image, or one cut short""",
    "unsafe_image": """An image is safe to publish: no script, event handler, embedded
        document or outside reference in an SVG, and no image too large to decode safely.

        passes: assets/logo.svg drawing shapes and text; a 2,000 by 1,500 pixel photo
        fails:  an SVG with <script> or onload=; a PNG of 50,000 by 50,000 pixels""",
    "duplicate_id": """Each id is used once in a document, since ids are used for links.

        passes: two sections with ids 'budget' and 'training'
        fails:  two sections both with id 'budget'""",
    "missing_asset": """An image a document names is in the partnership's assets.

        passes: src: assets/chart.png with the file present
        fails:  src: assets/chart.png with no such file""",
    "no_partnership": """Every document belongs to a partnership with a partnership.yaml.

        passes: partnerships/riverside/ holding partnership.yaml and reports/
        fails:  partnerships/orphan/reports/2022-23.yaml with no partnership.yaml""",
    "wrong_partnership": """A document names the partnership whose folder holds it.

        passes: partnership: riverside in partnerships/riverside/
        fails:  partnership: hillside in partnerships/riverside/""",
}.items():
    _define(f"integrity.{_name}", ERROR, _manual)
_define("requirements.duplicate_id", ERROR, """A rule set uses each requirement id once.

    passes: requirement ids funding and independent_scrutiny
    fails:  two requirements with id funding""")
_define("requirements.missing", ERROR, """There is a rule set for the document's kind and edition.

    passes: a yearly report checked against wt2023
    fails:  a kind of document with no rule set under its edition""")
_define("edition.date", NOTE, """How the edition of Working Together was chosen, when the document
    does not settle it alone.

    passes: published: "2024-09-01" (in force then: wt2023)
    fails:  no publication date: checked against the edition in force today, and told""")
_define("edition.superseded", NOTE, """Arrangements answering to Working Together 2018, which
    the 2023 edition replaced.

    passes: arrangements declaring edition: wt2023
    fails:  arrangements declaring edition: wt2018 (told, with the date to update by)""")
_define("coverage.unsupported_claim", WARNING, """A `covers` claim is backed by the text it
    is made on: a section that has none of the requirement's text evidence meets nothing.

    passes: covers: [funding] on a section giving each partner's contribution in pounds
    fails:  covers: [funding] on a paragraph about task-and-finish groups""")
_define("coverage.untagged_evidence", NOTE, """A section whose text shows a requirement
    that no section claims is told: the verdict is the claims', and the claim is the
    encoder's to make.

    passes: covers: [funding] on the section giving each partner's contribution
    fails:  that section with no covers, and funding missing (a note names the section)""")
_define("coverage.wrong_kind", ERROR, """A requirement claimed in `covers` belongs to this kind
    of document (arrangements or yearly report).

    passes: covers: [independent_scrutiny] in arrangements
    fails:  a yearly report's requirement id claimed in arrangements""")
_define("coverage.review_stale", WARNING, """A recorded review still reads the text it judged:
    when the covering text changes, the reviewer looks again.

    passes: a review whose text_hash matches the covering sections
    fails:  a review recorded before the covering section was rewritten""")
_define("coverage.review_unknown_requirement", WARNING, """A review names a requirement the
    document is checked against.

    passes: reviews: [{requirement: impact, ...}] in a yearly report
    fails:  reviews: [{requirement: impct, ...}] (a typo, or another kind's id)""")
_define("check.crash", ERROR, """A consistency check crashed: a bug, reported rather than raised.

    passes: every check runs to its end
    fails:  a check raising an exception (its other findings are kept)""")
_define("build.unpublishable", ERROR, """A published document is finished: no errors, no
    placeholder, no figure without its image.

    passes: status: published, with every figure's image
    fails:  status: published, with "TBC" left in the text (build it with --draft)""")
_define("build.requirements", WARNING, """A document built with requirements not fully met
    says so once.

    passes: every must and should requirement met
    fails:  a should-level requirement only thinly covered""")
_define("build.refused", ERROR, """With --strict, a document that fails `check --strict` is
    not built.

    passes: build-report --strict of a document with every requirement met
    fails:  build-report --strict of a document with a should-level gap""")
_define("build.markdown", WARNING, """Markdown the published page cannot show is reported, not
    silently dropped.

    passes: **bold** and [links](https://example.org)
    fails:  <b>raw HTML</b> typed into the text""")
_define("branding.contrast", WARNING, """A branding colour is dark enough to read on white
    (4.5:1), else the default is used.

    passes: primary_colour: "#1d4f91"
    fails:  primary_colour: "#ffff00\"""")
_define("pdf.renderer", WARNING, """What WeasyPrint said while printing the PDF.

    passes: a document that prints without a warning
    fails:  an image WeasyPrint cannot decode""")
# `safeguarding import` (importer/): what a person must check in a file the importer wrote.
for _name, _severity, _manual in (
    ("front_matter", WARNING, """Text before a document's first heading (its cover) is
        sorted by hand.

        passes: the front page's date moved to `published`, the rest deleted
        fails:  a section titled Front page left as imported"""),
    ("image_alt", WARNING, """An imported image gets the alternative text the document
        gave it, else one must be written.

        passes: alt: Structure chart of the partnership's groups
        fails:  alt: [Describe this image]"""),
    ("table_empty", WARNING, """An empty table in the document is deleted.

        passes: a table with headings and rows
        fails:  a table with no text in it"""),
    ("table_not_typed", WARNING, """A table that looks like a budget, training figures or key
        facts, but whose figures do not parse, stays a plain table until it is corrected.

        passes: Course | Attended with 40 in each row (a training block)
        fails:  Course | Attended with 'about fifty' in a row"""),
    ("date_not_found", WARNING, """The document's version or reporting year, when the
        document states none, is set by hand.

        passes: a cover dated June 2019 (arrangements/2019-06.yaml)
        fails:  no date in the opening pages (named after this month)"""),
    ("title_not_found", WARNING, """The document's title, when no title was recognised, is
        written by hand.

        passes: a Word file with its title in the Title style
        fails:  no title style and no large type on the first page"""),
    ("period_assumed", WARNING, """A yearly report's period, when the report states none,
        is checked by hand.

        passes: "1 October 2022 to 31 March 2024" in the report
        fails:  no period stated (1 April to 31 March assumed)"""),
    ("suggested_covers", NOTE, """The requirements a section looks like it meets are
        suggested, to be confirmed as `covers` by a person.

        passes: covers: [independent_scrutiny] written after reading the section
        fails:  a `# suggested covers:` comment left unconfirmed"""),
    ("partner_not_recognised", WARNING, """A statutory partner the document names was not
        recognised: it is added to the new partnership.yaml by hand.

        passes: 'West Mercia Police' in the text (recognised)
        fails:  'the police' only"""),
    ("partners_recognised", NOTE, """The partners recognised in the document are checked,
        and their representatives added.

        passes: each partner's organisation, lead and delegates checked
        fails:  partners left as recognised, without their lead"""),
    ("name_not_found", WARNING, """The partnership's name, when the document does not give
        it, is written by hand.

        passes: 'Wirral Safeguarding Partnership' in the text
        fails:  no '... Safeguarding ... Partnership' in the opening pages"""),
):
    register(Rule(f"import.{_name}", _severity, cleandoc(_manual)))
