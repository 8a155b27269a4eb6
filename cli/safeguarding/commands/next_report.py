"""`safeguarding new-report SLUG YEAR`: start next year's yearly report from last year's.

Carried over: the partners, chair, scrutiny and signatories the report names, its
language and contents setting, and its structure (sections, their ids, numbers, titles
and `covers`), each section's text replaced by an instruction that `check` reads as not
yet written. The glossary lives in partnership.yaml, which every report shares.
Last year's `planned` priorities become this year's `reported` ones (same ids, so
continuity.priorities_reported follows them), each with its progress still to write;
last year's reported priorities and figures are dropped, since they were last year's.
The reporting period is 1 April to 31 March; the deadline (30 September) is stated in
a comment. Without a report for an earlier year, the sections are stubs of the rule set.
"""

from __future__ import annotations

import copy
import re
from datetime import date
from pathlib import Path
from typing import Any

from ..check.consistency.period import deadline
from ..check.edition import in_force_on
from ..errors import InputError, UsageError
from ..findings import Finding
from ..load import layout
from ..load.block_types import PRIORITIES, TEXT
from ..load.selection import partnership_folder
from ..load.yamlfile import SourceFile, load_yaml
from .scaffold import document_text, rule_set, stub, stub_sections, write_new

CARRIED = ("title", "lang", "partners", "chair", "scrutiny", "signatories", "contents")
# The order fields are written in, as in the example reports.
ORDER = ("partnership", "title", "subtitle", "status", "edition", "lang", "reporting_period",
         "previous_report", "partners", "chair", "scrutiny", "signatories", "contents",
         "sections")
_YEAR = re.compile(r"^(\d{4})-(\d{2})$")


def reporting_year(year: str) -> tuple[date, date]:
    """2024-25 → 1 April 2024 to 31 March 2025; anything else is a usage error."""
    match = _YEAR.match(year)
    if not match or (int(match[1]) + 1) % 100 != int(match[2]):
        raise UsageError(f"'{year}' is not a reporting year: write it like 2024-25 (the year "
                         "it starts and the last two digits of the year it ends)")
    start = int(match[1])
    return date(start, 4, 1), date(start + 1, 3, 31)


def previous_report(folder: Path, year: str) -> layout.DocumentRef | None:
    """The latest report of a year before `year`, if there is one."""
    earlier = [ref for ref in layout.document_refs(folder, (layout.YEARLY_REPORT,))
               if ref.id < year and not layout.id_problem(ref)]
    return earlier[-1] if earlier else None


def next_report(previous: dict[str, Any] | None, slug: str, year: str, edition: str
                ) -> dict[str, Any]:
    """This year's report as data, from last year's (or from the rule set's stubs)."""
    start, end = reporting_year(year)
    span = f"{start.year}/{end.year}"
    data: dict[str, Any] = {"partnership": slug}
    old = previous or {}
    data |= {key: copy.deepcopy(old[key]) for key in CARRIED if key in old}
    data.setdefault("title", "Yearly report")
    if "subtitle" in old:
        data["subtitle"] = f"April {start.year} to March {end.year}"
    data |= {"status": "draft", "edition": edition,
             "reporting_period": {"start": start.isoformat(), "end": end.isoformat()}}
    if previous is not None:
        planned = [b for b in _blocks(previous.get("sections")) if b.get("role") == "planned"]
        reported = [_reported(b, span) for b in planned]
        sections = [_restart(s, reported) for s in previous.get("sections") or []
                    if isinstance(s, dict)]
        data["sections"] = sections + _unplaced(reported, span)
    else:
        data["sections"] = stub_sections(rule_set(layout.YEARLY_REPORT, edition))
    return data


def _blocks(sections: Any) -> list[dict[str, Any]]:
    """Every priorities block in the sections, in reading order."""
    found = []
    for section in sections or []:
        if isinstance(section, dict):
            found += [b for b in section.get("blocks") or []
                      if isinstance(b, dict) and b.get("type") == PRIORITIES]
            found += _blocks(section.get("sections"))
    return found


def _reported(block: dict[str, Any], span: str) -> dict[str, Any]:
    """Last year's plans as this year's priorities to report on."""
    keep = ("id", "title", "covers", "group")
    new = {"type": PRIORITIES, **{k: copy.deepcopy(block[k]) for k in keep if k in block}}
    new |= {"role": "reported", "for_period": span}
    if "id" in new:
        new["id"] = f"{new['id']}-reported"
    new["items"] = [
        {**{k: copy.deepcopy(item[k]) for k in ("id", "title", "owner") if k in item},
         "progress": stub("the progress made on this priority, and its impact")}
        for item in block.get("items") or [] if isinstance(item, dict)]
    return new


def _restart(section: dict[str, Any], reported: list[dict[str, Any]]) -> dict[str, Any]:
    """The section's structure, its text replaced by an instruction; last year's priorities
    blocks replaced by the reported ones of the same group, each placed once."""
    new: dict[str, Any] = {k: copy.deepcopy(section[k]) for k in ("id", "number", "title", "covers")
           if k in section}
    blocks, dropped = [], []
    for block in section.get("blocks") or []:
        if not isinstance(block, dict):
            continue
        if block.get("type") == PRIORITIES:
            match = next((r for r in reported if not r.get("_placed")
                          and r.get("group") == block.get("group")), None)
            if match is not None:
                match["_placed"] = True
                blocks.append(match)
        elif block.get("type") not in (None, TEXT):
            dropped.append(str(block["type"]))
    if section.get("body") or dropped or not section.get("sections"):
        also = f", with this year's {', '.join(dict.fromkeys(dropped))}" if dropped else ""
        new["body"] = stub(f"what happened this year under '{new.get('title', '')}'{also}")
    if blocks:
        new["blocks"] = blocks
    children = [_restart(s, reported) for s in section.get("sections") or []
                if isinstance(s, dict)]
    if children:
        new["sections"] = children
    return new


def _unplaced(reported: list[dict[str, Any]], span: str) -> list[dict[str, Any]]:
    """A section for last year's plans no section took (none should be lost)."""
    left = [r for r in reported if not r.pop("_placed", False)]
    if not left:
        return []
    return [{"id": "priorities-reported", "title": f"Progress on the priorities for {span}",
             "body": stub("the progress made on last year's priorities"), "blocks": left}]


def run_new_report(root: Path, slug: str, year: str) -> int:
    """The command: write reports/YEAR.yaml, say what to do next; the exit code."""
    start, end = reporting_year(year)
    folder = partnership_folder(root, slug)
    path = layout.document_path(folder, layout.YEARLY_REPORT, year)
    if layout.exists(path):
        raise UsageError(f"'{path}' already exists; nothing was overwritten")
    ref = previous_report(folder, year)
    previous = _load(ref.path) if ref else None
    edition = in_force_on(end)
    data = next_report(previous, slug, year, edition)
    if ref is not None:
        data["previous_report"] = ref.id
    data = {key: data[key] for key in sorted(data, key=lambda k: ORDER.index(k))}
    due = deadline(end)
    path.parent.mkdir(exist_ok=True)
    source = f"Started from {ref.path.name}" if ref else "Started from the rule set"
    write_new(path, document_text(path, layout.YEARLY_REPORT, data,
                                  f"{source}.\nPublish by {_day(due)} (Working Together: "
                                  "30 September after the year).\nReplace each "
                                  "[Describe: ...]; `safeguarding check` lists what is left."))
    print(f"created {path}")
    print(f"reporting period {_day(start)} to {_day(end)}; publish by {_day(due)}")
    return 0


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _load(path: Path) -> dict[str, Any]:
    source = load_yaml(path)
    if isinstance(source, Finding):
        raise InputError(f"cannot start from {path}: {source.message}",
                         hint="run `safeguarding validate` and correct that report first")
    assert isinstance(source, SourceFile)
    if not isinstance(source.data, dict):
        raise InputError(f"cannot start from {path}: it is not a report",
                         hint="run `safeguarding validate` and correct that report first")
    return source.data
