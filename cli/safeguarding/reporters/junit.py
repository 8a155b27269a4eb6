"""JUnit XML: a test suite per document, a test case per requirement, one for the checks;
for `validate`, a test case per file."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TextIO

from ..check.compliance import gap_finding
from ..findings import Finding, Severity
from ..results import VALIDATE, CheckResult, DocumentResult
from .clean import printable, xml_text
from .text import finding_lines


def report(result: CheckResult, out: TextIO, *, strict: bool = False) -> None:
    """Write <testsuites>: for `check` a <testsuite> per document (and one for other files),
    for `validate` one whose test cases are the files."""
    result = printable(result)  # no control sequence from data in the output
    root = ET.Element("testsuites", name=f"safeguarding {result.command}")
    if result.command == VALIDATE:
        root.append(_files_suite(result))
    for doc in result.documents:
        root.append(_suite(doc, strict))
    if result.findings and result.command != VALIDATE:
        suite = ET.SubElement(root, "testsuite", name="other files")
        _case(suite, "other files", "files are valid", result.findings)
    _count(root)
    _clean(root)
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")


def _files_suite(result: CheckResult) -> ET.Element:
    """`validate`: a test case per file read (and per other place a finding names)."""
    suite = ET.Element("testsuite", name="files")
    by_file: dict[str, list[Finding]] = {file: [] for file in result.files}
    for f in result.findings:
        by_file.setdefault(f.file, []).append(f)
    for file, findings in sorted(by_file.items()):
        _case(suite, "files", file, findings)
    return suite


def _suite(doc: DocumentResult, strict: bool) -> ET.Element:
    suite = ET.Element("testsuite", name=f"{doc.partnership}/{doc.kind}/{doc.document}",
                       file=doc.file)
    classname = f"{doc.partnership}.{doc.kind}.{doc.document}.{doc.edition or 'unchecked'}"
    for c in doc.requirements:
        case = ET.SubElement(suite, "testcase", classname=classname,
                             name=f"{c.level.value}: {c.id}")
        gap = gap_finding(doc, c, strict)
        if gap is None:
            continue
        if c.coming:
            ET.SubElement(case, "skipped", message=gap.message)  # told, never failed
        elif gap.severity is Severity.ERROR:
            ET.SubElement(case, "failure", message=gap.message, type=c.status.value).text = \
                c.description
        else:  # a warning, or a note such as how to record a reader's review
            ET.SubElement(case, "system-out").text = gap.message + (
                f"\n{gap.hint}" if gap.hint and gap.hint != c.description else "")
    _case(suite, classname, "consistency checks", doc.findings)
    return suite


def _case(suite: ET.Element, classname: str, name: str, findings: list[Finding]) -> None:
    case = ET.SubElement(suite, "testcase", classname=classname, name=name)
    errors = [f for f in findings if f.severity is Severity.ERROR]
    text = "\n".join("".join(piece for piece, _ in line)
                     for f in sorted(findings, key=Finding.sort_key) for line in finding_lines(f))
    if errors:
        failure = ET.SubElement(case, "failure", message=f"{len(errors)} error(s)", type="findings")
        failure.text = text
    elif text:
        ET.SubElement(case, "system-out").text = text


def _count(root: ET.Element) -> None:
    for suite in root.iter("testsuite"):
        cases = suite.findall("testcase")
        suite.set("tests", str(len(cases)))
        suite.set("failures", str(sum(c.find("failure") is not None for c in cases)))
        suite.set("skipped", str(sum(c.find("skipped") is not None for c in cases)))
        suite.set("errors", "0")
    root.set("tests", str(sum(int(s.get("tests", 0)) for s in root.iter("testsuite"))))
    root.set("failures", str(sum(int(s.get("failures", 0)) for s in root.iter("testsuite"))))


def _clean(root: ET.Element) -> None:
    """Make every text and attribute XML 1.0 can carry: ElementTree escapes, never replaces."""
    for element in root.iter():
        element.text = xml_text(element.text) if element.text else element.text
        element.tail = xml_text(element.tail) if element.tail else element.tail
        for name, value in list(element.attrib.items()):
            element.set(name, xml_text(value))
