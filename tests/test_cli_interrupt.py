"""Ctrl-C: one line on stderr and exit 130, never a traceback, whatever the command."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from safeguarding import __main__ as entry
from safeguarding.cli import app
from safeguarding.errors import INTERRUPTED

FIXTURES = Path(__file__).parent / "fixtures"


def _interrupt(*args: object, **kwargs: object) -> None:
    raise KeyboardInterrupt


@pytest.mark.parametrize(("command", "target"), [
    (["validate"], "safeguarding.load.workspace.load_workspace"),
    (["check", "--root", str(FIXTURES / "partnerships")],
     "safeguarding.load.workspace.load_workspace"),
    (["build-report", "--all", "--root", str(FIXTURES / "partnerships"), "--out", "output"],
     "safeguarding.publish.build.build_reports"),
])
def test_an_interrupted_command_says_so_in_one_line(command: list[str], target: str,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(target, _interrupt)
    result = CliRunner().invoke(app, command)
    assert result.exit_code == 130
    assert result.stderr == INTERRUPTED + "\n"
    assert "Traceback" not in result.output


def test_the_console_script_says_so_too(monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("safeguarding.publish.build.build_reports", _interrupt)
    monkeypatch.setattr(sys, "argv", ["safeguarding", "build-report", "--all", "--root",
                                      str(FIXTURES / "partnerships"), "--out", "output"])
    with pytest.raises(SystemExit) as exited:
        entry.main()
    assert exited.value.code == 130
    assert capsys.readouterr().err == INTERRUPTED + "\n"


def test_an_interrupt_outside_a_command_is_caught_by_the_entry_point(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("safeguarding.cli.app", _interrupt)
    try:
        entry.main()
    except KeyboardInterrupt:  # not left to escape: pytest would stop the whole run
        pytest.fail("the interrupt escaped the entry point")
    except SystemExit as exited:
        assert exited.code == 130
    else:
        pytest.fail("no exit code")
    assert capsys.readouterr().err == INTERRUPTED + "\n"
