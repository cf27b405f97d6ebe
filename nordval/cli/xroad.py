"""``nordval xroad``: X-Road helpers that are not file validation (identifier strings)."""

from __future__ import annotations

import json

import click

from ..xroad import identifiers
from .base import cli


@cli.group("xroad")
def xroad() -> None:
    """X-Road tools: check identifier strings integrators copy into configuration."""


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
