"""CPSV-AP 3.2.0: the official example, and a differential run against the official SHACL.

* The official example (``3.2.0_example-rdf_public_service``, Belgian "Tax-on-web", Turtle and
  JSON-LD with the published context resolved to nordval's bundled copy) conforms to
  ``cpsv-ap-3`` with no finding at all.
* Differential: plain pySHACL runs ``3.2.0_cpsv-ap-SHACL.ttl`` (no inference, as published) on the
  official example and on every ``fixtures/cpsv-ap-3`` input; the ``(focus, path)`` of each
  official ``sh:Violation`` is compared with the ``(focus, path)`` of each nordval error. Every
  difference must be explained by an entry of ``DEVIATIONS``, each naming the row of
  ``docs/deviations/cpsv-ap-3.md`` that says why; an entry nothing uses any more fails too.

``python -m tests.conformance.test_cpsv_ap_3_official`` prints the figures for the deviations doc.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path

import pytest
from pyshacl import validate as pyshacl_validate
from rdflib import Graph, Literal
from rdflib.namespace import SH

from nordval import api
from nordval.model import Finding, Severity
from nordval.validators.shacl import BlankLabels
from tests.conftest import ROOT, SHARED_REFERENCE, shared_reference

from .harness import Outcome, fixtures, run, violations

REFERENCE = SHARED_REFERENCE / "cpsv-ap-3"
SHAPES = "3.2.0_cpsv-ap-SHACL.ttl"
EXAMPLES = ("3.2.0_example-rdf_public_service.ttl", "3.2.0_example-rdf_public_service.jsonld")
DOC = ROOT / "docs" / "deviations" / "cpsv-ap-3.md"
PROFILE = "cpsv-ap-3"
DATA_SUFFIXES = (".ttl", ".jsonld", ".rdf", ".trig")

CV = "http://data.europa.eu/m8g/"


@dataclass(frozen=True)
class Difference:
    """A (focus, path) only one side flags as an error."""

    side: str                  # "official" or "nordval"
    source: str
    focus: str
    path: str | None
    detail: str                # official: constraint component; nordval: rule id
    value: str | None
    value_is_literal: bool

    def __str__(self) -> str:
        return f"{self.side} only: {Path(self.source).name} {self.focus} {self.path} {self.detail} value={self.value}"


@dataclass(frozen=True)
class Deviation:
    """An allow-list entry: a kind of difference and the row of the deviations doc explaining it."""

    row: str
    side: str
    summary: str
    applies: Callable[[Difference], bool]


DEVIATIONS: tuple[Deviation, ...] = (
    Deviation("R1", "official", "sh:class on a resource value: nordval's .range is a Warning and accepts "
              "untyped values, code-list concepts and declared subclasses",
              lambda d: d.detail == "ClassConstraintComponent" and not d.value_is_literal),
    Deviation("P1", "official", "has participant is Optional in the 3.2.0 tables; the SHACL requires it",
              lambda d: d.detail == "MinCountConstraintComponent" and d.path == CV + "hasParticipant"),
)


def _explain(d: Difference) -> Deviation | None:
    return next((e for e in DEVIATIONS if e.side == d.side and e.applies(d)), None)


@cache
def _official_shapes() -> Graph:
    return Graph().parse(shared_reference("cpsv-ap-3", SHAPES), format="turtle")


def _inputs() -> list[Path]:
    return [REFERENCE / EXAMPLES[0], *fixtures(PROFILE, DATA_SUFFIXES)]


@cache
def _run() -> Outcome[Difference]:
    shapes = _official_shapes()
    return run(_inputs(), PROFILE, partial(_compare, shapes))


def _compare(shapes: Graph, path: Path, _graph_name: str | None, graph: Graph, findings: tuple[Finding, ...],
             outcome: Outcome[Difference]) -> list[Difference]:
    _conforms, report, _text = pyshacl_validate(graph, shacl_graph=shapes, inference="none")
    labels = BlankLabels(graph)
    official: dict[tuple[str, str | None], tuple[str, str | None, bool]] = {}
    for result, focus_node, result_path, component in violations(report):
        value_node = report.value(result, SH.value)
        key = (labels.label(focus_node) or "", str(result_path) if result_path is not None else None)
        official.setdefault(key, (component, str(value_node) if value_node is not None else None,
                                  isinstance(value_node, Literal)))
    errors = {(f.location.focus or "", f.location.path): f for f in findings
              if f.severity == Severity.ERROR and f.location.focus is not None}
    outcome.tally(official, errors)
    out = [Difference("official", str(path), focus, p, comp, value, is_lit)
           for (focus, p), (comp, value, is_lit) in official.items() if (focus, p) not in errors]
    for (focus, p), f in errors.items():
        if (focus, p) not in official:
            value = f.location.value
            out.append(Difference("nordval", str(path), focus, p, f.rule, value,
                                  value is not None and not value.startswith(("http", "_:"))))
    return out


# --- tests ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", EXAMPLES)
def test_official_example_conforms_without_findings(name: str) -> None:
    path = shared_reference("cpsv-ap-3", name)
    report = api.validate([str(path)], api.Options(profile=PROFILE))
    assert report.conforms()
    assert [f.rule for f in report.findings] == []


def test_official_shapes_accept_what_nordval_accepts_on_the_example() -> None:
    """The official example is the shared ground truth: both sides agree it has no missing data."""
    outcome = _run()
    example = str(REFERENCE / EXAMPLES[0])
    unexplained = [d for d in outcome.differences if d.source == example and _explain(d) is None]
    assert not unexplained, "\n".join(map(str, unexplained))


def test_every_difference_is_a_documented_deviation() -> None:
    outcome = _run()
    unexplained = [str(d) for d in outcome.differences if _explain(d) is None]
    assert not unexplained, "\n".join(unexplained)


def test_every_deviation_is_still_needed_and_documented() -> None:
    shared_reference("cpsv-ap-3", SHAPES)
    used = {e.row for d in _run().differences if (e := _explain(d)) is not None}
    doc = DOC.read_text(encoding="utf-8")
    rows = set(re.findall(r"^\| ([A-Z]\d+) \|", doc, flags=re.MULTILINE))
    for deviation in DEVIATIONS:
        assert deviation.row in rows, f"{deviation.row} is not a row of {DOC.name}"
        assert deviation.row in used, f"{deviation.row} ({deviation.summary}) explains no difference any more"


def test_agreement_on_mandatory_presence() -> None:
    """Missing mandatory properties are errors on both sides (the spec's levels agree with the SHACL)."""
    outcome = _run()
    assert outcome.agreed > 0
    missing = [d for d in outcome.differences if d.detail == "MinCountConstraintComponent"
               and d.path != CV + "hasParticipant"]
    assert not missing, "\n".join(map(str, missing))


def main() -> None:
    """Print the figures quoted in docs/deviations/cpsv-ap-3.md."""
    outcome = _run()
    print(f"inputs {outcome.inputs}; official violations {outcome.official}; nordval errors "
          f"{outcome.nordval}; agreed {outcome.agreed}")
    rows = Counter((d.side, (_explain(d) or Deviation("?", d.side, "unexplained", bool)).row)
                   for d in outcome.differences)
    for (side, row), n in sorted(rows.items()):
        print(f"  {side:9} {row}: {n}")
    for d in outcome.differences:
        if _explain(d) is None:
            print("  UNEXPLAINED", d)


if __name__ == "__main__":
    main()
