"""Renderings of a ProfileDiff: text, Markdown (for a standards body's page) and JSON."""

from __future__ import annotations

import json
from typing import Any

from ..profilediff import ProfileDiff, RuleFacts


def _facts_text(item: RuleFacts) -> str:
    return ", ".join(f"{k} {v}" for k, v in item.facts.items())


def render_text(result: ProfileDiff, context: Any) -> str:
    out = [f"Rules of {result.left} vs {result.right}", ""]
    out.append(f"Differences on the same rule family ({len(result.differences)}):")
    for d in result.differences:
        out.append(f"  {d.family:<42} {d.aspect:<12} {result.left}: {d.left}")
        out.append(f"  {'':<42} {'':<12} {result.right}: {d.right}")
    for title, items in ((f"Only in {result.left}", result.only_left), (f"Only in {result.right}", result.only_right)):
        out.append("")
        out.append(f"{title} ({len(items)}):")
        out.extend(f"  {item.rule.id:<50} {_facts_text(item)}" for item in items)
    return "\n".join(out) + "\n"


def render_markdown(result: ProfileDiff, context: Any) -> str:
    out = [f"## `{result.left}` vs `{result.right}`", "",
           f"| rule family | aspect | {result.left} | {result.right} |", "|---|---|---|---|"]
    out.extend(f"| `{d.family}` | {d.aspect} | {d.left} | {d.right} |" for d in result.differences)
    sections = ((f"Only in `{result.left}`", result.only_left), (f"Only in `{result.right}`", result.only_right))
    for title, items in sections:
        out.extend(["", f"### {title}", "", "| rule | facts |", "|---|---|"])
        out.extend(f"| `{item.rule.id}` | {_facts_text(item)} |" for item in items)
    return "\n".join(out) + "\n"


def _item(item: RuleFacts) -> dict[str, Any]:
    return {"rule": item.rule.id, "layer": item.rule.layer, "path": item.rule.path, **item.facts}


def render_json(result: ProfileDiff, context: Any) -> str:
    data = {
        "tool": "nordval", "version": context.tool_version, "left": result.left, "right": result.right,
        "differences": [{"family": d.family, "aspect": d.aspect, "left": d.left, "right": d.right,
                         "left_rule": d.left_rule, "right_rule": d.right_rule} for d in result.differences],
        "only_left": [_item(i) for i in result.only_left],
        "only_right": [_item(i) for i in result.only_right],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


DIFF_REPORTERS = {"text": render_text, "markdown": render_markdown, "json": render_json}
