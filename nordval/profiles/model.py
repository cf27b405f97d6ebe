"""Profile manifests (data) and the resolved, flattened form validators use."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Graph, URIRef

from ..errors import ProfileError
from ..model import Severity
from .rules import Rule
from .valuespace import Space, spaces

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

STATUSES = ("draft", "recommendation", "approved", "current", "deprecated", "ad-hoc")
KNOWN_KEYS = {
    "id", "title", "version", "status", "family", "country", "spec", "extends", "languages",
    "origin", "shapes", "vocabularies", "schemas", "deactivate", "replace", "severity", "description", "checks",
}


@dataclass(frozen=True)
class Profile:
    """One manifest: the profile's metadata and its own layer."""

    id: str
    title: str
    version: str
    status: str
    family: str
    spec: str
    source: str
    base: str
    country: str | None = None
    extends: str | None = None
    languages: tuple[str, ...] = ("en",)
    origin: str | None = None
    description: str | None = None
    shapes: tuple[str, ...] = ()
    vocabularies: tuple[str, ...] = ()
    schemas: tuple[str, ...] = ()
    checks: tuple[str, ...] = ()
    deactivate: tuple[str, ...] = ()
    replace: tuple[tuple[str, str], ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()

    @property
    def label(self) -> str:
        """Title with the version, written once (``DCAT-AP 3.0.1``; ``DCAT-AP-NO 3.0 (draft)``)."""
        number = self.version.split()[0] if self.version.split() else self.version
        return self.title if number in self.title else f"{self.title} {self.version}"

    def location(self, relative: str) -> str:
        """Where a file named in the manifest lives: package data or next to the manifest."""
        if self.base.startswith("pkg:"):
            return f"{self.base}{relative}"
        return str(Path(self.base) / relative)

    @classmethod
    def from_toml(cls, text: str, source: str, base: str) -> Profile:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ProfileError(f"{source}: not valid TOML: {exc}") from None
        return cls.from_dict(data, source, base)

    @classmethod
    def from_dict(cls, data: dict[str, Any], source: str, base: str) -> Profile:
        unknown = sorted(set(data) - KNOWN_KEYS)
        if unknown:
            raise ProfileError(f"{source}: unknown key(s) {', '.join(unknown)}; known: {', '.join(sorted(KNOWN_KEYS))}")
        for key in ("id", "title", "version"):
            if not isinstance(data.get(key), str) or not data[key]:
                raise ProfileError(f"{source}: '{key}' is required and must be a string")
        status = data.get("status", "draft")
        if status not in STATUSES:
            raise ProfileError(f"{source}: status {status!r} is not one of {', '.join(STATUSES)}")
        try:
            severity = tuple((k, Severity.parse(v)) for k, v in sorted(data.get("severity", {}).items()))
        except ValueError as exc:
            raise ProfileError(f"{source}: {exc}") from None
        return cls(
            id=data["id"],
            title=data["title"],
            version=data["version"],
            status=status,
            family=data.get("family", "custom"),
            spec=data.get("spec", ""),
            source=source,
            base=base,
            country=data.get("country"),
            extends=data.get("extends") or None,
            languages=tuple(data.get("languages", ["en"])),
            origin=data.get("origin"),
            description=data.get("description"),
            shapes=tuple(data.get("shapes", [])),
            vocabularies=tuple(data.get("vocabularies", [])),
            schemas=tuple(data.get("schemas", [])),
            checks=tuple(data.get("checks", [])),
            deactivate=tuple(data.get("deactivate", [])),
            replace=tuple(sorted(data.get("replace", {}).items())),
            severity=severity,
        )


@dataclass(eq=False)
class ResolvedProfile:
    """A profile with its chain flattened: one shapes graph, every rule with its layer."""

    profile: Profile
    chain: tuple[Profile, ...]
    shapes: Graph
    rules: dict[str, Rule]
    vocabularies: tuple[str, ...]
    schemas: tuple[tuple[str, str], ...]
    checks: tuple[str, ...] = ()
    files: dict[str, tuple[str, ...]] = field(default_factory=dict)
    _spaces: dict[str, list[Space]] = field(default_factory=dict, repr=False)

    @property
    def id(self) -> str:
        return self.profile.id

    @property
    def languages(self) -> tuple[str, ...]:
        return self.profile.languages

    def rule_by_id(self, rule_id: str) -> Rule | None:
        for rule in self.rules.values():
            if rule.id == rule_id:
                return rule
        return None

    def value_spaces(self, iri: str) -> list[Space]:
        """What values the rule with this shape IRI accepts; read from the SHACL once per profile."""
        if iri not in self._spaces:
            self._spaces[iri] = spaces(self.shapes, URIRef(iri))
        return self._spaces[iri]

    def active_rules(self) -> list[Rule]:
        return [r for r in self.rules.values() if not r.deactivated]
