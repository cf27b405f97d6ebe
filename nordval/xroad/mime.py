"""The SOAP part of a multipart/related X-Road message (PR-MESS §2.4), so attachments and MTOM
messages can be judged like plain ones. The corpus stores such messages without HTTP headers: the
body starts with the boundary line, which is how the boundary is found here."""

from __future__ import annotations

from email.parser import BytesParser
from email.policy import HTTP

SOAP_TYPES = ("text/xml", "application/xop+xml", "application/soap+xml")


def is_multipart(raw: bytes) -> bool:
    return raw.lstrip().startswith(b"--")


def soap_part(raw: bytes) -> tuple[bytes | None, str | None]:
    """(SOAP part bytes, None) or (None, why the message is not usable: invalid_content_type)."""
    first = raw.lstrip().split(b"\n", 1)[0].strip()
    boundary = first[2:].decode("ascii", "replace")
    if not boundary:
        return None, "the multipart message has no boundary line."
    head = f'Content-Type: multipart/related; boundary="{boundary}"\r\n\r\n'.encode()
    message = BytesParser(policy=HTTP).parsebytes(head + raw)
    parts = list(message.iter_parts()) if message.is_multipart() else []
    if not parts:
        return None, "the multipart message has no parts."
    first_part = parts[0]
    if first_part.get_content_type() not in SOAP_TYPES:
        return None, f"the first part is {first_part.get_content_type()}, not the SOAP message (it must come first)."
    for number, part in enumerate(parts[1:], start=2):
        if "Content-Type" not in part:
            return None, f"part {number} has no Content-Type header."
    payload = first_part.get_payload(decode=True)
    if not isinstance(payload, bytes) or not payload.strip():
        return None, "the SOAP part is empty."
    return payload, None
