"""X-Road's own WSDL files, each with the outcome the security server gives it when it is added.

SOURCE.md records accepted / rejected / warning (the CXF validator add-on's "exit 0 with
output"). nordval's registration verdict is computed from the levels X-Road applies when a WSDL
is added (docs/xroad.md): *rejected* = an error from ``input.*``, ``offline.*``, ``wsdl.*`` or
``registration.*``; *warning* = no such error but a ``wsdl.*`` warning; otherwise *accepted*.
``spec.*`` findings are what X-Road does not check at registration; they are compared separately
(SPEC_ERRORS), so a registered-but-broken WSDL is neither hidden nor counted as a disagreement.
"""

from __future__ import annotations

import pytest

from nordval import api
from nordval.inputs import Source
from nordval.model import Finding, Severity
from tests.conftest import shared_reference

A, R, W = "accepted", "rejected", "warning"
ADMIN = "wsdl/securityserver-admin-tests/"
CXF = "wsdl/wsdlvalidator-tests/"
# file -> outcome. Recorded in SOURCE.md unless marked "derived" (the reason follows).
OUTCOMES: dict[str, str] = {
    f"{ADMIN}valid.wsdl": A, f"{ADMIN}valid-getrandom.wsdl": A, f"{ADMIN}valid-smallattachment.wsdl": A,
    f"{ADMIN}valid-additional-services.wsdl": A, f"{ADMIN}testservice.wsdl": A,
    f"{ADMIN}error.wsdl": R,  # ERROR_INVALID_WSDL (xs:element name="")
    f"{ADMIN}invalid.wsdl": R,  # not XML
    f"{ADMIN}invalid-servicecode-colon.wsdl": R,  # ERROR_INVALID_SERVICE_IDENTIFIER
    f"{ADMIN}invalid-servicecode-all.wsdl": R,  # ERROR_INVALID_SERVICE_IDENTIFIER (: ; \ / % /../)
    f"{ADMIN}invalid-serviceversion-percent.wsdl": R,  # ERROR_INVALID_SERVICE_IDENTIFIER
    f"{ADMIN}invalid-serviceurl.wsdl": R,  # ERROR_INVALID_SERVICE_URL
    f"{ADMIN}xxe.wsdl": R,  # XXE probe: must not be resolved
    "wsdl/system-test/testservice1.wsdl": A, "wsdl/system-test/testservice2.wsdl": A,
    "wsdl/system-test/testservice3.wsdl": A,
    f"{CXF}testservice.wsdl": A, f"{CXF}warn.wsdl": W,
    f"{CXF}warnanderror.wsdl": R,  # unresolvable swaref.xsd
    f"{CXF}error.wsdl": R,  # xs:element name=""
    "wsdl/xroad6-example.wsdl": A,  # derived: the validator add-on's own documentation example
    # derived: X-Road's own services; their codes are reserved-service-codes (research note §3.3),
    # so adding these WSDLs as a member's service description is refused
    "wsdl/xroad-system-services/env-monitoring/monitoring.wsdl": R,
    "wsdl/xroad-system-services/op-monitoring/op-monitoring.wsdl": R,
    "spec-examples/pr-meta/annexB-metaservices.wsdl": R,
    # derived: the specification's own example WSDLs
    "spec-examples/pr-mess/annexC-example.wsdl": A,
    "spec-examples/ext-representation/annexB-example.wsdl": A,
    "spec-examples/pr-meta/C8-getWsdl-response-attachment.wsdl": R,  # no namespace declarations (SOURCE.md)
}
# Disagreements on the registration outcome, each explained in docs/deviations/xroad.md. None today.
ALLOWED: dict[str, str] = {}
# What nordval reports beyond registration: spec.* errors (registered, but not PR-MESS conformant).
SPEC_ERRORS: dict[str, set[str]] = {
    f"{ADMIN}valid.wsdl": {"spec.header.legacy"}, f"{ADMIN}valid-getrandom.wsdl": {"spec.header.legacy"},
    f"{ADMIN}valid-smallattachment.wsdl": {"spec.header.legacy"},
    f"{ADMIN}invalid-servicecode-colon.wsdl": {"spec.header.legacy"},
    f"{ADMIN}invalid-servicecode-all.wsdl": {"spec.header.legacy"},
    f"{ADMIN}invalid-serviceversion-percent.wsdl": {"spec.header.legacy"},
    f"{ADMIN}invalid-serviceurl.wsdl": {"spec.header.legacy"},
    # SOURCE.md: wrappers testOp for operations testOp1/testOpA would fail at runtime; SOAP 1.2 only
    "wsdl/system-test/testservice1.wsdl": {"spec.wrapper", "spec.binding.soap12"},
    "wsdl/system-test/testservice2.wsdl": {"spec.wrapper", "spec.binding.soap12"},
    "wsdl/system-test/testservice3.wsdl": {"spec.wrapper", "spec.binding.soap12"},
    f"{CXF}warnanderror.wsdl": {"spec.operation.output"},
}
REGISTRATION_LEVELS = ("input.", "xroad-wsdl:offline.", "xroad-wsdl:wsdl.", "xroad-wsdl:registration.")


def findings(relative: str) -> list[Finding]:
    path = shared_reference("xroad", relative)
    report = api.validate(options=api.Options(profile="xroad-wsdl"), sources=[Source(str(path), path=path)])
    return list(report.findings)


def verdict(found: list[Finding]) -> str:
    if any(f.severity == Severity.ERROR and f.rule.startswith(REGISTRATION_LEVELS) for f in found):
        return R
    if any(f.severity == Severity.WARNING and f.rule.startswith("xroad-wsdl:wsdl.") for f in found):
        return W
    return A


def test_corpus_agreement() -> None:
    shared_reference("xroad", "SOURCE.md")
    results = {name: findings(name) for name in OUTCOMES}
    judged = {name: verdict(found) for name, found in results.items()}
    disagree = sorted(n for n, outcome in judged.items() if outcome != OUTCOMES[n])
    agreement = 1 - len(disagree) / len(judged)
    print(f"X-Road WSDL corpus: {len(judged) - len(disagree)}/{len(judged)} files agree ({agreement:.1%})")
    assert set(disagree) == set(ALLOWED), {n: (OUTCOMES[n], judged[n]) for n in disagree}
    assert agreement >= 0.95
    spec = {name: {f.rule.split(":", 1)[1] for f in found
                   if f.severity == Severity.ERROR and f.rule.startswith("xroad-wsdl:spec.")}
            for name, found in results.items()}
    assert spec == {name: SPEC_ERRORS.get(name, set()) for name in OUTCOMES}


def test_rejections_name_the_security_servers_reason() -> None:
    """Each rejected file is rejected for the reason X-Road gives, not by accident."""
    expected = {
        f"{ADMIN}error.wsdl": "xroad-wsdl:wsdl.name", f"{CXF}error.wsdl": "xroad-wsdl:wsdl.name",
        f"{ADMIN}invalid.wsdl": "input.syntax", f"{ADMIN}xxe.wsdl": "input.xml-dtd",
        f"{ADMIN}invalid-servicecode-colon.wsdl": "xroad-wsdl:registration.serviceCode.forbidden",
        f"{ADMIN}invalid-servicecode-all.wsdl": "xroad-wsdl:registration.serviceCode.forbidden",
        f"{ADMIN}invalid-serviceversion-percent.wsdl": "xroad-wsdl:registration.serviceVersion.forbidden",
        f"{ADMIN}invalid-serviceurl.wsdl": "xroad-wsdl:registration.address.scheme",
        f"{CXF}warnanderror.wsdl": "xroad-wsdl:wsdl.import.missing",
        "wsdl/xroad-system-services/env-monitoring/monitoring.wsdl": "xroad-wsdl:registration.serviceCode.reserved",
        "spec-examples/pr-meta/C8-getWsdl-response-attachment.wsdl": "input.syntax",
    }
    for name, rule in expected.items():
        assert rule in {f.rule for f in findings(name) if f.severity == Severity.ERROR}, name
    codes = {f.location.value for f in findings(f"{ADMIN}invalid-servicecode-all.wsdl")
             if f.rule == "xroad-wsdl:registration.serviceCode.forbidden"}
    assert codes == {"xroadGetRandom:aa", "xroadGetRandom;aa", "xroadGetRandom\\aa", "xroadGetRandom/aa",
                     "xroadGetRandom%aa", "xroadGetRandom/../aa"}


@pytest.mark.parametrize("name", sorted(OUTCOMES))
def test_every_listed_file_exists(name: str) -> None:
    assert shared_reference("xroad", name).is_file()


def test_every_corpus_wsdl_is_listed() -> None:
    root = shared_reference("xroad")
    present = {str(p.relative_to(root)) for folder in ("wsdl", "spec-examples")
               for p in (root / folder).rglob("*.wsdl")}
    assert present == set(OUTCOMES)
