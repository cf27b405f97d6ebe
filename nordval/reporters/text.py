"""Human report: grouped by file, then graph and focus node; one summary line at the end."""

from __future__ import annotations

from itertools import groupby
from typing import Any

import click

from ..curies import curie
from ..model import Finding, Report, Severity

COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
INDENT = "      "


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _finding_lines(finding: Finding, color: bool) -> list[str]:
    loc = finding.location
    label = finding.severity.label
    styled = click.style(f"{label:<7}", fg=COLOURS[finding.severity], bold=True) if color else f"{label:<7}"
    where = curie(loc.path) if loc.path and loc.focus is not None else (loc.path or "")
    position = f"line {loc.line}" + (f":{loc.column}" if loc.column else "") if loc.line else ""
    head = "  ".join(part for part in (styled, position, where, f"[{finding.rule}]") if part)
    lines = [f"    {head}", f"{INDENT}{finding.message}"]
    if loc.value is not None:
        lines.append(f"{INDENT}value: {curie(loc.value) if loc.value.startswith(('http', '_:')) else repr(loc.value)}")
    origin = finding.layer if finding.layer and finding.layer != finding.profile else None
    if origin and finding.layer != "input":
        lines.append(f"{INDENT}layer: {origin} (checked under {finding.profile})")
    if finding.fix:
        lines.append(f"{INDENT}fix:   {finding.fix}")
    if finding.see:
        lines.append(f"{INDENT}see:   {finding.see}")
    return lines


def render(report: Report, context: Any) -> str:
    color = bool(context.color)
    out: list[str] = []
    for file, in_file in groupby(report.findings, key=lambda f: f.location.file):
        out.append(click.style(file, bold=True) if color else file)
        for (graph, focus), group in groupby(in_file, key=lambda f: (f.location.graph, f.location.focus)):
            heading = f"<{focus}>" if focus and not focus.startswith("_:") else (focus or "(document)")
            if graph:
                heading += f"  in graph <{graph}>"
            out.append(f"  {heading}")
            for finding in group:
                out.extend(_finding_lines(finding, color))
    counts = report.counts()
    files = len(report.inputs)
    verdict = "conforms" if report.conforms(context.fail_on) else "does not conform"
    if context.fail_on is None:
        verdict = "not gated (--fail-on never)"
    summary = (f"{_plural(counts['error'], 'error')}, {_plural(counts['warning'], 'warning')}, "
               f"{_plural(counts['info'], 'info')} in {_plural(files, 'file')} "
               f"(profile {report.profile}): {verdict}")
    if out:
        out.append("")
    out.append(click.style(summary, bold=True) if color else summary)
    return "\n".join(out) + "\n"
