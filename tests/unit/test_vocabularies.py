"""The bundled code-list snapshots and JSON-LD contexts keep the contract of docs/shapes.md.

The engine trusts these files blindly at validation time (sorted IRIs, known keys, the scheme
IRIs the shapes point at), so the contract is checked here once instead of at run time. When the
reference copies are available, the build scripts must reproduce the committed files exactly, so
a hand edit or a non-deterministic build cannot slip in.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
REFERENCE = REPO.parent / "shared" / "reference"
VOCABULARIES = REPO / "nordval" / "vocabularies"
CONTEXTS = REPO / "nordval" / "contexts"

KEYS = ["id", "scheme", "title", "version", "date", "source", "licence", "match", "concepts"]
CONCEPT_KEYS = ["iri", "notation", "deprecated", "labels"]
LANGUAGES = {"en", "no", "nb", "nn", "sv", "da", "fi", "is", "et", "lv", "lt"}
NAL = "http://publications.europa.eu/resource/authority/"

EXPECTED_SCHEMES = {
    "eu-data-theme": NAL + "data-theme",
    "eu-file-type": NAL + "file-type",
    "eu-frequency": NAL + "frequency",
    "eu-access-right": NAL + "access-right",
    "eu-planned-availability": NAL + "planned-availability",
    "eu-distribution-status": NAL + "distribution-status",
    "eu-dataset-type": NAL + "dataset-type",
    "eu-licence": NAL + "licence",
    "eu-language": NAL + "language",
    "eu-country": NAL + "country",
    "eu-place": NAL + "place",
    "eu-continent": NAL + "continent",
    "eu-corporate-body": NAL + "corporate-body",
    "eu-hvd-category": "http://data.europa.eu/bna/asd487ae75",
    "adms-publisher-type": "http://purl.org/adms/publishertype/1.0",
    "adms-licence-type": "http://purl.org/adms/licencetype/1.0",
    "adms-status": "http://purl.org/adms/status/1.0",
    "iana-media-types": "https://www.iana.org/assignments/media-types",
    "spdx-checksum-algorithm": "http://spdx.org/rdf/terms#ChecksumAlgorithm",
}

# Concept IRIs normally sit under "<scheme>/"; these schemes name their concepts differently.
IRI_PREFIX_EXCEPTIONS = {
    "eu-hvd-category": "http://data.europa.eu/bna/c_",
    "adms-publisher-type": "http://purl.org/adms/publishertype/",
    "adms-licence-type": "http://purl.org/adms/licencetype/",
    "adms-status": "http://purl.org/adms/status/",
    "spdx-checksum-algorithm": "http://spdx.org/rdf/terms#checksumAlgorithm_",
}

SPOT_CHECKS = {
    "eu-language": ["NOR", "SWE", "DAN", "FIN", "ISL", "EST", "LAV", "LIT", "ENG"],
    "eu-file-type": ["CSV", "GEOJSON", "JSON", "RDF_TURTLE"],
    "eu-data-theme": ["ENVI", "AGRI", "GOVE", "TECH"],
    "eu-frequency": ["ANNUAL", "DAILY", "HOURLY", "IRREG"],
    "eu-licence": ["CC_BY_4_0", "CC0"],
    "eu-country": ["NOR", "SWE", "DNK", "FIN", "ISL", "EST", "LVA", "LTU", "XKX"],
    "eu-access-right": ["PUBLIC", "RESTRICTED", "NON_PUBLIC"],
    "eu-planned-availability": ["AVAILABLE", "STABLE"],
    "eu-distribution-status": ["COMPLETED", "WITHDRAWN"],
    "eu-dataset-type": ["HVD"],
    "eu-corporate-body": ["PUBL", "AMLA"],
    "eu-continent": ["EUROPE"],
    "adms-status": ["Completed", "Deprecated"],
    "adms-publisher-type": ["NationalAuthority"],
    "iana-media-types": ["text/csv", "application/json", "application/ld+json"],
    "spdx-checksum-algorithm": ["SHA256", "MD5", "BLAKE3"],
}

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def load(vocab_id: str) -> dict[str, Any]:
    """Parse one snapshot."""
    return json.loads((VOCABULARIES / f"{vocab_id}.json").read_text(encoding="utf-8"))


def snapshot_files() -> list[Path]:
    """Every JSON snapshot on disk (the test must cover files nobody registered too)."""
    return sorted(VOCABULARIES.glob("*.json"))


def test_every_expected_vocabulary_is_bundled() -> None:
    assert set(EXPECTED_SCHEMES) <= {path.stem for path in snapshot_files()}


@pytest.mark.parametrize("path", snapshot_files(), ids=lambda p: p.stem)
def test_snapshot_contract(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    data = json.loads(raw)
    assert list(data) == KEYS
    assert data["id"] == path.stem
    assert data["scheme"] == EXPECTED_SCHEMES.get(path.stem, data["scheme"])
    assert data["title"] and data["source"] and data["licence"]
    assert data["date"] is None or _DATE.fullmatch(data["date"])
    assert data["match"] == ("iana" if path.stem == "iana-media-types" else "exact")
    concepts = data["concepts"]
    assert concepts, "a snapshot without concepts rejects every value"
    # One concept per line, so that diffs of a vocabulary update stay readable.
    # Header keys one per line, the "concepts" line, the concepts, the closing line.
    assert raw.count("\n") == len(KEYS) + len(concepts) + 1
    assert raw.endswith("\n ]}\n")
    iris = [concept["iri"] for concept in concepts]
    assert iris == sorted(iris)
    assert len(set(iris)) == len(iris)
    # EU NAL concepts live under their scheme IRI; national lists use their own IRI patterns
    # (LOS topics, '#' fragments), so only EU lists are held to the prefix.
    prefix = IRI_PREFIX_EXCEPTIONS.get(path.stem, data["scheme"] + "/" if path.stem.startswith("eu-") else "")
    for concept in concepts:
        assert list(concept) == CONCEPT_KEYS
        assert concept["iri"].startswith(prefix), concept["iri"]
        assert isinstance(concept["notation"], str) and concept["notation"]
        assert isinstance(concept["deprecated"], bool)
        assert set(concept["labels"]) <= LANGUAGES
        assert all(isinstance(text, str) and text for text in concept["labels"].values())
    assert path.stat().st_size < 2 * 1024 * 1024


@pytest.mark.parametrize(("vocab_id", "notations"), sorted(SPOT_CHECKS.items()))
def test_spot_checks(vocab_id: str, notations: list[str]) -> None:
    present = {concept["notation"] for concept in load(vocab_id)["concepts"]}
    assert set(notations) <= present


def test_nal_notation_is_the_iri_code() -> None:
    for vocab_id, scheme in EXPECTED_SCHEMES.items():
        if not scheme.startswith(NAL):
            continue
        for concept in load(vocab_id)["concepts"]:
            assert concept["iri"] == f"{scheme}/{concept['notation']}"


def test_data_theme_and_labels() -> None:
    themes = {c["notation"]: c for c in load("eu-data-theme")["concepts"]}
    assert len(themes) >= 13
    assert themes["ENVI"]["labels"]["en"] == "Environment"
    assert themes["ENVI"]["labels"]["nb"] == "Miljø"
    norway = {c["notation"]: c for c in load("eu-country")["concepts"]}["NOR"]
    assert norway["labels"]["sv"] == "Norge"


def test_iana_is_case_insensitively_unique_and_keeps_obsolete_types() -> None:
    concepts = load("iana-media-types")["concepts"]
    lowered = [c["iri"].lower() for c in concepts]
    assert len(set(lowered)) == len(lowered)
    for concept in concepts:
        assert concept["iri"].endswith("/" + concept["notation"])
        assert concept["notation"].count("/") == 1
    deprecated = {c["notation"] for c in concepts if c["deprecated"]}
    assert len(deprecated) == 23
    assert "application/vnd.geo+json" in deprecated


def test_versions_are_consistent_with_dates() -> None:
    for path in snapshot_files():
        data = json.loads(path.read_text(encoding="utf-8"))
        found = re.fullmatch(r"(\d{4})(\d{2})(\d{2})-\d+", data["version"] or "")
        if found:
            assert data["date"] == "-".join(found.groups())


def test_ontology_is_small_and_parses() -> None:
    rdflib = pytest.importorskip("rdflib")
    path = VOCABULARIES / "ontology.ttl"
    assert len(path.read_text(encoding="utf-8").splitlines()) < 40
    graph = rdflib.Graph().parse(path, format="turtle")
    subclass = rdflib.RDFS.subClassOf
    assert set(graph.predicates()) == {subclass}
    dcat = rdflib.Namespace("http://www.w3.org/ns/dcat#")
    assert (None, subclass, dcat.Dataset) not in graph


def _run(script: str, out: Path) -> None:
    """Run a build script into ``out`` against the shared reference copies."""
    if not REFERENCE.is_dir():
        pytest.skip(f"reference copies not available at {REFERENCE}")
    subprocess.run(
        [sys.executable, str(REPO / "scripts" / script), "--reference", str(REFERENCE), "--out", str(out)],
        check=True,
        capture_output=True,
    )


def _same_tree(built: Path, bundled: Path, pattern: str) -> None:
    """Every file the build writes must equal the bundled file byte for byte."""
    written = sorted(path.name for path in built.glob(pattern))
    # other builders (national lists) write further files into the same folder
    assert set(written) <= {path.name for path in bundled.glob(pattern)}
    for name in written:
        assert (built / name).read_bytes() == (bundled / name).read_bytes(), name


def test_vocabularies_regenerate_identically(tmp_path: Path) -> None:
    _run("build_vocabularies.py", tmp_path)
    _same_tree(tmp_path, VOCABULARIES, "*.json")


# --- JSON-LD contexts ---------------------------------------------------------------------------

CONTEXT_FILES = ["dcat-ap-3.0.1.jsonld", "dcat-ap-2.1.1.jsonld", "dcat-ap-lang-2.1.1.jsonld", "cpsv-ap-3.2.0.jsonld"]


def test_context_index_covers_published_urls() -> None:
    index = json.loads((CONTEXTS / "index.json").read_text(encoding="utf-8"))
    releases = "semiceu.github.io/DCAT-AP/releases/"
    for scheme in ("https", "http"):
        assert index[f"{scheme}://{releases}3.0.1/context/dcat-ap.jsonld"] == "dcat-ap-3.0.1.jsonld"
        assert index[f"{scheme}://{releases}2.1.1/dcat-ap_2.1.1.jsonld"] == "dcat-ap-2.1.1.jsonld"
        assert index[f"{scheme}://{releases}2.1.1/dcat-ap_lang_2.1.1.jsonld"] == "dcat-ap-lang-2.1.1.jsonld"
    assert sorted(set(index.values())) == sorted(CONTEXT_FILES)


@pytest.mark.parametrize("name", CONTEXT_FILES)
def test_contexts_parse(name: str) -> None:
    data = json.loads((CONTEXTS / name).read_text(encoding="utf-8"))
    assert isinstance(data["@context"], dict) and data["@context"]


def test_contexts_regenerate_identically(tmp_path: Path) -> None:
    _run("build_contexts.py", tmp_path)
    _run("build_contexts_cpsv.py", tmp_path)  # adds the CPSV-AP context to the same index
    _same_tree(tmp_path, CONTEXTS, "*.json*")
