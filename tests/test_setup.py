"""The set-up is reproducible: the lock pins what pyproject.toml allows, with hashes, and the
project's own YAML guarantees hold whatever PyYAML release in the allowed range is installed."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from safeguarding.load.yamlfile import MAX_DEPTH, load_yaml_text

ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / "requirements.lock"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)")


def locked() -> dict[str, tuple[str, list[str]]]:
    """name → (version, hashes) for each pin in the lock."""
    pins: dict[str, tuple[str, list[str]]] = {}
    name = ""
    for line in LOCK.read_text().splitlines():
        if match := PIN.match(line):
            name = canonicalize_name(match[1])
            pins[name] = (match[2], [])
        elif "--hash=sha256:" in line and name:
            pins[name][1].append(line.split("--hash=sha256:")[1].split()[0])
    return pins


def direct_requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    return [Requirement(r) for r in [*project["dependencies"], *extras["test"], *extras["dev"]]]


def test_the_lock_pins_every_requirement_within_its_range_in_pyproject() -> None:
    pins = locked()
    wrong = [f"{r}: locked {pins.get(canonicalize_name(r.name), ('nothing',))[0]}"
             for r in direct_requirements()
             if canonicalize_name(r.name) not in pins
             or not r.specifier.contains(pins[canonicalize_name(r.name)][0], prereleases=True)]
    assert not wrong, "pyproject.toml and requirements.lock disagree; run `make upgrade`: " \
        + "; ".join(wrong)


def test_every_locked_package_has_a_hash_and_no_host_is_named() -> None:
    pins = locked()
    assert pins and all(hashes for _, hashes in pins.values()), \
        [name for name, (_, hashes) in pins.items() if not hashes]
    text = LOCK.read_text()
    assert "--index-url" not in text and "--find-links" not in text and "://" not in text


def test_the_installed_versions_are_the_locked_ones() -> None:
    """What `make` installed is what the lock says: no library floats in this environment."""
    from importlib.metadata import version

    pins = locked()
    for name in ("pyyaml", "jsonschema", "weasyprint", "typer", "markdown-it-py", "jinja2"):
        assert version(name) == pins[name][0], name


def test_the_browser_harness_installs_exact_versions_from_its_lock() -> None:
    harness = ROOT / "tests" / "a11y"
    wanted = json.loads((harness / "package.json").read_text())["dependencies"]
    lock = json.loads((harness / "package-lock.json").read_text())
    assert all(re.fullmatch(r"\d+\.\d+\.\d+", v) for v in wanted.values()), wanted
    assert lock["packages"][""]["dependencies"] == wanted
    for name, version in wanted.items():
        assert lock["packages"][f"node_modules/{name}"]["version"] == version
    assert "npm ci" in (ROOT / "Makefile").read_text()


def _oldest_allowed(name: str) -> str:
    (req,) = [r for r in direct_requirements() if canonicalize_name(r.name) == name]
    (lowest,) = [s.version for s in req.specifier if s.operator == ">="]
    return lowest


DEEP = ("[" * 100_000, "{a: " * 1_000 + "1" + "}" * 1_000)


@pytest.mark.parametrize("text", DEEP)
def test_deep_nesting_is_ours_even_when_libyaml_stops_first(text: str,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """libyaml from 0.2.6 (PyYAML 6.0.4's wheels) stops at a nesting limit of its own, in its own
    words; the project's message and place come first whatever that limit is."""
    libyaml = yaml._yaml  # type: ignore[attr-defined]
    assert libyaml._get_max_nest_level() > MAX_DEPTH, "the locked PyYAML has no nesting limit"
    before = libyaml._get_max_nest_level()
    try:
        libyaml._set_max_nest_level(MAX_DEPTH + 10)
        found = load_yaml_text(text, "f.yaml")
    finally:
        libyaml._set_max_nest_level(before)
    assert found.message == f"nesting deeper than {MAX_DEPTH} levels"  # type: ignore[union-attr]
    assert found.location.line == 1  # type: ignore[union-attr]
    assert found.location.column == (65 if text[0] == "[" else 257)  # type: ignore[union-attr]


def test_the_oldest_allowed_pyyaml_gives_the_projects_own_messages(tmp_path: Path) -> None:
    """The YAML traps' tests, run again with the oldest PyYAML that pyproject.toml allows."""
    oldest = _oldest_allowed("pyyaml")
    target = tmp_path / "pyyaml"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                    "--only-binary", ":all:", "--target", str(target), f"pyyaml=={oldest}"],
                   check=True)
    env = {**_env(), "PYTHONPATH": str(target)}
    shown = subprocess.run([sys.executable, "-c", "import yaml; print(yaml.__version__)"],
                           env=env, capture_output=True, text=True, check=True).stdout.strip()
    assert shown == oldest
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "tests/test_yamlfile.py", "tests/test_yaml_warnings.py", "tests/test_validate_cases.py",
         "-k", "not oldest"],
        cwd=ROOT, capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert re.search(r"\d+ passed", run.stdout), run.stdout[-500:]


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
