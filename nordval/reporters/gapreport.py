"""Renderings of a GapReport: a matrix (rule family x profile) and, per target, what blocks reuse."""

from __future__ import annotations

import html
import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from ..curies import curie
from ..gaps import GapReport, TargetResult, family_key
from ..model import Finding, Report, Severity
from .jsonreport import finding_dict

WIDTH = 120
CELL = {Severity.ERROR: "blocks", Severity.WARNING: "warns"}


@dataclass(frozen=True)
class Row:
    family: str
    path: str | None
    records: int
    cells: tuple[str, ...]


def columns(gaps: GapReport) -> list[tuple[str, Report]]:
    return [(gaps.home.profile or "home", gaps.home)] + [(pid, t.report) for pid, t in gaps.targets.items()]


def matrix(gaps: GapReport) -> list[Row]:
    """Rows: rule families with an error or warning anywhere; cells: blocks/warns/passes/n/a."""
    by_family: dict[str, dict[str, list[Finding]]] = defaultdict(lambda: defaultdict(list))
    paths: dict[str, str | None] = {}
    for pid, report in columns(gaps):
        for finding in report.findings:
            if finding.severity >= Severity.WARNING and not finding.rule.startswith(("input.", "engine.")):
                key = family_key(finding.rule)
                by_family[key][pid].append(finding)
                paths.setdefault(key, finding.location.path)
    rows = []
    for key in sorted(by_family):
        cells = []
        records = 0
        for pid, _report in columns(gaps):
            found = by_family[key].get(pid, [])
            records = max(records, len({(f.location.file, f.location.graph, f.location.focus) for f in found}))
            worst = max((f.severity for f in found), default=None)
            cells.append(CELL[worst] if worst in CELL else ("passes" if _has_rule(gaps, pid, key) else "n/a"))
        rows.append(Row(key, paths.get(key), records, tuple(cells)))
    return rows


def _has_rule(gaps: GapReport, pid: str, key: str) -> bool:
    known = gaps.rule_families.get(pid)
    return known is not None and key in known


def _target_dict(target: TargetResult, fail_on: Severity | None) -> dict[str, Any]:
    return {
        "conforms": target.conforms(fail_on),
        "verdict": target.verdict(fail_on),
        "summary": {"files": len(target.report.inputs), **target.report.counts()},
        "blocking": [{**finding_dict(f), "why": target.why.get(f)} for f in target.blocking],
        "warnings": [{**finding_dict(f), "why": target.why.get(f)} for f in target.warnings],
    }


def render_json(gaps: GapReport, context: Any) -> str:
    data = {
        "tool": "nordval",
        "version": context.tool_version,
        "from": gaps.home.profile,
        "inputs": list(gaps.inputs),
        "home": {"profile": gaps.home.profile, "conforms": gaps.home.conforms(Severity.ERROR),
                 "summary": {"files": len(gaps.home.inputs), **gaps.home.counts()}},
        "targets": {pid: _target_dict(t, context.fail_on) for pid, t in gaps.targets.items()},
        "conflicts": [{"file": c.file, "graph": c.graph, "focus": c.focus, "path": c.path, "value": c.value,
                       "profiles": list(c.profiles), "rules": list(c.rules), "explanation": c.explanation}
                      for c in gaps.conflicts],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _table(gaps: GapReport) -> tuple[list[str], list[list[str]], list[str]]:
    ids = [pid for pid, _ in columns(gaps)]
    header = ["rule family", "records", *ids]
    rows = [[r.family, str(r.records), *r.cells] for r in matrix(gaps)]
    legend: list[str] = []
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    if sum(widths) + 2 * len(widths) > WIDTH:
        legend = [f"[{n}] {pid}" for n, pid in enumerate(ids, 1)]
        header = ["rule family", "records", *[f"[{n}]" for n in range(1, len(ids) + 1)]]
        limit = WIDTH - 2 * len(header) - sum(max(len(h), 6) for h in header[1:])
        rows = [[r[0] if len(r[0]) <= limit else r[0][: limit - 1] + "~", *r[1:]] for r in rows]
    return header, rows, legend


def render_text(gaps: GapReport, context: Any) -> str:
    out = [f"Reuse of {', '.join(gaps.inputs)} from {gaps.home.profile} ({gaps.home_title})", ""]
    header, rows, legend = _table(gaps)
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        out.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
    if not rows:
        out.append("(no errors or warnings under any profile)")
    out.extend(legend)
    out.append("")
    home_counts = gaps.home.counts()
    out.append(f"home {gaps.home.profile}: {home_counts['error']} error(s), {home_counts['warning']} warning(s)")
    for pid, target in gaps.targets.items():
        out.append(f"{pid}: {target.verdict(context.fail_on)}")
        for finding in target.blocking:
            loc = finding.location
            graph = f" (graph <{loc.graph}>)" if loc.graph else ""
            where = f"<{loc.focus}>" if loc.focus else f"{loc.file}:{loc.line or '-'}"
            out.append(f"  blocks  {where}{graph} {curie(loc.path) if loc.focus else (loc.path or '')}  "
                       f"[{finding.rule}]")
            out.append(f"          {finding.message}")
            if loc.value is not None:
                out.append(f"          value: {loc.value}")
            out.append(f"          why:   {target.why.get(finding)}")
            if finding.fix:
                out.append(f"          fix:   {finding.fix}")
    for conflict in gaps.conflicts:
        out.append(f"conflict {' vs '.join(conflict.profiles)}: <{conflict.focus}> {curie(conflict.path)} "
                   f"value {conflict.value}")
        out.append(f"          {conflict.explanation}")
    return "\n".join(out) + "\n"


def render_markdown(gaps: GapReport, context: Any) -> str:
    header, rows, legend = _table(gaps)
    out = [f"### nordval: reuse from `{gaps.home.profile}`", "",
           "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out.extend("| " + " | ".join(f"`{c}`" if i == 0 else c for i, c in enumerate(row)) + " |" for row in rows)
    out.extend(["", *[f"- {line}" for line in legend]])
    for pid, target in gaps.targets.items():
        out.append(f"**{pid}**: {target.verdict(context.fail_on)}")
        out.append("")
        for finding in target.blocking:
            loc = finding.location
            out.append(f"- `{finding.rule}` on `<{loc.focus}>` `{curie(loc.path)}`: {finding.message} "
                       f"*Why:* {target.why.get(finding)} *Fix:* {finding.fix}")
        out.append("")
    if gaps.conflicts:
        out.append("**Profile conflicts** (no single value satisfies both):")
        out.append("")
        out.extend(f"- `{' vs '.join(c.profiles)}` on `<{c.focus}>` `{curie(c.path)}` = `{c.value}`: {c.explanation}"
                   for c in gaps.conflicts)
    return "\n".join(out).rstrip() + "\n"


_CSS = ("body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}.blocks{background:#f8d0d0}"
        ".warns{background:#fbeec1}.passes{background:#d7f0d7}.na{color:#999}code{font-size:.9em}")


def render_html(gaps: GapReport, context: Any) -> str:
    e = html.escape
    ids = [pid for pid, _ in columns(gaps)]
    parts = [f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>nordval gaps from "
             f"{e(str(gaps.home.profile))}</title><style>{_CSS}</style></head><body>",
             f"<h1>Reuse of {e(', '.join(gaps.inputs))}</h1><p>Home profile: <code>{e(str(gaps.home.profile))}"
             f"</code> ({e(gaps.home_title)})</p>",
             "<table><tr><th>rule family</th><th>records</th>" + "".join(f"<th>{e(i)}</th>" for i in ids) + "</tr>"]
    for row in matrix(gaps):
        cells = "".join(f"<td class='{c.replace('/', '')}'>{c}</td>" for c in row.cells)
        parts.append(f"<tr><td><code>{e(row.family)}</code></td><td>{row.records}</td>{cells}</tr>")
    parts.append("</table>")
    for pid, target in gaps.targets.items():
        parts.append(f"<h2>{e(pid)}: {e(target.verdict(context.fail_on))}</h2><ul>")
        for finding in target.blocking:
            loc = finding.location
            parts.append(f"<li><code>{e(finding.rule)}</code> on <code>{e(str(loc.focus))}</code> "
                         f"<code>{e(curie(loc.path))}</code>: {e(finding.message)}<br>why: "
                         f"{e(str(target.why.get(finding)))}<br>fix: {e(finding.fix or '')}</li>")
        parts.append("</ul>")
    if gaps.conflicts:
        parts.append("<h2>Profile conflicts</h2><ul>")
        parts.extend(f"<li><code>{e(' vs '.join(c.profiles))}</code> on <code>{e(c.focus)}</code> "
                     f"<code>{e(curie(c.path))}</code>: {e(c.explanation)}</li>" for c in gaps.conflicts)
        parts.append("</ul>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


GAP_REPORTERS = {"text": render_text, "json": render_json, "markdown": render_markdown, "html": render_html}
