"""The 42 CPSV-AP-NO examples (written in 2022 for v1.0) under nordval's cpsv-ap-no profile (v1.1.0).

Each example's set of error rules is pinned, and every rule that fires is explained by ``WHY``:
the examples predate v1.1 (no cpsvno:hasPossibleOutput, catalogues without a contact point,
cv:Evidence / cv:Output instead of the Norwegian classes) or contain plain mistakes (durations
"PD3", prefixes used without @prefix). Most files are fragments describing one class, and conform.
The official EU example's outcome under cpsv-ap-no is pinned too (§4.4 of the research note), and
so are the examples' outcomes under the EU profile and the Single Digital Gateway profile: what a
Norwegian description means for the EU portals.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from nordval import api
from tests.conftest import shared_reference

PROFILE = "cpsv-ap-no"

# example file -> the error rules nordval reports under cpsv-ap-no (sorted)
EXPECTED: dict[str, tuple[str, ...]] = {
    "exAktor.ttl": (),
    "exAktorDummy.ttl": (),
    "exAlleKlasser.ttl": (
        'cpsv-ap-3:Agent.title',
        'cpsv-ap-3:Channel.processingTime.datatype',
        'cpsv-ap-no:Catalog.contactPoint',
        'cpsv-ap-no:PublicService.contactPoint',
        'cpsv-ap-no:PublicService.hasPossibleOutput',
        'cpsv-ap-no:PublicService.sector.vocab',
        'cpsv-ap-no:PublicService.status.vocab',
        'cpsv-ap-no:PublicService.type.pattern',
        'cpsv-ap-no:Service.contactPoint',
        'cpsv-ap-no:Service.hasPossibleOutput',
    ),
    "exAlleKlasser2.ttl": (
        'cpsv-ap-3:Channel.openingHours.kind',
        'cpsv-ap-3:Dataset.publisher',
        'cpsv-ap-no:Catalog.contactPoint',
        'cpsv-ap-no:PublicService.hasPossibleOutput',
        'cpsv-ap-no:PublicService.status.vocab',
        'cpsv-ap-no:Service.contactPoint',
        'cpsv-ap-no:Service.hasPossibleOutput',
    ),
    "exApningstidResepsjon.ttl": (),
    "exApningstidTelefon.ttl": (),
    "exDeltagelseDatatilbyder.ttl": (),
    "exDeltagelseTjenesteMottaker.ttl": (),
    "exDeltagelseTjenestetilbyder.ttl": (),
    "exDognkontinuerligApning.ttl": (),
    "exDokumentasjon.ttl": (),
    "exDokumentasjonDummy.ttl": (),
    "exDokumentreferanse.ttl": (),
    "exGebyr.ttl": (),
    "exHelligdagerBegrenset.ttl": (),
    "exHelligdagerStengt.ttl": (),
    "exHendelse.ttl": (),
    "exKatalog.ttl": ('cpsv-ap-no:Catalog.contactPoint',),
    "exKatalogDummy.ttl": ('cpsv-ap-no:Catalog.contactPoint',),
    "exKontaktPunkt.ttl": ('input.syntax',),
    "exKontaktpunktDummy.ttl": (),
    "exKrav.ttl": (),
    "exLivshendelse.ttl": (),
    "exOffentligOrganisasjon.ttl": (),
    "exOffentligOrganisasjonHOD.ttl": (),
    "exOffentligOrganisasjonPoliti.ttl": (),
    "exOffentligTjeneste.ttl": ('input.syntax',),
    "exRegel.ttl": (),
    "exRegelSoknadSkjenkebevilling.ttl": (),
    "exRegulativRessurs.ttl": (),
    "exRegulativRessursDummy.ttl": ('input.syntax',),
    "exRegulativRessursForvaltningslov.ttl": (),
    "exTidsrom.ttl": ('input.syntax',),
    "exTjenesteDummy.ttl": ('cpsv-ap-no:Service.hasPossibleOutput',),
    "exTjenestekanalEpost.ttl": ('cpsv-ap-3:Channel.processingTime.datatype',),
    "exTjenestekanalOnline.ttl": ('cpsv-ap-3:Channel.processingTime.datatype',),
    "exTjenestekanalTelefon.ttl": ('cpsv-ap-3:Channel.processingTime.datatype',),
    "exTjenestekanalTjenestekontor.ttl": ('cpsv-ap-3:Channel.processingTime.datatype',),
    "exTjenesteresultat.ttl": (),
    "exTjenesteresultatDummy.ttl": (),
    "exVirksomhetshendelse.ttl": (),
    "exVirksomhetshendelseDummy.ttl": (),
}

# Why each rule fires on the 1.0 examples.
WHY: dict[str, str] = {
    "input.syntax": "the file uses a prefix it never declares (xsd:, rdfs:, time:) or has a Turtle syntax "
                    "error (exOffentligTjeneste.ttl line 83); the official validator cannot read them either",
    "cpsv-ap-3:Channel.processingTime.datatype": 'processing time "PD3" is not an ISO 8601 duration (P3D)',
    "cpsv-ap-3:Channel.openingHours.kind": "opening hours given as a literal instead of a time:TemporalEntity",
    "cpsv-ap-3:Agent.title": "a foaf:Agent without dct:title (CPSV-AP 3.2.0 Agent: identifier and title mandatory)",
    "cpsv-ap-3:Dataset.publisher": "a dcat:Dataset without dct:publisher",
    "cpsv-ap-no:Catalog.contactPoint": "v1.1 makes the catalogue's contact point mandatory; the 1.0 examples have none",
    "cpsv-ap-no:PublicService.contactPoint": "v1.1 makes the contact point of a public service mandatory",
    "cpsv-ap-no:PublicService.hasPossibleOutput": "v1.1 replaced cpsv:produces/cv:Output by the mandatory "
                                                  "cpsvno:hasPossibleOutput",
    "cpsv-ap-no:Service.contactPoint": "cpsvno:Service: contact point mandatory",
    "cpsv-ap-no:Service.hasPossibleOutput": "cpsvno:Service: possible output mandatory (new in v1.1)",
    "cpsv-ap-no:PublicService.sector.vocab": "cv:sector is an SSB classification code; the spec says the EU "
                                             "Data Theme NAL SHALL be used",
    "cpsv-ap-no:PublicService.status.vocab": "adms:status uses the ADMS status vocabulary; v1.1 says the EU "
                                             "Distribution Status NAL SHALL be used",
    "cpsv-ap-no:PublicService.type.pattern": "dct:type is not a COFOG main-activity authority IRI",
}


# Under the other CPSV profiles, the examples with errors (every other example has none). Four
# files do not parse (prefixes used without @prefix); durations "PD3" are not xsd:duration. Both
# profiles report the same on every file but exAlleKlasser.ttl, where the SDG layer adds an error.
_EU_ERRORS: dict[str, tuple[str, ...]] = {
    "exAlleKlasser2.ttl": ('cpsv-ap-3:Channel.openingHours.kind', 'cpsv-ap-3:Dataset.publisher'),
    "exKontaktPunkt.ttl": ('input.syntax',),
    "exOffentligTjeneste.ttl": ('input.syntax',),
    "exRegulativRessursDummy.ttl": ('input.syntax',),
    "exTidsrom.ttl": ('input.syntax',),
    "exTjenestekanalEpost.ttl": ('cpsv-ap-3:Channel.processingTime.datatype',),
    "exTjenestekanalOnline.ttl": ('cpsv-ap-3:Channel.processingTime.datatype',),
    "exTjenestekanalTelefon.ttl": ('cpsv-ap-3:Channel.processingTime.datatype',),
    "exTjenestekanalTjenestekontor.ttl": ('cpsv-ap-3:Channel.processingTime.datatype',),
}
OTHER_PROFILES: dict[str, dict[str, tuple[str, ...]]] = {
    "cpsv-ap-3": {
        "exAlleKlasser.ttl": ('cpsv-ap-3:Agent.title', 'cpsv-ap-3:Channel.processingTime.datatype'),
        **_EU_ERRORS,
    },
    "cpsv-ap-sdg": {
        "exAlleKlasser.ttl": ('cpsv-ap-3:Agent.title', 'cpsv-ap-3:Channel.processingTime.datatype',
                              'cpsv-ap-sdg:PublicService.contactPoint'),
        **_EU_ERRORS,
    },
}


def _examples() -> list[Path]:
    return sorted(shared_reference("cpsv-ap-no", "examples").glob("*.ttl"))


def test_all_42_examples_are_pinned() -> None:
    assert sorted(p.name for p in _examples()) == sorted(EXPECTED)
    assert len(EXPECTED) == 42


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_outcome(name: str) -> None:
    path = shared_reference("cpsv-ap-no", "examples", name)
    report = api.validate([str(path)], api.Options(profile=PROFILE))
    errors = tuple(sorted({f.rule for f in report.findings if f.severity.name == "ERROR"}))
    assert errors == EXPECTED[name]
    assert report.conforms() == (not errors)


def test_every_failing_rule_is_explained() -> None:
    fired = {rule for rules in EXPECTED.values() for rule in rules}
    assert fired <= set(WHY), sorted(fired - set(WHY))
    assert set(WHY) <= fired, sorted(set(WHY) - fired)


def test_official_eu_example_fails_cpsv_ap_no_rule_by_rule() -> None:
    """§4.4: an EU-conformant description lacks what Norway makes mandatory."""
    path = shared_reference("cpsv-ap-3", "3.2.0_example-rdf_public_service.ttl")
    report = api.validate([str(path)], api.Options(profile=PROFILE))
    errors = {(f.rule, f.location.focus) for f in report.findings if f.severity.name == "ERROR"}
    assert errors == {
        ("cpsv-ap-no:PublicService.hasPossibleOutput", "http://example.com/publicService1"),
        ("cpsv-ap-no:PublicOrganisation.identifier", "http://example.com/publicOrganisation1"),
    }
    warnings = {f.rule for f in report.findings if f.severity.name == "WARNING"}
    assert {"cpsv-ap-no:PublicService.hasInput.removed", "cpsv-ap-no:Channel.type.vocab"} <= warnings


@pytest.mark.parametrize("profile", sorted(OTHER_PROFILES))
def test_examples_under_the_eu_and_sdg_profiles(profile: str) -> None:
    expected = OTHER_PROFILES[profile]
    found: dict[str, tuple[str, ...]] = {}
    for path in _examples():
        report = api.validate([str(path)], api.Options(profile=profile))
        errors = tuple(sorted({f.rule for f in report.findings if f.severity.name == "ERROR"}))
        if errors:
            found[path.name] = errors
    assert found == expected
    # What Norway adds is not an EU error: no cpsv-ap-no rule fires under the EU profiles.
    assert not any(rule.startswith("cpsv-ap-no:") for rules in found.values() for rule in rules)
