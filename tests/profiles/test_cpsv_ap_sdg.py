"""cpsv-ap-sdg: the behaviours its fixtures do not pin, on small service descriptions.

The fixtures (fixtures/cpsv-ap-sdg) show one defect each; these tests hold the edges of the
interpretation written down in docs/deviations/cpsv-ap-sdg.md: which English tags count, that an
English-version rule never doubles a missing-text error, that "where applicable" items are warnings
and that an any-of rule still names the property it is about.
"""

from __future__ import annotations

from functools import cache

import pytest
from rdflib import Graph

from nordval import api, profiles
from nordval.inputs import Document
from nordval.model import Finding
from tests.conftest import ROOT

PROFILE = "cpsv-ap-sdg"
PREFIXES = """
@prefix cpsv: <http://purl.org/vocab/cpsv#> .
@prefix cv:   <http://data.europa.eu/m8g/> .
@prefix dct:  <http://purl.org/dc/terms/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .
"""
S = "https://example.org/service"
# A service giving every Art. 10(2) item, in Estonian and English; tests vary one thing.
COMPLETE = """
<https://example.org/service> a cpsv:PublicService ;
    dct:identifier "svc" ;
    dct:title {title} ;
    dct:description {description} ;
    cv:hasCompetentAuthority <https://example.org/authority> ;
    cv:contactPoint <https://example.org/contact> ;
    cv:hasChannel <https://example.org/channel> ;
    {evidence} ;
    cpsv:follows <https://example.org/rule> ;
    cv:hasCost <https://example.org/cost> ;
    dct:language <http://publications.europa.eu/resource/authority/language/EST> ;
    cv:processingTime "P5D"^^xsd:duration .
<https://example.org/authority> a cv:PublicOrganisation ;
    skos:prefLabel "Siseministeerium"@et , "Ministry of the Interior"@en ;
    dct:spatial <http://publications.europa.eu/resource/authority/country/EST> .
<https://example.org/contact> a cv:ContactPoint ; cv:email "info@example.org" .
<https://example.org/channel> a cv:Channel ; dct:identifier "ch" ;
    dct:description "ID-kaart"@et , "Estonian ID card or an eIDAS-notified eID"@en .
<https://example.org/rule> a cpsv:Rule ; dct:identifier "r" ;
    dct:title "Vaie"@et , "Challenge"@en ; dct:description "30 päeva"@et , "Within 30 days"@en .
<https://example.org/cost> a cv:Cost ; dct:identifier "c" ; {cost} .
"""
DEFAULTS = {
    "title": '"Elukoha tõend"@et , "Certificate of residence"@en',
    "description": '"Logi sisse ja laadi tõend alla."@et , "Log in and download the certificate."@en',
    "evidence": "cv:hasInputType <https://example.org/evidence-type>",
    "cost": 'cv:hasValue "0"^^xsd:double ; cv:currency <http://publications.europa.eu/resource/authority/currency/EUR>',
}


@cache
def _profile() -> profiles.ResolvedProfile:
    return profiles.resolve(PROFILE)


def _findings(turtle: str) -> list[Finding]:
    graph = Graph().parse(data=PREFIXES + turtle, format="turtle")
    return api.validate_document(Document("snippet", "rdf", "turtle", graphs=[(None, graph)]), _profile(), ("en",))


def _service(**changes: str) -> list[Finding]:
    return _findings(COMPLETE.format(**{**DEFAULTS, **changes}))


def _rules(findings: list[Finding]) -> set[str]:
    return {f.rule for f in findings}


def test_complete_service_has_no_finding() -> None:
    assert _service() == []


@pytest.mark.parametrize("tag", ["en", "en-GB", "EN", "en-t-et-t0-mtec"])
def test_any_english_tag_counts(tag: str) -> None:
    """sh:languageIn matches by language range: regional and machine-translation (RFC 6497) tags count."""
    assert _service(description=f'"Logi sisse."@et , "Log in."@{tag}') == []


def test_no_english_description_is_an_error_on_the_description() -> None:
    [finding] = _service(description='"Logi sisse ja laadi tõend alla."@et')
    assert (finding.rule, finding.severity.label) == (f"{PROFILE}:PublicService.description.en", "error")
    assert finding.location.path == "http://purl.org/dc/terms/description"


def test_missing_description_is_reported_once_by_cpsv_ap_3() -> None:
    """The English-version rule judges only texts that exist; a missing text is the parent's error."""
    findings = _findings(COMPLETE.format(**DEFAULTS).replace(
        "dct:description " + DEFAULTS["description"] + " ;", ""))
    assert _rules(findings) == {"cpsv-ap-3:PublicService.description"}


def test_untagged_english_text_is_a_language_tag_error_and_no_english() -> None:
    findings = _service(title='"Elukoha tõend"@et , "Certificate of residence"')
    assert _rules(findings) == {"cpsv-ap-3:PublicService.title.lang", f"{PROFILE}:PublicService.title.en"}


def test_any_evidence_carrier_satisfies_the_evidence_rule() -> None:
    for evidence in ("cv:hasInputType <https://example.org/et>", "cpsv:hasInput <https://example.org/e>",
                     "cv:holdsRequirement <https://example.org/req>"):
        assert f"{PROFILE}:PublicService.hasInput" not in _rules(_service(evidence=evidence))


def test_no_evidence_is_a_warning_naming_has_input() -> None:
    [finding] = _service(evidence='dct:audience <https://example.org/citizens>')
    assert (finding.rule, finding.severity.label) == (f"{PROFILE}:PublicService.hasInput", "warning")
    assert finding.location.path == "http://purl.org/vocab/cpsv#hasInput"


@pytest.mark.parametrize(("cost", "expected"), [
    ('cv:hasValue "12"^^xsd:double', {f"{PROFILE}:Cost.currency"}),
    ('dct:description "Tasuta"@et , "Free of charge"@en', set()),
    ('dct:description "Tasuta"@et', {f"{PROFILE}:Cost.description.en"}),
    ('cv:ifAccessedThrough <https://example.org/channel>', {f"{PROFILE}:Cost.hasValue"}),
])
def test_fees(cost: str, expected: set[str]) -> None:
    findings = _service(cost=cost)
    assert _rules(findings) == expected
    assert all(f.severity.label == "warning" for f in findings)


def test_contact_point_needs_a_way_to_reach_the_authority() -> None:
    findings = _findings(COMPLETE.format(**DEFAULTS).replace('cv:email "info@example.org"',
                                                             "cv:openingHours <https://example.org/hours>"))
    assert [(f.rule, f.severity.label, f.location.focus) for f in findings] == [
        (f"{PROFILE}:ContactPoint.reachable", "error", "https://example.org/contact")]


def test_layer_shape() -> None:
    """Extends CPSV-AP 3.2.0, changes none of its rules, and every own rule cites the Regulation."""
    profile = _profile()
    leaf = profile.profile
    assert (leaf.extends, leaf.family, leaf.status) == ("cpsv-ap-3", "cpsv", "draft")
    assert not (leaf.deactivate or leaf.replace or leaf.severity)
    own = [r for r in profile.rules.values() if r.layer == PROFILE and r.reportable]
    assert len(own) >= 20
    for rule in own:
        assert rule.id.startswith(f"{PROFILE}:"), rule.id
        assert rule.see and "32018R1724#art_1" in rule.see, rule.id
        assert rule.path is not None or rule.id in {f"{PROFILE}:{n}" for n in
                                                    ("PublicService", "Channel", "Evidence", "ContactPoint.reachable")}


def test_generated_shapes_use_language_in_and_nv_path() -> None:
    """The two generator features this layer needed: literal sh:languageIn lists, nv:path on node rules."""
    text = (ROOT / "nordval" / "shapes" / PROFILE / f"{PROFILE}.ttl").read_text(encoding="utf-8")
    assert 'sh:languageIn ( "en" )' in text
    assert "nv:path cpsv:hasInput" in text
