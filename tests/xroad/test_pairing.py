"""Request/response pairing: ``nordval.xroad.pairing`` and ``nordval xroad pair``.

Fixtures: ``fixtures/xroad-soap/pairs/<case>.pair.toml`` names a request and a response under
``pairs/messages/`` and lists every finding expected (``[[error]]``, ``[[warning]]``, ``[[info]]``
with rule, path, line); the comparison is exact at every severity. The folder is no suite case:
it has no ``.expect.toml`` sidecars and is not a ``valid*``/``invalid*`` folder. X-Road's own
request/answer pairs are checked when ../shared is present.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from nordval import suite
from nordval.inputs import Source
from nordval.model import Finding
from nordval.xroad.pairing import pair
from tests.conftest import FIXTURES, RunCli, json_report, shared_reference

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PAIRS = FIXTURES / "xroad-soap" / "pairs"
MESSAGES = PAIRS / "messages"
MANIFESTS = sorted(PAIRS.glob("*.pair.toml"))
Key = tuple[str, str, str | None, int | None]


def keys(findings: list[Finding]) -> set[Key]:
    return {(f.severity.label, f.rule, f.location.path, f.location.line) for f in findings}


def run(request: Path, response: Path) -> list[Finding]:
    return pair(Source(str(request), path=request), Source(str(response), path=response))


def expected(manifest: dict[str, Any]) -> set[Key]:
    return {(level, e["rule"], e.get("path"), e.get("line"))
            for level in ("error", "warning", "info") for e in manifest.get(level, [])}


@pytest.mark.parametrize("path", MANIFESTS, ids=lambda p: p.name[: -len(".pair.toml")])
def test_pair_fixture(path: Path) -> None:
    manifest = tomllib.loads(path.read_text(encoding="utf-8"))
    found = run(PAIRS / manifest["request"], PAIRS / manifest["response"])
    assert keys(found) == expected(manifest), "\n".join(f"{f.rule}: {f.message}" for f in found)


def test_pair_fixtures_are_not_suite_cases() -> None:
    assert len(MANIFESTS) >= 10
    cases = suite.discover(FIXTURES / "xroad-soap")
    assert cases and not [c for c in cases if PAIRS in c.input.parents]


def test_messages_name_what_differs() -> None:
    [finding] = run(MESSAGES / "ee-rr434-request.xml", MESSAGES / "ee-rr434-response-new-id.xml")
    assert finding.location.file.endswith("ee-rr434-response-new-id.xml")
    assert '"6f1c3f0e-8d7a-4c52-9a36-2f0b8e4d1a77" in the request' in finding.message
    assert "inconsistent_response" in finding.message
    assert finding.location.value == "0b9e2c61-5d4f-4e8a-b1c7-93a2f6d8e410"
    [dropped] = run(MESSAGES / "ee-rr434-request.xml", MESSAGES / "ee-rr434-response-without-userid.xml")
    assert 'the request has xroad:userId "EE38001085718", the response has none' in dropped.message


def test_bad_input_gives_findings_not_tracebacks(tmp_path: Path) -> None:
    request = MESSAGES / "ee-rr434-request.xml"
    broken = tmp_path / "broken.xml"
    broken.write_text("<SOAP-ENV:Envelope", encoding="utf-8")
    assert {f.rule for f in run(request, broken)} == {"input.syntax"}
    turtle = tmp_path / "data.ttl"
    turtle.write_text("<http://x/a> <http://x/b> <http://x/c> .\n", encoding="utf-8")
    assert {f.rule for f in run(request, turtle)} == {"xroad-soap:pair.message"}
    plain = tmp_path / "plain.xml"
    plain.write_text("<a/>", encoding="utf-8")
    [finding] = run(plain, request)
    assert finding.rule == "xroad-soap:pair.message" and "The request" in finding.message
    fault = MESSAGES / "ee-rr434-fault-new-id.xml"
    [finding] = run(fault, request)
    assert finding.rule == "xroad-soap:pair.message" and "Fault" in finding.message
    xxe = tmp_path / "xxe.xml"
    xxe.write_text('<!DOCTYPE e [<!ENTITY x SYSTEM "file:///etc/passwd">]><e>&x;</e>', encoding="utf-8")
    assert {f.rule for f in run(request, xxe)} == {"input.xml-dtd"}


# --- X-Road's own pairs ---------------------------------------------------------------------

PROXY = "soap/proxy-tests/"
# (request, response) -> findings (severity, rule) nordval must give; X-Road's outcome in the comment.
CORPUS: dict[tuple[str, str], set[tuple[str, str]]] = {
    **{(f"{PROXY}{stem}.query", f"{PROXY}{stem}.answer"): set() for stem in (
        "attachm", "cdata", "getstate", "getstate-subsystem", "missing-userId", "nowhitespace", "simple",
        "split-header", "xmlencoded")},  # the proxy tests' normal responses
    # X-Road's test harness writes a fresh id into both files (MessageTestCase.changeQueryId), so the
    # files' own ids (1234567890 / 9876543210) never meet; compared as they are, they differ
    (f"{PROXY}attachm-mtom.query", f"{PROXY}attachm-mtom.answer"): {("error", "xroad-soap:pair.id")},
    # research note §2 item 11: "simple.query against getstate.answer is inconsistent"
    (f"{PROXY}simple.query", f"{PROXY}getstate.answer"): {
        ("error", "xroad-soap:pair.service"), ("error", "xroad-soap:pair.id"), ("error", "xroad-soap:pair.userId"),
        ("warning", "xroad-soap:pair.issue"), ("error", "xroad-soap:pair.body"),
        ("warning", "xroad-soap:pair.body.namespace")},
    (f"{PROXY}getstate.query", f"{PROXY}faulty-fault.answer"): {("info", "xroad-soap:pair.fault")},
    # the specifications' printed pairs: consistent headers; their requestHash values were not
    # computed over the printed requests' bytes
    **{(f"spec-examples/{a}", f"spec-examples/{b}"): {("warning", "xroad-soap:pair.requestHash")} for a, b in (
        ("pr-mess/annexE1-request.xml", "pr-mess/annexE2-response.xml"),
        ("ext-representation/C1-request.xml", "ext-representation/C2-response.xml"),
        ("ext-targetss/4.1-request.xml", "ext-targetss/4.2-response.xml"),
        ("pr-meta/C2-listMethods-request.xml", "pr-meta/C3-listMethods-response.xml"),
        ("pr-meta/C4-allowedMethods-request.xml", "pr-meta/C5-allowedMethods-response.xml"),
        ("pr-meta/C6-getWsdl-request.xml", "pr-meta/C7-getWsdl-response.xml"))},
}


@pytest.mark.parametrize(("request_file", "response_file"), sorted(CORPUS), ids=lambda n: Path(n).name)
def test_corpus_pair(request_file: str, response_file: str) -> None:
    found = run(shared_reference("xroad", request_file), shared_reference("xroad", response_file))
    assert {(f.severity.label, f.rule) for f in found} == CORPUS[(request_file, response_file)], \
        "\n".join(f"{f.rule}: {f.message}" for f in found)


def test_every_corpus_answer_with_a_query_is_paired() -> None:
    folder = shared_reference("xroad", "soap", "proxy-tests")
    stems = {p.stem for p in folder.glob("*.answer") if (folder / f"{p.stem}.query").exists()}
    assert {f"{PROXY}{s}.query" for s in stems} <= {request for request, _ in CORPUS}


# --- the command ----------------------------------------------------------------------------

def test_cli_exit_codes_and_json(run_cli: RunCli, tmp_path: Path) -> None:
    request = str(MESSAGES / "ee-rr434-request.xml")
    ok = run_cli("xroad", "pair", request, str(MESSAGES / "ee-rr434-response.xml"), code=0)
    assert "0 errors, 0 warnings, 0 infos in 2 files (profile xroad-soap): conforms" in ok.stdout
    result = run_cli("xroad", "pair", "--format", "json", request,
                     str(MESSAGES / "ee-rr434-response-new-id.xml"), code=1)
    report = json_report(result)
    [finding] = report["findings"]
    assert (finding["rule"], finding["line"], finding["path"], finding["severity"]) == (
        "xroad-soap:pair.id", 21, "/SOAP-ENV:Envelope/SOAP-ENV:Header/xroad:id", "error")
    assert report["summary"]["files"] == 2 and report["profile"] == "xroad-soap"
    reordered = str(MESSAGES / "ee-rr434-response-reordered.xml")
    run_cli("xroad", "pair", request, reordered, code=0)
    run_cli("xroad", "pair", "--fail-on", "warning", request, reordered, code=1)
    with open(MESSAGES / "ee-rr434-response.xml", "rb") as handle:
        run_cli("xroad", "pair", request, "-", input=handle.read(), code=0)
    run_cli("xroad", "pair", request, str(tmp_path / "missing.xml"), code=2)
    run_cli("xroad", "pair", request, str(tmp_path), code=2)
    run_cli("xroad", "pair", "-", "-", code=2)
    garbage = tmp_path / "garbage.xml"
    garbage.write_bytes(b"\x00\x01binary")
    bad = run_cli("xroad", "pair", request, str(garbage), code=1)
    assert "input.encoding" in bad.stdout and "Traceback" not in bad.stdout
