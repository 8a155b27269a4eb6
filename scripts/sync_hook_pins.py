"""Pin the pre-commit hooks' libraries to requirements.lock (run by `make lock` and
`make upgrade`).

pre-commit installs the hooks into an environment of its own; `additional_dependencies`
in .pre-commit-hooks.yaml gives it the versions the tests ran with. The list is every
library installing this package brings in, at its locked version: worked out from the
installed package's metadata, so run it in the project's environment after installing
the lock (`.venv/bin/python scripts/sync_hook_pins.py`).
"""

from __future__ import annotations

import re
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = ROOT / ".pre-commit-hooks.yaml"
LOCK = ROOT / "requirements.lock"
# The list the first hook defines and the others reuse (`*locked`), up to a blank line.
_PINNED = re.compile(r"(additional_dependencies: &locked\n)((?:[ \t]+- .*\n)*)")


def locked() -> dict[str, str]:
    """requirements.lock as name → version."""
    text = LOCK.read_text(encoding="utf-8")
    return {canonicalize_name(name): version
            for name, version in re.findall(r"^([A-Za-z0-9._-]+)==(\S+)", text, re.MULTILINE)}


def runtime_libraries(name: str = "safeguarding", extras: tuple[str, ...] = (),
                      seen: set[str] | None = None) -> set[str]:
    """What installing the package brings in (its dependencies, all the way down)."""
    seen = set() if seen is None else seen
    for req in map(Requirement, distribution(name).requires or []):
        wanted = ("", *extras)  # the extras asked of this package, e.g. fonttools[woff]
        if req.marker and not any(req.marker.evaluate({"extra": e}) for e in wanted):
            continue
        key = canonicalize_name(req.name)
        try:
            distribution(req.name)
        except PackageNotFoundError:  # another platform's dependency
            continue
        if key not in seen:
            seen.add(key)
            runtime_libraries(req.name, tuple(req.extras), seen)
    return seen


def pinned_manifest(text: str) -> str:
    """The manifest with its pinned list made from the lock."""
    match = _PINNED.search(text)
    if match is None:
        raise SystemExit(f"{MANIFEST.name}: no `additional_dependencies: &locked` list found")
    indent = re.match(r"[ \t]+", match.group(2) or "    - ")
    prefix = indent.group(0) if indent else "    "
    lock = locked()
    lines = "".join(f"{prefix}- {name}=={lock[name]}\n" for name in sorted(runtime_libraries()))
    return text[:match.start(2)] + lines + text[match.end(2):]


if __name__ == "__main__":
    before = MANIFEST.read_text(encoding="utf-8")
    after = pinned_manifest(before)
    if after != before:
        MANIFEST.write_text(after, encoding="utf-8")
    print(f"{MANIFEST.name}: {'pins updated' if after != before else 'pins already match'}")
