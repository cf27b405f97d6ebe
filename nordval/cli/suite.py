"""``nordval suite``: run test suites and report rule coverage, for standards bodies."""

from __future__ import annotations

from pathlib import Path

import click

from .. import __version__, suite
from ..reporters import RenderContext
from ..reporters.suitereport import SUITE_REPORTERS
from .base import EXIT_CODES, NordvalGroup, cli, emit, profile_path_option


@cli.group("suite", cls=NordvalGroup, epilog=EXIT_CODES)
def suite_cmd() -> None:
    """Run test suites (manifests, .expect.toml sidecars, valid*/invalid* folders)."""


@suite_cmd.command("run", epilog=EXIT_CODES)
@click.argument("path", type=click.Path(exists=True))
@click.option("-p", "--profile", help="Profile for cases that do not name one.")
@click.option("-f", "--format", "fmt", type=click.Choice(sorted(SUITE_REPORTERS)), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the results to this file.")
@profile_path_option
@click.pass_context
def suite_run(ctx: click.Context, path: str, profile: str | None, fmt: str, output: str | None,
              profile_path: tuple[str, ...]) -> None:
    """Run every case of the suite at PATH; exit 1 when any case fails.

    \b
    Examples:
      nordval suite run fixtures/dcat-ap-3
      nordval suite run --profile dcat-ap-no-3 path/to/v3-shacl-tests --format junit -o suite.xml
    """
    cases = suite.discover(Path(path), profile)
    results = list(suite.run(cases, profile_path))
    emit(SUITE_REPORTERS[fmt](results, RenderContext(__version__)), output, None)
    ctx.exit(0 if all(r.passed for r in results) else 1)


@suite_cmd.command("coverage", epilog=EXIT_CODES)
@click.argument("path", type=click.Path(exists=True))
@click.option("-p", "--profile", required=True, help="The profile whose rules should be exercised.")
@profile_path_option
def suite_coverage(path: str, profile: str, profile_path: tuple[str, ...]) -> None:
    """List the rules of PROFILE that no negative case of the suite at PATH triggers."""
    cases = suite.discover(Path(path), profile)
    results = list(suite.run(cases, profile_path))
    untested = suite.coverage(results, profile, profile_path)
    for rule in untested:
        click.echo(rule)
    click.echo(f"{len(untested)} rule(s) of {profile} are not exercised by any negative case "
               f"({len(results)} cases)", err=True)
