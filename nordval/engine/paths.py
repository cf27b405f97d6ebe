"""SHACL property paths: compiled from the shapes graph, evaluated for a set of focus nodes at once.

The semantics are pyshacl's (``helper.expression_helper.value_nodes_from_path``), including its
reading of an inverse sequence (each step inverted, order kept) and its limits (a sequence needs
two members at the top, ten levels at most): a path pyshacl rejects is ``Unsupported`` here, so
its shape runs on pyshacl and fails there the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from .data import Data
from .terms import Term

ValueMap = Mapping[Term, Sequence[Term]]


class Unsupported(Exception):
    """A construct the engine does not evaluate; the message says which (shown by ``profiles show``)."""


@dataclass(frozen=True)
class Step:
    """One predicate, forwards or backwards."""

    predicate: str  # the IRI
    inverse: bool


@dataclass(frozen=True)
class Sequence_:
    parts: tuple[Path, ...]


@dataclass(frozen=True)
class Alternative:
    parts: tuple[Path, ...]


@dataclass(frozen=True)
class Repeat:
    """zeroOrMore (min 0, many), oneOrMore (min 1, many) or zeroOrOne (min 0, not many)."""

    path: Path
    min: int
    many: bool


Path = Step | Sequence_ | Alternative | Repeat


def compile_path(graph: Graph, node: Node, inverse: bool = False, depth: int = 0) -> Path:
    if isinstance(node, URIRef):
        return Step(str(node), inverse)
    if isinstance(node, Literal) or not isinstance(node, BNode):
        raise Unsupported(f"sh:path {node} is not an IRI or a path expression")
    if depth >= 10:
        raise Unsupported("sh:path nested ten levels deep")
    first = next(iter(set(graph.objects(node, RDF.first))), None)
    if first is not None:
        items = list(graph.items(node))
        if len(items) < 2 and depth == 0:
            raise Unsupported("sh:path sequence with fewer than two members")
        return _sequence(graph, node, inverse, depth)
    for predicate, build in ((SH.inversePath, None), (SH.alternativePath, "alt"),
                             (SH.zeroOrMorePath, (0, True)), (SH.oneOrMorePath, (1, True)),
                             (SH.zeroOrOnePath, (0, False))):
        found = next(iter(set(graph.objects(node, predicate))), None)
        if found is None:
            continue
        if build is None:
            return compile_path(graph, found, not inverse, depth + 1)
        if build == "alt":
            members = list(graph.items(found))
            if len(members) < 2:
                raise Unsupported("sh:alternativePath with fewer than two members")
            return Alternative(tuple(compile_path(graph, m, inverse, depth + 1) for m in members))
        assert isinstance(build, tuple)
        return Repeat(compile_path(graph, found, inverse, depth + 1), build[0], build[1])
    raise Unsupported(f"sh:path {node} is not a SHACL path")


def _sequence(graph: Graph, node: Node, inverse: bool, depth: int) -> Path:
    """pyshacl's recursion: first member, then the rest of the list read as a path."""
    first = next(iter(set(graph.objects(node, RDF.first))))
    rest = next(iter(set(graph.objects(node, RDF.rest))), RDF.nil)
    head = compile_path(graph, first, inverse, depth + 1)
    if rest == RDF.nil:
        return head
    return Sequence_((head, compile_path(graph, rest, inverse, depth + 1)))


def values(data: Data, path: Path, focus: Iterable[Term]) -> ValueMap:
    """focus -> value nodes; for a plain predicate the shared index itself (no copy)."""
    if isinstance(path, Step):
        return data.subjects(path.predicate) if path.inverse else data.objects(path.predicate)
    nodes = set(focus)
    return {f: tuple(found) for f, found in _evaluate(data, path, nodes).items() if found}


def _evaluate(data: Data, path: Path, nodes: set[Term]) -> dict[Term, set[Term]]:
    if isinstance(path, Step):
        index = data.subjects(path.predicate) if path.inverse else data.objects(path.predicate)
        return {n: set(index.get(n, ())) for n in nodes}
    if isinstance(path, Sequence_):
        current = {n: {n} for n in nodes}
        for part in path.parts:
            reached = set().union(*current.values()) if current else set()
            step = _evaluate(data, part, reached)
            current = {n: set().union(*(step[m] for m in found)) if found else set()
                       for n, found in current.items()}
        return current
    if isinstance(path, Alternative):
        result: dict[Term, set[Term]] = {n: set() for n in nodes}
        for part in path.parts:
            for n, found in _evaluate(data, part, nodes).items():
                result[n].update(found)
        return result
    # Repeat: breadth-first closure, one step for all frontier nodes at a time
    result = {}
    first = _evaluate(data, path.path, nodes)
    if not path.many:
        return {n: (first[n] | {n}) if path.min == 0 else first[n] for n in nodes}
    step_cache: dict[Term, set[Term]] = dict(first)
    for n in nodes:
        seen: set[Term] = {n} if path.min == 0 else set()
        frontier = set(first[n])
        while frontier:
            missing = {m for m in frontier if m not in step_cache}
            if missing:
                step_cache.update(_evaluate(data, path.path, missing))
            new = frontier - seen
            seen |= new
            frontier = set().union(*(step_cache[m] for m in new)) - seen if new else set()
        result[n] = seen
    return result
