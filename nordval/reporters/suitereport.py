"""Renderings of suite results: text (pass/fail with the difference), JUnit XML and JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from lxml import etree

from ..suite import CaseResult


def render_text(results: Sequence[CaseResult], context: Any) -> str:
    out = []
    for result in results:
        out.append(f"{'PASS' if result.passed else 'FAIL'}  {result.case.name}  [{result.case.profile}]")
        out.extend(f"      {problem}" for problem in result.problems)
    failed = sum(1 for r in results if not r.passed)
    out.append(f"{len(results) - failed} passed, {failed} failed")
    return "\n".join(out) + "\n"


def render_junit(results: Sequence[CaseResult], context: Any) -> str:
    failed = sum(1 for r in results if not r.passed)
    suites = etree.Element("testsuites", name="nordval suite", tests=str(len(results)), failures=str(failed))
    suite = etree.SubElement(suites, "testsuite", name="nordval suite", tests=str(len(results)),
                             failures=str(failed), errors="0", skipped="0", time="0")
    for result in results:
        case = etree.SubElement(suite, "testcase", name=result.case.name, classname=result.case.profile, time="0")
        if not result.passed:
            failure = etree.SubElement(case, "failure", message=result.problems[0][:200], type="expectation")
            failure.text = "\n".join(result.problems)
    return etree.tostring(suites, pretty_print=True, xml_declaration=True, encoding="UTF-8").decode("utf-8")


def render_json(results: Sequence[CaseResult], context: Any) -> str:
    data = {"tool": "nordval", "version": context.tool_version,
            "summary": {"cases": len(results), "passed": sum(r.passed for r in results),
                        "failed": sum(not r.passed for r in results)},
            "cases": [{"name": r.case.name, "profile": r.case.profile, "passed": r.passed,
                       "problems": list(r.problems)} for r in results]}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


SUITE_REPORTERS = {"text": render_text, "junit": render_junit, "json": render_json}
