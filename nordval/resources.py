"""The only module that reads package data; everything it returns is cached per process.

Shapes graphs, vocabularies and JSON-LD contexts are parsed once, however many files are
validated (the reason validating 200 small files costs little more than parsing them).
"""

from __future__ import annotations

import json
import sys
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from rdflib import Graph

from .errors import AssetError

if sys.version_info >= (3, 11):
    from importlib.resources.abc import Traversable
else:  # pragma: no cover - Python 3.10
    from importlib.abc import Traversable

PACKAGE = "nordval"


def package_root() -> Traversable:
    return resources.files(PACKAGE)


def package_path(relative: str) -> Traversable:
    node = package_root()
    for part in relative.split("/"):
        node = node / part
    return node


def builtin_manifests() -> list[tuple[str, str]]:
    """(file name, TOML text) of every profile manifest shipped in the package."""
    folder = package_path("profiles")
    items = [(entry.name, entry.read_text(encoding="utf-8"))
             for entry in folder.iterdir() if entry.name.endswith(".toml")]
    return sorted(items)


@cache
def rdf_file(location: str) -> Graph:
    """Parse a shapes or ontology file: ``pkg:relative/path`` or a filesystem path."""
    graph = Graph()
    try:
        if location.startswith("pkg:"):
            text = package_path(location[4:]).read_text(encoding="utf-8")
            graph.parse(data=text, format=_rdf_format(location))
        else:
            graph.parse(location, format=_rdf_format(location))
    except FileNotFoundError:
        raise AssetError(f"{display(location)}: file not found") from None
    except OSError as exc:
        raise AssetError(f"{display(location)}: cannot read: {exc.strerror or exc}") from None
    except Exception as exc:  # rdflib raises many unrelated types on bad syntax
        message = " ".join(str(exc).split())[:300]
        raise AssetError(f"{display(location)}: not valid RDF: {message}") from None
    return graph


def display(location: str) -> str:
    return location[4:] if location.startswith("pkg:") else location


def _rdf_format(location: str) -> str:
    suffix = Path(location).suffix.lower()
    return {".ttl": "turtle", ".nt": "nt", ".rdf": "xml", ".owl": "xml", ".jsonld": "json-ld",
            ".xml": "xml", ".n3": "n3"}.get(suffix, "turtle")


@cache
def vocabulary_data(vocab_id: str) -> dict[str, Any]:
    """The JSON snapshot of one code list."""
    try:
        text = package_path(f"vocabularies/{vocab_id}.json").read_text(encoding="utf-8")
    except FileNotFoundError:
        raise AssetError(f"vocabulary {vocab_id!r} is not bundled (no vocabularies/{vocab_id}.json)") from None
    try:
        data: dict[str, Any] = json.loads(text)
    except json.JSONDecodeError as exc:
        raise AssetError(f"vocabularies/{vocab_id}.json: not valid JSON: {exc}") from None
    return data


def bundled_vocabularies() -> list[str]:
    folder = package_path("vocabularies")
    return sorted(e.name[:-5] for e in folder.iterdir() if e.name.endswith(".json"))


@cache
def _context_index() -> dict[str, str]:
    try:
        text = package_path("contexts/index.json").read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    index: dict[str, str] = json.loads(text)
    return index


@cache
def _context_file(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(package_path(f"contexts/{name}").read_text(encoding="utf-8"))
    return data


def jsonld_context(url: str) -> dict[str, Any] | None:
    """The bundled copy of a published JSON-LD context (its ``@context`` value), if we have one."""
    name = _context_index().get(url.strip())
    if name is None:
        return None
    document = _context_file(name)
    context = document.get("@context", document)
    return context if isinstance(context, dict) else {"@context": context}


def local_path(location: str) -> str:
    """A filesystem path for a file that a library must open itself (XSDs with imports)."""
    if not location.startswith("pkg:"):
        return location
    node = package_path(location[4:])
    if not isinstance(node, Path) and not hasattr(node, "__fspath__"):
        raise AssetError(f"{location[4:]}: package data is not on the filesystem (zip install)")
    return str(node)
