"""X-Road message protocol 4.0 rules that XSD cannot express (research note §2 and §6).

The header schema only declares global elements: it cannot say which headers are required, how
often they occur, which ``objectType`` fits which element, or how the body wrapper relates to the
service code. Almost every message a security server rejects is XSD-valid, so these rules are the
substance of the ``xroad-soap`` profile; the bundled envelope schema only checks the envelope.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterator
from typing import Any

from ..inputs import Document
from ..model import Finding, Location, Severity
from ..profiles import ResolvedProfile
from . import identifiers as ids
from . import instances, mime, xmltree
from .rule import Rule
from .xmltree import elements, local, namespace

SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/"
SOAP12_NS = "http://www.w3.org/2003/05/soap-envelope"
SOAP_ENCODING = "http://schemas.xmlsoap.org/soap/encoding/"
XRD = "http://x-road.eu/xsd/xroad.xsd"
IDN = "http://x-road.eu/xsd/identifiers"
REPR = "http://x-road.eu/xsd/representation.xsd"
TOKEN = "http://x-road.eu/xsd/security-token.xsd"
LEGACY = "http://x-road.ee/xsd/x-road.xsd"
XOP = "http://www.w3.org/2004/08/xop/include"
PREFIXES = {SOAP_NS: "SOAP-ENV", XRD: "xroad", IDN: "id", REPR: "repr", TOKEN: "ext", SOAP12_NS: "env", XOP: "xop"}

PR_MESS = "https://github.com/nordic-institute/X-Road/blob/develop/doc/Protocols/pr-mess_x-road_message_protocol.md"
SEE_PROTOCOL = f"{PR_MESS}#2-format-of-messages"
SEE_HEADERS = f"{PR_MESS}#22-message-headers"
SEE_BODY = f"{PR_MESS}#23-message-body"
SEE_IDS = ids.SPEC_IDENTIFIERS
SEE_CHARS = ids.SPEC_CHARSET
SEE_REPR = ("https://github.com/nordic-institute/X-Road/blob/develop/doc/Protocols/ThirdPartyRepresentationExtension/"
            "pr-third_party_representation_extension_for_the_x-road_protocol.md#22-schema-header")
SEE_TOKEN = ("https://github.com/nordic-institute/X-Road/blob/develop/doc/Protocols/SecurityTokenExtension/"
             "pr-sectoken_security_token_extension_for_the_x-road_protocol.md#23-schema-header")
SEE_MIME = mime.SEE_ATTACHMENTS
SEE_META = ("https://github.com/nordic-institute/X-Road/blob/develop/doc/Protocols/"
            "pr-meta_x-road_service_metadata_protocol.md#3-retrieving-list-of-service-providers")

REQUIRED = ("client", "service", "id", "protocolVersion")
KNOWN_HEADERS = ("client", "service", "securityServer", "id", "userId", "issue", "protocolVersion", "requestHash")
IDENTIFIER_HEADERS = {"client": ("MEMBER", "SUBSYSTEM"), "service": ("SERVICE",), "securityServer": ("SERVER",)}
DIGESTS = {
    "http://www.w3.org/2001/04/xmlenc#sha256", "http://www.w3.org/2001/04/xmldsig-more#sha384",
    "http://www.w3.org/2001/04/xmlenc#sha512", "http://www.w3.org/2000/09/xmldsig#sha1",
}
UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
STRICT_PROFILE = "xroad-soap-strict"
# What the security server accepts but the specification or the schemas do not: errors when strict.
STRICT_ERRORS = ("header.unknown", "id.part.unexpected", "body.rpc")


def xpath(element: Any) -> str:
    return xmltree.xpath(element, PREFIXES)


RULES: dict[str, Rule] = {
    "envelope.root": Rule(Severity.ERROR, "the root element is {found}, not a SOAP 1.1 Envelope; X-Road message "
                          "protocol 4.0 is SOAP 1.1 (invalid_soap).",
                          "Wrap the message in <SOAP-ENV:Envelope xmlns:SOAP-ENV=\"" + SOAP_NS + "\">.",
                          SEE_PROTOCOL),
    "header.missing": Rule(Severity.ERROR, "the envelope has no SOAP Header; X-Road requires the client, service, "
                           "id and protocolVersion headers (missing_header).",
                           "Add <SOAP-ENV:Header> with xroad:client, xroad:service, xroad:id and "
                           "xroad:protocolVersion before the Body.", SEE_HEADERS),
    "body.missing": Rule(Severity.ERROR, "the envelope has no SOAP Body (missing_body).",
                         "Add <SOAP-ENV:Body> with exactly one wrapper element named after the service code.",
                         SEE_BODY),
    "header.legacy": Rule(Severity.ERROR, "header <{name}> uses the X-Road 5 namespace " + LEGACY + "; message "
                          "protocol 4.0 headers are in " + XRD + ".",
                          "Replace the v5 headers (consumer, producer, ...) by xroad:client, xroad:service, xroad:id "
                          "and xroad:protocolVersion in namespace " + XRD + ".", SEE_HEADERS),
    "header.field.missing": Rule(Severity.ERROR, "required header xroad:{name} is missing (missing_header_field).",
                                 "Add <xroad:{name}> to the SOAP Header{hint}.", SEE_HEADERS),
    "header.field.duplicate": Rule(Severity.ERROR, "header xroad:{name} occurs {count} times; each X-Road header "
                                   "field may occur once (duplicate_header_field).",
                                   "Keep one <xroad:{name}> element.", SEE_HEADERS),
    "header.unknown": Rule(Severity.WARNING, "header <xroad:{name}> is not an X-Road header; the security server "
                           "ignores it, strict XSD validation rejects it.",
                           "Remove <xroad:{name}> or move it out of the X-Road namespace.", SEE_HEADERS),
    "id.objectType.missing": Rule(Severity.ERROR, "<{name}> has no id:objectType attribute (invalid_xml).",
                                  "Add id:objectType=\"{expected}\" (namespace " + IDN + ").", SEE_IDS),
    "id.objectType.invalid": Rule(Severity.ERROR, "<{name}> has id:objectType=\"{found}\"; it must be {expected}.",
                                  "Set id:objectType=\"{expected}\".", SEE_IDS),
    "id.objectType.mismatch": Rule(Severity.ERROR, "<{name}> has id:objectType=\"{found}\" but {why}.",
                                   "Use objectType SUBSYSTEM with a subsystemCode, or MEMBER without one.", SEE_IDS),
    "id.part.missing": Rule(Severity.ERROR, "<{name}> ({kind}) lacks the required part id:{part}.",
                            "Add <id:{part}> in the order xRoadInstance, memberClass, memberCode, subsystemCode, "
                            "serviceCode, serviceVersion, serverCode.", SEE_IDS),
    "id.part.duplicate": Rule(Severity.ERROR, "<{name}> has id:{part} {count} times (duplicate_header_field).",
                              "Keep one <id:{part}>.", SEE_IDS),
    "id.part.unexpected": Rule(Severity.WARNING, "<{name}> ({kind}) has id:{part}, which this identifier type does "
                               "not have; X-Road ignores it.", "Remove <id:{part}>.", SEE_IDS),
    "id.part.empty": Rule(Severity.ERROR, "{detail}", "Give the part a value of 1-255 allowed characters.", SEE_CHARS),
    "id.part.whitespace": Rule(Severity.ERROR, "{detail}", "Remove the spaces and line breaks around the value.",
                               SEE_CHARS),
    "id.part.length": Rule(Severity.ERROR, "{detail}", "Shorten the value to at most 255 characters.", SEE_CHARS),
    "id.part.forbidden": Rule(Severity.ERROR, "{detail}", "Use only A-Z a-z 0-9 and ' ( ) + , - . = ?.", SEE_CHARS),
    "id.part.charset": Rule(Severity.ERROR, "{detail}", "Use only A-Z a-z 0-9 and ' ( ) + , - . = ? (installations "
                            "upgraded from X-Road < 7.3 may still accept it in lenient mode).", SEE_CHARS),
    "protocolVersion.invalid": Rule(Severity.ERROR, "protocolVersion is \"{found}\"; X-Road accepts only 4.x "
                                    "(invalid_protocol_version).", "Write <xroad:protocolVersion>4.0"
                                    "</xroad:protocolVersion>.", SEE_HEADERS),
    "protocolVersion.exact": Rule(Severity.INFO, "protocolVersion is \"{found}\"; the specification says it MUST be "
                                  "4.0 (the security server accepts any 4.x).", "Write 4.0.", SEE_HEADERS),
    "body.count": Rule(Severity.ERROR, "the Body has {count} child elements; it must have exactly one wrapper "
                       "element or a Fault (invalid_body).",
                       "Put the request in one element named after the service code, e.g. <{hint}>.", SEE_BODY),
    "body.wrapper": Rule(Severity.ERROR, "body element <{found}> does not match serviceCode \"{code}\" "
                         "(inconsistent_headers).",
                         "Name the body element <{code}> in a request or <{code}Response> in a response.", SEE_BODY),
    "body.wrapper.prefix": Rule(Severity.WARNING, "body element <{found}> only starts with serviceCode \"{code}\"; "
                                "the security server accepts it, the specification wants <{code}> (request) or "
                                "<{code}Response> (response).", "Rename the element to <{code}>.", SEE_BODY),
    "body.rpc": Rule(Severity.WARNING, "<{name}> declares SOAP-ENV:encodingStyle=\"{found}\" (RPC/encoded); the "
                     "security server accepts the message and only flags it as RPC, but PR-MESS §2.3 requires "
                     "document/literal wrapped messages (an error under xroad-soap-strict).",
                     "Remove the encodingStyle attribute and describe the body with XML Schema.", SEE_BODY),
    "body.metaservice": Rule(Severity.WARNING, "{detail}", "{fix}", SEE_META),
    "requestHash.request": Rule(Severity.WARNING, "a request carries xroad:requestHash; only the provider's "
                                "security server adds it, to the response.", "Remove <xroad:requestHash>.",
                                SEE_HEADERS),
    "requestHash.value": Rule(Severity.WARNING, "{detail}", "{fix}", SEE_HEADERS),
    "header.id.format": Rule(Severity.INFO, "message id \"{found}\" is not a UUID; a UUID is recommended so that ids "
                             "are unique.", "Generate the id with a UUID generator.", SEE_HEADERS),
    "header.userId.country": Rule(Severity.INFO, "userId \"{found}\" does not start with an ISO 3166 two-letter "
                                  "country code.", "Prefix the personal code with its country, e.g. EE38001085718.",
                                  SEE_HEADERS),
    "representedParty.partyCode.missing": Rule(Severity.ERROR, "repr:representedParty has no repr:partyCode.",
                                               "Add <repr:partyCode> (and optionally <repr:partyClass> before it).",
                                               SEE_REPR),
    "representedParty.duplicate": Rule(Severity.ERROR, "{detail}", "Keep one element.", SEE_REPR),
    "securityToken.tokenType": Rule(Severity.INFO, "{detail}", "Set tokenType=\"urn:ietf:params:oauth:token-type:jwt\" "
                                    "for a JWT.", SEE_TOKEN),
    "mime.part.contentType": Rule(Severity.ERROR, "MIME part {number} has no Content-Type header; the security "
                                  "server refuses the message (invalid_content_type).",
                                  "Give every part a Content-Type header (application/octet-stream when in doubt).",
                                  SEE_MIME),
    "mime.contentType": Rule(Severity.WARNING, "the message's Content-Type is {found}; SOAP messages with "
                             "attachments are multipart/related.",
                             "Send Content-Type: multipart/related with type and boundary parameters.", SEE_MIME),
    "mime.start": Rule(Severity.WARNING, "the Content-Type start parameter names <{start}>, but the first part has "
                       "Content-ID {found}; X-Road reads the first part as the SOAP message.",
                       "Put the part named by start first, or correct the start parameter.", SEE_MIME),
    "mime.soap.transferEncoding": Rule(Severity.WARNING, "the SOAP part {found}; PR-MESS requires "
                                       "Content-Transfer-Encoding: 8bit{why}.",
                                       "Send the SOAP part with Content-Transfer-Encoding: 8bit.", SEE_MIME),
    "mime.cid": Rule(Severity.ERROR, "{what} refers to cid:{cid}, but no attachment has Content-ID <{cid}>; the "
                     "service cannot find the attachment.",
                     "Give the attachment part the header Content-ID: <{cid}>, or correct the reference.",
                     SEE_MIME),
}


class Emitter:
    """Builds findings with the file, line and XPath of an element; keeps rule texts in one table."""

    def __init__(self, document: Document, profile: ResolvedProfile, layer: str, strict: bool) -> None:
        self.document, self.profile, self.layer, self.strict = document, profile, layer, strict
        self.found: list[Finding] = []

    def __call__(self, rule: str, element: Any, severity: Severity | None = None,
                 value: str | None = None, **fields: Any) -> None:
        self.at(rule, getattr(element, "sourceline", None), xpath(element) if element is not None else None,
                severity, value, **fields)

    def at(self, rule: str, line: int | None, path: str | None, severity: Severity | None = None,
           value: str | None = None, **fields: Any) -> None:
        """A finding at a line without an element (MIME headers), or at an element's line and XPath."""
        spec = RULES[rule]
        level = severity or spec.severity
        if self.strict and rule in STRICT_ERRORS:
            level = Severity.ERROR
        self.found.append(spec.finding(
            f"{self.layer}:{rule}", Location(file=self.document.source, line=line, path=path, value=value),
            self.profile.id, self.layer, "xroad-soap", level, **fields))


def check(document: Document, profile: ResolvedProfile, languages: tuple[str, ...] = ()) -> Iterator[Finding]:
    """The §6 message rules for one SOAP message."""
    chain = {p.id for p in profile.chain}
    emit = Emitter(document, profile, "xroad-soap", STRICT_PROFILE in chain)
    check_message(document.tree.getroot(), emit)
    if document.mime is not None:
        check_mime(document.mime, document.tree.getroot(), emit)
    yield from emit.found


def check_message(root: Any, emit: Emitter) -> None:
    if namespace(root) != SOAP_NS or local(root) != "Envelope":
        found = f"<{local(root)}>" + (f" in namespace {namespace(root)}" if namespace(root) else "")
        if namespace(root) == SOAP12_NS:
            found += " (SOAP 1.2)"
        elif local(root) == "definitions":
            found += " (a WSDL service description: validate it with --profile xroad-wsdl)"
        emit("envelope.root", root, found=found)
        return
    headers = [c for c in elements(root) if c.tag == f"{{{SOAP_NS}}}Header"]
    bodies = [c for c in elements(root) if c.tag == f"{{{SOAP_NS}}}Body"]
    body = bodies[0] if bodies else None
    is_fault = body is not None and any(c.tag == f"{{{SOAP_NS}}}Fault" for c in elements(body))
    for element in root.iter():
        style = element.get(f"{{{SOAP_NS}}}encodingStyle") if isinstance(element.tag, str) else None
        if style and SOAP_ENCODING in style:
            emit("body.rpc", element, name=local(element), found=style, value=style)
            break
    if body is None:
        emit("body.missing", root)
    service_code = None
    request_hash = None
    if not headers:
        if not is_fault:
            emit("header.missing", root)
    else:
        service_code, request_hash = check_header(headers[0], emit, fault=is_fault)
    if body is None or is_fault:
        return
    children = elements(body)
    if len(children) != 1:
        emit("body.count", body, count=len(children), hint=service_code or "serviceCode")
        return
    check_body(children[0], service_code, request_hash, emit)


def check_header(header: Any, emit: Emitter, fault: bool) -> tuple[str | None, Any]:
    """Presence, multiplicity and content of the header fields; returns the service code."""
    fields: dict[str, list[Any]] = {}
    for child in elements(header):
        ns, name = namespace(child), local(child)
        if ns == LEGACY:
            emit("header.legacy", child, name=name)
        elif ns == XRD:
            if name in KNOWN_HEADERS:
                fields.setdefault(name, []).append(child)
            else:
                emit("header.unknown", child, name=name)
        elif (ns == REPR and name == "representedParty") or (ns == TOKEN and name == "securityToken"):
            fields.setdefault(name, []).append(child)
    for name, found in fields.items():
        if len(found) > 1:
            emit("header.field.duplicate", found[1], name=name, count=len(found))
    if not fault:
        for name in REQUIRED:
            if name not in fields:
                hint = {"client": " (the calling member or subsystem)", "service": " (the called service)",
                        "id": " (a unique message id, e.g. a UUID)", "protocolVersion": " with the value 4.0"}[name]
                emit("header.field.missing", header, name=name, hint=hint)
    for name, allowed in IDENTIFIER_HEADERS.items():
        for element in fields.get(name, [])[:1]:
            check_identifier(element, allowed, emit)
    version = fields.get("protocolVersion", [None])[0]
    if version is not None:
        text = (version.text or "").strip()
        if not text.startswith("4."):
            emit("protocolVersion.invalid", version, found=text, value=text)
        elif text != "4.0":
            emit("protocolVersion.exact", version, found=text, value=text)
    message_id = fields.get("id", [None])[0]
    if message_id is not None and not UUID.fullmatch((message_id.text or "").strip()):
        emit("header.id.format", message_id, found=(message_id.text or "").strip())
    user = fields.get("userId", [None])[0]
    if user is not None and (user.text or "").strip() and not re.match(r"[A-Z]{2}", (user.text or "").strip()):
        emit("header.userId.country", user, found=(user.text or "").strip())
    for party in fields.get("representedParty", [])[:1]:
        check_represented_party(party, emit)
    for token in fields.get("securityToken", [])[:1]:
        token_type = token.get("tokenType")
        if not token_type:
            emit("securityToken.tokenType", token, detail="ext:securityToken has no tokenType attribute.")
        elif not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", token_type):
            emit("securityToken.tokenType", token, detail=f"tokenType \"{token_type}\" is not an absolute URI.")
    service = fields.get("service", [None])[0]
    code = None
    if service is not None:
        codes = [c for c in elements(service) if c.tag == f"{{{IDN}}}serviceCode"]
        code = codes[0].text.strip() if codes and codes[0].text else None
    return code, fields.get("requestHash", [None])[0]


def identifier_parts(element: Any) -> tuple[dict[str, Any], dict[str, list[Any]]]:
    parts: dict[str, list[Any]] = {}
    for child in elements(element):
        if namespace(child) == IDN and local(child) in ids.PART_NAMES:
            parts.setdefault(local(child), []).append(child)
    return {k: v[0] for k, v in parts.items()}, parts


def check_identifier(element: Any, allowed: tuple[str, ...], emit: Emitter) -> None:
    """objectType against the element and its parts; each part's characters and length."""
    name = f"xroad:{local(element)}"
    kind = element.get(f"{{{IDN}}}objectType")
    first, every = identifier_parts(element)
    expected = " or ".join(allowed)
    if kind is None:
        emit("id.objectType.missing", element, name=name, expected=allowed[0])
        return
    if kind not in allowed:
        emit("id.objectType.invalid", element, name=name, found=kind, expected=expected, value=kind)
        return
    if kind == "MEMBER" and "subsystemCode" in first:
        emit("id.objectType.mismatch", element, name=name, found=kind, why="it has a subsystemCode (a MEMBER has none)")
    if kind == "SUBSYSTEM" and "subsystemCode" not in first:
        emit("id.objectType.mismatch", element, name=name, found=kind, why="it has no subsystemCode")
    form = [p.rstrip("?") for p in ids.FORMS[kind]]
    required = [p for p in ids.FORMS[kind] if not p.endswith("?")]
    for part in required:
        if part not in first:
            emit("id.part.missing", element, name=name, kind=kind, part=part)
    for part, found in every.items():
        if len(found) > 1:
            emit("id.part.duplicate", found[1], name=name, part=part, count=len(found))
        if part not in form and not (kind == "MEMBER" and part == "subsystemCode"):
            emit("id.part.unexpected", found[0], name=name, kind=kind, part=part)
    for part, child in first.items():
        if part in form:
            check_value(part, child, emit)


def check_value(part: str, child: Any, emit: Emitter) -> None:
    value = child.text or ""
    for problem in ids.check_part(part, value, strict=True):
        emit(f"id.{problem.code}", child, value=value[:200], detail=problem.message)


def check_represented_party(party: Any, emit: Emitter) -> None:
    found: dict[str, list[Any]] = {}
    for child in elements(party):
        if namespace(child) == REPR and local(child) in ("partyClass", "partyCode"):
            found.setdefault(local(child), []).append(child)
    if "partyCode" not in found:
        emit("representedParty.partyCode.missing", party)
    for name, items in found.items():
        if len(items) > 1:
            emit("representedParty.duplicate", items[1], detail=f"repr:{name} occurs {len(items)} times.")
        check_value(name, items[0], emit)


def check_body(wrapper: Any, code: str | None, request_hash: Any, emit: Emitter) -> None:
    """Wrapper name against serviceCode (spec: equal; security server: prefix); metaservice bodies."""
    name = local(wrapper)
    response = name.endswith("Response")
    if code and name not in (code, f"{code}Response"):
        if name.startswith(code):
            emit("body.wrapper.prefix", wrapper, found=name, code=code, value=name)
        else:
            emit("body.wrapper", wrapper, found=name, code=code, value=name)
    if request_hash is not None:
        if not response:
            emit("requestHash.request", request_hash)
        else:
            check_request_hash(request_hash, emit)
    if name in ("listMethods", "allowedMethods") and elements(wrapper):
        emit("body.metaservice", wrapper, detail=f"the {name} request body must be an empty <{name}/> element.",
             fix=f"Send <{name}/> with no content.")
    if name == "getWsdl" and not any(local(c) == "serviceCode" for c in elements(wrapper)):
        emit("body.metaservice", wrapper, detail="the getWsdl request has no serviceCode.",
             fix="Add <serviceCode> (and optionally <serviceVersion>) of the service whose WSDL you want.")


def check_request_hash(element: Any, emit: Emitter) -> None:
    algorithm = element.get("algorithmId")
    if algorithm not in DIGESTS:
        emit("requestHash.value", element, detail=f"requestHash algorithmId \"{algorithm}\" is not a known "
             "XML-DSig digest URI.", fix="Use http://www.w3.org/2001/04/xmlenc#sha512.")
    text = "".join((element.text or "").split())
    try:
        base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        emit("requestHash.value", element, detail="requestHash is not Base64.",
             fix="Let the provider's security server write the hash.")


def check_mime(message: mime.Multipart, root: Any, emit: Emitter) -> None:
    """PR-MESS §2.4 on the message the envelope came from: every part typed, the SOAP part 8bit,
    every ``cid:`` reference answered by an attachment."""
    found = message.content_type
    if found is not None and found != "multipart/related" and message.multipart:
        emit.at("mime.contentType", message.header_line, None, found=found, value=found)
    soap = message.parts[0]
    start = message.headers.get_param("start") if message.headers is not None and found else None
    if isinstance(start, str) and start.strip("<>") != soap.content_id:
        shown = f"<{soap.content_id}>" if soap.content_id else "none"
        emit.at("mime.start", message.header_line, None, start=start.strip("<>"), found=shown, value=start)
    encoding = soap.transfer_encoding
    if message.multipart and encoding != "8bit":
        identity = encoding in (None, "7bit", "binary")
        why = ("; the security server takes the bytes as they are" if identity
               else "; the security server hashes and signs the part as sent, not decoded")
        shown = (f"has Content-Transfer-Encoding {encoding}" if encoding
                 else "has no Content-Transfer-Encoding header (MIME's default is 7bit)")
        emit.at("mime.soap.transferEncoding", soap.line, None, Severity.INFO if identity else None,
                value=encoding, found=shown, why=why)
    for part in message.parts[1:]:
        if part.media_type is None:
            emit.at("mime.part.contentType", part.line, None, number=part.number)
    ids = {p.content_id for p in message.parts[1:] if p.content_id}
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag == f"{{{XOP}}}Include":
            reference, what = element.get("href") or "", "xop:Include/@href"
        elif not elements(element) and (element.text or "").strip().lower().startswith("cid:"):
            reference, what = (element.text or "").strip(), f"<{local(element)}> (swaRef)"
        else:
            continue
        if reference.lower().startswith("cid:") and mime.cid(reference) not in ids:
            emit("mime.cid", element, value=reference, what=what, cid=mime.cid(reference))


def check_instances(document: Document, profile: ResolvedProfile,
                    languages: tuple[str, ...] = ()) -> Iterator[Finding]:
    """Instance ids, member classes and member codes of the instance profile in the chain."""
    yield from instances.check(document, profile)
