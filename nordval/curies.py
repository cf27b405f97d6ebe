"""Short names for the namespaces users read every day, for human-facing reports."""

from __future__ import annotations

PREFIXES: dict[str, str] = {
    "adms": "http://www.w3.org/ns/adms#",
    "cpsv": "http://purl.org/vocab/cpsv#",
    "cv": "http://data.europa.eu/m8g/",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dcatap": "http://data.europa.eu/r5r/",
    "dct": "http://purl.org/dc/terms/",
    "eli": "http://data.europa.eu/eli/ontology#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "locn": "http://www.w3.org/ns/locn#",
    "odrl": "http://www.w3.org/ns/odrl/2/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "schema": "http://schema.org/",
    "sh": "http://www.w3.org/ns/shacl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "spdx": "http://spdx.org/rdf/terms#",
    "time": "http://www.w3.org/2006/time#",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
_BY_LENGTH = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))


def curie(iri: str | None) -> str:
    """``dct:title`` for a known namespace, ``<iri>`` otherwise (``^`` kept for inverse paths)."""
    if iri is None:
        return ""
    inverse = iri.startswith("^")
    body = iri[1:] if inverse else iri
    for prefix, namespace in _BY_LENGTH:
        if body.startswith(namespace) and "/" not in body[len(namespace):]:
            short = f"{prefix}:{body[len(namespace):]}"
            return f"^{short}" if inverse else short
    if body.startswith("_:"):
        return body
    return f"^<{body}>" if inverse else f"<{body}>"
