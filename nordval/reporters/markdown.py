"""Markdown for a pull-request comment: one summary line and a compact table, at most 100 rows.

Comment size is limited (GitHub: 65 536 characters), so the table stops after ``MAX_ROWS`` rows
with a line saying how many were left out; the full report belongs in an artifact.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..curies import curie
from ..model import Finding, Report

if TYPE_CHECKING:
    from . import RenderContext

MAX_ROWS = 100
HEADER = ("Severity", "File", "Focus", "Path", "Rule", "Message")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def cell(text: str, code: bool = False) -> str:
    """One table cell: no line breaks, pipes escaped (also inside code spans, as GFM requires)."""
    flat = " ".join(text.split()).replace("|", "\\|")
    if not flat or not code:
        return flat
    return f"`` {flat} ``" if "`" in flat else f"`{flat}`"


def summary(report: Report, context: RenderContext) -> str:
    counts = report.counts()
    if context.fail_on is None:
        verdict = "not gated"
    else:
        verdict = "conforms" if report.conforms(context.fail_on) else "**does not conform**"
    return (f"**nordval** ({report.profile or 'ad-hoc'}): {_plural(counts['error'], 'error')}, "
            f"{_plural(counts['warning'], 'warning')}, {_plural(counts['info'], 'info')} in "
            f"{_plural(len(report.inputs), 'file')}: {verdict}")


def row(finding: Finding) -> str:
    loc = finding.location
    where = loc.file + (f":{loc.line}" if loc.line else "")
    path = curie(loc.path) if loc.path and loc.focus else (loc.path or "")
    cells = (finding.severity.label, cell(where, code=True), cell(curie(loc.focus), code=True),
             cell(path, code=True), cell(finding.rule, code=True), cell(finding.message))
    return "| " + " | ".join(cells) + " |"


def render(report: Report, context: RenderContext) -> str:
    lines = [summary(report, context)]
    if report.findings:
        lines += ["", "| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
        lines += [row(f) for f in report.findings[:MAX_ROWS]]
        hidden = len(report.findings) - MAX_ROWS
        if hidden > 0:
            lines += ["", f"… and {hidden} more {'finding' if hidden == 1 else 'findings'}."]
    return "\n".join(lines) + "\n"
