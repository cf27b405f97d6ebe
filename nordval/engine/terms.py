"""The engine's RDF terms: plain Python values with rdflib's notion of equality.

The engine spends its time in dict and set operations on terms. A ``str`` caches its hash, so
an IRI is a plain ``str``; a blank node is a ``Blank`` (``"_:"`` + its id, which no IRI can be)
and a literal a ``Lit`` tuple. pyoxigraph's term objects rehash their text on every lookup
(about three times slower), and rdflib's hash in Python.

Literals follow rdflib, which pyshacl compares with: a plain ``"a"`` and ``"a"^^xsd:string`` are
different terms (rdflib keeps the explicit datatype, RDF 1.1 and oxigraph merge them), a
language-tagged literal has no datatype, and language tags compare case-insensitively (kept in
lower case here).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from functools import lru_cache
from typing import NamedTuple

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

XSD_STRING = str(XSD.string)
LANG_STRING = str(RDF.langString)


class Blank(str):
    """A blank node: ``"_:" + id`` (the id is the rdflib or parser id)."""

    __slots__ = ()

    @property
    def id(self) -> str:
        return self[2:]


class Lit(NamedTuple):
    """A literal as rdflib sees it: datatype None for plain and language-tagged literals."""

    lexical: str
    datatype: str | None = None
    language: str | None = None


Term = str | Blank | Lit
"""A data term as the engine holds it (a plain ``str`` is an IRI)."""


class Unconvertible(ValueError):
    """A term the engine cannot represent; the graph then runs on pyshacl."""


def from_rdflib(node: Node) -> Term:
    if isinstance(node, URIRef):
        return str(node)
    if isinstance(node, Literal):
        language = node.language
        if language:
            return Lit(str(node), None, language.lower())
        datatype = node.datatype
        return Lit(str(node), None if datatype is None else str(datatype))
    if isinstance(node, BNode):
        return Blank("_:" + str(node))
    raise Unconvertible(f"{node!r} is not an RDF term the engine handles")


def from_ox(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> Term:
    """A term from pyoxigraph's parser, read the way rdflib's parser would have read it.

    Typed literals get rdflib's normalised lexical form (``"01"^^xsd:integer`` becomes ``"1"``),
    so that values, patterns and lengths are what the rdflib path sees. An explicit xsd:string
    cannot be told from a plain literal here (the parser merges them).
    """
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.Literal):
        language = term.language
        if language:
            return Lit(term.value, None, language.lower())
        datatype = term.datatype.value
        if datatype == XSD_STRING:
            return Lit(term.value)
        return Lit(normalised(term.value, datatype), datatype)
    if isinstance(term, ox.BlankNode):
        return Blank("_:" + term.value)
    raise Unconvertible(f"{term!r}: RDF-star triples are not supported")


# Lexical forms rdflib certainly accepts as written (no normalisation, not ill-typed), with the
# Python type of their value: checked here without building an rdflib literal (~40 us each).
_XSD = "http://www.w3.org/2001/XMLSchema#"
_CANONICAL: dict[str, tuple[re.Pattern[str], type]] = {
    _XSD + "integer": (re.compile(r"-?[1-9][0-9]{0,17}|0"), int),
    _XSD + "nonNegativeInteger": (re.compile(r"[1-9][0-9]{0,17}|0"), int),
    _XSD + "positiveInteger": (re.compile(r"[1-9][0-9]{0,17}"), int),
    _XSD + "boolean": (re.compile(r"true|false"), bool),
    _XSD + "date": (re.compile(r"[12][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])"), date),
}


def _canonical(lexical: str, datatype: str) -> type | None:
    found = _CANONICAL.get(datatype)
    if found is not None and found[0].fullmatch(lexical):
        return found[1]
    return None


@lru_cache(maxsize=131072)
def normalised(lexical: str, datatype: str) -> str:
    """rdflib's lexical form for a typed literal (what its parsers store)."""
    if datatype == LANG_STRING or _canonical(lexical, datatype) is not None:
        return lexical
    with quiet_rdflib():
        return str(Literal(lexical, datatype=URIRef(datatype)))


@lru_cache(maxsize=131072)
def literal_verdict(lexical: str, datatype: str) -> tuple[bool | None, type]:
    """rdflib's ``ill_typed`` flag and the type of its Python value, for sh:datatype."""
    known = _canonical(lexical, datatype)
    if known is not None:
        return False, known
    with quiet_rdflib():
        literal = Literal(lexical, datatype=URIRef(datatype))
    return literal.ill_typed, type(literal.value)


def to_rdflib(term: Term) -> Node:
    """An engine term back as the rdflib term it stands for (same blank-node id)."""
    if isinstance(term, Lit):
        lexical, datatype, language = term
    elif type(term) is Blank:
        return BNode(term[2:])
    else:
        return URIRef(term)
    with quiet_rdflib():
        return Literal(lexical, lang=language, datatype=None if datatype is None else URIRef(datatype))


@contextmanager
def quiet_rdflib() -> Iterator[None]:
    """rdflib logs a traceback for every ill-typed literal it builds; the parser already did once."""
    logger = logging.getLogger("rdflib.term")
    previous = logger.disabled
    logger.disabled = True
    try:
        yield
    finally:
        logger.disabled = previous
