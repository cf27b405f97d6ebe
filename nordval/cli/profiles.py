"""``nordval profiles``: list, show, diff and export profiles."""

from __future__ import annotations

import click

from .. import __version__, codelists, engine, profilediff, profiles, resources
from ..model import Severity
from ..reporters import RenderContext
from ..reporters.diffreport import DIFF_REPORTERS
from ..validators.shacl import ONTOLOGY
from .base import EXIT_CODES, NordvalGroup, cli, emit, profile_path_option


@cli.group(cls=NordvalGroup, invoke_without_command=True, epilog=EXIT_CODES)
@profile_path_option
@click.pass_context
def profiles_cmd(ctx: click.Context, profile_path: tuple[str, ...]) -> None:
    """List the profiles (id, title, version, status, parent)."""
    ctx.ensure_object(dict)
    ctx.obj["profile_path"] = profile_path
    if ctx.invoked_subcommand is not None:
        return
    known = profiles.registry(profiles.search_path(profile_path))
    rows = [(p.id, p.version, p.status, p.extends or "-", p.title) for p in sorted(known.values(), key=lambda p: p.id)]
    header = ("id", "version", "status", "parent", "title")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(4)]
    for row in [header, *rows]:
        click.echo("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:4])) + "  " + row[4])


cli.add_command(profiles_cmd, name="profiles")


def _resolved(ctx: click.Context, profile_id: str) -> profiles.ResolvedProfile:
    path = profiles.search_path((ctx.obj or {}).get("profile_path", ()))
    return profiles.resolve(profile_id, path)


@profiles_cmd.command("show")
@click.argument("profile_id")
@click.option("--rules", "list_rules", is_flag=True, help="List every rule with the layer that defines it.")
@click.pass_context
def profiles_show(ctx: click.Context, profile_id: str, list_rules: bool) -> None:
    """Show the resolved layers of PROFILE_ID, their files, vocabularies and rules per severity."""
    resolved = _resolved(ctx, profile_id)
    leaf = resolved.profile
    click.echo(f"{leaf.id}: {leaf.label} ({leaf.status})")
    if leaf.spec:
        click.echo(f"  specification: {leaf.spec}")
    click.echo(f"  languages: {', '.join(leaf.languages)}")
    click.echo("  layers, applied in this order:")
    for number, layer in enumerate(resolved.chain, 1):
        click.echo(f"    {number}. {layer.id}  {layer.label}  [{layer.source}]")
        if layer.origin:
            click.echo(f"       origin: {layer.origin}")
        for file in resolved.files.get(layer.id, ()):
            click.echo(f"       file: {file}")
        active = [r for r in resolved.rules.values() if r.layer == layer.id and not r.deactivated and r.reportable]
        per = {s: sum(1 for r in active if r.severity == s) for s in sorted(Severity, reverse=True)}
        click.echo("       rules: " + ", ".join(f"{n} {s.label}" for s, n in per.items()))
        _show_changes(resolved, layer.id)
    _show_engine(resolved)
    click.echo("  vocabularies (background knowledge):")
    for vocab_id in resolved.vocabularies:
        vocab = codelists.load(vocab_id)
        click.echo(f"    {vocab_id}: {vocab.snapshot}, {len(vocab.concepts)} concepts")
    if list_rules:
        click.echo("  rules:")
        for rule in sorted(resolved.rules.values(), key=lambda r: r.id):
            if not rule.reportable:
                continue
            state = " (deactivated)" if rule.deactivated else ""
            click.echo(f"    {rule.severity.label:<7} {rule.id}  [layer {rule.layer}]{state}")


def _show_engine(resolved: profiles.ResolvedProfile) -> None:
    """Which targeted shapes the fast SHACL engine runs, and which fall back to pyshacl (and why)."""
    if not len(resolved.shapes):
        return
    covered = engine.coverage(resolved)
    if covered.broken:
        click.echo(f"  SHACL engine: pyshacl for every shape ({covered.broken})")
        return
    click.echo(f"  SHACL engine: fast for {len(covered.fast)} of {covered.total} targeted shapes"
               + ("" if covered.fallback else " (all)"))
    for rule_id, reason in covered.fallback:
        click.echo(f"    pyshacl: {rule_id} ({reason})")


def _show_changes(resolved: profiles.ResolvedProfile, layer: str) -> None:
    manifest = next(p for p in resolved.chain if p.id == layer)
    for reference in manifest.deactivate:
        click.echo(f"       deactivates: {reference}")
    for old, new in manifest.replace:
        click.echo(f"       replaces: {old} -> {new}")
    for reference, severity in manifest.severity:
        click.echo(f"       re-grades: {reference} -> {severity.label}")


@profiles_cmd.command("diff")
@click.argument("left")
@click.argument("right")
@click.option("-f", "--format", "fmt", type=click.Choice(sorted(DIFF_REPORTERS)), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the comparison to this file.")
@click.pass_context
def profiles_diff(ctx: click.Context, left: str, right: str, fmt: str, output: str | None) -> None:
    """Compare the rules of two profiles without any data.

    Rules are matched by family (the rule id without its layer): levels, severities,
    cardinalities, node kinds, classes and value spaces that differ, and rules only one has.
    """
    result = profilediff.diff(_resolved(ctx, left), _resolved(ctx, right))
    emit(DIFF_REPORTERS[fmt](result, RenderContext(__version__)), output, False)


@profiles_cmd.command("export")
@click.argument("profile_id")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Turtle file for the shapes (default: stdout).")
@click.option("--vocabularies", "vocab_output", type=click.Path(dir_okay=False),
              help="Also write the background vocabularies (data side) to this Turtle file.")
@click.pass_context
def profiles_export(ctx: click.Context, profile_id: str, output: str | None, vocab_output: str | None) -> None:
    """Write the resolved shapes of PROFILE_ID as one Turtle file, for any SHACL engine.

    Load the --vocabularies file into the data graph (not the shapes graph): code-list
    membership is data-side background knowledge.
    """
    resolved = _resolved(ctx, profile_id)
    emit(resolved.shapes.serialize(format="turtle"), output, False)
    if vocab_output:
        graph = codelists.export(resolved.vocabularies)
        graph += resources.rdf_file(ONTOLOGY)
        emit(graph.serialize(format="turtle"), vocab_output, False)
