"""Find inputs, detect their syntax and parse them; every failure becomes a finding.

XML is always parsed by a hardened lxml parser first (no DTD loading, no network, no entity
substitution, and any document that declares entities is refused), including RDF/XML before
rdflib sees it, so that no input can make nordval read local files or reach the network.
"""

from __future__ import annotations

import glob
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from lxml import etree
from rdflib import Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from . import resources
from .curies import PREFIXES
from .errors import InputError
from .model import Finding, Location, Severity

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
}
DATA_FORMATS = sorted(set(RDF_SYNTAXES) | {"xml-plain"})
QUAD_SYNTAXES = {"trig", "nquads"}
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDF_TYPE = URIRef(RDF_NS + "type")
MAX_INPUT_BYTES = 512 * 1024 * 1024

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
class Document:
    """A parsed input: RDF graphs (one per named graph) or an XML tree."""

    source: str
    kind: Literal["rdf", "xml"]
    syntax: str
    graphs: list[tuple[str | None, Graph]] = field(default_factory=list)
    tree: Any = None
    text: str | None = None


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
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in EXTENSIONS)
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
        return None, [_finding(name, "input.too-large", "the file is larger than 512 MiB.",
                               "Split the catalogue into several files.")]
    if not raw.strip():
        return None, [_finding(name, "input.empty", "the file is empty: there is nothing to validate.",
                               "Check that the right file was given and that it was written completely.")]
    problem = _binary_problem(raw)
    if problem:
        return None, [_finding(name, "input.encoding", problem,
                               "Give an RDF or XML text file encoded in UTF-8.")]
    syntax = _detect(name, raw, data_format)
    if syntax in ("xml", "xml-any", "xml-plain"):
        document, findings = _load_xml(name, raw, syntax)
    elif syntax == "json-ld":
        document, findings = _load_jsonld(name, raw, allow_network)
    else:
        document, findings = _load_rdf(name, raw, syntax)
    if document is not None and document.kind == "rdf":
        document.text = raw.decode("utf-8", errors="replace")
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
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    head = raw.lstrip()[:200]
    if head.startswith(b"<") and not head.startswith(b"<http"):
        return "xml-any"
    if head[:1] in (b"{", b"["):
        return "json-ld"
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
        return Document(name, "xml", "xml", tree=tree), []
    try:
        graph = Graph()
        graph.parse(data=etree.tostring(tree), format="xml")
    except Exception as exc:  # rdflib's RDF/XML parser raises several unrelated types
        return None, [_syntax_finding(name, "RDF/XML", exc)]
    return _rdf_document(name, "rdfxml", [(None, graph)])


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


def _load_jsonld(name: str, raw: bytes, allow_network: bool) -> tuple[Document | None, list[Finding]]:
    try:
        document = json.loads(raw.decode("utf-8-sig"))
    except json.JSONDecodeError as exc:
        return None, [_finding(name, "input.syntax", f"not valid JSON: {exc.msg}",
                               f"Correct the JSON near line {exc.lineno}, column {exc.colno}.",
                               line=exc.lineno, column=exc.colno, syntax="JSON")]
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
