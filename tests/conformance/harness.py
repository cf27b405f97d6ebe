"""What every differential harness (official SHACL against nordval) does the same way.

The harnesses differ in what they compare and how they explain a difference (``dcat_ap_2x_diff``
for the DCAT-AP 2.x family, the DCAT-AP 3 and CPSV-AP 3 modules with their own ``Difference``), but
they list their fixtures, run nordval, read the official report and walk the inputs alike: that
part lives here, so that a fix to it reaches every profile.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Container, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Generic, TypeVar

from rdflib import Graph
from rdflib.namespace import SH
from rdflib.term import Node

from nordval import api
from nordval.inputs import Source, load
from nordval.model import Finding
from tests.conftest import FIXTURES

D = TypeVar("D")


def fixtures(profile: str, suffixes: Container[str]) -> list[Path]:
    """The profile's fixture files (``fixtures/<profile>/<folder>/*``) with one of ``suffixes``, sorted."""
    return sorted(p for p in (FIXTURES / profile).glob("*/*") if p.suffix in suffixes)


@cache
def nordval_findings(path: Path, profile: str) -> tuple[Finding, ...]:
    """nordval's findings on one input (cached: several tests and the figures ask again)."""
    return tuple(api.validate([str(path)], api.Options(profile=profile)).findings)


def violations(report: Graph, ignore: Container[Node] = frozenset()) -> Iterator[tuple[Node, Node | None,
                                                                                    Node | None, str]]:
    """(result, focus, result path, constraint component's local name) of each ``sh:Violation`` result.

    Results whose focus is in ``ignore`` (the code-list background a harness added) are left out, as
    nordval never reports on them.
    """
    for result in report.objects(None, SH.result):
        if report.value(result, SH.resultSeverity) != SH.Violation:
            continue
        focus = report.value(result, SH.focusNode)
        if focus in ignore:
            continue
        component = str(report.value(result, SH.sourceConstraintComponent)).rsplit("#", 1)[-1]
        yield result, focus, report.value(result, SH.resultPath), component


@dataclass
class Outcome(Generic[D]):
    """Everything one run produced: counts for the docs and the differences."""

    inputs: int = 0
    official: int = 0
    nordval: int = 0
    agreed: int = 0
    differences: tuple[D, ...] = ()

    def tally(self, official: Collection[object], errors: Collection[object]) -> None:
        """Count one graph's flagged keys: the official violations, nordval's errors and both."""
        self.official += len(official)
        self.nordval += len(errors)
        self.agreed += len(set(official) & set(errors))


Compare = Callable[[Path, str | None, Graph, tuple[Finding, ...], Outcome[D]], Iterable[D]]


def run(inputs: Iterable[Path], profile: str, compare: Compare[D]) -> Outcome[D]:
    """Compare each input graph by graph; inputs nordval cannot parse (``input.syntax``) have nothing to compare."""
    outcome: Outcome[D] = Outcome()
    differences: list[D] = []
    for path in inputs:
        document, _problems = load(Source(str(path), path=path))
        if document is None:
            continue
        outcome.inputs += 1
        findings = nordval_findings(path, profile)
        for graph_name, graph in document.graphs:
            differences.extend(compare(path, graph_name, graph, findings, outcome))
    outcome.differences = tuple(differences)
    return outcome
