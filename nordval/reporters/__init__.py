"""Reporters turn a Report into text; the CLI picks one by name and writes it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from ..model import Report, Severity
from . import jsonreport, text


@dataclass(frozen=True)
class RenderContext:
    """What a reporter may need besides the report."""

    tool_version: str
    fail_on: Severity | None = Severity.ERROR
    color: bool = False


class Reporter(Protocol):
    def __call__(self, report: Report, context: RenderContext) -> str: ...


REPORTERS: dict[str, Reporter] = {
    "text": text.render,
    "json": jsonreport.render,
}
