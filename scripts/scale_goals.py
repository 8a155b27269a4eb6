"""The goals at scale, on inputs made by scripts/scale.py (not in the repository): each
command's time and peak memory on an input four times the size (4x) ÷ on the input itself
(1x), run side by side (interleaved, medians). Linear growth is about 4 (less: starting
Python and the command cost the same at both sizes); anything growing faster than linearly
is a bug, so the goal is 4.5.

- one very large yearly report (1x: 500 sections, 125 typed blocks, 12,500 words, 75 table
  rows; 4x: 2,000, 500, 50,000 and 300): validate, check (text, json), build-report --format
  html;
- a workspace of many partnerships (1x: 4 partnerships of 6 documents; 4x: 16): validate,
  check (text, json);
- a long history (1x: 4 yearly reports in a chain; 4x: 16), for the series.* checks: check,
  and build-report --all --format html (each document's build loads and validates every
  file of its partnership again: with many documents in one partnership, quadratic);
- `check` of one partnership in the 4x workspace ÷ in a workspace of that partnership alone
  (it must not pay for loading the others): goal 1.2;
- an unchanged rebuild of the 4x workspace (HTML) ÷ its full build: goal 0.05.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import scale
from goals import Goal, Report, interleaved, median_peak, median_seconds, safeguarding

GROWTH = 4.5  # time(4x) / time(1x): linear is at most 4


def scale_goals(report: Report, work: Path, runs: int) -> None:
    print("At scale, on made inputs: time and peak memory of 4x the input / 1x, side by side:")
    reports = {n: scale.large_report(work / f"large-{n}", n) for n in (1, 4)}
    _growth(report, "one large yearly report", reports, runs, lambda root: {
        "validate": ["validate", str(root)],
        "check": ["check", "--root", str(root), "riverside", "2023-24"],
        "check --format json": ["check", "--root", str(root), "riverside", "2023-24",
                                "--format", "json"],
        "build-report --format html": ["build-report", "riverside", "2023-24", "--root",
                                       str(root), "--format", "html", "--draft", "--force",
                                       "--out", str(root.parent / f"{root.name}-out")]})
    spaces = {n: scale.workspace(work / f"workspace-{n}", 4 * n) for n in (1, 4)}
    _growth(report, "partnerships (4 against 16, 6 documents each)", spaces, runs,
            lambda root: {"validate": ["validate", str(root)],
                          "check": ["check", "--root", str(root)],
                          "check --format json": ["check", "--root", str(root),
                                                  "--format", "json"]})
    histories = {n: scale.history(work / f"history-{n}", 4 * n) for n in (1, 4)}
    _growth(report, "yearly reports in a chain (4 against 16)", histories, runs,
            lambda root: {"check": ["check", "--root", str(root), "riverside"],
                          "build-report --all --format html": [
                              "build-report", "--all", "--root", str(root), "--format", "html",
                              "--draft", "--force", "--jobs", "1",
                              "--out", str(root.parent / f"{root.name}-out")]})
    _one_of_many(report, work, spaces[4], runs)
    _unchanged(report, spaces[4], runs)


def _growth(report: Report, what: str, roots: dict[int, Path], runs: int,
            commands: Callable[[Path], dict[str, list[str]]]) -> None:
    for name in commands(roots[1]):
        results = interleaved({f"{n}x": safeguarding(*commands(roots[n])[name])
                               for n in roots}, runs)
        one, four = (median_seconds(results[f"{n}x"]) for n in (1, 4))
        peak_one, peak_four = (median_peak(results[f"{n}x"]) for n in (1, 4))
        report.add(Goal(f"{what}: {name}, time 4x / 1x", four / one, GROWTH,
                        detail=f"({four:.2f} s / {one:.2f} s; peak memory "
                               f"{peak_four:.0f} MB / {peak_one:.0f} MB)"))
        report.add(Goal(f"{what}: {name}, peak memory 4x / 1x", peak_four / peak_one, GROWTH))


def _one_of_many(report: Report, work: Path, many: Path, runs: int) -> None:
    slug = sorted(p.name for p in many.iterdir())[0]
    alone = scale.workspace(work / "alone", 1)
    assert (alone / slug).is_dir(), slug  # the first partnership is made the same way
    results = interleaved({
        "alone": safeguarding("check", "--root", str(alone), slug, "--format", "json"),
        "among": safeguarding("check", "--root", str(many), slug, "--format", "json")}, runs)
    among, by_itself = median_seconds(results["among"]), median_seconds(results["alone"])
    report.add(Goal(f"check one partnership among {sum(1 for _ in many.iterdir())} / alone",
                    among / by_itself, 1.2,
                    detail=f"({among:.2f} s / {by_itself:.2f} s)"))


def _unchanged(report: Report, root: Path, runs: int) -> None:
    out = root.parent / "workspace-out"

    def build(*force: str) -> list[str]:
        return safeguarding("build-report", "--all", "--root", str(root), "--format", "html",
                            "--draft", "--jobs", "1", *force, "--out", str(out))

    full = interleaved({"full": build("--force")}, 1, warm=False)
    unchanged = interleaved({"unchanged": build()}, runs, warm=False)
    seconds, whole = median_seconds(unchanged["unchanged"]), median_seconds(full["full"])
    documents = sum(1 for _ in out.glob("*/*.html"))
    report.add(Goal(f"unchanged rebuild / full build: {documents} documents (HTML)",
                    seconds / whole, 0.05, detail=f"({seconds:.2f} s / {whole:.1f} s)"))
