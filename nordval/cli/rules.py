"""``nordval rules`` and ``nordval explain``: the rule catalogue, ruff-style."""

from __future__ import annotations

import json

import click

from .. import profiles, ruledocs
from .base import EXIT_CODES, ToolFailure, cli, profile_path_option


def _profiles_to_list(profile: str | None, profile_path: tuple[str, ...]) -> list[profiles.ResolvedProfile]:
    path = profiles.search_path(profile_path)
    ids = [profile] if profile else sorted(profiles.registry(path))
    return [profiles.resolve(pid, path) for pid in ids]


@cli.command("rules", epilog=EXIT_CODES)
@click.option("-p", "--profile", help="Only the rules in force under this profile (all layers).")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@profile_path_option
def rules_cmd(profile: str | None, fmt: str, profile_path: tuple[str, ...]) -> None:
    """List rules: id, severity and a one-line summary (each rule under the layer that defines it)."""
    rows: list[tuple[str, str, str, str]] = []
    for resolved in _profiles_to_list(profile, profile_path):
        chosen = [r for r in resolved.active_rules() if r.reportable] if profile else ruledocs.own_rules(resolved)
        rows.extend((r.id, r.severity.label, r.layer, r.message(resolved.languages) or r.name or "") for r in chosen)
    rows.sort()
    if fmt == "json":
        click.echo(json.dumps([{"rule": i, "severity": s, "layer": layer, "summary": m} for i, s, layer, m in rows],
                              indent=2, ensure_ascii=False))
        return
    width = max((len(r[0]) for r in rows), default=10)
    for rule_id, severity, _layer, summary in rows:
        click.echo(f"{rule_id:<{width}}  {severity:<7}  {summary}")


@cli.command("explain", epilog=EXIT_CODES)
@click.argument("rule_id")
@click.option("-p", "--profile", help="Explain the rule as it applies under this profile.")
@click.option("--lang", help="Language of the texts; falls back to English.")
@profile_path_option
def explain_cmd(rule_id: str, profile: str | None, lang: str | None, profile_path: tuple[str, ...]) -> None:
    """Explain RULE_ID: what it checks, why it matters, failing and passing examples, fix, link."""
    path = profiles.search_path(profile_path)
    known = profiles.registry(path)
    layer = rule_id.split(":", 1)[0]
    candidates = [profile] if profile else ([layer] if layer in known else sorted(known))
    for pid in candidates:
        resolved = profiles.resolve(pid, path)
        rule = resolved.rule_by_id(rule_id)
        if rule is not None:
            break
    else:
        raise ToolFailure(f"unknown rule {rule_id!r}; run 'nordval rules' to list them")
    languages = tuple(dict.fromkeys([lang, *resolved.languages, "en"] if lang else [*resolved.languages, "en"]))
    doc = ruledocs.document(resolved, rule, languages)
    state = " (deactivated under this profile)" if rule.deactivated else ""
    click.echo(f"{rule.id}  [{rule.severity.label}, level {rule.level or '-'}, layer {rule.layer}]{state}")
    click.echo(f"path: {rule.path or '-'}")
    click.echo("")
    click.echo(f"What it checks: {doc.summary}")
    click.echo(f"Why it matters for reuse: {doc.why}")
    if doc.fix:
        click.echo(f"Fix: {doc.fix}")
    if doc.failing and doc.passing:
        click.echo("\nFailing example:\n" + ruledocs.body(doc.failing))
        click.echo("\nPassing example:\n" + ruledocs.body(doc.passing))
    if rule.see:
        click.echo(f"\nSpecification: {rule.see}")
