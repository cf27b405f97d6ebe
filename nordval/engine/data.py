"""The data being validated, held as per-predicate indexes of pyoxigraph terms.

A profile has dozens of property shapes on the same path (presence, maximum, kind, range, ...);
reading ``focus -> values`` for a predicate once and answering every constraint from that map is
what makes the engine linear in the data instead of one lookup per focus node and constraint.

Why not a ``pyoxigraph.Store``: the store keeps literals by value, not as written. It returns
``"5"^^xsd:nonNegativeInteger`` as ``xsd:integer``, ``"1024.0"^^xsd:decimal`` as ``"1024"`` and
``"1"^^xsd:boolean`` as ``"true"``, which changes what ``sh:datatype`` sees and what a finding
shows; and reading every triple back out of it costs more than building these indexes.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from rdflib import URIRef
from rdflib.term import Node

from .terms import Term, from_rdflib, to_rdflib

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SUBCLASS_OF = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
Index = dict[Term, list[Term]]
Triple = tuple[Term, str, Term]


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector around bulk work.

    Loading a million triples allocates millions of lists and tuples; each allocation burst
    makes the collector walk every live container again, which more than doubled load time at
    20 000 datasets. Nothing the engine builds forms reference cycles.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class Data:
    """A set of triples, indexed subject -> objects per predicate (and the reverse on demand)."""

    def __init__(self) -> None:
        self._forward: dict[str, Index] = {}
        self._backward: dict[str, Index] = {}
        self._instances: dict[Term, frozenset[Term]] = {}

    @classmethod
    def indexed(cls, forward: dict[str, Index]) -> Data:
        """Data over ready per-predicate indexes that may hold a value twice (sealed here)."""
        data = cls()
        data._forward = forward
        data.seal()
        return data

    def add(self, triples: Iterable[Triple], check: bool = True) -> None:
        """Add triples; ``check=False`` when they are known not to repeat (then ``seal`` if unsure)."""
        forward = self._forward
        for s, p, o in triples:
            index = forward.get(p)
            if index is None:
                index = forward[p] = {}
            found = index.get(s)
            if found is None:
                index[s] = [o]
            elif not check or o not in found:
                found.append(o)
        self._backward.clear()
        self._instances.clear()

    def seal(self) -> None:
        """Make every value list a set (a file may state a triple twice)."""
        for index in self._forward.values():
            for subject, objects in index.items():
                if len(objects) > 1:
                    unique = list(dict.fromkeys(objects))
                    if len(unique) != len(objects):
                        index[subject] = unique

    def __len__(self) -> int:
        return sum(len(objects) for index in self._forward.values() for objects in index.values())

    def predicates(self) -> list[str]:
        return list(self._forward)

    def objects(self, predicate: str) -> Index:
        """subject -> objects of ``predicate``."""
        return self._forward.get(predicate, {})

    def subjects(self, predicate: str) -> Index:
        """object -> subjects of ``predicate`` (for inverse paths and targetObjectsOf)."""
        index = self._backward.get(predicate)
        if index is None:
            index = {}
            for subject, objects in self.objects(predicate).items():
                for obj in objects:
                    found = index.get(obj)
                    if found is None:
                        index[obj] = [subject]
                    else:
                        found.append(subject)
            self._backward[predicate] = index
        return index

    def triples(self) -> Iterable[Triple]:
        for predicate, index in self._forward.items():
            for subject, objects in index.items():
                for obj in objects:
                    yield subject, predicate, obj

    def subclasses(self, cls: Term) -> set[Term]:
        """``cls`` and everything ``rdfs:subClassOf*`` below it in the data (with the ontology)."""
        below = self.subjects(SUBCLASS_OF)
        found = {cls}
        todo = [cls]
        while todo:
            for sub in below.get(todo.pop(), ()):
                if sub not in found:
                    found.add(sub)
                    todo.append(sub)
        return found

    def instances(self, cls: Term) -> frozenset[Term]:
        """SHACL instances of ``cls``: ``rdf:type/rdfs:subClassOf*`` (pyshacl's targetClass and sh:class)."""
        cached = self._instances.get(cls)
        if cached is None:
            typed = self.subjects(RDF_TYPE)
            members: set[Term] = set()
            for sub in self.subclasses(cls):
                members.update(typed.get(sub, ()))
            cached = self._instances[cls] = frozenset(members)
        return cached

    def outgoing(self, nodes: Iterable[Term]) -> dict[Term, list[tuple[str, Term]]]:
        """Every (predicate, object) of each node, for sh:closed."""
        wanted = set(nodes)
        found: dict[Term, list[tuple[str, Term]]] = {n: [] for n in wanted}
        for predicate in self.predicates():
            index = self.objects(predicate)
            for node in wanted:
                for obj in index.get(node, ()):
                    found[node].append((predicate, obj))
        return found


class Neighbourhood:
    """The rdflib-style view of ``Data`` that blank-node labels are computed from."""

    def __init__(self, data: Data) -> None:
        self.data = data

    def predicate_objects(self, subject: Node) -> Iterator[tuple[Node, Node]]:
        node = from_rdflib(subject)
        for predicate in self.data.predicates():
            for obj in self.data.objects(predicate).get(node, ()):
                yield URIRef(predicate), to_rdflib(obj)

    def subject_predicates(self, object: Node) -> Iterator[tuple[Node, Node]]:
        node = from_rdflib(object)
        for predicate in self.data.predicates():
            for subject in self.data.subjects(predicate).get(node, ()):
                yield to_rdflib(subject), URIRef(predicate)
