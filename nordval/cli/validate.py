"""``nordval validate`` and ``nordval baseline``: one run of the profile over the inputs, gated."""

from __future__ import annotations

import sys
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

import click

from .. import __version__, api, baseline, config, distributed, inputs, progress
from ..gate import Gate, parse_severity_overrides
from ..model import Report
from ..profiles import ResolvedProfile
from ..reporters import REPORTERS, RenderContext
from ..reporters.rulecatalogue import for_gate
from ..reporters.shaclreport import SYNTAXES
from ..validators.shacl import ENGINES
from .base import (
    EXIT_CODES,
    FAIL_ON,
    ToolFailure,
    cli,
    emit,
    fail_on_severity,
    profile_path_option,
    read_stdin,
    use_color,
)
from .progressbar import TerminalBar

# command-line parameter -> configuration key (nordval.toml / [tool.nordval])
CONFIG_KEYS = {
    "profile": "profile", "paths": "paths", "exclude": "exclude", "select": "select", "ignore": "ignore",
    "severity": "severity", "baselines": "baseline", "lang": "lang", "fail_on": "fail-on", "fmt": "format",
    "profile_path": "profile-path", "max_findings": "max-findings", "report_syntax": "report-syntax",
    "engine": "engine", "executor": "executor", "scheduler": "scheduler",
}


def effective(ctx: click.Context, params: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """Options after the configuration file filled in what the command line left at default."""
    loaded = config.load()
    values = dict(params)
    sources = {name: "command line" for name in params}
    for name, key in CONFIG_KEYS.items():
        if name not in params:
            continue
        from_cli = ctx.get_parameter_source(name) not in (click.core.ParameterSource.DEFAULT, None)
        if from_cli or key not in loaded.values:
            if not from_cli:
                sources[name] = "default"
            continue
        value = loaded.values[key]
        if key == "severity":
            value = tuple(f"{rule}={level}" for rule, level in value.items())
        elif key == "baseline":
            value = (value,)
        elif isinstance(value, list):
            value = tuple(value)
        values[name] = _checked(ctx, name, key, value, loaded.source)
        sources[name] = str(loaded.source)
    return values, sources


def _checked(ctx: click.Context, name: str, key: str, value: Any, source: Path | None) -> Any:
    """A configured value as its option would take it (choices, ranges), or one line naming the file."""
    param = next((p for p in ctx.command.params if p.name == name), None)
    if param is None:
        return value
    try:
        return param.type_cast_value(ctx, value)
    except click.BadParameter as exc:
        raise ToolFailure(f"{source}: '{key}': {exc.message}") from None


def gate_options(values: dict[str, Any]) -> Gate:
    try:
        severity = parse_severity_overrides(values.get("severity") or ())
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--severity") from None
    return Gate(tuple(values.get("select") or ()), tuple(values.get("ignore") or ()), severity,
                values.get("max_findings"))


def run(ctx: click.Context, values: dict[str, Any]) -> tuple[Report, ResolvedProfile]:
    """Validate the configured inputs; the ungated report and the profile it was checked against."""
    paths, shapes, schemas = values["paths"], values.get("shapes", ()), values.get("schemas", ())
    if not paths:
        raise click.UsageError("give at least one path, or - to read standard input")
    if not values["profile"] and not shapes and not schemas:
        raise click.UsageError("give --profile ID, or --shapes/--schema for ad-hoc validation")
    for extra in (*shapes, *schemas):
        if not Path(extra).is_file():
            raise ToolFailure(f"{extra}: no such file")
    options = api.Options(profile=values["profile"], profile_path=tuple(values["profile_path"]), shapes=shapes,
                          schemas=schemas, data_format=values.get("data_format"),
                          allow_network=values.get("allow_network", False), lang=values.get("lang"),
                          raise_errors=bool(ctx.obj and ctx.obj.get("traceback")),
                          engine=values.get("engine") or "auto")
    profile = options.resolve()
    excluded = tuple(values.get("exclude") or ())
    sources = [s for s in inputs.expand(paths)
               if not any(fnmatchcase(s.name, p) or fnmatchcase(Path(s.name).name, p) for p in excluded)]
    executor, scheduler = values.get("executor") or "local", values.get("scheduler")
    if scheduler and executor != "dask":
        raise click.UsageError("--scheduler needs --executor dask")
    if executor == "local":
        show = values.get("show_progress")
        bar = TerminalBar(sys.stderr) if (sys.stderr.isatty() if show is None else show) else None
        with progress.reporting_to(bar):
            return api.validate(options=options, sources=read_stdin(sources)), profile
    return distributed.validate(options=options, sources=read_stdin(sources), executor=executor,
                                scheduler=scheduler), profile


def common_options(function: Any) -> Any:
    for option in reversed([
        click.argument("paths", nargs=-1),
        click.option("-p", "--profile", help="Profile id (see 'nordval profiles')."),
        click.option("--shapes", multiple=True, type=click.Path(dir_okay=False),
                     help="SHACL shapes file for ad-hoc validation (repeatable); with --profile, an extra layer."),
        click.option("--schema", "schemas", multiple=True, type=click.Path(dir_okay=False),
                     help="XSD for ad-hoc XML validation (repeatable)."),
        click.option("--exclude", multiple=True, help="Glob of input files to skip (repeatable)."),
        click.option("--data-format", type=click.Choice(inputs.DATA_FORMATS),
                     help="Override syntax detection for every input."),
        click.option("--lang", help="Language of messages and fixes (e.g. nb, sv, fi); falls back to English."),
        click.option("--allow-network", is_flag=True,
                     help="Allow fetching JSON-LD contexts that are not bundled (off by default)."),
        click.option("--engine", type=click.Choice(ENGINES), default="auto", show_default=True,
                     help="SHACL engine: auto (the fast engine where it covers the shapes, pyshacl for the "
                          "rest), fast (refuse shapes it does not cover), pyshacl (the reference)."),
        click.option("--executor", type=click.Choice(distributed.EXECUTORS), default="local", show_default=True,
                     help="Where RDF inputs are validated: local (this process), processes (this machine's cores) "
                          "or dask (a Dask cluster; pip install 'nordval[dask]'). The report is the same."),
        click.option("--scheduler", metavar="ADDRESS",
                     help="Dask scheduler for --executor dask, e.g. tcp://10.0.0.5:8786; without it a "
                          "LocalCluster is started on this machine."),
        click.option("--progress/--no-progress", "show_progress", default=None,
                     help="Show parsing and validation progress of long inputs on stderr "
                          "[default: when stderr is a terminal]."),
        profile_path_option,
    ]):
        function = option(function)
    return function


@cli.command(epilog=EXIT_CODES)
@common_options
@click.option("-f", "--format", "fmt", type=click.Choice(sorted(REPORTERS)), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report to this file.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="error", show_default=True,
              help="Lowest severity that makes the exit code 1.")
@click.option("--select", multiple=True, help="Only these rules (ids or globs such as 'dcat-ap-3:Dataset.*').")
@click.option("--ignore", multiple=True, help="Leave out these rules (ids or globs).")
@click.option("--severity", multiple=True, metavar="RULE=LEVEL", help="Re-grade a rule (or glob) for this run.")
@click.option("--max-findings", type=click.IntRange(min=0), help="List at most N findings (counts stay complete).")
@click.option("--baseline", "baselines", multiple=True, type=click.Path(dir_okay=False),
              help="Report only findings not recorded in this baseline/waiver file (repeatable).")
@click.option("--report-syntax", type=click.Choice(sorted(SYNTAXES)), default="turtle", show_default=True,
              help="RDF syntax of --format shacl.")
@click.pass_context
def validate(ctx: click.Context, **params: Any) -> None:
    """Validate PATHS (files, directories, globs, or - for stdin) against a profile.

    Settings missing from the command line are taken from nordval.toml or [tool.nordval]
    in pyproject.toml (see 'nordval config').

    \b
    Examples:
      nordval validate --profile dcat-ap-3 catalogue.ttl
      nordval validate --profile dcat-ap-3 --format json -o report.json data/
      cat catalogue.ttl | nordval validate --profile dcat-ap-3 -
      nordval validate --shapes my-shapes.ttl catalogue.ttl
      nordval validate -p dcat-ap-no --baseline .nordval-baseline.json data/
    """
    values, _sources = effective(ctx, params)
    report, profile = run(ctx, values)
    if values.get("baselines"):
        entries = [entry for path in values["baselines"] for entry in baseline.read(path)]
        outcome = baseline.apply(report, entries)
        report = outcome.report
        _baseline_notes(outcome)
    gating = gate_options(values)
    report, omitted = gating.apply(report)
    gate = fail_on_severity(values["fail_on"])
    output = values.get("output")
    context = RenderContext(__version__, gate, color=use_color(output),
                            rules=for_gate(profile.rules, gating.keep, gating.regrade),
                            report_syntax=values["report_syntax"],
                            languages=api.languages_for(profile, values.get("lang")))
    emit(REPORTERS[values["fmt"]](report, context), output, None)
    if omitted:
        click.echo(f"{omitted} more finding(s) not listed (--max-findings); the counts include them.", err=True)
    ctx.exit(report.exit_code(gate))


def _baseline_notes(outcome: baseline.Outcome) -> None:
    click.echo(f"baseline: {outcome.suppressed} known finding(s) not reported", err=True)
    if outcome.fixed:
        click.echo(f"baseline: {len(outcome.fixed)} entr{'y is' if len(outcome.fixed) == 1 else 'ies are'} fixed "
                   "and can be removed (rerun 'nordval baseline' to shrink the file)", err=True)
    for entry in outcome.expired:
        reason = f" ({entry.reason})" if entry.reason else ""
        click.echo(f"baseline: waiver for {entry.rule} on {entry.focus or '-'}{reason} expired on "
                   f"{entry.expires}; it no longer applies", err=True)


@cli.command("baseline", epilog=EXIT_CODES)
@common_options
@click.option("-o", "--output", default=".nordval-baseline.json", show_default=True,
              type=click.Path(dir_okay=False), help="The baseline file to write.")
@click.pass_context
def baseline_cmd(ctx: click.Context, **params: Any) -> None:
    """Record today's findings of PATHS, so that later runs fail only on new ones.

    Entries already in the file keep their reason and expiry date; fixed ones are dropped.
    """
    values, _sources = effective(ctx, params)
    report, _profile = run(ctx, values)
    output = values["output"]
    previous = baseline.read(output) if Path(output).is_file() else []
    count = baseline.write(report, output, previous)
    click.echo(f"wrote {count} entr{'y' if count == 1 else 'ies'} to {output}")


@cli.command("config", epilog=EXIT_CODES)
def config_cmd() -> None:
    """Print the effective configuration and where each value comes from."""
    loaded = config.load()
    click.echo(f"configuration file: {loaded.source or 'none found (defaults only)'}")
    for key in sorted(config.KEYS):
        if key in loaded.values:
            click.echo(f"  {key} = {loaded.values[key]!r}  ({loaded.source})")
        else:
            click.echo(f"  {key}: default")
    click.echo("Command-line options override these values.")

