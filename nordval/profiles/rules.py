"""Rules as users see them: one per shape, with its id, layer, severity, texts and spec link."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from ..curies import curie
from ..model import Severity

NV = Namespace("https://w3id.org/nordval/ns#")
SHAPES_BASE = "https://w3id.org/nordval/shapes/"
SHACL_SEVERITY = {SH.Violation: Severity.ERROR, SH.Warning: Severity.WARNING, SH.Info: Severity.INFO}
SEVERITY_SHACL = {v: k for k, v in SHACL_SEVERITY.items()}


@dataclass(frozen=True)
class Rule:
    """One shape seen as a rule."""

    iri: str
    id: str
    layer: str
    severity: Severity
    name: str | None = None
    level: str | None = None
    messages: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    fixes: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    see: str | None = None
    vocabulary: str | None = None
    path: str | None = None
    classes: tuple[str, ...] = ()
    reportable: bool = True
    replaces: str | None = None
    deactivated: bool = False
    regraded_by: str | None = None

    def text(self, texts: dict[str, str], languages: tuple[str, ...]) -> str | None:
        for lang in (*languages, "en", ""):
            if lang in texts:
                return texts[lang]
        return next(iter(texts.values()), None)

    def message(self, languages: tuple[str, ...]) -> str | None:
        return self.text(self.messages, languages)

    def fix(self, languages: tuple[str, ...]) -> str | None:
        return self.text(self.fixes, languages)

    def with_changes(self, **changes: object) -> Rule:
        return replace(self, **changes)  # type: ignore[arg-type]


def rule_id(graph: Graph, shape: Node, layer: str) -> str:
    """Stable id: ``layer:Local`` for our namespace, else ``nv:rule``, CURIE or IRI."""
    explicit = graph.value(shape, NV.rule)
    if explicit is not None:
        return str(explicit)
    text = str(shape)
    if text.startswith(SHAPES_BASE) and "#" in text:
        ns_layer, local = text[len(SHAPES_BASE):].split("#", 1)
        return f"{ns_layer}:{local}"
    if isinstance(shape, URIRef):
        try:
            prefix, _, local = graph.namespace_manager.compute_qname(text, generate=False)
            return f"{prefix}:{local}" if prefix else local
        except (ValueError, KeyError):
            return text
    return _anonymous_id(graph, shape)


def _anonymous_id(graph: Graph, shape: Node) -> str:
    """For blank-node property shapes (ad-hoc shapes): ``<parent>/<path CURIE>``."""
    parent = graph.value(predicate=SH.property, object=shape)
    path = graph.value(shape, SH.path)
    parent_id = _curie(graph, parent) if isinstance(parent, URIRef) else "shape"
    path_id = _curie(graph, path) if isinstance(path, URIRef) else "path"
    return f"{parent_id}/{path_id}"


def _curie(graph: Graph, node: Node) -> str:
    short = curie(str(node))
    if not short.startswith("<"):
        return short
    try:
        return graph.namespace_manager.curie(str(node), generate=False)
    except (ValueError, KeyError):
        return str(node)


def _texts(graph: Graph, shape: Node, predicate: URIRef) -> dict[str, str]:
    texts: dict[str, str] = {}
    for value in graph.objects(shape, predicate):
        if isinstance(value, Literal):
            texts.setdefault(value.language or "", str(value))
    return texts


def shapes_in(graph: Graph) -> Iterator[Node]:
    """Every node or property shape defined in ``graph``."""
    seen: set[Node] = set()
    candidates = [
        *graph.subjects(RDF.type, SH.NodeShape),
        *graph.subjects(RDF.type, SH.PropertyShape),
        *graph.objects(None, SH.property),
        *graph.subjects(SH.targetClass, None),
    ]
    for node in candidates:
        if node not in seen and isinstance(node, (URIRef, BNode)):
            seen.add(node)
            yield node


TARGETS = (SH.targetClass, SH.targetNode, SH.targetObjectsOf, SH.targetSubjectsOf)


def _is_reportable(graph: Graph, shape: Node) -> bool:
    """Targeted shapes and their property shapes; helpers reached only via sh:node/sh:or are not."""
    owners = [shape, *graph.subjects(SH.property, shape)]
    return any(graph.value(owner, t) is not None for owner in owners for t in TARGETS)


def _target_classes(graph: Graph, shape: Node) -> tuple[str, ...]:
    """The classes a rule applies to: its own targets, or those of the node shapes using it."""
    owners = [shape, *graph.subjects(SH.property, shape)]
    found = {str(c) for owner in owners for c in graph.objects(owner, SH.targetClass)}
    return tuple(sorted(found))


def extract(graph: Graph, layer: str) -> dict[str, Rule]:
    """Rules keyed by shape IRI (blank-node shapes keyed by their node id)."""
    rules: dict[str, Rule] = {}
    for shape in shapes_in(graph):
        severity = SHACL_SEVERITY.get(graph.value(shape, SH.severity), Severity.ERROR)  # type: ignore[call-overload]
        path = graph.value(shape, SH.path) or graph.value(shape, NV.path)
        see = graph.value(shape, RDFS.seeAlso)
        vocab = min(map(str, graph.objects(shape, NV.vocabulary)), default=None)  # several: the same one each run
        name = graph.value(shape, SH.name)
        level = graph.value(shape, NV.level)
        rules[str(shape)] = Rule(
            iri=str(shape),
            id=rule_id(graph, shape, layer),
            layer=layer,
            severity=severity,
            name=str(name) if name is not None else None,
            level=str(level) if level is not None else None,
            messages=_texts(graph, shape, SH.message),
            fixes=_texts(graph, shape, NV.fix),
            see=str(see) if see is not None else None,
            vocabulary=str(vocab) if vocab is not None else None,
            path=str(path) if isinstance(path, URIRef) else None,
            classes=_target_classes(graph, shape),
            reportable=_is_reportable(graph, shape),
        )
    return rules
