"""Regenerate the Norwegian code-list snapshots ``nordval/vocabularies/no-*.json``.

DCAT-AP-NO uses a few national vocabularies next to the EU NALs: LOS (the theme vocabulary of
Norwegian public services, "BØR brukes i tillegg" on dcat:theme and dcat:themeTaxonomy),
Kartverket's administrative units (dct:spatial inside Norway), the Legal Resource Type list
(eli:LegalResource dct:type) and the Provenance Activity Type list (prov:wasGeneratedBy, v3).
nordval validates offline, so each ships as a JSON snapshot in the format of docs/shapes.md,
derived here from the reference copies under ``../shared/reference/dcat-ap-no`` so that every
snapshot can be traced to a public artefact and rebuilt byte for byte (concepts sorted by IRI,
one per line).

Usage: ``python scripts/build_vocabularies_no.py [--reference DIR] [--out DIR]``
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from build_vocabularies import LANGUAGES, Concept  # the shared snapshot format (run from scripts/)
from build_vocabularies import Vocabulary as BaseVocabulary
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, SH, SKOS
from rdflib.term import Node

REPO = Path(__file__).resolve().parents[1]
DEFAULT_REFERENCE = REPO.parent / "shared" / "reference"
DEFAULT_OUT = REPO / "nordval" / "vocabularies"


FDK = "Informasjonsforvaltning/fdk-reference-data@55830c3820a6a7fc3d6347c7c0030c67f9c98c31"
NO_SHACL = "Informasjonsforvaltning/dcat-ap-no@f7dbf40720dd01cc5fb0a95bc59f1de00a4d1922"
LOS_FILE = "dcat-ap-no/vocabularies/los.rdf"
UNITS_FILE = "dcat-ap-no/vocabularies/administrative-enheter.ttl"
LEGAL_FILE = "dcat-ap-no/vocabularies/legal-resource-type.ttl"
RANGE_SHAPES = "dcat-ap-no/shacl/v3-draft/dcatapno3-range-shapes.ttl"
DCATAP2_RDF = "dcat-ap-2/vocabulary/dcat-ap_2.0.1.rdf"
SEMIC = "SEMICeu/DCAT-AP@7c531da7f154794da620fd0e57a3e8afe0286c0f"

LOS = "https://psi.norge.no/los/"
UNITS = "https://data.geonorge.no/administrativeEnheter"
LEGAL = "https://data.norge.no/vocabulary/legal-resource-type"
ACTIVITY = "https://data.norge.no/vocabulary/provenance-activity-type"
AVAILABILITY_2 = "http://data.europa.eu/r5r/availability/1.0"
NORWAY_UNIT = f"{UNITS}/nasjon/id/173163"
LICENCE_FDK = "Copied from a repository under Apache-2.0; the vocabulary keeps its publisher's terms."

NORSK = Namespace("https://data.norge.no/vocabulary/dcatno/shacl/ranges#")


@dataclass(frozen=True)
class Vocabulary(BaseVocabulary):
    """A snapshot whose concepts are written sorted by IRI (the builders below collect them unsorted)."""

    def render(self) -> str:
        return BaseVocabulary.render(replace(self, concepts=sorted(self.concepts, key=lambda c: c.iri)))


def labels_of(graph: Graph, subject: Node, predicate: URIRef = SKOS.prefLabel) -> dict[str, str]:
    """Language-tagged labels; the smallest per language, so repeated labels stay deterministic."""
    found: dict[str, list[str]] = {}
    for value in graph.objects(subject, predicate):
        if isinstance(value, Literal) and value.language and str(value).strip():
            found.setdefault(value.language.lower(), []).append(str(value).strip())
    return {lang: sorted(texts)[0] for lang, texts in found.items() if lang in LANGUAGES}


def build_los(reference: Path) -> list[Vocabulary]:
    """LOS: one snapshot per concept scheme (themes, words, life events), as the source declares them."""
    graph = Graph().parse(reference / LOS_FILE, format="xml")
    parts = (
        ("no-los-tema", "tema", "LOS themes (tema)"),
        ("no-los-ord", "ord", "LOS words (ord)"),
        ("no-los-hendelse", "hendelse", "LOS life events (hendelse)"),
    )
    out = []
    for vocab_id, part, title in parts:
        scheme = f"{LOS}ontologi/{part}"
        concepts = [
            Concept(str(c), str(c).rsplit("/", 1)[-1], labels=labels_of(graph, c))
            for c in graph.subjects(SKOS.inScheme, URIRef(scheme))
            if isinstance(c, URIRef) and (c, RDF.type, SKOS.Concept) in graph
        ]
        if not concepts:
            raise SystemExit(f"{LOS_FILE}: no concepts in {scheme}")
        out.append(Vocabulary(
            id=vocab_id,
            scheme=scheme,
            title=title,
            version=FDK.rsplit("@", 1)[1][:12],
            date=None,
            source=f"LOS (Digdir), concept scheme {scheme}: {len(concepts)} concepts from the copy in "
            f"{FDK}:src/test/resources/los.rdf; the copy states no version or date.",
            licence=LICENCE_FDK,
            concepts=concepts,
        ))
    return out


def build_units(reference: Path) -> Vocabulary:
    """Kartverket's administrative units (nation, counties, municipalities) as ``dct:Location`` IRIs.

    The source declares no concept scheme; nordval uses the namespace IRI as the scheme so that the
    units get a ``skos:inScheme`` like every other code list.  Names are Norwegian place names.
    """
    graph = Graph().parse(reference / UNITS_FILE, format="turtle")
    concepts = []
    for unit in graph.subjects(RDF.type, DCTERMS.Location):
        if not isinstance(unit, URIRef) or not str(unit).startswith(UNITS + "/"):
            continue
        identifier = graph.value(unit, DCTERMS.identifier)
        title = graph.value(unit, DCTERMS.title)
        labels = {"no": str(title).strip()} if title is not None else {}
        concepts.append(Concept(str(unit), str(identifier or str(unit).rsplit("/", 1)[-1]), labels=labels))
    if not any(c.iri == NORWAY_UNIT for c in concepts):
        raise SystemExit(f"{UNITS_FILE}: the unit for Norway ({NORWAY_UNIT}) is missing")
    return Vocabulary(
        id="no-administrative-units",
        scheme=UNITS,
        title="Kartverket administrative units (nasjon, fylke, kommune)",
        version=FDK.rsplit("@", 1)[1][:12],
        date=None,
        source=f"Kartverket administrative units: {len(concepts)} units from the copy in "
        f"{FDK}:src/main/resources/rdf/administrative-enheter.ttl; the copy states no version or "
        "date and no concept scheme (nordval uses the namespace IRI as the scheme).",
        licence=LICENCE_FDK,
        concepts=concepts,
    )


def build_legal(reference: Path) -> Vocabulary:
    graph = Graph().parse(reference / LEGAL_FILE, format="turtle")
    scheme = URIRef(LEGAL)
    concepts = [
        Concept(str(c), str(c).rsplit("#", 1)[-1], labels=labels_of(graph, c))
        for c in graph.subjects(SKOS.inScheme, scheme)
        if isinstance(c, URIRef)
    ]
    modified = graph.value(scheme, DCTERMS.modified)
    return Vocabulary(
        id="no-legal-resource-type",
        scheme=LEGAL,
        title="Legal resource type (Digdir)",
        version=str(modified) if modified is not None else None,
        date=str(modified) if modified is not None else None,
        source=f"Digdir Legal resource type vocabulary, dct:modified {modified}: {len(concepts)} concepts "
        f"from the copy in {FDK}:src/test/resources/legal-resource-type.ttl.",
        licence=LICENCE_FDK,
        concepts=concepts,
    )


def build_activity(reference: Path) -> Vocabulary:
    """Provenance Activity Type: no published SKOS file exists; the codes are the ones the
    DCAT-AP-NO v3 draft range shapes list for prov:wasGeneratedBy (an ``sh:in`` list)."""
    graph = Graph().parse(reference / RANGE_SHAPES, format="turtle")
    shape = NORSK["hasShapeCVPattern-provWasGeneratedBy"]
    members = graph.value(shape, SH["in"])
    if members is None:
        raise SystemExit(f"{RANGE_SHAPES}: no sh:in list on {shape}")
    codes = [str(node) for node in graph.items(members) if str(node).startswith(ACTIVITY + "#")]
    concepts = [Concept(code, code.rsplit("#", 1)[-1]) for code in codes]
    return Vocabulary(
        id="no-provenance-activity-type",
        scheme=ACTIVITY,
        title="Provenance activity type (Digdir)",
        version="3.000",
        date="2025-01-30",
        source=f"The {len(concepts)} codes listed by the DCAT-AP-NO v3 draft range shapes "
        f"(dcat:version 3.000, dct:modified 2025-01-30; {NO_SHACL}:shacl/dcatapno3-range-shapes.ttl, "
        "shape hasShapeCVPattern-provWasGeneratedBy); no SKOS edition of the vocabulary was found, "
        "so the snapshot has no labels.",
        licence="Codes taken from a specification repository under Apache-2.0.",
        concepts=concepts,
    )


def build_availability_2(reference: Path) -> Vocabulary:
    """DCAT-AP 2.0's own availability levels, which DCAT-AP-NO 2.2 still prescribes.

    The DCAT-AP 2.0.1 RDF names each level twice: the scheme's top concepts are
    ``.../r5r/availability/<level>`` while the concept descriptions use ``.../r5r/<level>`` (the
    form the Norwegian specification's example uses).  Both forms are members here.
    """
    graph = Graph().parse(reference / DCATAP2_RDF, format="xml")
    scheme = URIRef(AVAILABILITY_2)
    concepts: dict[str, Concept] = {}
    for concept in graph.subjects(SKOS.inScheme, scheme):
        level = str(graph.value(concept, DCTERMS.identifier))
        labels = labels_of(graph, concept)
        concepts[str(concept)] = Concept(str(concept), level, labels=labels)
    for top in graph.objects(scheme, SKOS.hasTopConcept):
        level = str(top).rsplit("/", 1)[-1]
        twin = next((c for c in concepts.values() if c.notation == level), None)
        concepts.setdefault(str(top), Concept(str(top), level, labels=dict(twin.labels) if twin else {}))
    if len({c.notation for c in concepts.values()}) != 4:
        raise SystemExit(f"{DCATAP2_RDF}: expected the four availability levels")
    return Vocabulary(
        id="no-r5r-availability",
        scheme=AVAILABILITY_2,
        title="DCAT-AP 2.0 availability levels (prescribed by DCAT-AP-NO 2.2)",
        version="1.0",
        date=None,
        source=f"DCAT-AP 2.0.1 RDF publication ({SEMIC}:releases/2.0.1/dcat-ap_2.0.1.rdf), concept scheme "
        f"{AVAILABILITY_2}: the four levels, each under both IRIs the file uses ({len(concepts)} IRIs).",
        licence="Copyright European Union (SEMIC); the DCAT-AP repository and this RDF publication state CC BY 4.0.",
        concepts=list(concepts.values()),
    )


def build_all(reference: Path) -> list[Vocabulary]:
    return [*build_los(reference), build_units(reference), build_legal(reference), build_activity(reference),
            build_availability_2(reference)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE, help="shared reference folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    args = parser.parse_args(argv)
    if not (args.reference / "dcat-ap-no").is_dir():
        print(f"{args.reference}/dcat-ap-no not found", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    for vocabulary in build_all(args.reference):
        target = args.out / f"{vocabulary.id}.json"
        text = vocabulary.render()
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
