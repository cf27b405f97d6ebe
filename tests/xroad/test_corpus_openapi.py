"""X-Road's own OpenAPI test descriptions, each with the outcome the security server gives it.

Outcomes come from SOURCE.md (``RECORDED``); where SOURCE.md only says how X-Road's tests use a file,
the outcome is inferred from that use (``INFERRED``, reason in the comment). Agreement is printed;
every disagreement is in ALLOWED with its reason (docs/xroad-openapi.md).
"""

from __future__ import annotations

import pytest

from nordval import api
from nordval.inputs import Source
from nordval.model import Severity
from tests.conftest import shared_reference

A, W, R = "accepted", "warnings", "rejected"  # W: registered only when the administrator ignores warnings
ADMIN = "openapi/securityserver-admin-tests/"
RECORDED: dict[str, str] = {
    ADMIN + "valid.yaml": A,  # OK, no warnings (info.version 1.0 is read as text)
    ADMIN + "valid.json": A,
    ADMIN + "v310.yaml": A,  # OpenAPI 3.1.0 accepted
    ADMIN + "v310.json": A,
    ADMIN + "invalid_version.yaml": R,  # 3.1.1: UnsupportedOpenApiVersionException
    ADMIN + "invalid_version.json": R,  # 3.2.0 (SOURCE.md says "same"): unsupported
    ADMIN + "warnings.yml": W,  # path parameters not declared
    ADMIN + "duplicateendpoint.yaml": R,  # ParsingException expected by OpenApiParserTest
    "openapi/metaservice-tests/openapi_incompatible_version.yaml": R,  # 2.5.0
}
INFERRED: dict[str, str] = {
    ADMIN + "valid_modified.yaml": A,  # registered by the description refresh tests
    "openapi/metaservice-tests/petstore.json": A,  # served by getOpenAPI, so registered before
    "openapi/metaservice-tests/petstore.yaml": W,  # servers[1..4].url null/list: swagger-parser messages
    "openapi/system-test/testopenapi1.yaml": A,  # registered by the system tests
    "openapi/system-test/testopenapi2.json": A,  # registered by the system tests
}
OUTCOMES = {**RECORDED, **INFERRED}
# Disagreements, each explained in docs/xroad-openapi.md and in docs/deviations/xroad.md's combined table.
ALLOWED: dict[str, str] = {
    "openapi/system-test/testopenapi1.yaml": "no servers: the security server silently takes the description's own "
                                             "URL as the service URL; nordval warns (servers.missing)",
}
# Descriptions printed in the protocol documents: no outcome is recorded; none may have an error.
SPEC_EXAMPLES = (
    "spec-examples/pr-rest/appendix1-petstore-openapi.yaml",
    "spec-examples/pr-meta/annexB-listClients-openapi.yaml",
    "spec-examples/pr-mrest/annexA-rest-metaservices-openapi.yaml",
    "spec-examples/pr-mrest/B3-getOpenAPI-response.yaml",
)


def judge(relative: str) -> str:
    path = shared_reference("xroad", relative)
    report = api.validate(options=api.Options(profile="xroad-openapi"), sources=[Source(relative, path=path)])
    worst = max((f.severity for f in report.findings), default=Severity.INFO)
    return R if worst == Severity.ERROR else W if worst == Severity.WARNING else A


def test_every_openapi_file_of_the_corpus_is_listed() -> None:
    folder = shared_reference("xroad", "openapi")
    present = {str(p.relative_to(folder.parent)) for p in folder.rglob("*") if p.is_file()}
    assert present == set(OUTCOMES)


def test_corpus_agreement() -> None:
    shared_reference("xroad", "SOURCE.md")
    results = {name: judge(name) for name in OUTCOMES}
    disagree = sorted(n for n, outcome in results.items() if outcome != OUTCOMES[n])
    recorded_agree = sum(results[n] == RECORDED[n] for n in RECORDED)
    print(f"X-Road OpenAPI corpus: {len(results) - len(disagree)}/{len(results)} files agree "
          f"({1 - len(disagree) / len(results):.1%}); recorded outcomes {recorded_agree}/{len(RECORDED)}")
    assert set(disagree) == set(ALLOWED), f"disagreements {disagree} != allow-list {sorted(ALLOWED)}"
    assert recorded_agree == len(RECORDED)


@pytest.mark.parametrize("name", SPEC_EXAMPLES)
def test_spec_examples_have_no_error(name: str) -> None:
    assert judge(name) != R
