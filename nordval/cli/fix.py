"""``nordval fix``: safe migrations towards a target profile."""

from __future__ import annotations

import click

from .. import api, fixes, inputs, profiles
from ..curies import curie
from ..model import Severity
from .base import EXIT_CODES, ToolFailure, cli, emit, profile_path_option, read_stdin

OUTPUT_SYNTAX = {"turtle": "turtle", "nt": "nt", "n3": "n3", "rdfxml": "xml", "json-ld": "json-ld",
                 "trig": "trig", "nquads": "nquads"}


@cli.command("fix", epilog=EXIT_CODES)
@click.argument("path")
@click.option("--to", "target", required=True, help="The profile to migrate towards.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the fixed data here (default: stdout).")
@click.option("--output-format", type=click.Choice(sorted(set(OUTPUT_SYNTAX.values()))),
              help="Syntax of the output (default: the input's).")
@click.option("--data-format", type=click.Choice(inputs.DATA_FORMATS), help="Override syntax detection.")
@profile_path_option
@click.pass_context
def fix_cmd(ctx: click.Context, path: str, target: str, output: str | None, output_format: str | None,
            data_format: str | None, profile_path: tuple[str, ...]) -> None:
    """Apply safe, mechanical migrations of PATH towards a target profile and list every change.

    Only rewrites with one correct answer are made (Creative Commons URIs to EU licence IRIs,
    literal MIME formats to file-type IRIs plus dcat:mediaType, ADMS status to EU distribution
    status, DCAT-AP 2 availability IRIs, GeoNames scheme, byte-size datatype, the mistyped
    r5ravailability property). Nothing is invented: remaining gaps are listed on stderr, and
    the exit code is 1 while errors remain.
    """
    resolved = profiles.resolve(target, profiles.search_path(profile_path))
    [source] = read_stdin(inputs.expand([path]))
    document, problems = inputs.load(source, data_format)
    if document is None or document.kind != "rdf":
        reason = problems[0].message if problems else "it is not RDF"
        raise ToolFailure(f"{source.name}: cannot fix: {reason}")
    fixed_graphs = []
    changes: list[fixes.Change] = []
    for name, graph in document.graphs:
        fixed, made = fixes.fix(graph, resolved)
        fixed_graphs.append((name, fixed))
        changes.extend(made)
    fixed_doc = inputs.Document(source.name, "rdf", document.syntax, graphs=fixed_graphs)
    syntax = output_format or OUTPUT_SYNTAX.get(document.syntax, "turtle")
    emit(inputs.serialize(fixed_doc, syntax), output, False)
    languages = api.languages_for(resolved, None)
    remaining = [f for f in api.validate_document(fixed_doc, resolved, languages) if f.severity == Severity.ERROR]
    for change in changes:
        click.echo(f"changed <{change.subject}> {curie(change.property)}: {change.old} -> {change.new} "
                   f"({change.reason})", err=True)
    for finding in remaining:
        click.echo(f"gap     <{finding.location.focus}> {curie(finding.location.path)} [{finding.rule}]: "
                   f"{finding.message}", err=True)
    click.echo(f"{len(changes)} change(s); {len(remaining)} error(s) remain under {target} "
               "(nordval fix never invents content)", err=True)
    ctx.exit(1 if remaining else 0)
