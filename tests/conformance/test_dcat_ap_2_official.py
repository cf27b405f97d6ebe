"""Differential test: nordval ``dcat-ap-2`` against the official DCAT-AP 2.1.1 SHACL.

pySHACL runs the official 2.1.1 shapes (``shapes`` + ``range`` + ``mdr-vocabularies``, i.e. the EU
validator's "Full" configuration without the Warning-only ``shapes_recommended``) on the official
examples and on the dcat-ap-2 fixtures, with background knowledge (see ``dcat_ap_2x_diff``).  The
(focus, path) pairs of its ``sh:Violation`` results are compared with those of nordval's errors on
the same input; each pair only one side flags must match an entry of ``DEVIATIONS``, which names the
row of ``docs/deviations/dcat-ap-2.md`` giving the reason.  An unexplained difference fails, and so
does an entry no input uses any more.  The official examples also run through nordval alone with the
outcome ``releases/2.1.x/examples/examples.md`` gives them: both conform (example2's
foaf:Organization publisher conforms once FOAF's subclass axiom is known, which nordval bundles).

``python -m tests.conformance.test_dcat_ap_2_official`` prints the figures for the deviations doc.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from nordval import api
from nordval.model import Severity
from tests.conftest import FIXTURES, ROOT, SHARED_REFERENCE, shared_reference

from .dcat_ap_2x_diff import Comparison, Deviation, differential, documented_rows, totals, unused_deviations
from .harness import fixtures

PROFILE = "dcat-ap-2"
REFERENCE = SHARED_REFERENCE / "dcat-ap-2"
OFFICIAL_FILES = (
    "shacl/dcat-ap_2.1.1_shacl_shapes.ttl",
    "shacl/dcat-ap_2.1.1_shacl_range.ttl",
    "shacl/dcat-ap_2.1.1_shacl_mdr-vocabularies.shape.ttl",
)
EXAMPLES = ("example1.nt", "example2.nt")
DOC = ROOT / "docs" / "deviations" / "dcat-ap-2.md"
DATA_SUFFIXES = (".ttl", ".jsonld", ".rdf", ".trig", ".nt")

DCT = "http://purl.org/dc/terms/"
SPDX = "http://spdx.org/rdf/terms#"

DEVIATIONS = (
    Deviation("D2-01", "official", r"sh:class",
              note="range.ttl: sh:class on values the data does not type (NAL concepts, licences, pages)"),
    Deviation("D2-02", "official", r"sh:hasValue", path=SPDX + "algorithm",
              note="shapes.ttl still pins spdx:checksumAlgorithm_sha1; 2.1.0 (#158) allows other algorithms"),
    Deviation("D2-03", "nordval", r"dcat-ap-2:Identifier\.notation",
              note="notation is mandatory since 2.1.0 (#134); the official shape has only sh:maxCount"),
)


def _inputs() -> list[Path]:
    examples = [REFERENCE / "examples" / name for name in EXAMPLES] if REFERENCE.exists() else []
    return fixtures(PROFILE, DATA_SUFFIXES) + examples


def _id(path: Path) -> str:
    return path.name if path.is_relative_to(REFERENCE) else str(path.relative_to(FIXTURES))


def comparison(path: Path) -> Comparison:
    return differential(_id(path), path, tuple(REFERENCE / f for f in OFFICIAL_FILES), PROFILE, DEVIATIONS)


@pytest.mark.parametrize("path", _inputs(), ids=_id)
def test_every_difference_is_documented(path: Path) -> None:
    shared_reference("dcat-ap-2", "shacl")
    outcome = comparison(path)
    assert not outcome.unexplained, outcome.describe()


def test_deviation_rows_exist_and_are_used() -> None:
    shared_reference("dcat-ap-2", "shacl")
    rows = documented_rows(DOC)
    assert {d.row for d in DEVIATIONS} <= rows, f"rows missing from {DOC.name}"
    unused = unused_deviations(DEVIATIONS, map(comparison, _inputs()))
    assert not unused, f"allow-list entries no input needs any more: {unused}"


@pytest.mark.parametrize("name", EXAMPLES)
def test_official_examples_conform(name: str) -> None:
    path = shared_reference("dcat-ap-2", "examples", name)
    report = api.validate([str(path)], api.Options(profile=PROFILE))
    errors = [f for f in report.findings if f.severity == Severity.ERROR]
    assert not errors, [(f.rule, f.location.focus) for f in errors]


def figures() -> str:
    """Totals for docs/deviations/dcat-ap-2.md."""
    return totals(_inputs(), comparison)


if __name__ == "__main__":
    print(figures())
