"""Other validators use our schemas offline: check-jsonschema (a CI author's usual tool)
reads schemas/ as it is, and each file `safeguarding schema --out` writes on its own."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from safeguarding.commands.schema_export import _refs

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SEEDS = ROOT / "partnerships"
DOCUMENTS = {"partnership": sorted(SEEDS.glob("*/partnership.yaml")),
             "arrangements": sorted(SEEDS.glob("*/arrangements/*.yaml")),
             "yearly-report": sorted(SEEDS.glob("*/reports/*.yaml"))}
RULE_SETS = sorted((ROOT / "schemas" / "requirements").glob("*.yaml"))


def offline(tmp_path: Path) -> dict[str, str]:
    """An environment in which any web request fails at once, and nothing is cached."""
    dead = "http://127.0.0.1:9"
    return {**os.environ, "HTTP_PROXY": dead, "HTTPS_PROXY": dead, "http_proxy": dead,
            "https_proxy": dead, "NO_PROXY": "", "no_proxy": "",
            "XDG_CACHE_HOME": str(tmp_path / "cache")}


def check_jsonschema(schema: Path, files: list[Path], tmp_path: Path
                     ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "check-jsonschema"), "--no-cache", "--schemafile",
                           str(schema), *map(str, files)], capture_output=True, text=True,
                          timeout=120, check=False, env=offline(tmp_path), cwd=tmp_path)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("exported")
    done = subprocess.run([str(BIN / "safeguarding"), "schema", "--out", str(out)],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return out


def load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def test_every_document_schema_is_exported_without_external_refs(exported: Path) -> None:
    names = sorted(p.name for p in exported.iterdir())
    assert names == ["arrangements.schema.json", "partnership.schema.json",
                     "requirements.schema.json", "yearly-report.schema.json"]
    for path in exported.iterdir():
        schema = load(path)
        Draft202012Validator.check_schema(schema)
        assert all(ref.startswith("#/") for ref in _refs(schema)), path.name
        assert "$id" not in schema  # an id naming a host sends validators to the network


def test_exported_schemas_keep_the_editor_help(exported: Path) -> None:
    """Titles and descriptions of shared parts travel with them."""
    common = load(ROOT / "schemas" / "common.schema.json")["$defs"]
    bundled = load(exported / "partnership.schema.json")["$defs"]
    assert bundled["partner"]["title"] == common["partner"]["title"]
    assert bundled["partner"]["description"] == common["partner"]["description"]


@pytest.mark.parametrize("kind", DOCUMENTS)
def test_check_jsonschema_validates_the_seeds_offline(exported: Path, tmp_path: Path,
                                                      kind: str) -> None:
    # Alone in its folder: a reference to any other file could not be found.
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copy(exported / f"{kind}.schema.json", alone)
    for schema in (alone / f"{kind}.schema.json", ROOT / "schemas" / f"{kind}.schema.json"):
        done = check_jsonschema(schema, DOCUMENTS[kind], tmp_path)
        assert done.returncode == 0, done.stdout + done.stderr


def test_check_jsonschema_validates_the_rule_sets_offline(exported: Path, tmp_path: Path) -> None:
    done = check_jsonschema(exported / "requirements.schema.json", RULE_SETS, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("schemas", ["exported", "source"])
def test_check_jsonschema_finds_a_mistake_in_a_shared_part(exported: Path, tmp_path: Path,
                                                           schemas: str) -> None:
    """A mistyped key inside a partner (defined in common.schema.json) is still refused."""
    text = (SEEDS / "worcestershire" / "partnership.yaml").read_text(encoding="utf-8")
    assert "organisation:" in text
    bad = tmp_path / "partnership.yaml"
    bad.write_text(text.replace("organisation:", "organisaiton:", 1), encoding="utf-8")
    folder = exported if schemas == "exported" else ROOT / "schemas"
    done = check_jsonschema(folder / "partnership.schema.json", [bad], tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "organisaiton" in done.stdout + done.stderr


def test_schema_prints_one_schema(tmp_path: Path, exported: Path) -> None:
    done = subprocess.run([str(BIN / "safeguarding"), "schema", "yearly-report"],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == load(exported / "yearly-report.schema.json")


@pytest.mark.parametrize("args", [["schema"], ["schema", "nonsense"]])
def test_schema_usage_errors_are_one_clear_line(args: list[str]) -> None:
    done = subprocess.run([str(BIN / "safeguarding"), *args], capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 2
    assert done.stderr.startswith("error: ")
    assert "Traceback" not in done.stderr
