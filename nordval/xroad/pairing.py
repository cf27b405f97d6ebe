"""Does a response answer its request? (PR-MESS §2.2 and §2.3; research note §6 item 12.)

A single message can be valid and still be the wrong answer: the client's security server
compares the response's ``client``, ``service``, ``id``, ``userId``, ``issue`` and
``representedParty`` with the request's and refuses a response that differs
(``inconsistent_response``), and it verifies ``requestHash`` against the request's bytes. PR-MESS
asks more than the server checks (every header field copied in the same sequence, the body
element ``<request element>Response``); those extra rules are warnings.

Findings are ``xroad-soap:pair.*``, located in the response (XPath and line), except where the
request itself cannot be compared. Each message alone is judged by ``nordval validate``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..inputs import Document, Source, load
from ..model import Finding, Location, Severity
from .rule import Rule
from .soap import IDN, REPR, SEE_BODY, SEE_HEADERS, SOAP_NS, XRD, xpath
from .xmltree import elements, local, namespace

LAYER = "xroad-soap"
SUFFIX = "Response"
# requestHash/@algorithmId (XML-DSig digest URIs) -> hashlib name
DIGESTS = {
    "http://www.w3.org/2001/04/xmlenc#sha256": "sha256",
    "http://www.w3.org/2001/04/xmldsig-more#sha384": "sha384",
    "http://www.w3.org/2001/04/xmlenc#sha512": "sha512",
    "http://www.w3.org/2000/09/xmldsig#sha1": "sha1",
}
INCONSISTENT = " The client's security server refuses such a response (inconsistent_response)."
MAYBE = (" The security server compares the field; whether it reads an empty field and a missing one alike is not "
         "established.")
FAULT = " The security server does not compare the headers of a fault."
SPEC_ONLY = (" PR-MESS: the service copies every header field with the same value; the security server does not "
             "compare it.")

RULES: dict[str, Rule] = {
    "pair.message": Rule(Severity.ERROR, "{which} cannot be paired: {why}", "{fix}", SEE_HEADERS),
    "pair.direction": Rule(Severity.ERROR, "the request's body element <{request}> is the response's <{response}> "
                           "plus \"Response\": the two files look swapped.",
                           "Give the request first: nordval xroad pair REQUEST RESPONSE.", SEE_BODY),
    "pair.client": Rule(Severity.ERROR, "{detail}{consequence}", "Copy xroad:client from the request unchanged.",
                        SEE_HEADERS),
    "pair.service": Rule(Severity.ERROR, "{detail}{consequence}", "Copy xroad:service from the request unchanged.",
                         SEE_HEADERS),
    "pair.id": Rule(Severity.ERROR, "{detail}{consequence}", "Copy xroad:id from the request unchanged.",
                    SEE_HEADERS),
    "pair.userId": Rule(Severity.ERROR, "{detail}{consequence}", "Copy xroad:userId from the request unchanged "
                        "(and add none when the request has none).", SEE_HEADERS),
    "pair.issue": Rule(Severity.ERROR, "{detail}{consequence}", "Copy xroad:issue from the request unchanged "
                       "(and add none when the request has none).", SEE_HEADERS),
    "pair.representedParty": Rule(Severity.ERROR, "{detail}{consequence}", "Copy repr:representedParty from the "
                                  "request unchanged.", SEE_HEADERS),
    "pair.protocolVersion": Rule(Severity.WARNING, "{detail}{consequence}", "Copy xroad:protocolVersion from the "
                                 "request.", SEE_HEADERS),
    "pair.securityServer": Rule(Severity.WARNING, "{detail}{consequence}", "Copy xroad:securityServer from the "
                                "request.", SEE_HEADERS),
    "pair.header": Rule(Severity.WARNING, "{detail}{consequence}", "Copy every header field of the request into the "
                        "response, and add none (the provider's security server adds requestHash).", SEE_HEADERS),
    "pair.order": Rule(Severity.WARNING, "the response's header fields come in the order {response}, the request's "
                       "in the order {request}; PR-MESS wants the same sequence (the security server does not "
                       "compare it).", "Write the header fields in the request's order.", SEE_HEADERS),
    "pair.body": Rule(Severity.ERROR, "the response's body element is <{found}>; the response to <{request}> is "
                      "<{request}Response>{why}.", "Rename the response element to <{request}Response>.", SEE_BODY),
    "pair.body.namespace": Rule(Severity.WARNING, "the response's body element <{found}> is in namespace {found_ns}, "
                                "the request's <{request}> in {request_ns}; a WSDL describes both in one "
                                "namespace (the security server does not compare namespaces).",
                                "Put the response element in the request element's namespace.", SEE_BODY),
    "pair.requestHash": Rule(Severity.WARNING, "{detail}", "{fix}", SEE_HEADERS),
    "pair.fault": Rule(Severity.INFO, "the response is a SOAP Fault: only the X-Road headers it carries were "
                       "compared with the request, and not its body.",
                       "Nothing to do; a fault may carry the request's headers (PR-MESS §2.5).", SEE_HEADERS),
}
# Header fields the client's security server compares (@CheckConsistency), then the ones only
# PR-MESS asks to copy; each with how its value is read.
COMPARED = (("client", XRD), ("service", XRD), ("id", XRD), ("userId", XRD), ("issue", XRD),
            ("representedParty", REPR))
COPIED = (("protocolVersion", XRD), ("securityServer", XRD))
IDENTIFIERS = {"client", "service", "securityServer"}
REQUEST_HASH = (XRD, "requestHash")


@dataclass
class Message:
    """One side of the pair: its document, the bytes a requestHash covers, its header and body."""

    document: Document
    hashed: bytes
    root: Any = None
    header: Any = None
    wrapper: Any = None
    fault: Any = None
    fields: dict[tuple[str, str], Any] = field(default_factory=dict)
    order: list[tuple[str, str]] = field(default_factory=list)


class Emitter:
    """Findings in one file, with the element's line and XPath (or the file alone)."""

    def __init__(self) -> None:
        self.found: list[Finding] = []

    def __call__(self, rule: str, source: str, element: Any = None, severity: Severity | None = None,
                 value: str | None = None, **fields: Any) -> None:
        spec = RULES[rule]
        location = Location(file=source, line=getattr(element, "sourceline", None),
                            path=xpath(element) if element is not None else None, value=value)
        self.found.append(spec.finding(f"{LAYER}:{rule}", location, LAYER, LAYER, "xroad-pair", severity, **fields))


def pair(request: Source, response: Source) -> list[Finding]:
    """Every finding on the pair: the files' input findings, then the ``pair.*`` comparison."""
    emit = Emitter()
    sides = []
    problems: list[Finding] = []
    for which, source in (("the request", request), ("the response", response)):
        try:
            raw = source.read()
        except OSError:
            raw = None  # load() reports it as input.unreadable
        document, found = load(source if raw is None else Source(source.name, data=raw))
        problems.extend(found)
        sides.append(_message(which, raw or b"", document, emit) if document is not None else None)
    first, second = sides
    if first is not None and second is not None:
        compare(first, second, emit)
    return problems + emit.found


def _message(which: str, raw: bytes, document: Document, emit: Emitter) -> Message | None:
    """The side as a SOAP message, or None (with a ``pair.message`` finding) if it is none."""
    if document.kind != "xml":
        emit("pair.message", document.source, which=which.capitalize(), why="it is not an XML message.",
             fix="Give the SOAP messages (XML, or multipart/related with the envelope first).")
        return None
    root = document.tree.getroot()
    if namespace(root) != SOAP_NS or local(root) != "Envelope":
        emit("pair.message", document.source, root, which=which.capitalize(),
             why=f"its root is <{local(root)}>, not a SOAP 1.1 Envelope.", fix="Give the SOAP messages.")
        return None
    # requestHash covers the HTTP body as sent, or its first MIME part (PR-MESS §2.2)
    hashed = document.mime.parts[0].body if document.mime is not None else raw
    message = Message(document, hashed, root)
    message.header = next((c for c in elements(root) if c.tag == f"{{{SOAP_NS}}}Header"), None)
    body = next((c for c in elements(root) if c.tag == f"{{{SOAP_NS}}}Body"), None)
    children = elements(body) if body is not None else []
    message.fault = next((c for c in children if c.tag == f"{{{SOAP_NS}}}Fault"), None)
    message.wrapper = children[0] if len(children) == 1 and message.fault is None else None
    if message.header is not None:
        for child in elements(message.header):
            key = (namespace(child), local(child))
            message.fields.setdefault(key, child)
            message.order.append(key)
    if message.fault is not None and which == "the request":
        emit("pair.message", document.source, message.fault, which="The request",
             why="it is a SOAP Fault; a request carries a service call.", fix="Give the request that was sent.")
        return None
    if message.header is None and message.fault is None:
        emit("pair.message", document.source, root, which=which.capitalize(),
             why="it has no SOAP Header, so there are no X-Road headers to compare.",
             fix="Validate it with nordval validate -p xroad-soap first.")
        return None
    return message


def compare(request: Message, response: Message, emit: Emitter) -> None:
    """The response against its request: headers, order, body element, requestHash."""
    name = response.document.source
    anchor = response.header if response.header is not None else response.root
    fault = response.fault is not None
    if fault:
        emit("pair.fault", name, response.fault)
    for local_name, ns in COMPARED + COPIED:
        consequence = FAULT if fault else INCONSISTENT if (local_name, ns) in COMPARED else SPEC_ONLY
        _field(emit, name, anchor, local_name, request.fields.get((ns, local_name)),
               response.fields.get((ns, local_name)), consequence, fault)
    known = {(ns, n) for n, ns in COMPARED + COPIED} | {REQUEST_HASH}
    if not fault:
        for key in dict.fromkeys(request.order):
            if key not in known and key not in response.fields:
                element = request.fields[key]
                emit("pair.header", name, anchor, value=_text(element)[:200], consequence=SPEC_ONLY,
                     detail=f"the request has header {_qname(element)}, the response does not.")
        for key in dict.fromkeys(response.order):
            if key not in known and key not in request.fields:
                element = response.fields[key]
                emit("pair.header", name, element, value=_text(element)[:200], consequence=SPEC_ONLY,
                     detail=f"the response has header {_qname(element)}, which the request does not have.")
    _order(emit, name, anchor, request, response)
    if not fault:
        _body(emit, name, request, response)
    hash_element = response.fields.get(REQUEST_HASH)
    if hash_element is not None:
        _request_hash(emit, name, hash_element, request)


def _qname(element: Any) -> str:
    prefix = element.prefix or {XRD: "xroad", REPR: "repr", IDN: "id"}.get(namespace(element))
    return f"{prefix}:{local(element)}" if prefix else local(element)


def _text(element: Any) -> str:
    return "".join(element.itertext())


def _value(name: str, element: Any) -> dict[str, str]:
    """What the security server compares: the parts of an identifier (with its objectType), the
    parts of a represented party, or the text of a simple field as written (not trimmed)."""
    if name in IDENTIFIERS or name == "representedParty":
        value = {local(c): _text(c) for c in elements(element) if namespace(c) in (IDN, REPR)}
        kind = element.get(f"{{{IDN}}}objectType")
        if name in IDENTIFIERS:
            value["objectType"] = kind if kind is not None else "(none)"
        return value
    return {"": _text(element)}


def _plain(value: dict[str, str]) -> str:
    """The value as text: a simple field's text, an identifier's parts joined by slashes."""
    return value[""] if list(value) == [""] else "/".join(value[k] for k in value if k != "objectType")


def _shown(value: dict[str, str]) -> str:
    return f"\"{value['']}\"" if list(value) == [""] else _plain(value)


def _field(emit: Emitter, file: str, anchor: Any, name: str, asked: Any, answered: Any, consequence: str,
           fault: bool) -> None:
    """One header field of the request against the response's (a fault need not carry it)."""
    rule = f"pair.{name}"
    severity = Severity.WARNING if fault else None
    if asked is None and answered is None:
        return
    if asked is None or answered is None:
        if fault:
            return
        present = asked if answered is None else answered
        shown = _shown(_value(name, present))
        plain = _plain(_value(name, present))[:200]
        empty = name not in IDENTIFIERS and not _text(present)
        if empty and consequence == INCONSISTENT:
            severity, consequence = Severity.WARNING, MAYBE
        detail = (f"the request has {_qname(asked)} {shown}, the response has none." if answered is None
                  else f"the response has {_qname(answered)} {shown}, which the request does not have.")
        emit(rule, file, anchor if answered is None else answered, severity, value=plain, detail=detail,
             consequence=consequence)
        return
    first, second = _value(name, asked), _value(name, answered)
    if first == second:
        return
    differences = []
    for part in dict.fromkeys([*first, *second]):
        left, right = first.get(part), second.get(part)
        if left != right:
            label = f"{part} " if part else ""
            differences.append(f"{label}{_quoted(left)} in the request, {_quoted(right)} in the response")
    only_space = list(first) == [""] and first[""].strip() == second[""].strip()
    emit(rule, file, answered, severity, value=_plain(second)[:200], consequence=consequence,
         detail=f"the response's {_qname(answered)} differs from the request's: " + "; ".join(differences)
         + (" (only in white space, which the security server does not ignore)." if only_space else "."))


def _quoted(value: str | None) -> str:
    return "none" if value is None else f"\"{value}\""


def _order(emit: Emitter, file: str, anchor: Any, request: Message, response: Message) -> None:
    common = set(request.order) & set(response.order) - {REQUEST_HASH}
    asked = [k for k in dict.fromkeys(request.order) if k in common]
    answered = [k for k in dict.fromkeys(response.order) if k in common]
    if asked != answered:
        emit("pair.order", file, anchor, request=", ".join(n for _ns, n in asked),
             response=", ".join(n for _ns, n in answered))


def _body(emit: Emitter, file: str, request: Message, response: Message) -> None:
    asked, answered = request.wrapper, response.wrapper
    if asked is None or answered is None:
        return  # no single body element: nordval validate reports that message alone
    wanted, found = local(asked), local(answered)
    if wanted == found + SUFFIX:
        emit("pair.direction", file, answered, value=found, request=wanted, response=found)
        return
    service = request.fields.get((XRD, "service"))
    codes = [c for c in elements(service) if c.tag == f"{{{IDN}}}serviceCode"] if service is not None else []
    code = _text(codes[0]).strip() if codes else None
    if found != wanted + SUFFIX and not (code and found == code + SUFFIX):
        rejected = code is not None and not found.startswith(code)
        why = (f"; it does not even start with the service code \"{code}\", so the security server refuses "
               "it (inconsistent_headers)") if rejected else " (the security server accepts it: it only checks " \
            f"that the element starts with the service code \"{code}\")" if code else ""
        emit("pair.body", file, answered, None if rejected or code is None else Severity.WARNING, value=found,
             found=found, request=wanted, why=why)
    if namespace(asked) != namespace(answered):
        emit("pair.body.namespace", file, answered, value=namespace(answered) or None, found=found,
             request=wanted, found_ns=namespace(answered) or "(no namespace)",
             request_ns=namespace(asked) or "(no namespace)")


def _request_hash(emit: Emitter, file: str, element: Any, request: Message) -> None:
    algorithm = element.get("algorithmId") or ""
    digest: Callable[[bytes], Any] | None = getattr(hashlib, DIGESTS.get(algorithm, ""), None)
    text = "".join(_text(element).split())
    try:
        given = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return  # not Base64: nordval validate reports requestHash.value on the response
    if digest is None:
        emit("pair.requestHash", file, element, Severity.INFO, value=algorithm,
             detail=f"requestHash uses algorithmId \"{algorithm}\", which nordval cannot compute, so it was not "
             "compared with the request.", fix="Use http://www.w3.org/2001/04/xmlenc#sha512.")
        return
    computed = digest(request.hashed).digest()
    if computed == given:
        return
    name = DIGESTS[algorithm].upper()
    emit("pair.requestHash", file, element, value=text[:200],
         detail=f"requestHash is not the {name} digest of the request as given "
         f"({base64.b64encode(computed).decode()[:24]}...): either the response answers another request, or the "
         "request file is not byte for byte the message that was sent.",
         fix="Compare the response with the request exactly as it was sent (the first MIME part when it has "
         "attachments); the client's security server refuses a response whose requestHash does not match "
         "(inconsistent_response).")
