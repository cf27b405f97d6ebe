"""X-Road WSDL service descriptions (PR-MESS §3; research note xroad-xml.md §5).

The security server checks far less when a WSDL is added than the specification asks of it
(§5.2, X-Road issue 1552): RPC bindings, v5 headers and wrappers that do not match the operation
are all registered, then fail when called. So every finding says which level it belongs to, in
the segment after ``xroad-wsdl:`` of its rule id (research note §5.3):

* ``offline.*`` (L1) imports nordval did not follow: it never fetches anything. Unreadable, unsafe
  and malformed input (XXE, external DTDs) is refused before this module by ``inputs`` (``input.*``).
* ``wsdl.*`` (L2) WSDL 1.1 / WS-I Basic Profile structure: what X-Road's optional WSDL validator
  add-on (Apache CXF) judges; errors are rejected there, warnings must be acknowledged.
* ``registration.*`` (L3) what the security server itself enforces when the WSDL is added
  (``WsdlParser``, ``ServiceDescriptionService``): errors mean the WSDL is **rejected at registration**.
* ``spec.*`` (L4) PR-MESS conformance the security server does not check at registration; errors
  are services that register but fail at runtime or describe non-X-Road messages.

Nothing is fetched: a relative import is only checked for existence next to the WSDL file.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..inputs import Document
from ..model import Finding, Location, Severity
from ..profiles import ResolvedProfile
from . import identifiers as ids
from . import xmltree
from .rule import Rule
from .soap import LEGACY, XRD
from .xmltree import elements, local, namespace

WSDL = "http://schemas.xmlsoap.org/wsdl/"
WSDL20 = "http://www.w3.org/ns/wsdl"
SOAP11 = "http://schemas.xmlsoap.org/wsdl/soap/"
SOAP12 = "http://schemas.xmlsoap.org/wsdl/soap12/"
MIME = "http://schemas.xmlsoap.org/wsdl/mime/"
XS = "http://www.w3.org/2001/XMLSchema"
HTTP_TRANSPORT = "http://schemas.xmlsoap.org/soap/http"
PREFIXES = {WSDL: "wsdl", SOAP11: "soap", SOAP12: "soap12", MIME: "mime", XS: "xs", XRD: "xrd"}
REQUIRED_HEADERS = ("client", "service", "id", "protocolVersion")
MAX_WSDL_BYTES = 10 * 1024 * 1024  # WsdlParser.MAX_DESCRIPTION_SIZE
NCNAME = re.compile(r"[^\W\d][\w.\-]*")
SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")

PR_MESS = "https://github.com/nordic-institute/X-Road/blob/develop/doc/Protocols/pr-mess_x-road_message_protocol.md"
SEE_WSDL_GENERAL = f"{PR_MESS}#31-general"
SEE_WSDL = f"{PR_MESS}#32-describing-services-with-wsdl"
SEE_HEADERS = f"{PR_MESS}#22-message-headers"
SEE_BODY = f"{PR_MESS}#23-message-body"
SEE_PROTOCOL = f"{PR_MESS}#2-format-of-messages"
SEE_SS = ("https://github.com/nordic-institute/X-Road/blob/develop/doc/Manuals/"
          "ug-ss_x-road_6_security_server_user_guide.md")
SEE_RESERVED = ("https://github.com/nordic-institute/X-Road/blob/develop/doc/Manuals/"
                "ug-syspar_x-road_v6_system_parameters.md")
SEE_WSDL11 = "https://www.w3.org/TR/2001/NOTE-wsdl-20010315"
SEE_WSI = "https://www.ws-i.org/Profiles/BasicProfile-1.1.html"
SEE_NCNAME = "https://www.w3.org/TR/xml-names/#NT-NCName"
SEE_IMPORT = "https://www.w3.org/TR/xmlschema-1/#composition-schemaImport"

LEVELS = {"offline": "L1", "wsdl": "L2", "registration": "L3", "spec": "L4"}
IDENTIFIER_FIX = {
    "part.empty": "Give the operation a name of 1-255 allowed characters.",
    "part.whitespace": "Remove the spaces around the value.",
    "part.length": "Shorten the value to at most 255 characters.",
    "part.forbidden": "Use only A-Z a-z 0-9 and ' ( ) + , - . = ?.",
    "part.charset": "Use only A-Z a-z 0-9 and ' ( ) + , - . = ? (installations upgraded from X-Road < 7.3 "
                    "may still accept it in lenient mode).",
}

RULES: dict[str, Rule] = {
    # L1: nothing is fetched
    "offline.import": Rule(Severity.INFO, "{what} {location} was not followed: nordval never fetches remote or "
                           "out-of-tree documents, so the definitions in it were not checked.",
                           "Check that document separately, or keep a copy next to the WSDL and refer to it "
                           "with a relative location.", SEE_IMPORT),
    # L2: WSDL 1.1 and WS-I Basic Profile (the CXF validator add-on)
    "wsdl.root": Rule(Severity.ERROR, "the root element is {found}, not wsdl:definitions in namespace " + WSDL
                      + "; X-Road services are described in WSDL 1.1 and the security server cannot read "
                      "this document.", "Describe the service in WSDL 1.1: <wsdl:definitions "
                      "xmlns:wsdl=\"" + WSDL + "\">.", SEE_WSDL_GENERAL),
    "wsdl.reference": Rule(Severity.ERROR, "{detail} WSDL tools, including X-Road's WSDL validator, reject "
                           "unresolved references.", "{fix}", SEE_WSDL11),
    "wsdl.name": Rule(Severity.ERROR, "<{element}> has name=\"{name}\", which is not an XML name (NCName); "
                      "WSDL and XML Schema names must be NCNames, and X-Road's WSDL validator rejects the "
                      "document.", "Use a name that starts with a letter or '_' and contains only letters, "
                      "digits, '.', '-' and '_'.", SEE_NCNAME),
    "wsdl.import.missing": Rule(Severity.ERROR, "<{element}> refers to {location}, which does not exist next to "
                                "the WSDL; the definitions it should provide cannot be resolved (X-Road's WSDL "
                                "validator fails on this).", "Publish the file at that relative location or "
                                "correct the location attribute.", SEE_IMPORT),
    "wsdl.operation.message": Rule(Severity.WARNING, "the <wsdl:{direction}> of portType operation \"{op}\" has "
                                   "no message attribute, so the {direction} is not described.",
                                   "Add message=\"tns:{expected}\" referring to a wsdl:message whose one part "
                                   "is the <{expected}> wrapper element.", SEE_WSDL11 + "#_porttypes"),
    "wsdl.binding.operation": Rule(Severity.WARNING, "{detail}; the binding describes messages its portType does "
                                   "not have (X-Road's WSDL validator warns about it).", "{fix}", SEE_WSI),
    "wsdl.binding.incomplete": Rule(Severity.INFO, "{detail}; WS-I Basic Profile R2718 wants a binding to have the "
                                    "same operations as its portType (X-Road's WSDL validator accepts it).", "{fix}",
                                    SEE_WSI),
    # L3: enforced by the security server when the WSDL is added
    "registration.serviceCode.empty": Rule(Severity.ERROR, "{detail}", IDENTIFIER_FIX["part.empty"], ids.SPEC_CHARSET),
    "registration.serviceCode.whitespace": Rule(Severity.ERROR, "{detail}", IDENTIFIER_FIX["part.whitespace"],
                                                ids.SPEC_CHARSET),
    "registration.serviceCode.length": Rule(Severity.ERROR, "{detail}", IDENTIFIER_FIX["part.length"],
                                            ids.SPEC_CHARSET),
    "registration.serviceCode.forbidden": Rule(Severity.ERROR, "{detail}", IDENTIFIER_FIX["part.forbidden"],
                                               ids.SPEC_CHARSET),
    "registration.serviceCode.charset": Rule(Severity.ERROR, "{detail}", IDENTIFIER_FIX["part.charset"],
                                             ids.SPEC_CHARSET),
    "registration.serviceVersion.length": Rule(Severity.ERROR, "{detail}", IDENTIFIER_FIX["part.length"],
                                               ids.SPEC_CHARSET),
    "registration.serviceVersion.forbidden": Rule(Severity.ERROR, "{detail}", IDENTIFIER_FIX["part.forbidden"],
                                                  ids.SPEC_CHARSET),
    "registration.serviceVersion.charset": Rule(Severity.ERROR, "{detail}", IDENTIFIER_FIX["part.charset"],
                                                ids.SPEC_CHARSET),
    "registration.serviceCode.reserved": Rule(Severity.ERROR, "service code \"{code}\" (binding operation name) "
                                              "is reserved for X-Road's own metaservices and monitoring "
                                              "services; the security server refuses to register it.",
                                              "Rename the operation; reserved codes: "
                                              + ", ".join(sorted(ids.RESERVED_SERVICE_CODES)) + ".", SEE_RESERVED),
    "registration.address.scheme": Rule(Severity.ERROR, "<{name} location=\"{url}\"> does not start with http:// "
                                        "or https://; the security server refuses to add the WSDL "
                                        "(ERROR_INVALID_SERVICE_URL).", "Give the HTTP(S) address of the "
                                        "service, e.g. location=\"https://rr-adapter.example.ee/rr\".", SEE_SS),
    "registration.address.missing": Rule(Severity.WARNING, "port \"{port}\" has no soap:address; the security "
                                         "server registers its services without an endpoint address.",
                                         "Add <soap:address location=\"https://...\"/> to the port.", SEE_SS),
    "registration.operation.duplicate": Rule(Severity.ERROR, "{container} \"{name}\" defines operation \"{op}\" "
                                             "{count} times; the security server refuses the WSDL (\"WSDL violates "
                                             "specification: Duplicate operation with name={op}\") or registers "
                                             "only one of them.", "Give each operation its own name (WS-I Basic "
                                             "Profile R2304 forbids overloaded operations).", SEE_SS),
    "registration.service.duplicate": Rule(Severity.WARNING, "service \"{service}\" is offered at {count} "
                                           "addresses ({urls}); the security server registers it once, with one "
                                           "of them, and which one is not defined.", "Keep one SOAP 1.1 port for "
                                           "the service, or give the variants different service codes or "
                                           "versions.", SEE_SS),
    "registration.port.skipped": Rule(Severity.INFO, "port \"{port}\" uses binding \"{binding}\", which is not "
                                      "SOAP over HTTP ({why}); the security server ignores the port.",
                                      "Nothing to do if the port is meant for other clients; X-Road only "
                                      "registers SOAP/HTTP ports.", SEE_SS),
    "registration.services.none": Rule(Severity.WARNING, "the security server would register no service from "
                                       "this WSDL: {why}.", "Add a wsdl:service with a port whose binding "
                                       "declares <soap:binding transport=\"" + HTTP_TRANSPORT + "\"/> and has "
                                       "operations.", SEE_SS),
    "registration.wsdlImport": Rule(Severity.WARNING, "wsdl:import of {location} is not followed by the security "
                                    "server (it reads WSDL without imported documents); bindings and services "
                                    "defined only there are not registered.", "Put the binding and service "
                                    "definitions into the WSDL given to the security server.", SEE_SS),
    "registration.size": Rule(Severity.ERROR, "the file has {size} bytes; the security server refuses WSDL files "
                              "larger than 10 MiB (" + str(MAX_WSDL_BYTES) + " bytes).",
                              "Move large type definitions into separate schemas.", SEE_SS),
    # L4: PR-MESS conformance, not checked at registration
    "spec.binding.style": Rule(Severity.ERROR, "<{name}> declares style=\"rpc\"; X-Road services MUST use "
                               "document/literal wrapped (the security server registers the WSDL, but it does "
                               "not describe X-Road messages).", "Set style=\"document\" and describe each "
                               "input and output as one wrapper element.", SEE_WSDL),
    "spec.binding.soap12": Rule(Severity.ERROR, "binding \"{binding}\" is a SOAP 1.2 binding; X-Road message "
                                "protocol 4.0 is SOAP 1.1{detail}.", "Describe the service with a SOAP 1.1 "
                                "binding (<soap:binding xmlns:soap=\"" + SOAP11 + "\" style=\"document\" "
                                "transport=\"" + HTTP_TRANSPORT + "\"/>).", SEE_PROTOCOL),
    "spec.body.use": Rule(Severity.ERROR, "<{name}> in the {direction} of operation \"{op}\" has use=\"{use}\"; "
                          "X-Road messages are literal (document/literal wrapped).", "Set use=\"literal\" and "
                          "describe the content with XML Schema.", SEE_WSDL),
    "spec.body.attributes": Rule(Severity.ERROR, "<soap:body> in the {direction} of operation \"{op}\" has "
                                 "{attributes}; soap:body must specify use=\"literal\" and nothing else.",
                                 "Remove the {attributes} attribute(s).", SEE_WSDL),
    "spec.body.parts": Rule(Severity.ERROR, "the {direction} of operation \"{op}\" has {detail}; document/literal "
                            "wrapped allows exactly one body part, the wrapper element.", "Describe the "
                            "parameters inside one wrapper element in wsdl:types and give the message one part "
                            "that refers to it.", SEE_WSDL),
    "spec.part.type": Rule(Severity.ERROR, "part \"{part}\" of message \"{message}\" ({direction} of operation "
                           "\"{op}\") refers to type {type}; a document/literal wrapped part MUST refer to an "
                           "element (the wrapper).", "Declare an element <{expected}> of that type in wsdl:types "
                           "and write element=\"tns:{expected}\" instead of type=.", SEE_WSDL),
    "spec.wrapper": Rule(Severity.ERROR, "the {direction} wrapper of operation \"{op}\" is element <{found}>; "
                         "X-Road requires <{expected}>: at runtime the security server answers inconsistent_"
                         "headers when the body element does not start with the service code \"{op}\".",
                         "Name the wrapper element <{expected}> (or the operation after the element).", SEE_BODY),
    "spec.wrapper.prefix": Rule(Severity.WARNING, "the {direction} wrapper of operation \"{op}\" is element "
                                "<{found}>; the security server accepts it because it starts with the service "
                                "code, but PR-MESS wants <{expected}>.", "Rename the wrapper element to "
                                "<{expected}>.", SEE_BODY),
    "spec.wrapper.type": Rule(Severity.ERROR, "input wrapper <{found}> of operation \"{op}\" has {what}; the "
                              "input wrapper must be a complex type holding a sequence of elements.",
                              "Declare <xs:element name=\"{found}\"><xs:complexType><xs:sequence>...</xs:sequence>"
                              "</xs:complexType></xs:element>.", SEE_WSDL),
    "spec.operation.output": Rule(Severity.ERROR, "portType operation \"{op}\" has no output; X-Road services are "
                                  "request-response and every request is answered with <{op}Response>.",
                                  "Add <wsdl:output message=\"tns:{op}Response\"/> and bind it like the input.",
                                  SEE_BODY),
    "spec.header.missing": Rule(Severity.WARNING, "the {direction} of operation \"{op}\" does not bind the X-Road "
                                "header(s) {missing} (soap:header parts referring to xrd:* elements of " + XRD
                                + "); clients generated from this WSDL will not send them.",
                                "Add a message (e.g. requestHeader) with parts client, service, id, userId, "
                                "issue and protocolVersion referring to xrd:client, xrd:service, ... and bind "
                                "them with <soap:header use=\"literal\"> in input and output (PR-MESS Annex C).",
                                SEE_HEADERS),
    "spec.header.legacy": Rule(Severity.ERROR, "the {direction} of operation \"{op}\" binds X-Road 5 header(s) "
                               "{found} (namespace " + LEGACY + "); message protocol 4.0 headers are xrd:client, "
                               "xrd:service, xrd:id and xrd:protocolVersion in " + XRD + ". The security server "
                               "registers the WSDL, but clients generated from it send headers it rejects.",
                               "Import " + XRD + " and bind parts referring to xrd:client, xrd:service, xrd:id, "
                               "xrd:userId, xrd:issue and xrd:protocolVersion instead.", SEE_HEADERS),
    "spec.header.requestHash": Rule(Severity.WARNING, "the {direction} of operation \"{op}\" binds xrd:requestHash; "
                                    "PR-MESS §2.2: the requestHash field SHOULD NOT be described in the service "
                                    "WSDL (the provider's security server adds it to responses).",
                                    "Remove the requestHash soap:header.", SEE_HEADERS),
    "spec.version.missing": Rule(Severity.WARNING, "binding operation \"{op}\" has {what}; the service is "
                                 "registered without a version.", "Add <xrd:version>v1</xrd:version> after "
                                 "<soap:operation> (a new version for each incompatible change).", SEE_WSDL),
    "spec.version.namespace": Rule(Severity.WARNING, "the version of operation \"{op}\" is <{found}> in namespace "
                                   "{ns}; the security server reads any element named \"version\", but PR-MESS "
                                   "Table 2 defines xrd:version in " + XRD + ".", "Write <xrd:version> with "
                                   "xmlns:xrd=\"" + XRD + "\".", SEE_WSDL),
    "spec.title.missing": Rule(Severity.INFO, "portType operation \"{op}\" has no wsdl:documentation/xrd:title; "
                               "the security server lists the service without a title.",
                               "Add <wsdl:documentation><xrd:title xml:lang=\"en\">...</xrd:title>"
                               "</wsdl:documentation> to the portType operation.", SEE_WSDL),
    "spec.attachment.mime": Rule(Severity.INFO, "the {direction} of operation \"{op}\" describes attachment part "
                                 "\"{part}\" with mime:content; PR-MESS §3.2 calls this legacy and recommends "
                                 "swaRef or MTOM.", "Describe the attachment as an element of type ref:swaRef "
                                 "or xs:base64Binary with xmime:expectedContentTypes.", SEE_WSDL),
}


def xpath(element: Any, attribute: str | None = None) -> str:
    return xmltree.xpath(element, PREFIXES, attribute)


# --- columns --------------------------------------------------------------------------------

_MARKUP = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<!DOCTYPE(?:[^\[>]|\[.*?\])*>|<([^\s/>!?][^\s/>]*)",
                     re.S)
_TAG_END = re.compile(r"(?:[^\"'>]|\"[^\"]*\"|'[^']*')*>")


def start_tag_positions(root: Any, text: str | None) -> dict[str, tuple[int, int]]:
    """Line and 1-based column where each element's start tag begins, keyed by the tree's path.

    lxml gives no columns, and its line is where the start tag *ends*. The start tags are found
    by scanning the text (outside comments, CDATA, PIs and the DOCTYPE) and paired with the
    tree's elements in document order; if names or lines disagree (a text that is not this
    tree's source) nothing is returned rather than wrong positions.
    """
    if not text:
        return {}
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]

    def line_of(offset: int) -> int:
        return bisect.bisect_right(starts, offset)

    tags: list[tuple[int, int, int, str]] = []
    for match in _MARKUP.finditer(text):
        if match.group(1) is None:
            continue
        end = _TAG_END.match(text, match.end())
        line = line_of(match.start())
        tags.append((line, match.start() - starts[line - 1] + 1, line_of(end.end() if end else match.end()),
                     match.group(1).rsplit(":", 1)[-1]))
    nodes = [e for e in root.iter() if isinstance(e.tag, str)]
    if len(nodes) != len(tags):
        return {}
    tree = root.getroottree()
    positions = {}
    for node, (line, column, last, name) in zip(nodes, tags, strict=True):
        if local(node) != name or (node.sourceline is not None and not line <= node.sourceline <= last):
            return {}
        positions[tree.getpath(node)] = (line, column)
    return positions


# --- the document model ---------------------------------------------------------------------

QName = tuple[str, str]


@dataclass
class Model:
    """The WSDL's named components, keyed by qualified name, and its embedded schemas."""

    root: Any
    tns: str
    messages: dict[QName, Any] = field(default_factory=dict)
    port_types: dict[QName, Any] = field(default_factory=dict)
    bindings: dict[QName, Any] = field(default_factory=dict)
    elements: dict[QName, Any] = field(default_factory=dict)
    types: dict[QName, Any] = field(default_factory=dict)
    schema_namespaces: set[str] = field(default_factory=set)
    open_namespaces: set[str] = field(default_factory=set)  # may get definitions from includes/imports
    imported: set[str] = field(default_factory=set)


def children(parent: Any, ns: str, name: str | None = None) -> list[Any]:
    return [c for c in elements(parent) if namespace(c) == ns and (name is None or local(c) == name)]


def child(parent: Any, ns: str, name: str) -> Any:
    found = children(parent, ns, name)
    return found[0] if found else None


def qname(element: Any, value: str | None) -> QName | None:
    """Resolve a QName attribute value with the element's in-scope namespaces; None if malformed."""
    if value is None:
        return None
    prefix, sep, name = value.strip().partition(":")
    if not sep:
        prefix, name = "", prefix
    if not NCNAME.fullmatch(name) or (prefix and not NCNAME.fullmatch(prefix)):
        return None
    ns = element.nsmap.get(prefix or None)
    if prefix and ns is None:
        return None
    return (ns or "", name)


def build_model(root: Any) -> Model:
    model = Model(root, root.get("targetNamespace") or "")
    for kind, table in (("message", model.messages), ("portType", model.port_types), ("binding", model.bindings)):
        for element in children(root, WSDL, kind):
            table.setdefault((model.tns, element.get("name") or ""), element)
    for wsdl_import in children(root, WSDL, "import"):
        model.imported.add(wsdl_import.get("namespace") or "")
    for types in children(root, WSDL, "types"):
        for schema in children(types, XS, "schema"):
            tns = schema.get("targetNamespace") or ""
            model.schema_namespaces.add(tns)
            for component in elements(schema):
                name, kind = component.get("name"), local(component)
                if namespace(component) != XS:
                    continue
                if kind in ("import",):
                    model.imported.add(component.get("namespace") or "")
                elif kind in ("include", "redefine", "override"):
                    model.open_namespaces.add(tns)
                elif kind == "element" and name:
                    model.elements.setdefault((tns, name), component)
                elif kind in ("complexType", "simpleType") and name:
                    model.types.setdefault((tns, name), component)
    return model


def display(name: QName) -> str:
    return f"{{{name[0]}}}{name[1]}" if name[0] else name[1]


# --- emitting findings ----------------------------------------------------------------------

class Emitter:
    """Builds findings with the start tag's line and column and an XPath; the level is the rule name's first segment."""

    def __init__(self, document: Document, profile: ResolvedProfile) -> None:
        self.document, self.profile = document, profile
        # document.text is what the tree was parsed from (inputs sets it for every XML input)
        self.positions = start_tag_positions(document.tree.getroot(), document.text)
        self.found: list[Finding] = []

    def __call__(self, rule: str, node: Any, attribute: str | None = None, value: str | None = None,
                 severity: Severity | None = None, **fields: Any) -> None:
        spec = RULES[rule]
        line, column = self.positions.get(node.getroottree().getpath(node), (node.sourceline, None))
        location = Location(file=self.document.source, line=line, column=column, path=xpath(node, attribute),
                            value=value)
        self.found.append(spec.finding(f"xroad-wsdl:{rule}", location, self.profile.id, "xroad-wsdl", "xroad-wsdl",
                                       severity, **fields))


def check(document: Document, profile: ResolvedProfile, languages: tuple[str, ...] = ()) -> Iterator[Finding]:
    """All four levels for one WSDL document."""
    emit = Emitter(document, profile)
    check_document(document, emit)
    yield from emit.found


def check_document(document: Document, emit: Emitter) -> None:
    root = document.tree.getroot()
    if namespace(root) != WSDL or local(root) != "definitions":
        found = f"<{local(root)}>" + (f" in namespace {namespace(root)}" if namespace(root) else "")
        if namespace(root) == WSDL20:
            found += " (WSDL 2.0)"
        emit("wsdl.root", root, found=found)
        return
    size = _file_size(document.source)
    if size is None and document.text is not None and len(document.text) * 4 > MAX_WSDL_BYTES:
        size = len(document.text.encode("utf-8"))  # stdin: the text is all there is
    if size is not None and size > MAX_WSDL_BYTES:
        emit("registration.size", root, size=size)
    model = build_model(root)
    check_imports(root, Path(document.source), emit)
    check_names(model, emit)
    check_references(model, emit)
    check_operations(model, emit)
    check_registration(model, emit)
    check_spec(model, emit)


def _file_size(source: str) -> int | None:
    try:
        path = Path(source)
        return path.stat().st_size if path.is_file() else None
    except OSError:
        return None


# --- L1 and imports ---------------------------------------------------------------------------

def check_imports(root: Any, source: Path, emit: Emitter) -> None:
    """Remote imports are reported as not followed; relative ones must exist next to the WSDL."""
    try:
        base = source.resolve().parent if source.is_file() else None
    except OSError:
        base = None
    found: list[tuple[Any, str, str]] = []
    for element in root.iter(f"{{{XS}}}import", f"{{{XS}}}include", f"{{{XS}}}redefine"):
        if element.get("schemaLocation"):
            found.append((element, "schemaLocation", f"xs:{local(element)}"))
    for element in children(root, WSDL, "import"):
        if element.get("location"):
            found.append((element, "location", "wsdl:import"))
            emit("registration.wsdlImport", element, "location", value=element.get("location"),
                 location=element.get("location"))
    for element, attribute, what in found:
        location = (element.get(attribute) or "").strip()
        if SCHEME.match(location) or location.startswith(("/", "\\")) or base is None:
            emit("offline.import", element, attribute, value=location, what=what, location=location)
            continue
        try:
            target = (base / location).resolve()
            inside = target.is_relative_to(base)
            missing = inside and not target.exists()
        except (OSError, ValueError):  # e.g. a name too long for the file system: not followed
            inside = missing = False
        if not inside:
            emit("offline.import", element, attribute, value=location, what=what, location=location)
        elif missing:
            emit("wsdl.import.missing", element, attribute, value=location, element=what,
                 location=f"{attribute}=\"{location}\"")


# --- L2: names, references, binding/portType agreement ------------------------------------------

def check_names(model: Model, emit: Emitter) -> None:
    named = [e for kind in ("message", "portType", "binding", "service") for e in children(model.root, WSDL, kind)]
    named += [p for m in children(model.root, WSDL, "message") for p in children(m, WSDL, "part")]
    named += [p for s in children(model.root, WSDL, "service") for p in children(s, WSDL, "port")]
    for types in children(model.root, WSDL, "types"):
        for schema in children(types, XS, "schema"):
            named += [e for e in schema.iter(*(f"{{{XS}}}{k}" for k in (
                "element", "attribute", "complexType", "simpleType", "group", "attributeGroup")))
                if e.get("name") is not None]
    for element in named:
        name = element.get("name")
        if name is not None and not NCNAME.fullmatch(name):
            prefix = "xs" if namespace(element) == XS else "wsdl"
            emit("wsdl.name", element, "name", value=name, element=f"{prefix}:{local(element)}", name=name)
    for container in children(model.root, WSDL, "portType") + children(model.root, WSDL, "binding"):
        for operation in children(container, WSDL, "operation"):
            name = operation.get("name") or ""
            if not ids.check_part("serviceCode", name) and not NCNAME.fullmatch(name):
                emit("wsdl.name", operation, "name", value=name, element="wsdl:operation", name=name)


def check_references(model: Model, emit: Emitter) -> None:
    """Every QName reference inside the document resolves (imported namespaces are trusted)."""
    for service in children(model.root, WSDL, "service"):
        for port in children(service, WSDL, "port"):
            _resolve(model, port, "binding", model.bindings, "binding", emit)
    for binding in children(model.root, WSDL, "binding"):
        _resolve(model, binding, "type", model.port_types, "portType", emit)
    for port_type in children(model.root, WSDL, "portType"):
        for operation in children(port_type, WSDL, "operation"):
            for direction in ("input", "output", "fault"):
                for io in children(operation, WSDL, direction):
                    if io.get("message") is None:
                        if direction != "fault":
                            expected = operation.get("name", "") + ("Response" if direction == "output" else "")
                            emit("wsdl.operation.message", io, direction=direction, op=operation.get("name"),
                                 expected=expected)
                        continue
                    _resolve(model, io, "message", model.messages, "message", emit)
    for message in children(model.root, WSDL, "message"):
        for part in children(message, WSDL, "part"):
            check_part_reference(model, message, part, emit)
    for header in model.root.iter(f"{{{SOAP11}}}header", f"{{{SOAP12}}}header"):
        message = _resolve(model, header, "message", model.messages, "message", emit)
        part = header.get("part")
        if message is not None and part and not any(p.get("name") == part for p in children(message, WSDL, "part")):
            emit("wsdl.reference", header, "part", value=part,
                 detail=f"<{header.prefix or 'soap'}:header> refers to part \"{part}\" of message "
                        f"\"{message.get('name')}\", which has no such part.",
                 fix=f"Add <wsdl:part name=\"{part}\"> to message \"{message.get('name')}\" or correct part=.")


def _resolve(model: Model, element: Any, attribute: str, table: dict[QName, Any], kind: str,
             emit: Emitter) -> Any:
    value = element.get(attribute)
    if value is None:
        return None
    name = qname(element, value)
    if name is None:
        emit("wsdl.reference", element, attribute, value=value,
             detail=f"{attribute}=\"{value}\" is not a valid qualified name (prefix:name with a declared prefix).",
             fix=f"Write {attribute}=\"tns:Name\" with a prefix declared for the target namespace.")
        return None
    if name in table:
        return table[name]
    if name[0] in model.imported and name[0] != model.tns:
        return None  # defined in a wsdl:import nordval does not read
    emit("wsdl.reference", element, attribute, value=value,
         detail=f"<wsdl:{local(element)}> refers to {kind} {value} ({display(name)}), which this WSDL does not "
                "define.", fix=f"Define wsdl:{kind} \"{name[1]}\" in namespace {name[0] or '(none)'} or correct "
                               f"{attribute}=.")
    return None


def check_part_reference(model: Model, message: Any, part: Any, emit: Emitter) -> None:
    for attribute, table in (("element", model.elements), ("type", model.types)):
        value = part.get(attribute)
        if value is None:
            continue
        name = qname(part, value)
        if name is None:
            emit("wsdl.reference", part, attribute, value=value,
                 detail=f"part \"{part.get('name')}\" of message \"{message.get('name')}\" has {attribute}="
                        f"\"{value}\", which is not a valid qualified name.",
                 fix=f"Write {attribute}=\"tns:Name\" referring to a declaration in wsdl:types.")
            continue
        if name in table or name[0] in model.imported or name[0] in model.open_namespaces or name[0] == XS:
            continue
        if name[0] in model.schema_namespaces:
            where = f"the schema for {name[0] or 'no namespace'} in wsdl:types does not declare it"
        else:
            where = f"no schema in wsdl:types declares or imports namespace {name[0] or '(none)'}"
        what = "element" if attribute == "element" else "type"
        emit("wsdl.reference", part, attribute, value=value,
             detail=f"part \"{part.get('name')}\" of message \"{message.get('name')}\" refers to {what} {value}, "
                    f"but {where}.",
             fix=f"Declare <xs:{'element' if what == 'element' else 'complexType'} name=\"{name[1]}\"> in "
                 "wsdl:types or import its schema with xs:import.")


def check_operations(model: Model, emit: Emitter) -> None:
    """Duplicate operations (L3: WSDL4J refuses them) and binding/portType agreement (L2)."""
    for kind in ("portType", "binding"):
        for container in children(model.root, WSDL, kind):
            seen: dict[str, list[Any]] = {}
            for operation in children(container, WSDL, "operation"):
                seen.setdefault(operation.get("name") or "", []).append(operation)
            for name, found in seen.items():
                if len(found) > 1:
                    emit("registration.operation.duplicate", found[1], "name", value=name,
                         container=f"wsdl:{kind}", name=container.get("name"), op=name, count=len(found))
    for binding in children(model.root, WSDL, "binding"):
        type_name = qname(binding, binding.get("type"))
        port_type = model.port_types.get(type_name) if type_name else None
        if port_type is None:
            continue
        abstract = {o.get("name"): o for o in children(port_type, WSDL, "operation")}
        concrete = {o.get("name"): o for o in children(binding, WSDL, "operation")}
        for name, operation in concrete.items():
            if name not in abstract:
                emit("wsdl.binding.operation", operation, "name", value=name,
                     detail=f"binding \"{binding.get('name')}\" has operation \"{name}\", which portType "
                            f"\"{port_type.get('name')}\" does not define",
                     fix=f"Add operation \"{name}\" to the portType or remove it from the binding.")
                continue
            for direction in ("input", "output"):
                if child(operation, WSDL, direction) is not None and child(abstract[name], WSDL, direction) is None:
                    emit("wsdl.binding.operation", child(operation, WSDL, direction),
                         detail=f"binding operation \"{name}\" binds an {direction} that portType operation "
                                f"\"{name}\" does not have",
                         fix=f"Add the <wsdl:{direction}> to the portType operation or remove it from the binding.")
        for name in abstract:
            if name not in concrete:
                emit("wsdl.binding.incomplete", binding, "name", value=binding.get("name"),
                     detail=f"binding \"{binding.get('name')}\" does not bind operation \"{name}\" of portType "
                            f"\"{port_type.get('name')}\"",
                     fix=f"Add <wsdl:operation name=\"{name}\"> to the binding.")


# --- L3: what the security server registers -----------------------------------------------------

@dataclass(frozen=True)
class Registered:
    """One (binding operation, port) pair the security server turns into a service."""

    operation: Any
    port: Any
    code: str
    version: str | None
    url: str | None


def soap_binding(binding: Any) -> Any:
    """The first soap:binding or soap12:binding extension (the one WsdlParser looks at)."""
    for element in elements(binding):
        if namespace(element) in (SOAP11, SOAP12) and local(element) == "binding":
            return element
    return None


def version_element(operation: Any) -> Any:
    """The first extension child named ``version`` in any namespace (WsdlParser.getVersion)."""
    for element in elements(operation):
        if namespace(element) != WSDL and local(element) == "version":
            return element
    return None


def version_value(element: Any) -> str | None:
    """The trimmed text before any child node, as the security server reads it."""
    if element is None or element.text is None:
        return None
    return element.text.strip()


def registered_services(model: Model, emit: Emitter) -> list[Registered]:
    found: list[Registered] = []
    for service in children(model.root, WSDL, "service"):
        for port in children(service, WSDL, "port"):
            name = qname(port, port.get("binding"))
            binding = model.bindings.get(name) if name else None
            if binding is None:
                continue
            ext = soap_binding(binding)
            if ext is None or ext.get("transport") != HTTP_TRANSPORT:
                why = ("no soap:binding" if ext is None
                       else f"transport \"{ext.get('transport')}\" instead of {HTTP_TRANSPORT}")
                emit("registration.port.skipped", port, port=port.get("name"), binding=binding.get("name"), why=why)
                continue
            address = next((a for a in elements(port) if namespace(a) in (SOAP11, SOAP12) and local(a) == "address"),
                           None)
            url = address.get("location") if address is not None else None
            if address is None:
                emit("registration.address.missing", port, port=port.get("name"))
            elif url is not None and not url.startswith(("http://", "https://")):
                emit("registration.address.scheme", address, "location", value=url,
                     name=f"{address.prefix or 'soap'}:address", url=url)
            for operation in children(binding, WSDL, "operation"):
                found.append(Registered(operation, port, operation.get("name") or "",
                                        version_value(version_element(operation)), url))
    return found


def check_registration(model: Model, emit: Emitter) -> None:
    services = registered_services(model, emit)
    if not services:
        if not children(model.root, WSDL, "service"):
            why = "it has no wsdl:service"
        elif not any(children(b, WSDL, "operation") for b in children(model.root, WSDL, "binding")):
            why = "its bindings have no operations"
        else:
            why = "no port uses a SOAP binding over HTTP with operations"
        emit("registration.services.none", model.root, why=why)
    judged: set[str] = set()
    for service in services:
        path = service.operation.getroottree().getpath(service.operation)
        if path in judged:
            continue
        judged.add(path)
        for problem in ids.check_part("serviceCode", service.code, strict=True):
            detail = (f"service code \"{service.code}\" (binding operation name) is refused when the WSDL is "
                      f"added (ERROR_INVALID_SERVICE_IDENTIFIER): {problem.message}")
            emit(f"registration.serviceCode.{problem.code.split('.', 1)[1]}", service.operation, "name",
                 value=service.code, detail=detail)
        if service.code in ids.RESERVED_SERVICE_CODES:
            emit("registration.serviceCode.reserved", service.operation, "name", value=service.code,
                 code=service.code)
        if service.version:
            version = version_element(service.operation)
            for problem in ids.check_part("serviceVersion", service.version, strict=True):
                detail = (f"service version \"{service.version}\" of operation \"{service.code}\" is refused when "
                          f"the WSDL is added (ERROR_INVALID_SERVICE_IDENTIFIER): {problem.message}")
                emit(f"registration.serviceVersion.{problem.code.split('.', 1)[1]}", version,
                     value=service.version, detail=detail)
    by_key: dict[tuple[str, str | None], list[Registered]] = {}
    for service in services:
        by_key.setdefault((service.code, service.version), []).append(service)
    for (code, version), found in by_key.items():
        urls = list(dict.fromkeys(s.url for s in found if s.url))
        if len(urls) > 1:
            later = next(s for s in found if s.url == urls[1])
            label = code + (f" version {version}" if version else "")
            emit("registration.service.duplicate", later.port, value=urls[1], service=label, count=len(urls),
                 urls=", ".join(urls))


# --- L4: PR-MESS conformance --------------------------------------------------------------------

def check_spec(model: Model, emit: Emitter) -> None:
    soap_bindings = [(b, soap_binding(b)) for b in children(model.root, WSDL, "binding")]
    soap_bindings = [(b, ext) for b, ext in soap_bindings if ext is not None]
    has_soap11 = any(namespace(ext) == SOAP11 for _b, ext in soap_bindings)
    for port_type in children(model.root, WSDL, "portType"):
        for operation in children(port_type, WSDL, "operation"):
            name = operation.get("name") or ""
            if child(operation, WSDL, "input") is not None and child(operation, WSDL, "output") is None:
                emit("spec.operation.output", operation, "name", value=name, op=name)
            documentation = child(operation, WSDL, "documentation")
            if documentation is None or not any(local(e) == "title" for e in elements(documentation)):
                emit("spec.title.missing", operation, "name", value=name, op=name)
    for binding, ext in soap_bindings:
        if namespace(ext) == SOAP12:
            detail = (" and the security server may register this binding's port address as the endpoint"
                      if has_soap11 else "; this WSDL has no SOAP 1.1 binding, so X-Road clients cannot use it")
            emit("spec.binding.soap12", ext, severity=Severity.WARNING if has_soap11 else None,
                 binding=binding.get("name"), detail=detail)
        if ext.get("style") == "rpc":
            emit("spec.binding.style", ext, "style", value="rpc", name=f"{ext.prefix or 'soap'}:binding")
        type_name = qname(binding, binding.get("type"))
        port_type = model.port_types.get(type_name) if type_name else None
        abstract = {o.get("name"): o for o in children(port_type, WSDL, "operation")} if port_type is not None else {}
        for operation in children(binding, WSDL, "operation"):
            check_binding_operation(model, operation, abstract.get(operation.get("name")), emit)


def check_binding_operation(model: Model, operation: Any, abstract: Any, emit: Emitter) -> None:
    name = operation.get("name") or ""
    soap_operation = next((e for e in elements(operation) if namespace(e) in (SOAP11, SOAP12)
                           and local(e) == "operation"), None)
    if soap_operation is not None and soap_operation.get("style") == "rpc":
        emit("spec.binding.style", soap_operation, "style", value="rpc",
             name=f"{soap_operation.prefix or 'soap'}:operation")
    version = version_element(operation)
    if version is None:
        emit("spec.version.missing", operation, "name", value=name, op=name, what="no xrd:version")
    else:
        if not version_value(version):
            emit("spec.version.missing", version, op=name, what="an empty xrd:version")
        if namespace(version) != XRD:
            emit("spec.version.namespace", version, value=namespace(version), op=name,
                 found=f"{version.prefix}:version" if version.prefix else "version", ns=namespace(version) or "(none)")
    for direction in ("input", "output"):
        bound = child(operation, WSDL, direction)
        declared = child(abstract, WSDL, direction) if abstract is not None else None
        if bound is None or declared is None:
            continue
        message_name = qname(declared, declared.get("message"))
        message = model.messages.get(message_name) if message_name else None
        check_direction(model, name, direction, bound, message, emit)


def _extensions(bound: Any) -> tuple[list[Any], list[Any], list[Any]]:
    """soap:body, soap:header and mime:content elements, directly or inside mime:multipartRelated."""
    bodies: list[Any] = []
    headers: list[Any] = []
    contents: list[Any] = []
    for element in bound.iter():
        if not isinstance(element.tag, str):
            continue
        ns, name = namespace(element), local(element)
        if ns in (SOAP11, SOAP12) and name == "body":
            bodies.append(element)
        elif ns in (SOAP11, SOAP12) and name == "header":
            headers.append(element)
        elif ns == MIME and name == "content":
            contents.append(element)
    return bodies, headers, contents


def check_direction(model: Model, op: str, direction: str, bound: Any, message: Any, emit: Emitter) -> None:
    bodies, headers, contents = _extensions(bound)
    for element in bodies + headers:
        if element.get("use") == "encoded":
            emit("spec.body.use", element, "use", value="encoded", name=f"{element.prefix or 'soap'}:{local(element)}",
                 direction=direction, op=op, use="encoded")
    for body in bodies:
        extra = [a for a in ("namespace", "encodingStyle") if body.get(a) is not None]
        if extra:
            emit("spec.body.attributes", body, extra[0], value=body.get(extra[0]), direction=direction, op=op,
                 attributes=" and ".join(f"{a}=\"{body.get(a)}\"" for a in extra))
    check_headers(model, op, direction, bound, headers, emit)
    for content in contents:
        emit("spec.attachment.mime", content, "part", value=content.get("part"), direction=direction, op=op,
             part=content.get("part") or "")
    if message is None or not bodies:
        return
    parts = children(message, WSDL, "part")
    selected = bodies[0].get("parts")
    if selected is not None:
        names = selected.split()
        body_parts = [p for p in parts if p.get("name") in names]
    else:
        excluded = {h.get("part") for h in headers if qname(h, h.get("message")) == (model.tns, message.get("name"))}
        excluded |= {c.get("part") for c in contents}
        body_parts = [p for p in parts if p.get("name") not in excluded]
    if len(body_parts) != 1:
        detail = ("no body part" if not body_parts else
                  f"{len(body_parts)} body parts (" + ", ".join(p.get("name") or "" for p in body_parts) + ")")
        emit("spec.body.parts", bodies[0], direction=direction, op=op, detail=detail)
        return
    part = body_parts[0]
    expected = op if direction == "input" else f"{op}Response"
    if part.get("element") is None:
        if part.get("type") is not None:
            emit("spec.part.type", part, "type", value=part.get("type"), part=part.get("name"),
                 message=message.get("name"), direction=direction, op=op, type=part.get("type"), expected=expected)
        return
    element_name = qname(part, part.get("element"))
    if element_name is None:
        return
    found = element_name[1]
    if found != expected:
        rule = "spec.wrapper.prefix" if found.startswith(op) and op else "spec.wrapper"
        emit(rule, part, "element", value=part.get("element"), direction=direction, op=op, found=found,
             expected=expected)
    if direction == "input":
        check_wrapper_type(model, element_name, op, part, emit)


def check_wrapper_type(model: Model, name: QName, op: str, part: Any, emit: Emitter) -> None:
    declaration = model.elements.get(name)
    if declaration is None:
        return
    what = None
    type_name = qname(declaration, declaration.get("type"))
    if type_name is not None:
        builtin = type_name[0] == XS and type_name[1] != "anyType"
        if builtin or (type_name in model.types and local(model.types[type_name]) == "simpleType"):
            what = f"the simple type {declaration.get('type')}"
    elif child(declaration, XS, "simpleType") is not None:
        what = "an anonymous simple type"
    else:
        complex_type = child(declaration, XS, "complexType")
        if complex_type is not None and child(complex_type, XS, "simpleContent") is not None:
            what = "simple content"
    if what:
        emit("spec.wrapper.type", declaration, value=name[1], found=name[1], op=op, what=what)


def check_headers(model: Model, op: str, direction: str, bound: Any, headers: list[Any], emit: Emitter) -> None:
    found: dict[QName, Any] = {}
    for header in headers:
        message_name = qname(header, header.get("message"))
        message = model.messages.get(message_name) if message_name else None
        if message is None:
            continue
        part = next((p for p in children(message, WSDL, "part") if p.get("name") == header.get("part")), None)
        element = qname(part, part.get("element")) if part is not None else None
        if element is not None:
            found.setdefault(element, header)
    legacy = [(n, h) for n, h in found.items() if n[0] == LEGACY]
    if legacy:
        emit("spec.header.legacy", legacy[0][1], direction=direction, op=op,
             found=", ".join(n[1] for n, _h in legacy))
        return
    present = {n[1] for n in found if n[0] == XRD}
    missing = [h for h in REQUIRED_HEADERS if h not in present]
    if missing:
        emit("spec.header.missing", bound, direction=direction, op=op, missing=", ".join(missing))
    if "requestHash" in present:
        emit("spec.header.requestHash", found[(XRD, "requestHash")], direction=direction, op=op)
