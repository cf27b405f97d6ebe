"""Regenerate the offline code-list snapshots in ``nordval/vocabularies/``.

nordval validates fully offline, so every controlled vocabulary a shape refers to ships as a
small JSON snapshot (format: ``docs/shapes.md``, section "Code lists"). This script derives those
snapshots from the reference copies under ``../shared/reference`` so that a snapshot can always be
traced to, and rebuilt from, a public artefact. Output is deterministic: concepts are sorted by
IRI and written one per line, so a vocabulary update shows up as a readable diff.

Usage: ``python scripts/build_vocabularies.py [--reference DIR] [--out DIR]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DC, DCTERMS, OWL, RDF, SKOS

REPO = Path(__file__).resolve().parents[1]
DEFAULT_REFERENCE = REPO.parent / "shared" / "reference"
DEFAULT_OUT = REPO / "nordval" / "vocabularies"

AT = Namespace("http://publications.europa.eu/ontology/authority/")
EUVOC = Namespace("http://publications.europa.eu/ontology/euvoc#")
NAL = "http://publications.europa.eu/resource/authority/"
IANA = "https://www.iana.org/assignments/media-types"
SPDX = "http://spdx.org/rdf/terms#"

# Label languages kept, in output order: the EU lingua franca plus the Nordic/Baltic languages
# nordval reports in. Everything else is dropped to keep the snapshots small.
LANGUAGES: tuple[str, ...] = ("en", "no", "nb", "nn", "sv", "da", "fi", "is", "et", "lv", "lt")
MAX_BYTES = 2 * 1024 * 1024

_FDK = "Informasjonsforvaltning/fdk-reference-data@55830c3820a6a7fc3d6347c7c0030c67f9c98c31"
_SHACL = "SEMICeu/dcat-ap_shacl@07a19dde14ca162a8396172538dc7dbc00aab07e"
_MIRROR = "ioggstream/dati-eu-authority-tables@4c2e65b6346f8c4ba2dfff5db4b611e26d08f07e"
_EFORMS = "OP-TED/eForms-SDK@3242fbf7c703810ce36eb797c467b54ce6ae7f0f (branch develop)"

_E17 = "dcat-ap-3/vocabularies/eu-nal-2017/"
_FDKX = "dcat-ap-3/vocabularies/fdk-excerpts/"
_EUV = "eu-vocabularies/"
_CPSVNO = "cpsv-ap-no/vocabularies/"

# Reference file (relative to --reference) -> the public artefact it was taken from (see the
# SOURCE.md next to each file). Kept here so every snapshot's "source" names its origin.
ORIGINS: dict[str, str] = {
    **{
        _E17 + name: f"OP SKOS export in {_SHACL}:resources/{name}"
        for name in ("data-theme-skos-ap-act.rdf", "frequencies-skos-ap-act.rdf", "continents-skos-ap-act.rdf")
    },
    _E17 + "ADMS_SKOS_v1.00.rdf": f"ADMS 1.00 SKOS file in {_SHACL}:resources/ADMS_SKOS_v1.00.rdf",
    **{
        _FDKX + name: f"SPARQL-result excerpt in {_FDK}:src/test/resources/{name}"
        for name in (
            "access-right-sparql-result.ttl",
            "data-theme-sparql-result.ttl",
            "dataset-types-sparql-result.ttl",
            "distribution-status-sparql-result.ttl",
            "frequencies-sparql-result.ttl",
            "licences-sparql-result.ttl",
            "planned-availability-sparql-result.ttl",
        )
    },
    _FDKX + "high-value-categories.ttl": f"excerpt in {_FDK}:src/test/resources/high-value-categories.ttl",
    _FDKX + "media-types.ttl": f"IANA media-type list in {_FDK}:src/test/resources/media-types.ttl",
    _EUV + "filetypes-skos-20230315-0.rdf": (
        "OP SKOS export in Sebastiano-G/NL2SPARQL@02f325feaae9ef49a9bff7733e4579c3b0625d6f:filetypes-skos.rdf"
    ),
    _EUV + "countries-skos-20221214-0.rdf": (
        "OP SKOS export in europarl/open-data-beta-testing@6a0700279a894f28e83a9868e2ef2aa898c921ac:"
        "controlled-vocabularies/countries-skos.rdf"
    ),
    _EUV + "language-20220928-0.derived.ttl": (
        f"unofficial OP-table mirror {_MIRROR}:assets/vocabularies/languages/20220928-0/languages.ttl"
    ),
    _EUV + "corporate-body-20220928-0.derived.ttl": (
        f"unofficial OP-table mirror {_MIRROR}:assets/vocabularies/corporatebodies/20220928-0/corporatebodies.ttl"
    ),
    _EUV + "place-20220928-0.derived.ttl": (
        f"unofficial OP-table mirror {_MIRROR}:assets/vocabularies/places/20220928-0/places.csv"
    ),
    **{
        f"{_EUV}{name}-20260617-0.eforms-subset.derived.ttl": f"eForms code list {_EFORMS}:codelists/{name}.gc"
        for name in ("language", "country", "corporate-body")
    },
    **{
        f"{_CPSVNO}{name}.ttl": f"Digdir vocabulary https://data.norge.no/vocabulary/{name}, copy in "
        f"{_FDK}:src/test/resources/{name}.ttl"
        for name in ("service-channel-type", "evidence-type", "role-type")
    },
    _EUV + "iana-media-types.txt": (
        "jshttp/mime-db@c03ddfcab556ab61768dd77d9c52b8fbdb17b4dc:src/iana-types.json "
        "(regenerated from the IANA registry by commit 27f4b920cbade9817f37814dbec5e4d3930e025f)"
    ),
}

_OP = "(c) European Union, Publications Office (EU Vocabularies); reuse per Commission Decision 2011/833/EU"
LICENCE_FDK = f"{_OP}. Excerpt taken from a repository under Apache-2.0."
LICENCE_SHACL = f"{_OP}. Copy taken from a repository that states no licence."


@dataclass
class Concept:
    """One code of a list, in the shape the JSON snapshot stores it."""

    iri: str
    notation: str
    deprecated: bool = False
    labels: dict[str, str] = field(default_factory=dict)

    def line(self) -> str:
        """Serialise on one line so that each code is one diff line."""
        labels = {lang: self.labels[lang] for lang in LANGUAGES if lang in self.labels}
        record = {"iri": self.iri, "notation": self.notation, "deprecated": self.deprecated, "labels": labels}
        return json.dumps(record, ensure_ascii=False)


@dataclass
class Snapshot:
    """Concepts read from one source file, with the vocabulary version that file states."""

    concepts: dict[str, Concept]
    version: str | None
    origin: str


@dataclass(frozen=True)
class Vocabulary:
    """Everything written to one ``<id>.json`` file."""

    id: str
    scheme: str
    title: str
    version: str | None
    date: str | None
    source: str
    licence: str
    concepts: list[Concept]
    match: str = "exact"

    def render(self) -> str:
        """Hand-assemble the JSON: header keys one per line, then one concept per line."""
        head = {
            "id": self.id,
            "scheme": self.scheme,
            "title": self.title,
            "version": self.version,
            "date": self.date,
            "source": self.source,
            "licence": self.licence,
            "match": self.match,
        }
        lines = [f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}" for key, value in head.items()]
        body = ",\n".join(" " + concept.line() for concept in self.concepts)
        return "{" + ",\n ".join(lines) + ',\n "concepts": [\n' + body + "\n ]}\n"


@dataclass(frozen=True)
class NalSpec:
    """How to build one EU NAL snapshot: a base file, then files that complete it."""

    id: str
    scheme: str
    title: str
    base: str
    licence: str
    extras: tuple[str, ...] = ()


def nal_date(version: str | None) -> str | None:
    """Turn an OP version such as ``20220928-0`` into ``2022-09-28``; None when not a date."""
    match = re.fullmatch(r"(\d{4})(\d{2})(\d{2})-\d+", version or "")
    if not match:
        return None
    return dt.date(*(int(part) for part in match.groups())).isoformat()


def parse_graph(path: Path) -> Graph:
    """Parse RDF/XML or Turtle by file extension (the reference files are one or the other)."""
    graph = Graph()
    graph.parse(path, format="xml" if path.suffix == ".rdf" else "turtle")
    return graph


def _first_literal(graph: Graph, subject: URIRef, *predicates: URIRef) -> str | None:
    """Smallest literal of the first predicate that has one, so repeated values stay deterministic."""
    for predicate in predicates:
        values = sorted(
            str(o).strip() for o in graph.objects(subject, predicate) if isinstance(o, Literal) and str(o).strip()
        )
        if values:
            return values[0]
    return None


def _is_deprecated(graph: Graph, concept: URIRef) -> bool:
    """OP exports say it three ways: ``at:deprecated "true"``, ``owl:deprecated``, euvoc status."""
    for predicate in (AT.deprecated, OWL.deprecated):
        if any(str(o).strip().lower() == "true" for o in graph.objects(concept, predicate)):
            return True
    return any(str(o).endswith("/concept-status/DEPRECATED") for o in graph.objects(concept, EUVOC.status))


def concepts_in_scheme(graph: Graph, scheme: str) -> dict[str, Concept]:
    """Read every ``skos:inScheme`` member with notation, deprecation and kept labels."""
    concepts: dict[str, Concept] = {}
    for subject in set(graph.subjects(SKOS.inScheme, URIRef(scheme))):
        if not isinstance(subject, URIRef):
            continue
        iri = str(subject)
        notation = (
            _first_literal(graph, subject, SKOS.notation, AT["authority-code"], DC.identifier)
            or re.split(r"[/#]", iri)[-1]
        )
        labels: dict[str, str] = {}
        for label in graph.objects(subject, SKOS.prefLabel):
            if isinstance(label, Literal) and label.language in LANGUAGES and str(label).strip():
                lang = label.language
                text = str(label).strip()
                labels[lang] = min(text, labels.get(lang, text))
        concepts[iri] = Concept(iri, notation, _is_deprecated(graph, subject), labels)
    return concepts


def scheme_version(graph: Graph, scheme: str) -> str | None:
    """The NAL version from ``owl:versionInfo`` (or OP's ``at:table.version.number``)."""
    return _first_literal(graph, URIRef(scheme), OWL.versionInfo, AT["table.version.number"])


def load_skos(reference: Path, name: str, scheme: str) -> Snapshot:
    """Read one reference file as a snapshot of ``scheme``; fail loudly if it has no concepts."""
    graph = parse_graph(reference / name)
    concepts = concepts_in_scheme(graph, scheme)
    if not concepts:
        raise SystemExit(f"{name}: no concepts in scheme {scheme}")
    return Snapshot(concepts, scheme_version(graph, scheme), ORIGINS[name])


def complete(base: Snapshot, extra: Snapshot) -> tuple[list[str], int]:
    """Add ``extra``'s missing concepts and label languages to ``base`` (base wins on conflicts).

    Deprecation is OR-ed: an older source that knows a code is deprecated is not overruled by a
    newer excerpt that simply carries no deprecation column. Returns (added notations, labels filled).
    """
    added: list[str] = []
    filled = 0
    for iri in sorted(extra.concepts):
        other = extra.concepts[iri]
        mine = base.concepts.get(iri)
        if mine is None:
            base.concepts[iri] = Concept(iri, other.notation, other.deprecated, dict(other.labels))
            added.append(other.notation)
            continue
        mine.deprecated = mine.deprecated or other.deprecated
        for lang, text in other.labels.items():
            if lang not in mine.labels:
                mine.labels[lang] = text
                filled += 1
    return added, filled


def build_nal(reference: Path, spec: NalSpec) -> Vocabulary:
    """Base file first, completed by the extra files; the source text says what came from where."""
    base = load_skos(reference, spec.base, spec.scheme)
    base_count = len(base.concepts)
    notes = [f"EU NAL {spec.scheme} version {base.version}: {base_count} concepts from the {base.origin}"]
    for name in spec.extras:
        extra = load_skos(reference, name, spec.scheme)
        added, filled = complete(base, extra)
        what = (
            f"added {len(added)} concept(s) only it has ({', '.join(added)})"
            if added
            else "no concepts missing from the base"
        )
        notes.append(
            f"completed from version {extra.version} ({len(extra.concepts)} concepts, "
            f"{extra.origin}): {what}; {filled} missing labels filled"
        )
    if len(base.concepts) != base_count:
        notes.append(f"total {len(base.concepts)} concepts; 'version' is the base's")
    return Vocabulary(
        id=spec.id,
        scheme=spec.scheme,
        title=spec.title,
        version=base.version,
        date=nal_date(base.version),
        source="; ".join(notes) + ".",
        licence=spec.licence,
        concepts=sorted(base.concepts.values(), key=lambda c: c.iri),
    )


_EFORMS_LICENCE = (
    f"{_OP}. The 2022 list comes from a BSD-3-Clause mirror; the eForms additions from the eForms SDK (CC BY 4.0)."
)

NALS: tuple[NalSpec, ...] = (
    NalSpec(
        "eu-data-theme",
        NAL + "data-theme",
        "EU Data Theme NAL",
        _FDKX + "data-theme-sparql-result.ttl",
        LICENCE_FDK,
        (_E17 + "data-theme-skos-ap-act.rdf",),
    ),
    NalSpec(
        "eu-file-type",
        NAL + "file-type",
        "EU File Type NAL",
        _EUV + "filetypes-skos-20230315-0.rdf",
        f"{_OP}. Unmodified OP export found in a repository that states no licence.",
    ),
    NalSpec(
        "eu-frequency",
        NAL + "frequency",
        "EU Frequency NAL",
        _FDKX + "frequencies-sparql-result.ttl",
        LICENCE_FDK,
        (_E17 + "frequencies-skos-ap-act.rdf",),
    ),
    NalSpec(
        "eu-access-right",
        NAL + "access-right",
        "EU Access Right NAL",
        _FDKX + "access-right-sparql-result.ttl",
        LICENCE_FDK,
    ),
    NalSpec(
        "eu-planned-availability",
        NAL + "planned-availability",
        "EU Planned Availability NAL",
        _FDKX + "planned-availability-sparql-result.ttl",
        LICENCE_FDK,
    ),
    NalSpec(
        "eu-distribution-status",
        NAL + "distribution-status",
        "EU Distribution Status NAL",
        _FDKX + "distribution-status-sparql-result.ttl",
        LICENCE_FDK,
    ),
    NalSpec(
        "eu-dataset-type",
        NAL + "dataset-type",
        "EU Dataset Type NAL",
        _FDKX + "dataset-types-sparql-result.ttl",
        LICENCE_FDK,
    ),
    NalSpec("eu-licence", NAL + "licence", "EU Licence NAL", _FDKX + "licences-sparql-result.ttl", LICENCE_FDK),
    NalSpec(
        "eu-language",
        NAL + "language",
        "EU Language NAL",
        _EUV + "language-20220928-0.derived.ttl",
        _EFORMS_LICENCE,
        (_EUV + "language-20260617-0.eforms-subset.derived.ttl",),
    ),
    NalSpec(
        "eu-country",
        NAL + "country",
        "EU Country NAL",
        _EUV + "countries-skos-20221214-0.rdf",
        f"{_OP}. The 2022 list comes from a European Parliament repository (EP legal notice); "
        "the eForms additions from the eForms SDK (CC BY 4.0).",
        (_EUV + "country-20260617-0.eforms-subset.derived.ttl",),
    ),
    NalSpec(
        "eu-place",
        NAL + "place",
        "EU Place NAL",
        _EUV + "place-20220928-0.derived.ttl",
        f"{_OP}. Taken from a BSD-3-Clause mirror.",
    ),
    NalSpec("eu-continent", NAL + "continent", "EU Continent NAL", _E17 + "continents-skos-ap-act.rdf", LICENCE_SHACL),
    NalSpec(
        "eu-corporate-body",
        NAL + "corporate-body",
        "EU Corporate Body NAL",
        _EUV + "corporate-body-20220928-0.derived.ttl",
        _EFORMS_LICENCE,
        (_EUV + "corporate-body-20260617-0.eforms-subset.derived.ttl",),
    ),
)


def build_hvd(reference: Path) -> Vocabulary:
    """HVD categories: the scheme IRI is the one the FDK excerpt itself uses for ``skos:inScheme``."""
    name = _FDKX + "high-value-categories.ttl"
    graph = parse_graph(reference / name)
    schemes = {str(o) for o in graph.objects(None, SKOS.inScheme)}
    if len(schemes) != 1:
        raise SystemExit(f"{name}: expected one scheme, found {sorted(schemes)}")
    scheme = schemes.pop()
    snap = load_skos(reference, name, scheme)
    return Vocabulary(
        id="eu-hvd-category",
        scheme=scheme,
        title="EU High-value dataset categories (Regulation (EU) 2023/138)",
        version=snap.version,
        date=None,
        source=f"EU Vocabularies HVD category scheme, version {snap.version} as stated in the "
        f"{snap.origin}; {len(snap.concepts)} concepts; no release date in the source.",
        licence=LICENCE_FDK,
        concepts=sorted(snap.concepts.values(), key=lambda c: c.iri),
    )


ADMS_SCHEMES: tuple[tuple[str, str, str], ...] = (
    ("adms-publisher-type", "http://purl.org/adms/publishertype/1.0", "ADMS Publisher Type"),
    ("adms-licence-type", "http://purl.org/adms/licencetype/1.0", "ADMS Licence Type"),
    ("adms-status", "http://purl.org/adms/status/1.0", "ADMS Status"),
)


def build_adms(reference: Path) -> list[Vocabulary]:
    """The three ADMS 1.0 lists DCAT-AP uses, all from the one ADMS SKOS file."""
    name = _E17 + "ADMS_SKOS_v1.00.rdf"
    graph = parse_graph(reference / name)
    info = _first_literal(graph, URIRef("http://purl.org/adms"), OWL.versionInfo) or ""
    found = re.fullmatch(r"Version (\S+) (\d{1,2} \w+ \d{4})", info)
    if not found:
        raise SystemExit(f"{name}: unexpected owl:versionInfo {info!r}")
    version = found.group(1)
    date = dt.datetime.strptime(found.group(2), "%d %B %Y").date().isoformat()
    licence_iri = graph.value(URIRef("http://purl.org/adms"), DCTERMS.license)
    vocabularies = []
    for vocab_id, scheme, title in ADMS_SCHEMES:
        if (URIRef(scheme), RDF.type, SKOS.ConceptScheme) not in graph:
            raise SystemExit(f"{name}: {scheme} is not a skos:ConceptScheme")
        concepts = concepts_in_scheme(graph, scheme)
        vocabularies.append(
            Vocabulary(
                id=vocab_id,
                scheme=scheme,
                title=title,
                version=version,
                date=date,
                source=f"ADMS controlled vocabularies {version} ({info}): {len(concepts)} concepts "
                f"from the {ORIGINS[name]}.",
                licence=f"Copyright (c) 2012 European Union; dcterms:license <{licence_iri}>.",
                concepts=sorted(concepts.values(), key=lambda c: c.iri),
            )
        )
    return vocabularies


def build_iana(reference: Path) -> Vocabulary:
    """IANA media types: the 2026 registry list in registered case, plus FDK's obsolete extras.

    Types only the older FDK list has were dropped from the registry's active list (OBSOLETE
    registrations); they stay as deprecated concepts so old catalogues get a warning, not an error.
    """
    name = _EUV + "iana-media-types.txt"
    text = (reference / name).read_text(encoding="utf-8")
    stamp = re.search(r"on (\d{4}-\d{2}-\d{2})", text)
    if not stamp:
        raise SystemExit(f"{name}: no regeneration date in the header")
    version = stamp.group(1)
    current = {
        line.strip().lower(): line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    }
    fdk_name = _FDKX + "media-types.ttl"
    graph = parse_graph(reference / fdk_name)
    identifiers = sorted(
        {str(o) for s in graph.subjects(RDF.type, DCTERMS.MediaType) for o in graph.objects(s, DCTERMS.identifier)},
        reverse=True,
    )
    fdk = {media.lower(): media for media in identifiers}  # sorted: same winner on case clashes
    obsolete = sorted(set(fdk) - set(current))
    concepts = [Concept(f"{IANA}/{media}", media) for media in current.values()]
    concepts += [Concept(f"{IANA}/{fdk[key]}", fdk[key], deprecated=True) for key in obsolete]
    return Vocabulary(
        id="iana-media-types",
        scheme=IANA,
        title="IANA Media Types",
        version=version,
        date=version,
        match="iana",
        source=f"IANA Media Types registry as of {version}: {len(current)} types in registered "
        f"case from {ORIGINS[name]}; plus {len(obsolete)} types only in the "
        f"{ORIGINS[fdk_name]} ({len(fdk)} types), marked deprecated because the registry "
        "marks them OBSOLETE. Match IRIs case-insensitively, http or https.",
        licence="IANA registry facts; list derived via jshttp/mime-db (MIT) and fdk-reference-data (Apache-2.0).",
        concepts=sorted(concepts, key=lambda c: c.iri),
    )


# SPDX 2.3 §7.10 (checksum algorithms) and the SPDX ontology: individual local name -> the
# algorithm name the specification uses. Small and stable, so held here as data.
SPDX_ALGORITHMS: tuple[tuple[str, str], ...] = (
    ("sha1", "SHA1"),
    ("sha224", "SHA224"),
    ("sha256", "SHA256"),
    ("sha384", "SHA384"),
    ("sha512", "SHA512"),
    ("sha3_256", "SHA3-256"),
    ("sha3_384", "SHA3-384"),
    ("sha3_512", "SHA3-512"),
    ("md2", "MD2"),
    ("md4", "MD4"),
    ("md5", "MD5"),
    ("md6", "MD6"),
    ("blake2b256", "BLAKE2b-256"),
    ("blake2b384", "BLAKE2b-384"),
    ("blake2b512", "BLAKE2b-512"),
    ("blake3", "BLAKE3"),
    ("adler32", "ADLER32"),
)


def build_spdx() -> Vocabulary:
    """SPDX checksum algorithms: no code-list file exists, the spec lists the individuals."""
    concepts = [
        Concept(f"{SPDX}checksumAlgorithm_{local}", name, labels={"en": name}) for local, name in SPDX_ALGORITHMS
    ]
    return Vocabulary(
        id="spdx-checksum-algorithm",
        scheme=f"{SPDX}ChecksumAlgorithm",
        title="SPDX Checksum Algorithm",
        version="2.3",
        date=None,
        source="SPDX Specification 2.3, section 7.10 (Package checksum field) and the SPDX 2.3 "
        "ontology (spdx:ChecksumAlgorithm individuals); written from the specification, "
        "no source file.",
        licence="SPDX Specification: Creative Commons Attribution 3.0 (CC-BY-3.0).",
        concepts=sorted(concepts, key=lambda c: c.iri),
    )


# The Norwegian code lists CPSV-AP-NO 1.1.0 recommends for Channel dct:type, RequiredEvidence
# dct:type and Participation cv:role (id, name under data.norge.no/vocabulary/, title). The other
# lists the specification names (service-type, event types, service-output-type, rule-type) have no
# copy in the reference folder; the shapes check those by IRI namespace.
CPSV_NO_SCHEMES: tuple[tuple[str, str, str], ...] = (
    ("no-service-channel-type", "service-channel-type", "Service channel type (tjenestekanaltype)"),
    ("no-evidence-type", "evidence-type", "Evidence type (dokumentasjonstype)"),
    ("no-role-type", "role-type", "Role type (rolletype)"),
)
NORGE_VOCABULARY = "https://data.norge.no/vocabulary/"
LICENCE_DIGDIR = (
    "Digdir (Norwegian Digitalisation Agency) vocabulary; copy taken from a repository under Apache-2.0."
)


def build_cpsv_no(reference: Path) -> list[Vocabulary]:
    """Norwegian CPSV-AP-NO code lists: complete small schemes, dated by their ``dct:modified``.

    The concept IRIs are fragments of the scheme IRI (``...#online-service``); the notation is
    that fragment, since the source gives no skos:notation.
    """
    vocabularies = []
    for vocab_id, name, title in CPSV_NO_SCHEMES:
        source = f"{_CPSVNO}{name}.ttl"
        scheme = NORGE_VOCABULARY + name
        graph = parse_graph(reference / source)
        concepts = concepts_in_scheme(graph, scheme)
        if not concepts:
            raise SystemExit(f"{source}: no concepts in scheme {scheme}")
        modified = _first_literal(graph, URIRef(scheme), DCTERMS.modified)
        if modified is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", modified):
            raise SystemExit(f"{source}: scheme {scheme} has no dct:modified date")
        vocabularies.append(
            Vocabulary(
                id=vocab_id,
                scheme=scheme,
                title=title,
                version=modified,
                date=modified,
                source=f"{title}, concept scheme {scheme} as modified on {modified}: {len(concepts)} "
                f"concepts from the {ORIGINS[source]} (the copy may lag the published list).",
                licence=LICENCE_DIGDIR,
                concepts=sorted(concepts.values(), key=lambda c: c.iri),
            )
        )
    return vocabularies


def build_all(reference: Path) -> list[Vocabulary]:
    """Every snapshot nordval ships, in a fixed order."""
    vocabularies = [build_nal(reference, spec) for spec in NALS]
    vocabularies.append(build_hvd(reference))
    vocabularies.extend(build_adms(reference))
    vocabularies.append(build_iana(reference))
    vocabularies.append(build_spdx())
    vocabularies.extend(build_cpsv_no(reference))
    return vocabularies


def write_all(vocabularies: list[Vocabulary], out: Path) -> None:
    """Write ``<id>.json`` files as UTF-8 with LF line ends; refuse oversized snapshots."""
    out.mkdir(parents=True, exist_ok=True)
    for vocabulary in vocabularies:
        data = vocabulary.render().encode("utf-8")
        if len(data) > MAX_BYTES:
            raise SystemExit(f"{vocabulary.id}: {len(data)} bytes exceeds {MAX_BYTES}")
        (out / f"{vocabulary.id}.json").write_bytes(data)


def main(argv: list[str] | None = None) -> int:
    """CLI entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--reference",
        type=Path,
        default=DEFAULT_REFERENCE,
        help="folder holding the reference copies (default: ../shared/reference)",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: nordval/vocabularies)")
    args = parser.parse_args(argv)
    vocabularies = build_all(args.reference)
    write_all(vocabularies, args.out)
    for vocabulary in vocabularies:
        print(f"{vocabulary.id}: {len(vocabulary.concepts)} concepts, version {vocabulary.version}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
