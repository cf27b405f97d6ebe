"""What values a rule accepts, read from its SHACL, so profiles can be compared without data.

Used by ``profiles diff`` (describe and compare value spaces) and by ``gaps`` (decide whether
any single value can satisfy two profiles at once; if not, the gap is a profile conflict, not
a data error). Only the constraints that restrict a single value are considered: node kind,
datatype, pattern, closed lists, code-list membership, and ``sh:or``/``sh:node`` over those.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH, SKOS
from rdflib.term import Node

from .. import codelists, equivalents

VALUE_PREDICATES = (SH.nodeKind, SH.datatype, SH.pattern, SH["in"], SH.node, SH["or"])


@dataclass(frozen=True)
class Space:
    """One alternative of a value space (all listed facts must hold)."""

    node_kind: str | None = None
    datatypes: frozenset[str] = frozenset()
    patterns: tuple[str, ...] = ()
    values: frozenset[str] | None = None
    schemes: frozenset[str] = frozenset()

    def describe(self) -> str:
        parts = []
        if self.node_kind:
            parts.append(f"node kind {self.node_kind}")
        if self.datatypes:
            parts.append("datatype " + " or ".join(sorted(self.datatypes)))
        parts.extend(f"pattern {p}" for p in self.patterns)
        if self.values is not None:
            parts.append("one of " + ", ".join(sorted(self.values)[:6]) + (" ..." if len(self.values) > 6 else ""))
        if self.schemes:
            parts.append("code list " + " or ".join(sorted(self.schemes)))
        return "; ".join(parts) or "any value"


def is_value_rule(graph: Graph, shape: Node) -> bool:
    return any(graph.value(shape, p) is not None for p in VALUE_PREDICATES)


def spaces(graph: Graph, shape: Node, depth: int = 0) -> list[Space]:
    """The alternatives a value may take under ``shape`` (empty list: nothing restricted)."""
    if depth > 4:
        return []
    base = Space(
        node_kind=_local(graph.value(shape, SH.nodeKind)),
        datatypes=frozenset(str(d) for d in graph.objects(shape, SH.datatype)),
        patterns=tuple(sorted(str(p) for p in graph.objects(shape, SH.pattern))),
        values=_in_values(graph, shape),
        schemes=frozenset(_own_schemes(graph, shape)) | frozenset(
            scheme for node in graph.objects(shape, SH.node) for scheme in _own_schemes(graph, node)),
    )
    alternatives: list[Space] = [base]
    for or_list in graph.objects(shape, SH["or"]):
        options: list[Space] = []
        for member in Collection(graph, or_list):
            options.extend(spaces(graph, member, depth + 1) or [Space()])
        alternatives = [_merge(a, o) for a in alternatives for o in options]
    for node in graph.objects(shape, SH.node):
        if any(_own_schemes(graph, node)):
            continue  # a code-list shape: already in base.schemes
        nested = spaces(graph, node, depth + 1)
        if nested:
            alternatives = [_merge(a, n) for a in alternatives for n in nested]
    return [a for a in alternatives if a != Space()] or []


def _merge(a: Space, b: Space) -> Space:
    values = a.values if b.values is None else (b.values if a.values is None else a.values & b.values)
    return Space(
        node_kind=a.node_kind or b.node_kind,
        datatypes=(a.datatypes & b.datatypes) if a.datatypes and b.datatypes else (a.datatypes or b.datatypes),
        patterns=tuple(sorted(set(a.patterns) | set(b.patterns))),
        values=values,
        schemes=(a.schemes & b.schemes) if a.schemes and b.schemes else (a.schemes or b.schemes),
    )


def _local(node: Node | None) -> str | None:
    return str(node).rsplit("#", 1)[-1] if node is not None else None


def _in_values(graph: Graph, shape: Node) -> frozenset[str] | None:
    lists = list(graph.objects(shape, SH["in"]))
    if not lists:
        return None
    return frozenset(str(v) for v in Collection(graph, lists[0]))


def _own_schemes(graph: Graph, shape: Node) -> Iterator[str]:
    """Schemes a shape requires through its own ``skos:inScheme`` property shape."""
    for prop in graph.objects(shape, SH.property):
        if graph.value(prop, SH.path) == SKOS.inScheme:
            value = graph.value(prop, SH.hasValue)
            if value is not None:
                yield str(value)


# --- evaluating candidate values --------------------------------------------------------------

def allows(space: Space, value: Node, vocabularies: dict[str, codelists.Vocabulary]) -> bool | None:
    """Whether ``value`` fits this alternative; None when it cannot be decided offline."""
    if space.node_kind and not _kind_ok(space.node_kind, value):
        return False
    if space.datatypes and (
            not isinstance(value, Literal) or str(value.datatype or _xsd_string(value)) not in space.datatypes):
        return False
    for pattern in space.patterns:
        if isinstance(value, BNode) or not re.search(pattern, str(value)):
            return False
    if space.values is not None and str(value) not in space.values:
        return False
    if space.schemes:
        known = [vocabularies[s] for s in space.schemes if s in vocabularies]
        if not known:
            return None
        if not isinstance(value, URIRef) or not any(v.lookup(str(value)) for v in known):
            return False
    return True


def _xsd_string(value: Literal) -> str:
    if value.language:
        return "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
    return "http://www.w3.org/2001/XMLSchema#string"


def _kind_ok(kind: str, value: Node) -> bool:
    is_iri, is_blank, is_literal = isinstance(value, URIRef), isinstance(value, BNode), isinstance(value, Literal)
    return {
        "IRI": is_iri, "Literal": is_literal, "BlankNode": is_blank,
        "BlankNodeOrIRI": is_iri or is_blank, "IRIOrLiteral": is_iri or is_literal,
        "BlankNodeOrLiteral": is_blank or is_literal,
    }.get(kind, True)


def satisfied(alternatives: list[Space], value: Node, vocabularies: dict[str, codelists.Vocabulary]) -> bool:
    """True unless every alternative definitely rejects the value (unknown counts as allowed)."""
    if not alternatives:
        return True
    return any(allows(space, value, vocabularies) is not False for space in alternatives)


_PREFIX_STOP = set("[](){}*+?|$^")


def literal_prefixes(pattern: str) -> list[str]:
    """The fixed starts a pattern demands (``^https?://x/`` gives ``http://x/`` and ``https://x/``)."""
    if not pattern.startswith("^"):
        return []
    prefixes = [""]
    i = 1
    while i < len(pattern):
        char = pattern[i]
        if char == "\\" and i + 1 < len(pattern):
            prefixes = [p + pattern[i + 1] for p in prefixes]
            i += 2
            continue
        if char == "?" and prefixes and prefixes[0]:
            prefixes = [p[:-1] for p in prefixes] + prefixes
            i += 1
            continue
        if char in _PREFIX_STOP or char == ".":
            if char == "." and i + 1 < len(pattern) and pattern[i + 1] not in "*+?{":
                prefixes = [p + "." for p in prefixes]
                i += 1
                continue
            break
        if i + 1 < len(pattern) and pattern[i + 1] in "*{":
            break
        prefixes = [p + char for p in prefixes]
        i += 1
    return sorted({p for p in prefixes if p})


def candidates(value: Node, rule_spaces: Iterable[list[Space]],
               vocabularies: dict[str, codelists.Vocabulary]) -> list[Node]:
    """Plausible values a publisher could switch to: the value itself and its other forms.

    Other forms are published equivalences (``equivalents``), the other URI scheme, codes of a
    closed list or a code list close to the value's text, and the value under another datatype.
    A pattern's namespace with the value's last segment is no such form: GeoNames 173160 is not
    Kartverket's unit 173160.
    """
    found: list[Node] = [value, *equivalents.forms(value)]
    text = str(value)
    if isinstance(value, URIRef):
        for a, b in (("http://", "https://"), ("https://", "http://")):
            if text.startswith(a):
                found.append(URIRef(b + text[len(a):]))
    for alternatives in rule_spaces:
        for space in alternatives:
            for datatype in space.datatypes:
                found.append(Literal(text, datatype=URIRef(datatype)))
            if space.values is not None:
                found.extend(URIRef(v) for v in sorted(space.values)[:200])
            for scheme in space.schemes:
                vocab = vocabularies.get(scheme)
                if vocab is not None:
                    found.extend(URIRef(c.iri) for c in vocab.nearest(text, 5))
    unique: list[Node] = []
    for candidate in found:
        if candidate not in unique:
            unique.append(candidate)
    return unique
