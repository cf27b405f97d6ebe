"""Partitioned validation gives exactly the whole graph's findings (``local`` executor).

Every field of every finding is compared (rule, severity, message, fix, focus, path, value, line,
...). Fixtures and generated catalogues are cut into the smallest partitions (one unit each), so
that every cross-partition reference is exercised, and mostly with ``split_min=0``: every
per-value shape on an IRI is then judged value by value, in the partition of each value.
"""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest
from rdflib import RDF, XSD, BNode, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from nordval import api, codelists, distributed, partition, profiles
from nordval.inputs import Document, Source, load
from nordval.model import Finding
from tests.conftest import FIXTURES, benchmark_generator

from .catalogue import generate
from .helpers import difference, document, partitioned, tasks, whole

PROFILE_FOLDERS = sorted(p for p in FIXTURES.iterdir() if p.is_dir() and p.name in profiles.registry())


def _rdf_fixtures() -> list[tuple[str, Path]]:
    cases = []
    for folder in PROFILE_FOLDERS:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in (".ttl", ".jsonld", ".rdf", ".trig", ".nt", ".nq"):
                cases.append((folder.name, path))
    return cases


FIXTURE_CASES = _rdf_fixtures()


def options(profile: str, **more: object) -> api.Options:
    return api.Options(profile=profile, raise_errors=True, **more)  # type: ignore[arg-type]


def test_fixture_cases_cover_every_rdf_profile() -> None:
    covered = {profile for profile, _path in FIXTURE_CASES}
    assert {"dcat-ap-3", "dcat-ap-hvd", "dcat-ap-lt", "dcat-ap-no-3", "cpsv-ap-3", "cpsv-ap-no"} <= covered
    assert len(FIXTURE_CASES) > 150


@pytest.mark.parametrize(("profile", "path"), FIXTURE_CASES, ids=lambda v: v if isinstance(v, str) else v.name)
def test_fixture(profile: str, path: Path) -> None:
    doc, _problems = load(Source(str(path), path=path))
    if doc is None or doc.kind != "rdf":
        pytest.skip("not parsed as RDF (an input.* fixture)")
    opts = options(profile)
    expected = whole(doc, opts)
    got = partitioned(doc, opts, batch=1, split_min=0)
    assert got == expected, difference(expected, got)


@pytest.mark.parametrize("profile", [p.name for p in PROFILE_FOLDERS if p.name.startswith(("dcat", "cpsv"))])
def test_all_fixtures_of_a_profile_as_one_graph(profile: str) -> None:
    """Every fixture of a profile merged: shared IRIs, many owners, blank nodes from many files."""
    merged = Graph()
    for name, path in FIXTURE_CASES:
        if name != profile:
            continue
        doc, _problems = load(Source(str(path), path=path))
        for _graph_name, graph in doc.graphs if doc is not None and doc.kind == "rdf" else []:
            merged += graph
    doc = Document("merged.ttl", "rdf", "turtle", graphs=[(None, merged)])
    opts = options(profile)
    expected = whole(doc, opts)
    assert expected, "the merged fixtures have findings"
    for batch, split_min in ((1, 0), (3, distributed.DEFAULT_SPLIT)):
        assert len(tasks(doc, opts, batch)) > 1
        got = partitioned(doc, opts, batch, split_min=split_min)
        assert got == expected, difference(expected, got)


# --- a generated catalogue with known defects ------------------------------------------------------

CATALOGUE = generate(datasets=40, seed=7)


def _by_rule(found: set[Finding]) -> Counter[str]:
    return Counter(f.rule for f in found)


def test_generated_catalogue_has_the_seeded_defects() -> None:
    assert CATALOGUE.defects == Counter({
        "missing_title": 2, "duplicate_title_language": 2, "frequency_outside_nal": 2, "untyped_distribution": 2,
        "format_as_literal": 2, "checksum_without_algorithm": 2, "contact_without_email": 2,
        "period_as_literal": 2, "unlisted": 2, "shared_blank_distribution": 1})


@pytest.mark.parametrize(("batch", "split_min"), [(1, 0), (4, 10), (15, 50)])
def test_generated_catalogue_dcat_ap_3(batch: int, split_min: int) -> None:
    doc = document(CATALOGUE.text)
    opts = options("dcat-ap-3")
    expected = whole(doc, opts)
    errors = Counter(f.rule for f in expected if f.severity.label == "error")
    assert errors == Counter({
        "dcat-ap-3:Dataset.title": 2,  # missing_title
        "dcat-ap-3:Dataset.accrualPeriodicity.vocab": 2,  # frequency_outside_nal (code-list background)
        "dcat-ap-3:Distribution.format.kind": 2, "dcat-ap-3:Distribution.format.vocab": 2,  # format_as_literal
        "dcat-ap-3:Checksum.algorithm": 2,  # blank checksum inside a distribution
        "dcat-ap-3:Dataset.temporal.kind": 2,  # period_as_literal
        "dcat-ap-3:Distribution.accessURL": 1,  # the blank distribution shared by two datasets
    })
    assert [f.location.value for f in expected if f.rule == "dcat-ap-3:Catalog.dataset.range"] == [
        "https://data.example.org/api"]  # a data service listed as a dataset
    by_rule = _by_rule(expected)
    assert by_rule["dcat-ap-3:Dataset.spatial"] == 40 and by_rule["dcat-ap-3:Distribution.description"] == 41
    shared = [f for f in expected if f.rule == "dcat-ap-3:Distribution.accessURL"]
    assert shared[0].location.focus and shared[0].location.focus.startswith("_:b")
    assert any(f.location.line for f in expected), "line numbers are part of the comparison"
    units = 42  # 40 datasets (each with its distributions, contact point, period), the catalogue, the API
    assert len(tasks(doc, opts, batch)) == -(-units // batch)
    got = partitioned(doc, opts, batch, split_min=split_min)
    assert got == expected, difference(expected, got)


def test_a_catalogue_s_datasets_are_judged_where_each_dataset_is() -> None:
    """Split: the catalogue's partition does not copy the 40 datasets' types for its range check."""
    doc = document(CATALOGUE.text)
    opts = options("dcat-ap-3")
    catalogue = "https://data.example.org/catalogue"
    rule = "dcat-ap-3:Catalog.dataset.range"
    whole_parts = [t.part for t in tasks(doc, opts, batch=4, split_min=1000)]
    split_parts = [t.part for t in tasks(doc, opts, batch=4, split_min=10)]
    home = next(p for p in split_parts if catalogue in (p.keep or ()))
    unsplit_home = next(p for p in whole_parts if catalogue in (p.keep or ()))

    def typed_datasets(part: partition.Partition) -> set[str]:
        return {str(s) for s, p, o in part.triples if p == RDF.type and str(o) == "http://www.w3.org/ns/dcat#Dataset"}

    assert len(typed_datasets(unsplit_home)) == 38  # unsplit: the type of every listed dataset
    assert typed_datasets(home) <= (home.keep or set())  # split: only those judged there anyway
    judged = [p.splits[(catalogue, rule)] for p in split_parts if (catalogue, rule) in p.splits]
    assert len(judged) == len(split_parts)  # every partition judges the datasets it holds
    values = [v for values in judged for v in values]
    assert len(values) == len(set(values)) == 39  # 38 listed datasets and ex:api, each judged once
    expected = whole(doc, opts)
    got = partitioned(doc, opts, batch=4, split_min=10)
    assert got == expected, difference(expected, got)


@pytest.mark.parametrize(("profile", "rule", "count"), [
    ("dcat-ap-hvd", "dcat-ap-hvd:Dataset.api", 1),  # ^dcat:servesDataset: dataset 1 has no API
    ("dcat-ap-lt", "dcat-ap-lt:Dataset.inCatalog", 2),  # ^dcat:dataset: the two unlisted datasets
    ("dcat-ap-no-3", "dcat-ap-no-3:Dataset.title.uniqueLang", 2),  # two @nb titles
    ("dcat-ap-no-3", "dcat-ap-no-3:Kind.hasEmail", 2),  # blank-node contact points without e-mail
])
def test_generated_catalogue_national(profile: str, rule: str, count: int) -> None:
    doc = document(CATALOGUE.text)
    opts = options(profile)
    expected = whole(doc, opts)
    assert _by_rule(expected)[rule] == count
    seeded = {"dcat-ap-lt:Dataset.inCatalog": "unlisted", "dcat-ap-no-3:Dataset.title.uniqueLang":
              "duplicate_title_language"}.get(rule)
    if seeded:
        short = {iri.replace("ex:", "https://data.example.org/") for iri, d in CATALOGUE.seeded.items() if d == seeded}
        assert {f.location.focus for f in expected if f.rule == rule} == short
    for batch, split_min in ((1, 0), (6, 10)):
        got = partitioned(doc, opts, batch, split_min=split_min)
        assert got == expected, difference(expected, got)


# --- the cases the partitioner must handle explicitly ----------------------------------------------

LISTED = """\
@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
<https://ex.org/cat> a dcat:Catalog ; dct:title "c"@en ; dcat:dataset <https://ex.org/d1>, <https://ex.org/d2> .
<https://ex.org/d1> a dcat:Dataset ; dct:title "d1"@en .
<https://ex.org/d2> a dcat:Dataset ; dct:title "d2"@en .
<https://ex.org/d3> a dcat:Dataset ; dct:title "d3"@en .
"""


def test_inverse_path_reads_the_referrer_in_another_partition() -> None:
    """dcat-ap-lt's Dataset.inCatalog looks from a dataset back to the catalogue (^dcat:dataset)."""
    doc = document(LISTED)
    opts = options("dcat-ap-lt")
    planned = tasks(doc, opts, batch=1)
    assert len(planned) == 4  # the catalogue and each dataset on their own
    expected = whole(doc, opts)
    assert {f.location.focus for f in expected if f.rule == "dcat-ap-lt:Dataset.inCatalog"} == {"https://ex.org/d3"}
    got = partitioned(doc, opts, batch=1, split_min=0)
    assert got == expected, difference(expected, got)


def test_a_finding_is_kept_only_where_its_focus_is_responsible() -> None:
    """The catalogue's partition holds the datasets' types (range check): they are targets there too."""
    doc = document(LISTED)
    planned = tasks(doc, options("dcat-ap-3"), batch=1)
    catalogue = next(t.part for t in planned if "https://ex.org/cat" in (t.part.keep or ()))
    assert catalogue.keep == {"https://ex.org/cat"}
    typed = {str(s) for s, p, _o in catalogue.triples if p == RDF.type}
    assert {"https://ex.org/d1", "https://ex.org/d2"} <= typed
    assert all(t.part.keep and len(t.part.keep) == 1 for t in planned)


ANCHOR_SHAPES = """\
@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix ex: <http://example.org/shapes#> .
ex:SchemeUse a sh:NodeShape ; sh:targetObjectsOf skos:inScheme ; sh:property ex:SchemeUse.members .
ex:SchemeUse.members a sh:PropertyShape ; sh:path [ sh:inversePath skos:inScheme ] ; sh:maxCount 1 ;
    sh:message "more than one concept of this scheme is used" .
"""
THEMES = """\
@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
@prefix theme: <http://publications.europa.eu/resource/authority/data-theme/> .
<https://ex.org/d1> a dcat:Dataset ; dct:title "d1"@en ; dcat:theme theme:ECON .
<https://ex.org/d2> a dcat:Dataset ; dct:title "d2"@en ; dcat:theme theme:SOCI .
"""


def test_background_facts_read_through_are_anchored(tmp_path: Path) -> None:
    """A shape reading code-list facts of concepts used elsewhere: each concept is copied in (anchored).

    The scheme IRI is only in the background (skos:inScheme of the two themes), which the validator
    adds per partition for the IRIs the partition holds.
    """
    shapes = tmp_path / "anchor.ttl"
    shapes.write_text(ANCHOR_SHAPES)
    doc = document(THEMES)
    opts = options("dcat-ap-3", shapes=(str(shapes),))
    expected = whole(doc, opts)
    scheme = [f for f in expected if f.rule.endswith("SchemeUse.members")]
    assert [f.location.focus for f in scheme] == ["http://publications.europa.eu/resource/authority/data-theme"]
    assert len(tasks(doc, opts, batch=1)) == 3
    got = partitioned(doc, opts, batch=1, split_min=0)
    assert got == expected, difference(expected, got)


SPARQL_SHAPES = """\
@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix ex: <http://example.org/shapes#> .
ex:Anything a sh:NodeShape ; sh:targetClass dcat:Dataset ;
    sh:sparql [ sh:select "SELECT $this WHERE { FILTER(false) }" ] .
"""


def test_shapes_with_unbounded_reads_validate_the_graph_whole(tmp_path: Path) -> None:
    shapes = tmp_path / "sparql.ttl"
    shapes.write_text(SPARQL_SHAPES)
    doc = document(LISTED)
    opts = options("dcat-ap-3", shapes=(str(shapes),))
    planned = partition.plan(doc.graphs[0][1], distributed_profile(opts), batch=1)
    assert planned.reason and "sh:sparql" in planned.reason
    assert len(planned.partitions) == 1 and planned.partitions[0].keep is None
    assert len(planned.partitions[0]) == len(doc.graphs[0][1])
    assert partitioned(doc, opts, batch=1) == whole(doc, opts)


def distributed_profile(opts: api.Options) -> profiles.ResolvedProfile:
    return distributed.profile_for(opts)


def test_small_graph_is_one_partition() -> None:
    doc = document(LISTED)
    [only] = tasks(doc, options("dcat-ap-3"), batch=10)
    assert only.part.keep is None and len(only.part) == len(doc.graphs[0][1])


def test_named_graphs_are_partitioned_one_by_one() -> None:
    trig = "\n".join(["@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .",
                      "<https://ex.org/g1> { " + LISTED.split("\n", 1)[1].replace("@prefix", "#") + " }",
                      "<https://ex.org/g2> { <https://ex.org/d9> a dcat:Dataset . }"])
    doc = document(trig, "two.trig")
    opts = options("dcat-ap-lt")
    assert {t.part.graph_name for t in tasks(doc, opts, batch=1)} == {"https://ex.org/g1", "https://ex.org/g2"}
    expected = whole(doc, opts)
    assert {f.location.graph for f in expected} == {"https://ex.org/g1", "https://ex.org/g2"}
    got = partitioned(doc, opts, batch=1)
    assert got == expected, difference(expected, got)


# --- random graphs: whatever the data, the same findings -------------------------------------------

def _path_predicates(shapes: Graph) -> list[URIRef]:
    found: set[URIRef] = set()
    for predicate in (SH.targetSubjectsOf, SH.targetObjectsOf):
        found.update(o for o in shapes.objects(None, predicate) if isinstance(o, URIRef))
    todo = list(shapes.objects(None, SH.path))
    while todo:
        node = todo.pop()
        if isinstance(node, URIRef):
            found.add(node)
        else:
            todo.extend(o for p, o in shapes.predicate_objects(node) if p != RDF.type)
    found.discard(RDF.nil)
    return sorted(found)


def random_graph(profile: profiles.ResolvedProfile, seed: int, size: int = 60) -> Graph:
    """Nodes of the profile's classes linked at random by the predicates its shapes read."""
    rng = random.Random(seed)
    predicates = _path_predicates(profile.shapes)
    classes = sorted({*profile.shapes.objects(None, SH.targetClass), *profile.shapes.objects(None, SH["class"]),
                      *partition.OWNER_CLASSES}, key=str)
    concepts: list[Node] = [URIRef(c.iri) for v in profile.vocabularies for c in codelists.load(v).concepts[:2]]
    iris: list[Node] = [URIRef(f"http://ex.org/n{i}") for i in range(size // 3)]
    blanks: list[Node] = [BNode() for _ in range(size // 4)]
    literals = [Literal("title"), Literal("title", lang="en"), Literal("tittel", lang="nb"),
                Literal("tittel", lang="en"), Literal("2020-01-01", datatype=XSD.date),
                Literal("2020-13-01", datatype=XSD.date), Literal("5", datatype=XSD.integer),
                Literal("http://ex.org/n1"), Literal("2020")]
    graph = Graph()
    for node in iris + blanks:
        for _ in range(rng.choice((0, 1, 1, 2))):
            graph.add((node, RDF.type, rng.choice(classes)))
    for _ in range(size * 3):
        r = rng.random()
        target = rng.choice(iris + blanks) if r < 0.45 else rng.choice(concepts or iris) if r < 0.6 \
            else rng.choice(literals)
        graph.add((rng.choice(iris + blanks), rng.choice(predicates), target))
    return graph


@pytest.mark.parametrize("profile", ["dcat-ap-3", "dcat-ap-hvd", "dcat-ap-lt", "dcat-ap-no-3", "cpsv-ap-3"])
def test_random_graphs(profile: str) -> None:
    opts = options(profile)
    resolved = distributed_profile(opts)
    total = 0
    for seed in range(4):
        doc = Document("random.ttl", "rdf", "turtle", graphs=[(None, random_graph(resolved, seed))])
        expected = whole(doc, opts)
        total += len(expected)
        for batch, split_min in ((1, 0), (3, distributed.DEFAULT_SPLIT)):
            got = partitioned(doc, opts, batch, split_min=split_min)
            assert got == expected, f"seed {seed}, batch {batch}: " + difference(expected, got)
    assert total > 100


# --- the benchmark's catalogues ---------------------------------------------------------------------


def test_benchmark_catalogue_with_seeded_defects() -> None:
    """benchmarks/generate.py: every seeded defect is an error on its node, partitioned or not."""
    generator = benchmark_generator()
    [built] = generator.generate(datasets=60, broken=0.2, seed=3)
    doc = document(generator.serialise(built.blocks, "turtle"))
    opts = options("dcat-ap-3")
    expected = whole(doc, opts)
    errors = {f.location.focus for f in expected if f.severity.label == "error"}
    assert {s.focus for s in built.seeded} == errors and len(built.seeded) == 12
    for batch, split_min in ((7, 10), (1, 0)):
        got = partitioned(doc, opts, batch, split_min=split_min)
        assert got == expected, difference(expected, got)
