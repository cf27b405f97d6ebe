"""Differential test: nordval ``dcat-ap-no`` / ``dcat-ap-no-3`` against the official Norwegian SHACL.

pySHACL runs the official shapes on the official DCAT-AP-NO examples and on our fixtures, with
background knowledge (the code-list facts nordval bundles, see ``dcat_ap_2x_diff``):

* DCAT-AP-NO 2.2: ``shacl/v2/DCAT-AP-NO-shacl_shapes_2.00.ttl`` (dcat:version 2.2.013);
* DCAT-AP-NO 3.0 draft: the core, range and vocabulary modules of ``shacl/v3-draft`` (2025-01-30).

The (focus, path) pairs of the official ``sh:Violation`` results are compared with those of
nordval's errors; a pair only one side flags must match an entry of ``DEVIATIONS``, which names the
row of ``docs/deviations/<profile>.md`` that gives the reason.  An unexplained difference fails,
and so does an entry no input needs any more.  The official examples also run through nordval
alone, with the errors pinned in ``EXAMPLE_ERRORS`` (the examples are drafts; what they lack is
listed there).

``python -m tests.conformance.test_dcat_ap_no_official`` prints the figures for the deviation docs.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from nordval import api
from nordval.model import Severity
from tests.conftest import FIXTURES, ROOT, SHARED_REFERENCE, shared_reference

from .dcat_ap_2x_diff import Comparison, Deviation, differential, reference_id, summary, unused_deviations

REFERENCE = SHARED_REFERENCE / "dcat-ap-no"
EXAMPLES = REFERENCE / "examples"
DOCS = ROOT / "docs" / "deviations"

DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
R5R = "http://data.europa.eu/r5r/"
VCARD = "http://www.w3.org/2006/vcard/ns#"
CV = "http://data.europa.eu/m8g/"


@dataclass(frozen=True)
class Config:
    """One official artefact set and the nordval profile it is compared with."""

    profile: str
    shapes: tuple[str, ...]
    deviations: tuple[Deviation, ...]

    @property
    def doc(self) -> Path:
        return DOCS / f"{self.profile}.md"

    def inputs(self) -> list[Path]:
        fixtures = sorted((FIXTURES / self.profile).glob("*/*.ttl"))
        return fixtures + sorted(EXAMPLES.glob("*.ttl"))


V2 = Config("dcat-ap-no", ("shacl/v2/DCAT-AP-NO-shacl_shapes_2.00.ttl",), (
    Deviation("R1", "official", r"sh:class",
              note="official sh:class on values the record does not type (cpsv:Rule, provenance statement)"),
    Deviation("T1", "nordval", r"dcat-ap-no:Typo\..*",
              note="the mistyped property IRIs .../r5ravailability, .../r5rapplicableLegislation"),
    Deviation("T2", "nordval", r"dcat-ap-no:Distribution\.availability\.vocab",
              note="official shapes check .../r5ravailability, never the real availability property"),
    Deviation("O1", "nordval", r"dcat-ap-2:Distribution\.status\.vocab",
              note="official StatusRestriction has no minCount: a status outside ADMS passes vacuously"),
    Deviation("V2", "nordval", r"dcat-ap-no:(Dataset|DataService)\.accessRights\.vocab",
              note="the spec's three values; the official shape only checks membership of the NAL"),
    Deviation("O2", "nordval", r"dcat-ap-2:Agent\.name",
              note="the official Agent shape has no target (sh:and of target declarations), so never runs"),
    Deviation("C1", "nordval", r"dcat-ap-2:Concept\.prefLabel",
              note="Tema (skos:Concept) prefLabel is mandatory; the official shapes have no Concept shape"),
))

V3_MODULES = tuple(f"shacl/v3-draft/dcatapno3-{m}-shapes.ttl" for m in ("core", "range", "vocabulary"))
V3 = Config("dcat-ap-no-3", V3_MODULES, (
    Deviation("R1", "official", r"sh:class",
              note="official sh:class on values the record does not type (EuroVoc themes, spatial IRIs)"),
    Deviation("S7", "official", r"sh:pattern", path=DCAT + "mediaType",
              note="official pattern accepts only https://www.w3.org/ns/iana/media-types/application/*"),
    Deviation("S8", "official", r"sh:(or|node)", path=DCT + "spatial",
              note="official range pattern wants http GeoNames; vocabulary module rejects Kartverket units"),
    Deviation("S3", "nordval", r"dcat-ap-no-3:Kind\.hasEmail",
              note="Kontaktopplysning: har e-post 1..1; the official shapes accept an e-mail or a contact page"),
    Deviation("S2", "official", r"sh:or", path=None, focus=r".*/gebyr/.*",
              note="official reports the cost's currency rule on the node (no result path)"),
    Deviation("S2", "nordval", r"dcat-ap-no-3:Cost\.(currency|hasValue)",
              note="Gebyr: beløp and valuta 1..1, reported on their properties"),
    Deviation("S11", "nordval", r"dcat-ap-no-3:(Dataset|DataService)\.accessRequestURL\.kind",
              note="dcatno:accessRequestURL has rdfs:Resource as range; the official shapes do not check it"),
    Deviation("T1", "nordval", r"dcat-ap-no-3:Typo\..*",
              note="the mistyped property IRIs .../r5ravailability, .../r5rapplicableLegislation"),
    Deviation("T2", "nordval", r"dcat-ap-3:Distribution\.availability\.vocab", path=R5R + "availability",
              note="official shapes check .../r5ravailability, never the real availability property"),
))

CONFIGS = (V2, V3)

# What nordval reports on the official examples, per profile: (file, rule) -> count of errors.
# The examples predate the profiles they are run against or are test drafts; each line says why.
EXAMPLE_ERRORS: dict[str, dict[tuple[str, str], int]] = {
    "dcat-ap-no": {
        # The publisher is typed foaf:Agent without foaf:name (mandatory); the official v2.2 Agent
        # shape never runs (row O2).  The dataset-type concept has no skos:prefLabel (Tema 1..n).
        ("DCAT-AP-NO2.0-examples.ttl", "dcat-ap-2:Agent.name"): 1,
        ("DCAT-AP-NO2.0-examples.ttl", "dcat-ap-2:Concept.prefLabel"): 1,
        # A test distribution whose packaging format is the literal "JSON_fritekst"@nb.
        ("test.ttl", "dcat-ap-2:Distribution.packageFormat.kind"): 1,
        # A test catalogue without description, with a dataset without identifier and theme.
        ("test2.ttl", "dcat-ap-2:Catalog.description"): 1,
        ("test2.ttl", "dcat-ap-no:Dataset.identifier"): 1,
        ("test2.ttl", "dcat-ap-no:Dataset.theme"): 1,
        ("test2.ttl", "dcat-ap-no:Dataset.theme.vocab"): 1,
    },
    "dcat-ap-no-3": {
        # The 2.x examples predate v3: no contact points on catalogues, datasets and series
        # (mandatory in v3), contact points named with vcard:hasOrganizationName instead of
        # vcard:fn (Kontaktopplysning: navn 1..n), a series without theme.
        ("DCAT-AP-NO2.0-examples.ttl", "dcat-ap-3:Agent.name"): 1,
        ("DCAT-AP-NO2.0-examples.ttl", "dcat-ap-no-3:Catalog.contactPoint"): 1,
        ("DCAT-AP-NO2.0-examples.ttl", "dcat-ap-no-3:Dataset.contactPoint"): 1,
        ("dataset-series-example.ttl", "dcat-ap-no-3:Catalog.contactPoint"): 1,
        ("dataset-series-example.ttl", "dcat-ap-no-3:Dataset.contactPoint"): 3,
        ("dataset-series-example.ttl", "dcat-ap-no-3:DatasetSeries.contactPoint"): 1,
        ("test.ttl", "dcat-ap-3:Catalog.description.lang"): 1,
        ("test.ttl", "dcat-ap-no-3:Catalog.contactPoint"): 1,
        ("test.ttl", "dcat-ap-no-3:DatasetSeries.contactPoint"): 1,
        ("test.ttl", "dcat-ap-no-3:DatasetSeries.theme"): 1,
        ("test.ttl", "dcat-ap-no-3:DatasetSeries.theme.vocab"): 1,
        ("test.ttl", "dcat-ap-no-3:Distribution.packageFormat.kind"): 1,
        # media types in the www.iana.org form; v3 names the W3C namespace (deviation S7)
        ("test.ttl", "dcat-ap-no-3:Distribution.mediaType.pattern"): 3,
        ("test.ttl", "dcat-ap-no-3:Kind.fn"): 7,
        ("test2.ttl", "dcat-ap-3:Catalog.description"): 1,
        ("test2.ttl", "dcat-ap-no-3:Catalog.contactPoint"): 1,
        ("test2.ttl", "dcat-ap-no-3:Dataset.theme"): 1,
        ("test2.ttl", "dcat-ap-no-3:Dataset.theme.vocab"): 1,
        ("test2.ttl", "dcat-ap-no-3:Kind.fn"): 5,
    },
}


def comparison(config: Config, path: Path) -> Comparison:
    shapes = tuple(REFERENCE / f for f in config.shapes)
    return differential(reference_id(path), path, shapes, config.profile, config.deviations)


def _rows(doc: Path) -> set[str]:
    return set(re.findall(r"^\|\s*([A-Z]+\d+)\s*\|", doc.read_text(encoding="utf-8"), re.M))


@pytest.fixture(scope="module", autouse=True)
def _reference() -> None:
    shared_reference("dcat-ap-no", "shacl", "v3-draft")
    logging.getLogger("pyshacl").setLevel(logging.ERROR)


@pytest.mark.parametrize(("config", "path"), [(c, p) for c in CONFIGS for p in c.inputs()],
                         ids=lambda x: x.profile if isinstance(x, Config) else reference_id(x))
def test_every_difference_is_documented(config: Config, path: Path) -> None:
    outcome = comparison(config, path)
    assert not outcome.unexplained, outcome.describe()


@pytest.mark.parametrize("config", CONFIGS, ids=lambda c: c.profile)
def test_deviation_rows_exist_and_are_used(config: Config) -> None:
    rows = _rows(config.doc)
    assert {d.row for d in config.deviations} <= rows, f"rows missing from {config.doc.name}"
    unused = unused_deviations(config.deviations, (comparison(config, path) for path in config.inputs()))
    assert not unused, f"allow-list entries no input needs any more: {unused}"


@pytest.mark.parametrize("config", CONFIGS, ids=lambda c: c.profile)
def test_official_examples_have_their_expected_errors(config: Config) -> None:
    found: Counter[tuple[str, str]] = Counter()
    for path in sorted(EXAMPLES.glob("*.ttl")):
        report = api.validate([str(path)], api.Options(profile=config.profile))
        found.update((path.name, f.rule) for f in report.findings if f.severity == Severity.ERROR)
    assert dict(found) == EXAMPLE_ERRORS[config.profile]


def figures() -> str:
    """Totals per profile for the deviation docs."""
    lines = []
    for config in CONFIGS:
        outcomes = [comparison(config, p) for p in config.inputs()]
        lines.append(f"{config.profile}: {len(outcomes)} inputs, {summary(outcomes)}")
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    logging.getLogger("pyshacl").setLevel(logging.ERROR)
    print(figures())
