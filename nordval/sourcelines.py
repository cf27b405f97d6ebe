"""Line numbers for RDF findings: where the focus node is described in the source text.

RDF parsers keep no positions, but CI annotations (SARIF, GitHub) need a line. The line given
is the first one that starts with the node (its subject position in Turtle/N-Triples/TriG), or
else the first one that mentions it (JSON-LD ``"@id"``, RDF/XML ``rdf:about``, or an object).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_IRI = re.compile(r"""[<"']([A-Za-z][A-Za-z0-9+.-]*:[^\s<>"'{}|\\^`]+)[>"']""")


class LineIndex:
    """First lines of every IRI and prefixed name in a text, built in one pass."""

    def __init__(self, text: str, prefixes: Iterable[tuple[str, str]] = ()) -> None:
        self.starts: dict[str, int] = {}
        self.anywhere: dict[str, int] = {}
        self.prefixes = sorted(((p, ns) for p, ns in prefixes if p), key=lambda item: -len(item[1]))
        for number, line in enumerate(text.splitlines(), 1):
            stripped = line.lstrip()
            for match in _IRI.finditer(line):
                iri = match.group(1)
                self.anywhere.setdefault(iri, number)
                if stripped.startswith(match.group(0)):
                    self.starts.setdefault(iri, number)
            head = stripped.split(None, 1)[0] if stripped else ""
            if ":" in head and not head.startswith(("<", '"', "@", "#")):
                self.starts.setdefault("curie:" + head.rstrip(";,."), number)
        self.text = text

    def line_of(self, iri: str) -> int | None:
        if iri in self.starts:
            return self.starts[iri]
        for prefix, namespace in self.prefixes:
            if iri.startswith(namespace) and f"curie:{prefix}:{iri[len(namespace):]}" in self.starts:
                return self.starts[f"curie:{prefix}:{iri[len(namespace):]}"]
        return self.anywhere.get(iri)
