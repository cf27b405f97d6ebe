"""Conformance: the DCAT-AP-NO v3 SHACL test graphs, run through nordval's ``dcat-ap-no-3``.

The suite (terjesyl/dcat-ap-no-shacl-tests, copied to ``../shared/reference/dcat-ap-no/
test-fixtures/v3-shacl-tests``) has 166 valid and 359 invalid cases.  Each case is one named-graph
block ``testgraphs:<property>-<n> { ... }`` of a TriG file; the suite's own runner merges it with
the base graph of its class (``base-graphs/<class>.base.ttl``) and validates the result.  We do the
same, block by block, in one process with one resolved profile.

A case agrees with its folder when:

* valid: nordval reports no error;
* invalid: nordval reports an error on the property the case targets (its name: ``title-1`` targets
  dct:title; ``OVERRIDES`` fixes blocks whose name and content disagree), either with that property as
  result path or about a value of that property (a nested node such as a cost or checksum).  Where the
  official shapes grade the targeted check a SHOULD (``WARNING_CASES``), a warning counts.

Two preparations, both documented in docs/deviations/dcat-ap-no-3.md:

* the suite declares ``dcatap: <http://data.europa.eu/r5r>`` (no trailing slash), so its availability
  and applicable-legislation triples use IRIs no specification defines.  The agreement runs on the
  graphs with the prefix repaired (what the authors meant); ``test_mistyped_dcatap_iris_are_flagged``
  checks on the graphs as published that nordval reports the typo in every case that carries it;
* the ``controlled-vocs`` cases test the official *vocabulary* module, written for harvesters whose
  graph carries the code lists, and presuppose that a graph's only knowledge of code-list concepts
  is what the graph itself states.  They run with ``dcat-ap-no-3-harvest`` (nordval's counterpart of
  that module) with the bundled snapshots switched off: with them, an incompletely described real
  NAL code is simply correct.

Every disagreement is listed in ``DISAGREEMENTS`` with a reason key; the reasons are rows of the
deviations document.  A new disagreement fails, and so does a listed case that now agrees.
``python -m tests.conformance.test_dcat_ap_no_v3_suite`` prints the figures.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

import pytest
from rdflib import Dataset, Graph, URIRef

from nordval import api, profiles
from nordval.inputs import Document
from nordval.model import Finding, Severity
from nordval.profiles import ResolvedProfile
from nordval.validators.shacl import BlankLabels
from tests.conftest import ROOT, SHARED_REFERENCE, shared_reference

PROFILE = "dcat-ap-no-3"
HARVEST = "dcat-ap-no-3-harvest"  # the official vocabulary module's counterpart
SUITE = ("dcat-ap-no", "test-fixtures", "v3-shacl-tests")
DOC = ROOT / "docs" / "deviations" / "dcat-ap-no-3.md"

# rdflib's TriG parser uses its own deprecated ConjunctiveGraph internally, once per block.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

TYPO_PREFIX = "<http://data.europa.eu/r5r>"
RIGHT_PREFIX = "<http://data.europa.eu/r5r/>"
TYPO_IRIS = ("http://data.europa.eu/r5ravailability", "http://data.europa.eu/r5rapplicableLegislation")
BLOCK = re.compile(r"^testgraphs:([A-Za-z0-9_-]+)\s*\{.*?^\}", re.S | re.M)

DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"
ADMS = "http://www.w3.org/ns/adms#"
R5R = "http://data.europa.eu/r5r/"
PROV = "http://www.w3.org/ns/prov#"

# Case name (without "-<n>") -> the property the case targets.
PROPERTIES: dict[str, str] = {
    "accessRights": DCT + "accessRights", "accessService": DCAT + "accessService", "accessURL": DCAT + "accessURL",
    "applicableLegislation": R5R + "applicableLegislation", "availability": R5R + "availability",
    "byteSize": DCAT + "byteSize", "catalog": DCAT + "catalog", "checksum": "http://spdx.org/rdf/terms#checksum",
    "compressFormat": DCAT + "compressFormat", "concept": DCT + "subject", "conformsTo": DCT + "conformsTo",
    "contactPoint": DCAT + "contactPoint", "cost": "http://data.europa.eu/m8g/hasCost", "creator": DCT + "creator",
    "dataTheme": DCAT + "theme", "dataset": DCAT + "dataset", "description": DCT + "description",
    "distribution": DCAT + "distribution", "downloadURL": DCAT + "downloadURL",
    "endpointDescription": DCAT + "endpointDescription", "endpointURL": DCAT + "endpointURL",
    "filetype": DCT + "format", "format": DCT + "format", "frequency": DCT + "accrualPeriodicity",
    "hasPart": DCT + "hasPart", "hasPolicy": "http://www.w3.org/ns/odrl/2/hasPolicy",
    "hasQualityAnnotation": "http://www.w3.org/ns/dqv#hasQualityAnnotation",
    "hasQualityMeasurement": "http://www.w3.org/ns/dqv#hasQualityMeasurement", "hasVersion": DCAT + "hasVersion",
    "identifier": DCT + "identifier", "inSeries": DCAT + "inSeries", "isReferencedBy": DCT + "isReferencedBy",
    "keyword": DCAT + "keyword", "landingPage": DCAT + "landingPage", "language": DCT + "language",
    "license": DCT + "license", "mediaType": DCAT + "mediaType", "modified": DCT + "modified",
    "otherIdentifier": ADMS + "identifier", "packageFormat": DCAT + "packageFormat", "page": FOAF + "page",
    "plannedAvailability": R5R + "availability", "previous": DCAT + "prev", "primaryTopic": FOAF + "primaryTopic",
    "provenance": DCT + "provenance", "publisher": DCT + "publisher",
    "qualifiedAttribution": PROV + "qualifiedAttribution", "qualifiedRelation": DCAT + "qualifiedRelation",
    "record": DCAT + "record", "relation": DCT + "relation", "releaseDate": DCT + "issued",
    "replaces": DCT + "replaces", "rights": DCT + "rights", "sample": ADMS + "sample",
    "servesDataset": DCAT + "servesDataset", "source": DCT + "source", "spatial": DCT + "spatial",
    "spatialResolutionInMeters": DCAT + "spatialResolutionInMeters", "status": ADMS + "status",
    "temporal": DCT + "temporal", "temporalResolution": DCAT + "temporalResolution", "theme": DCAT + "theme",
    "themeTaxonomy": DCAT + "themeTaxonomy", "title": DCT + "title", "type": DCT + "type",
    "version": DCAT + "version", "versionNotes": ADMS + "versionNotes", "wasGeneratedBy": PROV + "wasGeneratedBy",
}

# Blocks whose name does not say what they test (a copied block kept its name); "#2" = the second
# block of that name in its file.
OVERRIDES: dict[str, str] = {
    "invalid/core/catalog/dataset-1#2": DCAT + "service",
    "invalid/core/catalog/dataset-2#2": DCAT + "service",
    "invalid/core/catalog/page-1": FOAF + "homepage",
    "invalid/core/catalog/page-2": FOAF + "homepage",
    "invalid/core/catalog/page-3": FOAF + "homepage",
    "invalid/core/data-service/landingPage-1": FOAF + "page",
    "invalid/core/data-service/landingPage-2": DCT + "identifier",
    "invalid/core/distribution/compressFormat-2#2": DCAT + "packageFormat",
    "invalid/core/distribution/compressFormat-3#2": DCAT + "packageFormat",
    "invalid/core/distribution/status-1#2": R5R + "availability",
    "invalid/core/distribution/status-2#2": R5R + "availability",
    "invalid/core/distribution/status-3": R5R + "availability",
}

# Invalid cases whose targeted check the official shapes grade sh:Warning (a SHOULD): a nordval
# warning on the property agrees with them.
WARNING_CASES = frozenset({
    "invalid/core/dataset/wasGeneratedBy-1",      # provenance activity type: BØR
    "invalid/core/distribution/compressFormat-4",  # compression format vocabulary: BØR
    "invalid/core/distribution/packageFormat-4",   # packaging format vocabulary: BØR
    "invalid/controlled-vocs/dataset/concept-1",   # subject a skos:Concept: vocabulary module Warning
    "invalid/controlled-vocs/dataset/concept-2",
})

# Every case nordval classifies against its folder, with the row of docs/deviations/dcat-ap-no-3.md
# that gives the reason.
DISAGREEMENTS: dict[str, str] = {
    # Fixtures that contradict the specification text.
    "valid/core/catalog/identifier-1": "S1",  # Catalogue identifier 0..1; the case gives three
    "valid/core/data-service/cost-1": "S2",  # Gebyr: beløp and valuta 1..1; the cases give a page only
    "valid/core/data-service/cost-2": "S2",
    "valid/core/data-service/cost-3": "S2",
    "valid/core/dataset/cost-1": "S2",
    "valid/core/dataset/cost-2": "S2",
    "valid/core/dataset/cost-3": "S2",
    # nordval checks referenced resources the record does not describe (sh:targetObjectsOf).
    "valid/core/catalog/record-1": "N1",
    "valid/core/dataset/distribution-1": "N1",
}


@dataclass(frozen=True)
class Case:
    """One named-graph block merged with its base graph."""

    id: str
    valid: bool
    target: str | None
    case: Graph
    data: Graph
    typo: bool  # the block as published uses a mistyped dcatap: property


def _parse_case(header: str, block: str, base: str) -> tuple[Graph, Graph]:
    dataset = Dataset()
    dataset.parse(data=header + block, format="trig")
    case = Graph()
    for graph in dataset.graphs():
        if str(graph.identifier) != "urn:x-rdflib:default":
            case += graph
    data = Graph()
    data += case
    data.parse(data=base, format="turtle")
    return case, data


@cache
def cases(repaired: bool = True) -> tuple[Case, ...]:
    """Every block of the suite, in file order; ``repaired`` fixes the dcatap: prefix first."""
    root = SHARED_REFERENCE.joinpath(*SUITE)
    found: list[Case] = []
    for folder in ("valid-graphs", "invalid-graphs"):
        for path in sorted((root / folder).glob("*/*.trig")):
            raw = path.read_text(encoding="utf-8")
            base = (root / "base-graphs" / f"{path.stem}.base.ttl").read_text(encoding="utf-8")
            text = raw.replace(TYPO_PREFIX, RIGHT_PREFIX) if repaired else raw
            if repaired:
                base = base.replace(TYPO_PREFIX, RIGHT_PREFIX)
            first = re.search(r"^testgraphs:", text, re.M)
            assert first is not None, path
            header = text[: first.start()]
            seen: Counter[str] = Counter()
            for match in BLOCK.finditer(text):
                name = match.group(1)
                seen[name] += 1
                case_id = f"{folder.split('-')[0]}/{path.parent.name}/{path.stem}/{name}"
                if seen[name] > 1:
                    case_id += f"#{seen[name]}"
                case, data = _parse_case(header, match.group(0), base)
                target = OVERRIDES.get(case_id, PROPERTIES.get(name.rsplit("-", 1)[0]))
                typo = "dcatap:" in match.group(0)
                found.append(Case(case_id, folder == "valid-graphs", target, case, data, typo))
    return tuple(found)


@cache
def _profiles() -> tuple[ResolvedProfile, ResolvedProfile]:
    """The profile, and its vocabulary module without nordval's code-list snapshots."""
    resolved = profiles.resolve(PROFILE)
    return resolved, dataclasses.replace(profiles.resolve(HARVEST), vocabularies=())


def validate(case: Case) -> list[Finding]:
    resolved, harvest = _profiles()
    profile = harvest if "/controlled-vocs/" in case.id else resolved
    document = Document(source=case.id, kind="rdf", syntax="trig", graphs=[(None, case.data)])
    return api.validate_document(document, profile, api.languages_for(profile, "en"), raise_errors=True)


def agrees(case: Case, findings: list[Finding]) -> bool:
    errors = [f for f in findings if f.severity == Severity.ERROR]
    if case.valid:
        return not errors
    assert case.target is not None, f"{case.id}: no targeted property known"
    labels = BlankLabels(case.data)
    values = {labels.label(o) for o in case.case.objects(None, URIRef(case.target))}
    pool = [f for f in findings if f.severity >= Severity.WARNING] if case.id in WARNING_CASES else errors
    return any(f.location.path == case.target or f.location.focus in values for f in pool)


@cache
def outcomes() -> dict[str, bool]:
    return {case.id: agrees(case, validate(case)) for case in cases()}


@pytest.fixture(scope="module", autouse=True)
def _reference() -> None:
    shared_reference(*SUITE)
    logging.getLogger("pyshacl").setLevel(logging.ERROR)


def test_suite_size() -> None:
    counted = Counter(case.valid for case in cases())
    assert (counted[True], counted[False]) == (166, 359)
    assert all(case.valid or case.target for case in cases())


def test_disagreements_are_exactly_the_documented_ones() -> None:
    disagree = {case_id for case_id, ok in outcomes().items() if not ok}
    new = sorted(disagree - DISAGREEMENTS.keys())
    fixed = sorted(DISAGREEMENTS.keys() - disagree)
    assert not new, f"cases classified against their folder, not in DISAGREEMENTS: {new}"
    assert not fixed, f"cases in DISAGREEMENTS that now agree (remove them and update the doc): {fixed}"


def test_disagreement_reasons_are_documented_rows() -> None:
    text = DOC.read_text(encoding="utf-8")
    for row in sorted(set(DISAGREEMENTS.values())):
        assert f"| {row} |" in text, f"{DOC.name} has no row {row}"
    for case_id in DISAGREEMENTS:
        assert f"`{case_id}`" in text, f"{DOC.name} does not list {case_id}"


def test_agreement_figure_is_the_documented_one() -> None:
    agreed = sum(outcomes().values())
    figure = f"{agreed}/{len(outcomes())}"
    assert figure in DOC.read_text(encoding="utf-8"), f"update the agreement figure in {DOC.name}: {figure}"


def test_mistyped_dcatap_iris_are_flagged() -> None:
    """On the graphs as published, every case using the prefix without a slash gets the typo error."""
    published = [case for case in cases(repaired=False) if case.typo]
    assert len(published) >= 20
    for case in published:
        used = {str(p) for p in case.case.predicates()} & set(TYPO_IRIS)
        flagged = {f.location.path for f in validate(case)
                   if f.rule.startswith(f"{PROFILE}:Typo.") and f.severity == Severity.ERROR}
        assert used and used <= flagged, case.id


def figures() -> str:
    """The agreement figures for docs/deviations/dcat-ap-no-3.md."""
    result = outcomes()
    by_folder: Counter[str] = Counter()
    agreed_by_folder: Counter[str] = Counter()
    for case_id, ok in result.items():
        folder = "/".join(case_id.split("/")[:2])
        by_folder[folder] += 1
        agreed_by_folder[folder] += ok
    lines = [f"agreement: {sum(result.values())}/{len(result)} = {sum(result.values()) / len(result):.1%}"]
    for folder in sorted(by_folder):
        lines.append(f"  {folder}: {agreed_by_folder[folder]}/{by_folder[folder]}")
    lines.append(f"  disagreements by row: {dict(sorted(Counter(DISAGREEMENTS.values()).items()))}")
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    logging.getLogger("pyshacl").setLevel(logging.ERROR)
    print(figures())
