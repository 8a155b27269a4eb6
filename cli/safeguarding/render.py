"""Render a document's context to one self-contained HTML page with Jinja.

A partnership may override any template by putting a file of the same name in
partnerships/<slug>/templates/. Because those templates come from outside the code,
they run in Jinja's sandbox, and a template may only be read from inside its folder
(no `..`, no symbolic link out). Autoescape is on for .html; StrictUndefined makes a
misspelt field an error, reported with the template's name and line.
"""

from __future__ import annotations

import os
import traceback
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    select_autoescape,
)
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from .context import DocumentContext
from .errors import BuildError
from .formatting import FILTERS, fact_value
from .resources import templates_dir

OVERRIDES_DIR = "templates"


class ConfinedLoader(FileSystemLoader):
    """A FileSystemLoader that refuses a template whose real path lies outside its folder."""

    def get_source(self, environment: Environment, template: str) -> tuple[str, str, Any]:
        source, filename, uptodate = super().get_source(environment, template)
        roots = [os.path.realpath(p) for p in self.searchpath]
        real = os.path.realpath(filename)
        if not any(real.startswith(root + os.sep) for root in roots):
            raise TemplateNotFound(template)
        return source, filename, uptodate


def make_environment(partnership_folder: Path | None = None) -> Environment:
    loaders = []
    if partnership_folder is not None and (partnership_folder / OVERRIDES_DIR).is_dir():
        loaders.append(ConfinedLoader(partnership_folder / OVERRIDES_DIR))
    loaders.append(ConfinedLoader(templates_dir()))
    env = ImmutableSandboxedEnvironment(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(["html", "xml"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    env.globals["fact_value"] = fact_value
    return env


def render_html(context: DocumentContext, partnership_folder: Path | None = None) -> str:
    """The document as HTML, or a BuildError naming the template and line that failed."""
    env = make_environment(partnership_folder)
    name = f"{context.kind}.html"
    try:
        return env.get_template(name).render(context.as_template_vars())
    except TemplateSyntaxError as exc:
        raise BuildError(f"{exc.filename or exc.name or name}:{exc.lineno}: {exc.message}") from exc
    except (TemplateError, SecurityError) as exc:
        raise BuildError(f"{_where(exc, name)}: {exc}") from exc


def _where(exc: BaseException, fallback: str) -> str:
    """The innermost template frame of the error, as file:line."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__)
              if f.filename.endswith((".html", ".css"))]
    if not frames:
        return fallback
    frame = frames[-1]
    return f"{_shown(frame.filename)}:{frame.lineno}"


def _shown(filename: str) -> str:
    try:
        return str(Path(filename).resolve().relative_to(Path.cwd()))
    except ValueError:
        return filename
