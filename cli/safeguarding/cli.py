"""The command layer: parse arguments, call one function, turn errors into exit codes.

Exit codes: 0 valid, 1 invalid data, 2 usage or I/O error, 3 internal error (a bug),
130 interrupted (Ctrl-C).
Rendering libraries (weasyprint, jinja2, markdown_it) are imported inside the commands
that need them, so that `validate` stays quick enough for a pre-commit hook.
"""

from __future__ import annotations

import sys
import traceback as tb
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from . import __version__
from .check.edition import EDITIONS
from .commands.rules_report import FORMATS as RULES_FORMATS
from .errors import EXIT_INTERRUPTED, INTERRUPTED, BuildError, SafeguardingError
from .load.layout import ARRANGEMENTS, KINDS, default_root
from .reporters import format_names
from .results import CHECK, VALIDATE
from .usage import PlainUsageGroup

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

app = typer.Typer(name="safeguarding", no_args_is_help=True, add_completion=False,
                  pretty_exceptions_enable=False, cls=PlainUsageGroup,
                  help="Check and publish safeguarding children partnerships' documents.")


class OutputFormat(StrEnum):  # `list`'s own formats: a listing, not findings
    text = "text"
    json = "json"


def _choices(name: str, names: list[str]) -> type[StrEnum]:
    """An enum of the given names, for Typer to offer (and check) as an option's choices."""
    return StrEnum(name, {n: n for n in names})  # type: ignore[return-value]


if TYPE_CHECKING:  # for mypy the choice is its name; Typer sees the enum
    ValidateFormat = str
    CheckFormat = str
    Edition = str
    DocumentKind = str
else:
    ValidateFormat = _choices("ValidateFormat", format_names(VALIDATE))
    CheckFormat = _choices("CheckFormat", format_names(CHECK))
    Edition = _choices("Edition", list(EDITIONS))
    DocumentKind = _choices("DocumentKind", list(KINDS))


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"safeguarding {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=_show_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """Check and publish safeguarding children partnerships' documents."""


PathsArg = Annotated[list[Path] | None, typer.Argument(
    help="Partnerships folder, partnership folders or YAML files (default: partnerships/).",
    show_default=False, metavar="PATH")]
FormatOpt = Annotated[OutputFormat, typer.Option("--format", help="Output format.")]
TracebackOpt = Annotated[bool, typer.Option("--traceback", help="Show the full error on a crash.")]
RootOpt = Annotated[Path, typer.Option("--root", help="The partnerships folder.")]
PARTNERSHIPS = default_root()  # --root's default


@app.command()
def validate(paths: PathsArg = None,
             output_format: Annotated[ValidateFormat, typer.Option(
                 "--format", help="Output format.")] = "text",
             traceback: TracebackOpt = False) -> None:
    """Check partnership and document files against the schemas and each other."""
    _run(lambda: run_validate(paths or [], str(output_format)), traceback)


def run_validate(paths: list[Path], output_format: str) -> int:
    """Load, validate, report; the exit code."""
    from .load.validation import validate_result
    from .load.workspace import load_workspace
    from .reporters import reporter

    result = validate_result(load_workspace(paths or [PARTNERSHIPS]))
    reporter(output_format)(result, sys.stdout)
    return EXIT_INVALID if result.fails() else EXIT_OK


@app.command()
def check(
    partnership: Annotated[str | None, typer.Argument(
        help="A partnership's folder name, e.g. worcestershire (default: every partnership)",
        show_default=False)] = None,
    document: Annotated[str | None, typer.Argument(
        help="arrangements, a version such as 2019-06, or a reporting year such as 2023-24 "
             "(default: all the partnership's documents)", show_default=False)] = None,
    edition: Annotated[Edition | None, typer.Option(
        "--edition", help="Check against this edition of Working Together, whatever the "
                          "document declares.")] = None,
    strict: Annotated[bool, typer.Option(
        "--strict", help="Fail on should-level gaps too.")] = False,
    today: Annotated[str | None, typer.Option(
        "--today", help="The date to check review dates against, YYYY-MM-DD (default: today)",
        show_default=False)] = None,
    output_format: Annotated[CheckFormat, typer.Option("--format", help="Output format.")]
    = "text",
    out: Annotated[Path | None, typer.Option(
        "--out", help="With --format html: write DIR/check.html, the review document, and say "
                      "what changed since the check last written there.",
        show_default=False)] = None,
    root: RootOpt = PARTNERSHIPS,
    traceback: TracebackOpt = False,
) -> None:
    """Check documents against Working Together: requirements met, and figures, dates, words."""
    _run(lambda: run_check(root, partnership, document, edition and str(edition), strict,
                           today, str(output_format), out), traceback)


def run_check(root: Path, partnership: str | None, document: str | None, edition: str | None,
              strict: bool, today: str | None, output_format: str,
              out: Path | None = None) -> int:
    """Load, validate, check, report; the exit code."""
    from datetime import date

    from .check.compliance import CheckOptions, check_workspace
    from .check.edition import parse_date
    from .errors import UsageError
    from .load.selection import select
    from .load.workspace import load_workspace
    from .reporters import reporter

    day = parse_date(today) if today is not None else date.today()
    if day is None or (today is not None and len(today) != 10):
        raise UsageError(f"--today must be a date written YYYY-MM-DD, not '{today}'")
    if not 1900 <= day.year <= 2199:  # as the schemas' dates: a year later overflows a date
        raise UsageError(f"--today must be a date between 1900 and 2199, not '{today}'")
    if out is not None:
        if output_format != "html":
            raise UsageError("--out is for --format html (the review document); other "
                             "formats are written to standard output")
        from .publish.files import refuse_output_inside

        refuse_output_inside(out, root)
    folder, selected = select(root, partnership, document)
    result = check_workspace(load_workspace([folder]), CheckOptions(day, edition, strict),
                             selected)
    if not result.documents and not result.findings:  # e.g. a mistyped --root in CI
        raise UsageError(f"there are no documents to check in {folder} (use --root DIR)")
    if out is not None:
        from .reporters.check_html import write_check_html

        typer.echo(f"wrote {write_check_html(result, out, strict)}")
    else:
        reporter(output_format)(result, sys.stdout, strict=strict)
    return EXIT_INVALID if result.fails(strict) else EXIT_OK


class BuildFormat(StrEnum):
    html = "html"
    pdf = "pdf"
    all = "all"


@app.command("build-report")
def build_report(
    partnership: Annotated[str | None, typer.Argument(
        help="A partnership's folder name, e.g. worcestershire", show_default=False)] = None,
    documents: Annotated[list[str] | None, typer.Argument(
        help="arrangements, a version such as 2019-06, or a reporting year such as 2023-24 "
             "(default: the latest yearly report)", show_default=False)] = None,
    all_partnerships: Annotated[bool, typer.Option(
        "--all", help="Build every document of every partnership.")] = False,
    output_format: Annotated[BuildFormat, typer.Option("--format", help="What to build.")]
    = BuildFormat.all,
    out: Annotated[Path, typer.Option("--out", help="The output folder.")] = Path("output"),
    strict: Annotated[bool, typer.Option(
        "--strict", help="Refuse to build a document that fails `check --strict`.")] = False,
    draft: Annotated[bool, typer.Option(
        "--draft", help="Build as a review copy marked Draft, even a published document "
                        "that is not finished.")] = False,
    root: RootOpt = PARTNERSHIPS,
    jobs: Annotated[int | None, typer.Option(
        "--jobs", "-j", min=1, help="Documents built at once (default: the number of cores).",
        show_default=False)] = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Build every document, even one unchanged since its last build.")]
    = False,
    traceback: TracebackOpt = False,
) -> None:
    """Render documents to accessible HTML and tagged PDF in OUT/<partnership>/."""
    _run(lambda: run_build_report(root, partnership, tuple(documents or ()), all_partnerships,
                                  output_format.value, out, strict, draft, jobs, force),
         traceback)


def run_build_report(root: Path, partnership: str | None, documents: tuple[str, ...],
                     everything: bool, output_format: str, out: Path, strict: bool,
                     draft: bool = False, jobs: int | None = None, force: bool = False) -> int:
    """Build, report the findings, the files written and (for several) a summary; the exit code.
    A document that could not be built is said last, on stderr, and does not stop the others."""
    import os

    from .errors import UsageError
    from .findings import has_errors
    from .publish.build import HTML, PDF, BuildRequest, build_reports
    from .reporters.progress import progress_for, summary_table
    from .reporters.text import write_findings

    if everything == (partnership is not None):
        raise UsageError("name one partnership (and its documents), or give --all")
    formats = (HTML, PDF) if output_format == "all" else (output_format,)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    request = BuildRequest(root, partnership, documents, formats, out, strict, draft,
                           jobs=jobs or cores or 1, force=force)
    several = everything or len(documents) > 1
    if several:
        with progress_for(sys.stderr) as progress:
            outcome = build_reports(request, progress)
    else:
        outcome = build_reports(request)
    if outcome.findings:
        write_findings(outcome.findings, sys.stdout, files=outcome.read)
    for path in outcome.built:
        typer.echo(f"built {path}")
    for path in outcome.unchanged:
        typer.echo(f"unchanged since its last build: {path}")
    if (outcome.built or outcome.unchanged) and not outcome.failed \
            and has_errors(outcome.findings):
        typer.echo("The errors above were found by `safeguarding check`. They do not stop a "
                   "draft's build, so that it can be reviewed; --strict refuses such documents.")
    if several:
        summary_table(outcome.documents, sys.stdout)
    for failure in outcome.failures:
        typer.echo(f"error: {failure.message}", err=True)
        if failure.hint:
            typer.echo(f"    hint: {failure.hint}", err=True)
    if any(f.usage for f in outcome.failures):
        return EXIT_USAGE
    return EXIT_INVALID if outcome.failed else EXIT_OK


@app.command()
def schema(
    names: Annotated[list[str] | None, typer.Argument(
        help="partnership, arrangements, yearly-report or requirements (default: all)",
        show_default=False, metavar="[NAME]...")] = None,
    out: Annotated[Path | None, typer.Option(
        "--out", help="Write each schema here as NAME.schema.json.", show_default=False)] = None,
    traceback: TracebackOpt = False,
) -> None:
    """Print or write the schemas as self-contained files (no $ref to another file)."""
    from .commands.schema_export import run
    _run(lambda: run(names or [], out), traceback)


@app.command()
def new(slug: Annotated[str, typer.Argument(help="The new partnership's folder name, e.g. "
                                                 "river-side", show_default=False)],
        name: Annotated[str | None, typer.Option(
            "--name", help="Its full name (default: from the folder name)",
            show_default=False)] = None,
        root: RootOpt = PARTNERSHIPS, traceback: TracebackOpt = False) -> None:
    """Start a partnership: its file, first arrangements (a stub per requirement), assets."""
    from .commands.scaffold import run_new
    _run(lambda: run_new(root, slug, name), traceback)


@app.command("new-report")
def new_report(
    partnership: Annotated[str, typer.Argument(help="A partnership's folder name",
                                               show_default=False)],
    year: Annotated[str, typer.Argument(help="The reporting year, e.g. 2024-25",
                                        show_default=False)],
    root: RootOpt = PARTNERSHIPS, traceback: TracebackOpt = False) -> None:
    """Start a yearly report from last year's: last year's plans become this year's to report."""
    from .commands.next_report import run_new_report
    _run(lambda: run_new_report(root, partnership, year), traceback)


@app.command("list")
def list_documents(output_format: FormatOpt = OutputFormat.text,
                   root: RootOpt = PARTNERSHIPS, traceback: TracebackOpt = False) -> None:
    """List the partnerships and their documents: status, period, and whether each passes."""
    from .commands.listing import run_list
    _run(lambda: run_list(root, output_format.value), traceback)


@app.command()
def preview(
    partnership: Annotated[str, typer.Argument(help="A partnership's folder name",
                                               show_default=False)],
    document: Annotated[str | None, typer.Argument(
        help="arrangements, a version or a reporting year (default: the latest yearly report)",
        show_default=False)] = None,
    port: Annotated[int, typer.Option("--port", help="The port on 127.0.0.1; 0 for any free "
                                                     "one.", min=0, max=65535)] = 8000,
    open_browser: Annotated[bool, typer.Option("--open", help="Open it in the browser.")]
    = False,
    root: RootOpt = PARTNERSHIPS, traceback: TracebackOpt = False,
) -> None:
    """Serve a document's HTML on localhost, rebuilt on every save, with its findings."""
    from .commands.preview import run_preview
    _run(lambda: run_preview(root, partnership, document, port, open_browser), traceback)


if TYPE_CHECKING:
    RulesFormat = str
else:
    RulesFormat = _choices("RulesFormat", list(RULES_FORMATS))


@app.command()
def rules(output_format: Annotated[RulesFormat, typer.Option(
              "--format", help="Output format (markdown: docs/rules.md).")] = "text",
          traceback: TracebackOpt = False) -> None:
    """List every rule id a finding may carry: severity, when it applies, what it checks."""
    from .commands.rules_report import run_rules
    _run(lambda: run_rules(str(output_format)), traceback)


@app.command("import")
def import_file(
    file: Annotated[Path, typer.Argument(help="A .docx or text-based .pdf file",
                                         show_default=False)],
    partnership: Annotated[str, typer.Option(
        "--partnership", help="The partnership's folder name, e.g. river-side (made if new)",
        show_default=False)],
    kind: Annotated[DocumentKind, typer.Option("--kind", help="What the document is.")]
    = ARRANGEMENTS,
    doc_id: Annotated[str | None, typer.Option(
        "--id", help="The version (YYYY-MM) or reporting year (YYYY-YY); default: from the "
                     "document's dates", show_default=False)] = None,
    root: RootOpt = PARTNERSHIPS, traceback: TracebackOpt = False,
) -> None:
    """Make a draft document file from a Word or PDF document, with suggested requirements."""
    from .importer.run import ImportRequest, run_import
    _run(lambda: run_import(ImportRequest(file, root, partnership, str(kind), doc_id)),
         traceback)


def _run(step: Callable[[], int], traceback: bool) -> None:
    """Run a command's one function; the only place errors become messages and exit codes."""
    try:
        code = step()
    except SafeguardingError as exc:
        if traceback:
            tb.print_exc()
        from .reporters.clean import one_line  # a file or template name may hold anything

        typer.echo(f"error: {one_line(str(exc))}", err=True)
        if exc.hint:
            typer.echo(f"    hint: {one_line(exc.hint)}", err=True)
        code = EXIT_INVALID if isinstance(exc, BuildError) else EXIT_USAGE
    except KeyboardInterrupt:  # Ctrl-C: say so in one line, as a shell expects, no traceback
        typer.echo(INTERRUPTED, err=True)
        code = EXIT_INTERRUPTED
    except Exception as exc:  # a bug: say so in one line unless asked for the details
        if traceback:
            tb.print_exc()
        from .reporters.clean import one_line

        typer.echo(f"internal error: {type(exc).__name__}: {one_line(str(exc))}; "
                   "run again with --traceback and report it", err=True)
        code = EXIT_INTERNAL
    raise typer.Exit(code)
