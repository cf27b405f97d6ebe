"""Property: on random small graphs and random shapes of the supported subset, both engines agree.

Hypothesis draws a data graph over a handful of nodes, classes, predicates and awkward literals
(ill-typed, explicit xsd:string, language tags in several cases, derived integer types) and a
shapes graph: one targeted node shape with property shapes on every kind of path, and helper
shapes reached through sh:node, sh:or, sh:and, sh:xone, sh:not and sh:qualifiedValueShape, each
with a random severity (the conformance of a Warning helper differs from a Violation one) and
sometimes deactivated. Every shape has a message, so the fast engine must cover all of them;
the findings must equal pyshacl's.
"""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

from nordval import engine, profiles
from nordval.engine.terms import quiet_rdflib
from nordval.profiles import ResolvedProfile
from nordval.profiles.rules import extract
from tests.engine.compare import difference, document_of

EX = Namespace("http://example.org/")
NODES = [EX[f"n{i}"] for i in range(4)]
BLANKS = [BNode(f"blank{i}") for i in range(2)]
CLASSES = [EX.C0, EX.C1, EX.C2]
PREDICATES = [EX.p, EX.q, EX.r]
with quiet_rdflib():
    LITERALS = [
        Literal("a"), Literal("a", datatype=XSD.string), Literal("a", lang="en"), Literal("b", lang="en"),
        Literal("a", lang="nb"), Literal("c", lang="en-GB"), Literal("d", lang="EN"),
        Literal("1", datatype=XSD.integer),
        Literal("abc", datatype=XSD.integer), Literal("2020-01-01", datatype=XSD.date),
        Literal("2020-13-01", datatype=XSD.date), Literal("5", datatype=XSD.nonNegativeInteger),
        Literal("-5", datatype=XSD.nonNegativeInteger), Literal("1.50", datatype=XSD.decimal),
        Literal("1", datatype=XSD.boolean), Literal("x", datatype=EX.dt), Literal("http://example.org/n1"),
        Literal(""),
    ]
SUBJECTS = NODES + BLANKS
OBJECTS = NODES + BLANKS + LITERALS + CLASSES
DATATYPES = [XSD.string, XSD.integer, XSD.date, RDF.langString, XSD.nonNegativeInteger, RDFS.Literal,
             XSD.decimal, XSD.boolean, EX.dt]
KINDS = [SH.IRI, SH.BlankNode, SH.Literal, SH.BlankNodeOrIRI, SH.BlankNodeOrLiteral, SH.IRIOrLiteral]
PATTERNS = ["^a", "n[12]$", "A", "^$", "[0-9]", "example"]
SEVERITIES = [SH.Violation, SH.Violation, SH.Warning, SH.Info]
HELPERS = [EX[f"H{i}"] for i in range(4)]


@dataclass(frozen=True)
class Param:
    """One constraint as triples to add to a shape: (predicate, value or list of values)."""

    predicate: URIRef
    value: object
    is_list: bool = False


def _params(helpers: list[URIRef], property_shape: bool) -> st.SearchStrategy[list[Param]]:
    """Constraints for one shape; shape references only go to ``helpers`` (no recursion)."""
    common: list[st.SearchStrategy[Param]] = [
        st.sampled_from(CLASSES).map(lambda c: Param(SH["class"], c)),
        st.sampled_from(DATATYPES).map(lambda d: Param(SH.datatype, d)),
        st.sampled_from(KINDS).map(lambda k: Param(SH.nodeKind, k)),
        st.lists(st.sampled_from(NODES + LITERALS), min_size=1, max_size=3, unique=True)
          .map(lambda v: Param(SH["in"], v, True)),
        st.sampled_from(NODES + LITERALS).map(lambda v: Param(SH.hasValue, v)),
        st.sampled_from(PATTERNS).map(lambda p: Param(SH.pattern, Literal(p))),
        st.integers(0, 3).map(lambda n: Param(SH.minLength, Literal(n))),
        st.integers(0, 3).map(lambda n: Param(SH.maxLength, Literal(n))),
        st.sampled_from([["en"], ["nb", "en"], ["EN"], ["*"], ["en-gb"]])
          .map(lambda tags: Param(SH.languageIn, [Literal(t) for t in tags], True)),
    ]
    if helpers:
        refs = st.sampled_from(helpers)
        common += [
            refs.map(lambda h: Param(SH.node, h)),
            refs.map(lambda h: Param(SH["not"], h)),
            st.tuples(st.sampled_from(["or", "and", "xone"]), st.lists(refs, min_size=1, max_size=3))
              .map(lambda t: Param(SH[t[0]], t[1], True)),
        ]
    if property_shape:
        common += [
            st.integers(0, 2).map(lambda n: Param(SH.minCount, Literal(n))),
            st.integers(0, 2).map(lambda n: Param(SH.maxCount, Literal(n))),
            st.booleans().map(lambda b: Param(SH.uniqueLang, Literal(b))),
        ]
    return st.lists(st.one_of(common), min_size=1, max_size=3,
                    unique_by=lambda p: (p.predicate if p.predicate not in (SH["or"], SH["and"], SH.xone)
                                         else SH["or"]))


def _path(draw: st.DrawFn, graph: Graph) -> Node:
    kind = draw(st.sampled_from(["plain", "plain", "plain", "inverse", "sequence", "alternative",
                                 "zeroOrMore", "oneOrMore", "zeroOrOne"]))
    p, q = draw(st.sampled_from(PREDICATES)), draw(st.sampled_from(PREDICATES))
    if kind == "plain":
        return p
    node = BNode()
    if kind == "sequence":
        Collection(graph, node, [p, q])
        return node
    if kind == "alternative":
        members = BNode()
        Collection(graph, members, [p, q])
        graph.add((node, SH.alternativePath, members))
        return node
    graph.add((node, {"inverse": SH.inversePath, "zeroOrMore": SH.zeroOrMorePath,
                      "oneOrMore": SH.oneOrMorePath, "zeroOrOne": SH.zeroOrOnePath}[kind], p))
    return node


def _add(graph: Graph, shape: URIRef, params: list[Param], message: bool = True) -> None:
    for param in params:
        if param.is_list:
            head = BNode()
            Collection(graph, head, list(param.value))  # type: ignore[call-overload]
            graph.add((shape, param.predicate, head))
        else:
            graph.add((shape, param.predicate, param.value))  # type: ignore[arg-type]
    if message:
        graph.add((shape, SH.message, Literal(f"{shape} fails", lang="en")))


@st.composite
def shapes_graphs(draw: st.DrawFn) -> Graph:
    graph = Graph()
    graph.bind("ex", EX)
    # helpers: each may refer only to helpers after it, so that no shape is recursive
    helpers = HELPERS[: draw(st.integers(0, len(HELPERS)))]
    for index, helper in enumerate(helpers):
        graph.add((helper, RDF.type, SH.NodeShape))
        graph.add((helper, SH.severity, draw(st.sampled_from(SEVERITIES))))
        if draw(st.booleans()):
            _add(graph, helper, draw(_params(helpers[index + 1:], False)))
        else:
            prop = EX[f"HP{index}"]
            graph.add((helper, SH.property, prop))
            graph.add((prop, RDF.type, SH.PropertyShape))
            graph.add((prop, SH.path, _path(draw, graph)))
            graph.add((prop, SH.severity, draw(st.sampled_from(SEVERITIES))))
            _add(graph, prop, draw(_params([], True)))
        if draw(st.integers(0, 9)) == 0:
            graph.add((helper, SH.deactivated, Literal(True)))
    top = EX.S
    graph.add((top, RDF.type, SH.NodeShape))
    target = draw(st.sampled_from(["class", "node", "subjectsOf", "objectsOf"]))
    if target == "class":
        graph.add((top, SH.targetClass, draw(st.sampled_from(CLASSES))))
    elif target == "node":
        for node in draw(st.lists(st.sampled_from(NODES + LITERALS[:3]), min_size=1, max_size=3)):
            graph.add((top, SH.targetNode, node))
    else:
        graph.add((top, SH[f"target{target[0].upper()}{target[1:]}"], draw(st.sampled_from(PREDICATES))))
    graph.add((top, SH.severity, draw(st.sampled_from(SEVERITIES))))
    if draw(st.booleans()):
        _add(graph, top, draw(_params(helpers, False)))
    else:
        graph.add((top, SH.message, Literal("top fails")))
    for index in range(draw(st.integers(1, 3))):
        prop = EX[f"P{index}"]
        graph.add((top, SH.property, prop))
        graph.add((prop, RDF.type, SH.PropertyShape))
        graph.add((prop, SH.path, _path(draw, graph)))
        graph.add((prop, SH.severity, draw(st.sampled_from(SEVERITIES))))
        params = draw(_params(helpers, True))
        if helpers and draw(st.integers(0, 3)) == 0:
            params.append(Param(SH.qualifiedValueShape, draw(st.sampled_from(helpers))))
            params.append(Param(draw(st.sampled_from([SH.qualifiedMinCount, SH.qualifiedMaxCount])),
                                Literal(draw(st.integers(0, 2)))))
            if draw(st.booleans()):
                params.append(Param(SH.qualifiedValueShapesDisjoint, Literal(True)))
        _add(graph, prop, params)
        if draw(st.integers(0, 9)) == 0:
            graph.add((prop, SH.deactivated, Literal(True)))
    if draw(st.integers(0, 5)) == 0:
        graph.add((top, SH.closed, Literal(True)))
        ignored = BNode()
        Collection(graph, ignored, [RDF.type])
        graph.add((top, SH.ignoredProperties, ignored))
    return graph


@st.composite
def data_graphs(draw: st.DrawFn) -> Graph:
    graph = Graph()
    triples = draw(st.lists(st.tuples(st.sampled_from(SUBJECTS), st.sampled_from(PREDICATES),
                                      st.sampled_from(OBJECTS)), max_size=25))
    for triple in triples:
        graph.add(triple)
    for subject, cls in draw(st.lists(st.tuples(st.sampled_from(SUBJECTS), st.sampled_from(CLASSES)),
                                      max_size=6)):
        graph.add((subject, RDF.type, cls))
    if draw(st.booleans()):
        graph.add((draw(st.sampled_from(CLASSES)), RDFS.subClassOf, draw(st.sampled_from(CLASSES))))
    return graph


def profile_of(shapes: Graph) -> ResolvedProfile:
    layer = profiles.adhoc_profile([], [])
    return ResolvedProfile(layer, (layer,), shapes, extract(shapes, layer.id), (), ())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)
@given(data=data_graphs(), shapes=shapes_graphs())
def test_engines_agree_on_random_graphs_and_shapes(data: Graph, shapes: Graph) -> None:
    profile = profile_of(shapes)
    assert engine.coverage(profile).fallback == (), shapes.serialize(format="turtle")
    report = difference(document_of(data), profile)
    assert report == "", f"{report}\n--- data\n{data.serialize(format='turtle')}\n--- shapes\n" \
                         f"{shapes.serialize(format='turtle')}"
