"""Differential testing of nordval's 2.x-generation profiles against the official SHACL.

The official shapes (DCAT-AP 2.1.1 from SEMIC, DCAT-AP-DK 2.0.2 from Digitaliseringsstyrelsen) run
on the same data as nordval, and the two verdicts are compared on the (focus node, property)
pairs each flags: official ``sh:Violation`` results against nordval ``error`` findings.  Every
pair only one side flags must be explained by an allow-list entry that names the row of
``docs/deviations/<profile>.md`` giving the reason; anything else fails the test.  That keeps the
deviation documents honest: a new difference either gets fixed or gets a documented row.

The official shapes run "with background knowledge", as the EU validator's configurations of that
name do: the data graph also holds nordval's subclass axioms (a foaf:Organization is a foaf:Agent)
and, for every IRI the input uses, the membership facts of the bundled code-list snapshots (with
each scheme typed skos:ConceptScheme, which the EU mdr shapes require), so that a verdict never
depends on the network.

The test modules of the family (``dcat-ap-2``, ``-dk``, ``-fi``, ``-no``) differ only in inputs, shapes and
allow-lists: the cached per-input comparison, the check for unused entries and the figures line are here.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from pyshacl import validate
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH, SKOS
from rdflib.term import Node

from nordval import codelists, profiles, resources
from nordval.inputs import Document, expand, load
from nordval.model import Severity
from nordval.validators.shacl import ONTOLOGY, BlankLabels
from tests.conftest import FIXTURES, SHARED_REFERENCE

from .harness import nordval_findings, violations

Key = tuple[str, str | None]
SPDX_ALGORITHM = URIRef("http://spdx.org/rdf/terms#ChecksumAlgorithm")


@dataclass(frozen=True)
class Result:
    """One flagged (focus, path) with what flagged it: a constraint (official) or a rule (nordval)."""

    focus: str
    path: str | None
    check: str
    value: str | None

    @property
    def key(self) -> Key:
        return (self.focus, self.path)


@dataclass(frozen=True)
class Deviation:
    """A documented reason why one side flags a (focus, path) the other does not.

    ``side`` is the side that flags it alone.  ``check`` matches the constraint component
    (official side, e.g. ``sh:class``) or the rule id (nordval side) as a regular expression;
    ``path``, ``value`` and ``focus`` narrow the match (regular expressions too; None = any).
    """

    row: str
    side: str
    check: str
    path: str | None = None
    value: str | None = None
    focus: str | None = None
    note: str = ""

    def matches(self, side: str, result: Result) -> bool:
        return (
            side == self.side
            and re.fullmatch(self.check, result.check) is not None
            and (self.path is None or re.fullmatch(self.path, result.path or "") is not None)
            and (self.value is None or re.fullmatch(self.value, result.value or "") is not None)
            and (self.focus is None or re.fullmatch(self.focus, result.focus) is not None)
        )


@dataclass
class Comparison:
    """The outcome for one input: agreements and the explained or unexplained differences."""

    name: str
    agreed: set[Key] = field(default_factory=set)
    explained: list[tuple[str, Result, Deviation]] = field(default_factory=list)
    unexplained: list[tuple[str, Result]] = field(default_factory=list)

    def describe(self) -> str:
        lines = [f"{self.name}: {len(self.agreed)} agreed, {len(self.explained)} explained, "
                 f"{len(self.unexplained)} unexplained"]
        for side, r in self.unexplained:
            lines.append(f"  only {side}: {r.focus} {r.path} {r.check} value={r.value}")
        return "\n".join(lines)


def _document(path: Path) -> Document:
    source = expand([str(path)])[0]
    document, findings = load(source)
    assert document is not None, f"{path}: {findings}"
    return document


@cache
def official_shapes(files: tuple[Path, ...]) -> Graph:
    graph = Graph()
    for file in files:
        graph.parse(file, format="xml" if file.suffix in (".xml", ".rdf") else "turtle")
    return graph


def _background(graph: Graph, vocab_ids: Sequence[str]) -> tuple[Graph, set[Node]]:
    vocabularies = [codelists.load(v) for v in vocab_ids]
    extra, described = codelists.background(graph, vocabularies)
    found: set[Node] = set(described)
    for concept, scheme in list(extra.subject_objects(SKOS.inScheme)):
        extra.add((scheme, RDF.type, SKOS.ConceptScheme))
        found.add(scheme)
        if scheme == SPDX_ALGORITHM:  # SPDX: the algorithms are instances of this class
            extra.add((concept, RDF.type, SPDX_ALGORITHM))
    extra += resources.rdf_file(ONTOLOGY)
    return extra, found


def official_violations(path: Path, shapes: tuple[Path, ...], profile_id: str) -> list[Result]:
    """Top-level sh:Violation results of the official shapes, as (focus, path) results."""
    document = _document(path)
    vocab_ids = profiles.resolve(profile_id).vocabularies
    results: list[Result] = []
    for _name, graph in document.graphs:
        extra, described = _background(graph, vocab_ids)
        data = Graph()
        data += graph
        data += extra
        _conforms, report, _text = validate(
            data, shacl_graph=official_shapes(shapes), inference="none",
        )
        labels = BlankLabels(graph)
        for result, focus, result_path, component in violations(report, described):
            value = report.value(result, SH.value)
            results.append(Result(
                focus=labels.label(focus) or "",
                path=str(result_path) if isinstance(result_path, URIRef) else None,
                check=_component(component),
                value=labels.label(value) if value is not None else None,
            ))
    return results


def nordval_errors(path: Path, profile_id: str) -> list[Result]:
    return [Result(f.location.focus or "", f.location.path, f.rule, f.location.value)
            for f in nordval_findings(path, profile_id) if f.severity == Severity.ERROR]


def _component(local: str) -> str:
    """``ClassConstraintComponent`` -> ``sh:class``, the form the allow-lists use."""
    local = local.removesuffix("ConstraintComponent")
    return "sh:" + local[:1].lower() + local[1:]


def compare(name: str, official: Iterable[Result], nordval: Iterable[Result],
            deviations: Sequence[Deviation]) -> Comparison:
    """Match the two verdicts on (focus, path); explain each one-sided result by a deviation."""
    official = list(official)
    nordval = list(nordval)
    official_keys = {r.key for r in official}
    nordval_keys = {r.key for r in nordval}
    outcome = Comparison(name, agreed=official_keys & nordval_keys)
    for side, results, other in (("official", official, nordval_keys),
                                 ("nordval", nordval, official_keys)):
        for result in results:
            if result.key in other:
                continue
            match = next((d for d in deviations if d.matches(side, result)), None)
            if match is None:
                outcome.unexplained.append((side, result))
            else:
                outcome.explained.append((side, result, match))
    return outcome


def documented_rows(document: Path) -> set[str]:
    """Row ids (first table column, e.g. ``D2-07``) of a deviations document."""
    return set(re.findall(r"^\|\s*(D[A-Z0-9]*-\d+)\s*\|", document.read_text(encoding="utf-8"), re.M))


@cache
def differential(name: str, path: Path, shapes: tuple[Path, ...], profile_id: str,
                 deviations: tuple[Deviation, ...]) -> Comparison:
    """Both verdicts on one input, compared (cached: each input's tests and the figures ask again)."""
    return compare(name, official_violations(path, shapes, profile_id), nordval_errors(path, profile_id), deviations)


def unused_deviations(deviations: Sequence[Deviation], outcomes: Iterable[Comparison]) -> list[Deviation]:
    """The allow-list entries that explain nothing in ``outcomes``: the allow-list stays as small as the differences."""
    used = {match for outcome in outcomes for _side, _result, match in outcome.explained}
    return [d for d in deviations if d not in used]


def summary(outcomes: Sequence[Comparison]) -> str:
    """The totals a deviations doc quotes: agreed pairs, one-sided results by side and by row, unexplained."""
    rows: Counter[str] = Counter(m.row for o in outcomes for _s, _r, m in o.explained)
    sides: Counter[str] = Counter(s for o in outcomes for s, _r, _m in o.explained)
    agreed = sum(len(o.agreed) for o in outcomes)
    return (f"{agreed} (focus, path) pairs agreed, "
            f"{sides['official']} official-only and {sides['nordval']} nordval-only results, "
            f"by row {dict(sorted(rows.items()))}, "
            f"{sum(len(o.unexplained) for o in outcomes)} unexplained")


def totals(inputs: Sequence[Path], comparison: Callable[[Path], Comparison]) -> str:
    """The figures line of a one-profile deviations doc: the number of inputs, then their ``summary``."""
    return f"{len(inputs)} inputs: {summary([comparison(p) for p in inputs])}"


def reference_id(path: Path) -> str:
    """A test id: an official example by its path under ../shared/reference, a fixture by its path under fixtures/."""
    if path.is_relative_to(SHARED_REFERENCE):
        return str(path.relative_to(SHARED_REFERENCE))
    return str(path.relative_to(FIXTURES))
