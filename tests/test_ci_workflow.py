"""The documented GitHub Actions workflow is a workflow GitHub would run, and each of its
`safeguarding` commands works on a partnership's repository."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from passing_seed import copy_passing_seed

from safeguarding.load.yamlfile import SourceFile, load_yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / "docs" / "examples" / "github-workflow.yml"
SEED = ROOT / "partnerships" / "wirral"  # passes `check` once dated (copy_passing_seed)
KEYS = {"name", "id", "if", "uses", "with", "run", "env", "continue-on-error",
        "timeout-minutes", "shell", "working-directory"}


@pytest.fixture(scope="module")
def workflow() -> dict[str, Any]:
    # Our loader reads YAML 1.2, as GitHub does: `on` stays a key, not `true`.
    source = load_yaml(WORKFLOW)
    assert isinstance(source, SourceFile), source
    assert source.findings == []
    return source.data


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    [job] = workflow["jobs"].values()
    return job["steps"]


def commands(workflow: dict[str, Any]) -> list[str]:
    return [step["run"].strip() for step in steps(workflow)
            if step.get("run", "").startswith("safeguarding ")]


def test_the_workflow_has_the_shape_github_expects(workflow: dict[str, Any]) -> None:
    assert set(workflow) == {"name", "on", "permissions", "jobs"}
    assert set(workflow["on"]) == {"push", "pull_request"}
    assert workflow["permissions"] == {"contents": "read", "security-events": "write"}
    [job] = workflow["jobs"].values()
    assert job["runs-on"].startswith("ubuntu-")
    ids = [s["id"] for s in steps(workflow) if "id" in s]
    for step in steps(workflow):
        assert set(step) <= KEYS, step
        assert ("uses" in step) != ("run" in step), step
        if "uses" in step:
            action, _, version = step["uses"].partition("@")
            assert action.count("/") >= 1 and version.startswith("v"), step["uses"]
        if "if" in step and "steps." in step["if"]:
            assert step["if"].split("steps.")[1].split(".")[0] in ids, step["if"]


def test_the_workflow_validates_checks_uploads_and_builds(workflow: dict[str, Any]) -> None:
    runs = commands(workflow)
    assert runs[0] == "safeguarding validate"
    assert "safeguarding check --format github" in runs
    sarif = next(r for r in runs if "--format sarif" in r)
    built = next(r for r in runs if r.startswith("safeguarding build-report"))
    uploads = {s["uses"].split("@")[0]: s.get("with", {}) for s in steps(workflow) if "uses" in s}
    assert uploads["github/codeql-action/upload-sarif"]["sarif_file"] == sarif.split("> ")[1]
    out = shlex.split(built)[shlex.split(built).index("--out") + 1]
    assert uploads["actions/upload-artifact"]["path"].rstrip("/") == out


def test_each_command_runs_on_a_partnership_repository(workflow: dict[str, Any],
                                                       tmp_path: Path) -> None:
    copy_passing_seed(tmp_path / "partnerships")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    outputs = {}
    for command in commands(workflow):
        done = subprocess.run(["bash", "-c", command], cwd=tmp_path, capture_output=True,
                              text=True, timeout=600, check=False, env=env)
        assert done.returncode == 0, f"{command}: {done.stdout}{done.stderr}"
        outputs[command] = done.stdout
    sarif = json.loads((tmp_path / "safeguarding.sarif").read_text("utf-8"))
    assert sarif["version"] == "2.1.0" and sarif["runs"]
    built = sorted(p.name for p in (tmp_path / "output" / SEED.name).iterdir())
    assert {"arrangements-2019-04.html", "arrangements-2019-04.pdf"} <= set(built)
