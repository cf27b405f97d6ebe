"""What the compiler leaves to pyshacl, and the data layer keeping literals as written."""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef

from nordval import engine
from nordval.engine.terms import Lit
from tests.engine.compare import difference, document_of
from tests.engine.test_properties import profile_of

PREFIXES = """\
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
DATA = """\
@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:a a ex:C ; ex:p ex:b ; ex:size "5"^^xsd:nonNegativeInteger, "1024.0"^^xsd:decimal .
ex:b a ex:C ; ex:p ex:a .
"""


def shapes(text: str) -> Graph:
    return Graph().parse(data=PREFIXES + text, format="turtle")


def data() -> Graph:
    return Graph().parse(data=DATA, format="turtle")


@pytest.mark.filterwarnings("ignore::pyshacl.errors.ShapeRecursionWarning")
def test_recursive_shapes_run_on_pyshacl() -> None:
    profile = profile_of(shapes("""
        ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:message "m" ; sh:property ex:S.p .
        ex:S.p a sh:PropertyShape ; sh:path ex:p ; sh:node ex:S ; sh:message "m" .
    """))
    [(rule, reason)] = engine.coverage(profile).fallback
    assert rule == "ex:S" and reason.startswith("recursive shapes")
    assert difference(document_of(data()), profile) == ""


def test_a_finding_without_any_text_runs_on_pyshacl() -> None:
    """pyshacl writes its own message for sh:or; nordval shows it, so the engine leaves such shapes alone."""
    profile = profile_of(shapes("""
        ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:or ( ex:A ex:B ) .
        ex:A a sh:NodeShape ; sh:class ex:Nothing .
        ex:B a sh:NodeShape ; sh:class ex:Nothing .
    """))
    [(rule, reason)] = engine.coverage(profile).fallback
    assert rule == "ex:S" and "no single sh:message" in reason and "OrConstraintComponent" in reason
    assert difference(document_of(data()), profile) == ""


def test_a_shape_pyshacl_refuses_is_left_to_pyshacl() -> None:
    profile = profile_of(shapes('ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:minCount 1 ; sh:message "m" .'))
    [(rule, reason)] = engine.coverage(profile).fallback
    assert rule == "ex:S" and reason.startswith("pyshacl rejects its MinCountConstraintComponent")


def test_literals_are_kept_as_written() -> None:
    """A pyoxigraph Store would return xsd:integer for the first and "1024" for the second."""
    triples = (b'<http://example.org/a> <http://example.org/size> "5"^^<http://www.w3.org/2001/XMLSchema#nonNegat'
               b'iveInteger> .\n<http://example.org/a> <http://example.org/size> "1024.0"^^<http://www.w3.org/2001/X'
               b'MLSchema#decimal> .\n')
    streamed = engine.from_file(triples, "nt")[None]
    from_rdflib = engine.from_graph(data())
    expected = {Lit("5", "http://www.w3.org/2001/XMLSchema#nonNegativeInteger"),
                Lit("1024.0", "http://www.w3.org/2001/XMLSchema#decimal")}
    for loaded in (streamed, from_rdflib):
        assert set(loaded.objects("http://example.org/size")["http://example.org/a"]) == expected
    profile = profile_of(shapes("""
        ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:S.size .
        ex:S.size a sh:PropertyShape ; sh:path ex:size ; sh:datatype xsd:nonNegativeInteger ; sh:message "m" .
    """))
    document = document_of(data())
    assert difference(document, profile) == ""
    outcome = engine.validate_graph(data(), profile)
    assert [(r.focus, str(r.value)) for r in outcome.results] == [(URIRef("http://example.org/a"), "1024.0")]
