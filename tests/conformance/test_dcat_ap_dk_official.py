"""Differential test: nordval ``dcat-ap-dk`` against the official DCAT-AP-DK 2.0.2 SHACL.

pySHACL runs ``dcat-ap-dk_2.0.2_shacl_shapes.ttl`` (the default, pattern-based variant; the RDF/XML
file is the same shapes) on the dcat-ap-dk fixtures, on the DCAT-AP-DK 3.0.0 examples (the only
examples Digitaliseringsstyrelsen publishes; 3.0.0 has no SHACL of its own) and on the DCAT-AP 2.1.1
examples, with background knowledge (see ``dcat_ap_2x_diff``).  The (focus, path) pairs of its
``sh:Violation`` results are compared with those of nordval's errors; each pair only one side flags
must match an entry of ``DEVIATIONS``, which names the row of ``docs/deviations/dcat-ap-dk.md``
giving the reason.  An unexplained difference fails, and so does an entry no input uses any more.

``python -m tests.conformance.test_dcat_ap_dk_official`` prints the figures for the deviations doc.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT, SHARED_REFERENCE, shared_reference

from .dcat_ap_2x_diff import (
    Comparison,
    Deviation,
    differential,
    documented_rows,
    reference_id,
    totals,
    unused_deviations,
)
from .harness import fixtures

PROFILE = "dcat-ap-dk"
REFERENCE = SHARED_REFERENCE / "dcat-ap-dk"
OFFICIAL_FILES = ("shacl/2.0.2/dcat-ap-dk_2.0.2_shacl_shapes.ttl",)
EXAMPLES = (
    SHARED_REFERENCE / "dcat-ap-dk" / "examples" / "v3.0.0" / "basic-example1.ttl",
    SHARED_REFERENCE / "dcat-ap-dk" / "examples" / "v3.0.0" / "basic-example1.rdf",
    SHARED_REFERENCE / "dcat-ap-dk" / "examples" / "v3.0.0" / "extended-example1.ttl",
    SHARED_REFERENCE / "dcat-ap-2" / "examples" / "example1.nt",
    SHARED_REFERENCE / "dcat-ap-2" / "examples" / "example2.nt",
)
DOC = ROOT / "docs" / "deviations" / "dcat-ap-dk.md"
DATA_SUFFIXES = (".ttl", ".jsonld", ".rdf", ".trig", ".nt")

DCAT = "http://www.w3.org/ns/dcat#"
DCATDK = "https://data.gov.dk/model/core/dcat-dk/"

DEVIATIONS = (
    Deviation("DK-02", "official", r"sh:class", path=DCATDK + "datasetResponsibleOrganisation",
              note="the shape's class is https://www.w3.org/ns/org#Organization, which nothing is"),
    Deviation("DK-01", "official", r"sh:class",
              note="sh:class on values the data does not type (NAL concepts, licences, pages)"),
    Deviation("DK-03", "official", r"sh:pattern", path=DCATDK + "personalDataCategory",
              note="the shape's pattern .../PersonalDataCategory/ rejects the five codes the spec lists"),
    Deviation("DK-03", "nordval", r"dcat-ap-dk:Dataset\.personalDataCategory\.vocab",
              note="a code shaped after the official pattern is not one of the spec's five codes"),
    Deviation("DK-04", "nordval", r"dcat-ap-dk:Dataset\.(issued|modified)\.datatype",
              note="the official Dataset dates have no datatype check; the spec says xsd:date/xsd:dateTime"),
    Deviation("DK-05", "nordval", r"dcat-ap-dk:Dataset\.publisher\.or-responsible",
              note="usage note: every dataset has a publisher or a dataset responsible organisation"),
    Deviation("DK-06", "official", r"sh:pattern", path=DCAT + "(compressFormat|packageFormat)",
              note="IANA for compression/packaging formats is BØR (should): Warning in nordval"),
    Deviation("DK-07", "nordval", r"dcat-ap-2:Distribution\.format\.vocab",
              value=r"http://publications\.europa\.eu/resource/authority/file-type/.*",
              note="file-type namespace pattern vs membership in the File Type NAL (file-type/csv)"),
    Deviation("DK-08", "nordval", r"dcat-ap-2:Dataset\.language\.vocab",
              note="the official shape grades the Dataset language check sh:Info; the spec says skal"),
    Deviation("DK-09", "nordval", r"dcat-ap-2:Dataset\.accessRights\.(kind|vocab)",
              note="no access-right check in the official shapes; the spec lists PUBLIC, RESTRICTED, NON_PUBLIC"),
    Deviation("DK-10", "nordval", r"dcat-ap-2:CatalogRecord\..*",
              focus=r"https://dcat\.example\.org/cataloguerecord-001",
              note="example types its record dcat:CatalogueRecord; nordval reaches it through dcat:record"),
)


def _inputs() -> list[Path]:
    return fixtures(PROFILE, DATA_SUFFIXES) + [p for p in EXAMPLES if p.exists()]


def comparison(path: Path) -> Comparison:
    return differential(reference_id(path), path, tuple(REFERENCE / f for f in OFFICIAL_FILES), PROFILE, DEVIATIONS)


@pytest.mark.parametrize("path", _inputs(), ids=reference_id)
def test_every_difference_is_documented(path: Path) -> None:
    shared_reference("dcat-ap-dk", "shacl", "2.0.2")
    outcome = comparison(path)
    assert not outcome.unexplained, outcome.describe()


def test_deviation_rows_exist_and_are_used() -> None:
    shared_reference("dcat-ap-dk", "shacl", "2.0.2")
    rows = documented_rows(DOC)
    assert {d.row for d in DEVIATIONS} <= rows, f"rows missing from {DOC.name}"
    unused = unused_deviations(DEVIATIONS, map(comparison, _inputs()))
    assert not unused, f"allow-list entries no input needs any more: {unused}"


def figures() -> str:
    """Totals for docs/deviations/dcat-ap-dk.md."""
    return totals(_inputs(), comparison)


if __name__ == "__main__":
    print(figures())
