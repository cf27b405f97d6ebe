"""``--engine``: identical reports, per-shape fallback to pyshacl, strict ``fast``, coverage display."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, XSD

from nordval import api, engine, profiles
from tests.conftest import FIXTURES, RunCli, json_report
from tests.engine.compare import difference, document_of, findings

SHAPES = """\
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/shapes#> .
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .

ex:Size a sh:NodeShape ; sh:targetClass dcat:Distribution ;
    sh:property ex:Size.min .
ex:Size.min a sh:PropertyShape ; sh:path dcat:byteSize ; sh:minInclusive 0 ;
    sh:message "The byte size is negative."@en .
ex:Title a sh:NodeShape ; sh:targetClass dcat:Dataset ;
    sh:property ex:Title.present .
ex:Title.present a sh:PropertyShape ; sh:path dct:title ; sh:minCount 1 ;
    sh:message "The dataset has no title."@en .
"""
MANIFEST = """\
id = "engine-test"
title = "Engine test"
version = "1"
shapes = ["shapes.ttl"]
"""


@pytest.fixture
def adhoc(tmp_path: Path) -> Path:
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(SHAPES, encoding="utf-8")
    (tmp_path / "engine-test.toml").write_text(MANIFEST, encoding="utf-8")
    return tmp_path


def broken_catalogue() -> Graph:
    graph = Graph()
    dataset, distribution = URIRef("http://example.org/d1"), URIRef("http://example.org/d1/csv")
    graph.add((dataset, RDF.type, DCAT.Dataset))
    graph.add((dataset, DCAT.distribution, distribution))
    graph.add((distribution, RDF.type, DCAT.Distribution))
    graph.add((distribution, DCAT.byteSize, Literal(-5, datatype=XSD.integer)))
    return graph


def test_engine_defaults_to_auto() -> None:
    assert api.Options().engine == "auto"


def test_a_shape_the_engine_does_not_cover_runs_on_pyshacl_alone(adhoc: Path) -> None:
    profile = profiles.resolve("engine-test", (str(adhoc),))
    covered = engine.coverage(profile)
    assert covered.fast == ("ex:Title",)
    assert [rule for rule, _why in covered.fallback] == ["ex:Size"]
    assert "sh:minInclusive" in covered.fallback[0][1]
    document = document_of(broken_catalogue())
    found = findings(document, profile, "auto")
    assert {(f.rule, f.location.focus, f.constraint) for f in found} == {
        ("ex:Title.present", "http://example.org/d1", "sh:minCount"),  # fast engine
        ("ex:Size.min", "http://example.org/d1/csv", "sh:minInclusive"),  # pyshacl, for ex:Size only
    }
    assert difference(document, profile) == ""


def test_fast_refuses_a_profile_it_does_not_cover(adhoc: Path, run_cli: RunCli) -> None:
    data = FIXTURES / "dcat-ap-3" / "valid" / "ssb-statistics-catalogue.ttl"
    result = run_cli("validate", "--profile-path", str(adhoc), "-p", "engine-test", "--engine", "fast", str(data),
                     code=2)
    assert "--engine fast does not cover 1 shape(s)" in result.stderr
    assert "ex:Size (sh:minInclusive is not supported by the fast engine, in ex:Size.min)" in result.stderr


def test_cli_reports_are_byte_identical_across_engines(run_cli: RunCli) -> None:
    data = FIXTURES / "dcat-ap-3" / "valid" / "vegvesen-blank-node-resources.ttl"
    outputs = {name: run_cli("validate", "-p", "dcat-ap-3", "--engine", name, "-f", "json", "--fail-on", "never",
                             str(data), code=0).stdout
               for name in ("pyshacl", "auto", "fast")}
    assert outputs["pyshacl"] == outputs["auto"] == outputs["fast"]
    report = json_report(run_cli("validate", "-p", "dcat-ap-3", "-f", "json", "--fail-on", "never", str(data)))
    assert report["findings"], "the case must have findings to compare"
    assert any(f["focus"].startswith("_:b") for f in report["findings"]), "and findings on blank nodes"


def test_profiles_show_tells_which_engine_runs_the_shapes(adhoc: Path, run_cli: RunCli) -> None:
    shipped = run_cli("profiles", "show", "dcat-ap-3", code=0).stdout
    total = len(engine.plan_for(profiles.resolve("dcat-ap-3")).fast)
    assert f"SHACL engine: fast for {total} of {total} targeted shapes (all)" in shipped
    custom = run_cli("profiles", "--profile-path", str(adhoc), "show", "engine-test", code=0).stdout
    assert "SHACL engine: fast for 1 of 2 targeted shapes" in custom
    assert "pyshacl: ex:Size (sh:minInclusive is not supported by the fast engine, in ex:Size.min)" in custom


def test_an_iri_oxigraph_would_reject_is_validated_like_pyshacl_does() -> None:
    graph = broken_catalogue()
    graph.add((URIRef("http://example.org/d1"), DCTERMS.title, Literal("t", lang="en")))
    graph.add((URIRef("http://example.org/d 2"), RDF.type, DCAT.Dataset))  # rdflib keeps it; oxigraph refuses it
    profile = profiles.resolve("dcat-ap-3")
    document = document_of(graph)
    assert difference(document, profile) == ""
    assert any(f.location.focus == "http://example.org/d 2" for f in findings(document, profile, "auto"))
