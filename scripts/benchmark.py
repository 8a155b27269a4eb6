"""Speed and memory, measured side by side in one run and printed as ratios.

Run with `make benchmark`. Targets (checked by eye, not by tests, because a
shared 2-core machine varies by ±40 %):
- `validate` of every partnership is quick enough for a pre-commit hook: well under
  `import weasyprint` alone (it imports no rendering library, nor pydantic: typer is
  pinned below 0.29);
- the strict YAML loader costs at most 3x a plain CSafeLoader load;
- the build's goals (PDF build against WeasyPrint alone, memory, HTML-only build against
  the code before, unchanged rebuilds, parallel builds of 20 partnerships, validate against
  check-jsonschema): scripts/goals.py, each ratio printed against its goal;
- check stays linear in the size of a document: a body pasted with 30,000 acronyms,
  percentages and unclosed links (which once took minutes) costs a few times the check
  of the whole sample partnership, not hundreds, and four times the text costs about
  four times as long (once, every acronym copied the rest of its text, and every
  paragraph's position was counted from the start: quadratic).
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
BIN = Path(PY).parent


def best_of(n: int, command: list[str]) -> float:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return min(times)


def peak_rss_mb(command: list[str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run(command, cwd=ROOT, capture_output=True, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(after, before) / 1024


def row(label: str, seconds: float, base: float) -> None:
    print(f"  {label:<44} {seconds * 1000:8.0f} ms  {seconds / base:6.1f}x")


def startup() -> None:
    print("Start-up (best of 5), relative to a bare interpreter:")
    bare = best_of(5, [PY, "-c", "pass"])
    row("python -c pass", bare, bare)
    row("safeguarding validate (all partnerships)",
        best_of(5, [str(BIN / "safeguarding"), "validate"]), bare)
    row("python -c 'import weasyprint'", best_of(3, [PY, "-c", "import weasyprint"]), bare)


def loading() -> None:
    from safeguarding.load.yamlfile import load_yaml

    path = ROOT / "partnerships/worcestershire/reports/2023-24.yaml"
    text = path.read_text(encoding="utf-8")
    plain = _time(lambda: yaml.load(text, Loader=yaml.CSafeLoader))
    strict = _time(lambda: load_yaml(path))
    print(f"Loading {path.name} ({len(text) // 1024} KB), best of 20:")
    row("PyYAML CSafeLoader", plain, plain)
    row("strict loader (marks, duplicates, no aliases)", strict, plain)


def _time(fn, n: int = 20) -> float:
    best = float("inf")
    for _ in range(n):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def checking() -> None:
    import shutil

    print("Checking, with pathological pasted bodies (one run each):")
    sample = ROOT / "tests" / "fixtures" / "render"
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copytree(sample / "riverside", root / "riverside")
        command = [str(BIN / "safeguarding"), "check", "riverside", "2023-24", "--root", tmp,
                   "--format", "json"]
        plain = best_of(1, command)
        report = root / "riverside" / "reports" / "2023-24.yaml"
        original = report.read_text(encoding="utf-8")

        def pasted(body: str) -> float:
            report.write_text(original.replace(
                "sections:\n", "sections:\n  - id: pasted\n    title: Pasted\n    body: |\n"
                + "".join(f"      {line}\n" if line else "\n" for line in body.split("\n")),
                1), encoding="utf-8")
            return best_of(1, command)

        matches = {n: pasted(" ".join(["Over 120% of the WXYZ team [a](<"] * n))
                   for n in (30000, 120000)}
        paragraphs = {n: pasted("\n\n".join(["See [a page](https://example.org) and <b>x</b>."]
                                            * n)) for n in (5000, 20000)}
    row("the sample yearly report", plain, plain)
    row("the same with 30,000 matches pasted in", matches[30000], plain)
    row("... with 120,000 (4x the text: linear is ~4x)", matches[120000], matches[30000])
    row("5,000 paragraphs, each a link and a tag", paragraphs[5000], plain)
    row("... 20,000 (4x: linear is ~4x)", paragraphs[20000], paragraphs[5000])


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each single-document "
                        "measure (medians of interleaved runs)")
    parser.add_argument("--corpus-runs", type=int, default=1, help="runs of each corpus measure")
    parser.add_argument("--only-goals", action="store_true", help="just the issue's goals")
    parser.add_argument("--only-scale", action="store_true",
                        help="just the goals at scale, on made inputs (scripts/scale_goals.py)")
    options = parser.parse_args()
    if options.only_scale:
        from goals import Report
        from scale_goals import scale_goals

        with tempfile.TemporaryDirectory(prefix="safeguarding-scale-") as tmp:
            scale_goals(Report(), Path(tmp), options.runs)
        sys.exit(0)
    if not options.only_goals:
        startup()
        loading()
        checking()
    from goals import goals  # scripts/goals.py

    goals(options.runs, options.corpus_runs)
