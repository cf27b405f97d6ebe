"""The JSON report: the stable contract of docs/DESIGN.md (every key present, null if unknown)."""

from __future__ import annotations

import json
from typing import Any

from ..model import Finding, Report, Severity


def finding_dict(finding: Finding) -> dict[str, Any]:
    loc = finding.location
    return {
        "file": loc.file,
        "graph": loc.graph,
        "line": loc.line,
        "focus": loc.focus,
        "path": loc.path,
        "value": loc.value,
        "severity": finding.severity.label,
        "rule": finding.rule,
        "constraint": finding.constraint,
        "profile": finding.profile,
        "layer": finding.layer,
        "message": finding.message,
        "fix": finding.fix,
        "see": finding.see,
    }


def report_dict(report: Report, tool_version: str) -> dict[str, Any]:
    return {
        "tool": "nordval",
        "version": tool_version,
        "profile": report.profile,
        "conforms": report.conforms(Severity.ERROR),
        "summary": {"files": len(report.inputs), **report.counts()},
        "findings": [finding_dict(f) for f in report.findings],
    }


def render(report: Report, context: Any) -> str:
    return json.dumps(report_dict(report, context.tool_version), indent=2, ensure_ascii=False) + "\n"
