"""DIGG's official DCAT-AP-SE examples, validated against the dcat-ap-se profile.

``exempel/obligatoriskt`` (mandatory fields) and ``exempel/rekommenderat`` (recommended fields), in
Turtle and RDF/XML, from diggsweden/DCAT-AP-SE (copies in ``../shared/reference/dcat-ap-se/examples``).
They are meant to conform, but were written for DCAT-AP-SE 2.0 and never updated: against 3.0.1 they
lack what 3.0.1 added or changed. Each error they produce is listed in ``EXPECTED`` with the reason,
and each rule id there must be explained in ``docs/deviations/dcat-ap-se.md`` (section "Official
examples"). Any other error, or an expected one that disappears, fails the test.
"""

from __future__ import annotations

import pytest

from nordval import api
from nordval.model import Severity
from tests.conftest import ROOT, shared_reference

DEVIATIONS = ROOT / "docs" / "deviations" / "dcat-ap-se.md"
EX = "https://example.com/"

# (rule, focus) of every error, with why DCAT-AP-SE 3.0.1 reports it.
OBLIGATORISKT = {
    ("dcat-ap-se:Agent.name.lang", EX + "publisher1"): "foaf:name is untagged; agent names are LANGUAGE_LITERAL",
    ("dcat-ap-se:Agent.type", EX + "publisher1"): "publisher type became mandatory in 3.0.1",
    ("dcat-ap-se:Distribution.format", EX + "distribution1"): "format is mandatory (1..1); the example has none",
    ("dcat-ap-se:DataService.format", EX + "dataservice1"): "data service format is mandatory (1..1)",
}
REKOMMENDERAT = {
    ("dcat-ap-se:Agent.name.lang", EX + "publisher1"): "foaf:name is untagged",
    ("dcat-ap-se:DataService.format", EX + "dataservice1"): "data service format is mandatory (1..1)",
    ("dcat-ap-3:Distribution.availability.vocab", EX + "distribution1"):
        "DCAT-AP 2.0 IRI .../r5r/availability/experimental instead of the Planned Availability NAL",
    ("dcat-ap-3:Distribution.availability.vocab", EX + "distribution2"): "same legacy availability IRI",
}
EXPECTED = {
    "obligatoriskt.ttl": OBLIGATORISKT,
    "obligatoriskt.rdf": OBLIGATORISKT,
    "rekommenderat.ttl": REKOMMENDERAT,
    "rekommenderat.rdf": REKOMMENDERAT,
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_official_example(name: str) -> None:
    path = shared_reference("dcat-ap-se", "examples", name)
    report = api.validate([str(path)], api.Options(profile="dcat-ap-se"))
    errors = {(f.rule, f.location.focus) for f in report.findings if f.severity == Severity.ERROR}
    assert errors == set(EXPECTED[name]), (
        f"unexpected: {sorted(errors - set(EXPECTED[name]))}\n"
        f"missing:    {sorted(set(EXPECTED[name]) - errors)}"
    )


def test_every_expected_error_is_explained() -> None:
    text = DEVIATIONS.read_text(encoding="utf-8")
    section = text.split("## Official examples", 1)[-1]
    rules = {rule for expected in EXPECTED.values() for rule, _ in expected}
    unexplained = sorted(r for r in rules if f"`{r}`" not in section)
    assert not unexplained, f"explain these in {DEVIATIONS.name}, section 'Official examples': {unexplained}"
