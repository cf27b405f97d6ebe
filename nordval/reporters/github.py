"""GitHub Actions workflow commands: each finding becomes an annotation on the file and line.

``::error``/``::warning``/``::notice`` by severity (not by ``--fail-on``: the exit code gates the
job, the annotation tells what the finding is). Escaping follows GitHub's toolkit: in the message
``%``, CR and LF; in properties also ``:`` and ``,``. A closing plain line carries the summary.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..curies import curie
from ..model import Finding, Report, Severity
from .markdown import summary

if TYPE_CHECKING:
    from . import RenderContext

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(finding: Finding) -> str:
    loc = finding.location
    properties = [("file", loc.file)]
    if loc.line:
        properties.append(("line", str(loc.line)))
        if loc.column:
            properties.append(("col", str(loc.column)))
    properties.append(("title", finding.rule))
    where = [curie(loc.focus) if loc.focus else "", curie(loc.path) if loc.path and loc.focus else (loc.path or "")]
    context = ", ".join(part for part in where if part)
    message = finding.message + (f" ({context})" if context else "")
    if finding.fix:
        message += f"\nFix: {finding.fix}"
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::{COMMANDS[finding.severity]} {props}::{escape_data(message)}"


def render(report: Report, context: RenderContext) -> str:
    lines = [command(f) for f in report.findings]
    lines.append(summary(report, context).replace("**", ""))
    return "\n".join(lines) + "\n"
