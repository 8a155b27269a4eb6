"""`pip install .` gives a working tool: the wheel carries every schema, rule set and template."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_carries_schemas_and_templates(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--no-build-isolation", "--wheel-dir", str(tmp_path), str(ROOT)],
                   check=True, capture_output=True)
    [wheel] = tmp_path.glob("safeguarding-*.whl")
    packed = set(zipfile.ZipFile(wheel).namelist())
    wanted = {f"safeguarding/{p.relative_to(ROOT)}"
              for folder in ("schemas", "templates") for p in (ROOT / folder).rglob("*")
              if p.is_file() and "__pycache__" not in p.parts}
    assert wanted - packed == set()
    assert "safeguarding/cli.py" in packed
