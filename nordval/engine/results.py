"""The validation result both engines hand to nordval: one record, converted to a Finding in one place."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, URIRef
from rdflib.namespace import SH
from rdflib.term import Node


@dataclass(frozen=True)
class ShaclResult:
    """A top-level ``sh:result`` in rdflib terms: data nodes keep the input graph's identity."""

    focus: Node
    path: Node | None  # the sh:resultPath node (an IRI, or a blank node of the shapes graph)
    path_text: str | None
    value: Node | None
    shape: Node
    component: Node | None
    severity: Node | None
    engine_message: str | None  # sh:resultMessage; only used for shapes nordval has no text for


def path_text(graph: Graph, path: Node | None) -> str | None:
    """What a finding shows as its path: the IRI, ``^IRI`` for an inverse path, else the node."""
    if path is None:
        return None
    if isinstance(path, URIRef):
        return str(path)
    inverse = graph.value(path, SH.inversePath)
    if inverse is not None:
        return f"^{inverse}"
    return str(path)
