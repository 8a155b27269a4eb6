"""SECURITY.md names the code that keeps each guarantee and the tests that prove it: every
one it names exists."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).parent.parent
TEXT = (ROOT / "SECURITY.md").read_text(encoding="utf-8")


def test_every_test_file_and_corpus_group_named_exists() -> None:
    files = set(re.findall(r"tests/[\w/]+\.py", TEXT))
    assert len(files) >= 10
    assert all((ROOT / f).is_file() for f in files), [f for f in files if not (ROOT / f).is_file()]
    corpus = {p.stem for p in (ROOT / "tests" / "corpus").glob("*.yaml")}
    for group in re.findall(r"`((?:yaml|markdown|template|branding|assets|resources|dates|"
                            r"invisible|escaping|usage|linear|documents)-[\w*-]*)`", TEXT):
        pattern = re.compile(group.replace("*", ".*") + ("" if "*" in group else "$"))
        assert any(pattern.match(name) for name in corpus), f"no corpus case {group}"


def test_every_test_function_named_exists() -> None:
    sources = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").rglob("test_*.py"))
    for name in set(re.findall(r"\b(test_\w+)`", TEXT)) | set(re.findall(r"::(test_\w+)", TEXT)):
        assert f"def {name}(" in sources, f"SECURITY.md names {name}, which does not exist"


def test_every_module_named_exists() -> None:
    # Each guarantee names the code that keeps it, as a path under cli/safeguarding/.
    modules = set(re.findall(r"`([\w/]+\.py)`", TEXT)) - set(re.findall(r"tests/[\w/]+\.py", TEXT))
    assert len(modules) >= 8
    package = ROOT / "cli" / "safeguarding"
    missing = sorted(m for m in modules if not (package / m).is_file())
    assert not missing, f"SECURITY.md names modules that do not exist: {missing}"
