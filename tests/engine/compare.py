"""Running one document through both SHACL engines and saying how their findings differ.

The findings compared are nordval's own (rule, severity, file, graph, focus, path, value,
message, fix, constraint ...), i.e. after the shared conversion: two engines that agree here
give byte-identical reports.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

from rdflib import Graph

from nordval import api, engine, profiles
from nordval.inputs import Document, Source, load
from nordval.model import Finding
from nordval.profiles import ResolvedProfile
from nordval.suite import DATA_SUFFIXES
from tests.conftest import FIXTURES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def findings(document: Document, profile: ResolvedProfile, engine_name: str) -> set[Finding]:
    languages = api.languages_for(profile, None)
    return set(api.validate_document(document, profile, languages, raise_errors=True, engine=engine_name))


def difference(document: Document, profile: ResolvedProfile) -> str:
    """'' when both engines give the same findings, else what each alone reported."""
    reference = findings(document, profile, "pyshacl")
    fast = findings(document, profile, "auto")
    if reference == fast:
        return ""
    lines = [f"{document.source} against {profile.id}: pyshacl {len(reference)}, fast {len(fast)} findings"]
    lines += [f"  only pyshacl: {_short(f)}" for f in sorted(reference - fast, key=Finding.sort_key)[:10]]
    lines += [f"  only fast:    {_short(f)}" for f in sorted(fast - reference, key=Finding.sort_key)[:10]]
    return "\n".join(lines)


def _short(finding: Finding) -> str:
    loc = finding.location
    return f"{finding.severity.label} {finding.rule} {finding.constraint} focus={loc.focus} path={loc.path} " \
           f"value={loc.value} graph={loc.graph}"


def document_of(graph: Graph, name: str = "generated.ttl") -> Document:
    return Document(source=name, kind="rdf", syntax="turtle", graphs=[(None, graph)])


def load_document(path: Path) -> Document | None:
    document, _findings = load(Source(str(path), path=path))
    return document if document is not None and document.kind == "rdf" else None


def fixture_cases() -> Iterator[tuple[str, Path]]:
    """(profile id, file) for every RDF fixture: the profile folders, and the gap fixtures with
    their home profile and every profile they are compared with."""
    known = profiles.registry()
    for folder in sorted(p for p in FIXTURES.iterdir() if p.is_dir() and p.name in known):
        for path in sorted(folder.rglob("*")):
            if path.suffix in DATA_SUFFIXES and path.is_file():
                yield folder.name, path
    for row in sorted((FIXTURES / "gaps").iterdir()):
        expect = row / "expect.toml"
        if not expect.is_file():
            continue
        table = tomllib.loads(expect.read_text(encoding="utf-8"))
        targets = [table["from"], *table.get("to", [])]
        for data in sorted(row.glob("input.*")):
            if data.suffix in DATA_SUFFIXES:
                for profile_id in dict.fromkeys(targets):
                    if profile_id in known:
                        yield profile_id, data
        for fixed in sorted(row.glob("fixed.*.n3")):
            profile_id = fixed.name.split(".")[1]
            if profile_id in known:
                yield profile_id, fixed


def resolved(profile_id: str) -> ResolvedProfile:
    return profiles.resolve(profile_id)


def uncovered(profile: ResolvedProfile) -> tuple[tuple[str, str], ...]:
    return engine.coverage(profile).fallback
