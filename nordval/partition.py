"""Cut one RDF graph into partitions whose merged findings are exactly the whole graph's.

A SHACL result is about one focus node, and it depends only on the triples the shape reads
when it starts from that node: the triples that make the node a target, the triples on every
property path the shape and its nested shapes follow, the ``rdf:type``/``rdfs:subClassOf``
triples ``sh:class`` looks at, and (for the report) the triples that give a blank node its
stable label. This module reads those *access patterns* from the profile's shapes graph and,
for each partition, copies exactly the triples its **responsible** nodes need. Each node that
can be a focus is responsible in one partition; a partition also holds other nodes as context
(a referenced agent's type, the dataset a distribution hangs off), and findings about them are
dropped there (``Partition.keeps``), because their own data may be incomplete in it.

Partitions are groups of *units*: an owner (a node typed with one of ``OWNER_CLASSES``, e.g. a
dataset) plus the nodes reachable from it that are not owners themselves (distributions,
contact points, periods, checksums, ...), so that context rarely has to be copied. Grouping
only affects how much is copied, never the findings.

One node can read a great deal: a catalogue's range rule on ``dcat:dataset`` reads the type of
every dataset it lists. A shape whose results are each about one value and read nothing but that
value (``sh:class``, ``sh:node``, ``sh:or``, ``sh:nodeKind``, ... on one predicate, reporting under
its own rule id) is *split* when an IRI focus has more than ``split_min`` values for it, all IRIs:
each value is judged in the partition where the value itself is responsible (the focus is made a
target there and linked to that value only), and ``Partition.splits`` keeps exactly the findings
of that rule, focus and value there.

Why the result is exact:

* a partition is a subset of the graph, and background knowledge (code-list facts per IRI, the
  ontology) is added per partition by the normal validation path, per IRI, so a partition sees
  the same background for every IRI it contains (IRIs a responsible node's access reads through
  background triples are *anchored*: one data triple mentioning them is copied);
* for a responsible node, every triple any of its shapes can read is copied (all values of every
  path step, so ``sh:minCount``/``sh:maxCount``/``sh:uniqueLang``/qualified counts see all values;
  inverse paths copy the incoming triples), so its results are the whole graph's;
* its label (blank nodes) and the labels of blank values reported by its shapes are computed from
  all triples around them, as in the whole graph;
* a finding is kept only when its focus is responsible in that partition (for a split shape:
  when its value is judged there); if a context node's label or text collides with a responsible
  one's, the context node is made responsible too.

Shapes whose reads cannot be bounded this way (SPARQL constraints and targets, custom constraint
components, unknown SHACL parameters) make ``plan`` return the whole graph as one partition, with
the reason.
"""

from __future__ import annotations

from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH
from rdflib.term import Node

from . import codelists, resources
from .engine.data import paused_gc
from .model import Finding
from .profiles import ResolvedProfile
from .validators.shacl import ONTOLOGY, BlankLabels

Triple = tuple[Node, Node, Node]
# A SHACL property path: ("p", iri) | ("inv", path) | ("seq", paths) | ("alt", paths) | ("star"|"plus"|"opt", path)
PathExpr = tuple[object, ...]

DCAT = "http://www.w3.org/ns/dcat#"
CPSV = "http://purl.org/vocab/cpsv#"
CV = "http://data.europa.eu/m8g/"
OWNER_CLASSES = frozenset(URIRef(iri) for iri in (
    DCAT + "Catalog", DCAT + "Dataset", DCAT + "DatasetSeries", DCAT + "DataService", DCAT + "CatalogRecord",
    CPSV + "PublicService", CV + "BusinessEvent", CV + "LifeEvent", CV + "Event",
))
DEFAULT_BATCH = 200
DEFAULT_SPLIT = 50  # a node with more values than this for a per-value shape has them judged per value

_TYPES: PathExpr = ("seq", (("p", RDF.type), ("star", ("p", RDFS.subClassOf))))
# Parameters whose check needs only the value nodes themselves (or all of them: the counts).
_INTRINSIC = frozenset(SH[name] for name in (
    "nodeKind", "datatype", "minCount", "maxCount", "minExclusive", "minInclusive", "maxExclusive", "maxInclusive",
    "minLength", "maxLength", "pattern", "flags", "languageIn", "uniqueLang", "in", "hasValue",
    "qualifiedMinCount", "qualifiedMaxCount", "qualifiedValueShapesDisjoint", "ignoredProperties",
))
_ANNOTATIONS = frozenset(SH[name] for name in (
    "name", "description", "message", "severity", "deactivated", "order", "group", "defaultValue", "path",
    "targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf",
))
_COMPARED = frozenset(SH[name] for name in ("equals", "disjoint", "lessThan", "lessThanOrEquals"))
_NESTED_ONE = frozenset(SH[name] for name in ("node", "property", "not", "qualifiedValueShape"))
# Parameters whose results are one per value node and depend on nothing but that value (and what is
# read from it): a shape made of these can be evaluated for some of a node's values at a time.
_PER_VALUE = frozenset(SH[name] for name in (
    "nodeKind", "datatype", "minExclusive", "minInclusive", "maxExclusive", "maxInclusive", "minLength",
    "maxLength", "pattern", "flags", "languageIn", "in", "class", "node", "and", "or", "xone", "not",
))
_NESTED_LIST = frozenset(SH[name] for name in ("and", "or", "xone"))
# Anywhere in the shapes graph, these mean reads the partitioner cannot bound.
_UNBOUNDED = tuple(SH[name] for name in (
    "sparql", "select", "ask", "target", "rule", "parameter", "validator", "nodeValidator", "propertyValidator",
    "jsFunctionName", "js",
))
_PATH_KINDS = {SH.inversePath: "inv", SH.zeroOrMorePath: "star", SH.oneOrMorePath: "plus", SH.zeroOrOnePath: "opt"}


class Unbounded(Exception):
    """A shape reads data the partitioner cannot bound; the graph is validated whole."""


# --- what the shapes read ------------------------------------------------------------------------

@dataclass(frozen=True)
class Access:
    """What evaluating one shape on a focus node reads, besides the value nodes' own terms."""

    path: PathExpr | None  # None: a node shape, whose value node is the focus
    compared: tuple[PathExpr, ...] = ()  # sh:equals & co.: another path from the focus
    types: bool = False  # sh:class: rdf:type/rdfs:subClassOf* of each value
    closed: bool = False  # sh:closed: every property of each value
    nested: tuple[Node, ...] = ()  # shapes evaluated on each value (sh:node, sh:property, sh:or, ...)
    properties: tuple[Node, ...] = ()  # the sh:property part of ``nested``: their results are reported as theirs
    local: bool = False  # one forward predicate, and each result is about one value, read from it alone


@dataclass(frozen=True, eq=False)
class Reads:
    """A merged ``Access`` for a set of shapes on one node: its classes, all properties, and path steps."""

    types: bool
    closed: bool
    steps: tuple[tuple[PathExpr, bool, bool, frozenset[Node]], ...]  # path, values' classes, all properties, shapes


@dataclass
class Shapes:
    """A profile's shapes as access patterns, and the shapes each kind of target selects."""

    access: dict[Node, Access] = field(default_factory=dict)
    by_class: dict[Node, list[Node]] = field(default_factory=dict)
    by_subject_of: dict[Node, list[Node]] = field(default_factory=dict)
    by_object_of: dict[Node, list[Node]] = field(default_factory=dict)
    by_node: dict[Node, list[Node]] = field(default_factory=dict)
    unbounded: str | None = None
    split_rules: dict[Node, str] = field(default_factory=dict)  # per-value shapes -> their rule id
    _reads: dict[tuple[frozenset[Node], bool, bool], Reads] = field(default_factory=dict, repr=False)
    _closures: dict[frozenset[Node], frozenset[Node]] = field(default_factory=dict, repr=False)
    _separable: dict[frozenset[Node], frozenset[Node]] = field(default_factory=dict, repr=False)

    def closure(self, shapes: frozenset[Node]) -> frozenset[Node]:
        """The shapes evaluated on a node when ``shapes`` are: node shapes apply their nested ones to it."""
        found = self._closures.get(shapes)
        if found is None:
            found = self._closures[shapes] = frozenset(self._below(shapes, lambda access: access.nested))
        return found

    def _below(self, start: Iterable[Node], edges: Callable[[Access], Iterable[Node]]) -> set[Node]:
        """``start`` and the shapes node shapes among them lead to by ``edges``, transitively."""
        found: set[Node] = set()
        todo = list(start)
        while todo:
            shape = todo.pop()
            if shape not in found:
                found.add(shape)
                if self.access[shape].path is None:
                    todo.extend(edges(self.access[shape]))
        return found

    def separable(self, selected: frozenset[Node]) -> frozenset[Node]:
        """Per-value shapes that report their own results on a node targeted by ``selected``.

        A shape reports its own results when it is targeted or is an ``sh:property`` of a node
        shape that does; one reached through ``sh:node``/``sh:or``/... (also) only decides another
        shape's result, so leaving its reads out would change that result.
        """
        found = self._separable.get(selected)
        if found is None:
            reporting = self._below(selected, lambda access: access.properties)
            here = self.closure(selected)
            wrapped = self.closure(frozenset(n for shape in here if self.access[shape].path is None
                                             for n in self.access[shape].nested
                                             if n not in self.access[shape].properties))
            found = self._separable[selected] = frozenset((reporting - wrapped) & self.split_rules.keys())
        return found

    def reads(self, shapes: frozenset[Node], types: bool = False, closed: bool = False) -> Reads:
        """What evaluating ``shapes`` on one node reads, merged by path (so each path is walked once).

        ``types``/``closed``: the node's classes or all its properties are read too (a parent's
        ``sh:class``/``sh:closed`` on its values). Cached: every dataset has the same shapes.
        """
        return self.reads_of(self.closure(shapes), types, closed)

    def reads_of(self, here: frozenset[Node], types: bool = False, closed: bool = False) -> Reads:
        """``reads`` for exactly these shapes (already closed; some may have been left out)."""
        key = (here, types, closed)
        found = self._reads.get(key)
        if found is not None:
            return found
        steps: dict[PathExpr, tuple[bool, bool, set[Node]]] = {}
        for shape in sorted(here, key=str):
            access = self.access[shape]
            for compared in access.compared:
                steps.setdefault(compared, (False, False, set()))
            if access.path is None:
                types = types or access.types
                closed = closed or access.closed
            else:
                t, c, nested = steps.get(access.path, (False, False, set()))
                steps[access.path] = (t or access.types, c or access.closed, nested | set(access.nested))
        found = Reads(types, closed, tuple((path, t, c, frozenset(n)) for path, (t, c, n) in steps.items()))
        self._reads[key] = found
        return found


def _parse_path(graph: Graph, node: Node, depth: int = 0) -> PathExpr:
    if depth > 50:
        raise Unbounded(f"property path {node} is nested too deeply")
    if isinstance(node, URIRef):
        return ("p", node)
    if graph.value(node, RDF.first) is not None:
        return ("seq", tuple(_parse_path(graph, item, depth + 1) for item in Collection(graph, node)))
    alternatives = graph.value(node, SH.alternativePath)
    if alternatives is not None:
        return ("alt", tuple(_parse_path(graph, item, depth + 1) for item in Collection(graph, alternatives)))
    for predicate, kind in _PATH_KINDS.items():
        inner = graph.value(node, predicate)
        if inner is not None:
            return (kind, _parse_path(graph, inner, depth + 1))
    raise Unbounded(f"property path {node} is not a SHACL path")


def _is_true(node: Node | None) -> bool:
    return isinstance(node, Literal) and node.toPython() is True


def compile_shapes(graph: Graph) -> Shapes:
    """Read every targeted shape (and the shapes nested in it) as access patterns."""
    shapes = Shapes()
    for predicate in _UNBOUNDED:
        for subject in graph.subjects(predicate, None):
            shapes.unbounded = f"shape {subject} uses {graph.qname(predicate)}, whose reads cannot be bounded"
            return shapes
    if (None, RDF.type, SH.ConstraintComponent) in graph:
        shapes.unbounded = "the shapes declare a custom constraint component, whose reads cannot be bounded"
        return shapes
    targets = {SH.targetClass: shapes.by_class, SH.targetSubjectsOf: shapes.by_subject_of,
               SH.targetObjectsOf: shapes.by_object_of, SH.targetNode: shapes.by_node}
    shape_types = (SH.NodeShape, SH.PropertyShape)
    tops: set[Node] = set()
    for predicate, index in targets.items():
        for shape, value in graph.subject_objects(predicate):
            if not _is_true(graph.value(shape, SH.deactivated)):
                index.setdefault(value, []).append(shape)
                tops.add(shape)
    for shape_type in shape_types:  # implicit class targets: a shape that is also a class
        for shape in graph.subjects(RDF.type, shape_type):
            if ((shape, RDF.type, RDFS.Class) in graph or (shape, RDF.type, OWL.Class) in graph) \
                    and not _is_true(graph.value(shape, SH.deactivated)):
                shapes.by_class.setdefault(shape, []).append(shape)
                tops.add(shape)
    parents: dict[Node, list[Node]] = defaultdict(list)
    for parent, child in graph.subject_objects(SH.property):
        parents[child].append(parent)
    todo = sorted(tops, key=str)
    try:
        while todo:
            shape = todo.pop()
            if shape in shapes.access:
                continue
            access = _compile_one(graph, shape, parents)
            shapes.access[shape] = access
            todo.extend(s for s in access.nested if s not in shapes.access)
    except Unbounded as exc:
        shapes.unbounded = str(exc)
    return shapes


def _compile_one(graph: Graph, shape: Node, parents: dict[Node, list[Node]]) -> Access:
    if _is_true(graph.value(shape, SH.deactivated)):
        return Access(path=None)  # a deactivated shape conforms without reading anything
    path_node = graph.value(shape, SH.path)
    path = _parse_path(graph, path_node) if path_node is not None else None
    compared: list[PathExpr] = []
    nested: list[Node] = []
    properties: list[Node] = []
    types = closed = False
    local = path is not None and path[0] == "p"
    for predicate, value in graph.predicate_objects(shape):
        if not isinstance(predicate, URIRef) or not str(predicate).startswith(str(SH)):
            continue  # annotations of other vocabularies (nv:, rdfs:, ...) are not read by the engine
        if predicate not in _PER_VALUE and predicate not in _ANNOTATIONS:
            local = False
        if predicate in _ANNOTATIONS or predicate in _INTRINSIC:
            continue
        if predicate == SH["class"]:
            types = True
        elif predicate == SH.closed:
            closed = closed or _is_true(value)
        elif predicate in _COMPARED:
            compared.append(_parse_path(graph, value))
        elif predicate in _NESTED_ONE:
            nested.append(value)
            if predicate == SH.property:
                properties.append(value)
        elif predicate in _NESTED_LIST:
            nested.extend(Collection(graph, value))
        else:
            raise Unbounded(f"shape {shape} uses {graph.qname(predicate)}, which the partitioner does not know")
    if _is_true(graph.value(shape, SH.qualifiedValueShapesDisjoint)):
        for parent in parents.get(shape, []):  # sibling qualified value shapes are evaluated too
            for sibling in graph.objects(parent, SH.property):
                nested.extend(graph.objects(sibling, SH.qualifiedValueShape))
    return Access(path=path, compared=tuple(compared), types=types, closed=closed,
                  nested=tuple(dict.fromkeys(nested)), properties=tuple(dict.fromkeys(properties)), local=local)


_COMPILED: dict[int, tuple[ResolvedProfile, Shapes]] = {}


def shapes_of(profile: ResolvedProfile) -> Shapes:
    """The compiled access patterns of a profile, once per process (the last few profiles)."""
    cached = _COMPILED.get(id(profile))
    if cached is None or cached[0] is not profile:
        while len(_COMPILED) >= 8:
            del _COMPILED[next(iter(_COMPILED))]
        shapes = compile_shapes(profile.shapes)
        ids = Counter(rule.id for rule in profile.rules.values())
        for shape, access in shapes.access.items():
            rule = profile.rules.get(str(shape))
            # a finding names its shape only through the rule id: it must name this shape alone
            if access.local and rule is not None and ids[rule.id] == 1 and not rule.id.startswith("sh:"):
                shapes.split_rules[shape] = rule.id
        cached = (profile, shapes)
        _COMPILED[id(profile)] = cached
    return cached[1]


# --- the data as integer ids, indexed both ways ---------------------------------------------------

IRI, BLANK, LITERAL = 0, 1, 2
Ids = tuple[int, int, int]
Adjacency = dict[int, dict[int, list[int]]]


@lru_cache(maxsize=1)
def _ontology() -> tuple[Triple, ...]:
    try:
        return tuple(resources.rdf_file(ONTOLOGY))
    except Exception:  # the validator treats the ontology as optional too
        return ()


class _Store:
    """The data and its background with terms as integers, indexed by subject and by object.

    rdflib terms hash and compare in Python; a plan looks up hundreds of thousands of path steps.
    """

    def __init__(self, graph: Graph, vocabularies: Sequence[codelists.Vocabulary]) -> None:
        self.terms: list[Node] = []
        self.ids: dict[Node, int] = {}
        self.kind = bytearray()
        self.out: Adjacency = {}
        self.inc: Adjacency = {}
        self.xout: Adjacency = {}  # background + ontology: present in every partition that needs it
        self.xinc: Adjacency = {}
        for s, p, o in graph:
            self._add(self.out, self.inc, (self.id(s), self.id(p), self.id(o)))
        # the validator's own function, asked about the terms already indexed (a second and third
        # pass over the rdflib graph would cost more than the whole plan)
        background, described = codelists.background(_Terms(self), vocabularies)  # type: ignore[arg-type]
        self.described = described
        for s, p, o in (*background, *_ontology()):
            self._add(self.xout, self.xinc, (self.id(s), self.id(p), self.id(o)))

    def id(self, term: Node) -> int:
        found = self.ids.get(term)
        if found is None:
            found = self.ids[term] = len(self.terms)
            self.terms.append(term)
            self.kind.append(BLANK if isinstance(term, BNode) else LITERAL if isinstance(term, Literal) else IRI)
        return found

    @staticmethod
    def _add(out: Adjacency, inc: Adjacency, triple: Ids) -> None:
        s, p, o = triple
        by_predicate = out.get(s)
        if by_predicate is None:
            by_predicate = out[s] = {}
        by_predicate.setdefault(p, []).append(o)
        by_predicate = inc.get(o)
        if by_predicate is None:
            by_predicate = inc[o] = {}
        by_predicate.setdefault(p, []).append(s)

    def path(self, path: PathExpr) -> PathExpr:
        """The path with predicates as ids (interned: a predicate the data lacks simply matches nothing)."""
        if path[0] == "p":
            return ("p", self.id(path[1]))  # type: ignore[arg-type]
        if path[0] in ("seq", "alt"):
            return (path[0], tuple(self.path(part) for part in path[1]))  # type: ignore[attr-defined]
        return (path[0], self.path(path[1]))  # type: ignore[arg-type]

    def text(self, labels: BlankLabels, node: int) -> str:
        return labels.label(self.terms[node]) or ""


class _Terms:
    """The subjects and objects of the indexed data, as ``codelists.background`` reads a graph."""

    def __init__(self, store: _Store) -> None:
        self.store = store

    def subjects(self, *pattern: object) -> Iterator[Node]:
        if any(p is not None for p in pattern):
            raise NotImplementedError("only all subjects")
        return (self.store.terms[n] for n in self.store.out)

    def objects(self, *pattern: object) -> Iterator[Node]:
        if any(p is not None for p in pattern):
            raise NotImplementedError("only all objects")
        return (self.store.terms[n] for n in self.store.inc)


Splits = dict[tuple[str, str], frozenset[str]]


def _rebuild(graph_name: str | None, terms: tuple[Node, ...], ids: array, keep: frozenset[str] | None,
             namespaces: tuple[tuple[str, str], ...], units: int, splits: Splits) -> Partition:
    return Partition(graph_name, terms, ids, keep, namespaces, units, splits)


@dataclass(frozen=True, eq=False)
class Partition:
    """The triples one task validates, and the focus texts whose findings it reports.

    The triples are kept compactly (each distinct term once, then ``s p o`` indexes into it), which
    is also what a worker receives. ``keep`` is ``None`` for a whole graph (every finding is kept).
    """

    graph_name: str | None
    terms: tuple[Node, ...]
    ids: array  # flat: s, p, o, s, p, o, ... (indexes into ``terms``)
    keep: frozenset[str] | None
    namespaces: tuple[tuple[str, str], ...] = ()
    units: int = 0
    splits: Splits = field(default_factory=dict)  # (focus, rule) -> the values judged here

    @classmethod
    def of(cls, graph_name: str | None, triples: Iterable[Triple], keep: frozenset[str] | None,
           namespaces: tuple[tuple[str, str], ...] = (), units: int = 0, splits: Splits | None = None) -> Partition:
        index: dict[Node, int] = {}
        ids = array("I")
        for triple in triples:
            for term in triple:
                found = index.get(term)
                if found is None:
                    found = index[term] = len(index)
                ids.append(found)
        return cls(graph_name, tuple(index), ids, keep, namespaces, units, splits or {})

    def __len__(self) -> int:
        return len(self.ids) // 3

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (self.graph_name, self.terms, self.ids, self.keep, self.namespaces, self.units, self.splits))

    @property
    def triples(self) -> Iterator[Triple]:
        terms, ids = self.terms, self.ids
        return ((terms[ids[i]], terms[ids[i + 1]], terms[ids[i + 2]]) for i in range(0, len(ids), 3))

    def graph(self) -> Graph:
        graph = Graph()
        for prefix, namespace in self.namespaces:
            graph.bind(prefix, namespace, override=False)
        with paused_gc():
            for triple in self.triples:
                graph.add(triple)
        return graph

    def keeps(self, finding: Finding) -> bool:
        """Whether this partition is where the finding is judged on complete data."""
        focus = finding.location.focus
        if self.keep is None or focus is None:
            return True
        values = self.splits.get((focus, finding.rule))
        if values is not None:
            return finding.location.value in values
        return focus in self.keep


@dataclass
class Plan:
    """How one graph is validated: its partitions, or the whole graph and why."""

    partitions: list[Partition]
    reason: str | None = None  # why the graph is validated whole, when it is


def _whole(graph: Graph, graph_name: str | None, reason: str | None) -> Plan:
    namespaces = tuple((p, str(ns)) for p, ns in graph.namespaces())
    return Plan([Partition.of(graph_name, graph, None, namespaces, 1)], reason)


def plan(graph: Graph, profile: ResolvedProfile, batch: int = DEFAULT_BATCH, graph_name: str | None = None,
         owner_classes: frozenset[Node] = OWNER_CLASSES, split_min: int = DEFAULT_SPLIT) -> Plan:
    """Partitions of ``graph`` of about ``batch`` units each (see the module docstring)."""
    if batch < 1:
        raise ValueError("batch must be at least 1")
    with paused_gc():  # hundreds of thousands of small tuples and dicts
        return _plan(graph, profile, batch, graph_name, owner_classes, split_min)


def _plan(graph: Graph, profile: ResolvedProfile, batch: int, graph_name: str | None,
          owner_classes: frozenset[Node], split_min: int) -> Plan:
    shapes = shapes_of(profile)
    if shapes.unbounded:
        return _whole(graph, graph_name, shapes.unbounded)
    store = _Store(graph, [codelists.load(v) for v in profile.vocabularies])
    context = _Context(store, shapes, store.described)
    units = context.units(owner_classes)
    if len(units) <= batch:
        return _whole(graph, graph_name, None)
    groups = [[node for unit in units[start:start + batch] for node in unit] for start in range(0, len(units), batch)]
    home = {node: index for index, group in enumerate(groups) for node in group}
    builders = [_Builder(context, split_min) for _group in groups]
    for builder, group in zip(builders, groups, strict=True):
        for node in group:
            builder.take(node)
    for index, builder in enumerate(builders):  # each split value is judged where the value itself is
        for focus, shape, value in builder.split:
            builders[home.get(value, index)].shard(focus, shape, value)
    namespaces = tuple((p, str(ns)) for p, ns in graph.namespaces())
    terms = context.store.terms
    partitions = []
    for builder, group in zip(builders, groups, strict=True):
        triples, keep, splits = builder.finish()
        partitions.append(Partition.of(graph_name, ((terms[s], terms[p], terms[o]) for s, p, o in triples),
                                       frozenset(keep), namespaces, len(group), splits))
    return Plan(partitions)


class _Context:
    """What every partition of one graph shares: the store, and the shapes' targets in its ids."""

    def __init__(self, store: _Store, shapes: Shapes, described: set[URIRef]) -> None:
        self.store, self.shapes = store, shapes
        self.described = {store.id(node) for node in described}
        self.by_node = {store.id(node): found for node, found in shapes.by_node.items()}
        self.by_class = {store.id(node): found for node, found in shapes.by_class.items()}
        self.by_subject_of = [(store.id(p), found) for p, found in shapes.by_subject_of.items()]
        self.by_object_of = [(store.id(p), found) for p, found in shapes.by_object_of.items()]
        self.type = store.id(RDF.type)
        self.types_path = store.path(_TYPES)
        self._steps: dict[int, tuple[tuple[PathExpr, bool, bool, frozenset[Node]], ...]] = {}

    def steps(self, reads: Reads) -> tuple[tuple[PathExpr, bool, bool, frozenset[Node]], ...]:
        found = self._steps.get(id(reads))
        if found is None:
            found = self._steps[id(reads)] = tuple((self.store.path(p), t, c, n) for p, t, c, n in reads.steps)
        return found

    def targetable(self) -> set[int]:
        """Every node some shape could select as a focus (a superset; ``_Builder`` checks each one)."""
        found = set(self.by_node)
        store = self.store
        subject_of = {p for p, _shapes in self.by_subject_of} | ({self.type} if self.by_class else set())
        object_of = {p for p, _shapes in self.by_object_of}
        for out, inc in ((store.out, store.inc), (store.xout, store.xinc)):
            found.update(n for n, predicates in out.items() if not subject_of.isdisjoint(predicates))
            found.update(n for n, predicates in inc.items() if not object_of.isdisjoint(predicates))
        return found - self.described

    def _order(self, nodes: Iterable[int]) -> list[int]:
        """Deterministic order (IRIs and literals by text; blank nodes after them, in parse order)."""
        terms, kind = self.store.terms, self.store.kind
        return sorted(nodes, key=lambda n: (kind[n] == BLANK, str(terms[n]) if kind[n] != BLANK else "", n))

    def units(self, owner_classes: frozenset[Node]) -> list[list[int]]:
        """Targetable nodes grouped by owner: each owner with what it reaches through non-owners."""
        store = self.store
        targetable = self.targetable()
        classes = {store.ids[c] for c in owner_classes if c in store.ids}
        owners = self._order(s for s, predicates in store.out.items()
                             if any(o in classes for o in predicates.get(self.type, ())))
        owner_set = set(owners)
        assigned: set[int] = set()
        reached: set[int] = set()

        def reach(root: int) -> list[int]:
            """The targetable nodes first reached from ``root`` without passing through an owner."""
            members, seen, todo = [], {root}, [root]
            while todo:
                node = todo.pop()
                reached.add(node)
                if node in targetable and node not in assigned:
                    assigned.add(node)
                    members.append(node)
                for objects in store.out.get(node, {}).values():
                    for obj in objects:
                        if obj not in seen and obj not in owner_set and obj not in assigned:
                            seen.add(obj)
                            todo.append(obj)
            return members

        units = [reach(owner) for owner in owners]
        for subject in self._order(s for s in store.out if s not in owner_set):
            if subject not in reached:  # not reachable from any owner: a unit of its own
                units.append(reach(subject))
        units.extend([node] for node in self._order(targetable - assigned))
        return [unit for unit in units if unit]


class _Builder:
    """Collects the triples a set of responsible nodes needs (one partition).

    A node with many values for a per-value shape (a catalogue's ``dcat:dataset`` range check)
    does not pull every value's description in: ``split`` lists those (focus, shape, value)
    triples, and ``shard`` copies each one into the partition where the value is responsible.
    """

    def __init__(self, context: _Context, split_min: int = DEFAULT_SPLIT) -> None:
        self.context, self.store, self.shapes = context, context.store, context.shapes
        self.split_min = split_min
        self.triples: set[Ids] = set()
        self.memo: dict[tuple[int, int], list[int]] = {}
        self.labelled: set[int] = set()
        self.anchored: set[int] = set()
        self.responsible: set[int] = set()
        self.targeted: dict[int, frozenset[Node]] = {}
        self.split: list[tuple[int, Node, int]] = []
        self.sharded: dict[tuple[int, Node], set[int]] = {}  # (focus, shape) -> values judged here

    def finish(self) -> tuple[set[Ids], set[str], dict[tuple[str, str], frozenset[str]]]:
        """Settle collisions; the triples, the focus texts kept, and the split findings kept."""
        while True:
            keep, clashes = self._texts()
            if not clashes:
                break
            for node in self.context._order(clashes):
                self.take(node, split=False)
        terms, rules = self.store.terms, self.shapes.split_rules
        splits = {(str(terms[focus]), rules[shape]): frozenset(str(terms[v]) for v in values)
                  for (focus, shape), values in self.sharded.items()}
        return self.triples, keep, splits

    def take(self, node: int, split: bool = True) -> None:
        """Make ``node`` responsible here: copy what makes it a target and what its shapes read."""
        if node in self.responsible:
            return
        self.responsible.add(node)
        store = self.store
        if node in self.context.described:
            return  # a code-list concept: never the focus of a finding
        selected = self._target(node)
        if store.kind[node] == BLANK:
            self._label(node)
        if not selected:
            return
        here = self.shapes.closure(selected)
        # (an IRI focus: its text is the same wherever it is judged; a blank node's label is not)
        apart = self._apart(node, self.shapes.separable(selected)) if split and store.kind[node] == IRI else []
        if apart:
            self._walk(self.shapes.reads_of(here - set(apart)), node, top=True)
            for shape in apart:
                self.sharded.setdefault((node, shape), set())  # its other values are judged elsewhere
                predicate = self.store.ids[self.shapes.access[shape].path[1]]  # type: ignore[index]
                self.split.extend((node, shape, value) for value in store.out[node][predicate])
        else:
            self._walk(self.shapes.reads(selected), node, top=True)

    def _apart(self, node: int, separable: frozenset[Node]) -> list[Node]:
        """Per-value shapes on ``node`` with so many values (all IRIs) that they are judged per value."""
        apart = []
        out, kind = self.store.out.get(node, {}), self.store.kind
        for shape in separable:
            predicate = self.store.ids.get(self.shapes.access[shape].path[1])  # type: ignore[index, arg-type]
            values = out.get(predicate, ()) if predicate is not None else ()
            if len(values) > self.split_min and all(kind[v] == IRI for v in values):
                apart.append(shape)
        return sorted(apart, key=str)

    def shard(self, focus: int, shape: Node, value: int) -> None:
        """Judge ``shape`` on ``focus`` for ``value`` here: the focus as a target, the link, the value's reads."""
        self._target(focus)
        access = self.shapes.access[shape]
        predicate = self.store.ids[access.path[1]]  # type: ignore[index]
        self.triples.add((focus, predicate, value))
        if access.types or access.closed or access.nested:
            self._walk(self.shapes.reads(frozenset(access.nested), access.types, access.closed), value)
        self.sharded.setdefault((focus, shape), set()).add(value)

    def _target(self, node: int) -> frozenset[Node]:
        """Copy what makes ``node`` a target of each shape that targets it in the whole graph."""
        found = self.targeted.get(node)
        if found is not None:
            return found
        context, store = self.context, self.store
        selected: set[Node] = set(context.by_node.get(node, ()))
        if context.by_class:
            for cls in self._follow(context.types_path, node, True):
                selected.update(context.by_class.get(cls, ()))
        out, inc = store.out.get(node, {}), store.inc.get(node, {})
        for predicate, shapes in context.by_subject_of:
            if predicate in out or predicate in store.xout.get(node, {}):
                self._step(node, predicate, True)
                selected.update(shapes)
        for predicate, shapes in context.by_object_of:
            if predicate in inc:  # one triple makes it a target; its shapes copy what else they read
                self.triples.add((inc[predicate][0], predicate, node))
                selected.update(shapes)
            elif predicate in store.xinc.get(node, {}):
                self._anchor(store.xinc[node][predicate][0])
                selected.update(shapes)
        found = self.targeted[node] = frozenset(selected)
        return found

    def _walk(self, reads: Reads, focus: int, top: bool = False) -> None:
        key = (id(reads), focus)
        reported = self.memo.get(key)
        if reported is None:
            self.memo[key] = reported = []
            if reads.types:
                self._follow(self.context.types_path, focus, True)
            if reads.closed:
                for predicate, objects in self.store.out.get(focus, {}).items():
                    self.triples.update((focus, predicate, o) for o in objects)
                    reported.extend(objects)
                if focus in self.store.xout:
                    self._anchor(focus)
            for path, types, closed, nested in self.context.steps(reads):
                values = self._follow(path, focus, True)
                reported.extend(values)
                if types or closed or nested:
                    on_values = self.shapes.reads(nested, types, closed)
                    for value in values:
                        self._walk(on_values, value)
        if top:  # values a top-level result may name: their labels must be the whole graph's
            kind = self.store.kind
            for value in reported:
                if kind[value] == BLANK:
                    self._label(value)

    def _follow(self, path: PathExpr, node: int, forward: bool) -> set[int]:
        kind = path[0]
        if kind == "p":
            return self._step(node, path[1], forward)  # type: ignore[arg-type]
        if kind == "inv":
            return self._follow(path[1], node, not forward)  # type: ignore[arg-type]
        if kind == "seq":
            parts: Sequence[PathExpr] = path[1]  # type: ignore[assignment]
            current = {node}
            for part in (parts if forward else reversed(parts)):
                current = {end for start in current for end in self._follow(part, start, forward)}
            return current
        if kind == "alt":
            return {end for part in path[1] for end in self._follow(part, node, forward)}  # type: ignore[attr-defined]
        inner: PathExpr = path[1]  # type: ignore[assignment]
        if kind == "opt":
            return {node} | self._follow(inner, node, forward)
        reached: set[int] = set()
        frontier = {node}
        while frontier:
            step = {end for start in frontier for end in self._follow(inner, start, forward)}
            frontier = step - reached
            reached |= step
        return reached | {node} if kind == "star" else reached

    def _step(self, node: int, predicate: int, forward: bool) -> set[int]:
        """One path step: copy every data triple on it; anchor the subjects of background triples."""
        store = self.store
        if forward:
            ends = store.out.get(node, {}).get(predicate, ())
            if ends:
                self.triples.update((node, predicate, o) for o in ends)
            more = store.xout.get(node, {}).get(predicate, ())
            if more:
                self._anchor(node)
        else:
            ends = store.inc.get(node, {}).get(predicate, ())
            if ends:
                self.triples.update((s, predicate, node) for s in ends)
            more = store.xinc.get(node, {}).get(predicate, ())
            for subject in more:
                self._anchor(subject)
        return {*ends, *more} if more else set(ends)

    def _anchor(self, node: int) -> None:
        """Copy one data triple mentioning ``node``, so that its background facts are added here too."""
        if node in self.anchored:
            return
        self.anchored.add(node)
        for predicate, objects in self.store.out.get(node, {}).items():
            self.triples.add((node, predicate, objects[0]))
            return
        for predicate, subjects in self.store.inc.get(node, {}).items():
            self.triples.add((subjects[0], predicate, node))
            return

    def _label(self, node: int) -> None:
        """Copy what a blank node's stable label is computed from: all triples around it and its blank objects."""
        store = self.store
        todo = [node]
        while todo:
            current = todo.pop()
            if current in self.labelled:
                continue
            self.labelled.add(current)
            for predicate, objects in store.out.get(current, {}).items():
                for obj in objects:
                    self.triples.add((current, predicate, obj))
                    if store.kind[obj] == BLANK:
                        todo.append(obj)
            for predicate, subjects in store.inc.get(current, {}).items():
                self.triples.update((s, predicate, current) for s in subjects)

    def _texts(self) -> tuple[set[str], set[int]]:
        """The focus texts findings are kept for, and context nodes whose text collides with one."""
        store, described = self.store, self.context.described
        labels = BlankLabels(_BlankView(store, self.triples))
        present: set[int] = set()
        for s, _p, o in self.triples:
            present.add(s)
            present.add(o)
        for node in list(present):  # the background the validator adds for this partition
            if node in described:
                for objects in store.xout.get(node, {}).values():
                    present.update(objects)
        present.update(store.ids[t] for triple in _ontology() for t in (triple[0], triple[2]))
        keep = {store.text(labels, n) for n in self.responsible}
        clashes = {n for n in present - self.responsible - described if store.text(labels, n) in keep}
        return keep, clashes


class _BlankView:
    """The two lookups ``BlankLabels`` needs, over a partition's triples (no rdflib graph built)."""

    def __init__(self, store: _Store, triples: Iterable[Ids]) -> None:
        terms, kind = store.terms, store.kind
        self.out: dict[Node, list[tuple[Node, Node]]] = defaultdict(list)
        self.inc: dict[Node, list[tuple[Node, Node]]] = defaultdict(list)
        for s, p, o in triples:
            if kind[s] == BLANK:
                self.out[terms[s]].append((terms[p], terms[o]))
            if kind[o] == BLANK:
                self.inc[terms[o]].append((terms[s], terms[p]))

    def predicate_objects(self, subject: Node) -> Iterator[tuple[Node, Node]]:
        return iter(self.out.get(subject, ()))

    def subject_predicates(self, object: Node) -> Iterator[tuple[Node, Node]]:
        return iter(self.inc.get(object, ()))
