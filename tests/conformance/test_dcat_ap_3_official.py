"""Differential test: nordval against the official DCAT-AP 3.0.1 and DCAT-AP HVD 3.0.0 SHACL.

Plain pySHACL runs the official shapes on the official examples and on our fixtures; the
``(graph, focus, path)`` of every ``sh:Violation`` is compared with the ``(graph, focus, path)`` of
every nordval error on the same input. Each difference must be explained by an entry of
``DEVIATIONS``; each entry names the row of ``docs/deviations/<profile>.md`` that says what differs
and why. A difference nobody explained fails the test, and so does an entry nothing uses any more
(the allow-list stays as small as the differences are).

Official configurations (files in ``../shared/reference/dcat-ap-3``):

* ``generated``: ``shacl/dcat-ap-SHACL.ttl`` + ``shacl/ranges.ttl`` (the SHACL generated from the
  3.0.1 specification);
* ``modular``: ``shacl-modular/shapes.ttl`` + ``shacl-modular/mdr-vocabularies.shape.ttl`` with the
  code lists in the data graph: the concept triples ``nordval profiles export dcat-ap-3
  --vocabularies`` writes, for the IRIs the input uses, and the concept schemes;
* ``hvd``: the generated 3.0.1 shapes + ``hvd/hvd-SHACL.ttl`` (HVD conformance requires DCAT-AP
  conformance), against the ``dcat-ap-hvd`` profile on the HVD fixtures.

Two harness rules, both documented in the deviations files: sh:property links to property shapes the
official files never define are dropped (pySHACL refuses such a shapes graph), and official results
about the code-list background (concepts and schemes we added) are ignored, as nordval ignores them.
Inputs nordval cannot parse (``input.syntax``) have nothing to compare and are skipped.

``python -m tests.conformance.test_dcat_ap_3_official`` prints the figures for the deviations docs.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path

import pytest
from pyshacl import validate as pyshacl_validate
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.namespace import SH, SKOS
from rdflib.term import Node

from nordval import api, codelists
from nordval.inputs import Source, load
from nordval.model import Finding, Severity
from nordval.validators.shacl import BlankLabels
from tests.conftest import FIXTURES, ROOT, SHARED_REFERENCE, shared_reference

from .harness import Outcome, fixtures, nordval_findings, run, violations

REFERENCE = "dcat-ap-3"
EXAMPLES = SHARED_REFERENCE / REFERENCE / "examples"
DEVIATION_DOCS = ROOT / "docs" / "deviations"
DATA_SUFFIXES = (".ttl", ".jsonld", ".rdf", ".trig")

# Official examples that are not RDF: the differential and the examples test skip them.
NOT_TURTLE = {
    "example-bee-population-dataset-series-api.ttl":
        "not valid Turtle: the prefixed name example-dist:BeePopulation2023/biojson has a '/' in its "
        "local part (line 20); the HTML page shows the same text",
    "example-bee-population-dataset-series-combined.ttl":
        "not valid Turtle: the prefixed name example-dist:BeePopulation2023/biojson has a '/' in its "
        "local part (line 32)",
}

DCAT = "http://www.w3.org/ns/dcat#"
DCATAP = "http://data.europa.eu/r5r/"
VCARD = "http://www.w3.org/2006/vcard/ns#"
HVD_ELI = URIRef("http://data.europa.eu/eli/reg_impl/2023/138/oj")
APPLICABLE_LEGISLATION = URIRef(DCATAP + "applicableLegislation")
HVD_CATEGORY = URIRef(DCATAP + "hvdCategory")

# Subclass axioms stated by the vocabularies themselves (DCAT 3, FOAF, vCard, DCMI Terms). The
# official shapes run without RDFS inference, so sh:class rejects instances of these subclasses.
SUBCLASSES: dict[str, frozenset[str]] = {
    DCAT + "Resource": frozenset(DCAT + c for c in ("Catalog", "Dataset", "DatasetSeries", "DataService")),
    DCAT + "Dataset": frozenset({DCAT + "DatasetSeries", DCAT + "Catalog"}),
    "http://xmlns.com/foaf/0.1/Agent": frozenset(
        "http://xmlns.com/foaf/0.1/" + c for c in ("Organization", "Person", "Group")),
    VCARD + "Kind": frozenset(VCARD + c for c in ("Organization", "Individual", "Group", "Location")),
    "http://purl.org/dc/terms/RightsStatement": frozenset({"http://purl.org/dc/terms/LicenseDocument"}),
    "http://purl.org/dc/terms/MediaTypeOrExtent": frozenset(
        {"http://purl.org/dc/terms/MediaType", "http://purl.org/dc/terms/Extent"}),
}

# Temporal properties: nordval requires a date datatype on all of them (DCAT-AP 3.0.1 Temporal Literal).
TEMPORAL = frozenset({"http://purl.org/dc/terms/issued", "http://purl.org/dc/terms/modified",
                      DCAT + "startDate", DCAT + "endDate"})
SPDX = "http://spdx.org/rdf/terms#"
# Properties whose values nordval checks even when untyped (sh:targetObjectsOf in the dcat-ap-3 table).
NESTED = frozenset({DCAT + "distribution", DCAT + "record", SPDX + "checksum", "http://purl.org/dc/terms/temporal",
                    DCAT + "qualifiedRelation", "http://www.w3.org/ns/adms#identifier"})
# Properties the HVD annex makes mandatory on resources in scope.
HVD_REQUIRED = frozenset({str(APPLICABLE_LEGISLATION), str(HVD_CATEGORY), DCAT + "contactPoint",
                          "http://xmlns.com/foaf/0.1/page"})


@dataclass(frozen=True)
class Config:
    """One official artefact set and the nordval profile it is compared with."""

    name: str
    profile: str
    shapes: tuple[str, ...]
    vocabularies: bool

    def inputs(self) -> list[Path]:
        if self.profile == "dcat-ap-hvd":
            return fixtures("dcat-ap-hvd", DATA_SUFFIXES)
        examples = sorted(p for p in EXAMPLES.glob("*.ttl") if p.name not in NOT_TURTLE)
        return examples + fixtures("dcat-ap-3", DATA_SUFFIXES)


CONFIGS = (
    Config("generated", "dcat-ap-3", ("shacl/dcat-ap-SHACL.ttl", "shacl/ranges.ttl"), False),
    Config("modular", "dcat-ap-3", ("shacl-modular/shapes.ttl", "shacl-modular/mdr-vocabularies.shape.ttl"), True),
    Config("hvd", "dcat-ap-hvd", ("shacl/dcat-ap-SHACL.ttl", "shacl/ranges.ttl", "hvd/hvd-SHACL.ttl"), False),
)


@dataclass(frozen=True)
class Difference:
    """A (focus, path) that only one side flags, with what the allow-list needs to judge it."""

    side: str                   # "official" or "nordval"
    config: str
    source: str
    graph: str | None
    focus: str
    path: str | None
    detail: str                 # official: constraint component; nordval: rule id
    value: str | None
    value_types: frozenset[str]  # rdf:type of the value as the input states it
    official_class: str | None  # sh:class of the official shape, if any
    focus_types: frozenset[str]
    in_hvd_scope: bool          # focus declares the HVD ELI or an HVD category
    has_legislation: bool       # focus declares some applicable legislation
    nordval_warnings: frozenset[str]  # nordval warning rules on the same (focus, path)
    focus_links: frozenset[str]  # properties whose value the focus is

    def __str__(self) -> str:
        what = f"{self.detail} value={self.value} value_types={sorted(self.value_types)}"
        return f"[{self.config}] {self.side} only: {Path(self.source).name} {self.focus} {self.path} {what}"


@dataclass(frozen=True)
class Deviation:
    """An allow-list entry: a kind of difference and the deviations-doc row that explains it."""

    doc: str    # docs/deviations/<doc>.md
    row: str    # the row id in the table's first column
    side: str
    summary: str
    applies: Callable[[Difference], bool]


def _range_untyped(d: Difference) -> bool:
    return d.detail == "ClassConstraintComponent" and d.value is not None and not d.value_types


def _range_subclass(d: Difference) -> bool:
    allowed = SUBCLASSES.get(d.official_class or "", frozenset())
    return d.detail == "ClassConstraintComponent" and bool(d.value_types) and d.value_types <= allowed


def _range_warning(d: Difference) -> bool:
    return (d.detail == "ClassConstraintComponent" and bool(d.value_types)
            and any(r.endswith(".range") for r in d.nordval_warnings))


DEVIATIONS: tuple[Deviation, ...] = (
    Deviation("dcat-ap-3", "R1", "official", "official sh:class rejects a value the input does not type",
              _range_untyped),
    Deviation("dcat-ap-3", "R2", "official", "value typed as another class: nordval warns (.range)",
              _range_warning),
    Deviation("dcat-ap-3", "R3", "official", "value typed as a subclass of the range class", _range_subclass),
    Deviation("dcat-ap-3", "L1", "nordval", "free text without a language tag",
              lambda d: d.detail.endswith(".lang")),
    Deviation("dcat-ap-3", "T1", "nordval", "a date property without a date datatype",
              lambda d: d.detail.endswith(".datatype") and d.path in TEMPORAL),
    Deviation("dcat-ap-3", "N1", "nordval", "an untyped distribution, record, checksum, period, relationship "
              "or identifier checked through sh:targetObjectsOf",
              lambda d: not d.focus_types and bool(d.focus_links & NESTED)),
    Deviation("dcat-ap-3", "V1", "official", "official checksum pattern wants https SPDX IRIs",
              lambda d: d.detail == "NodeConstraintComponent" and d.path == SPDX + "algorithm"
              and (d.value or "").startswith(SPDX + "checksumAlgorithm_")),
    Deviation("dcat-ap-hvd", "H2", "official", "applicable legislation is not required on distributions",
              lambda d: d.config == "hvd" and d.path == str(APPLICABLE_LEGISLATION)
              and d.detail == "MinCountConstraintComponent" and DCAT + "Distribution" in d.focus_types),
    Deviation("dcat-ap-hvd", "H1", "official", "HVD requirement on a resource outside HVD scope",
              lambda d: d.config == "hvd" and not d.in_hvd_scope and d.detail == "MinCountConstraintComponent"
              and d.path in HVD_REQUIRED),
    Deviation("dcat-ap-hvd", "H3", "nordval", "applicable legislation without the HVD ELI",
              lambda d: d.detail.startswith("dcat-ap-hvd:") and d.detail.endswith(".applicableLegislation")
              and d.has_legislation),
    Deviation("dcat-ap-hvd", "H4", "nordval", "HVD dataset without an API (usage-note rule)",
              lambda d: d.detail == "dcat-ap-hvd:Dataset.api"),
    Deviation("dcat-ap-hvd", "H5", "nordval", "HVD distribution or data service without licence or rights "
              "(usage-note rule)", lambda d: d.detail.endswith(".legalInformation")),
)


def _explain(d: Difference) -> Deviation | None:
    return next((e for e in DEVIATIONS if e.side == d.side and e.applies(d)), None)


# --- running both sides ----------------------------------------------------------------------------

@cache
def _shapes(config: Config) -> Graph:
    """The official shapes graph, minus sh:property links to shapes the files never define."""
    graph = Graph()
    for name in config.shapes:
        graph.parse(SHARED_REFERENCE / REFERENCE / name, format="turtle")
    for owner, shape in list(graph.subject_objects(SH.property)):
        if (shape, SH.path, None) not in graph:
            graph.remove((owner, SH.property, shape))
    return graph


@cache
def _vocabularies(profile: str) -> tuple[codelists.Vocabulary, ...]:
    return tuple(codelists.load(v) for v in api.Options(profile=profile).resolve().vocabularies)


def _with_vocabularies(graph: Graph, profile: str) -> tuple[Graph, set[Node]]:
    """The input plus the code-list data it needs; returns these background nodes too.

    The triples are those ``nordval profiles export <profile> --vocabularies`` writes (same
    ``codelists.concept_triples``), restricted to the IRIs the input uses: the official shapes only
    look at the concepts the data points to, and the whole export costs seconds per run.
    """
    data = Graph()
    data += graph
    background: set[Node] = set()
    for vocab in _vocabularies(profile):
        scheme = URIRef(vocab.scheme)
        data.add((scheme, RDF.type, SKOS.ConceptScheme))
        background.add(scheme)
    for iri in {n for triple in graph for n in triple if isinstance(n, URIRef)}:
        for vocab in _vocabularies(profile):
            concept = vocab.lookup(str(iri))
            if concept is not None:
                for triple in codelists.concept_triples(iri, concept, vocab.scheme):
                    data.add(triple)
                background.add(iri)
    return data, background


def _types(graph: Graph, node: Node | None) -> frozenset[str]:
    if node is None or isinstance(node, Literal):
        return frozenset()
    return frozenset(str(t) for t in graph.objects(node, RDF.type))


def _resolver(graph: Graph, labels: BlankLabels) -> Callable[[str], Node]:
    """Map a finding's node label (IRI or nordval's stable blank-node label) back to the node."""
    blanks = {labels.label(n): n for triple in graph for n in triple if isinstance(n, BNode)}

    def resolve(label: str) -> Node:
        return blanks.get(label, BNode()) if label.startswith("_:") else URIRef(label)
    return resolve


def _in_scope(graph: Graph, node: Node) -> bool:
    return (node, APPLICABLE_LEGISLATION, HVD_ELI) in graph or (node, HVD_CATEGORY, None) in graph


@cache
def _run(config: Config) -> Outcome[Difference]:
    shapes = _shapes(config)
    return run(config.inputs(), config.profile, partial(_compare, config, shapes))


def _compare(config: Config, shapes: Graph, path: Path, graph_name: str | None, graph: Graph,
             findings: tuple[Finding, ...], outcome: Outcome[Difference]) -> Iterator[Difference]:
    data, background = _with_vocabularies(graph, config.profile) if config.vocabularies else (graph, set())
    _conforms, report, _text = pyshacl_validate(data, shacl_graph=shapes, inference="none",
                                                allow_warnings=True)
    labels = BlankLabels(graph)
    node = _resolver(graph, labels)
    official: dict[tuple[str, str | None], tuple[str, Node | None, str | None]] = {}
    for result, focus, result_path, component in violations(report, background):
        shape_class = shapes.value(report.value(result, SH.sourceShape), SH["class"])
        key = (labels.label(focus) or "", str(result_path) if result_path is not None else None)
        official.setdefault(key, (component, report.value(result, SH.value),
                                  str(shape_class) if shape_class is not None else None))
    mine = [f for f in findings if f.location.graph == graph_name and f.location.focus is not None]
    errors = {(f.location.focus or "", f.location.path): f for f in mine if f.severity == Severity.ERROR}
    warnings: dict[tuple[str, str | None], set[str]] = {}
    for f in mine:
        if f.severity == Severity.WARNING:
            warnings.setdefault((f.location.focus or "", f.location.path), set()).add(f.rule)
    outcome.tally(official, errors)

    def difference(side: str, key: tuple[str, str | None], detail: str, value: Node | str | None,
                   value_node: Node | None, official_class: str | None) -> Difference:
        focus = node(key[0])
        return Difference(
            side=side, config=config.name, source=str(path), graph=graph_name, focus=key[0], path=key[1],
            detail=detail, value=None if value is None else str(value),
            value_types=_types(graph, value_node), official_class=official_class,
            focus_types=_types(graph, focus), in_hvd_scope=_in_scope(graph, focus),
            has_legislation=(focus, APPLICABLE_LEGISLATION, None) in graph,
            nordval_warnings=frozenset(warnings.get(key, ())),
            focus_links=frozenset(str(p) for p in graph.predicates(None, focus)))

    for key in sorted(official.keys() - errors.keys(), key=str):
        component, value, shape_class = official[key]
        value_node: Node | None = value if isinstance(value, (URIRef, BNode)) else None
        shown = labels.label(value) if isinstance(value, BNode) else value
        yield difference("official", key, component, shown, value_node, shape_class)
    for key in sorted(errors.keys() - official.keys(), key=str):
        finding = errors[key]
        value_node = None if finding.location.value is None else node(finding.location.value)
        yield difference("nordval", key, finding.rule, finding.location.value, value_node, None)


# --- tests -------------------------------------------------------------------------------------------

@pytest.fixture(scope="module", autouse=True)
def _reference() -> None:
    shared_reference(REFERENCE, "shacl", "dcat-ap-SHACL.ttl")
    logging.getLogger("pyshacl").setLevel(logging.ERROR)


@pytest.mark.parametrize("config", CONFIGS, ids=lambda c: c.name)
def test_every_difference_is_a_documented_deviation(config: Config) -> None:
    outcome = _run(config)
    assert outcome.inputs > 0
    unexplained = [d for d in outcome.differences if _explain(d) is None]
    assert not unexplained, "differences with no deviation entry:\n" + "\n".join(map(str, unexplained))


def test_every_deviation_entry_is_used() -> None:
    """An entry that explains nothing any more must go (or its row must say why it stays)."""
    used = {id(_explain(d)) for c in CONFIGS for d in _run(c).differences}
    unused = [f"{e.doc}:{e.row} ({e.summary})" for e in DEVIATIONS if id(e) not in used]
    assert not unused, f"allow-list entries no difference needs: {unused}"


def test_every_deviation_entry_has_a_documented_row() -> None:
    for entry in DEVIATIONS:
        doc = DEVIATION_DOCS / f"{entry.doc}.md"
        assert f"| {entry.row} |" in doc.read_text(encoding="utf-8"), f"{doc.name} has no row {entry.row}"


def test_official_shapes_agree_on_most_errors() -> None:
    """Guard against a harness that compares nothing: the bulk of nordval's errors must agree."""
    for config in CONFIGS:
        outcome = _run(config)
        assert outcome.agreed > 0, config.name
        nordval_only = sum(1 for d in outcome.differences if d.side == "nordval")
        assert nordval_only <= outcome.agreed, config.name


def test_hvd_rules_never_concern_resources_outside_hvd_scope() -> None:
    """HVD requirements apply only to resources in scope (annex 3.0.0, Scope and section c1)."""
    mixed = FIXTURES / "dcat-ap-hvd" / "valid" / "sdfi-mixed-hvd-and-other-datasets.ttl"
    document, _ = load(Source(str(mixed), path=mixed))
    assert document is not None
    outside = {s for s in document.graphs[0][1].subjects(RDF.type, None)
               if not _in_scope(document.graphs[0][1], s)}
    for cls in ("Dataset", "Distribution", "DataService"):
        assert any((s, RDF.type, URIRef(DCAT + cls)) in document.graphs[0][1] for s in outside), cls
    for path in fixtures("dcat-ap-hvd", DATA_SUFFIXES):
        document, _ = load(Source(str(path), path=path))
        if document is None:
            continue
        graph = document.graphs[0][1]
        node = _resolver(graph, BlankLabels(graph))
        for finding in nordval_findings(path, "dcat-ap-hvd"):
            if finding.layer == "dcat-ap-hvd" and finding.location.focus:
                assert _in_scope(graph, node(finding.location.focus)), (path.name, finding.rule)


# --- figures for docs/deviations ---------------------------------------------------------------------

def figures() -> str:
    """A Markdown table of the differential figures (run the module to print it)."""
    lines = ["| configuration | inputs | official violations (focus, path) | nordval errors (focus, path) "
             "| agreed | official only | nordval only | by deviation row |",
             "|---|---|---|---|---|---|---|---|"]
    for config in CONFIGS:
        outcome = _run(config)
        rows: Counter[str] = Counter()
        for d in outcome.differences:
            entry = _explain(d)
            rows[entry.row if entry else "UNEXPLAINED"] += 1
        sides = Counter(d.side for d in outcome.differences)
        by_row = ", ".join(f"{row}: {n}" for row, n in sorted(rows.items()))
        lines.append(f"| {config.name} ({' + '.join(Path(s).name for s in config.shapes)}) | {outcome.inputs} "
                     f"| {outcome.official} | {outcome.nordval} | {outcome.agreed} | {sides['official']} "
                     f"| {sides['nordval']} | {by_row} |")
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    logging.getLogger("pyshacl").setLevel(logging.ERROR)
    print(figures())
