"""Loading what is validated: the input plus its background knowledge, as engine ``Data``.

The background is what pyshacl's data graph gets in ``validators.shacl.prepare``: the code-list
facts about the IRIs the input uses and the bundled ontology (subclass axioms). N-Triples and
N-Quads files can be parsed straight from disk by pyoxigraph's streaming parser, without an
rdflib graph in between (``from_file``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import IO, cast

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Node

from .. import codelists, progress, resources
from .data import Data, Index, Triple, paused_gc
from .terms import XSD_STRING, Lit, Term, Unconvertible, from_ox, from_rdflib, normalised

ONTOLOGY = "pkg:vocabularies/ontology.ttl"
STREAM_FORMATS = {"nt": ox.RdfFormat.N_TRIPLES, "nquads": ox.RdfFormat.N_QUADS,
                  "turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG}


def converted(triples: Iterable[tuple[Node, Node, Node]]) -> Iterator[Triple]:
    for s, p, o in triples:
        predicate = from_rdflib(p)
        if type(predicate) is not str:
            raise Unconvertible(f"{p!r}: a predicate must be an IRI")
        yield from_rdflib(s), predicate, from_rdflib(o)


def from_graph(graph: Graph) -> Data:
    """The triples of an rdflib graph (raises ``Unconvertible`` for what the engine cannot hold)."""
    data = Data()
    with paused_gc():
        data.add(converted(graph), check=False)  # a graph holds no triple twice
    return data


def from_file(source: str | Path | bytes, syntax: str) -> dict[str | None, Data]:
    """Parse N-Triples, N-Quads, Turtle or TriG into one ``Data`` per graph (``None``: default)."""
    return read(source, syntax)[0]


def read(source: str | Path | bytes, syntax: str) -> tuple[dict[str | None, Data], dict[str, str]]:
    """Parse a file (a path, or its bytes) with pyoxigraph: ``Data`` per graph, and the prefixes declared.

    Never builds rdflib terms. Raises pyoxigraph's ``SyntaxError`` for invalid input (also for a
    relative IRI: no base is set; rdflib would resolve it against the working directory), so the
    caller takes the ordinary path, which reports it. ``Unconvertible``: a graph named by a blank
    node (rdflib names it with a random id, so it would not match).
    """
    with paused_gc():
        if isinstance(source, bytes) or not progress.active():
            return _parse(source, syntax)
        path = Path(source)
        with progress.task(f"parsing {path.name}", path.stat().st_size, "B") as advance, path.open("rb") as stream:
            return _parse(progress.CountingReader(stream, advance), syntax)


def _parse(source: str | Path | bytes | progress.CountingReader,
           syntax: str) -> tuple[dict[str | None, Data], dict[str, str]]:
    # The loop fills the per-predicate indexes itself (no list of triples in between): this is
    # the engine's hottest Python code, about a microsecond per triple on top of the parser's own.
    indexes: dict[str | None, dict[str, Index]] = {}
    named = syntax in ("nquads", "trig")
    iris: dict[str, str] = {}  # one str object per distinct IRI: repeated IRIs cost no memory
    intern = iris.setdefault
    named_node, literal, default = ox.NamedNode, ox.Literal, ox.DefaultGraph
    quads = (ox.parse(path=str(source), format=STREAM_FORMATS[syntax]) if isinstance(source, (str, Path))
             else ox.parse(input=cast(IO[bytes], source), format=STREAM_FORMATS[syntax]))
    forward = indexes[None] = {}
    for subject, predicate, obj, graph in quads:
        if type(subject) is named_node:
            text = subject.value
            s: Term = intern(text, text)
        else:
            s = from_ox(subject)
        kind = type(obj)
        if kind is named_node:
            text = obj.value
            o: Term = intern(text, text)
        elif kind is literal:
            language = obj.language
            if language:
                o = Lit(obj.value, None, language.lower())
            else:
                datatype = obj.datatype.value
                o = Lit(obj.value) if datatype == XSD_STRING else Lit(normalised(obj.value, datatype), datatype)
        else:
            o = from_ox(obj)
        if named:
            if type(graph) is default:
                forward = indexes[None]
            elif type(graph) is named_node:
                forward = indexes.setdefault(graph.value, {})
            else:
                raise Unconvertible("a graph named by a blank node")
        text = predicate.value
        index = forward.get(text)
        if index is None:
            index = forward[intern(text, text)] = {}
        found = index.get(s)
        if found is None:
            index[s] = [o]
        else:
            found.append(o)
    graphs = {name: Data.indexed(index) for name, index in indexes.items() if index}
    return graphs, dict(quads.prefixes)


def ontology() -> Graph:
    try:
        return resources.rdf_file(ONTOLOGY)
    except Exception:  # the ontology is an optional convenience (as in validators.shacl)
        return Graph()


@lru_cache(maxsize=1)
def _ontology_triples() -> tuple[Triple, ...]:
    return tuple(converted(ontology()))


def add_background(data: Data, vocab_ids: Iterable[str]) -> set[URIRef]:
    """Add code-list facts for the IRIs the data uses, and the ontology; return the concepts described.

    The same facts as ``codelists.background`` (which ``validators.shacl.prepare`` gives pyshacl),
    found with one index over all the profile's code lists instead of one lookup per list.
    """
    vocabularies = tuple(vocab_ids)
    described: set[URIRef] = set()
    facts: list[tuple[Node, Node, Node]] = []
    if vocabularies:
        exact, iana = _concept_index(vocabularies)
        for iri in sorted(_iris(data)):
            matches = exact.get(iri.strip(), ())
            if iana:
                lowered = iri.strip().lower().replace("http://", "https://", 1)
                matches = tuple(sorted((*matches, *iana.get(lowered, ())), key=lambda m: m[0]))
            if not matches:
                continue
            node = URIRef(iri)
            for _order, vocab, concept in matches:
                facts.extend(codelists.concept_triples(node, concept, vocab.scheme, vocab.match))
            described.add(node)
    data.add(converted(facts))
    data.add(_ontology_triples())
    return described


_Match = tuple[int, codelists.Vocabulary, codelists.Concept]


@lru_cache(maxsize=8)
def _concept_index(vocab_ids: tuple[str, ...]) -> tuple[dict[str, tuple[_Match, ...]], dict[str, tuple[_Match, ...]]]:
    """Normalised concept IRI -> (position of the list, list, concept), for exact and IANA matching.

    Merges the lists' own lookup tables (``Vocabulary._index``: what ``Vocabulary.lookup`` reads,
    exact lists keyed by the stripped IRI, IANA lists by the lower-cased IRI with http as https).
    """
    exact: dict[str, list[_Match]] = {}
    iana: dict[str, list[_Match]] = {}
    for order, vocab_id in enumerate(vocab_ids):
        vocab = codelists.load(vocab_id)
        table: dict[str, codelists.Concept] | None = getattr(vocab, "_index", None)
        if table is None:  # pragma: no cover - codelists changed; the same table, built here
            table = {}
            for concept in vocab.concepts:
                key = concept.iri.strip()
                table[key.lower().replace("http://", "https://", 1) if vocab.match == "iana" else key] = concept
        target = iana if vocab.match == "iana" else exact
        for key, concept in table.items():
            found = target.get(key)
            if found is None:
                target[key] = [(order, vocab, concept)]
            else:
                found.append((order, vocab, concept))
    return ({k: tuple(v) for k, v in exact.items()}, {k: tuple(v) for k, v in iana.items()})


def _iris(data: Data) -> set[str]:
    """Every IRI used as a subject or an object."""
    found: set[Term] = set()
    for predicate in data.predicates():
        index = data.objects(predicate)
        found.update(index)
        found.update(chain.from_iterable(index.values()))
    return {t for t in found if type(t) is str}
