"""`pip install .` gives a working tool: the wheel carries every module of the package and
every schema, rule set and template."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "cli" / "safeguarding"


def test_wheel_carries_every_module_schema_and_template(tmp_path: Path) -> None:
    # Built from a copy: an in-place build leaves build/ and an egg-info in the clone, whose
    # stale files would then be packed (or shadow the installed metadata) next time.
    source = tmp_path / "source"
    ignore = shutil.ignore_patterns("__pycache__", "node_modules")
    for folder in ("cli", "schemas", "templates"):
        shutil.copytree(ROOT / folder, source / folder, ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--no-build-isolation", "--wheel-dir", str(tmp_path), str(source)],
                   check=True, capture_output=True)
    [wheel] = tmp_path.glob("safeguarding-*.whl")
    packed = set(zipfile.ZipFile(wheel).namelist())
    wanted = {f"safeguarding/{p.relative_to(ROOT)}"
              for folder in ("schemas", "templates") for p in (ROOT / folder).rglob("*")
              if p.is_file() and "__pycache__" not in p.parts}
    assert wanted - packed == set()
    # A subpackage left out of pyproject.toml's `packages` would install a tool that cannot
    # start: every module of the package is in the wheel.
    modules = {f"safeguarding/{p.relative_to(PACKAGE)}" for p in PACKAGE.rglob("*.py")}
    assert "safeguarding/cli.py" in modules
    assert sorted(modules - packed) == []
