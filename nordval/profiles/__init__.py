"""Profile registry and resolution: manifests in, one flattened shapes graph with provenance out.

Built-in manifests are the ``*.toml`` files next to this module; users add theirs with
``--profile-path DIR`` or the ``NORDVAL_PROFILE_PATH`` environment variable (``os.pathsep``
separated). A user manifest with the id of a built-in one replaces it.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH, XSD

from .. import resources
from ..errors import ProfileError, ProfileNotFound
from .model import Profile, ResolvedProfile
from .rules import SEVERITY_SHACL, Rule, extract

ENV_PATH = "NORDVAL_PROFILE_PATH"
ADHOC_ID = "custom"

__all__ = ["Profile", "ResolvedProfile", "Rule", "get", "registry", "resolve", "search_path"]


def search_path(extra: Sequence[str] = ()) -> tuple[str, ...]:
    env = [p for p in os.environ.get(ENV_PATH, "").split(os.pathsep) if p]
    return tuple(env) + tuple(extra)


@lru_cache(maxsize=16)
def registry(profile_path: tuple[str, ...] = ()) -> dict[str, Profile]:
    profiles: dict[str, Profile] = {}
    for name, text in resources.builtin_manifests():
        profile = Profile.from_toml(text, f"nordval/profiles/{name}", "pkg:")
        profiles[profile.id] = profile
    for folder in profile_path:
        directory = Path(folder)
        if not directory.is_dir():
            raise ProfileError(f"{folder}: profile directory not found")
        for manifest in sorted(directory.glob("*.toml")):
            try:
                text = manifest.read_text(encoding="utf-8")
            except OSError as exc:
                raise ProfileError(f"{manifest}: cannot read: {exc.strerror or exc}") from None
            profile = Profile.from_toml(text, str(manifest), str(directory))
            profiles[profile.id] = profile
    return profiles


def get(profile_id: str, profile_path: tuple[str, ...] = ()) -> Profile:
    known = registry(profile_path)
    if profile_id not in known:
        raise ProfileNotFound.from_id(profile_id, known)
    return known[profile_id]


def chain_of(profile_id: str, profile_path: tuple[str, ...] = ()) -> tuple[Profile, ...]:
    """Root first: the EU base, then each national layer."""
    chain: list[Profile] = []
    current: str | None = profile_id
    while current is not None:
        if any(p.id == current for p in chain):
            raise ProfileError(f"profile {profile_id!r}: 'extends' forms a cycle through {current!r}")
        try:
            profile = get(current, profile_path)
        except ProfileNotFound:
            if chain:
                raise ProfileError(f"{chain[-1].source}: extends unknown profile {current!r}") from None
            raise
        chain.append(profile)
        current = profile.extends
    return tuple(reversed(chain))


def adhoc_profile(shapes: Sequence[str], schemas: Sequence[str], layer: str = ADHOC_ID) -> Profile:
    """A one-layer profile for ``--shapes``/``--schema`` given on the command line."""
    return Profile(
        id=layer, title="Shapes and schemas given on the command line", version="-", status="ad-hoc",
        family="custom", spec="", source="command line", base="",
        shapes=tuple(str(Path(s)) for s in shapes), schemas=tuple(str(Path(s)) for s in schemas),
    )


@lru_cache(maxsize=32)
def resolve(profile_id: str | None, profile_path: tuple[str, ...] = (),
            shapes: tuple[str, ...] = (), schemas: tuple[str, ...] = ()) -> ResolvedProfile:
    """Flatten a profile chain (plus any ad-hoc shapes/schemas as a last layer)."""
    chain: tuple[Profile, ...] = chain_of(profile_id, profile_path) if profile_id else ()
    if shapes or schemas:
        chain = (*chain, adhoc_profile(shapes, schemas, "local" if chain else ADHOC_ID))
    if not chain:
        raise ProfileError("give --profile, or --shapes/--schema for ad-hoc validation")
    return _flatten(chain)


def _flatten(chain: tuple[Profile, ...]) -> ResolvedProfile:
    merged = Graph()
    rules: dict[str, Rule] = {}
    vocabularies: list[str] = []
    schemas: list[tuple[str, str]] = []
    checks: list[str] = []
    files: dict[str, tuple[str, ...]] = {}
    for layer in chain:
        layer_graph = Graph()
        for relative in layer.shapes:
            location = layer.location(relative)
            parsed = resources.rdf_file(location)
            for prefix, namespace in parsed.namespaces():
                layer_graph.bind(prefix, namespace, override=False)
                merged.bind(prefix, namespace, override=False)
            layer_graph += parsed
        layer_rules = extract(layer_graph, layer.id)
        clash = sorted(set(layer_rules) & set(rules))
        if clash:
            raise ProfileError(f"{layer.source}: shape {clash[0]} is already defined by layer "
                               f"{rules[clash[0]].layer}; use 'replace' with a new IRI instead")
        merged += layer_graph
        rules.update(layer_rules)
        _apply_changes(layer, merged, rules)
        vocabularies.extend(v for v in layer.vocabularies if v not in vocabularies)
        schemas.extend((layer.id, layer.location(s)) for s in layer.schemas)
        checks.extend(c for c in layer.checks if c not in checks)
        files[layer.id] = tuple(resources.display(layer.location(s)) for s in layer.shapes + layer.schemas)
    return ResolvedProfile(chain[-1], chain, merged, rules, tuple(vocabularies), tuple(schemas), tuple(checks),
                           files)


def _lookup(reference: str, rules: dict[str, Rule], layer: Profile) -> str:
    if reference in rules:
        return reference
    for iri, rule in rules.items():
        if rule.id == reference:
            return iri
    raise ProfileError(f"{layer.source}: no rule {reference!r} to change in the layers below {layer.id!r}")


def _apply_changes(layer: Profile, graph: Graph, rules: dict[str, Rule]) -> None:
    """Deactivations, replacements and severity overrides, declared in the manifest."""
    for reference in layer.deactivate:
        iri = _lookup(reference, rules, layer)
        rules[iri] = rules[iri].with_changes(deactivated=True)
        graph.add((URIRef(iri), SH.deactivated, Literal(True, datatype=XSD.boolean)))
    for old, new in layer.replace:
        old_iri = _lookup(old, rules, layer)
        new_iri = _lookup(new, rules, layer)
        if rules[new_iri].layer != layer.id:
            raise ProfileError(f"{layer.source}: replacement {new!r} must be a shape of layer {layer.id!r}")
        rules[old_iri] = rules[old_iri].with_changes(deactivated=True)
        rules[new_iri] = rules[new_iri].with_changes(replaces=rules[old_iri].id)
        graph.add((URIRef(old_iri), SH.deactivated, Literal(True, datatype=XSD.boolean)))
    for reference, severity in layer.severity:
        iri = _lookup(reference, rules, layer)
        graph.remove((URIRef(iri), SH.severity, None))
        graph.add((URIRef(iri), SH.severity, SEVERITY_SHACL[severity]))
        rules[iri] = rules[iri].with_changes(severity=severity, regraded_by=layer.id)
