"""Find inputs, detect their syntax and parse them; every failure becomes a finding.

XML is always parsed by a hardened lxml parser first (no DTD loading, no network, no entity
substitution, and any document that declares entities is refused), including RDF/XML before
rdflib sees it, so that no input can make nordval read local files or reach the network.

A SOAP message with attachments or an MTOM message (multipart/related; a ``.mime`` file, or one
that starts with its MIME headers or a boundary line) is read as the XML of its first part, the
SOAP envelope, with line numbers into the whole file; the parts stay on ``Document.mime``.

JSON or YAML whose top level has an ``openapi`` or ``swagger`` field is an OpenAPI description
(kind ``openapi``), not JSON-LD. YAML is composed by a safe loader (no Python tags), a document
whose aliases would expand beyond a fixed size is refused, and both syntaxes keep a source map
(JSON pointer -> line, column) and their duplicate keys, which the parsers would otherwise drop.
"""

from __future__ import annotations

import bisect
import glob
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml
from lxml import etree
from rdflib import Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from . import resources
from .curies import PREFIXES
from .errors import InputError
from .model import Finding, Location, Severity
from .xroad import mime as multipart

RDF_SYNTAXES = {
    "turtle": "turtle",
    "ttl": "turtle",
    "nt": "nt",
    "ntriples": "nt",
    "n3": "n3",
    "xml": "xml",
    "rdfxml": "xml",
    "json-ld": "json-ld",
    "jsonld": "json-ld",
    "trig": "trig",
    "nquads": "nquads",
    "nq": "nquads",
}
EXTENSIONS = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".nt": "nt",
    ".n3": "n3",
    ".rdf": "xml",
    ".owl": "xml",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".trig": "trig",
    ".nq": "nquads",
    ".xml": "xml-any",
    ".wsdl": "xml-any",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".mime": "mime",
}
YAML_SUFFIXES = (".yaml", ".yml")
DATA_FORMATS = sorted(set(RDF_SYNTAXES) | {"xml-plain"})
QUAD_SYNTAXES = {"trig", "nquads"}
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDF_TYPE = URIRef(RDF_NS + "type")
MAX_INPUT_BYTES = 512 * 1024 * 1024  # what rdflib, lxml and YAML read (a graph of such a file takes ~10 GB)
# Turtle, TriG, N-Triples and N-Quads that pyoxigraph parses straight into the fast engine
# (validators.shacl.streamed): a 100 000-dataset catalogue is 755 MB of N-Triples
MAX_STREAM_BYTES = 4 * 1024 * 1024 * 1024
# YAML is parsed node by node in Python: beyond this size it costs minutes and gigabytes.
MAX_YAML_BYTES = 64 * 1024 * 1024
# Nodes a YAML document may have once its aliases are expanded ("billion laughs" guard); only
# checked when aliases multiply the document, so a large plain document is never refused.
MAX_YAML_EXPANDED = 1_000_000
OPENAPI_KEYS = ("openapi", "swagger")

SPEC_LINKS = {
    "turtle": "https://www.w3.org/TR/turtle/",
    "nt": "https://www.w3.org/TR/n-triples/",
    "n3": "https://www.w3.org/TeamSubmission/n3/",
    "trig": "https://www.w3.org/TR/trig/",
    "nquads": "https://www.w3.org/TR/n-quads/",
    "RDF/XML": "https://www.w3.org/TR/rdf-syntax-grammar/",
    "JSON-LD": "https://www.w3.org/TR/json-ld11/",
    "JSON": "https://www.rfc-editor.org/rfc/rfc8259",
    "XML": "https://www.w3.org/TR/xml/",
    "input.encoding": "https://www.w3.org/TR/rdf12-concepts/#section-Graph-Literal",
    "input.xml-dtd": "https://www.w3.org/TR/xml/#sec-prolog-dtd",
    "input.jsonld-context": "https://www.w3.org/TR/json-ld11/#the-context",
    "YAML": "https://yaml.org/spec/1.2.2/",
    "YAML-alias": "https://yaml.org/spec/1.2.2/#71-alias-nodes",
    "YAML-kind": "https://spec.openapis.org/oas/v3.1.0#openapi-object",
    "input.mime": multipart.RFC_2387,
}


@dataclass(frozen=True)
class Source:
    """An input as given: a path on disk, or bytes read from stdin."""

    name: str
    path: Path | None = None
    data: bytes | None = None

    def read(self) -> bytes:
        if self.data is not None:
            return self.data
        assert self.path is not None
        return self.path.read_bytes()


@dataclass
class SourceMap:
    """Where each value of a JSON/YAML document starts, by JSON pointer (1-based line and column).

    Also the duplicate keys the parser saw: both JSON and YAML parsers silently keep one value,
    so a second ``get`` under the same path would otherwise vanish without a trace.
    """

    positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    duplicate_keys: list[tuple[str, int, int, int]] = field(default_factory=list)  # pointer, line, column, first line

    def locate(self, pointer: str) -> tuple[int | None, int | None]:
        """Line and column of ``pointer``, or of its nearest ancestor that has one."""
        while True:
            if pointer in self.positions:
                return self.positions[pointer]
            if not pointer:
                return None, None
            pointer = pointer.rsplit("/", 1)[0]


def pointer_token(key: object) -> str:
    """One JSON-pointer reference token (RFC 6901: ``~`` -> ``~0``, ``/`` -> ``~1``)."""
    return str(key).replace("~", "~0").replace("/", "~1")


@dataclass
class Document:
    """A parsed input: RDF graphs (one per named graph), an XML tree, or an OpenAPI mapping.

    ``text`` is the decoded source (for XML: the text the tree was parsed from, so that rules can
    give columns); ``mime`` is the multipart message an XML envelope was taken from.
    """

    source: str
    kind: Literal["rdf", "xml", "openapi"]
    syntax: str
    graphs: list[tuple[str | None, Graph]] = field(default_factory=list)
    tree: Any = None
    text: str | None = None
    data: Any = None
    source_map: SourceMap | None = None
    mime: multipart.Multipart | None = None


def expand(paths: Iterable[str]) -> list[Source]:
    """Turn command-line arguments into sources: files, recursive directories, globs, ``-``.

    Raises InputError for a path that matches nothing, since a CI job that validates
    nothing must not pass silently.
    """
    sources: list[Source] = []
    for raw in paths:
        if raw == "-":
            sources.append(Source("<stdin>"))
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and _walkable(p))
            sources.extend(Source(str(p), path=p) for p in found)
        elif path.exists():
            sources.append(Source(raw, path=path))
        elif glob.has_magic(raw):
            matches = sorted(Path(m) for m in glob.glob(raw, recursive=True))
            files = [m for m in matches if m.is_file()]
            if not files:
                raise InputError(f"{raw}: no file matches this pattern")
            sources.extend(Source(str(m), path=m) for m in files)
        else:
            raise InputError(f"{raw}: no such file or directory")
    return sources


def _walkable(path: Path) -> bool:
    """Files a directory walk picks up; YAML only when it is an OpenAPI description, so that CI
    configuration and other YAML next to the data is not reported as unreadable."""
    suffix = path.suffix.lower()
    if suffix not in EXTENSIONS:
        return False
    if suffix not in YAML_SUFFIXES:
        return True
    try:
        with path.open("rb") as handle:
            return _looks_like_openapi_yaml(handle.read(8192), anywhere=True)
    except OSError:
        return True  # reported as unreadable when loaded


_YAML_OPENAPI_LINE = re.compile(rb"""^["']?(openapi|swagger)["']?[ \t]*:([ \t]|$)""")


def _looks_like_openapi_yaml(head: bytes, anywhere: bool = False) -> bool:
    """True when the first line with content (after comments and a ``---``) is ``openapi:``/``swagger:``;
    with ``anywhere``, when any top-level line of ``head`` is (tools that sort keys put it later)."""
    for line in head.removeprefix(b"\xef\xbb\xbf").splitlines():
        if anywhere:
            if _YAML_OPENAPI_LINE.match(line):
                return True
            continue
        stripped = line.strip()
        if not stripped or stripped.startswith((b"#", b"%")) or stripped == b"---":
            continue
        return bool(_YAML_OPENAPI_LINE.match(stripped))
    return False


def _finding(source: str, rule: str, message: str, fix: str, line: int | None = None,
             column: int | None = None, syntax: str | None = None) -> Finding:
    return Finding(
        rule=rule,
        severity=Severity.ERROR,
        location=Location(file=source, line=line, column=column),
        message=message,
        fix=fix,
        see=SPEC_LINKS.get(syntax or rule),
        layer="input",
    )


def load(source: Source, data_format: str | None = None,
         allow_network: bool = False) -> tuple[Document | None, list[Finding]]:
    """Parse one source; never raises for bad content, returns findings instead."""
    name = source.name
    try:
        raw = source.read()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return None, [_finding(name, "input.unreadable", f"cannot read the file: {reason}.",
                               "Check the path and its permissions.")]
    if len(raw) > MAX_INPUT_BYTES:
        return None, [_finding(
            name, "input.too-large",
            f"the file is larger than {MAX_INPUT_BYTES >> 20} MiB, the most nordval reads into an rdflib graph "
            f"or an XML/YAML tree (Turtle, TriG, N-Triples and N-Quads up to {MAX_STREAM_BYTES >> 30} GiB are read "
            "by the fast engine's parser when every shape of the profile runs on it and the file has no explicit "
            "xsd:string or upper-case language tag).",
            "Split the file into several files, or give the catalogue as N-Triples or Turtle.")]
    if not raw.strip():
        return None, [_finding(name, "input.empty", "the file is empty: there is nothing to validate.",
                               "Check that the right file was given and that it was written completely.")]
    syntax = _detect(name, raw, data_format)
    # Attachments may be binary; the SOAP part is checked by the XML parser.
    problem = _binary_problem(raw) if syntax != "mime" or raw.lstrip()[:1] == b"<" else None
    if problem:
        return None, [_finding(name, "input.encoding", problem,
                               "Give an RDF or XML text file encoded in UTF-8.")]
    if syntax in ("xml", "xml-any", "xml-plain"):
        document, findings = _load_xml(name, raw, syntax)
    elif syntax == "mime":
        document, findings = _load_mime(name, raw)
    elif syntax == "json-ld":
        document, findings = _load_jsonld(name, raw, allow_network, sniff_openapi=data_format is None)
    elif syntax == "yaml":
        document, findings = _load_yaml(name, raw)
    else:
        document, findings = _load_rdf(name, raw, syntax)
    if document is not None and document.kind in ("rdf", "openapi"):
        document.text = raw.decode("utf-8-sig" if document.kind == "openapi" else "utf-8", errors="replace")
    return document, findings


def _binary_problem(raw: bytes) -> str | None:
    if b"\x00" in raw[:8192]:
        return "the file is binary (it contains NUL bytes), not RDF or XML text."
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        if raw.lstrip().startswith(b"<?xml") and b"encoding" in raw[:200]:
            return None
        return f"the file is not valid UTF-8 (byte {exc.start} cannot be decoded)."
    return None


def _detect(name: str, raw: bytes, data_format: str | None) -> str:
    if data_format:
        return data_format if data_format == "xml-plain" else RDF_SYNTAXES[data_format]
    suffix = Path(name).suffix.lower()
    if EXTENSIONS.get(suffix) in (None, "xml-any") and multipart.looks_like_mime(raw):
        return "mime"  # not XML, whatever the name says: it starts with MIME headers or a boundary
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    head = raw.lstrip()[:200]
    if head.startswith(b"<") and not head.startswith(b"<http"):
        return "xml-any"
    if head[:1] in (b"{", b"["):
        return "json-ld"
    if _looks_like_openapi_yaml(raw[:4096]):
        return "yaml"
    return "turtle"


_LINE_PATTERNS = (
    re.compile(r"line[:= ]+(\d+)", re.IGNORECASE),
    re.compile(r"at line (\d+)"),
)


def _line_of(message: str) -> int | None:
    for pattern in _LINE_PATTERNS:
        match = pattern.search(message)
        if match:
            return int(match.group(1))
    return None


def _clean(message: str) -> str:
    """One line, without the echo of file content that some parsers append."""
    text = " ".join(str(message).split())
    text = re.split(r" at \^ in:| in: \"|\s+\^", text, maxsplit=1)[0]
    text = text.replace(" of <>:", ":")
    return text[:240]


def _syntax_finding(name: str, syntax: str, exc: BaseException) -> Finding:
    text = _clean(str(exc)) or type(exc).__name__
    line = _line_of(text)
    return _finding(name, "input.syntax", f"not valid {syntax}: {text}",
                    f"Correct the {syntax} syntax" + (f" near line {line}." if line else "."), line=line,
                    syntax=syntax)


def _load_rdf(name: str, raw: bytes, syntax: str) -> tuple[Document | None, list[Finding]]:
    try:
        if syntax in QUAD_SYNTAXES:
            dataset = Dataset()
            dataset.parse(data=raw, format=syntax)
            graphs = _split_dataset(dataset)
        else:
            graph = Graph()
            graph.parse(data=raw, format=syntax)
            graphs = [(None, graph)]
    except Exception as exc:  # rdflib raises many unrelated types for bad syntax
        return None, [_syntax_finding(name, syntax, exc)]
    return _rdf_document(name, syntax, graphs)


def _rdf_document(name: str, syntax: str,
                  graphs: list[tuple[str | None, Graph]]) -> tuple[Document | None, list[Finding]]:
    if not any(len(g) for _, g in graphs):
        return None, [_finding(name, "input.empty", f"the {syntax} file holds no triples.",
                               "Check that the right file was given and that it was written completely.")]
    return Document(name, "rdf", syntax, graphs=graphs), []


def _split_dataset(dataset: Dataset) -> list[tuple[str | None, Graph]]:
    graphs: list[tuple[str | None, Graph]] = []
    for context in dataset.graphs():
        if not len(context):
            continue
        copy = Graph()
        for prefix, ns in dataset.namespaces():
            copy.bind(prefix, ns)
        for triple in context:
            copy.add(triple)
        ident = context.identifier
        graphs.append((None if ident == DATASET_DEFAULT_GRAPH_ID else str(ident), copy))
    graphs.sort(key=lambda item: item[0] or "")
    return graphs


# --- XML -------------------------------------------------------------------------------------

def xml_parser() -> etree.XMLParser:
    """The one hardened parser used for every XML input."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
    )


def parse_xml(name: str, raw: bytes) -> tuple[Any, list[Finding]]:
    """Parse XML safely; a DTD declaring entities is refused as a finding."""
    try:
        tree = etree.ElementTree(etree.fromstring(raw, xml_parser()))
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (None, None)
        message = _clean(exc.msg or str(exc))
        return None, [_finding(name, "input.syntax", f"not well-formed XML: {message}",
                               "Correct the XML so that it is well-formed.", line=line, column=column,
                               syntax="XML")]
    except (ValueError, etree.LxmlError) as exc:
        return None, [_finding(name, "input.syntax", f"not well-formed XML: {_clean(str(exc))}",
                               "Correct the XML so that it is well-formed.", syntax="XML")]
    docinfo = tree.docinfo
    dtd = docinfo.internalDTD
    if dtd is not None and list(dtd.iterentities()):
        return None, [_finding(
            name, "input.xml-dtd",
            "the document declares entities in its DTD; nordval does not expand entities, so the "
            "content cannot be read safely.",
            "Remove the DOCTYPE declaration and write entity references out as text.", line=1)]
    if docinfo.system_url:
        return None, [_finding(
            name, "input.xml-dtd",
            f"the document refers to an external DTD ({docinfo.system_url}), which nordval never loads.",
            "Remove the DOCTYPE declaration.", line=1)]
    return tree, []


def _load_xml(name: str, raw: bytes, syntax: str) -> tuple[Document | None, list[Finding]]:
    tree, findings = parse_xml(name, raw)
    if tree is None:
        return None, findings
    root = tree.getroot()
    is_rdf = syntax == "xml" or (syntax == "xml-any" and root.tag == f"{{{RDF_NS}}}RDF")
    if not is_rdf:
        return Document(name, "xml", "xml", tree=tree, text=_xml_text(raw, tree)), []
    try:
        graph = Graph()
        graph.parse(data=etree.tostring(tree), format="xml")
    except Exception as exc:  # rdflib's RDF/XML parser raises several unrelated types
        return None, [_syntax_finding(name, "RDF/XML", exc)]
    return _rdf_document(name, "rdfxml", [(None, graph)])


def _xml_text(raw: bytes, tree: Any) -> str | None:
    """The text the parser read, decoded as the document declares (None if that fails)."""
    encoding = (tree.docinfo.encoding or "utf-8").lower()
    try:
        return raw.decode("utf-8-sig" if encoding in ("utf-8", "utf8") else encoding)
    except (LookupError, UnicodeDecodeError):
        return None


def _load_mime(name: str, raw: bytes) -> tuple[Document | None, list[Finding]]:
    """The SOAP envelope of a multipart/related message, parsed with the hardened XML parser."""
    if raw.lstrip()[:1] == b"<":  # a .mime file that is a plain XML message
        return _load_xml(name, raw, "xml-any")
    message = multipart.parse(raw)
    soap = message.soap
    if soap is None:
        return None, [_finding(name, "input.mime", f"not a usable SOAP message with attachments: {message.problem}",
                               "Send the SOAP envelope as the first part (text/xml, or application/xop+xml for "
                               "MTOM), the attachments after it, each part with its Content-Type.",
                               line=message.problem_line)]
    document, findings = _load_xml(name, multipart.positioned(soap), "xml-any")
    if document is not None:
        document.mime = message
    return document, findings


# --- JSON-LD ---------------------------------------------------------------------------------

class _UnknownContext(Exception):
    pass


def _resolve_contexts(node: Any, allow_network: bool) -> Any:
    """Replace published context URLs by the bundled copies, recursively."""
    if isinstance(node, list):
        return [_resolve_contexts(item, allow_network) for item in node]
    if not isinstance(node, dict):
        return node
    result: dict[str, Any] = {}
    for key, value in node.items():
        if key == "@context":
            result[key] = _context_value(value, allow_network)
        else:
            result[key] = _resolve_contexts(value, allow_network)
    return result


def _context_value(value: Any, allow_network: bool) -> Any:
    if isinstance(value, list):
        return [_context_value(item, allow_network) for item in value]
    if isinstance(value, str):
        bundled = resources.jsonld_context(value)
        if bundled is not None:
            return bundled
        if allow_network:
            return value
        raise _UnknownContext(value)
    if isinstance(value, dict):
        inner = dict(value)
        if isinstance(inner.get("@import"), str):
            imported = _context_value(inner.pop("@import"), allow_network)
            if isinstance(imported, dict):
                merged = dict(imported)
                merged.update(inner)
                return merged
            inner["@import"] = imported
        return {k: _context_value(v, allow_network) if k == "@context" else v for k, v in inner.items()}
    return value


def _load_jsonld(name: str, raw: bytes, allow_network: bool,
                 sniff_openapi: bool = False) -> tuple[Document | None, list[Finding]]:
    text = raw.decode("utf-8-sig")
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, [_finding(name, "input.syntax", f"not valid JSON: {exc.msg}",
                               f"Correct the JSON near line {exc.lineno}, column {exc.colno}.",
                               line=exc.lineno, column=exc.colno, syntax="JSON")]
    except RecursionError:
        return None, [_too_deep(name, "JSON")]
    if sniff_openapi and _is_openapi(document):
        return _openapi_json(name, text, document)
    try:
        document = _resolve_contexts(document, allow_network)
    except _UnknownContext as exc:
        return None, [_finding(
            name, "input.jsonld-context",
            f"the JSON-LD context {exc.args[0]} is not bundled with nordval and the network is off, "
            "so the document cannot be interpreted.",
            "Inline the context in the document, use a bundled DCAT-AP context, or pass "
            "--allow-network to fetch it.")]
    syntax = "json-ld"
    try:
        dataset = Dataset()
        dataset.parse(data=json.dumps(document), format="json-ld")
        graphs = _split_dataset(dataset)
    except Exception as exc:  # rdflib's JSON-LD processor raises several unrelated types
        return None, [_syntax_finding(name, "JSON-LD", exc)]
    return _rdf_document(name, syntax, graphs)


# --- OpenAPI (JSON and YAML) ----------------------------------------------------------------

def _is_openapi(data: Any) -> bool:
    return isinstance(data, dict) and "@context" not in data and any(k in data for k in OPENAPI_KEYS)


def _too_deep(name: str, syntax: str) -> Finding:
    return _finding(name, "input.syntax", f"not readable {syntax}: the document is nested too deeply.",
                    "Flatten the structure (no real description nests hundreds of levels).", syntax=syntax)


def _openapi_json(name: str, text: str, data: Any) -> tuple[Document | None, list[Finding]]:
    try:
        source_map = _json_source_map(text)
    except (ValueError, IndexError):  # json.loads accepted it, so this is a scanner gap: keep going unmapped
        source_map = SourceMap()
    return Document(name, "openapi", "json", data=data, source_map=source_map), []


_SCANSTRING: Any = json.decoder.scanstring  # type: ignore[attr-defined]  # public since 2.6, not in typeshed
_JSON_WS = re.compile(r"[ \t\n\r]*")
_JSON_SCALAR = re.compile(r"-?(?:Infinity|\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)|true|false|null|NaN")


class _Lines:
    """Offset -> (line, column), both 1-based."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer(r"\n", text)]

    def __call__(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.starts, offset) - 1
        return index + 1, offset - self.starts[index] + 1


def _json_source_map(text: str) -> SourceMap:
    """Positions of every value and the duplicate keys of a JSON text ``json.loads`` accepted.

    Iterative (an explicit stack), so nesting depth costs no recursion.
    """
    lines = _Lines(text)
    result = SourceMap()
    scan = _SCANSTRING
    # Frames: [pointer, keys seen (None for an array), next array index]
    stack: list[list[Any]] = []
    pos = _JSON_WS.match(text, 0).end()  # type: ignore[union-attr]
    pointer = ""
    expect_value = True
    while True:
        if expect_value:
            result.positions.setdefault(pointer, lines(pos))
            char = text[pos]
            if char == "{" or char == "[":
                stack.append([pointer, {} if char == "{" else None, 0])
                pos = _JSON_WS.match(text, pos + 1).end()  # type: ignore[union-attr]
                closing = "}" if char == "{" else "]"
                if text[pos] == closing:
                    stack.pop()
                    pos += 1
                    expect_value = False
                    continue
                if char == "[":
                    pointer = f"{pointer}/0"
                    continue
                pointer, pos = _json_key(text, pos, stack[-1], result, lines, scan)
                continue
            if char == '"':
                pos = scan(text, pos + 1)[1]
            else:
                match = _JSON_SCALAR.match(text, pos)
                if match is None:
                    raise ValueError(f"unexpected character at {pos}")
                pos = match.end()
            expect_value = False
            continue
        # after a value: a comma, a closing bracket, or the end
        pos = _JSON_WS.match(text, pos).end()  # type: ignore[union-attr]
        if not stack:
            return result
        frame = stack[-1]
        char = text[pos]
        if char == ",":
            pos = _JSON_WS.match(text, pos + 1).end()  # type: ignore[union-attr]
            if frame[1] is None:
                frame[2] += 1
                pointer = f"{frame[0]}/{frame[2]}"
            else:
                pointer, pos = _json_key(text, pos, frame, result, lines, scan)
            expect_value = True
        else:  # "}" or "]"
            stack.pop()
            pos += 1


def _json_key(text: str, pos: int, frame: list[Any], result: SourceMap, lines: _Lines,
              scan: Any) -> tuple[str, int]:
    """Read ``"key" :`` at ``pos``; record a duplicate; return the member's pointer and value offset."""
    key, end = scan(text, pos + 1)
    pointer = f"{frame[0]}/{pointer_token(key)}"
    seen: dict[str, int] = frame[1]
    line = lines(pos)
    if key in seen:
        result.duplicate_keys.append((pointer, line[0], line[1], seen[key]))
    else:
        seen[key] = line[0]
        result.positions[pointer] = line  # a member is where its key is written
    end = _JSON_WS.match(text, end).end()  # type: ignore[union-attr]
    return pointer, _JSON_WS.match(text, end + 1).end()  # type: ignore[union-attr]


_YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CORE = "tag:yaml.org,2002:"
# Tags of the YAML core and type repository; any other tag (``!include``, ``!!python/...``) is
# reported and its value read as if untagged. Nothing is ever constructed from a tag.
_CORE_TAGS = frozenset(_CORE + kind for kind in (
    "str", "int", "float", "bool", "null", "timestamp", "binary", "seq", "map", "omap", "pairs", "set",
    "merge", "value"))
# The core-schema constructors, called directly: BaseConstructor.construct_object would cache
# every node it sees for the life of the process.
_SCALARS = yaml.constructor.SafeConstructor()
_SCALAR_CONSTRUCTORS = {kind: yaml.constructor.SafeConstructor.yaml_constructors[_CORE + kind]
                        for kind in ("int", "float", "bool", "null")}


def _load_yaml(name: str, raw: bytes) -> tuple[Document | None, list[Finding]]:
    """Compose the YAML node graph safely, refuse alias bombs, build JSON-like data and a source map."""
    if len(raw) > MAX_YAML_BYTES:
        return None, [_finding(name, "input.too-large", f"the YAML file is larger than {MAX_YAML_BYTES >> 20} MiB, "
                               "the most nordval parses as YAML.", "Give the description as JSON, or split it.")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, [_finding(name, "input.encoding", f"the YAML file is not UTF-8 (byte {exc.start} cannot be "
                               "decoded).", "Save the file as UTF-8.")]
    loader = _YAML_LOADER(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
        problem = " ".join(f"{exc.context or ''} {exc.problem or ''}".split()) or "cannot be parsed"
        return None, [_finding(name, "input.syntax", f"not valid YAML: {problem}",
                               "Correct the YAML" + (f" near line {line}, column {column}." if line else "."),
                               line=line, column=column, syntax="YAML")]
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (control characters)
        line = text.count("\n", 0, exc.position) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        return None, [_finding(name, "input.syntax", f"not valid YAML: character U+{code:04X} is not allowed "
                               f"in YAML ({exc.reason}).", f"Remove the character on line {line}.", line=line,
                               syntax="YAML")]
    except (yaml.YAMLError, ValueError) as exc:
        return None, [_finding(name, "input.syntax", f"not valid YAML: {_clean(str(exc))}",
                               "Correct the YAML.", syntax="YAML")]
    except RecursionError:
        return None, [_too_deep(name, "YAML")]
    finally:
        loader.dispose()
    if node is None:
        return None, [_finding(name, "input.empty", "the YAML file holds no document (only comments or blank lines).",
                               "Check that the right file was given and that it was written completely.")]
    refused = _alias_problem(node)
    if refused:
        return None, [_finding(name, "input.too-large", refused,
                               "Write the repeated parts out, or reference them with $ref instead of YAML aliases.",
                               line=node.start_mark.line + 1, syntax="YAML-alias")]
    builder = _YamlBuilder(name)
    try:
        data = builder.build(node, "")
    except RecursionError:
        return None, [_too_deep(name, "YAML")]
    if not isinstance(data, dict):
        what = "a list" if isinstance(data, list) else f"the scalar {str(data)[:40]!r}"
        return None, [_finding(name, "input.kind", f"the YAML document is {what}, not a mapping; nordval reads YAML "
                               "only as an OpenAPI description (a mapping with an 'openapi' field).",
                               "Give an OpenAPI 3 description, or RDF/XML data in one of their own syntaxes.",
                               line=1, syntax="YAML-kind")]
    return Document(name, "openapi", "yaml", data=data, source_map=builder.map), builder.findings


def _alias_problem(root: Any) -> str | None:
    """Why the node graph cannot be expanded safely (a cycle, or too many nodes once expanded)."""
    sizes: dict[int, int] = {}
    distinct = 0
    # Iterative post-order walk: (node, children pushed?)
    stack: list[tuple[Any, bool]] = [(root, False)]
    on_path: set[int] = set()
    while stack:
        node, expanded = stack.pop()
        key = id(node)
        if expanded:
            on_path.discard(key)
            children = _children(node)
            sizes[key] = 1 + sum(sizes[id(c)] for c in children)
            if sizes[key] > MAX_YAML_EXPANDED and sizes[key] > 10 * distinct:
                return (f"the YAML aliases expand the document to more than {MAX_YAML_EXPANDED:,} nodes; nordval "
                        "refuses such documents (a 'billion laughs' alias bomb).")
            continue
        if key in sizes:
            continue
        if key in on_path:
            return "the YAML document refers to itself through an alias (a recursive anchor), so it has no end."
        distinct += 1
        on_path.add(key)
        stack.append((node, True))
        for child in _children(node):
            if id(child) in on_path:
                return "the YAML document refers to itself through an alias (a recursive anchor), so it has no end."
            if id(child) not in sizes:
                stack.append((child, False))
    return None


def _children(node: Any) -> list[Any]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


class _YamlBuilder:
    """YAML nodes -> JSON-like values, as the security server's Jackson reader sees them.

    Keys become strings (``200:`` is the key ``"200"``), timestamps stay text, aliases share one
    value (safe: the graph was size-checked), tags outside the YAML core schema are reported.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self.map = SourceMap()
        self.findings: list[Finding] = []
        self.done: dict[int, Any] = {}

    def build(self, node: Any, pointer: str) -> Any:
        self.map.positions.setdefault(pointer, (node.start_mark.line + 1, node.start_mark.column + 1))
        if id(node) in self.done:
            return self.done[id(node)]
        tag = node.tag or ""
        if tag not in _CORE_TAGS:
            shown = "!!" + tag[len(_CORE):] if tag.startswith(_CORE) else tag
            self._finding(node, f"the YAML tag {shown} is not part of plain YAML; nordval reads the value as "
                          "untagged, the security server's parser may not.", "Remove the tag.")
        if isinstance(node, yaml.ScalarNode):
            value = self._scalar(node)
        elif isinstance(node, yaml.SequenceNode):
            value = []
            self.done[id(node)] = value
            value.extend(self.build(child, f"{pointer}/{i}") for i, child in enumerate(node.value))
        else:
            value = {}
            self.done[id(node)] = value
            self._mapping(node, pointer, value)
        self.done[id(node)] = value
        return value

    def _scalar(self, node: Any) -> Any:
        kind = node.tag[len(_CORE):] if node.tag in _CORE_TAGS else "str"
        if kind in _SCALAR_CONSTRUCTORS:
            try:
                return _SCALAR_CONSTRUCTORS[kind](_SCALARS, node)
            except (yaml.YAMLError, ValueError):
                return node.value
        return node.value  # str, timestamp, binary, unknown tags: the text as written

    def _mapping(self, node: Any, pointer: str, into: dict[str, Any]) -> None:
        first_line: dict[str, int] = {}
        merges: list[Any] = []
        for key_node, value_node in node.value:
            if key_node.tag == _CORE + "merge":
                merges.append(value_node)
                continue
            if isinstance(key_node, yaml.ScalarNode):
                key = key_node.value
            else:
                key = json.dumps(self.build(key_node, f"{pointer}/?"), default=str)
                self._finding(key_node, "a mapping key is a list or mapping; OpenAPI keys are strings.",
                              "Use a plain string key.")
            line, column = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            child = f"{pointer}/{pointer_token(key)}"
            if key in first_line:
                self.map.duplicate_keys.append((child, line, column, first_line[key]))
            else:
                first_line[key] = line
                self.map.positions[child] = (line, column)  # a member is where its key is written
            into[key] = self.build(value_node, child)
        for merge in merges:  # "<<: *base": keys written here win over merged ones
            sources = merge.value if isinstance(merge, yaml.SequenceNode) else [merge]
            for source in sources:
                merged = self.build(source, pointer)
                if isinstance(merged, dict):
                    for key, value in merged.items():
                        into.setdefault(key, value)

    def _finding(self, node: Any, message: str, fix: str) -> None:
        self.findings.append(_finding(self.name, "input.syntax", message, fix, line=node.start_mark.line + 1,
                                      column=node.start_mark.column + 1, syntax="YAML"))


def iter_documents(sources: Iterable[Source], data_format: str | None = None,
                   allow_network: bool = False) -> Iterator[tuple[Source, Document | None, list[Finding]]]:
    for source in sources:
        document, findings = load(source, data_format, allow_network)
        yield source, document, findings


def _bind_known(graph: Graph) -> None:
    used = {str(p) for p in graph.predicates()} | {str(o) for o in graph.objects(None, RDF_TYPE)}
    for prefix, namespace in PREFIXES.items():
        if any(term.startswith(namespace) for term in used):
            graph.bind(prefix, namespace, override=True, replace=True)


def serialize(document: Document, syntax: str) -> str:
    """Write an RDF document back, keeping named graphs for quad syntaxes."""
    if syntax in QUAD_SYNTAXES or (syntax == "json-ld" and any(name for name, _ in document.graphs)):
        dataset = Dataset()
        for name, graph in document.graphs:
            target = dataset.graph(URIRef(name)) if name else dataset.default_graph
            for prefix, namespace in graph.namespaces():
                dataset.bind(prefix, namespace, override=False)
            for triple in graph:
                target.add(triple)
        return dataset.serialize(format=syntax)
    merged = Graph()
    for _name, graph in document.graphs:
        for prefix, namespace in graph.namespaces():
            merged.bind(prefix, namespace, override=False)
        merged += graph
    _bind_known(merged)
    return merged.serialize(format=syntax)
