"""Multipart messages under ``nordval validate -p xroad-soap``: the mime.* rules and line numbers."""

from __future__ import annotations

import base64

from nordval import api
from nordval.inputs import Source
from nordval.model import Finding
from nordval.xroad import mime
from tests.conftest import FIXTURES

REQUEST = (FIXTURES / "xroad-soap" / "valid" / "ee-rr-population-register-request.xml").read_bytes()


def validate(raw: bytes, name: str = "msg.mime") -> list[Finding]:
    report = api.validate(options=api.Options(profile="xroad-soap"), sources=[Source(name, data=raw)])
    return list(report.findings)


def message(soap: bytes, soap_headers: str = "Content-Type: text/xml; charset=UTF-8\r\n"
            "Content-Transfer-Encoding: 8bit\r\nContent-ID: <soap>\r\n", attachments: str = "",
            outer: str = "") -> bytes:
    return (outer.encode() + b"--rr\r\n" + soap_headers.encode() + b"\r\n" + soap + b"\r\n"
            + attachments.encode() + b"--rr--\r\n")


def rules(findings: list[Finding]) -> set[tuple[str, str]]:
    return {(f.severity.label, f.rule) for f in findings if f.rule != "xroad-soap:header.id.format"}


def test_plain_request_in_a_multipart_message_is_clean() -> None:
    assert rules(validate(message(REQUEST))) == set()


def test_lines_point_into_the_file() -> None:
    wrong = REQUEST.replace(b"<id:serviceCode>RR434", b"<id:serviceCode>RR437")
    [finding] = [f for f in validate(message(wrong)) if f.rule == "xroad-soap:body.wrapper"]
    line = finding.location.line
    assert line is not None
    assert message(wrong).splitlines()[line - 1].strip().startswith(b"<rr:RR434")


def test_transfer_encoding_start_and_outer_type() -> None:
    encoded = message(base64.encodebytes(REQUEST), "Content-Type: text/xml\r\nContent-Transfer-Encoding: base64\r\n"
                      "Content-ID: <soap>\r\n", outer='Content-Type: multipart/mixed; boundary=rr; start="<x>"\r\n\r\n')
    assert rules(validate(encoded)) == {("warning", "xroad-soap:mime.soap.transferEncoding"),
                                        ("warning", "xroad-soap:mime.contentType"),
                                        ("warning", "xroad-soap:mime.start")}
    absent = message(REQUEST, "Content-Type: text/xml\r\n")
    assert rules(validate(absent)) == {("info", "xroad-soap:mime.soap.transferEncoding")}


def test_declared_encoding_other_than_utf8() -> None:
    latin = REQUEST.replace(b'encoding="UTF-8"', b'encoding="ISO-8859-1"').replace(
        b"<Isikukood>", "<Nimi>Mari-Liis Männik</Nimi><Isikukood>".encode("iso-8859-1"))
    assert rules(validate(message(latin, "Content-Type: text/xml; charset=ISO-8859-1\r\n"
                                         "Content-Transfer-Encoding: 8bit\r\n"))) == set()


def test_cid_references() -> None:
    swaref = REQUEST.replace(b"</Isikukood>", b"</Isikukood><Volikiri>cid:volikiri%20allkirjaga.bdoc</Volikiri>")
    part = ("--rr\r\nContent-Type: application/octet-stream\r\nContent-ID: <volikiri allkirjaga.bdoc>\r\n\r\n"
            "AAAA\r\n")
    assert rules(validate(message(swaref, attachments=part))) == set()
    [finding] = [f for f in validate(message(swaref)) if f.rule == "xroad-soap:mime.cid"]
    assert finding.location.path is not None and finding.location.path.endswith("/Volikiri")
    assert "cid:volikiri allkirjaga.bdoc" in finding.message


def test_unterminated_message_and_odd_input_never_raise() -> None:
    unterminated = message(REQUEST)[: -len(b"--rr--\r\n")]
    assert rules(validate(unterminated)) == set()
    for raw in (b"--rr\r\n", b"--rr\r\n--rr--", b"Content-Type: multipart/related; boundary=\r\n\r\n",
                b"--rr\r\nContent-Type: text/xml\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!\r\n--rr--\r\n",
                b"--rr\r\nContent-Type: text/xml\r\n\r\n<a>\r\n--rr--\r\n"):
        found = validate(raw)
        assert found and all(f.rule.startswith(("input.", "xroad-soap:")) for f in found), raw
    assert mime.parse(b"").problem is not None
