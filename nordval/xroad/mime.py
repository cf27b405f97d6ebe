"""SOAP messages with attachments and MTOM messages (multipart/related, PR-MESS §2.4).

``nordval validate`` reads such a file as the SOAP envelope of its first part, so an X-Road
message with attachments is judged like a plain one. A file may start with its HTTP/MIME headers
(``Content-Type: multipart/related; boundary=...``, a blank line, the body) or directly with the
boundary line, as X-Road's own test messages are stored.

The parts are split here rather than by :mod:`email`: the SOAP part's exact bytes are what the
provider's security server hashes into ``requestHash``, and its position in the file is what
makes the envelope's line numbers point into the file the user gave. :mod:`email` is only used to
read header fields.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import quopri
import re
from dataclasses import dataclass
from email.message import Message
from email.parser import BytesHeaderParser
from email.policy import compat32
from urllib.parse import unquote

SOAP_TYPES = ("text/xml", "application/xop+xml", "application/soap+xml")
SEE_ATTACHMENTS = ("https://github.com/nordic-institute/X-Road/blob/develop/doc/Protocols/"
                   "pr-mess_x-road_message_protocol.md#24-attachments")
RFC_2387 = "https://www.rfc-editor.org/rfc/rfc2387"
# RFC 2046 §5.1.1: 1-70 characters of bchars, the last one not a space.
_DELIMITER = re.compile(rb"--([0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?])[ \t]*\r?\n?")
_HEADER = re.compile(rb"[!-9;-~]+:")
_CONTINUATION = re.compile(rb"[ \t]")
_XML_DECLARATION = re.compile(rb"<\?xml[^>]*\?>")
_ENCODING = re.compile(rb"""encoding\s*=\s*["']([A-Za-z][A-Za-z0-9._-]*)["']""")
_SNIFF_BYTES = 16384
_IDENTITY = ("", "7bit", "8bit", "binary")


@dataclass(frozen=True)
class Part:
    """One body part: its headers, where it is in the file (1-based lines) and its raw bytes."""

    number: int
    line: int
    body_line: int
    headers: Message
    body: bytes

    @property
    def media_type(self) -> str | None:
        return self.headers.get_content_type() if "Content-Type" in self.headers else None

    @property
    def content_id(self) -> str | None:
        value = self.headers.get("Content-ID")
        return value.strip().strip("<>").strip() if value else None

    @property
    def transfer_encoding(self) -> str | None:
        value = self.headers.get("Content-Transfer-Encoding")
        return value.strip().lower() if value is not None else None

    def decoded(self) -> bytes | None:
        """The body after its Content-Transfer-Encoding; None when it cannot be decoded."""
        encoding = self.transfer_encoding or ""
        if encoding in _IDENTITY:
            return self.body
        if encoding == "base64":
            try:
                return base64.b64decode(b"".join(self.body.split()), validate=True)
            except (binascii.Error, ValueError):
                return None
        if encoding == "quoted-printable":
            return quopri.decodestring(self.body)
        return None


@dataclass(frozen=True)
class Multipart:
    """A message read as multipart/related: its outer headers (if the file has them) and parts.

    ``problem`` says why no SOAP envelope can be taken from it (X-Road answers such messages with
    ``invalid_content_type``); ``problem_line`` is where in the file.
    """

    headers: Message | None
    header_line: int
    boundary: str | None
    parts: tuple[Part, ...] = ()
    closed: bool = False
    problem: str | None = None
    problem_line: int | None = None
    multipart: bool = True

    @property
    def soap(self) -> Part | None:
        return self.parts[0] if self.problem is None and self.parts else None

    @property
    def content_type(self) -> str | None:
        if self.headers is None or "Content-Type" not in self.headers:
            return None
        return self.headers.get_content_type()


def _headers(raw: bytes) -> Message:
    return BytesHeaderParser(policy=compat32).parsebytes(raw)


def _lines(raw: bytes) -> list[bytes]:
    return raw.splitlines(keepends=True)


def _header_block(lines: list[bytes], start: int) -> int | None:
    """Index of the blank line ending the header block that starts at ``start``; None if it is none."""
    for index in range(start, min(len(lines), start + 200)):
        line = lines[index]
        if not line.strip():
            return index if index > start else None
        if not (_HEADER.match(line) or (index > start and _CONTINUATION.match(line))):
            return None
    return None


def _first_content_line(lines: list[bytes]) -> int:
    index = 0
    while index < len(lines) and not lines[index].strip():
        index += 1
    return index


def looks_like_mime(raw: bytes) -> bool:
    """True for a multipart body (a boundary line that occurs again), or for a header block with a
    Content-Type followed by a multipart body or an XML envelope. Nothing else starts that way."""
    head = raw[:_SNIFF_BYTES].removeprefix(b"\xef\xbb\xbf")
    stripped = head.lstrip()
    if not stripped or stripped[:1] == b"<":
        return False
    lines = _lines(head)
    first = _first_content_line(lines)
    if first >= len(lines):
        return False
    match = _DELIMITER.fullmatch(lines[first])
    if match:
        return raw.count(b"--" + match.group(1)) >= 2
    end = _header_block(lines, first)
    if end is None:
        return False
    headers = _headers(b"".join(lines[first:end]) + b"\n")
    if "Content-Type" not in headers:
        return False
    if headers.get_content_maintype() == "multipart":
        return bool(headers.get_param("boundary"))
    return b"".join(lines[end + 1:]).lstrip()[:1] == b"<"


def parse(raw: bytes) -> Multipart:
    """Split ``raw`` into parts; never raises. The SOAP envelope is the first part."""
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    lines = _lines(raw)
    index = _first_content_line(lines)
    headers: Message | None = None
    header_line = index + 1
    boundary: str | None = None
    if index < len(lines) and (match := _DELIMITER.fullmatch(lines[index])):
        boundary = match.group(1).decode("ascii")
    else:
        end = _header_block(lines, index)
        if end is None:
            return Multipart(None, header_line, None, problem="the message starts with neither MIME headers "
                             "nor a boundary line.", problem_line=header_line)
        headers = _headers(b"".join(lines[index:end]) + b"\n")
        if "Content-Type" in headers and headers.get_content_maintype() != "multipart":
            return _single(headers, header_line, lines, end + 1)
        found = headers.get_param("boundary") if "Content-Type" in headers else None
        if not isinstance(found, str) or not found:
            return Multipart(headers, header_line, None, problem="the Content-Type header has no boundary "
                             "parameter, so the parts cannot be found.", problem_line=header_line)
        boundary = found
        index = end + 1
    return _split(lines, index, headers, header_line, boundary)


def _single(headers: Message, header_line: int, lines: list[bytes], start: int) -> Multipart:
    """Headers with a single (non-multipart) body: the body is the SOAP message."""
    part = Part(1, header_line, start + 1, headers, b"".join(lines[start:]))
    multipart = Multipart(headers, header_line, None, (part,), closed=True, multipart=False)
    return _judged(multipart)


def _split(lines: list[bytes], start: int, headers: Message | None, header_line: int, boundary: str) -> Multipart:
    marker = b"--" + boundary.encode("ascii", "replace")
    parts: list[Part] = []
    current: int | None = None  # index of the first line after the current part's delimiter
    closed = False
    for index in range(start, len(lines)):
        line = lines[index].rstrip(b"\r\n").rstrip(b" \t")
        if line == marker or line == marker + b"--":
            if current is not None:
                parts.append(_part(len(parts) + 1, lines, current, index))
            if line.endswith(b"--") and line != marker:
                closed = True
                break
            current = index + 1
    if current is not None and not closed:
        parts.append(_part(len(parts) + 1, lines, current, len(lines)))
    multipart = Multipart(headers, header_line, boundary, tuple(parts), closed=closed)
    if not parts:
        return Multipart(headers, header_line, boundary, problem=f"no line \"--{boundary}\" starts a part, so the "
                         "message has no parts.", problem_line=header_line)
    return _judged(multipart)


def _part(number: int, lines: list[bytes], start: int, stop: int) -> Part:
    end = start
    while end < stop and lines[end].strip():
        end += 1
    header_bytes = b"".join(lines[start:end])
    body_start = min(end + 1, stop)
    body = b"".join(lines[body_start:stop])
    # The line break before a delimiter belongs to the delimiter (RFC 2046 §5.1.1).
    body = body[:-2] if body.endswith(b"\r\n") else body[:-1] if body.endswith((b"\n", b"\r")) else body
    return Part(number, start + 1, body_start + 1, _headers(header_bytes + b"\n"), body)


def _judged(multipart: Multipart) -> Multipart:
    """The message with ``problem`` set when its first part cannot be the SOAP envelope."""
    first = multipart.parts[0]
    problem = None
    if first.media_type is None:
        problem = "the first part has no Content-Type header, so it cannot be the SOAP message."
    elif first.media_type not in SOAP_TYPES:
        problem = (f"the first part is {first.media_type}, not the SOAP message; the SOAP envelope must be the "
                   "first part, as text/xml (or application/xop+xml in an MTOM message).")
    elif first.decoded() is None:
        problem = f"the SOAP part cannot be decoded from its Content-Transfer-Encoding {first.transfer_encoding}."
    elif not (first.decoded() or b"").strip():
        problem = "the SOAP part is empty."
    if problem is None:
        return multipart
    return Multipart(multipart.headers, multipart.header_line, multipart.boundary, multipart.parts,
                     multipart.closed, problem, first.line, multipart.multipart)


def positioned(part: Part) -> bytes:
    """The SOAP part as XML whose line numbers are the file's: the XML declaration is blanked out
    (re-encoding the text as UTF-8 if it declared another encoding) and as many line breaks put in
    front as there are lines before the part's body. Bodies that cannot be mapped so (a transfer
    encoding other than identity, an unknown charset) are returned decoded and unshifted."""
    body = part.decoded() or b""
    if (part.transfer_encoding or "") not in _IDENTITY:
        return body
    body = body.removeprefix(b"\xef\xbb\xbf")
    declaration = _XML_DECLARATION.match(body)
    charset = part.headers.get_content_charset()
    encoding = None
    if declaration:
        found = _ENCODING.search(declaration.group(0))
        encoding = found.group(1).decode("ascii").lower() if found else None
    elif charset:
        encoding = charset.lower()
    if encoding and encoding not in ("utf-8", "utf8", "us-ascii", "ascii"):
        try:
            body = body.decode(codecs.lookup(encoding).name).encode("utf-8")
        except (LookupError, UnicodeError):
            return part.decoded() or b""
        declaration = _XML_DECLARATION.match(body)
    if declaration:
        body = b" " * declaration.end() + body[declaration.end():]
    return b"\n" * (part.body_line - 1) + body


def cid(value: str) -> str:
    """The Content-ID a ``cid:`` URL names (RFC 2392: percent-encoded, no angle brackets)."""
    return unquote(value.strip()[4:]).strip().strip("<>")
