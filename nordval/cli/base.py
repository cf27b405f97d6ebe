"""Shared pieces of the command line: the group, exit-2 handling, common options and output."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

import click

from .. import __version__, inputs
from ..errors import NordvalError
from ..model import Severity

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


def profile_path_option(function: Any) -> Any:
    return click.option(
        "--profile-path", "profile_path", multiple=True, type=click.Path(file_okay=False),
        help="Directory with extra profile manifests (*.toml); also $NORDVAL_PROFILE_PATH.",
    )(function)


def fail_on_severity(value: str) -> Severity | None:
    return None if value == "never" else Severity.parse(value)


def read_stdin(sources: list[inputs.Source]) -> list[inputs.Source]:
    if not any(s.path is None and s.data is None for s in sources):
        return sources
    data = sys.stdin.buffer.read()
    return [inputs.Source(s.name, data=data) if s.path is None and s.data is None else s for s in sources]


def emit(text: str, output: str | None, color: bool | None) -> None:
    if output:
        try:
            Path(output).write_text(click.unstyle(text), encoding="utf-8")
        except OSError as exc:
            raise ToolFailure(f"{output}: cannot write the report: {exc.strerror or exc}") from None
    else:
        click.echo(text, nl=False, color=color)


def use_color(output: str | None) -> bool:
    return output is None and sys.stdout.isatty()
