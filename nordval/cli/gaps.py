"""``nordval gaps``: what blocks reuse of a document in other profiles."""

from __future__ import annotations

import click

from .. import __version__, api, inputs, profiles
from .. import gaps as gap_analysis
from ..reporters import RenderContext
from ..reporters.gapreport import GAP_REPORTERS
from .base import EXIT_CODES, FAIL_ON, cli, emit, fail_on_severity, profile_path_option, read_stdin, use_color


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
@profile_path_option
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
    sources = read_stdin(inputs.expand(paths))
    result = gap_analysis.compare(None, home, wanted, options, sources)
    gate = fail_on_severity(fail_on)
    emit(GAP_REPORTERS[fmt](result, RenderContext(__version__, gate, color=use_color(output))), output, None)
    ctx.exit(result.exit_code(gate))
