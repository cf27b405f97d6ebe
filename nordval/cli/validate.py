"""``nordval validate``."""

from __future__ import annotations

from pathlib import Path

import click

from .. import __version__, api, inputs
from ..reporters import REPORTERS, RenderContext
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
@profile_path_option
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
    sources = read_stdin(inputs.expand(paths))
    report = api.validate(options=options, sources=sources)
    gate = fail_on_severity(fail_on)
    emit(REPORTERS[fmt](report, RenderContext(__version__, gate, color=use_color(output))), output, None)
    ctx.exit(report.exit_code(gate))
