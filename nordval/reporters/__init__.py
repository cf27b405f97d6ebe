"""Reporters turn a Report into text; the CLI picks one by name and writes it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from ..model import Report, Severity
from . import csvreport, github, htmlreport, jsonreport, junit, markdown, sarif, shaclreport, text

if TYPE_CHECKING:
    from ..profiles.rules import Rule


@dataclass(frozen=True)
class RenderContext:
    """What a reporter may need besides the report.

    ``rules`` is the resolved profile's catalogue (shape IRI -> Rule): with it, SARIF lists every
    rule, JUnit has a testcase per active rule and the SHACL report names the real source shapes;
    without it they fall back to what the findings say. ``languages`` picks the catalogue texts.
    """

    tool_version: str
    fail_on: Severity | None = Severity.ERROR
    color: bool = False
    rules: Mapping[str, Rule] | None = None
    report_syntax: str = "turtle"
    languages: tuple[str, ...] = ()


class Reporter(Protocol):
    def __call__(self, report: Report, context: RenderContext) -> str: ...


REPORTERS: dict[str, Reporter] = {
    "text": text.render,
    "json": jsonreport.render,
    "junit": junit.render,
    "sarif": sarif.render,
    "shacl": shaclreport.render,
    "csv": csvreport.render,
    "markdown": markdown.render,
    "html": htmlreport.render,
    "github": github.render,
}
