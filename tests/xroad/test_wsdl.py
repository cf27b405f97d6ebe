"""The xroad-wsdl rules: one concrete finding (rule, XPath, severity) per rule, hostile input, CLI.

Most cases start from the valid YTJ fixture and change one thing, so each test shows the defect
and exactly what nordval says about it.
"""

from __future__ import annotations

import re
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

from nordval import api
from nordval.inputs import Source
from nordval.model import Finding, Severity
from nordval.xroad import identifiers, wsdl
from tests.conftest import FIXTURES, ROOT, RunCli, json_report

BASE_PATH = FIXTURES / "xroad-wsdl" / "valid" / "fi-ytj-business-register.wsdl"
BASE = BASE_PATH.read_text(encoding="utf-8")
OP = "/wsdl:definitions/wsdl:binding/wsdl:operation"


def run(text: str, tmp_path: Path | None = None, name: str = "ytj.wsdl") -> list[Finding]:
    """Findings for a WSDL given as text (written to tmp_path when relative imports matter)."""
    if tmp_path is not None:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        source = Source(str(path), path=path)
    else:
        source = Source(name, data=text.encode("utf-8"))
    report = api.validate(options=api.Options(profile="xroad-wsdl"), sources=[source])
    return list(report.findings)


def change(old: str, new: str, text: str = BASE, count: int = 1) -> str:
    assert text.count(old) >= count, f"{old!r} not in the base WSDL"
    return text.replace(old, new, count)


def only(findings: list[Finding], rule: str) -> Finding:
    found = [f for f in findings if f.rule == f"xroad-wsdl:{rule}"]
    assert len(found) == 1, [(f.rule, f.location.path) for f in findings]
    return found[0]


def problems(findings: list[Finding]) -> set[tuple[str, str | None, str]]:
    """(rule, path, severity) of every finding above info."""
    return {(f.rule, f.location.path, f.severity.label) for f in findings if f.severity > Severity.INFO}


# --- the fixtures and the level convention ------------------------------------------------------

def test_valid_fixture_has_only_the_offline_import_info() -> None:
    findings = run(BASE)
    assert [(f.rule, f.severity, f.location.path, f.location.value) for f in findings] == [
        ("xroad-wsdl:offline.import", Severity.INFO,
         "/wsdl:definitions/wsdl:types/xsd:schema/xsd:import/@schemaLocation", "http://x-road.eu/xsd/xroad.xsd")]


def test_every_rule_is_documented_with_its_level_and_severity() -> None:
    docs = (ROOT / "docs" / "xroad.md").read_text(encoding="utf-8")
    rows = {m[0]: (m[1], m[2]) for m in re.findall(r"^\| `([\w.]+)` \| (L\d) \| (\w+)", docs, re.M)}
    for rule, spec in wsdl.RULES.items():
        level = wsdl.LEVELS[rule.split(".", 1)[0]]
        assert rows.get(rule) == (level, spec.severity.label), f"docs/xroad.md row for {rule}"
    assert set(rows) == set(wsdl.RULES)


def test_findings_carry_line_column_xpath_and_spec_link(tmp_path: Path) -> None:
    text = change('location="https://ytj-adapter.prh.example/xroad/ytj"', 'location="sftp://ytj.prh.example/ytj"')
    finding = only(run(text, tmp_path), "registration.address.scheme")
    line = next(n for n, t in enumerate(text.splitlines(), 1) if "sftp://" in t)
    assert finding.severity == Severity.ERROR
    assert (finding.location.line, finding.location.column) == (line, 7)
    assert finding.location.path == "/wsdl:definitions/wsdl:service/wsdl:port/soap:address/@location"
    assert finding.location.value == "sftp://ytj.prh.example/ytj"
    assert '<soap:address location="sftp://ytj.prh.example/ytj">' in finding.message
    assert "ERROR_INVALID_SERVICE_URL" in finding.message and finding.fix and finding.see
    assert finding.profile == "xroad-wsdl" and finding.layer == "xroad-wsdl"


def test_line_is_where_a_multiline_start_tag_begins(tmp_path: Path) -> None:
    text = change('<soap:address location=', '<soap:address\n          location=')
    text = change('"https://ytj-adapter.prh.example/xroad/ytj"', '"ftp://ytj.prh.example/"', text)
    finding = only(run(text, tmp_path), "registration.address.scheme")
    line = next(n for n, t in enumerate(text.splitlines(), 1) if "<soap:address" in t)
    assert (finding.location.line, finding.location.column) == (line, 7)


def test_positions_are_not_guessed_from_another_text() -> None:
    root = etree.fromstring(b"<a>\n  <!-- <x> -->\n  <b\n   c='>'/>\n</a>")
    assert wsdl.start_tag_positions(root, "<a>\n  <!-- <x> -->\n  <b\n   c='>'/>\n</a>") == {
        "/a": (1, 1), "/a/b": (3, 3)}
    assert wsdl.start_tag_positions(root, "<a><c/></a>") == {}


# --- L1 / L2 ------------------------------------------------------------------------------------

def test_root_must_be_wsdl_11() -> None:
    findings = run('<description xmlns="http://www.w3.org/ns/wsdl" targetNamespace="urn:x"/>')
    assert problems(findings) == {("xroad-wsdl:wsdl.root", "/*[local-name()='description']", "error")}
    assert "WSDL 2.0" in findings[0].message


def test_remote_and_out_of_tree_imports_are_not_followed(tmp_path: Path) -> None:
    (tmp_path / "outside.xsd").write_text("<x/>")
    folder = tmp_path / "wsdl"
    folder.mkdir()
    text = change('<xsd:import namespace="http://x-road.eu/xsd/xroad.xsd" schemaLocation="http://x-road.eu/xsd/xroad.xsd"/>',
                  '<xsd:import namespace="http://x-road.eu/xsd/xroad.xsd" schemaLocation="../outside.xsd"/>\n'
                  '      <xsd:include schemaLocation="/etc/passwd"/>')
    findings = run(text, folder)
    offline = sorted(f.location.value or "" for f in findings if f.rule == "xroad-wsdl:offline.import")
    assert offline == ["../outside.xsd", "/etc/passwd"]
    assert not any(f.rule == "xroad-wsdl:wsdl.import.missing" for f in findings)  # existence is never probed


def test_unusable_relative_location_is_not_followed(tmp_path: Path) -> None:
    long_name = "x" * 5000 + ".xsd"
    text = change('schemaLocation="http://x-road.eu/xsd/xroad.xsd"', f'schemaLocation="{long_name}"')
    assert only(run(text, tmp_path), "offline.import").location.value == long_name


def test_relative_import_must_exist_next_to_the_wsdl(tmp_path: Path) -> None:
    text = change('schemaLocation="http://x-road.eu/xsd/xroad.xsd"', 'schemaLocation="xsd/xroad.xsd"')
    finding = only(run(text, tmp_path), "wsdl.import.missing")
    assert finding.severity == Severity.ERROR and finding.location.value == "xsd/xroad.xsd"
    assert finding.location.path == "/wsdl:definitions/wsdl:types/xsd:schema/xsd:import/@schemaLocation"
    (tmp_path / "xsd").mkdir()
    (tmp_path / "xsd" / "xroad.xsd").write_text("<xs:schema xmlns:xs='http://www.w3.org/2001/XMLSchema'/>")
    assert problems(run(text, tmp_path)) == set()


def test_unresolved_binding_reference() -> None:
    findings = run(change('binding="prh:YtjSoap11Binding"', 'binding="prh:YtjBinding"'))
    assert problems(findings) == {
        ("xroad-wsdl:wsdl.reference", "/wsdl:definitions/wsdl:service/wsdl:port/@binding", "error"),
        ("xroad-wsdl:registration.services.none", "/wsdl:definitions", "warning")}


def test_part_element_not_declared_and_malformed_qname() -> None:
    findings = run(change('element="prh:haeYritysResponse"', 'element="prh:haeYritysVastaus"'))
    assert ("xroad-wsdl:wsdl.reference", "/wsdl:definitions/wsdl:message[3]/wsdl:part/@element", "error") \
        in problems(findings)
    findings = run(change('element="prh:haeYritysResponse"', 'element="prh:hae:Yritys"'))
    assert "not a valid qualified name" in only(findings, "wsdl.reference").message


def test_header_part_must_exist() -> None:
    findings = run(change('part="issue" use="literal"/>', 'part="asia" use="literal"/>'))
    finding = only(findings, "wsdl.reference")
    assert finding.location.path == f"{OP}/wsdl:input/soap:header[5]/@part" and finding.location.value == "asia"


def test_schema_names_must_be_ncnames() -> None:
    findings = run(change('<xsd:element name="toiminimi"', '<xsd:element name=""'))
    finding = only(findings, "wsdl.name")
    assert finding.severity == Severity.ERROR and finding.location.value == ""
    assert finding.location.path == ("/wsdl:definitions/wsdl:types/xsd:schema/xsd:element[2]/xsd:complexType/"
                                     "xsd:sequence/xsd:element[2]/@name")


def test_operation_name_that_is_a_valid_code_but_not_an_ncname() -> None:
    text = BASE.replace('operation name="haeYritys"', 'operation name="2haeYritys"')
    findings = run(text)
    assert {(f.location.path, f.location.value) for f in findings if f.rule == "xroad-wsdl:wsdl.name"} == {
        ("/wsdl:definitions/wsdl:portType/wsdl:operation/@name", "2haeYritys"), (f"{OP}/@name", "2haeYritys")}
    assert not any(f.rule.startswith("xroad-wsdl:registration.") for f in findings)  # a valid X-Road code


def test_output_without_message_is_a_validator_warning() -> None:
    findings = run(change('<wsdl:output message="prh:haeYritysResponse"/>', "<wsdl:output/>"))
    finding = only(findings, "wsdl.operation.message")
    assert finding.severity == Severity.WARNING
    assert finding.location.path == "/wsdl:definitions/wsdl:portType/wsdl:operation/wsdl:output"


def test_binding_and_port_type_disagree() -> None:
    text = change('<wsdl:operation name="haeYritys">\n      <soap:operation',
                  '<wsdl:operation name="haeYhtio">\n      <soap:operation')
    findings = run(text)
    assert ("xroad-wsdl:wsdl.binding.operation", f"{OP}/@name", "warning") in problems(findings)
    incomplete = only(findings, "wsdl.binding.incomplete")
    assert incomplete.severity == Severity.INFO and 'operation "haeYritys"' in incomplete.message


# --- L3: registration ----------------------------------------------------------------------------

@pytest.mark.parametrize(("code", "rule"), [
    ("haeYritys:v1", "forbidden"), ("hae/Yritys", "forbidden"), ("hae%Yritys", "forbidden"),
    ("hae_yritys", "charset"), ("haeYhtiö", "charset"), ("h" * 256, "length"), ("", "empty"),
    (" haeYritys", "whitespace"),
])
def test_service_code_characters(code: str, rule: str) -> None:
    findings = run(BASE.replace('operation name="haeYritys"', f'operation name="{code}"'))
    finding = only(findings, f"registration.serviceCode.{rule}")
    assert finding.severity == Severity.ERROR and finding.location.path == f"{OP}/@name"
    assert finding.location.value == code and "ERROR_INVALID_SERVICE_IDENTIFIER" in finding.message


@pytest.mark.parametrize(("version", "rule"), [("v1;2", "forbidden"), ("v1_2", "charset"), ("v" * 256, "length")])
def test_service_version_characters(version: str, rule: str) -> None:
    findings = run(change("<xrd:version>v1</xrd:version>", f"<xrd:version>{version}</xrd:version>"))
    finding = only(findings, f"registration.serviceVersion.{rule}")
    assert finding.location.path == f"{OP}/xrd:version" and finding.location.value == version


def test_version_is_trimmed_like_the_security_server_does() -> None:
    assert problems(run(change("<xrd:version>v1</xrd:version>", "<xrd:version>\n  v1\n</xrd:version>"))) == set()


@pytest.mark.parametrize("code", sorted(identifiers.RESERVED_SERVICE_CODES))
def test_reserved_service_codes(code: str) -> None:
    findings = run(BASE.replace("haeYritys", code))
    assert problems(findings) == {("xroad-wsdl:registration.serviceCode.reserved", f"{OP}/@name", "error")}


def test_port_without_address() -> None:
    findings = run(change('      <soap:address location="https://ytj-adapter.prh.example/xroad/ytj"/>\n', ""))
    assert problems(findings) == {("xroad-wsdl:registration.address.missing",
                                   "/wsdl:definitions/wsdl:service/wsdl:port", "warning")}


def test_duplicate_operation_in_port_type() -> None:
    start = BASE.index('    <wsdl:operation name="haeYritys">\n      <wsdl:documentation>')
    end = BASE.index("    </wsdl:operation>\n  </wsdl:portType>") + len("    </wsdl:operation>\n")
    text = BASE[:end] + BASE[start:end] + BASE[end:]
    findings = run(text)
    assert problems(findings) == {("xroad-wsdl:registration.operation.duplicate",
                                   "/wsdl:definitions/wsdl:portType/wsdl:operation[2]/@name", "error")}


def test_same_service_at_two_addresses() -> None:
    port = '    <wsdl:port name="YtjSoap11Port" binding="prh:YtjSoap11Binding">'
    second = ('    <wsdl:port name="YtjBackupPort" binding="prh:YtjSoap11Binding">\n'
              '      <soap:address location="https://ytj-backup.prh.example/xroad/ytj"/>\n    </wsdl:port>\n')
    findings = run(change(port, second + port))
    finding = only(findings, "registration.service.duplicate")
    assert finding.severity == Severity.WARNING and "haeYritys version v1" in finding.message
    assert finding.location.path == "/wsdl:definitions/wsdl:service/wsdl:port[2]"


def test_non_soap_port_is_skipped_and_nothing_is_registered() -> None:
    text = change('<soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>',
                  '<soap:binding style="document" transport="http://www.openuri.org/2002/04/soap/jms/"/>')
    findings = run(text)
    skipped = only(findings, "registration.port.skipped")
    assert skipped.severity == Severity.INFO and "jms" in skipped.message
    assert "no port uses a SOAP binding" in only(findings, "registration.services.none").message


def test_no_service_element() -> None:
    start, end = BASE.index("  <wsdl:service"), BASE.index("  </wsdl:service>\n") + len("  </wsdl:service>\n")
    findings = run(BASE[:start] + BASE[end:])
    assert problems(findings) == {("xroad-wsdl:registration.services.none", "/wsdl:definitions", "warning")}
    assert "it has no wsdl:service" in only(findings, "registration.services.none").message


def test_wsdl_import_is_not_followed_by_the_security_server() -> None:
    text = change("  <wsdl:types>", '  <wsdl:import namespace="http://prh.fi/common" '
                  'location="https://ytj.prh.example/common.wsdl"/>\n  <wsdl:types>')
    findings = run(text)
    assert only(findings, "registration.wsdlImport").severity == Severity.WARNING
    assert any(f.rule == "xroad-wsdl:offline.import" and f.location.value == "https://ytj.prh.example/common.wsdl"
               for f in findings)


def test_size_limit(tmp_path: Path) -> None:
    padding = ("<!-- " + "x" * 1000 + " -->\n") * 10_600
    text = change("  <wsdl:types>", padding + "  <wsdl:types>")
    finding = only(run(text, tmp_path), "registration.size")
    assert finding.severity == Severity.ERROR and finding.location.path == "/wsdl:definitions"


# --- L4: specification ---------------------------------------------------------------------------

def test_rpc_style_on_binding_and_operation() -> None:
    findings = run(change('<soap:operation soapAction="" style="document"/>',
                          '<soap:operation soapAction="" style="rpc"/>'))
    assert problems(findings) == {("xroad-wsdl:spec.binding.style", f"{OP}/soap:operation/@style", "error")}


def test_encoded_use_and_extra_body_attributes() -> None:
    text = change('<soap:body use="literal"/>', '<soap:body use="encoded" '
                  'encodingStyle="http://schemas.xmlsoap.org/soap/encoding/" namespace="http://prh.fi/producer"/>')
    assert problems(run(text)) == {
        ("xroad-wsdl:spec.body.use", f"{OP}/wsdl:input/soap:body/@use", "error"),
        ("xroad-wsdl:spec.body.attributes", f"{OP}/wsdl:input/soap:body/@namespace", "error")}


def test_part_refers_to_a_type() -> None:
    findings = run(change('<wsdl:part name="parameters" element="prh:haeYritys"/>',
                          '<wsdl:part name="ytunnus" type="prh:Ytunnus"/>'))
    finding = only(findings, "spec.part.type")
    assert finding.location.path == "/wsdl:definitions/wsdl:message[2]/wsdl:part/@type"
    assert 'element="tns:haeYritys"' in (finding.fix or "")


def test_message_without_body_part() -> None:
    findings = run(change('<wsdl:part name="parameters" element="prh:haeYritys"/>\n', ""))
    assert "no body part" in only(findings, "spec.body.parts").message


def test_output_wrapper_names() -> None:
    prefix = run(change('element="prh:haeYritysResponse"/>', 'element="prh:haeYritysVastaus"/>',
                        change('name="haeYritysResponse">', 'name="haeYritysVastaus">')))
    finding = only(prefix, "spec.wrapper.prefix")
    assert finding.severity == Severity.WARNING and "<haeYritysResponse>" in finding.message
    wrong = run(change('element="prh:haeYritysResponse"/>', 'element="prh:yritysTiedot"/>',
                       change('name="haeYritysResponse">', 'name="yritysTiedot">')))
    assert problems(wrong) == {("xroad-wsdl:spec.wrapper", "/wsdl:definitions/wsdl:message[3]/wsdl:part/@element",
                                "error")}


def test_input_wrapper_must_be_a_sequence() -> None:
    start = BASE.index('      <xsd:element name="haeYritys">')
    end = BASE.index('      <xsd:element name="haeYritysResponse">')
    text = BASE[:start] + '      <xsd:element name="haeYritys" type="prh:Ytunnus"/>\n' + BASE[end:]
    finding = only(run(text), "spec.wrapper.type")
    assert "simple type prh:Ytunnus" in finding.message
    assert finding.location.path == "/wsdl:definitions/wsdl:types/xsd:schema/xsd:element[1]"


def test_soap12_next_to_soap11_is_only_a_warning() -> None:
    binding_start = BASE.index('  <wsdl:binding name="YtjSoap11Binding"')
    binding_end = BASE.index("  </wsdl:binding>\n") + len("  </wsdl:binding>\n")
    soap12 = (BASE[binding_start:binding_end].replace("<soap:", "<soap12:").replace("Soap11", "Soap12"))
    text = BASE[:binding_end] + soap12 + BASE[binding_end:]
    text = change('xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"',
                  'xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"\n'
                  '                  xmlns:soap12="http://schemas.xmlsoap.org/wsdl/soap12/"', text)
    finding = only(run(text), "spec.binding.soap12")
    assert finding.severity == Severity.WARNING


def test_headers_missing_legacy_and_request_hash() -> None:
    missing = run(BASE.replace('        <soap:header message="prh:xroadHeader" part="client" use="literal"/>\n', ""))
    assert {(f.rule, f.location.path) for f in missing if f.severity == Severity.WARNING} == {
        ("xroad-wsdl:spec.header.missing", f"{OP}/wsdl:input"), ("xroad-wsdl:spec.header.missing", f"{OP}/wsdl:output")}
    assert all("header(s) client (" in f.message for f in missing if f.rule == "xroad-wsdl:spec.header.missing")
    text = change('<wsdl:part name="issue" element="xrd:issue"/>',
                  '<wsdl:part name="issue" element="xrd:issue"/>\n    '
                  '<wsdl:part name="requestHash" element="xrd:requestHash"/>')
    text = change('part="issue" use="literal"/>\n        <soap:header message="prh:xroadHeader" part="protocolVersion" '
                  'use="literal"/>\n        <soap:body use="literal"/>\n      </wsdl:output>',
                  'part="issue" use="literal"/>\n        <soap:header message="prh:xroadHeader" part="protocolVersion" '
                  'use="literal"/>\n        <soap:header message="prh:xroadHeader" part="requestHash" use="literal"/>\n'
                  '        <soap:body use="literal"/>\n      </wsdl:output>', text)
    assert problems(run(text)) == {("xroad-wsdl:spec.header.requestHash", f"{OP}/wsdl:output/soap:header[7]",
                                    "warning")}


def test_legacy_fixture_reports_each_direction() -> None:
    path = FIXTURES / "xroad-wsdl" / "invalid" / "ee-rr-legacy-v5-headers.wsdl"
    findings = run(path.read_text(encoding="utf-8"))
    legacy = [f for f in findings if f.rule == "xroad-wsdl:spec.header.legacy"]
    assert len(legacy) == 4 and all("consumer, producer" in f.message for f in legacy)
    assert not any(f.rule == "xroad-wsdl:spec.header.missing" for f in findings)


def test_version_missing_empty_and_in_another_namespace() -> None:
    empty = only(run(change("<xrd:version>v1</xrd:version>", "<xrd:version/>")), "spec.version.missing")
    assert "empty xrd:version" in empty.message and empty.location.path == f"{OP}/xrd:version"
    other = run(change("<xrd:version>v1</xrd:version>",
                       '<id:version xmlns:id="http://x-road.eu/xsd/identifiers">v1</id:version>'))
    finding = only(other, "spec.version.namespace")
    assert finding.severity == Severity.WARNING and finding.location.path == f"{OP}/id:version"


def test_title_missing_is_info() -> None:
    start = BASE.index("      <wsdl:documentation>")
    end = BASE.index("      </wsdl:documentation>\n") + len("      </wsdl:documentation>\n")
    finding = only(run(BASE[:start] + BASE[end:]), "spec.title.missing")
    assert finding.severity == Severity.INFO
    assert finding.location.path == "/wsdl:definitions/wsdl:portType/wsdl:operation/@name"


def test_mime_content_attachment_is_legacy_info() -> None:
    text = change('<wsdl:part name="parameters" element="prh:haeYritysResponse"/>',
                  '<wsdl:part name="parameters" element="prh:haeYritysResponse"/>\n    '
                  '<wsdl:part name="ote" type="xsd:base64Binary"/>')
    text = change('        <soap:body use="literal"/>\n      </wsdl:output>',
                  '        <mime:multipartRelated xmlns:mime="http://schemas.xmlsoap.org/wsdl/mime/">\n'
                  '          <mime:part><soap:body parts="parameters" use="literal"/></mime:part>\n'
                  '          <mime:part><mime:content part="ote" type="application/pdf"/></mime:part>\n'
                  '        </mime:multipartRelated>\n      </wsdl:output>', text)
    findings = run(text)
    assert problems(findings) == set()
    assert only(findings, "spec.attachment.mime").location.value == "ote"


def test_one_way_operation() -> None:
    path = FIXTURES / "xroad-wsdl" / "invalid" / "fi-ytj-one-way-operation.wsdl"
    finding = only(run(path.read_text(encoding="utf-8")), "spec.operation.output")
    assert "<haeYritysResponse>" in finding.message


# --- hostile input --------------------------------------------------------------------------------

@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A loopback port that records whether anything connected to it."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(5)
        server.setblocking(False)
        yield server


def assert_no_connection(server: socket.socket) -> None:
    time.sleep(0.2)
    with pytest.raises(BlockingIOError):
        server.accept()


def test_xxe_reading_a_local_file_is_refused(tmp_path: Path, listener: socket.socket) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-7f3a")
    port = listener.getsockname()[1]
    text = (f'<?xml version="1.0"?>\n<!DOCTYPE wsdl:definitions [\n  <!ENTITY data SYSTEM "file://{secret}">\n'
            f'  <!ENTITY % remote SYSTEM "http://127.0.0.1:{port}/evil.dtd">\n  %remote;\n]>\n'
            '<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/">&data;</wsdl:definitions>')
    started = time.monotonic()
    findings = run(text, tmp_path, "xxe.wsdl")
    assert time.monotonic() - started < 5
    assert [f.rule for f in findings] == ["input.xml-dtd"]
    assert all("TOP-SECRET" not in f"{f.message} {f.fix} {f.location.value}" for f in findings)
    assert_no_connection(listener)


def test_external_dtd_on_a_closed_port_is_not_loaded(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    text = (f'<?xml version="1.0"?>\n<!DOCTYPE wsdl:definitions SYSTEM "http://127.0.0.1:{port}/wsdl.dtd">\n'
            + BASE.split("\n", 1)[1])
    started = time.monotonic()
    findings = run(text)
    assert time.monotonic() - started < 5
    assert [f.rule for f in findings] == ["input.xml-dtd"]
    assert f"127.0.0.1:{port}" in findings[0].message


def test_external_dtd_and_imports_never_connect(listener: socket.socket, tmp_path: Path) -> None:
    port = listener.getsockname()[1]
    dtd = (f'<?xml version="1.0"?>\n<!DOCTYPE wsdl:definitions SYSTEM "http://127.0.0.1:{port}/wsdl.dtd">\n'
           + BASE.split("\n", 1)[1])
    assert [f.rule for f in run(dtd)] == ["input.xml-dtd"]
    imports = change('schemaLocation="http://x-road.eu/xsd/xroad.xsd"',
                     f'schemaLocation="http://127.0.0.1:{port}/xroad.xsd"')
    imports = change("  <wsdl:types>", f'  <wsdl:import namespace="urn:x" location="http://127.0.0.1:{port}/x.wsdl"/>\n'
                     "  <wsdl:types>", imports)
    findings = run(imports, tmp_path)
    assert sum(f.rule == "xroad-wsdl:offline.import" for f in findings) == 2
    assert_no_connection(listener)


def test_not_xml_and_undeclared_prefix() -> None:
    assert [f.rule for f in run("FooBar!")] == ["input.syntax"]
    assert [f.rule for f in run('<wsdl:definitions name="x"/>')] == ["input.syntax"]


# --- CLI ----------------------------------------------------------------------------------------

def test_cli_validate_and_levels(run_cli: RunCli) -> None:
    invalid = FIXTURES / "xroad-wsdl" / "invalid"
    result = run_cli("validate", "-p", "xroad-wsdl", "-f", "json", str(invalid / "ee-rr-rpc-style.wsdl"), code=1)
    [error] = [f for f in json_report(result)["findings"] if f["severity"] == "error"]
    assert (error["rule"], error["path"], error["line"]) == (
        "xroad-wsdl:spec.binding.style", "/wsdl:definitions/wsdl:binding/soap:binding/@style", 112)
    assert error["profile"] == "xroad-wsdl" and error["see"].endswith("#32-describing-services-with-wsdl")
    # registered by the security server: only spec.* findings, so the registration view passes
    run_cli("validate", "-p", "xroad-wsdl", "--select", "xroad-wsdl:registration.*",
            str(invalid / "ee-rr-rpc-style.wsdl"), code=0)
    run_cli("validate", "-p", "xroad-wsdl", "--select", "xroad-wsdl:registration.*",
            str(invalid / "fi-ytj-reserved-service-code.wsdl"), code=1)
    text = run_cli("validate", "-p", "xroad-wsdl", str(FIXTURES / "xroad-wsdl" / "valid"), code=0).stdout
    assert "0 errors" in text
    assert re.search(r"^xroad-wsdl\s+4\.0\s+current", run_cli("profiles", code=0).stdout, re.M)
