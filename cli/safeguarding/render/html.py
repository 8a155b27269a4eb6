"""Render a document's context to one self-contained HTML page with Jinja.

A partnership may override any template by putting a file of the same name in
partnerships/<slug>/templates/. Because those templates come from outside the code,
they run in Jinja's sandbox, and a template may only be read from inside its folder
(no `..`, no symbolic link out). Autoescape is on for .html; StrictUndefined makes a
misspelt field an error, reported with the template's name and line. Anything else raised
inside a partnership's own template is its authors' to correct (a BuildError with its file and
line); raised in our code or in a shipped template, it is our bug (an internal error).
"""

from __future__ import annotations

import hashlib
import os
import traceback
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplatesNotFound,
    TemplateSyntaxError,
    select_autoescape,
)
from jinja2.loaders import split_template_path
from jinja2.sandbox import SecurityError

from ..errors import BuildError, SafeguardingError
from ..load import layout
from ..load.reading import what_it_is
from ..resources import PACKAGE_DIR, templates_dir
from . import sandbox
from .context import DocumentContext
from .formatting import FILTERS, fact_value
from .sandbox import BoundedEnvironment, render_bounded
from .templatecache import compiled_templates

OVERRIDES_DIR = layout.TEMPLATES_DIR


MAX_TEMPLATE_BYTES = 1024 * 1024


class ConfinedLoader(FileSystemLoader):
    """A FileSystemLoader that refuses a template whose real path lies outside its folder."""

    def get_source(self, environment: Environment, template: str) -> tuple[str, str, Any]:
        for root in self.searchpath:  # a pipe named like a template would block the read
            candidate = Path(root, *split_template_path(template))
            if candidate.exists() and not candidate.is_file():
                raise BuildError(f"{candidate}: {what_it_is(candidate)}, not a template file")
            if candidate.is_file() and candidate.stat().st_size > MAX_TEMPLATE_BYTES:
                raise BuildError(f"{candidate}: larger than {MAX_TEMPLATE_BYTES // 1024} KB, "
                                 "too large for a template")
            if candidate.exists():
                break
        source, filename, uptodate = super().get_source(environment, template)
        roots = [os.path.realpath(p) for p in self.searchpath]
        real = os.path.realpath(filename)
        if not any(real.startswith(root + os.sep) for root in roots):
            raise TemplateNotFound(template)
        return source, filename, uptodate


def make_environment(partnership_folder: Path | None = None) -> Environment:
    loaders = []
    if partnership_folder is not None and (partnership_folder / OVERRIDES_DIR).is_dir():
        overrides = partnership_folder / OVERRIDES_DIR
        if not layout.inside(overrides, partnership_folder):  # validate names the link
            raise BuildError(f"{overrides}: a link to a folder outside the partnership's folder")
        loaders.append(ConfinedLoader(overrides))
    loaders.append(ConfinedLoader(templates_dir()))
    settings: dict[str, Any] = {"undefined": StrictUndefined, "trim_blocks": True,
                                "lstrip_blocks": True, "keep_trailing_newline": True}
    env = BoundedEnvironment(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(["html", "xml"]),
        # The sandbox rewrites every loop when compiling: its source is part of the key.
        bytecode_cache=compiled_templates(BoundedEnvironment.__name__, _sandbox_digest(),
                                          sorted(settings.items(), key=str), sorted(FILTERS)),
        **settings,
    )
    env.filters.update(FILTERS)
    env.globals["fact_value"] = fact_value
    return env


def render_html(context: DocumentContext, partnership_folder: Path | None = None) -> str:
    """The document as HTML, or a BuildError naming the template and line that failed."""
    env = make_environment(partnership_folder)
    name = f"{context.kind}.html"
    try:
        return render_bounded(env.get_template(name), context.as_template_vars())
    except SafeguardingError:
        raise
    except TemplateSyntaxError as exc:
        where = _shown(exc.filename) if exc.filename else exc.name or name
        raise BuildError(f"{where}:{exc.lineno}: the template cannot be read: {exc.message}",
                         hint=SYNTAX_HINT) from exc
    except TemplateNotFound as exc:
        missing = exc.templates if isinstance(exc, TemplatesNotFound) else [exc.name]
        raise BuildError(f"{_where(exc, name)}: the template "
                         f"{' or '.join(repr(str(m)) for m in missing)} does not exist",
                         hint=_looked_in(env)) from exc
    except (TemplateError, SecurityError) as exc:
        raise BuildError(f"{_where(exc, name)}: {exc}") from exc
    except Exception as exc:
        # The partnership's own template is not our code: its mistake is theirs to correct.
        # Anything raised in our code or in a shipped template is our bug (an internal error).
        if partnership_folder is None or not _raised_in_override(exc, partnership_folder):
            raise
        raise BuildError(f"{_where(exc, name)}: the template stopped with an error: "
                         f"{str(exc) or type(exc).__name__}",
                         hint="correct the template, or delete it to use the standard one"
                         ) from exc


SYNTAX_HINT = ("check that every {% ... %} and {{ ... }} on this line or the one before is "
               "closed, and every {% if %}, {% for %} and {% block %} has its {% end... %}")


def _raised_in_override(exc: BaseException, partnership_folder: Path) -> bool:
    """Whether the innermost frame that is a template or our code is the partnership's template.

    Jinja's own frames (the sandbox, filters it ships) run on the template's behalf.
    """
    override = os.path.realpath(partnership_folder / OVERRIDES_DIR) + os.sep
    ours = (os.path.realpath(templates_dir()) + os.sep, str(PACKAGE_DIR) + os.sep)
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        real = os.path.realpath(frame.filename)
        if real.startswith(override):
            return True
        if real.startswith(ours):
            return False
    return False


def _looked_in(env: Environment) -> str:
    loader = env.loader
    loaders = loader.loaders if isinstance(loader, ChoiceLoader) else [loader]
    standard = os.path.realpath(templates_dir())
    folders = [f"the standard templates ({_shown(p)})" if os.path.realpath(p) == standard
               else _shown(p)
               for one in loaders if isinstance(one, FileSystemLoader) for p in one.searchpath]
    return "templates are looked for in " + ", then in ".join(folders)


def _where(exc: BaseException, fallback: str) -> str:
    """The innermost template frame of the error, as file:line."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__)
              if f.filename.endswith((".html", ".css"))]
    if not frames:
        return fallback
    frame = frames[-1]
    return f"{_shown(frame.filename)}:{frame.lineno}"


def _shown(filename: str) -> str:
    """A file as the other messages show it: relative to the current folder when below it."""
    try:
        return str(Path(filename).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return filename


@cache
def _sandbox_digest() -> str:
    return hashlib.sha256(Path(sandbox.__file__).read_bytes()).hexdigest()
