"""A partnership's own repository uses our hooks with the real pre-commit: a good commit goes
through, a bad one is stopped with the file and line named.

The hooks come from a copy of this working tree made into a git repository (pre-commit
clones a hook repository at a revision), configured by the documented example
docs/examples/pre-commit-config.yaml with only `repo` and `rev` changed. pre-commit builds
the hook environment itself (`pip install .` of that copy) from the package index.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
PRE_COMMIT = Path(sys.executable).parent / "pre-commit"
EXAMPLE = ROOT / "docs" / "examples" / "pre-commit-config.yaml"
SEED = ROOT / "partnerships" / "wirral"  # passes `check`
PARTNERSHIP = "partnerships/wirral/partnership.yaml"
MANIFEST = ROOT / ".pre-commit-hooks.yaml"
sys.path.insert(0, str(ROOT / "scripts"))

from sync_hook_pins import locked, pinned_manifest, runtime_libraries  # noqa: E402


def hook_pins() -> list[dict[str, str]]:
    """Each hook's pinned libraries, name → version."""
    pins = []
    for hook in yaml.safe_load(MANIFEST.read_text(encoding="utf-8")):
        pairs = (Requirement(d) for d in hook.get("additional_dependencies", []))
        pins.append({canonicalize_name(r.name): str(r.specifier).removeprefix("==")
                     for r in pairs})
    return pins


def git(cwd: Path, *args: str, env: dict[str, str] | None = None
        ) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=300,
                          check=False, env=env)


def identity(home: Path) -> dict[str, str]:
    who = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org"}
    return {**os.environ, **who, "PRE_COMMIT_HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": os.devnull, "SKIP": ""}


@pytest.fixture(scope="module")
def tool_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """This working tree (committed or not) as a git repository; with its head commit."""
    repo = tmp_path_factory.mktemp("tool")
    listed = git(ROOT, "ls-files", "-co", "--exclude-standard", "-z")
    assert listed.returncode == 0, listed.stderr
    for name in filter(None, listed.stdout.split("\0")):
        source = ROOT / name
        if source.is_file():  # a tracked file deleted in the working tree is left out
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, repo / name)
    env = identity(repo)
    for step in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "tool"]):
        done = git(repo, *step, env=env)
        assert done.returncode == 0, done.stderr
    return repo, git(repo, "rev-parse", "HEAD").stdout.strip()


@pytest.fixture(scope="module")
def hook_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """pre-commit's cache: the hook environment is built once for the module."""
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def partnership_repo(tmp_path: Path, tool_repo: tuple[Path, str], hook_home: Path
                     ) -> tuple[Path, dict[str, str]]:
    """A partnership's repository: one seed partnership committed, hooks installed."""
    repo, env = tmp_path / "ours", identity(hook_home)
    shutil.copytree(SEED, repo / "partnerships" / SEED.name)
    config: dict[str, Any] = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    [entry] = config["repos"]
    entry["repo"], entry["rev"] = str(tool_repo[0]), tool_repo[1]
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    assert git(repo, "init", "-q", env=env).returncode == 0
    installed = subprocess.run([str(PRE_COMMIT), "install"], cwd=repo, capture_output=True,
                               text=True, timeout=120, check=False, env=env)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return repo, env


def hook_environment(env: dict[str, str]) -> dict[str, str]:
    """The libraries pre-commit installed for the hooks (all but the packaging tools)."""
    [python] = Path(env["PRE_COMMIT_HOME"]).glob("repo*/py_env-*/bin/python")
    done = subprocess.run([str(python), "-m", "pip", "list", "--format", "json"],
                          capture_output=True, text=True, timeout=120, check=True)
    skip = {"safeguarding", "pip", "setuptools", "wheel"}
    return {canonicalize_name(p["name"]): p["version"] for p in json.loads(done.stdout)
            if canonicalize_name(p["name"]) not in skip}


def commit(repo: Path, env: dict[str, str], message: str) -> subprocess.CompletedProcess[str]:
    assert git(repo, "add", "-A", env=env).returncode == 0
    return git(repo, "commit", "-m", message, env=env)


@pytest.mark.parametrize(("command", "path"), [
    ("validate-manifest", ROOT / ".pre-commit-hooks.yaml"), ("validate-config", EXAMPLE)])
def test_pre_commit_accepts_the_hooks_and_the_example(command: str, path: Path) -> None:
    done = subprocess.run([str(PRE_COMMIT), command, str(path)], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_hooks_pin_the_locked_runtime_libraries() -> None:
    """The hook environment gets the versions the tests ran with, not whatever is newest."""
    lock = locked()
    for pins in hook_pins():
        assert set(pins) == runtime_libraries(), "list every runtime library in the manifest"
        assert {name: lock[name] for name in pins} == pins, \
            "run `.venv/bin/python scripts/sync_hook_pins.py` (make lock does)"


def test_the_pins_are_rewritten_from_the_lock() -> None:
    current = MANIFEST.read_text(encoding="utf-8")
    stale = current.replace(f"pyyaml=={locked()['pyyaml']}", "pyyaml==5.0").replace(
        f"    - jinja2=={locked()['jinja2']}\n", "")
    assert stale != current
    assert pinned_manifest(stale) == current


def test_the_example_names_each_hook_this_repository_offers() -> None:
    offered = {hook["id"] for hook in
               yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    [entry] = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))["repos"]
    assert {hook["id"] for hook in entry["hooks"]} == offered == {
        "safeguarding-validate", "safeguarding-check"}


def test_a_good_commit_passes_and_a_bad_one_is_stopped(
        partnership_repo: tuple[Path, dict[str, str]]) -> None:
    repo, env = partnership_repo
    good = commit(repo, env, "first")
    output = good.stdout + good.stderr
    assert good.returncode == 0, output
    assert "safeguarding validate" in output and "safeguarding check" in output
    assert git(repo, "rev-list", "--count", "HEAD").stdout.strip() == "1"
    assert hook_environment(env) == hook_pins()[0]

    path = repo / PARTNERSHIP
    text = path.read_text(encoding="utf-8")
    assert "\narea:" in text
    path.write_text(text.replace("\narea:", "\naera:", 1), encoding="utf-8")
    line = text[:text.index("\narea:")].count("\n") + 2
    bad = commit(repo, env, "second")
    output = bad.stdout + bad.stderr
    assert bad.returncode != 0, output
    assert f"{PARTNERSHIP}:{line}:1: error" in output
    assert "aera" in output
    assert git(repo, "rev-list", "--count", "HEAD").stdout.strip() == "1"  # nothing committed


def test_validate_reads_only_the_files_being_committed(
        partnership_repo: tuple[Path, dict[str, str]]) -> None:
    """A broken file already in the repository does not hold up a commit of another file."""
    repo, env = partnership_repo
    broken = repo / PARTNERSHIP
    broken.write_text(broken.read_text(encoding="utf-8") + "nmae: x\n", encoding="utf-8")
    assert git(repo, "add", "-A", env=env).returncode == 0
    assert git(repo, "commit", "-q", "--no-verify", "-m", "broken", env=env).returncode == 0
    [document] = (repo / "partnerships" / "wirral" / "arrangements").glob("*.yaml")
    document.write_text(document.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    # The check hook reads every document, so it would see the broken file.
    done = commit(repo, {**env, "SKIP": "safeguarding-check"}, "a change to one document")
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "safeguarding validate" in output and "Passed" in output
