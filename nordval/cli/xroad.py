"""``nordval xroad``: X-Road helpers beside file validation (identifier strings, request/response pairs)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .. import __version__
from ..inputs import Source
from ..model import Report
from ..reporters import REPORTERS, RenderContext
from ..xroad import identifiers, pairing
from .base import EXIT_CODES, FAIL_ON, cli, emit, fail_on_severity, use_color


@cli.group("xroad")
def xroad() -> None:
    """X-Road tools: check identifier strings, and whether a response answers its request."""


@xroad.command("id")
@click.argument("text")
@click.option("--lenient", is_flag=True,
              help="Judge characters as an installation upgraded from X-Road < 7.3 does (warn only).")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def identifier(text: str, lenient: bool, fmt: str) -> None:
    """Parse an X-Road identifier and print its parts or its problems.

    \b
    Forms (PR-MESS §1.3; PR-REST §4):
      MEMBER:EE/GOV/70000310                 SUBSYSTEM:FI/GOV/0245437-2/vtj
      SERVICE:EE/GOV/70000310/rr/RR434/v1    SERVER:EE/GOV/70000310/ss1
      GLOBALGROUP:EE/security-server-owners  LOCALGROUP:admins
      EE/GOV/70000310/rr                     (X-Road-Client header value)

    \b
    Exit codes: 0 the identifier is valid, 1 it has errors.
    """
    parsed = identifiers.parse(text, strict=not lenient)
    if fmt == "json":
        click.echo(json.dumps({
            "input": text, "valid": parsed.ok, "objectType": parsed.object_type, "parts": parsed.parts,
            "problems": [{"rule": f"xroad-id:{p.code}", "severity": "error" if p.error else "warning",
                          "part": p.part, "message": p.message} for p in parsed.problems],
        }, indent=2, ensure_ascii=False))
    else:
        if parsed.object_type:
            click.echo(f"objectType      {parsed.object_type}")
        width = max((len(k) for k in parsed.parts), default=0)
        for name, value in parsed.parts.items():
            click.echo(f"{name:<{max(width, 15)}} {value}")
        for problem in parsed.problems:
            level = "error" if problem.error else "warning"
            click.echo(f"{level:<8}{problem.message}  [xroad-id:{problem.code}]")
            click.echo(f"        see: {identifiers.SPEC_CHARSET if problem.part else identifiers.SPEC_IDENTIFIERS}")
        click.echo("valid" if parsed.ok else "not valid")
    raise SystemExit(0 if parsed.ok else 1)


def _source(argument: str, stdin: list[bytes]) -> Source:
    if argument == "-":
        if not stdin:
            stdin.append(sys.stdin.buffer.read())
        return Source("<stdin>", data=stdin[0])
    path = Path(argument)
    if path.is_dir():
        raise click.UsageError(f"{argument}: a directory; give one message file (or - for standard input)")
    if not path.exists():
        raise click.UsageError(f"{argument}: no such file")
    return Source(argument, path=path)


@xroad.command("pair", epilog=EXIT_CODES)
@click.argument("request")
@click.argument("response")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="error", show_default=True,
              help="Lowest severity that makes the exit code 1.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report to this file.")
def pair(request: str, response: str, fmt: str, fail_on: str, output: str | None) -> None:
    """Check that RESPONSE answers REQUEST (X-Road SOAP, PR-MESS §2.2-2.3).

    \b
    Errors: client, service, id, userId, issue or representedParty not copied
    unchanged (the client's security server refuses the response), a body element
    that is not <request element>Response. Warnings: other header fields not
    copied, another header order or protocolVersion, a requestHash that is not the
    digest of REQUEST's bytes. Findings are xroad-soap:pair.*, located in RESPONSE.
    Each file alone: nordval validate -p xroad-soap FILE. Multipart (attachments,
    MTOM) messages are read by their SOAP part; - reads one of them from stdin.
    """
    if request == "-" and response == "-":
        raise click.UsageError("only one of REQUEST and RESPONSE can be - (standard input)")
    stdin: list[bytes] = []
    first, second = _source(request, stdin), _source(response, stdin)
    findings = pairing.pair(first, second)
    gate = fail_on_severity(fail_on)
    report = Report.build([first.name, second.name], "xroad-soap", findings)
    context = RenderContext(__version__, gate, color=use_color(output))
    emit(REPORTERS[fmt](report, context), output, None)
    raise SystemExit(report.exit_code(gate))
