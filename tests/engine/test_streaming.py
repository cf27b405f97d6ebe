"""Large RDF files are parsed by pyoxigraph straight into the engine, with the same findings.

The threshold is lowered to 0 here so that small fixtures take the streaming path; each file is
also validated on the ordinary path (rdflib parses it; the fast engine's results there equal
pyshacl's, test_differential_fixtures.py), and the reports (line numbers included, which for
Turtle depend on the prefixes) must match.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from rdflib import Dataset, URIRef

from nordval import api
from nordval.model import Finding
from nordval.validators import shacl
from tests.engine.compare import fixture_cases, load_document

CASES = [(p, path) for p, path in fixture_cases()
         if p in ("dcat-ap-3", "dcat-ap-no-3", "dcat-ap-se") and path.suffix in (".ttl", ".trig")
         and "/gaps/" not in str(path)]
CONVERTED = [(p, path) for p, path in fixture_cases()
             if p in ("dcat-ap-hvd", "dcat-ap-fi") and path.suffix in (".ttl", ".jsonld") and "/gaps/" not in str(path)]


@pytest.fixture
def streaming(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Stream every file, and count which path each validation took."""
    monkeypatch.setattr(shacl, "STREAM_MIN_BYTES", 0)
    taken: Counter[str] = Counter()
    original = shacl.streamed

    def counting(*args: object, **kwargs: object) -> object:
        result = original(*args, **kwargs)  # type: ignore[arg-type]
        taken["streamed" if result is not None else "ordinary"] += 1
        return result
    monkeypatch.setattr(shacl, "streamed", counting)
    return taken


def report(path: Path, profile: str, engine: str) -> set[Finding]:
    return set(api.validate([str(path)], api.Options(profile=profile, engine=engine)).findings)


def ordinary(path: Path, profile: str) -> set[Finding]:
    """The report when rdflib parses the file (streaming off)."""
    threshold = shacl.STREAM_MIN_BYTES
    shacl.STREAM_MIN_BYTES = 1 << 62
    try:
        found = report(path, profile, "auto")
    finally:
        shacl.STREAM_MIN_BYTES = threshold
    return found


@pytest.mark.parametrize(("profile", "source"), CASES, ids=[f"{p}:{s.name}" for p, s in CASES])
def test_streamed_turtle_and_trig_give_the_reference_findings(profile: str, source: Path,
                                                              streaming: Counter[str]) -> None:
    assert report(source, profile, "auto") == ordinary(source, profile)
    readable = load_document(source) is not None
    streamable = readable and not shacl.divergent(source.read_bytes())
    assert streaming["streamed"] == (1 if streamable else 0)


@pytest.mark.parametrize(("profile", "source"), CONVERTED, ids=[f"{p}:{s.name}" for p, s in CONVERTED])
def test_streamed_ntriples_give_the_reference_findings(profile: str, source: Path, tmp_path: Path,
                                                       streaming: Counter[str]) -> None:
    document = load_document(source)
    if document is None or [name for name, _g in document.graphs] != [None]:
        pytest.skip("not a single-graph RDF document")
    nt = tmp_path / (source.stem + ".nt")
    nt.write_text(document.graphs[0][1].serialize(format="nt"), encoding="utf-8")
    assert report(nt, profile, "auto") == ordinary(nt, profile)
    assert streaming["streamed"] == 1


def test_what_the_parsers_read_differently_takes_the_ordinary_path(tmp_path: Path, streaming: Counter[str]) -> None:
    turtle = tmp_path / "explicit-string.ttl"
    turtle.write_text("@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
                      "<http://example.org/d> a <http://www.w3.org/ns/dcat#Dataset> ;\n"
                      '  <http://purl.org/dc/terms/title> "Title"^^xsd:string, "Tittel"@NB .\n', encoding="utf-8")
    assert report(turtle, "dcat-ap-3", "auto") == report(turtle, "dcat-ap-3", "pyshacl")
    assert streaming == {"ordinary": 1}


def test_streamed_nquads_keep_their_graph_names(tmp_path: Path, streaming: Counter[str]) -> None:
    source = Path("fixtures/dcat-ap-3/invalid/opingogn-two-named-graphs.trig")
    dataset = Dataset()
    dataset.parse(source, format="trig")
    nq = tmp_path / "two-graphs.nq"
    nq.write_text(dataset.serialize(format="nquads"), encoding="utf-8")
    streamed = report(nq, "dcat-ap-3", "auto")
    assert streamed == report(nq, "dcat-ap-3", "pyshacl")
    assert {f.location.graph for f in streamed} >= {str(g.identifier) for g in dataset.graphs()
                                                    if isinstance(g.identifier, URIRef) and len(g)} - {
        "urn:x-rdflib:default"}
    assert streaming == {"streamed": 1}


def test_broken_ntriples_take_the_ordinary_path(tmp_path: Path, streaming: Counter[str]) -> None:
    nt = tmp_path / "broken.nt"
    nt.write_text('<http://example.org/a> <http://example.org/p> "unterminated .\n', encoding="utf-8")
    [finding] = report(nt, "dcat-ap-3", "auto")
    assert finding.rule == "input.syntax"
    assert streaming == {"ordinary": 1}


def test_small_files_are_not_streamed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_args: object) -> object:
        raise AssertionError("a small file was streamed")
    monkeypatch.setattr(shacl.engine, "from_file", fail)
    nt = tmp_path / "small.nt"
    nt.write_text("<http://example.org/d> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
                  "<http://www.w3.org/ns/dcat#Dataset> .\n", encoding="utf-8")
    assert {f.rule for f in report(nt, "dcat-ap-3", "auto")} >= {"dcat-ap-3:Dataset.title"}


@pytest.mark.parametrize(("text", "expected"), [
    (b'"Tittel"@nb , "Title"@en-GB .', True),  # a region subtag in upper case
    (b"'Tittel'@NB .", True),
    (b'"a"^^xsd:string .', True),
    (b'"a"^^<http://www.w3.org/2001/XMLSchema#string> .', True),
    (b'"Tittel"@nb ; <mailto:Post@Example.NO> .', False),  # an e-mail address is no language tag
    (b'"5"^^xsd:integer ; "x"@en-gb .', False),
    (b"@Prefix-like at the very start", False),
])
def test_what_pyoxigraph_reads_differently_is_recognised(text: bytes, expected: bool) -> None:
    assert shacl.divergent(text) is expected


def test_files_past_the_rdflib_limit_are_streamed_up_to_the_streaming_limit(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, streaming: Counter[str]) -> None:
    """A national catalogue in N-Triples outgrows what rdflib may read long before what the engine reads."""
    from nordval import inputs

    source = Path("fixtures/dcat-ap-3/invalid/ssb-dataset-missing-description.ttl")
    nt = tmp_path / "catalogue.nt"
    nt.write_text(load_document(source).graphs[0][1].serialize(format="nt"), encoding="utf-8")  # type: ignore[union-attr]
    size = nt.stat().st_size
    monkeypatch.setattr(inputs, "MAX_INPUT_BYTES", size - 1)  # too large for the ordinary path
    streamed = report(nt, "dcat-ap-3", "auto")
    assert streaming == {"streamed": 1}
    assert "dcat-ap-3:Dataset.description" in {f.rule for f in streamed}
    monkeypatch.setattr(shacl, "MAX_STREAM_BYTES", size - 1)  # too large for both
    [refused] = report(nt, "dcat-ap-3", "auto")
    assert refused.rule == "input.too-large" and "up to 4 GiB are read by the fast engine" in refused.message
    assert streaming == {"streamed": 1, "ordinary": 1}
    [refused] = report(nt, "dcat-ap-3", "pyshacl")  # pyshacl reads through rdflib only
    assert refused.rule == "input.too-large"
