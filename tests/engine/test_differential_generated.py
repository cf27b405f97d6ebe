"""Differential on generated data: synthetic catalogues and fixtures with seeded defects.

Two sources, both deterministic for a seed:

* the benchmark generator's catalogues (``benchmarks/generate.py``: many datasets, the seven
  defect kinds it seeds), validated against several profiles, so national rules, HVD scopes and
  language checks all fire;
* real fixtures with random defects seeded into the parsed graph: triples removed, values turned
  into literals or IRIs or blank nodes, datatypes and language tags changed, types swapped,
  values repeated. These reach corners no hand-written fixture does (ill-typed literals,
  blank-node values, duplicated languages, nodes of the wrong class).

The findings of pyshacl and of the fast engine must be the same set.
"""

from __future__ import annotations

import random
import zlib
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, SKOS, XSD

from tests.conftest import benchmark_generator
from tests.engine.compare import difference, document_of, fixture_cases, load_document, resolved

PROFILES = ("dcat-ap-3", "dcat-ap-hvd", "dcat-ap-no-3", "dcat-ap-se", "dcat-ap-fi", "dcat-ap-dk")


@pytest.fixture(scope="module")
def catalogue() -> Graph:
    generate = benchmark_generator()
    [built] = list(generate.generate(36, broken=0.5, seed=7))
    graph = Graph()
    graph.parse(data=generate.serialise(built.blocks, "turtle"), format="turtle")
    return graph


@pytest.mark.parametrize("profile_id", PROFILES)
def test_generated_catalogue_findings_are_identical(catalogue: Graph, profile_id: str) -> None:
    assert difference(document_of(catalogue, "catalogue-36.ttl"), resolved(profile_id)) == ""


# --- seeded defects in real fixtures ----------------------------------------------------------

DATATYPES = (XSD.string, XSD.integer, XSD.decimal, XSD.date, XSD.dateTime, XSD.nonNegativeInteger,
             XSD.boolean, XSD.gYear, None)
ODD_LEXICALS = ("2020-13-45", "abc", "-5", "1.0", "01", "true", "1", "", "2021", "P1Y")
CLASSES = (DCAT.Dataset, DCAT.Distribution, DCAT.DataService, DCAT.Catalog, FOAF.Agent, SKOS.Concept,
           DCTERMS.PeriodOfTime, DCAT.CatalogRecord)


def seed_defects(graph: Graph, rng: random.Random, count: int) -> Graph:
    """A copy of ``graph`` with ``count`` random defects."""
    mutated = Graph()
    mutated += graph
    for _ in range(count):
        triples = sorted(mutated, key=lambda t: (str(t[0]), str(t[1]), str(t[2])))
        if not triples:
            break
        s, p, o = rng.choice(triples)
        kind = rng.randrange(10)
        if kind == 0:
            mutated.remove((s, p, o))
        elif kind == 1 and isinstance(o, URIRef):
            mutated.remove((s, p, o))
            mutated.add((s, p, Literal(str(o))))
        elif kind == 2 and isinstance(o, Literal):
            mutated.remove((s, p, o))
            mutated.add((s, p, URIRef(f"https://example.org/value/{zlib.crc32(str(o).encode()) % 1000}")))
        elif kind == 3 and isinstance(o, Literal):
            mutated.remove((s, p, o))
            lexical = rng.choice((str(o), *ODD_LEXICALS))
            datatype = rng.choice(DATATYPES)
            mutated.add((s, p, Literal(lexical, datatype=datatype) if datatype else Literal(lexical)))
        elif kind == 4 and isinstance(o, Literal):
            mutated.add((s, p, Literal(f"{o} (copy)", lang=o.language or rng.choice(("en", "nb", "EN")))))
        elif kind == 5:
            mutated.add((s, RDF.type, rng.choice(CLASSES)))
            if rng.random() < 0.5:
                mutated.remove((s, RDF.type, None))
                mutated.add((s, RDF.type, rng.choice(CLASSES)))
        elif kind == 6 and isinstance(o, URIRef) and p != RDF.type:
            blank = BNode()
            mutated.remove((s, p, o))
            mutated.add((s, p, blank))
            for p2, o2 in list(mutated.predicate_objects(o)):
                mutated.add((blank, p2, o2))
        elif kind == 7:
            other = rng.choice(triples)[2]
            mutated.add((s, p, other))
        elif kind == 8 and isinstance(o, URIRef) and "/" in str(o):
            mutated.remove((s, p, o))
            mutated.add((s, p, URIRef(str(o).rsplit("/", 1)[0] + "/NOT_A_CODE")))
        elif kind == 9 and isinstance(o, Literal) and o.language:
            mutated.remove((s, p, o))
            mutated.add((s, p, Literal(str(o))))
    return mutated


FIXTURES = [(p, path) for p, path in fixture_cases() if "/gaps/" not in str(path) and path.suffix == ".ttl"]
SEEDS = range(40)


@pytest.mark.parametrize("seed", SEEDS)
def test_fixture_with_seeded_defects_findings_are_identical(seed: int) -> None:
    rng = random.Random(seed)
    profile_id, path = rng.choice(FIXTURES)
    document = load_document(Path(path))
    assert document is not None
    _name, graph = document.graphs[0]
    mutated = seed_defects(graph, rng, rng.randrange(3, 12))
    report = difference(document_of(mutated, f"{path.name}#seed{seed}"), resolved(profile_id))
    assert report == "", f"seed {seed}, {path}:\n{report}"
