"""SHACL validation with pyshacl; results become Findings at this edge.

The shapes graph of a profile is harvested by pyshacl once per process (the parsed
``ShapesGraph`` is cached and reused for every input), so the per-file cost is the
validation itself.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from functools import lru_cache

from pyshacl import Validator
from pyshacl.graph_abstraction import DataGraph
from pyshacl.shapes_graph import ShapesGraph
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from .. import codelists, resources
from ..inputs import Document
from ..model import Finding, Location, Severity
from ..profiles import ResolvedProfile
from ..profiles.rules import SHACL_SEVERITY, Rule
from .messages import generic_fix, generic_message

ONTOLOGY = "pkg:vocabularies/ontology.ttl"
_LOG = logging.getLogger("nordval.shacl")
_LOG.addHandler(logging.NullHandler())


@lru_cache(maxsize=16)
def _shapes_graph(profile: ResolvedProfile) -> ShapesGraph:
    return ShapesGraph(profile.shapes, False, _LOG)


def _ontology() -> Graph:
    try:
        return resources.rdf_file(ONTOLOGY)
    except Exception:  # the ontology is an optional convenience
        return Graph()


def prepare(graph: Graph, profile: ResolvedProfile) -> tuple[Graph, set[URIRef]]:
    """The data graph as validated: the input plus the background it needs.

    Also returns the code-list concepts the input uses: no finding is ever about them.
    """
    vocabularies = [codelists.load(v) for v in profile.vocabularies]
    extra, described = codelists.background(graph, vocabularies)
    data = Graph()
    for prefix, namespace in graph.namespaces():
        data.bind(prefix, namespace, override=False)
    data += graph
    data += extra
    data += _ontology()
    return data, described


def run(data: Graph, profile: ResolvedProfile) -> Graph:
    """Validate and return pyshacl's report graph."""
    validator = Validator(
        DataGraph.from_rdflib(data),
        shacl_graph=profile.shapes,
        options={"inference": "none", "allow_infos": True, "allow_warnings": True,
                 "logger": _LOG, "inplace": True},
    )
    validator.shacl_graph = _shapes_graph(profile)
    _conforms, report, _text = validator.run()
    graph: Graph = report
    return graph


def check(document: Document, profile: ResolvedProfile,
          languages: tuple[str, ...] = ()) -> Iterator[Finding]:
    languages = languages or profile.languages
    for graph_name, graph in document.graphs:
        data, vocabulary_concepts = prepare(graph, profile)
        report = run(data, profile)
        labels = BlankLabels(graph)
        # Only top-level results: nested ones (sh:detail) explain a sh:node failure already reported.
        for result in report.objects(None, SH.result):
            focus = report.value(result, SH.focusNode)
            if focus in vocabulary_concepts:
                continue
            yield _finding(report, result, document.source, graph_name, profile, labels, languages)


def _finding(report: Graph, result: Node, source: str, graph_name: str | None,
             profile: ResolvedProfile, labels: BlankLabels, languages: tuple[str, ...]) -> Finding:
    shape = report.value(result, SH.sourceShape)
    component = report.value(result, SH.sourceConstraintComponent)
    focus = report.value(result, SH.focusNode)
    path = report.value(result, SH.resultPath)
    value = report.value(result, SH.value)
    severity = SHACL_SEVERITY.get(report.value(result, SH.resultSeverity), Severity.ERROR)  # type: ignore[call-overload]
    rule = profile.rules.get(str(shape))
    constraint = _constraint_name(component)
    message = rule.message(languages) if rule else None
    fix = rule.fix(languages) if rule else None
    if message is None:
        engine_text = report.value(result, SH.resultMessage)
        message = generic_message(constraint, path, value, str(engine_text) if engine_text else None)
    if fix is None:
        fix = generic_fix(constraint, path)
    if rule is not None and rule.vocabulary and isinstance(value, URIRef):
        fix = _with_suggestions(fix, rule, str(value), profile)
    return Finding(
        rule=rule.id if rule else (constraint or "shacl"),
        severity=severity,
        location=Location(
            file=source,
            graph=graph_name,
            focus=labels.label(focus),
            path=_path_text(report, path) or (rule.path if rule else None),
            value=None if value == focus and path is None else _value_text(value, labels),
        ),
        message=message,
        fix=fix,
        see=rule.see if rule else None,
        profile=profile.id,
        layer=rule.layer if rule else None,
        constraint=constraint,
    )


def _with_suggestions(fix: str, rule: Rule, value: str, profile: ResolvedProfile) -> str:
    vocabulary = codelists.by_scheme(profile.vocabularies).get(rule.vocabulary or "")
    if vocabulary is None:
        return fix
    nearest = vocabulary.nearest(value)
    hint = f" Nearest codes: {', '.join(c.iri for c in nearest)}." if nearest else ""
    return (f"{fix}{hint} Checked against {vocabulary.snapshot}; a code added after that snapshot "
            "is not known to this nordval version.")


def _constraint_name(component: Node | None) -> str | None:
    if component is None:
        return None
    local = str(component).rsplit("#", 1)[-1]
    if local.endswith("ConstraintComponent"):
        local = local[: -len("ConstraintComponent")]
    return f"sh:{local[:1].lower()}{local[1:]}"


def _path_text(report: Graph, path: Node | None) -> str | None:
    if path is None:
        return None
    if isinstance(path, URIRef):
        return str(path)
    inverse = report.value(path, SH.inversePath)
    if inverse is not None:
        return f"^{inverse}"
    return str(path)


def _value_text(value: Node | None, labels: BlankLabels) -> str | None:
    if value is None:
        return None
    if isinstance(value, Literal):
        return str(value)
    return labels.label(value)


class BlankLabels:
    """Stable labels for blank nodes, so that the same input gives the same report.

    A parser's blank-node ids change on every run; the label is a hash of where the node is
    referenced from and what it says, which only changes when the data does.
    """

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self._cache: dict[BNode, str] = {}

    def label(self, node: Node | None) -> str | None:
        if node is None:
            return None
        if not isinstance(node, BNode):
            return str(node)
        if node not in self._cache:
            self._cache[node] = "_:b" + hashlib.sha1(self._describe(node, 0).encode()).hexdigest()[:12]
        return self._cache[node]

    def _describe(self, node: Node, depth: int) -> str:
        if not isinstance(node, BNode):
            return node.n3()
        if depth > 3:
            return "[]"
        parts = [f"{p.n3()} {self._describe(o, depth + 1)}" for p, o in self.graph.predicate_objects(node)]
        referrers = [f"{s.n3() if not isinstance(s, BNode) else '[]'} {p.n3()}"
                     for s, p in self.graph.subject_predicates(node)]
        return "|".join(sorted(referrers)) + "=>" + ";".join(sorted(parts))
