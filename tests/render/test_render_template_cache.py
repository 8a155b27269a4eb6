"""The templates are compiled once and kept on disk: a later build compiles none, and a damaged
or unwritable cache only means compiling again."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2.sandbox import ImmutableSandboxedEnvironment

from safeguarding.render import fontcache
from safeguarding.render.html import make_environment

NAME = "yearly-report.html"


@pytest.fixture
def compiled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The templates compiled, by name, with the cache in a folder of the test's own."""
    monkeypatch.setenv(fontcache.CACHE_ENV, str(tmp_path / "cache"))
    names: list[str] = []
    compile_ = ImmutableSandboxedEnvironment.compile

    def counted(self: ImmutableSandboxedEnvironment, source: str, name: str | None = None,
                *args: object, **kwargs: object) -> object:
        names.append(name or "")
        return compile_(self, source, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ImmutableSandboxedEnvironment, "compile", counted)
    return names


def _code(name: str = NAME) -> bytes:
    return make_environment().get_template(name).root_render_func.__code__.co_code


def test_a_second_environment_compiles_nothing_and_runs_the_same_code(compiled: list[str]
                                                                      ) -> None:
    first = _code()
    assert compiled == [NAME]
    assert _code() == first  # a new environment, as in the next build's process
    assert compiled == [NAME]


def test_a_damaged_entry_is_compiled_again(compiled: list[str], tmp_path: Path) -> None:
    first = _code()
    entries = list((tmp_path / "cache" / "templates").rglob("*.cache"))
    assert entries
    for entry in entries:
        entry.write_bytes(entry.read_bytes()[:20])  # cut short, as by a full disk
    assert _code() == first
    assert compiled == [NAME, NAME]


def test_a_changed_template_is_compiled_again(compiled: list[str], tmp_path: Path) -> None:
    folder = tmp_path / "riverside"
    (folder / "templates").mkdir(parents=True)
    override = folder / "templates" / "greeting.html"
    override.write_text("Hello")
    assert make_environment(folder).get_template("greeting.html").render() == "Hello"
    override.write_text("Goodbye")
    assert make_environment(folder).get_template("greeting.html").render() == "Goodbye"
    assert compiled == ["greeting.html", "greeting.html"]


def test_without_a_writable_cache_templates_are_still_compiled(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    in_the_way = tmp_path / "a file"
    in_the_way.write_text("not a folder")
    monkeypatch.setenv(fontcache.CACHE_ENV, str(in_the_way))
    env = make_environment()
    assert env.bytecode_cache is None
    assert env.get_template(NAME).root_render_func is not None
