"""The xroad-openapi profile: each rule's finding (id, severity, JSON pointer, line), hostile YAML,
parse errors with their position, input detection and the CLI's exit codes."""

from __future__ import annotations

import socket
import time
from pathlib import Path
from typing import Any

import pytest

from nordval import api, suite
from nordval.inputs import Source, expand, load
from nordval.model import Finding, Severity
from nordval.xroad import openapi
from tests.conftest import FIXTURES, RunCli, json_report

FOLDER = FIXTURES / "xroad-openapi"
HEAD = "openapi: 3.0.3\ninfo: {title: Rahvastikuregister, version: '1.4.0'}\n"
SERVERS = "servers: [{url: 'https://rr-rest.smit.example.ee/api/v1'}]\n"
PERSON = """paths:
  /persons/{personalCode}:
    get:
      operationId: getPerson
      parameters: [{name: personalCode, in: path, required: true, schema: {type: string}}]
      responses: {'200': {description: The person}}
"""
GOOD = HEAD + SERVERS + PERSON


def validate(text: str | bytes, name: str = "rr.yaml", profile: str = "xroad-openapi") -> list[Finding]:
    data = text.encode() if isinstance(text, str) else text
    report = api.validate(options=api.Options(profile=profile), sources=[Source(name, data=data)])
    return list(report.findings)


def brief(findings: list[Finding]) -> set[tuple[str, str, str | None, int | None]]:
    return {(f.rule, f.severity.label, f.location.path, f.location.line) for f in findings}


def test_a_good_description_has_no_finding() -> None:
    assert validate(GOOD) == []


# (case, input, file name, expected (rule, severity, path, line)); each input has that one defect.
CASES: list[tuple[str, str, str, tuple[str, str, str, int | None]]] = [
    ("version 3.1.1", GOOD.replace("3.0.3", "3.1.1"), "rr.yaml",
     ("xroad-openapi:openapi.version", "error", "#/openapi", 1)),
    ("version 3.2.0 json", '{"openapi": "3.2.0", "info": {"title": "t", "version": "1"}, "paths": {}}', "rr.json",
     ("xroad-openapi:openapi.version", "error", "#/openapi", 1)),
    ("swagger 2", '{\n "swagger": "2.0",\n "info": {"title": "t", "version": "1"},\n "paths": {}\n}', "prh.json",
     ("xroad-openapi:openapi.version", "error", "#/swagger", 2)),
    ("no openapi field", GOOD.replace("openapi: 3.0.3\n", ""), "rr.yaml",
     ("xroad-openapi:openapi.missing", "error", "#", 1)),
    ("duplicate key yaml", GOOD + "    get:\n      parameters: [{name: personalCode, in: path, required: true, "
     "schema: {type: string}}]\n"
     "      responses: {'200': {description: again}}\n", "rr.yaml",
     ("xroad-openapi:document.duplicateKey", "error", "#/paths/~1persons~1{personalCode}/get", 10)),
    ("duplicate key json", '{"openapi": "3.0.3",\n "info": {"title": "t", "version": "1"},\n'
     ' "servers": [{"url": "https://x.example.fi"}],\n "paths": {},\n "paths": {}}', "prh.json",
     ("xroad-openapi:document.duplicateKey", "error", "#/paths", 5)),
    ("schema: parameter without 'in'", GOOD.replace("in: path, ", ""), "rr.yaml",
     ("xroad-openapi:schema", "warning", "#/paths/~1persons~1{personalCode}/get/parameters/0", 8)),
    ("coerced number", GOOD.replace("version: '1.4.0'", "version: 1.4"), "rr.yaml",
     ("xroad-openapi:schema.coerced", "info", "#/info/version", 2)),
    ("undeclared path parameter", GOOD.replace("parameters: [{name: personalCode, in: path, required: true, "
                                               "schema: {type: string}}]", "parameters: []"), "rr.yaml",
     ("xroad-openapi:parameter.unresolved", "warning", "#/paths/~1persons~1{personalCode}/get", 6)),
    ("duplicate parameter", GOOD.replace("schema: {type: string}}]", "schema: {type: string}}, {name: personalCode, "
                                         "in: path, required: true, schema: {type: string}}]"), "rr.yaml",
     ("xroad-openapi:parameter.duplicate", "warning", "#/paths/~1persons~1{personalCode}/get/parameters", 8)),
    ("duplicate operationId", GOOD + "  /persons:\n    get:\n      operationId: getPerson\n"
     "      responses: {'200': {description: All}}\n", "rr.yaml",
     ("xroad-openapi:operationId.duplicate", "warning", "#/paths/~1persons/get/operationId", 12)),
    ("external $ref", GOOD.replace("{description: The person}", "{$ref: 'responses.yaml#/Person'}"), "rr.yaml",
     ("xroad-openapi:ref.external", "error", "#/paths/~1persons~1{personalCode}/get/responses/200/$ref", 9)),
    ("dangling $ref", GOOD.replace("{description: The person}", "{$ref: '#/components/responses/Person'}"),
     "rr.yaml",
     ("xroad-openapi:ref.unresolved", "error", "#/paths/~1persons~1{personalCode}/get/responses/200/$ref", 9)),
    ("no servers", HEAD + PERSON, "rr.yaml", ("xroad-openapi:servers.missing", "warning", "#", 1)),
    ("server without url", GOOD.replace("'https://rr-rest.smit.example.ee/api/v1'", "''"),
     "rr.yaml", ("xroad-openapi:servers.url.missing", "warning", "#/servers/0", 3)),
    ("relative server", GOOD.replace("https://rr-rest.smit.example.ee/api/v1", "/api/v1"), "rr.yaml",
     ("xroad-openapi:servers.url.relative", "info", "#/servers/0/url", 3)),
    ("server variable", GOOD.replace("rr-rest.smit", "{env}.smit"), "rr.yaml",
     ("xroad-openapi:servers.url.template", "warning", "#/servers/0/url", 3)),
    ("sftp server", GOOD.replace("https://", "sftp://"), "rr.yaml",
     ("xroad-openapi:servers.url.scheme", "error", "#/servers/0/url", 3)),
    ("server without host", GOOD.replace("https://rr-rest.smit.example.ee", "https://"), "rr.yaml",
     ("xroad-openapi:servers.url.invalid", "error", "#/servers/0/url", 3)),
    ("same endpoint twice", GOOD + "  /persons/{code}:\n    get:\n      parameters: [{name: code, in: path, "
     "required: true, schema: {type: string}}]\n      responses: {'200': {description: The person}}\n", "rr.yaml",
     ("xroad-openapi:endpoint.duplicate", "error", "#/paths/~1persons~1{code}/get", 11)),
    ("path item $ref", HEAD + SERVERS + "paths:\n  /persons:\n    $ref: '#/x-paths/persons'\n"
     "x-paths:\n  persons: {get: {responses: {'200': {description: All}}}}\n", "rr.yaml",
     ("xroad-openapi:endpoint.ref", "warning", "#/paths/~1persons/$ref", 6)),
    ("no operations", HEAD + SERVERS + "paths: {}\n", "rr.yaml",
     ("xroad-openapi:endpoint.none", "info", "#/paths", 4)),
]


@pytest.mark.parametrize(("text", "name", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_rule_reports_its_defect(text: str, name: str, expected: tuple[str, str, str, int | None]) -> None:
    findings = validate(text, name)
    assert expected in brief(findings), sorted(brief(findings))
    finding = next(f for f in findings if f.rule == expected[0])
    assert finding.fix and finding.see and finding.see.startswith("https://")
    assert finding.layer == "xroad-openapi" and finding.profile == "xroad-openapi"
    others = [f for f in findings if f.severity >= Severity.WARNING and f.rule != expected[0]]
    assert not others, others  # one defect, one finding (infos aside)


def test_every_rule_has_a_case() -> None:
    covered = {c[3][0].split(":", 1)[1] for c in CASES} | {"document.size", "schema.incomplete"}
    assert covered == set(openapi.RULES)


def test_messages_quote_the_element_and_the_expected_form() -> None:
    [version] = validate(GOOD.replace("3.0.3", "3.1.1"))
    assert "'3.1.1'" in version.message and "3.0.x and exactly 3.1.0" in version.message
    assert version.location.value == "3.1.1" and (version.location.line, version.location.column) == (1, 1)
    [scheme] = validate(GOOD.replace("https://", "sftp://"))
    assert "sftp://rr-rest.smit.example.ee/api/v1" in scheme.message and "http:// or https://" in scheme.message
    [template] = validate(GOOD.replace("rr-rest.smit", "{env}.smit").replace(
        "api/v1'}", "api/v1', variables: {env: {default: rr-rest}}}"))
    assert "https://rr-rest.smit.example.ee/api/v1" in (template.fix or "")


def test_versions_the_security_server_accepts() -> None:
    for version in ("3.0.0", "3.0.3", "3.1.0"):
        assert not [f for f in validate(GOOD.replace("3.0.3", version)) if f.severity == Severity.ERROR], version
    for version in ("3.1.1", "3.1", "2.0", "4.0.0", "'3.10.0'"):
        rules = {f.rule for f in validate(GOOD.replace("3.0.3", version))}
        assert "xroad-openapi:openapi.version" in rules, version


def test_description_larger_than_10_mib(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(openapi, "MAX_DESCRIPTION_CHARS", 100)
    assert ("xroad-openapi:document.size", "error", "#", 1) in brief(validate(GOOD))


def test_library_failure_is_an_error_not_conforms(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: Any, *args: Any, **kwargs: Any) -> Any:
        raise KeyError("boom")
        yield  # pragma: no cover - makes this a generator like the library's

    monkeypatch.setattr(openapi.OpenAPIV30SpecValidator.keyword_validators["responses"], "__call__", broken)
    findings = validate(GOOD)
    assert ("xroad-openapi:schema.incomplete", "error", "#/paths/~1persons~1{personalCode}/get/responses", 9) \
        in brief(findings)


def test_broken_element_the_library_chokes_on_is_reported_once() -> None:
    findings = validate(GOOD.replace("in: path, ", ""))  # the library's parameter check raises KeyError('in')
    assert [f.rule for f in findings] == ["xroad-openapi:schema"]


# --- parsing -----------------------------------------------------------------------------------

def test_broken_yaml_names_line_and_column() -> None:
    [finding] = validate(HEAD + "servers: [{url: 'https://x.example.ee'}\npaths: {}\n")
    assert finding.rule == "input.syntax" and finding.severity == Severity.ERROR
    assert (finding.location.line, finding.location.column) == (4, 1)
    assert finding.location.file == "rr.yaml" and "not valid YAML" in finding.message


def test_broken_json_names_line_and_column() -> None:
    [finding] = validate('{"openapi": "3.0.3",\n  "info": {"title": "t",, "version": "1"}}', "prh.json")
    assert finding.rule == "input.syntax"
    assert (finding.location.line, finding.location.column) == (2, 25)


def test_yaml_that_is_not_a_mapping_or_empty() -> None:
    assert [f.rule for f in validate("- just\n- a list\n")] == ["input.kind"]
    assert [f.rule for f in validate("# nothing here\n")] == ["input.empty"]


def test_unknown_yaml_tags_are_reported_and_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    text = GOOD.replace("title: Rahvastikuregister", f"title: !!python/object/apply:os.system ['touch {marker}']")
    findings = validate(text)
    assert ("input.syntax", "error", None, 2) in brief(findings)
    assert not marker.exists()


def _alias_bomb(levels: int = 9) -> str:
    lines = [HEAD.rstrip("\n"), SERVERS.rstrip("\n"), "paths: {}", "x-a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, levels):
        lines.append(f"x-a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_yaml_alias_bomb_is_refused_quickly() -> None:
    started = time.monotonic()
    findings = validate(_alias_bomb())
    assert time.monotonic() - started < 5
    assert [f.rule for f in findings] == ["input.too-large"]
    assert "billion laughs" in findings[0].message and findings[0].severity == Severity.ERROR


def test_a_few_yaml_anchors_are_fine() -> None:
    text = GOOD.replace("schema: {type: string}}]", "schema: &code {type: string}}]") + \
        "  /persons/{personalCode}/residence:\n    get:\n      parameters: [{name: personalCode, in: path, " \
        "required: true, schema: *code}]\n      responses: {'200': {description: Residence}}\n"
    assert validate(text) == []


def test_recursive_yaml_alias_is_refused() -> None:
    findings = validate(GOOD + "x-loop: &loop [1, *loop]\n")
    assert [f.rule for f in findings] == ["input.too-large"] and "refers to itself" in findings[0].message


@pytest.mark.parametrize(("name", "text"), [
    ("deep.json", '{"openapi": "3.0.3", "x-deep": ' + "[" * 50_000 + "]" * 50_000 + "}"),
    ("deep.yaml", HEAD + "x-deep: " + "[" * 5_000 + "]" * 5_000 + "\n"),
])
def test_deep_nesting_is_a_finding(name: str, text: str) -> None:
    findings = validate(text, name)
    assert [f.rule for f in findings] == ["input.syntax"]


def test_references_are_never_fetched(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("nordval tried to open a connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    text = GOOD.replace("{type: string}}]", "{$ref: 'http://127.0.0.1:9/schemas.yaml#/Code'}}]").replace(
        "{description: The person}", "{$ref: 'file:///etc/passwd#/root'}")
    findings = validate(text)
    assert {f.rule for f in findings} == {"xroad-openapi:ref.external"}
    assert all("root:" not in f.message for f in findings)


# --- detection ---------------------------------------------------------------------------------

def test_json_with_openapi_field_is_not_json_ld() -> None:
    document, findings = load(Source("prh.json", data=b'{"openapi": "3.1.0", "info": {}}'))
    assert document is not None and findings == []
    assert (document.kind, document.syntax, document.data["openapi"]) == ("openapi", "json", "3.1.0")
    document, _ = load(Source("cat.json", data=b'{"@id": "http://x/1", "http://purl.org/dc/terms/title": "t"}'))
    assert document is not None and document.kind == "rdf"


def test_yaml_on_stdin_is_recognised() -> None:
    document, findings = load(Source("<stdin>", data=("# REST lookup\n" + GOOD).encode()))
    assert document is not None and document.kind == "openapi" and document.syntax == "yaml" and not findings


def test_directories_pick_up_openapi_yaml_only(tmp_path: Path) -> None:
    (tmp_path / "rr.yaml").write_text(GOOD)
    (tmp_path / "ci.yml").write_text("jobs:\n  test: {runs-on: ubuntu-latest}\n")
    (tmp_path / "cat.ttl").write_text("<http://x/1> <http://purl.org/dc/terms/title> \"t\" .\n")
    assert [Path(s.name).name for s in expand([str(tmp_path)])] == ["cat.ttl", "rr.yaml"]


def test_openapi_with_a_dcat_profile_and_json_ld_with_xroad_openapi() -> None:
    [finding] = validate(GOOD, profile="dcat-ap-3")
    assert finding.rule == "input.kind" and "OpenAPI description" in finding.message
    assert "xroad-openapi" in (finding.fix or "")
    [finding] = validate('{"@id": "http://x/1", "http://purl.org/dc/terms/title": "t"}', "cat.json")
    assert finding.rule == "input.kind" and "RDF" in finding.message and "xroad-openapi" in finding.message


# --- fixtures and CLI --------------------------------------------------------------------------

def test_fixture_suites_pass() -> None:
    cases = suite.discover(FOLDER)  # YAML and JSON fixtures alike, by their .expect.toml sidecars
    assert {c.input.suffix for c in cases} == {".json", ".yaml"}
    results = list(suite.run(cases))
    assert len(results) == 10 and all(r.passed for r in results), [p for r in results for p in r.problems]


def test_cli_exit_codes_and_json_locations(run_cli: RunCli) -> None:
    run_cli("validate", "-p", "xroad-openapi", str(FOLDER / "valid"), code=0)
    result = run_cli("validate", "-p", "xroad-openapi", "--format", "json",
                     str(FOLDER / "invalid" / "ee-rr-duplicate-get.yaml"), code=1)
    [finding] = json_report(result)["findings"]
    assert finding["rule"] == "xroad-openapi:document.duplicateKey"
    assert (finding["line"], finding["path"]) == (36, "#/paths/~1persons~1{personalCode}/get")
    warned = run_cli("validate", "-p", "xroad-openapi", "--fail-on", "warning",
                     str(FOLDER / "valid" / "ee-rr-server-variable.yaml"), code=1)
    assert "servers.url.template" in warned.stdout
    run_cli("validate", "-p", "dcat-ap-3", str(FOLDER / "valid" / "fi-prh-company-lookup.json"), code=1)


def test_cli_broken_yaml_exits_1_without_traceback(run_cli: RunCli, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("openapi: 3.0.3\ninfo:\n  title: [unclosed\n")
    result = run_cli("validate", "-p", "xroad-openapi", str(broken), code=1)
    assert "input.syntax" in result.stdout and "Traceback" not in result.output
