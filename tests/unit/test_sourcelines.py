"""LineIndex.lines_of must give exactly what the full LineIndex gives: golden reports and CI annotations hang on it."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from nordval.sourcelines import _IRI, LineIndex

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
RDF_SUFFIXES = {".ttl", ".nt", ".jsonld", ".rdf", ".trig", ".nq"}
# Prefix declarations of Turtle/TriG/SPARQL, RDF/XML and JSON-LD contexts: both implementations get the same ones.
_PREFIX = re.compile(r"@?prefix\s+([\w.-]*):\s*<([^>]*)>"  # Turtle, TriG, SPARQL
                     r"|xmlns:([\w.-]+)=\"([^\"]*)\""  # RDF/XML
                     r"|\"([\w.-]+)\"\s*:\s*\"(\w+:[^\"]*[/#])\"", re.IGNORECASE)  # JSON-LD context
_HEAD = re.compile(r"^\s*([\w.-]*):([^\s;,]*)", re.MULTILINE)


def _prefixes(text: str) -> list[tuple[str, str]]:
    return [(m[1] or m[3] or m[5], m[2] or m[4] or m[6]) for m in _PREFIX.finditer(text)]


def _candidates(text: str, prefixes: list[tuple[str, str]]) -> set[str]:
    """Every IRI in the text, what its prefixed line heads expand to, their near misses, and absent ones."""
    iris = {m.group(1) for m in _IRI.finditer(text)}
    iris |= {ns + m[2] for m in _HEAD.finditer(text) for p, ns in prefixes if p == m[1]}
    iris |= {iri[:-1] for iri in iris} | {iri + "x" for iri in sorted(iris)[:20]}
    return iris | {"https://absent.example/none", "urn:x", "", "curie:dct:title", "http://x/a b"}


def _assert_same(text: str, prefixes: list[tuple[str, str]], iris: set[str]) -> None:
    index = LineIndex(text, prefixes)
    expected = {iri: index.line_of(iri) for iri in iris}
    assert LineIndex.lines_of(text, prefixes, iris) == expected
    for iri in sorted(iris)[:60]:  # one at a time: the str.find path rather than the one-scan path
        assert LineIndex.lines_of(text, prefixes, [iri]) == {iri: expected[iri]}, iri


def _fixture_texts() -> list[Path]:
    return sorted(p for p in FIXTURES.rglob("*") if p.suffix in RDF_SUFFIXES and p.is_file())


@pytest.mark.parametrize("path", _fixture_texts(), ids=lambda p: str(p.relative_to(FIXTURES)))
def test_fixtures_agree_with_full_index(path: Path) -> None:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        pytest.skip("not UTF-8")
    prefixes = _prefixes(text)
    iris = _candidates(text, prefixes)
    _assert_same(text, prefixes, iris)
    _assert_same(text.replace("\n", "\r\n"), prefixes, iris)


def test_fixtures_exist() -> None:
    assert len(_fixture_texts()) > 100


def test_random_texts_agree_with_full_index() -> None:
    """Token soup aimed at the corner cases: blanks, delimiters, curie heads, nested IRIs, odd line breaks."""
    tokens = ["<http://x/a>", "<http://x/ab>", '"http://x/a"', "'http://x/a'", "<curie:ex:a>", "<http://x/a",
              "ex:a", "ex:a;", "ex:a,.", "ex:ab", "e:", "e:b", ":a", "x:a", "<ex:a>", "@ex:a", "#ex:a", "a",
              " ", "  ", "\t", "\u00a0", "\u3000", "\x1f", ";", ".", '"', "<", ">", "\n", "\n", "\n", "\r\n",
              "\r", "\x0c", "\u2028", "\x85", "x<http://x/a>", "<<http://x/a>>", "'<http://x/a>'",
              "@ex:q", "#ex:q", "<ex:q"]
    prefixes = [("ex", "http://x/"), ("e", "http://x/a"), ("", "http://x/"), ("curie", "curie:"), ("x", "http://x/"),
                ("@ex", "http://x/"), ("#ex", "http://x/a")]
    iris = {"http://x/a", "http://x/ab", "http://x/b", "curie:ex:a", "curie:e:b", "ex:a", "http://x/", "x:a", "nope:",
            "http://x/q", "http://x/aq"}
    absent = {f"http://x/z{n}" for n in range(10)}
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice(tokens) for _ in range(rng.randint(0, 30)))
        if rng.random() < 0.7:  # most of the time stay on the fast path
            text = re.sub(r"\r(?!\n)|[\x0c\x85\u2028]", "\n", text)
        index = LineIndex(text, prefixes)
        expected = {iri: index.line_of(iri) for iri in iris | absent}
        assert LineIndex.lines_of(text, prefixes, iris | absent) == expected, text  # one scan for the mentions
        assert LineIndex.lines_of(text, prefixes, iris) == {iri: expected[iri] for iri in iris}, text  # str.find


TURTLE = """@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix ex: <http://example.org/> .

<http://example.org/cat> a dcat:Catalog ;
    dcat:dataset <http://example.org/ds1> , ex:ds2 .

<http://example.org/ds1> a dcat:Dataset ;
    dcat:distribution <http://example.org/ds1/dist> .

ex:ds2 a dcat:Dataset .
<http://example.org/ab> a dcat:Dataset .
<http://example.org/a> a dcat:Dataset .
"""
PREFIXES = [("dcat", "http://www.w3.org/ns/dcat#"), ("ex", "http://example.org/")]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_turtle_lines(newline: str) -> None:
    lines = LineIndex.lines_of(TURTLE.replace("\n", newline), PREFIXES, [
        "http://example.org/ds1",  # object on line 5, subject on line 7
        "http://example.org/ds2",  # subject written ex:ds2
        "http://example.org/ds1/dist",  # only an object
        "http://example.org/a",  # a prefix of .../ab, which comes first
        "http://example.org/never",
    ])
    assert lines == {"http://example.org/ds1": 7, "http://example.org/ds2": 10, "http://example.org/ds1/dist": 8,
                     "http://example.org/a": 12, "http://example.org/never": None}


def test_json_ld_id() -> None:
    text = '{\n  "@graph": [\n    {\n      "@id": "https://data.example/ds/1",\n      "@type": "dcat:Dataset"\n'
    assert LineIndex.lines_of(text, [], ["https://data.example/ds/1"]) == {"https://data.example/ds/1": 4}


def test_rdf_xml_about() -> None:
    text = ('<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
            '  <dcat:Dataset rdf:about="https://data.example/ds/1">\n  </dcat:Dataset>\n</rdf:RDF>\n')
    assert LineIndex.lines_of(text, [], ["https://data.example/ds/1"]) == {"https://data.example/ds/1": 3}


@pytest.mark.parametrize("newline", ["\r", "\u2028", "\x85"])
def test_odd_line_breaks_count_as_splitlines_does(newline: str) -> None:
    text = f"<http://x/o> <http://x/p> <http://x/s> .{newline}<http://x/s> a <http://x/C> .\n<http://x/t> a <http://x/C>"
    lines = LineIndex.lines_of(text, [], ["http://x/s", "http://x/t", "http://x/C"])
    assert lines == {"http://x/s": 2, "http://x/t": 3, "http://x/C": 2}
