"""The W3C SHACL validation report graph (sh:ValidationReport), Turtle, JSON-LD or RDF/XML.

For tools that already consume SHACL reports (pyshacl, TopBraid, SHACL playgrounds). Choices:

* ``sh:conforms`` keeps the SHACL meaning: true only when there is no result at all, whatever
  ``--fail-on`` says (the JSON report's ``conforms`` ignores warnings; SHACL does not).
* ``sh:sourceShape`` is the rule's shape IRI from the profile catalogue when the CLI passes it; without
  it, our generated shapes' IRIs are derived from the rule id (``layer:Local`` ->
  ``https://w3id.org/nordval/shapes/layer#Local``) and other rules get ``https://w3id.org/nordval/rules/<id>``.
* Findings that are not SHACL results (``input.*``, ``engine.error``, XSD) are still results, so one
  report holds everything: their focus node is the file name as a literal (a SHACL focus node may be
  any RDF term; a relative path is no IRI), their XPath is ``nv:xpath`` (not an RDF property path), and
  their constraint component is ``nv:InputConstraintComponent``, ``nv:EngineConstraintComponent`` or
  ``nv:XmlSchemaConstraintComponent``.
* Blank-node focus nodes and values are blank nodes; their stable nordval label is kept as
  ``nv:focusLabel``/``nv:valueLabel``, since a blank node's name cannot survive serialisation.
* A value is written as an IRI when it looks like an absolute IRI, else as a plain literal (findings
  carry values as text, so a string literal that spells an IRI is shown as an IRI).
* Every result also carries ``nv:rule``, ``nv:file`` and, when known, ``nv:line``, ``nv:column``,
  ``nv:graph``, ``nv:fix`` and ``rdfs:seeAlso``, so nothing of the JSON report is lost.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

from ..errors import NordvalError
from ..model import Finding, Report, Severity
from .rulecatalogue import by_id, minted_iri

if TYPE_CHECKING:
    from . import RenderContext

NV = Namespace("https://w3id.org/nordval/ns#")
SYNTAXES = {"turtle": "turtle", "json-ld": "json-ld", "xml": "xml"}
SEVERITIES = {Severity.ERROR: SH.Violation, Severity.WARNING: SH.Warning, Severity.INFO: SH.Info}
_ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$")


def _iri_like(text: str) -> bool:
    return bool(_ABSOLUTE_IRI.match(text)) and not text.startswith("_:")


def _term(text: str, label: str | None = None) -> Node:
    if text.startswith("_:"):
        return BNode(label or text[2:])
    if _iri_like(text):
        return URIRef(text)
    return Literal(text)


def component(finding: Finding) -> URIRef:
    """The constraint component IRI: SHACL's for SHACL findings, ours for the rest."""
    constraint = finding.constraint or ""
    if constraint.startswith("sh:") and len(constraint) > 3:
        local = constraint[3:]
        return SH[f"{local[:1].upper()}{local[1:]}ConstraintComponent"]
    if constraint == "xsd":
        return NV.XmlSchemaConstraintComponent
    if finding.rule == "engine.error":
        return NV.EngineConstraintComponent
    if finding.rule.startswith("input."):
        return NV.InputConstraintComponent
    return NV.UnknownConstraintComponent


def _add_path(graph: Graph, result: BNode, finding: Finding, label: str) -> None:
    path = finding.location.path
    if not path:
        return
    if finding.location.focus is None:
        graph.add((result, NV.xpath, Literal(path)))
    elif path.startswith("^") and _iri_like(path[1:]):
        inverse = BNode(f"{label}p")
        graph.add((result, SH.resultPath, inverse))
        graph.add((inverse, SH.inversePath, URIRef(path[1:])))
    elif _iri_like(path):
        graph.add((result, SH.resultPath, URIRef(path)))
    else:
        graph.add((result, NV.pathText, Literal(path)))


def report_graph(report: Report, context: RenderContext) -> Graph:
    """Build the report; blank-node ids are numbered so that serialisations are reproducible."""
    graph = Graph()
    for prefix, namespace in (("sh", SH), ("nv", NV), ("rdfs", RDFS), ("xsd", XSD)):
        graph.bind(prefix, namespace)
    known = by_id(context.rules)
    node = BNode("report")
    graph.add((node, RDF.type, SH.ValidationReport))
    graph.add((node, SH.conforms, Literal(not any(report.counts().values()))))  # also when --max-findings cut the list
    width = len(str(len(report.findings)))
    for number, finding in enumerate(report.findings, 1):
        label = f"r{number:0{width}d}"
        result = BNode(label)
        loc = finding.location
        rule = known.get(finding.rule)
        shape = rule.iri if rule is not None and _iri_like(rule.iri) else minted_iri(finding.rule, finding.layer)
        graph.add((node, SH.result, result))
        graph.add((result, RDF.type, SH.ValidationResult))
        if loc.focus:
            graph.add((result, SH.focusNode, _term(loc.focus, f"{label}f")))
            if loc.focus.startswith("_:"):
                graph.add((result, NV.focusLabel, Literal(loc.focus)))
        else:
            graph.add((result, SH.focusNode, Literal(loc.file)))
        _add_path(graph, result, finding, label)
        if loc.value is not None:
            graph.add((result, SH.value, _term(loc.value, f"{label}v")))
            if loc.value.startswith("_:"):
                graph.add((result, NV.valueLabel, Literal(loc.value)))
        graph.add((result, SH.resultSeverity, SEVERITIES[finding.severity]))
        graph.add((result, SH.sourceShape, URIRef(shape)))
        graph.add((result, SH.sourceConstraintComponent, component(finding)))
        graph.add((result, SH.resultMessage, Literal(finding.message)))
        graph.add((result, NV.rule, Literal(finding.rule)))
        graph.add((result, NV.file, Literal(loc.file)))
        if loc.line:
            graph.add((result, NV.line, Literal(loc.line)))
        if loc.column:
            graph.add((result, NV.column, Literal(loc.column)))
        if loc.graph:
            graph.add((result, NV.graph, _term(loc.graph, f"{label}g")))
        if finding.fix:
            graph.add((result, NV.fix, Literal(finding.fix)))
        if finding.see and _iri_like(finding.see):
            graph.add((result, RDFS.seeAlso, URIRef(finding.see)))
    return graph


def render(report: Report, context: RenderContext) -> str:
    syntax = SYNTAXES.get(context.report_syntax)
    if syntax is None:
        raise NordvalError(f"unknown report syntax {context.report_syntax!r}; use {', '.join(SYNTAXES)}")
    text = report_graph(report, context).serialize(format=syntax)
    return text if text.endswith("\n") else text + "\n"
