"""Syntax detection, parse failures as findings, and hostile XML that must never be expanded."""

from __future__ import annotations

import socket
import threading
from pathlib import Path

import pytest

from nordval.errors import InputError
from nordval.inputs import Source, expand, load

TURTLE = b'@prefix dct: <http://purl.org/dc/terms/> .\n<http://x/1> dct:title "t"@en .\n'


def _load(tmp_path: Path, name: str, data: bytes, fmt: str | None = None):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_bytes(data)
    return load(Source(name, path=path), fmt)


@pytest.mark.parametrize("name,data,syntax", [
    ("a.ttl", TURTLE, "turtle"),
    ("a.nt", b'<http://x/1> <http://purl.org/dc/terms/title> "t" .\n', "nt"),
    ("a.jsonld", b'{"@id": "http://x/1", "http://purl.org/dc/terms/title": "t"}', "json-ld"),
    ("a.rdf", b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
              b'<rdf:Description rdf:about="http://x/1"><rdf:value>v</rdf:value></rdf:Description></rdf:RDF>',
     "rdfxml"),
    ("noext", TURTLE, "turtle"),
])
def test_syntax_detection(tmp_path: Path, name: str, data: bytes, syntax: str) -> None:
    document, findings = _load(tmp_path, name, data)
    assert findings == []
    assert document is not None and document.syntax == syntax
    assert len(document.graphs[0][1]) == 1


def test_xml_that_is_not_rdf_is_kept_as_xml(tmp_path: Path) -> None:
    document, findings = _load(tmp_path, "msg.xml", b"<a><b>1</b></a>")
    assert findings == [] and document is not None and document.kind == "xml"


def test_trig_keeps_each_named_graph(tmp_path: Path) -> None:
    data = (b"@prefix ex: <http://ex.org/> .\n"
            b"ex:g1 { ex:a ex:p ex:b . }\nex:g2 { ex:c ex:p ex:d . ex:e ex:p ex:f . }\n")
    document, findings = _load(tmp_path, "cases.trig", data)
    assert findings == [] and document is not None
    assert [(name, len(g)) for name, g in document.graphs] == [("http://ex.org/g1", 1), ("http://ex.org/g2", 2)]


def test_turtle_syntax_error_names_the_line(tmp_path: Path) -> None:
    document, findings = _load(tmp_path, "bad.ttl", TURTLE + b'<http://x/2> <http://p> "unterminated .\n')
    assert document is None
    assert [(f.rule, f.location.line) for f in findings] == [("input.syntax", 3)]
    assert "unterminated" not in findings[0].message


@pytest.mark.parametrize("data,rule", [
    (b"", "input.empty"),
    (b"   \n\n", "input.empty"),
    (b"# only a comment\n", "input.empty"),
    (b"\x00\x01\x02binary\xff\xfe" * 50, "input.encoding"),
    (b"\xc3\x28 invalid utf-8 <http://x> .", "input.encoding"),
])
def test_unusable_files_become_one_finding(tmp_path: Path, data: bytes, rule: str) -> None:
    document, findings = _load(tmp_path, "x.ttl", data)
    assert document is None
    assert [f.rule for f in findings] == [rule]


def test_json_syntax_error_has_line_and_column(tmp_path: Path) -> None:
    _document, findings = _load(tmp_path, "a.jsonld", b'{\n  "@id": "http://x/1",\n  oops\n}')
    assert [(f.rule, f.location.line) for f in findings] == [("input.syntax", 3)]


def test_unknown_remote_context_is_not_fetched(tmp_path: Path) -> None:
    data = b'{"@context": "https://example.org/ctx.jsonld", "@id": "http://x/1", "title": "t"}'
    _document, findings = _load(tmp_path, "a.jsonld", data)
    assert [f.rule for f in findings] == ["input.jsonld-context"]
    assert "https://example.org/ctx.jsonld" in findings[0].message


def test_xxe_never_reads_local_files(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    data = (f'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM "file://{secret}">]>\n'
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
            '<rdf:Description rdf:about="http://x/1"><rdf:value>&x;</rdf:value></rdf:Description></rdf:RDF>')
    for name in ("a.rdf", "a.xml"):
        document, findings = _load(tmp_path, name, data.encode())
        assert document is None
        assert [f.rule for f in findings] == ["input.xml-dtd"]
        assert "TOP-SECRET" not in findings[0].message


def test_entity_expansion_bomb_is_refused(tmp_path: Path) -> None:
    entities = '<!ENTITY a0 "lol">' + "".join(
        f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    data = f'<?xml version="1.0"?><!DOCTYPE r [{entities}]><r>&a9;</r>'.encode()
    document, findings = _load(tmp_path, "bomb.xml", data)
    assert document is None
    assert len(findings) == 1 and findings[0].rule in ("input.xml-dtd", "input.syntax")


class _Listener:
    """A loopback TCP server that records whether anybody connected."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(1)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self.stop.set()
        self.thread.join()
        self.sock.close()


def test_external_dtd_is_never_fetched(tmp_path: Path) -> None:
    listener = _Listener()
    try:
        data = (f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF SYSTEM "http://127.0.0.1:{listener.port}/x.dtd">\n'
                '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>').encode()
        document, findings = _load(tmp_path, "a.rdf", data)
    finally:
        listener.close()
    assert listener.connections == 0
    assert document is None and [f.rule for f in findings] == ["input.xml-dtd"]


def test_expand_directories_and_globs(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.ttl").write_bytes(TURTLE)
    (tmp_path / "sub" / "b.jsonld").write_bytes(b"{}")
    (tmp_path / "notes.txt").write_text("skip me")
    names = [Path(s.name).name for s in expand([str(tmp_path)])]
    assert names == ["a.ttl", "b.jsonld"]
    assert [Path(s.name).name for s in expand([str(tmp_path / "*.ttl")])] == ["a.ttl"]
    with pytest.raises(InputError, match="no such file"):
        expand([str(tmp_path / "missing.ttl")])
    with pytest.raises(InputError, match="no file matches"):
        expand([str(tmp_path / "*.nq")])


# --- XML text and multipart (SOAP with attachments, MTOM) ------------------------------------

ENVELOPE = (b'<?xml version="1.0" encoding="UTF-8"?>\n<SOAP-ENV:Envelope '
            b'xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/">\n<SOAP-ENV:Body><a>\xc3\xa4</a>'
            b'</SOAP-ENV:Body>\n</SOAP-ENV:Envelope>')
MULTIPART = (b"--b1\r\nContent-Type: text/xml; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
             + ENVELOPE.replace(b"\n", b"\r\n") + b"\r\n--b1\r\nContent-Type: application/octet-stream\r\n"
             b"Content-ID: <data>\r\n\r\n\x00\x01\xff binary\r\n--b1--\r\n")


def test_xml_documents_carry_their_text(tmp_path: Path) -> None:
    document, _ = _load(tmp_path, "msg.xml", ENVELOPE)
    assert document is not None and document.kind == "xml" and document.text == ENVELOPE.decode()
    latin = b'<?xml version="1.0" encoding="ISO-8859-1"?><a>\xe4</a>'
    document, findings = _load(tmp_path, "latin.xml", latin)
    assert findings == [] and document is not None and document.text is not None and "ä" in document.text


@pytest.mark.parametrize("name", ["msg.mime", "msg.xml", "msg.query", "noext"])
def test_multipart_is_read_by_its_soap_part(tmp_path: Path, name: str) -> None:
    document, findings = _load(tmp_path, name, MULTIPART)
    assert findings == [] and document is not None and document.kind == "xml"
    assert document.mime is not None and [p.media_type for p in document.mime.parts] == [
        "text/xml", "application/octet-stream"]
    root = document.tree.getroot()
    assert root.sourceline == 6  # the line in the whole file, not in the part
    assert document.text is not None and document.text.splitlines()[5].startswith("<SOAP-ENV:Envelope")


def test_multipart_with_http_headers_and_stdin() -> None:
    raw = (b'Content-Type: multipart/related; type="text/xml"; boundary="b1"\r\nMIME-Version: 1.0\r\n\r\n'
           + MULTIPART)
    document, findings = load(Source("<stdin>", data=raw))
    assert findings == [] and document is not None and document.tree.getroot().sourceline == 9
    assert document.mime is not None and document.mime.content_type == "multipart/related"
    plain = b"Content-Type: text/xml; charset=UTF-8\r\n\r\n" + ENVELOPE
    document, findings = load(Source("<stdin>", data=plain))
    assert findings == [] and document is not None and document.tree.getroot().sourceline == 4


@pytest.mark.parametrize("data,why", [
    (b"--b1\r\nContent-Type: application/pdf\r\n\r\n%PDF\r\n--b1\r\nContent-Type: text/xml\r\n\r\n" + ENVELOPE
     + b"\r\n--b1--\r\n", "not the SOAP message"),
    (b"--b1\r\nContent-Type: text/xml\r\n\r\n\r\n--b1--\r\n", "empty"),
    (b"Content-Type: multipart/related\r\n\r\n--b1\r\n", "no boundary parameter"),
])
def test_unusable_multipart_is_one_input_mime_finding(tmp_path: Path, data: bytes, why: str) -> None:
    document, findings = _load(tmp_path, "msg.mime", data)
    assert document is None and [f.rule for f in findings] == ["input.mime"] and why in findings[0].message


def test_multipart_soap_part_stays_hardened(tmp_path: Path) -> None:
    xxe = b'<!DOCTYPE e [<!ENTITY x SYSTEM "file:///etc/passwd">]><e>&x;</e>'
    document, findings = _load(tmp_path, "msg.mime", b"--b1\r\nContent-Type: text/xml\r\n\r\n" + xxe + b"\r\n--b1--")
    assert document is None and [f.rule for f in findings] == ["input.xml-dtd"]


def test_what_is_not_multipart_keeps_its_old_reading(tmp_path: Path) -> None:
    _, findings = _load(tmp_path, "notes.xml", b"-- a comment line\n<a/>\n")
    assert [f.rule for f in findings] == ["input.syntax"]  # one "--" line that never recurs: still XML
    document, _ = _load(tmp_path, "data.ttl", b"--b1\r\n--b1--\r\n")
    assert document is None  # a .ttl file is Turtle whatever it starts with
    document, findings = _load(tmp_path, "binary.mime", b"\x00\x01\x02")
    assert document is None and [f.rule for f in findings] == ["input.mime"]
