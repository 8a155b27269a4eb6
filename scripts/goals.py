"""The speed and memory goals of `build-report` and `validate`, each measured as a ratio of two
whole processes run side by side (interleaved, medians) and printed against its goal.

Run by `make benchmark` (scripts/benchmark.py). Times on a shared machine vary by tens of per
cent from one minute to the next: only ratios of runs interleaved with each other count.

- one PDF build ÷ WeasyPrint alone printing the very HTML the tool published, and their peak
  memory, for each seed document (built as a review copy, --draft: published, the gate
  refuses them); once, WeasyPrint is also given the tool's finisher (the PDF/UA tags it
  leaves out) and its PDF compared with the tool's, byte for byte;
- an HTML-only build ÷ the same build by the code before the work on speed (BASELINE, taken
  from git into a temporary folder);
- an unchanged rebuild ÷ a full build;
- `build-report --all --jobs 2` ÷ `--jobs 1` on 20 partnerships made from the seeds (in a
  temporary folder), and the peak memory each extra partnership adds (20 against 4);
- `validate` ÷ check-jsonschema validating the same files against the same schemas;
- at scale, on inputs made by scripts/scale.py: time and memory of 4x the input ÷ 1x, for
  validate, check and an HTML build (scripts/scale_goals.py).

Peak memory is the larger of the process's own peak (the kernel's count, which includes its
children one at a time) and the proportional memory (PSS) of the process and all its
descendants together, sampled every 10 ms: a build that hands work to other processes is
charged for all of them at once.
"""

from __future__ import annotations

import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
BIN = Path(PY).parent
PARTNERSHIPS = ROOT / "partnerships"
# main just before the work on speed (issue #12) was merged: "today's" build in the goal
# table, with the same templates, so that both builds publish the same HTML.
BASELINE = "fa3f3c0ac611de8b01ee1b7de3f08ce5a9e3415d"
# The corpus: CORPUS partnerships made from the seeds, and FEW to see what each more one adds.
CORPUS, FEW = 20, 4
SEEDS = (("worcestershire", "2023-24"), ("worcestershire", "2019-06"), ("wirral", "2019-04"),
         ("west-sussex", "2019-06"))
# WeasyPrint alone, as a user would run it. Given a date, with the tool's finisher too (the
# PDF/UA tags WeasyPrint leaves out, the creation date): the PDF must then be the tool's own.
ALONE = ("import sys\nfrom weasyprint import HTML\nfinisher = None\n"
         "if len(sys.argv) > 4:\n"
         "    from datetime import date\n    from functools import partial\n"
         "    from safeguarding.render.pdf import _finish\n"
         "    finisher = partial(_finish, made=date.fromisoformat(sys.argv[4]), pages=[])\n"
         "HTML(filename=sys.argv[1], base_url=sys.argv[2]).write_pdf(sys.argv[3], "
         "pdf_variant='pdf/ua-1', finisher=finisher)\n")
# The seeds' sources lost some images and one budget does not add up: as published documents
# the publishing gate refuses them, so they are built, here as by `make report`, as review
# copies.
DRAFT = "--draft"
# As on a user's machine: Python may keep compiled modules, so that imports are not compiled
# again on every run; the same SOURCE_DATE_EPOCH as `make` sets.
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
       "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "0"), "NO_COLOR": "1"}


@dataclass
class Run:
    seconds: float
    peak_mb: float
    cpu: float = 0.0  # user and system time of the process and the children it waited for


@dataclass
class Goal:
    what: str
    measured: float
    goal: float
    unit: str = "x"
    detail: str = ""

    @property
    def met(self) -> bool:
        return self.measured <= self.goal


@dataclass
class Report:
    goals: list[Goal] = field(default_factory=list)

    def add(self, goal: Goal) -> None:
        self.goals.append(goal)
        value = (f"{goal.measured:+.1f} MB" if goal.unit == "MB" else f"{goal.measured:.3f}")
        target = f"<= {goal.goal:+.1f} MB" if goal.unit == "MB" else f"<= {goal.goal:.2f}"
        print(f"  {goal.what:<58} {value:>9}  goal {target:<10} "
              f"{'met' if goal.met else 'NOT MET'}{'  ' + goal.detail if goal.detail else ''}",
              flush=True)


def run(command: list[str], env: dict[str, str] | None = None, sample: bool = True) -> Run:
    """One whole process: its wall time and its peak memory. Sampling the memory of a process
    tree every 10 ms costs CPU of its own: a timing that must not share the cores with it
    (a parallel build using both) is taken with sample=False (the kernel's peak only)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, env=env or ENV)
    peak = [0]
    sampler = threading.Thread(target=_sample, args=(process, peak), daemon=True)
    if sample:
        sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if sample:
        sampler.join()
    return Run(seconds, max(usage.ru_maxrss, peak[0]) / 1024, usage.ru_utime + usage.ru_stime)


def _sample(process: subprocess.Popen, peak: list[int]) -> None:
    while process.returncode is None:
        peak[0] = max(peak[0], _tree_pss_kb(process.pid))
        time.sleep(0.01)


def _tree_pss_kb(pid: int) -> int:
    """The proportional memory of a process and all its descendants: pages a forked child
    shares with its parent are counted once, not twice as resident sizes would."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parents[int(entry)] = int(stat[stat.rindex(")") + 2:].split()[1])
    tree, found = {pid}, {pid}
    while found:
        found = {p for p, parent in parents.items() if parent in tree} - tree
        tree |= found
    total = 0
    for member in tree:
        try:
            for line in Path(f"/proc/{member}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total


def interleaved(commands: dict[str, list[str]], runs: int,
                envs: dict[str, dict[str, str]] | None = None,
                warm: bool = True, sample: bool = True) -> dict[str, list[Run]]:
    """Each command `runs` times, taking turns (in a rotating order); unless told not to, one
    unmeasured run of each first, to fill caches (compiled modules, the converted fonts)."""
    envs = envs or {}
    results: dict[str, list[Run]] = {name: [] for name in commands}
    names = list(commands)
    for name in names if warm else ():
        run(commands[name], envs.get(name), sample)
    for turn in range(runs):
        for name in names[turn % len(names):] + names[:turn % len(names)]:
            results[name].append(run(commands[name], envs.get(name), sample))
    return results


def median_seconds(runs: list[Run]) -> float:
    return statistics.median(r.seconds for r in runs)


def median_cpu(runs: list[Run]) -> float:
    return statistics.median(r.cpu for r in runs)


def median_peak(runs: list[Run]) -> float:
    return statistics.median(r.peak_mb for r in runs)


def safeguarding(*args: str) -> list[str]:
    return [str(BIN / "safeguarding"), *args]


def goals(runs: int, corpus_runs: int) -> None:
    print(f"Goals (medians of {runs} interleaved runs; corpus: {corpus_runs}), on "
          f"{_machine()}:", flush=True)
    report = Report()
    with tempfile.TemporaryDirectory(prefix="safeguarding-benchmark-") as tmp:
        work = Path(tmp)
        pdf_against_weasyprint(report, work, runs)
        html_against_baseline(report, work, runs)
        unchanged_against_full(report, work, runs)
        validate_against_check_jsonschema(report, runs)
        corpus(report, work, corpus_runs)
        scale_goals(report, work, runs)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"(load {load:.1f} at the end: other work on the machine slows what it overlaps)")
    unmet = [g.what for g in report.goals if not g.met]
    print(f"{len(report.goals) - len(unmet)} of {len(report.goals)} goals met"
          + (f"; not met: {', '.join(unmet)}" if unmet else ""))


def scale_goals(report: Report, work: Path, runs: int) -> None:
    from scale_goals import scale_goals as at_scale  # scripts/scale_goals.py, which imports this

    at_scale(report, work, runs)


def pdf_against_weasyprint(report: Report, work: Path, runs: int) -> None:
    print("One PDF build against WeasyPrint alone on the HTML it published:")
    ours_total = alone_total = 0.0
    peaks: list[tuple[float, float]] = []
    cpu_total: list[tuple[float, float]] = []
    today = date.today().isoformat()
    for slug, doc in SEEDS:
        out = work / "pdf"
        run(safeguarding("build-report", slug, doc, DRAFT, "--format", "all", "--out", str(out)))
        name = next((out / slug).glob(f"*-{doc}.html")).stem
        html, pdf = out / slug / f"{name}.html", out / slug / f"{name}.pdf"
        alone_pdf, base = work / "alone.pdf", (PARTNERSHIPS / slug).as_uri() + "/"
        alone = [PY, "-c", ALONE, str(html), base, str(alone_pdf)]
        run([*alone, today])  # the tool's finisher too: the very PDF the tool printed?
        same = alone_pdf.read_bytes() == pdf.read_bytes()
        results = interleaved({
            "ours": safeguarding("build-report", slug, doc, DRAFT, "--format", "pdf", "--force",
                                 "--jobs", "1", "--out", str(out)),
            "alone": alone,
        }, runs)
        ours, alone_s = median_seconds(results["ours"]), median_seconds(results["alone"])
        ours_total, alone_total = ours_total + ours, alone_total + alone_s
        cpu = median_cpu(results["ours"]) / median_cpu(results["alone"])
        cpu_total.append((median_cpu(results["ours"]), median_cpu(results["alone"])))
        peaks.append((median_peak(results["ours"]), median_peak(results["alone"])))
        report.add(Goal(f"PDF build / WeasyPrint alone: {slug} {doc}", ours / alone_s, 1.15,
                        detail=f"({ours:.2f} s / {alone_s:.2f} s, CPU time {cpu:.2f}x; "
                               f"with the tool's finisher, WeasyPrint "
                               f"{'prints the same bytes' if same else 'DIFFERS'})"))
    cpu = sum(c[0] for c in cpu_total) / sum(c[1] for c in cpu_total)
    report.add(Goal("PDF build / WeasyPrint alone: the four seeds together",
                    ours_total / alone_total, 1.15,
                    detail=f"(CPU time {cpu:.2f}x; stretch goal 1.10)"))
    ours_peak, alone_peak = peaks[0]
    report.add(Goal(f"peak memory / WeasyPrint alone: {SEEDS[0][0]} {SEEDS[0][1]}",
                    ours_peak / alone_peak, 1.10,
                    detail=f"({ours_peak:.0f} MB / {alone_peak:.0f} MB)"))
    worst = max(peaks, key=lambda p: p[0] / p[1])
    report.add(Goal("peak memory / WeasyPrint alone: the worst seed", worst[0] / worst[1], 1.10,
                    detail=f"({worst[0]:.0f} MB / {worst[1]:.0f} MB)"))


def html_against_baseline(report: Report, work: Path, runs: int) -> None:
    print(f"An HTML-only build against the code before ({BASELINE[:7]}):")
    baseline = work / "baseline"
    if not _extract_baseline(baseline):
        print(f"  skipped: commit {BASELINE[:7]} is not in this clone's history")
        return
    env = {**ENV, "PYTHONPATH": str(baseline / "cli")}
    ours_total = before_total = 0.0
    for slug, doc in SEEDS:
        args = ("build-report", slug, doc, DRAFT, "--format", "html")
        mine, theirs = work / "html-ours", work / "html-before"
        results = interleaved({
            "ours": safeguarding(*args, "--force", "--jobs", "1", "--out", str(mine)),
            "before": [PY, "-m", "safeguarding", *args, "--out", str(theirs)],
        }, runs, envs={"before": env})
        ours, before = median_seconds(results["ours"]), median_seconds(results["before"])
        ours_total, before_total = ours_total + ours, before_total + before
        same = [p.read_bytes() for p in (mine / slug).glob(f"*-{doc}.html")] == \
            [p.read_bytes() for p in (theirs / slug).glob(f"*-{doc}.html")]
        report.add(Goal(f"HTML-only build / before: {slug} {doc}", ours / before, 0.55,
                        detail=f"({ours:.2f} s / {before:.2f} s; "
                               f"{'same HTML' if same else 'HTML differs'})"))
    report.add(Goal("HTML-only build / before: the four seeds together",
                    ours_total / before_total, 0.55))


def _extract_baseline(folder: Path) -> bool:
    folder.mkdir()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", BASELINE,
                              "cli", "templates", "schemas"], capture_output=True)
    if archive.returncode != 0:
        return False
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    return True


def unchanged_against_full(report: Report, work: Path, runs: int) -> None:
    print("An unchanged rebuild against a full build (HTML and PDF):")
    out = str(work / "rebuild")
    for slug, doc in SEEDS[:1]:
        results = interleaved({
            "full": safeguarding("build-report", slug, doc, DRAFT, "--force", "--jobs", "1",
                                 "--out", out),
            "unchanged": safeguarding("build-report", slug, doc, DRAFT, "--out", out),
        }, runs)
        full, unchanged = median_seconds(results["full"]), median_seconds(results["unchanged"])
        report.add(Goal(f"unchanged rebuild / full build: {slug} {doc}", unchanged / full, 0.05,
                        detail=f"({unchanged * 1000:.0f} ms / {full:.2f} s)"))


def validate_against_check_jsonschema(report: Report, runs: int) -> None:
    print("validate against check-jsonschema on the same files:")
    tool = shutil.which("check-jsonschema", path=f"{BIN}{os.pathsep}{os.environ['PATH']}")
    if tool is None:
        print("  skipped: check-jsonschema is not installed (pip install check-jsonschema)")
        return
    schemas = ROOT / "schemas"
    files = {"partnership": sorted(PARTNERSHIPS.glob("*/partnership.yaml")),
             "arrangements": sorted(PARTNERSHIPS.glob("*/arrangements/*.yaml")),
             "yearly-report": sorted(PARTNERSHIPS.glob("*/reports/*.yaml"))}
    commands = {f"check-jsonschema {kind}": [
        tool, "--base-uri", (schemas / f"{kind}.schema.json").as_uri(),
        "--schemafile", str(schemas / f"{kind}.schema.json"), *map(str, found)]
        for kind, found in files.items()}
    results = interleaved({"validate": safeguarding("validate"), **commands}, runs)
    theirs = sum(median_seconds(r) for name, r in results.items() if name != "validate")
    ours = median_seconds(results["validate"])
    report.add(Goal("validate / check-jsonschema (one run per schema)", ours / theirs, 0.30,
                    detail=f"({ours * 1000:.0f} ms / {theirs * 1000:.0f} ms)"))


def corpus(report: Report, work: Path, runs: int) -> None:
    print(f"{CORPUS} partnerships made from the seeds, `build-report --all` (HTML and PDF):")
    roots = {n: make_corpus(work / f"corpus-{n}", n) for n in (FEW, CORPUS)}
    out = work / "corpus-out"

    def build(n: int, jobs: int) -> list[str]:
        return safeguarding("build-report", "--all", DRAFT, "--root", str(roots[n]), "--force",
                            "--jobs", str(jobs), "--out", str(out / f"{n}-{jobs}"))

    # Times without the memory sampler (it would take CPU from the run using both cores);
    # memory in runs of their own.
    results = interleaved({f"{CORPUS}, --jobs 2": build(CORPUS, 2),
                           f"{CORPUS}, --jobs 1": build(CORPUS, 1)}, runs, warm=False,
                          sample=False)
    results |= interleaved({f"{CORPUS}, --jobs 1": build(CORPUS, 1),
                            f"{FEW}, --jobs 1": build(FEW, 1)}, runs, warm=False)
    two, one = (median_seconds(results[f"{CORPUS}, --jobs {j}"]) for j in (2, 1))
    cpu_two, cpu_one = (median_cpu(results[f"{CORPUS}, --jobs {j}"]) for j in (2, 1))
    documents = sum(1 for _ in (out / f"{CORPUS}-1").glob("*/*.pdf"))
    report.add(Goal(f"{CORPUS} partnerships: --jobs 2 / --jobs 1", two / one, 0.55,
                    detail=f"({two:.1f} s / {one:.1f} s, {documents} documents; CPU time "
                           f"{cpu_two:.0f} s / {cpu_one:.0f} s)"))
    many, few = (median_peak(results[f"{n}, --jobs 1"]) for n in (CORPUS, FEW))
    report.add(Goal("peak memory growth per extra partnership (--all)",
                    (many - few) / (CORPUS - FEW), 1.0, "MB",
                    detail=f"({few:.0f} MB with {FEW}, {many:.0f} MB with {CORPUS}, --jobs 1)"))
    again = safeguarding("build-report", "--all", DRAFT, "--root", str(roots[CORPUS]),
                         "--out", str(out / f"{CORPUS}-2"))
    unchanged = interleaved({"unchanged": again}, runs, warm=False)
    seconds = median_seconds(unchanged["unchanged"])
    said = subprocess.run(again, cwd=ROOT, env=ENV, capture_output=True, text=True).stdout
    summary = said.strip().splitlines()[-1].strip() if said.strip() else "no summary"
    report.add(Goal(f"unchanged rebuild / full build: {CORPUS} partnerships, --jobs 2",
                    seconds / two, 0.05, detail=f"({seconds:.2f} s / {two:.1f} s; {summary})"))


def make_corpus(root: Path, count: int) -> Path:
    """`count` partnerships, each a copy of a seed partnership under a name of its own."""
    seeds = sorted(p for p in PARTNERSHIPS.iterdir() if (p / "partnership.yaml").is_file())
    for i in range(count):
        seed = seeds[i % len(seeds)]
        slug = f"{seed.name}-{i + 1:02d}"
        shutil.copytree(seed, root / slug)
        for path in (root / slug).rglob("*.yaml"):
            text = path.read_text(encoding="utf-8")
            path.write_text(re.sub(rf"^partnership: {re.escape(seed.name)}$",
                                   f"partnership: {slug}", text, flags=re.M), encoding="utf-8")
    return root


def _machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
               platform.processor() or "unknown CPU")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}, load {load:.1f} at the start")
