"""Inputs that are not in the repository, at any size: made from the sample partnership
(tests/fixtures/render/riverside) and the seeds (partnerships/), for scripts/goals.py and by
hand (`python scripts/scale.py workspace 40 /tmp/ws`).

- `workspace(root, count)`: `count` partnerships of six documents each (one arrangements
  document, five yearly reports), every second one made from the Worcestershire seed;
- `large_report(root, scale)`: one partnership whose yearly report has `scale` times
  500 sections, 125 typed blocks, 12,500 words of prose and 75 table rows;
- `history(root, years)`: one partnership with `years` yearly reports, each naming the one
  before (`previous_report`), for the series.* checks across documents.

Each returns the folder to pass as `--root`. Years are shifted (2023-24 becomes 2019-20, and
every date in it four years earlier), so each made document is a plausible one of its year.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "tests" / "fixtures" / "render" / "riverside"
SEED = ROOT / "partnerships" / "worcestershire"
# A year, or a year and the two digits of the next ("2023-24"), anywhere in a document.
YEAR = re.compile(r"\b(20\d\d)(?:-(\d\d)\b)?")
WORDS = ("partners", "children", "families", "safeguarding", "learning", "practice", "review",
         "schools", "police", "health", "neglect", "exploitation", "early", "help", "audit",
         "training", "board", "scrutiny")


def shift_years(text: str, by: int) -> str:
    """Every year in `text` moved by `by` years; "2023-24" becomes "2019-20" for by=-4."""
    def moved(match: re.Match[str]) -> str:
        year = int(match[1]) + by
        if match[2] is None:
            return str(year)
        if int(match[2]) != (int(match[1]) + 1) % 100:  # a month: "2024-03-31"
            return f"{year}-{match[2]}"
        return f"{year}-{(year + 1) % 100:02d}"
    return YEAR.sub(moved, text)


def _copy_partnership(seed: Path, root: Path, slug: str) -> Path:
    folder = root / slug
    shutil.copytree(seed, folder, ignore=shutil.ignore_patterns("reports"))
    for path in folder.rglob("*.yaml"):
        path.write_text(_renamed(path.read_text(encoding="utf-8"), seed.name, slug),
                        encoding="utf-8")
    (folder / "reports").mkdir(exist_ok=True)
    return folder


def _renamed(text: str, seed: str, slug: str) -> str:
    return re.sub(rf"^partnership: {re.escape(seed)}$", f"partnership: {slug}", text, flags=re.M)


def _write_years(folder: Path, seed: Path, slug: str, years: int) -> None:
    """`years` yearly reports ending 2023-24 (the seed's own), from the seed's 2023-24; the
    earliest names no previous report."""
    text = _renamed((seed / "reports" / "2023-24.yaml").read_text(encoding="utf-8"),
                    seed.name, slug)
    for by in range(-(years - 1), 1):
        made = shift_years(text, by)
        if by == -(years - 1):
            made = re.sub(r"^previous_report: .*\n", "", made, flags=re.M)
        name = shift_years("2023-24", by)
        (folder / "reports" / f"{name}.yaml").write_text(made, encoding="utf-8")


def workspace(root: Path, count: int, reports: int = 5) -> Path:
    """`count` partnerships, each an arrangements document and `reports` yearly reports."""
    for i in range(count):
        seed = SEED if i % 2 else SAMPLE
        slug = f"{seed.name}-{i + 1:03d}"
        folder = _copy_partnership(seed, root, slug)
        _write_years(folder, seed, slug, reports)
    return root


def history(root: Path, years: int) -> Path:
    """One partnership, `riverside`, with `years` yearly reports in a chain."""
    folder = _copy_partnership(SAMPLE, root, "riverside")
    _write_years(folder, SAMPLE, "riverside", years)
    return root


def large_report(root: Path, scale: int = 1) -> Path:
    """The sample partnership with one very large 2023-24 report (see the module's doc)."""
    folder = _copy_partnership(SAMPLE, root, "riverside")
    head, _, _ = (SAMPLE / "reports" / "2023-24.yaml").read_text(encoding="utf-8") \
        .partition("sections:\n")
    head = re.sub(r"^previous_report: .*\n", "", head, flags=re.M)
    lines = [head, "sections:\n"]
    sections, blocks, words, rows = 500 * scale, 125 * scale, 12500 * scale, 75 * scale
    per_body = words // sections
    table_blocks = max(1, rows // 25)
    for s in range(sections):
        chapter, part = divmod(s, 10)
        indent = "  " if part == 0 else "      "
        if part == 0:
            lines.append(f"  - id: chapter-{chapter}\n    number: \"{chapter + 1}\"\n"
                         f"    title: Chapter {chapter + 1}\n")
        else:
            if part == 1:
                lines.append("    sections:\n")
            lines.append(f"      - id: part-{chapter}-{part}\n"
                         f"        number: \"{chapter + 1}.{part}\"\n"
                         f"        title: Part {part} of chapter {chapter + 1}\n")
        body = " ".join(WORDS[(s + w) % len(WORDS)] for w in range(per_body))
        lines.append(f"{indent}  body: |\n{indent}    The {body} of 12% in 2023 [see]"
                     f"(https://example.org/{s}).\n")
        mine = [b for b in range(blocks) if b * sections // blocks == s]
        if mine:
            lines.append(f"{indent}  blocks:\n")
        for b in mine:
            lines.append(_block(b, indent + "    ", table_blocks, rows))
    (folder / "reports" / "2023-24.yaml").write_text("".join(lines), encoding="utf-8")
    return root


def _block(b: int, indent: str, table_blocks: int, rows: int) -> str:
    kind = b % 5
    if kind == 0 and b // 5 < table_blocks:
        body = "".join(f"{indent}      - [\"Area {r}\", {r * 3}, {r * 2}]\n"
                       for r in range(rows // table_blocks))
        return (f"{indent}- type: table\n{indent}  id: table-{b}\n"
                f"{indent}  title: Referrals by area, table {b}\n"
                f"{indent}  columns: [Area, \"2023\", \"2022\"]\n{indent}  rows:\n{body}")
    if kind == 1:
        return (f"{indent}- type: quotation\n{indent}  text: Partners worked together "
                f"well, quote {b}.\n{indent}  attribution: A practitioner\n")
    if kind == 2:
        return (f"{indent}- type: priorities\n{indent}  role: reported\n"
                f"{indent}  title: Priorities {b}\n{indent}  for_period: 2022 to 2023\n"
                f"{indent}  items:\n{indent}    - id: p{b}\n{indent}      title: Tackle "
                f"neglect {b}\n{indent}      progress: We trained 400 staff.\n"
                f"{indent}      rating: good-progress\n")
    return (f"{indent}- type: text\n{indent}  title: Note {b}\n{indent}  body: A note on "
            f"the work of the year, number {b}.\n")


if __name__ == "__main__":
    kinds = {"workspace": workspace, "history": history, "large-report": large_report}
    if len(sys.argv) != 4 or sys.argv[1] not in kinds:
        sys.exit(f"usage: scale.py {'|'.join(kinds)} N FOLDER")
    print(kinds[sys.argv[1]](Path(sys.argv[3]), int(sys.argv[2])))
