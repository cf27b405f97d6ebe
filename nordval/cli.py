"""Command line: parses options, calls the API, picks a reporter, decides the exit code."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

import click

from . import __version__, api, codelists, fixes, inputs, profilediff, profiles, resources
from . import gaps as gap_analysis
from .curies import curie
from .errors import NordvalError
from .model import Severity
from .reporters import REPORTERS, RenderContext
from .reporters.diffreport import DIFF_REPORTERS
from .reporters.gapreport import GAP_REPORTERS
from .validators.shacl import ONTOLOGY

EXIT_CODES = """\b
Exit codes:
  0  nothing at or above --fail-on was found
  1  findings at or above --fail-on (an unreadable or unparseable input is a finding)
  2  nordval could not do its job: bad usage, unknown profile, broken shapes or schema
     file, internal error
"""
FAIL_ON = ("error", "warning", "info", "never")


class ToolFailure(click.ClickException):
    """Exit 2 with one line on stderr: the tool, not the data, failed."""

    exit_code = 2

    def format_message(self) -> str:
        return self.message


class NordvalGroup(click.Group):
    """Turns library errors into exit 2 and one line, never a traceback (unless asked)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NordvalError as exc:
            raise ToolFailure(str(exc)) from None
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as exc:
            if ctx.params.get("traceback"):
                raise
            detail = " ".join(str(exc).split())[:300]
            raise ToolFailure(f"internal error: {type(exc).__name__}: {detail} "
                              "(rerun with --traceback for details)") from None


@click.group(cls=NordvalGroup, epilog=EXIT_CODES, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="nordval")
@click.option("--traceback", is_flag=True, help="Show the Python traceback of an internal error.")
@click.pass_context
def cli(ctx: click.Context, traceback: bool) -> None:
    """Validate DCAT-AP metadata (and XML payloads) against EU, Nordic and Baltic profiles,
    and report what blocks cross-border reuse."""
    ctx.obj = {"traceback": traceback}
    # rdflib logs a traceback for every ill-typed literal (e.g. "2023-13-45"^^xsd:date); the
    # datatype rules report those as findings, so the log only adds noise to stderr.
    for name in ("rdflib", "pyshacl"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def _profile_path_option(function: Any) -> Any:
    return click.option(
        "--profile-path", "profile_path", multiple=True, type=click.Path(file_okay=False),
        help="Directory with extra profile manifests (*.toml); also $NORDVAL_PROFILE_PATH.",
    )(function)


def _fail_on(value: str) -> Severity | None:
    return None if value == "never" else Severity.parse(value)


def _read_stdin(sources: list[inputs.Source]) -> list[inputs.Source]:
    if not any(s.path is None and s.data is None for s in sources):
        return sources
    data = sys.stdin.buffer.read()
    return [inputs.Source(s.name, data=data) if s.path is None and s.data is None else s for s in sources]


def _emit(text: str, output: str | None, color: bool | None) -> None:
    if output:
        try:
            Path(output).write_text(click.unstyle(text), encoding="utf-8")
        except OSError as exc:
            raise ToolFailure(f"{output}: cannot write the report: {exc.strerror or exc}") from None
    else:
        click.echo(text, nl=False, color=color)


@cli.command(epilog=EXIT_CODES)
@click.argument("paths", nargs=-1)
@click.option("-p", "--profile", help="Profile id (see 'nordval profiles').")
@click.option("--shapes", multiple=True, type=click.Path(dir_okay=False),
              help="SHACL shapes file for ad-hoc validation (repeatable); with --profile, an extra layer.")
@click.option("--schema", "schemas", multiple=True, type=click.Path(dir_okay=False),
              help="XSD for ad-hoc XML validation (repeatable).")
@click.option("-f", "--format", "fmt", type=click.Choice(sorted(REPORTERS)), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report to this file.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="error", show_default=True,
              help="Lowest severity that makes the exit code 1.")
@click.option("--data-format", type=click.Choice(inputs.DATA_FORMATS),
              help="Override syntax detection for every input.")
@click.option("--lang", help="Language of messages and fixes (e.g. nb, sv, fi); falls back to English.")
@click.option("--allow-network", is_flag=True,
              help="Allow fetching JSON-LD contexts that are not bundled (off by default).")
@_profile_path_option
@click.pass_context
def validate(ctx: click.Context, paths: tuple[str, ...], profile: str | None, shapes: tuple[str, ...],
             schemas: tuple[str, ...], fmt: str, output: str | None, fail_on: str, data_format: str | None,
             lang: str | None, allow_network: bool, profile_path: tuple[str, ...]) -> None:
    """Validate PATHS (files, directories, globs, or - for stdin) against a profile.

    \b
    Examples:
      nordval validate --profile dcat-ap-3 catalogue.ttl
      nordval validate --profile dcat-ap-3 --format json -o report.json data/
      cat catalogue.ttl | nordval validate --profile dcat-ap-3 -
      nordval validate --shapes my-shapes.ttl catalogue.ttl
    """
    if not paths:
        raise click.UsageError("give at least one path, or - to read standard input")
    if not profile and not shapes and not schemas:
        raise click.UsageError("give --profile ID, or --shapes/--schema for ad-hoc validation")
    for extra in (*shapes, *schemas):
        if not Path(extra).is_file():
            raise ToolFailure(f"{extra}: no such file")
    options = api.Options(profile=profile, profile_path=profile_path, shapes=shapes, schemas=schemas,
                          data_format=data_format, allow_network=allow_network, lang=lang,
                          raise_errors=bool(ctx.obj and ctx.obj.get("traceback")))
    options.resolve()
    sources = _read_stdin(inputs.expand(paths))
    report = api.validate(options=options, sources=sources)
    gate = _fail_on(fail_on)
    _emit(REPORTERS[fmt](report, RenderContext(__version__, gate, color=_use_color(output))), output, None)
    ctx.exit(report.exit_code(gate))


@cli.command(epilog=EXIT_CODES)
@click.argument("paths", nargs=-1)
@click.option("--from", "home", required=True, help="The profile the input is written for.")
@click.option("--to", "targets", required=True,
              help="Comma-separated target profiles, or 'all' for every profile of the same family.")
@click.option("-f", "--format", "fmt", type=click.Choice(sorted(GAP_REPORTERS)), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report to this file.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="error", show_default=True,
              help="Lowest severity that makes a target count as blocked (exit 1).")
@click.option("--data-format", type=click.Choice(inputs.DATA_FORMATS), help="Override syntax detection.")
@click.option("--lang", help="Language of messages and fixes; falls back to English.")
@click.option("--allow-network", is_flag=True, help="Allow fetching JSON-LD contexts that are not bundled.")
@_profile_path_option
@click.pass_context
def gaps(ctx: click.Context, paths: tuple[str, ...], home: str, targets: str, fmt: str, output: str | None,
         fail_on: str, data_format: str | None, lang: str | None, allow_network: bool,
         profile_path: tuple[str, ...]) -> None:
    """Show what blocks reuse of PATHS in other countries' profiles.

    \b
    Examples:
      nordval gaps catalogue.ttl --from dcat-ap-no --to dcat-ap-se,dcat-ap-dk,dcat-ap-3
      nordval gaps catalogue.ttl --from dcat-ap-se --to all --format markdown
    """
    if not paths:
        raise click.UsageError("give at least one path, or - to read standard input")
    wanted = [t.strip() for t in targets.split(",") if t.strip()]
    if wanted == ["all"]:
        wanted = gap_analysis.family_targets(home, profile_path)
    options = api.Options(profile=home, profile_path=profile_path, data_format=data_format,
                          allow_network=allow_network, lang=lang,
                          raise_errors=bool(ctx.obj and ctx.obj.get("traceback")))
    for profile_id in [home, *wanted]:
        profiles.resolve(profile_id, profiles.search_path(profile_path))
    sources = _read_stdin(inputs.expand(paths))
    result = gap_analysis.compare(None, home, wanted, options, sources)
    gate = _fail_on(fail_on)
    _emit(GAP_REPORTERS[fmt](result, RenderContext(__version__, gate, color=_use_color(output))), output, None)
    ctx.exit(result.exit_code(gate))


OUTPUT_SYNTAX = {"turtle": "turtle", "nt": "nt", "n3": "n3", "rdfxml": "xml", "json-ld": "json-ld",
                 "trig": "trig", "nquads": "nquads"}


@cli.command("fix", epilog=EXIT_CODES)
@click.argument("path")
@click.option("--to", "target", required=True, help="The profile to migrate towards.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the fixed data here (default: stdout).")
@click.option("--output-format", type=click.Choice(sorted(set(OUTPUT_SYNTAX.values()))),
              help="Syntax of the output (default: the input's).")
@click.option("--data-format", type=click.Choice(inputs.DATA_FORMATS), help="Override syntax detection.")
@_profile_path_option
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
    [source] = _read_stdin(inputs.expand([path]))
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
    _emit(inputs.serialize(fixed_doc, syntax), output, False)
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


def _use_color(output: str | None) -> bool:
    return output is None and sys.stdout.isatty()


@cli.group(cls=NordvalGroup, invoke_without_command=True, epilog=EXIT_CODES)
@_profile_path_option
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
    _emit(DIFF_REPORTERS[fmt](result, RenderContext(__version__)), output, False)


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
    _emit(resolved.shapes.serialize(format="turtle"), output, False)
    if vocab_output:
        graph = codelists.export(resolved.vocabularies)
        graph += resources.rdf_file(ONTOLOGY)
        _emit(graph.serialize(format="turtle"), vocab_output, False)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="nordval")


if __name__ == "__main__":  # pragma: no cover
    main()
