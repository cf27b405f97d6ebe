"""JUnit XML as Jenkins and GitLab read it: one testsuite per input file, one testcase per rule.

With the profile's catalogue in the context, every active reportable rule is a testcase of every
checked file (so a dashboard counts the rules that passed too); without it, a testcase per rule
that produced findings, and a passing ``conformance`` testcase for a file without findings. A file
that could not be read (an ``input.*`` finding) was checked against no rule: its suite holds only
that finding. XML documents (XSD findings) are not judged by SHACL rules, so they list only what
was found. Findings below ``--fail-on`` never fail a testcase; they go in its ``<system-out>``.
An ``engine.error`` is a JUnit ``<error>`` (the check itself broke), every other finding a
``<failure>``. ``classname`` is the file path with dots replaced, so that Jenkins, which splits
class names at dots into packages, keeps one class per file.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lxml import etree

from ..model import Finding, Report, Severity
from .rulecatalogue import active_ids, findings_by_file, is_blocking

if TYPE_CHECKING:
    from . import RenderContext

CLEAN_CASE = "conformance"
ENGINE_ERROR = "engine.error"
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """Input data can carry control characters that XML 1.0 cannot hold."""
    return _NOT_XML.sub("\ufffd", text)


def classname(file: str) -> str:
    return file.replace(".", "_")


def describe(finding: Finding) -> str:
    """Plain-text block for one finding, as a CI log shows it."""
    loc = finding.location
    where = f" at line {loc.line}" + (f":{loc.column}" if loc.column else "") if loc.line else ""
    lines = [f"{finding.severity.label}{where}: {finding.message}"]
    for label, value in (("graph", loc.graph), ("focus", loc.focus), ("path", loc.path), ("value", loc.value),
                         ("fix", finding.fix), ("see", finding.see)):
        if value is not None:
            lines.append(f"  {label + ':':<6} {value}")
    return "\n".join(lines)


def _testcase_names(findings: list[Finding], catalogue: list[str]) -> list[str]:
    found = {f.rule for f in findings}
    checked = not any(is_blocking(f) or f.constraint == "xsd" for f in findings)
    if catalogue and checked:
        return sorted(found.union(catalogue))
    return sorted(found) if found else [CLEAN_CASE]


def _failing(finding: Finding, fail_on: Severity | None) -> bool:
    return fail_on is not None and finding.severity >= fail_on


def _testcase(suite: etree._Element, file: str, name: str, findings: list[Finding],
              fail_on: Severity | None) -> tuple[int, int]:
    """Append one testcase; return (failures, errors) it adds."""
    case = etree.SubElement(suite, "testcase", name=xml_text(name), classname=xml_text(classname(file)),
                            file=xml_text(file), time="0")
    failing = [f for f in findings if _failing(f, fail_on)]
    passing = [f for f in findings if not _failing(f, fail_on)]
    failures = errors = 0
    if failing:
        is_error = all(f.rule == ENGINE_ERROR for f in failing)
        worst = max(f.severity for f in failing)
        first = failing[0].message
        message = first if len(failing) == 1 else f"{len(failing)} findings; first: {first}"
        element = etree.SubElement(case, "error" if is_error else "failure", message=xml_text(message),
                                   type=worst.label)
        element.text = xml_text("\n\n".join(describe(f) for f in failing))
        errors, failures = (1, 0) if is_error else (0, 1)
    if passing:
        out = etree.SubElement(case, "system-out")
        out.text = xml_text("\n\n".join(describe(f) for f in passing))
    return failures, errors


def _counts(element: etree._Element, tests: int, failures: int, errors: int) -> None:
    element.set("tests", str(tests))
    element.set("failures", str(failures))
    element.set("errors", str(errors))
    element.set("skipped", "0")
    element.set("time", "0")


def render(report: Report, context: RenderContext) -> str:
    root = etree.Element("testsuites", name=xml_text(f"nordval {report.profile or ''}".strip()))
    totals = [0, 0, 0]
    catalogue = active_ids(context.rules)
    for file, findings in findings_by_file(report).items():
        suite = etree.SubElement(root, "testsuite", name=xml_text(file))
        properties = etree.SubElement(suite, "properties")
        for key, value in (("profile", report.profile or ""), ("nordval", context.tool_version),
                           ("fail-on", context.fail_on.label if context.fail_on else "never")):
            etree.SubElement(properties, "property", name=key, value=xml_text(value))
        names = _testcase_names(findings, catalogue)
        by_rule: dict[str, list[Finding]] = {}
        for finding in findings:
            by_rule.setdefault(finding.rule, []).append(finding)
        failures = errors = 0
        for name in names:
            added = _testcase(suite, file, name, by_rule.get(name, []), context.fail_on)
            failures += added[0]
            errors += added[1]
        _counts(suite, len(names), failures, errors)
        totals = [totals[0] + len(names), totals[1] + failures, totals[2] + errors]
    _counts(root, *totals)
    xml: bytes = etree.tostring(root, pretty_print=True, xml_declaration=True, encoding="UTF-8")
    return xml.decode("utf-8")
