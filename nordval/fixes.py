"""``nordval fix``: safe, mechanical migrations towards a target profile, every change listed.

A rewrite is applied only when it has one correct answer: the old value breaks the target's
value-space rules, the replacement satisfies them, and the mapping is a published equivalence
(Creative Commons URI -> EU Licence NAL, ADMS status -> EU Distribution Status, ...). Nothing
is invented: missing titles, themes or contact points stay as gaps in the summary.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, XSD
from rdflib.term import Node

from . import codelists
from . import equivalents as eq
from .profiles import ResolvedProfile
from .profiles import valuespace as vs

NAL = eq.NAL
R5R = eq.R5R
MISTYPED_PROPERTIES = {
    "http://data.europa.eu/r5ravailability": f"{R5R}availability",
    "http://data.europa.eu/r5rapplicableLegislation": f"{R5R}applicableLegislation",
}


@dataclass(frozen=True)
class Change:
    """One rewrite: what was there, what is there now, and why."""

    subject: str
    property: str
    old: str
    new: str
    reason: str


Triple = tuple[Node, Node, Node]
Proposal = tuple[Triple, list[Triple], str]


def _value_mapping(path: URIRef, mapping: dict[str, str], reason: str) -> Callable[[Graph], Iterator[Proposal]]:
    def propose(graph: Graph) -> Iterator[Proposal]:
        for s, o in graph.subject_objects(path):
            new = mapping.get(str(o))
            if new is not None:
                yield (s, path, o), [(s, path, URIRef(new))], reason
    return propose


def _format_literals(graph: Graph) -> Iterator[Proposal]:
    for s, o in graph.subject_objects(DCTERMS.format):
        if isinstance(o, Literal):
            mime = str(o).strip().lower()
            code = eq.MIME_TO_FILE_TYPE.get(mime)
            if code is None:
                continue
            file_type = (s, DCTERMS.format, URIRef(f"{NAL}file-type/{code}"))
            if graph.value(s, DCAT.mediaType) is not None or (s, RDF.type, DCAT.DataService) in graph:
                yield (s, DCTERMS.format, o), [file_type], (
                    f"the MIME type {mime} as a literal becomes the EU file type {code}")
                continue
            # The first IANA form the target accepts is written (the proposals are tried in order).
            for form in eq.IANA_FORMS:
                yield (s, DCTERMS.format, o), [file_type, (s, DCAT.mediaType, URIRef(form + mime))], (
                    f"the MIME type {mime} as a literal becomes the EU file type {code}, "
                    "and the MIME type moves to dcat:mediaType")


def _media_types(graph: Graph) -> Iterator[Proposal]:
    for s, o in graph.subject_objects(DCAT.mediaType):
        for other in eq.media_type_forms(str(o)):
            yield (s, DCAT.mediaType, o), [(s, DCAT.mediaType, URIRef(other))], (
                "the IANA media type IRI takes the namespace form the target profile requires")


def _geonames(graph: Graph) -> Iterator[Proposal]:
    for s, o in graph.subject_objects(DCTERMS.spatial):
        text = str(o)
        for old, new in (("https://sws.geonames.org/", "http://sws.geonames.org/"),
                         ("http://sws.geonames.org/", "https://sws.geonames.org/")):
            if text.startswith(old):
                yield (s, DCTERMS.spatial, o), [(s, DCTERMS.spatial, URIRef(new + text[len(old):]))], (
                    "the GeoNames IRI takes the scheme (http/https) the target profile requires")


def _byte_size(graph: Graph) -> Iterator[Proposal]:
    for s, o in graph.subject_objects(DCAT.byteSize):
        if not isinstance(o, Literal):
            continue
        text = str(o).strip()
        if o.datatype == XSD.decimal and text.replace(".0", "", 1).isdigit() and float(text).is_integer():
            new = Literal(str(int(float(text))), datatype=XSD.nonNegativeInteger)
        elif o.datatype in (XSD.nonNegativeInteger, XSD.integer) and text.isdigit():
            new = Literal(text, datatype=XSD.decimal)
        else:
            continue
        yield (s, DCAT.byteSize, o), [(s, DCAT.byteSize, new)], (
            f"the byte size keeps its value with the datatype the target profile requires ({new.datatype})")


FIXERS: tuple[Callable[[Graph], Iterator[Proposal]], ...] = (
    _value_mapping(DCTERMS.license, eq.CC_TO_NAL,
                   "the Creative Commons URI becomes the equivalent EU Licence NAL IRI"),
    _value_mapping(DCTERMS.license, eq.swap(eq.CC_TO_NAL),
                   "the EU Licence NAL IRI becomes the equivalent Creative Commons URI"),
    _value_mapping(URIRef("http://www.w3.org/ns/adms#status"), eq.ADMS_TO_NAL,
                   "the ADMS status becomes the equivalent EU Distribution Status code"),
    _value_mapping(URIRef("http://www.w3.org/ns/adms#status"), eq.swap(eq.ADMS_TO_NAL),
                   "the EU Distribution Status code becomes the equivalent ADMS status"),
    _value_mapping(URIRef(f"{R5R}availability"), eq.R5R_TO_NAL,
                   "the DCAT-AP 2.0 availability IRI becomes the EU Planned Availability code"),
    _value_mapping(URIRef(f"{R5R}availability"), eq.NAL_TO_R5R,
                   "the EU Planned Availability code becomes the DCAT-AP 2.0 availability IRI"),
    _format_literals,
    _media_types,
    _geonames,
    _byte_size,
)


def _accepted(graph: Graph, target: ResolvedProfile, old: Triple, new: list[Triple],
              vocabularies: dict[str, codelists.Vocabulary]) -> bool:
    """The old value breaks the target's value rules and every new value satisfies them."""
    subject = old[0]
    classes = {str(c) for c in graph.objects(subject, RDF.type)}

    def ok(triple: Triple) -> bool:
        _s, p, o = triple
        rules = [r for r in target.active_rules()
                 if r.path == str(p) and (not r.classes or not classes or set(r.classes) & classes)]
        return all(vs.satisfied(target.value_spaces(r.iri), o, vocabularies) for r in rules)

    return not ok(old) and all(ok(t) for t in new)


def fix(graph: Graph, target: ResolvedProfile) -> tuple[Graph, list[Change]]:
    """A rewritten copy of ``graph`` and the list of changes made for ``target``."""
    vocabularies: dict[str, codelists.Vocabulary] = {}
    vocabularies.update(codelists.by_scheme(target.vocabularies))
    result = Graph()
    for prefix, namespace in graph.namespaces():
        result.bind(prefix, namespace, override=False)
    result += graph
    changes: list[Change] = []
    for s, p, o in list(result):
        new_p = MISTYPED_PROPERTIES.get(str(p))
        if new_p is not None:
            result.remove((s, p, o))
            result.add((s, URIRef(new_p), o))
            changes.append(Change(str(s), str(p), str(o), f"{new_p} {o}",
                                  f"the property IRI {p} is a typo for {new_p} (missing '/')"))
    for fixer in FIXERS:
        for old, new, reason in list(fixer(result)):
            if old not in result or not _accepted(result, target, old, new, vocabularies):
                continue
            result.remove(old)
            for triple in new:
                result.add(triple)
            changes.append(Change(str(old[0]), str(old[1]), _show(old[2]), ", ".join(_show(t[2]) for t in new), reason))
    changes.sort(key=lambda c: (c.subject, c.property, c.old))
    return result, changes


def _show(node: Node) -> str:
    if isinstance(node, Literal):
        return node.n3()
    return str(node)
