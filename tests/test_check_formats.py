"""The machine formats of `check` (json, junit, sarif, github) on results built by hand.

Each format must say what the text table says, point each result at the right rule, and
stay well-formed whatever text a finding carries.
"""

from __future__ import annotations

import io
import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from safeguarding.check.compliance import CheckResult
from safeguarding.cli import app
from safeguarding.findings import Finding, Location, Severity
from safeguarding.reporters import reporter
from safeguarding.reporters.check_text import requirements_table
from safeguarding.reporters.sarif import artifact_location
from safeguarding.results import Coverage, DocumentResult, Level, Status

ACT = "Children's Wellbeing and Schools Act 2026, s3"
TEAMS = Coverage("multi_agency_child_protection_teams", "Multi-agency child protection teams",
                 Level.NOTE, Status.MISSING, description="Once this duty is in force, ...",
                 source=ACT)
FILE = "partnerships/riverside/arrangements/2019-06.yaml"


def arrangements(*requirements: Coverage, edition: str = "wt2018",
                 file: str = FILE, kind: str = "arrangements") -> DocumentResult:
    return DocumentResult("riverside", "2019-06", kind, edition, file, "Arrangements",
                          requirements=list(requirements))


def replace_status(c: Coverage, status: Status, section: str) -> Coverage:
    return Coverage(c.id, c.title, c.level, status, (section,), (), c.description, c.source)


def write(name: str, result: CheckResult, strict: bool = False) -> str:
    out = io.StringIO()
    reporter(name)(result, out, strict=strict)
    return out.getvalue()


def sarif(result: CheckResult) -> dict[str, Any]:
    run: dict[str, Any] = json.loads(write("sarif", result))["runs"][0]
    return run


# 1. Duties coming under the 2026 Act read as coming in every format, as in the table.

def test_the_table_and_json_agree_that_a_coming_duty_is_coming() -> None:
    doc = arrangements(TEAMS, replace_status(TEAMS, Status.PARTIAL, "teams"))
    table = requirements_table(doc)
    shown = [str(cell) for cell in table.columns[2].cells]
    [document] = json.loads(write("json", CheckResult([doc])))["documents"]
    assert shown == ["coming", "coming"]
    assert [r["status"] for r in document["requirements"]] == shown


@pytest.mark.parametrize("strict", [False, True])
def test_github_and_sarif_call_a_coming_duty_coming_under_the_act(strict: bool) -> None:
    result = CheckResult([arrangements(TEAMS)])
    [line] = write("github", result, strict).splitlines()
    assert line.startswith(f"::notice file={FILE},title=multi_agency_child_protection_teams::"
                           f"coming duty ({ACT}), not yet in force: 'Multi-agency child "
                           "protection teams' is not covered yet")
    [found] = sarif(result)["results"]
    assert found["level"] == "note"
    assert found["message"]["text"] == line.split("::")[2]
    for text in (line, found["message"]["text"]):
        assert "missing" not in text and "Working Together" not in text


def test_junit_skips_a_coming_duty_with_the_same_words_and_never_fails_it() -> None:
    met = Coverage("education_and_childcare_agencies", "Members", Level.NOTE, Status.MET,
                   source=ACT)
    root = ET.fromstring(write("junit", CheckResult([arrangements(TEAMS, met)]), strict=True))
    [teams, members, _checks] = root.iter("testcase")
    skipped = teams.find("skipped")
    assert skipped is not None and skipped.get("message", "").startswith(f"coming duty ({ACT})")
    assert members.find("skipped") is None  # met: a passing case, nothing to tell
    assert root.get("failures") == "0"


def test_the_real_arrangements_tell_coming_duties_as_coming() -> None:
    def check(form: str) -> str:
        return CliRunner().invoke(app, ["check", "west-sussex", "arrangements", "--today",
                                        "2026-11-22", "--format", form]).output

    [doc] = json.loads(check("json"))["documents"]
    statuses = {r["id"]: r["status"] for r in doc["requirements"]}
    assert statuses["multi_agency_child_protection_teams"] == "coming"
    teams = [line for line in check("github").splitlines()
             if "title=multi_agency_child_protection_teams" in line]
    assert teams and teams[0].startswith("::notice ") and "coming duty" in teams[0]


# 2. SARIF locations are URIs: percent-encoded, relative below the working directory.

@pytest.mark.parametrize(("file", "uri"), [
    ("riverside/reports/2023-24.yaml", "riverside/reports/2023-24.yaml"),
    ("sp ace#1%/riverside/r.yaml", "sp%20ace%231%25/riverside/r.yaml"),
    ("é/a:b.yaml", "%C3%A9/a%3Ab.yaml"),  # a colon would read as a scheme
    ("r\udcffa/x.yaml", "r%FFa/x.yaml"),  # a name that is not UTF-8 keeps its byte
])
def test_sarif_uri_below_the_working_directory_is_relative_and_encoded(
        file: str, uri: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert artifact_location(file) == {"uri": uri, "uriBaseId": "%SRCROOT%"}


@pytest.mark.parametrize("outside", [True, False])
def test_sarif_uri_outside_the_working_directory_is_an_absolute_file_uri(
        outside: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "here").mkdir()
    monkeypatch.chdir(tmp_path / "here")
    file = str(tmp_path / "sp ace#1%" / "r.yaml") if outside else "../sp ace#1%/r.yaml"
    location = artifact_location(file)
    assert location == {"uri": (tmp_path / "sp ace#1%" / "r.yaml").as_uri()}
    assert location["uri"].startswith("file:///")
    assert location["uri"].endswith("/sp%20ace%231%25/r.yaml")


def test_sarif_says_where_srcroot_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    run = sarif(CheckResult([arrangements(TEAMS)]))
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": tmp_path.as_uri() + "/"}}
    [found] = run["results"]
    assert found["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": FILE, "uriBaseId": "%SRCROOT%"}


# 3. A rule per rule set: each result points at its own requirement's description.

def gap(id_: str, description: str) -> Coverage:
    return Coverage(id_, id_.title(), Level.MUST, Status.MISSING, description=description,
                    source=description)


def test_each_sarif_result_points_at_its_own_rule_set_s_requirement() -> None:
    documents = [
        arrangements(gap("data_and_information_sharing", "arrangements' data"), edition="wt2023"),
        arrangements(gap("data_and_information_sharing", "a report's data"), edition="wt2023",
                     kind="yearly-report", file="r.yaml"),
        arrangements(gap("funding", "2018 funding"), file="a.yaml"),
        arrangements(gap("funding", "2023 funding"), edition="wt2023", file="b.yaml"),
        arrangements(TEAMS, file="c.yaml"), arrangements(TEAMS, edition="wt2023", file="d.yaml"),
    ]
    run = sarif(CheckResult(documents))
    rules = run["tool"]["driver"]["rules"]
    assert sorted(rule["id"] for rule in rules) == [
        "arrangements/cwsa2026/multi_agency_child_protection_teams",
        "arrangements/wt2018/funding", "arrangements/wt2023/data_and_information_sharing",
        "arrangements/wt2023/funding", "yearly-report/wt2023/data_and_information_sharing"]
    by_file = {doc.file: doc.requirements[0] for doc in documents}
    for found in run["results"]:
        rule = rules[found["ruleIndex"]]
        assert rule["id"] == found["ruleId"]
        uri = found["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert rule["fullDescription"]["text"] == by_file[uri].description


# 4. Columns in code points, declared; every result has a line.

def test_sarif_declares_code_point_columns_and_gives_every_result_a_line() -> None:
    located = Finding("figures.budget_totals", Severity.ERROR, "é€😀 adds up wrong",
                      Location(FILE, 7, 4))
    doc = arrangements(TEAMS)
    doc.findings = [located]
    run = sarif(CheckResult([doc]))
    assert run["columnKind"] == "unicodeCodePoints"
    regions = {r["ruleId"]: r["locations"][0]["physicalLocation"]["region"]
               for r in run["results"]}
    assert regions == {"figures.budget_totals": {"startLine": 7, "startColumn": 4},
                       "arrangements/cwsa2026/multi_agency_child_protection_teams":
                           {"startLine": 1}}


def test_every_sarif_rule_is_described_for_code_scanning_s_rule_page() -> None:
    located = [Finding(rule, Severity.ERROR, "m", Location(FILE, 2, 1))
               for rule in ("figures.budget_totals", "schema", "layout.stray_file")]
    doc = arrangements(TEAMS)
    doc.findings = located
    rules = sarif(CheckResult([doc]))["tool"]["driver"]["rules"]
    for rule in rules:  # GitHub shows these on each alert's page
        assert all(rule[k]["text"] for k in ("shortDescription", "fullDescription", "help")), rule
    described = {r["id"]: r["fullDescription"]["text"] for r in rules}
    assert described["schema"].startswith("The data has the fields")
    assert described["figures.budget_totals"].startswith("A budget's totals add up.")


# 5. Well-formed whatever a finding carries.

_HUNT = os.environ.get("HYPOTHESIS_EXAMPLES")
FAST = settings(max_examples=int(_HUNT or 150), derandomize=not _HUNT, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])
# Any code point at all: controls, non-characters and lone surrogates included.
ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=12)
NASTY = "\x00\x01\x08\x0b\x0c\x1b\x7f\ufffe\uffff\ud800\udcff & <x> ]]> \"'\r\n%:,"


@FAST
@given(message=ANY_TEXT, hint=ANY_TEXT, file=ANY_TEXT, rule=ANY_TEXT)
@example(message=NASTY, hint=NASTY, file=NASTY, rule=NASTY)
def test_every_format_stays_well_formed(message: str, hint: str, file: str, rule: str) -> None:
    finding = Finding(rule, Severity.ERROR, message, Location(file or "f", 2, 3), hint)
    doc = arrangements(replace_status(TEAMS, Status.PARTIAL, NASTY), file=file or "f")
    doc.findings = [finding]
    result = CheckResult([doc], [finding])
    junit = write("junit", result).encode("utf-8")  # strict: no lone surrogates
    assert ET.fromstring(junit).get("failures") == "2"
    for form in ("json", "sarif"):
        json.loads(write(form, result).encode("utf-8"))
    github = write("github", result)
    github.encode("utf-8")
    # The runner reads a command a line, lines ending at CR or LF.
    lines = github.removesuffix("\n").split("\n")
    assert len(lines) == 3 and "\r" not in github
    for line in lines:
        command, props, _ = _parts(line)
        assert command in ("error", "notice")
        assert [p.partition("=")[0] for p in props.split(",")] in (
            ["file", "line", "col", "title"], ["file", "title"])


def _parts(line: str) -> tuple[str, str, str]:
    """'::error file=a,title=b::message' as ('error', 'file=a,title=b', 'message')."""
    assert line.startswith("::")
    head, _, data = line[2:].partition("::")
    command, _, props = head.partition(" ")
    return command, props, data


@pytest.mark.parametrize("bad", ["\x00", "\x1b", "\ufffe", "\uffff", "\ud800", "\udcff"])
def test_junit_replaces_what_xml_cannot_carry(bad: str) -> None:
    finding = Finding("x", Severity.ERROR, f"a{bad}b\tc", Location("f.yaml", 1, 1), bad)
    doc = arrangements(file="f.yaml")
    doc.findings = [finding]
    root = ET.fromstring(write("junit", CheckResult([doc])).encode("utf-8"))
    failure = root.find(".//failure")
    assert failure is not None and "a\ufffdb\tc" in (failure.text or "")
