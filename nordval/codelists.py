"""Code-list snapshots as background knowledge: membership facts for the IRIs an input uses.

pyshacl only sees the data graph, so a ``skos:inScheme`` check needs the membership triples
there. Adding whole code lists (tens of thousands of concepts) to every data graph would cost
more than the validation; adding the facts for the IRIs the input actually uses costs nothing.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, SKOS, XSD

from . import resources


@dataclass(frozen=True)
class Concept:
    iri: str
    notation: str
    deprecated: bool
    labels: dict[str, str] = field(hash=False, compare=False)


@dataclass(eq=False)
class Vocabulary:
    id: str
    scheme: str
    title: str
    version: str
    date: str
    source: str
    match: str
    concepts: tuple[Concept, ...] = field(repr=False)
    _index: dict[str, Concept] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._index = {_normalise(c.iri, self.match): c for c in self.concepts}

    @property
    def snapshot(self) -> str:
        return f"{self.title} {self.version}" + (f" ({self.date})" if self.date else "")

    def lookup(self, iri: str) -> Concept | None:
        return self._index.get(_normalise(iri, self.match))

    def nearest(self, value: str, count: int = 3) -> list[Concept]:
        """Closest codes by notation, then by English label, for the fix of an out-of-list value."""
        key = value.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
        if self.match == "iana":
            key = "/".join(value.rstrip("/").split("/")[-2:])
        return list(_nearest(self, key.lower(), count))


@lru_cache(maxsize=4096)
def _nearest(vocab: Vocabulary, key: str, count: int) -> tuple[Concept, ...]:
    by_code, by_label = _suggestion_index(vocab)
    found = [by_code[h] for h in difflib.get_close_matches(key, list(by_code), n=count, cutoff=0.5)]
    if len(found) < count:
        for hit in difflib.get_close_matches(key, list(by_label), n=count, cutoff=0.6):
            if by_label[hit] not in found:
                found.append(by_label[hit])
    return tuple(found[:count])


@lru_cache(maxsize=64)
def _suggestion_index(vocab: Vocabulary) -> tuple[dict[str, Concept], dict[str, Concept]]:
    active = [c for c in vocab.concepts if not c.deprecated]
    by_code = {c.notation.lower(): c for c in active if c.notation}
    by_label = {c.labels["en"].lower(): c for c in active if "en" in c.labels}
    return by_code, by_label


def _normalise(iri: str, match: str) -> str:
    if match == "iana":
        lowered = iri.strip().lower()
        return lowered.replace("http://", "https://", 1)
    return iri.strip()


@cache
def load(vocab_id: str) -> Vocabulary:
    data = resources.vocabulary_data(vocab_id)
    concepts = tuple(
        Concept(c["iri"], c.get("notation") or "", bool(c.get("deprecated")), dict(c.get("labels") or {}))
        for c in data.get("concepts", [])
    )
    return Vocabulary(
        id=data.get("id", vocab_id),
        scheme=data["scheme"],
        title=data.get("title", vocab_id),
        version=str(data.get("version") or ""),
        date=str(data.get("date") or ""),
        source=str(data.get("source") or ""),
        match=data.get("match", "exact"),
        concepts=concepts,
    )


@cache
def by_scheme(vocab_ids: tuple[str, ...]) -> dict[str, Vocabulary]:
    return {v.scheme: v for v in (load(i) for i in vocab_ids)}


def concept_triples(iri: URIRef, concept: Concept, scheme: str,
                    match: str = "exact") -> Iterable[tuple[URIRef, URIRef, Literal | URIRef]]:
    yield iri, RDF.type, SKOS.Concept
    if match == "iana":  # IANA registrations are media types (the range DCAT-AP gives them)
        yield iri, RDF.type, DCTERMS.MediaType
    yield iri, SKOS.inScheme, URIRef(scheme)
    if concept.notation:
        yield iri, SKOS.notation, Literal(concept.notation)
    for lang, label in sorted(concept.labels.items()):
        yield iri, SKOS.prefLabel, Literal(label, lang=lang)
    if not concept.labels and concept.notation:
        yield iri, SKOS.prefLabel, Literal(concept.notation)
    if concept.deprecated:
        yield iri, OWL.deprecated, Literal(True, datatype=XSD.boolean)


def background(data: Graph, vocabularies: Iterable[Vocabulary]) -> tuple[Graph, set[URIRef]]:
    """Membership triples for every IRI of ``data`` found in one of the code lists.

    Returns the triples and the set of IRIs they describe, so that findings about those
    concepts themselves can be dropped (background is context, never subject matter).
    """
    vocabs = list(vocabularies)
    extra = Graph()
    described: set[URIRef] = set()
    if not vocabs:
        return extra, described
    candidates = {o for o in data.objects() if isinstance(o, URIRef)}
    candidates.update(s for s in data.subjects() if isinstance(s, URIRef))
    for iri in candidates:
        for vocab in vocabs:
            concept = vocab.lookup(str(iri))
            if concept is not None:
                for triple in concept_triples(iri, concept, vocab.scheme, vocab.match):
                    extra.add(triple)
                described.add(iri)
    return extra, described


def export(vocab_ids: Iterable[str]) -> Graph:
    """Every concept of the given snapshots as SKOS, for use with another SHACL engine."""
    graph = Graph()
    graph.bind("skos", SKOS)
    for vocab_id in vocab_ids:
        vocab = load(vocab_id)
        scheme = URIRef(vocab.scheme)
        graph.add((scheme, RDF.type, SKOS.ConceptScheme))
        graph.add((scheme, OWL.versionInfo, Literal(vocab.version)))
        graph.add((scheme, DCTERMS.title, Literal(vocab.title, lang="en")))
        for concept in vocab.concepts:
            for triple in concept_triples(URIRef(concept.iri), concept, vocab.scheme, vocab.match):
                graph.add(triple)
    return graph
