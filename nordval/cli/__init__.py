"""Command line: parses options, calls the API, picks a reporter, decides the exit code.

One module per command; ``base`` holds the group and what the commands share.
"""

from __future__ import annotations

from . import fix, gaps, profiles, rules, suite, validate, xroad  # noqa: F401  (importing registers the commands)
from .base import cli

__all__ = ["cli", "main"]


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="nordval")
