"""The official CPSV-AP 3.2.0 example judged by ``cpsv-ap-sdg``: the outcome is pinned, with reasons.

The Belgian "Tax-on-web" example (``../shared/reference/cpsv-ap-3/3.2.0_example-rdf_public_service``,
Turtle and JSON-LD with the published context resolved offline) conforms to ``cpsv-ap-3`` with no
finding (tests/conformance/test_cpsv_ap_3_official.py). It was written for CPSV-AP, not for the
Single Digital Gateway, so the SDG layer finds exactly what an SDG-minded reviewer would:

* one error: the service is described in French only, so the steps and instructions are not
  available in English (Art. 13(2)(a));
* warnings for the Art. 10(2) items it leaves out (fees, processing time, languages, redress rule),
  for a channel that does not say which eID means it accepts, and for evidence named and described
  in French only.

Nothing else may appear: every finding is listed in ``EXPECTED`` with the reason, and every finding
comes from the ``cpsv-ap-sdg`` layer (the CPSV-AP 3.2.0 rules the example meets stay silent).
"""

from __future__ import annotations

import pytest

from nordval import api
from nordval.model import Finding, Report
from tests.conftest import shared_reference

PROFILE = "cpsv-ap-sdg"
EXAMPLES = ("3.2.0_example-rdf_public_service.ttl", "3.2.0_example-rdf_public_service.jsonld")

EX = "http://example.com/"
DCT = "http://purl.org/dc/terms/"
CV = "http://data.europa.eu/m8g/"
CPSV = "http://purl.org/vocab/cpsv#"

# (focus, path, rule, severity): why
EXPECTED: dict[tuple[str, str, str, str], str] = {
    (EX + "publicService1", DCT + "description", "cpsv-ap-sdg:PublicService.description.en", "error"):
        "the description (the steps of the procedure) is in French only",
    (EX + "publicService1", CV + "hasCost", "cpsv-ap-sdg:PublicService.hasCost", "warning"):
        "no fee is stated (Art. 10(2)(f)); Tax-on-web is free, which the data does not say",
    (EX + "publicService1", CV + "processingTime", "cpsv-ap-sdg:PublicService.processingTime", "warning"):
        "no deadline or indicative processing time (Art. 10(2)(g))",
    (EX + "publicService1", DCT + "language", "cpsv-ap-sdg:PublicService.language", "warning"):
        "the languages in which the procedure can be completed are not given (Art. 10(2)(i))",
    (EX + "publicService1", CPSV + "follows", "cpsv-ap-sdg:PublicService.follows", "warning"):
        "no rule describing remedies or redress (Art. 10(2)(e))",
    (EX + "channel1", DCT + "description", "cpsv-ap-sdg:Channel.description", "warning"):
        "the channel has only a type; the accepted eID means are not described (Art. 10(2)(c))",
    (EX + "evidence1", DCT + "title", "cpsv-ap-sdg:Evidence.title.en", "warning"):
        "the evidence is named in French only",
    (EX + "evidence1", DCT + "description", "cpsv-ap-sdg:Evidence.description.en", "warning"):
        "the evidence is described in French only",
}


def _key(finding: Finding) -> tuple[str, str, str, str]:
    loc = finding.location
    return (loc.focus or "", loc.path or "", finding.rule, finding.severity.label)


def _report(name: str) -> Report:
    """The official example's report under cpsv-ap-sdg (skips without ../shared/reference)."""
    path = shared_reference("cpsv-ap-3", name)
    return api.validate([str(path)], api.Options(profile=PROFILE))


@pytest.mark.parametrize("name", EXAMPLES)
def test_official_example_outcome_is_pinned(name: str) -> None:
    report = _report(name)
    found = {_key(f) for f in report.findings}
    assert found == set(EXPECTED), (
        f"unexpected: {sorted(found - set(EXPECTED))}\nmissing: {sorted(set(EXPECTED) - found)}"
    )
    assert not report.conforms()
    assert {f.layer for f in report.findings} == {PROFILE}


@pytest.mark.parametrize("name", EXAMPLES)
def test_official_example_meets_what_it_already_says_in_english(name: str) -> None:
    """The English name, the contact point (with a telephone), the channel, the evidence, the
    authority's English name and the English requirement title are all there: no finding."""
    rules = {f.rule for f in _report(name).findings}
    for satisfied in ("PublicService.title.en", "PublicService.contactPoint", "ContactPoint.reachable",
                      "PublicService.hasChannel", "PublicService.hasInput", "PublicOrganisation.prefLabel.en",
                      "Requirement.title.en"):
        assert f"{PROFILE}:{satisfied}" not in rules
