"""Published equivalences between code forms: the same referent written the way another profile wants.

``nordval fix`` rewrites along them and ``nordval gaps`` tries them before deciding that two
profiles conflict: a value is in conflict only if none of its own forms satisfies both. Each table
is a published mapping (the EU Licence NAL's Creative Commons codes, the ADMS status and DCAT-AP 2
availability successors, the two IANA namespaces, the File Type NAL's media types), never a guess.
"""

from __future__ import annotations

from rdflib import URIRef
from rdflib.term import Node

NAL = "http://publications.europa.eu/resource/authority/"
R5R = "http://data.europa.eu/r5r/"
CC = "http://creativecommons.org/"
IANA_FORMS = (
    "https://www.iana.org/assignments/media-types/",
    "http://www.iana.org/assignments/media-types/",
    "https://www.w3.org/ns/iana/media-types/",
)

CC_LICENCES = {
    f"{CC}publicdomain/zero/1.0/": "CC0",
    **{f"{CC}licenses/{kind}/{version}/": f"CC_{kind.upper().replace('-', '')}_{version.replace('.', '_')}"
       for kind in ("by", "by-sa", "by-nd", "by-nc", "by-nc-sa", "by-nc-nd")
       for version in ("1.0", "2.0", "2.5", "3.0", "4.0")},
}
CC_TO_NAL = {k: f"{NAL}licence/{v}" for k, v in CC_LICENCES.items()}
ADMS_TO_NAL = {
    "http://purl.org/adms/status/Completed": f"{NAL}distribution-status/COMPLETED",
    "http://purl.org/adms/status/Deprecated": f"{NAL}distribution-status/DEPRECATED",
    "http://purl.org/adms/status/UnderDevelopment": f"{NAL}distribution-status/DEVELOP",
    "http://purl.org/adms/status/Withdrawn": f"{NAL}distribution-status/WITHDRAWN",
}
AVAILABILITY = ("available", "experimental", "stable", "temporary")
R5R_TO_NAL = {
    **{f"{R5R}availability/{code}": f"{NAL}planned-availability/{code.upper()}" for code in AVAILABILITY},
    **{f"{R5R}{code}": f"{NAL}planned-availability/{code.upper()}" for code in AVAILABILITY},
}
NAL_TO_R5R = {f"{NAL}planned-availability/{code.upper()}": f"{R5R}availability/{code}" for code in AVAILABILITY}
# DCAT-AP 2.0.0 wrote the availability codes directly under r5r/, 2.0.1 moved them to r5r/availability/.
R5R_LEGACY = {f"{R5R}{code}": f"{R5R}availability/{code}" for code in AVAILABILITY}
MIME_TO_FILE_TYPE = {
    "text/csv": "CSV", "text/tab-separated-values": "TSV", "application/json": "JSON",
    "application/xml": "XML", "text/xml": "XML", "application/pdf": "PDF", "application/zip": "ZIP",
    "application/geo+json": "GEOJSON", "text/html": "HTML", "application/vnd.ms-excel": "XLS",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
    "application/vnd.oasis.opendocument.spreadsheet": "ODS", "application/rdf+xml": "RDF_XML",
    "text/turtle": "RDF_TURTLE", "application/ld+json": "JSON_LD", "application/n-triples": "RDF_N_TRIPLES",
    "text/plain": "TXT", "application/gml+xml": "GML", "application/geopackage+sqlite3": "GPKG",
    "image/tiff": "TIFF", "image/png": "PNG", "image/jpeg": "JPEG", "image/gif": "GIF",
    "application/vnd.google-earth.kml+xml": "KML", "application/x-netcdf": "NETCDF", "application/gzip": "GZIP",
    "application/x-tar": "TAR", "application/yaml": "YAML",
}
# The EU File Type NAL records each type's IANA registration; one file type may have several.
MEDIA_TYPE_TO_FILE_TYPE = {form + mime: f"{NAL}file-type/{code}"
                           for mime, code in MIME_TO_FILE_TYPE.items() for form in IANA_FORMS}
MAPPINGS: tuple[dict[str, str], ...] = (CC_TO_NAL, ADMS_TO_NAL, R5R_TO_NAL, NAL_TO_R5R, R5R_LEGACY,
                                        MEDIA_TYPE_TO_FILE_TYPE)


def swap(mapping: dict[str, str]) -> dict[str, str]:
    return {v: k for k, v in mapping.items()}


def media_type_forms(iri: str) -> list[str]:
    """The IANA media type IRI in each namespace form in use (empty if it is none of them)."""
    for form in IANA_FORMS:
        if iri.startswith(form):
            tail = iri[len(form):]
            return [other + tail for other in IANA_FORMS if other != form]
    return []


def forms(value: Node) -> list[URIRef]:
    """Other published forms of the same code (without the value itself)."""
    if not isinstance(value, URIRef):
        return []
    text = str(value)
    found = [mapping[text] for mapping in MAPPINGS if text in mapping]
    found += [k for mapping in MAPPINGS for k, v in mapping.items() if v == text]
    found += media_type_forms(text)
    return [URIRef(f) for f in dict.fromkeys(found) if f != text]
