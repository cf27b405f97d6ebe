"""Differential test: nordval's dcat-ap-fi against the avoindata.fi SHACL.

The portal's own shapes (``../shared/reference/dcat-ap-fi/avoindata_dcat-ap_shacl.ttl``, the EU
DCAT-AP 2.0.0 shapes adapted by the Finnish Digital Agency) run with plain pySHACL on every
dcat-ap-fi fixture and on the two DCAT-AP 2.1.1 examples; their ``sh:Violation`` results are
compared with nordval's errors on the same input, on the (focus, path) pairs each side flags
(harness: ``tests/conformance/dcat_ap_2x_diff.py``).  Every pair only one side flags must match an
entry of ``DEVIATIONS``, whose row id is a row of ``docs/deviations/dcat-ap-fi.md`` saying what
differs and why; an unexplained difference fails, and so does an entry nothing uses any more.

The portal documents running its shapes with FOAF as ontology and RDFS inference (the FOAF file
only contributes the Organization/Person/Group ⊑ Agent axioms the shapes need); the harness gives
the same axioms through nordval's background ontology and adds the code-list membership facts
nordval itself uses, so that neither side depends on the network.

``python -m tests.conformance.test_dcat_ap_fi_official`` prints the comparison of every input.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conformance.dcat_ap_2x_diff import Comparison, Deviation, Key, differential, documented_rows
from tests.conformance.harness import fixtures
from tests.conftest import FIXTURES, ROOT, SHARED_REFERENCE, shared_reference

PROFILE = "dcat-ap-fi"
DEVIATION_DOC = ROOT / "docs" / "deviations" / "dcat-ap-fi.md"
DATA_SUFFIXES = (".ttl", ".rdf", ".jsonld", ".nt")
NAL = r"http://publications\.europa\.eu/resource/authority/.*"

DEVIATIONS: tuple[Deviation, ...] = (
    Deviation("DFI-01", "official", r"sh:class", value=NAL,
              note="sh:class dct:Frequency, dct:LinguisticSystem, dct:Location, dct:RightsStatement or "
                   "dct:MediaTypeOrExtent on an EU NAL concept, which the NALs type skos:Concept only"),
    Deviation("DFI-02", "official", r"sh:hasValue", path=r"http://spdx\.org/rdf/terms#algorithm",
              note="the portal shapes accept SHA-1 only; DCAT-AP 2.1 any SPDX algorithm"),
    Deviation("DFI-03", "nordval", r"dcat-ap-fi:Dataset\.collectionType(\.max|\.kind)?",
              note="adfi:collectionType is mandatory in model.yml but absent from the portal shapes"),
    Deviation("DFI-04", "nordval", r"dcat-ap-fi:Showcase\..*",
              note="the Showcase class is in model.yml but not in the portal shapes"),
    Deviation("DFI-05", "nordval", r"dcat-ap-fi:Dataset\.temporal\.max",
              note="model.yml: dct:temporal 0..1; the portal shapes have no maximum"),
    Deviation("DFI-06", "nordval", r"dcat-ap-fi:Dataset\.custodian\.kind",
              path=r"http://data\.europa\.eu/930/custodian",
              note="the portal shapes check http://data.europa.eu/930/#custodian, not GeoDCAT-AP's IRI"),
    Deviation("DFI-07", "nordval", r"dcat-ap-2:.*\.vocab",
              note="the portal shapes have no controlled-vocabulary checks"),
    Deviation("DFI-08", "nordval", r"dcat-ap-2:Distribution\.format\.kind",
              note="the portal shapes accept any node typed dct:MediaTypeOrExtent, a blank node too"),
    Deviation("DFI-09", "official", r"sh:class",
              path=r"http://xmlns\.com/foaf/0\.1/(homepage|page)|http://www\.w3\.org/ns/dcat#landingPage",
              note="sh:class foaf:Document on a web page the input does not type; the portal's recipe "
                   "infers the type from FOAF's rdfs:range, nordval checks the range only as a Warning "
                   "on values typed as something else"),
)

# Inputs where both sides must flag the same (focus, path): the extension's own rules that the
# portal shapes do carry.
AGREEMENTS: dict[str, set[Key]] = {
    "dvv-catalogue-without-datasets.ttl": {
        ("https://www.avoindata.fi/data/", "http://www.w3.org/ns/dcat#dataset")},
    "tilastokeskus-two-creators.ttl": {
        ("https://www.avoindata.fi/data/fi/dataset/vaestorakenne", "http://purl.org/dc/terms/creator")},
    "tilastokeskus-distribution-temporal-literal.ttl": {
        ("https://www.avoindata.fi/data/fi/dataset/vaestorakenne/resource/11re-csv",
         "http://purl.org/dc/terms/temporal")},
}


def _inputs() -> list[Path]:
    return fixtures(PROFILE, DATA_SUFFIXES) + sorted((SHARED_REFERENCE / "dcat-ap-2" / "examples").glob("*.nt"))


def _id(path: Path) -> str:
    if path.is_relative_to(FIXTURES):
        return str(path.relative_to(FIXTURES / PROFILE))
    return f"dcat-ap-2-examples/{path.name}"


def _row(match: object) -> str:
    """The row id of an explained difference (the harness records the Deviation or its row)."""
    return str(getattr(match, "row", match))


def _compare(path: Path) -> Comparison:
    shapes = shared_reference("dcat-ap-fi", "avoindata_dcat-ap_shacl.ttl")
    return differential(path.name, path, (shapes,), PROFILE, DEVIATIONS)


@pytest.mark.parametrize("path", _inputs(), ids=_id)
def test_every_difference_is_documented(path: Path) -> None:
    outcome = _compare(path)
    assert not outcome.unexplained, outcome.describe()


@pytest.mark.parametrize("name", sorted(AGREEMENTS))
def test_both_sides_flag_the_rules_they_share(name: str) -> None:
    path = next(p for p in _inputs() if p.name == name)
    missing = AGREEMENTS[name] - _compare(path).agreed
    assert not missing, f"{name}: expected both nordval and the portal shapes to flag {missing}"


def test_every_deviation_is_used_and_documented() -> None:
    used = {_row(match) for path in _inputs() for _side, _result, match in _compare(path).explained}
    rows = {d.row for d in DEVIATIONS}
    assert rows <= used, f"allow-list entries no input needs any more: {sorted(rows - used)}"
    undocumented = rows - documented_rows(DEVIATION_DOC)
    assert not undocumented, f"rows missing from {DEVIATION_DOC.name}: {sorted(undocumented)}"


if __name__ == "__main__":  # pragma: no cover - a report for the deviations document
    for item in _inputs():
        print(_compare(item).describe())
        for side, result, match in _compare(item).explained:
            print(f"  {_row(match)} only {side}: {result.focus} {result.path} {result.check}")
