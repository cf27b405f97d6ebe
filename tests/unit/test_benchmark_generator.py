"""The benchmark generator: its output is the ground truth the benchmark checks validators against.

If it were not deterministic, or its defect bookkeeping drifted from what it writes, a count
mismatch in benchmarks/run.py could be blamed on the wrong tool.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib import namespace as ns

from tests.conftest import benchmark_generator


@pytest.fixture(scope="module")
def generate() -> ModuleType:
    return benchmark_generator()


def run(generate: ModuleType, tmp_path: Path, *args: str) -> tuple[Path, dict[str, Any]]:
    out = tmp_path / "cat.ttl"
    assert generate.main(["--datasets", "35", "--seed", "7", "--broken", "0.2", "-o", str(out), *args]) == 0
    return out, json.loads(Path(str(out) + ".expected.json").read_text(encoding="utf-8"))


def test_same_seed_same_bytes_other_seed_other_bytes(generate: ModuleType, tmp_path: Path) -> None:
    first, _ = run(generate, tmp_path / "a")
    again, _ = run(generate, tmp_path / "b")
    assert first.read_bytes() == again.read_bytes()
    other = tmp_path / "c.ttl"
    generate.main(["--datasets", "35", "--seed", "8", "--broken", "0.2", "-o", str(other)])
    assert other.read_bytes() != first.read_bytes()


@pytest.mark.parametrize("fmt", ["turtle", "nt"])
def test_parses_with_the_requested_number_of_datasets(generate: ModuleType, tmp_path: Path, fmt: str) -> None:
    out, expected = run(generate, tmp_path, "--format", fmt)
    graph = Graph().parse(out, format=fmt)
    assert len(graph) == expected["triples"]
    assert len(set(graph.subjects(ns.RDF.type, ns.DCAT.Dataset))) == 35
    (catalogue,) = graph.subjects(ns.RDF.type, ns.DCAT.Catalog)
    assert len(list(graph.objects(catalogue, ns.DCAT.dataset))) == 35
    sizes = [s for s in graph.objects(None, ns.DCAT.byteSize) if isinstance(s, Literal)]
    assert len(sizes) == len(set(graph.subjects(ns.RDF.type, ns.DCAT.Distribution)))
    assert {s.datatype for s in sizes} == {ns.XSD.nonNegativeInteger, ns.XSD.decimal}  # the defect is there too


def test_expected_defects_match_the_broken_datasets(generate: ModuleType, tmp_path: Path) -> None:
    out, expected = run(generate, tmp_path, "--broken", "0.4")
    assert expected["broken_datasets"] == round(35 * 0.4) == len(expected["seeded"])
    assert sum(expected["defects"].values()) == expected["broken_datasets"]
    assert list(expected["defects"]) == list(generate.DEFECTS)
    assert len({s["dataset"] for s in expected["seeded"]}) == expected["broken_datasets"]  # one defect each
    counts = list(expected["defects"].values())
    assert max(counts) - min(counts) <= 1  # round-robin
    graph = Graph().parse(out)
    for seeded in expected["seeded"]:
        dataset, focus = URIRef(seeded["dataset"]), URIRef(seeded["focus"])
        titles = list(graph.objects(dataset, ns.DCTERMS.title))
        kind = seeded["kind"]
        if kind == "missing_title":
            assert titles == []
        elif kind == "title_without_language":
            assert [t.language for t in titles if isinstance(t, Literal)] == [None]
        elif kind == "format_as_literal":
            assert isinstance(graph.value(focus, ns.DCTERMS.format), Literal)
        elif kind == "byte_size_decimal":
            size = graph.value(focus, ns.DCAT.byteSize)
            assert isinstance(size, Literal) and size.datatype == ns.XSD.decimal
        elif kind == "frequency_outside_nal":
            assert str(graph.value(dataset, ns.DCTERMS.accrualPeriodicity)).endswith("/frequency/SOMETIMES")
        elif kind == "distribution_without_access_url":
            assert graph.value(focus, ns.DCAT.accessURL) is None
        elif kind == "licence_as_literal":
            assert isinstance(graph.value(focus, ns.DCTERMS.license), Literal)


def test_clean_datasets_have_no_defect(generate: ModuleType, tmp_path: Path) -> None:
    out, _ = run(generate, tmp_path, "--broken", "0")
    graph = Graph().parse(out)
    for dataset in graph.subjects(ns.RDF.type, ns.DCAT.Dataset):
        assert {t.language for t in graph.objects(dataset, ns.DCTERMS.title) if isinstance(t, Literal)} >= {"en"}
    for distribution in graph.subjects(ns.RDF.type, ns.DCAT.Distribution):
        assert graph.value(distribution, ns.DCAT.accessURL) is not None
        assert isinstance(graph.value(distribution, ns.DCTERMS.format), URIRef)


def test_split_shares_datasets_over_files(generate: ModuleType, tmp_path: Path) -> None:
    target = tmp_path / "many"
    assert generate.main(["--datasets", "23", "--split", str(target), "--files", "5"]) == 0
    files = sorted(target.iterdir())
    assert len(files) == 5
    counts = [len(set(Graph().parse(f).subjects(ns.RDF.type, ns.DCAT.Dataset))) for f in files]
    assert counts == [5, 5, 5, 4, 4]
    expected = json.loads((tmp_path / "many.expected.json").read_text(encoding="utf-8"))
    assert expected["files"] == [str(f) for f in files] and expected["broken_datasets"] == 2
