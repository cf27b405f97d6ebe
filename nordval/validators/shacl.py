"""SHACL validation; results of either engine become Findings at this edge.

Two engines give the same results: pyshacl (the reference, ``--engine pyshacl``) and the fast
set-based engine (``nordval.engine``). ``auto`` (the default) uses the fast engine for the shapes
it covers and pyshacl for the rest; ``fast`` insists on the fast engine. Both produce
``ShaclResult`` records, and one function turns a record into a Finding.

The shapes graph of a profile is harvested by pyshacl once per process (the parsed
``ShapesGraph`` is cached and reused for every input), so the per-file cost is the
validation itself.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from typing import Protocol

from pyshacl import Validator
from pyshacl.graph_abstraction import DataGraph
from pyshacl.shapes_graph import ShapesGraph
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from .. import codelists, engine, resources
from ..engine.results import ShaclResult, path_text
from ..errors import ProfileError
from ..inputs import MAX_STREAM_BYTES, Document, Source
from ..model import Finding, Location, Severity
from ..profiles import ResolvedProfile
from ..profiles.rules import SHACL_SEVERITY, Rule
from .messages import generic_fix, generic_message

ONTOLOGY = "pkg:vocabularies/ontology.ttl"
ENGINES = ("auto", "fast", "pyshacl")
_LOG = logging.getLogger("nordval.shacl")
_LOG.addHandler(logging.NullHandler())
_ENGINE: ContextVar[str] = ContextVar("nordval_shacl_engine", default="auto")


@contextmanager
def using_engine(name: str) -> Iterator[None]:
    """Run the SHACL checks inside the block with this engine (``auto``, ``fast`` or ``pyshacl``)."""
    if name not in ENGINES:
        raise ValueError(f"unknown engine {name!r}; known: {', '.join(ENGINES)}")
    token = _ENGINE.set(name)
    try:
        yield
    finally:
        _ENGINE.reset(token)


def require_fast(profile: ResolvedProfile) -> None:
    """For ``--engine fast``: refuse a profile with shapes the fast engine does not cover."""
    covered = engine.coverage(profile)
    if covered.broken:
        raise ProfileError(f"--engine fast: {covered.broken}")
    if covered.fallback:
        listed = "; ".join(f"{rule} ({why})" for rule, why in covered.fallback[:5])
        more = f" and {len(covered.fallback) - 5} more" if len(covered.fallback) > 5 else ""
        raise ProfileError(f"--engine fast does not cover {len(covered.fallback)} shape(s) of profile "
                           f"{profile.id!r}: {listed}{more}; use --engine auto to run them on pyshacl")


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


def run(data: Graph, profile: ResolvedProfile, only: Collection[Node] | None = None) -> Graph:
    """Validate and return pyshacl's report graph; ``only``: just these targeted shapes."""
    validator = Validator(
        DataGraph.from_rdflib(data),
        shacl_graph=profile.shapes,
        options={"inference": "none", "allow_infos": True, "allow_warnings": True,
                 "logger": _LOG, "inplace": True},
    )
    validator.shacl_graph = _shapes_graph(profile)
    if only is not None:
        return _run_shapes(validator, only)
    _conforms, report, _text = validator.run()
    graph: Graph = report
    return graph


def _run_shapes(validator: Validator, only: Collection[Node]) -> Graph:
    """What ``Validator.run`` does, for some of the shapes (the fast engine's fallback)."""
    executor = validator.make_executor()
    reports = []
    for shape in validator.shacl_graph.shapes:
        if shape.node in only:
            _conforms, found = shape.validate(executor, validator.data_graph)
            reports.extend(found)
    report, _text = validator.create_validation_report(validator.shacl_graph, not reports, reports)
    graph: Graph = report
    return graph


def report_results(report: Graph) -> list[ShaclResult]:
    """pyshacl's top-level results as records.

    Only top-level results: nested ones (sh:detail) explain a sh:node failure already reported.
    """
    results = []
    for result in report.objects(None, SH.result):
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        results.append(ShaclResult(
            focus=report.value(result, SH.focusNode),  # type: ignore[arg-type]
            path=path,
            path_text=path_text(report, path),
            value=report.value(result, SH.value),
            shape=report.value(result, SH.sourceShape),  # type: ignore[arg-type]
            component=report.value(result, SH.sourceConstraintComponent),
            severity=report.value(result, SH.resultSeverity),
            engine_message=str(message) if message else None,
        ))
    return results


def results(graph: Graph, profile: ResolvedProfile, engine_name: str | None = None
            ) -> tuple[list[ShaclResult], set[URIRef]]:
    """The SHACL results for one graph, and the code-list concepts its background describes."""
    engine_name = engine_name or _ENGINE.get()
    if engine_name != "pyshacl" and not engine.plan_for(profile).broken:
        try:
            outcome = engine.validate_graph(graph, profile)
        except engine.Unconvertible as exc:
            if engine_name == "fast":
                raise
            _LOG.info("fast engine cannot hold this graph (%s); using pyshacl", exc)
        else:
            found = outcome.results
            if outcome.fallback:
                data, _described = prepare(graph, profile)
                found = found + report_results(run(data, profile, outcome.fallback))
            return found, outcome.described
    data, vocabulary_concepts = prepare(graph, profile)
    return report_results(run(data, profile)), vocabulary_concepts


def check(document: Document, profile: ResolvedProfile,
          languages: tuple[str, ...] = ()) -> Iterator[Finding]:
    languages = languages or profile.languages
    for graph_name, graph in document.graphs:
        found, vocabulary_concepts = results(graph, profile)
        labels = BlankLabels(graph)
        for result in found:
            if result.focus in vocabulary_concepts:
                continue
            yield finding(result, document.source, graph_name, profile, labels, languages)


STREAM_MIN_BYTES = 1024 * 1024
STREAM_SUFFIXES = {".nt": "nt", ".nq": "nquads", ".ttl": "turtle", ".turtle": "turtle", ".trig": "trig"}
STREAM_FORMATS = {"nt": "nt", "ntriples": "nt", "nquads": "nquads", "nq": "nquads", "turtle": "turtle",
                  "ttl": "turtle", "trig": "trig"}
# What pyoxigraph's parser reads differently from rdflib's: an explicit xsd:string (merged with a
# plain literal) and upper-case language tags (lower-cased; they enter blank-node labels). Two
# searches, because one alternation starting with a character class scans 30 times slower.
_EXPLICIT_STRING = re.compile(rb"""\^\^\s*(?:<[^>]*XMLSchema#string>|[\w.-]*:string\b)""")
_UPPER_TAG = re.compile(rb"@[A-Za-z0-9-]*[A-Z]")


def divergent(raw: bytes) -> bool:
    """Whether pyoxigraph would read ``raw`` differently from rdflib (``_EXPLICIT_STRING``, ``_UPPER_TAG``)."""
    if _EXPLICIT_STRING.search(raw):
        return True
    # a tag follows a closing quote; an "@" elsewhere (an e-mail address) does not count
    return any(m.start() and raw[m.start() - 1] in b"\"'" for m in _UPPER_TAG.finditer(raw))


def streamed(source: Source, profile: ResolvedProfile, languages: tuple[str, ...],
             data_format: str | None = None) -> tuple[Document, list[Finding]] | None:
    """Validate a large N-Triples/N-Quads/Turtle/TriG file without an rdflib graph: pyoxigraph parses it.

    rdflib's parse costs more than the fast engine's whole validation. This path is taken only
    when it gives what the ordinary one gives: a file of at least ``STREAM_MIN_BYTES``, UTF-8,
    that pyoxigraph parses, without what its parser reads differently (``divergent``), whose
    shapes all run on the fast engine. Otherwise (None) the ordinary path runs and reports any
    problem with the input.
    """
    if _ENGINE.get() == "pyshacl" or source.path is None or not len(profile.shapes):
        return None
    syntax = STREAM_FORMATS.get(data_format or "") if data_format else STREAM_SUFFIXES.get(source.path.suffix.lower())
    plan = engine.plan_for(profile)
    if syntax is None or plan.broken or plan.fallback:
        return None
    try:
        size = source.path.stat().st_size
        if not STREAM_MIN_BYTES <= size <= MAX_STREAM_BYTES:
            return None
        raw = source.read()
        if b"\x00" in raw[:8192] or raw.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
            return None
        if divergent(raw):
            return None
        text = raw.decode("utf-8")  # kept for with_lines, as the ordinary path keeps it
        del raw
        graphs, prefixes = engine.read(source.path, syntax)  # pyoxigraph reads the file itself
    except (OSError, UnicodeDecodeError, SyntaxError, ValueError):
        return None
    if not any(len(data) for data in graphs.values()):
        return None  # no triples: the ordinary path reports input.empty
    findings: list[Finding] = []
    try:
        # with a million terms alive, every collection would walk them all again (3 s at 20 000
        # datasets); the engine's structures hold no reference cycles
        with engine.paused_gc():
            for graph_name in sorted(graphs, key=lambda name: name or ""):
                data = graphs[graph_name]
                if not len(data):
                    continue
                described = engine.add_background(data, profile.vocabularies)
                outcome = engine.validate_data(data, profile, described)
                labels = BlankLabels(engine.Neighbourhood(data))
                findings.extend(finding(result, source.name, graph_name, profile, labels, languages)
                                for result in outcome.results if result.focus not in described)
    except Exception:  # the ordinary path validates the file again and reports the failure
        _LOG.exception("streaming validation of %s failed", source.name)
        return None
    declared = Graph()  # the prefixes rdflib's graph would carry: they locate CURIE subjects (with_lines)
    for prefix, namespace in prefixes.items():
        declared.bind(prefix, namespace)
    return Document(source.name, "rdf", syntax, graphs=[(None, declared)], text=text), findings


def finding(result: ShaclResult, source: str, graph_name: str | None,
            profile: ResolvedProfile, labels: BlankLabels, languages: tuple[str, ...]) -> Finding:
    """One result as a Finding: the rule's texts, severity and link (the same for both engines)."""
    focus, path, value = result.focus, result.path, result.value
    severity = SHACL_SEVERITY.get(result.severity, Severity.ERROR)  # type: ignore[call-overload]
    rule = profile.rules.get(str(result.shape))
    constraint = _constraint_name(result.component)
    message = rule.message(languages) if rule else None
    fix = rule.fix(languages) if rule else None
    if message is None:
        message = generic_message(constraint, path, value, result.engine_message)
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
            path=result.path_text or (rule.path if rule else None),
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


def _value_text(value: Node | None, labels: BlankLabels) -> str | None:
    if value is None:
        return None
    if isinstance(value, Literal):
        return str(value)
    return labels.label(value)


class Neighbourhood(Protocol):
    """What a blank-node label is computed from (an rdflib graph, or the engine's store view)."""

    def predicate_objects(self, subject: Node) -> Iterator[tuple[Node, Node]]: ...

    def subject_predicates(self, object: Node) -> Iterator[tuple[Node, Node]]: ...


class BlankLabels:
    """Stable labels for blank nodes, so that the same input gives the same report.

    A parser's blank-node ids change on every run; the label is a hash of where the node is
    referenced from and what it says, which only changes when the data does.
    """

    def __init__(self, graph: Graph | Neighbourhood) -> None:
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
