"""One self-contained HTML page: summary, filters (severity, rule, file) and findings by file and resource.

Meant to be kept as a CI artifact and opened from disk, so everything is inline and a
Content-Security-Policy forbids any external load. The script only reads the page itself (no
data is embedded in JavaScript), and every text from the input is HTML-escaped; links are made
only for http(s) addresses.
"""

from __future__ import annotations

import html
from itertools import groupby
from typing import TYPE_CHECKING

from ..curies import curie
from ..model import Finding, Report
from .markdown import summary
from .rulecatalogue import findings_by_file

if TYPE_CHECKING:
    from . import RenderContext

CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"

STYLE = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:72rem;
padding:1rem 1.5rem;color:#1f2328}
h1{font-size:1.4rem;margin:.2rem 0}h2{font-size:1.1rem;margin:1.6rem 0 .4rem;word-break:break-all}
h3{font-size:.95rem;margin:.9rem 0 .3rem;font-family:ui-monospace,monospace;word-break:break-all}
.summary{margin:.3rem 0 1rem}.filters{display:flex;flex-wrap:wrap;gap:.8rem;align-items:center;
padding:.6rem .8rem;background:#f6f8fa;border:1px solid #d0d7de;border-radius:6px}
.filters select{max-width:22rem}
.finding{border-left:4px solid #8c959f;padding:.3rem .7rem;margin:.3rem 0;background:#fff}
.finding.error{border-color:#cf222e}.finding.warning{border-color:#bf8700}.finding.info{border-color:#0969da}
.sev{font-weight:600;text-transform:uppercase;font-size:.75rem;margin-right:.5rem}
.error .sev{color:#cf222e}.warning .sev{color:#9a6700}.info .sev{color:#0969da}
.meta{color:#57606a;font-size:.85rem}code{font-family:ui-monospace,monospace;font-size:.85rem;word-break:break-all}
dl{margin:.2rem 0 0;display:grid;grid-template-columns:max-content 1fr;gap:.1rem .6rem}dt{color:#57606a}dd{margin:0}
.clean{color:#1a7f37}[hidden]{display:none!important}
"""

SCRIPT = """
(function(){
  var sel={severity:document.getElementById('f-severity'),rule:document.getElementById('f-rule'),
           file:document.getElementById('f-file')};
  function apply(){
    var shown=0;
    document.querySelectorAll('.finding').forEach(function(el){
      var ok=Object.keys(sel).every(function(k){return !sel[k].value||el.dataset[k]===sel[k].value;});
      el.hidden=!ok; if(ok){shown++;}
    });
    document.querySelectorAll('.resource,.file').forEach(function(group){
      group.hidden=!group.querySelector('.finding:not([hidden])');
    });
    document.getElementById('shown').textContent=shown;
  }
  Object.keys(sel).forEach(function(k){sel[k].addEventListener('change',apply);});
})();
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _link(url: str) -> str:
    if url.startswith(("https://", "http://")):
        return f'<a href="{_e(url)}" rel="noopener noreferrer">{_e(url)}</a>'
    return _e(url)


def _select(name: str, label: str, values: list[str]) -> str:
    options = "".join(f'<option value="{_e(v)}">{_e(v)}</option>' for v in values)
    return (f'<label>{label} <select id="f-{name}"><option value="">all</option>{options}</select></label>')


def _finding(finding: Finding) -> str:
    loc = finding.location
    position = f"line {loc.line}" + (f":{loc.column}" if loc.column else "") if loc.line else ""
    path = curie(loc.path) if loc.path and loc.focus else (loc.path or "")
    head = " · ".join(_e(p) for p in (position, path) if p)
    details = [("value", _e(loc.value) if loc.value is not None else None),
               ("fix", _e(finding.fix) if finding.fix else None),
               ("see", _link(finding.see) if finding.see else None)]
    rows = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in details if v is not None)
    return (f'<div class="finding {finding.severity.label}" data-severity="{finding.severity.label}" '
            f'data-rule="{_e(finding.rule)}" data-file="{_e(loc.file)}">'
            f'<span class="sev">{finding.severity.label}</span><span class="meta">{head}'
            f'{" · " if head else ""}<code>{_e(finding.rule)}</code></span>'
            f"<div>{_e(finding.message)}</div>" + (f"<dl>{rows}</dl>" if rows else "") + "</div>")


def _heading(focus: str | None, graph: str | None) -> str:
    text = focus if focus else "(document)"
    return _e(text) + (f" <span class=\"meta\">in graph {_e(graph)}</span>" if graph else "")


def render(report: Report, context: RenderContext) -> str:
    grouped = findings_by_file(report)
    rules = sorted({f.rule for f in report.findings})
    files = [file for file, found in grouped.items() if found]
    title = f"nordval report ({report.profile or 'ad-hoc'})"
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title>",
        f"<style>{STYLE.strip()}</style>",
        "</head>",
        "<body>",
        f"<h1>{_e(title)}</h1>",
        f'<p class="summary">{_e(summary(report, context).replace("**", ""))} '
        f'<span class="meta">(nordval {_e(context.tool_version)})</span></p>',
    ]
    if report.findings:
        out.append('<div class="filters">' + _select("severity", "Severity", ["error", "warning", "info"])
                   + _select("rule", "Rule", rules) + _select("file", "File", files)
                   + f'<span class="meta">showing <span id="shown">{len(report.findings)}</span> of '
                   f"{len(report.findings)}</span></div>")
    for file, found in grouped.items():
        if not found:
            continue
        out.append(f'<section class="file"><h2>{_e(file)}</h2>')
        for (graph, focus), group in groupby(found, key=lambda f: (f.location.graph, f.location.focus)):
            out.append(f'<div class="resource"><h3>{_heading(focus, graph)}</h3>')
            out.extend(_finding(f) for f in group)
            out.append("</div>")
        out.append("</section>")
    clean = [file for file, found in grouped.items() if not found]
    if clean:
        out.append(f'<section><h2>Files without findings ({len(clean)})</h2><ul class="clean">'
                   + "".join(f"<li>{_e(f)}</li>" for f in clean) + "</ul></section>")
    if report.findings:
        out.append(f"<script>{SCRIPT.strip()}</script>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"
