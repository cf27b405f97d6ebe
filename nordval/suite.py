"""Test suites for profile releases: cases, expectations, pass/fail and rule coverage.

A suite is a directory or a manifest. Three layouts are understood, so that standards bodies
can run their existing fixture sets as they are:

1. A manifest (``suite.toml``, ``suite.yaml``, or a file given directly) listing cases: input
   file, optional named graph and base graphs, profile, and the expectation (``conforms`` or the
   findings expected, optionally ``exact``).
2. Sidecars: a data file ``X.ttl`` next to ``X.expect.toml`` (nordval's own fixtures): errors
   must match exactly, listed warnings and infos must be present.
3. Folder conventions of national fixture sets: ``valid*/`` cases must have no error,
   ``invalid*/`` cases must have at least one; every named graph of a TriG/N-Quads file is a
   case; ``base-graphs/<stem>.base.ttl`` (and ``base-graphs/<group>/*.base.ttl``) are merged into
   each case from ``<stem>.trig`` (of folder ``<group>``), as the Norwegian v3 fixtures do.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from rdflib import Graph

from . import profiles
from .api import languages_for, validate_document
from .errors import NordvalError
from .inputs import Document, Source, load
from .model import Finding, Severity

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

DATA_SUFFIXES = {".ttl", ".trig", ".nq", ".nt", ".jsonld", ".json", ".rdf", ".xml", ".wsdl", ".yaml", ".yml",
                 ".mime"}
MANIFEST_NAMES = ("suite.toml", "suite.yaml", "suite.yml")
SIDECAR = ".expect."  # X.expect.toml; an X.expect.yaml (or any other X.expect.*) is never data either


def is_data(path: Path) -> bool:
    """A case's input: a data suffix, and neither a sidecar nor a manifest (both may be YAML)."""
    return path.suffix in DATA_SUFFIXES and SIDECAR not in path.name and path.name not in MANIFEST_NAMES


@dataclass(frozen=True)
class Expectation:
    """What a case must produce. Keys of ``findings`` entries: rule, focus, path, severity, graph, line."""

    conforms: bool | None = None
    errors: tuple[dict[str, Any], ...] = ()
    present: tuple[dict[str, Any], ...] = ()
    exact: bool = False


@dataclass(frozen=True)
class Case:
    name: str
    input: Path
    profile: str
    expect: Expectation
    graph: str | None = None
    base: tuple[Path, ...] = ()


@dataclass(frozen=True)
class CaseResult:
    case: Case
    passed: bool
    findings: tuple[Finding, ...]
    problems: tuple[str, ...] = field(default_factory=tuple)


# --- discovery ---------------------------------------------------------------------------------

def discover(path: Path, profile: str | None = None) -> list[Case]:
    """All cases of the suite at ``path`` (directory or manifest file)."""
    if path.is_file():
        return _manifest_cases(path, profile)
    if not path.is_dir():
        raise NordvalError(f"{path}: no such suite (give a directory or a manifest file)")
    for name in MANIFEST_NAMES:
        if (path / name).is_file():
            return _manifest_cases(path / name, profile)
    cases = _sidecar_cases(path, profile) + _folder_cases(path, profile)
    if not cases:
        raise NordvalError(f"{path}: no test cases found (no manifest, no .expect.toml sidecars, "
                           "no valid*/ or invalid*/ folders)")
    return sorted(cases, key=lambda c: c.name)


def _read_table(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text) if path.suffix in (".yaml", ".yml") else tomllib.loads(text)
    except Exception as exc:  # TOML and YAML parsers raise their own error types
        raise NordvalError(f"{path}: not a valid manifest: {' '.join(str(exc).split())[:200]}") from None
    if not isinstance(data, dict):
        raise NordvalError(f"{path}: a manifest is a table of settings and [[case]] entries")
    return data


def _profile_for(path: Path, given: str | None, default: str | None) -> str:
    chosen = given or default
    if chosen:
        return chosen
    for parent in path.parents:
        if parent.name in profiles.registry():
            return parent.name
    raise NordvalError(f"{path}: no profile for this case (give --profile or set 'profile' in the manifest)")


def _manifest_cases(path: Path, profile: str | None) -> list[Case]:
    data = _read_table(path)
    default = data.get("profile")
    cases = []
    for number, raw in enumerate(data.get("case", data.get("cases", [])), 1):
        if not isinstance(raw, dict) or "input" not in raw:
            raise NordvalError(f"{path}: case {number} needs an 'input'")
        source = (path.parent / raw["input"]).resolve()
        expected = raw.get("expect", [])
        expectation = Expectation(
            conforms=raw.get("conforms"),
            errors=tuple(e for e in expected if e.get("severity", "error") == "error"),
            present=tuple(e for e in expected if e.get("severity", "error") != "error"),
            exact=bool(raw.get("exact", False)),
        )
        cases.append(Case(raw.get("name") or f"{path.stem}:{number}", source,
                          _profile_for(source, raw.get("profile"), profile or default), expectation,
                          raw.get("graph"), tuple((path.parent / b).resolve() for b in raw.get("base", []))))
    return cases


def _sidecar_cases(root: Path, profile: str | None) -> list[Case]:
    cases = []
    for sidecar in sorted(root.rglob("*.expect.toml")):
        stem = sidecar.name[: -len(".expect.toml")]
        data_files = [p for p in sidecar.parent.glob(stem + ".*")
                      if is_data(p) and p.name.rsplit(".", 1)[0] == stem]
        if len(data_files) != 1:
            raise NordvalError(f"{sidecar}: expected one data file named {stem}.*, found {len(data_files)}")
        spec = _read_table(sidecar)
        expectation = Expectation(
            errors=tuple(spec.get("error", [])),
            present=tuple({**e, "severity": key} for key in ("warning", "info") for e in spec.get(key, [])),
            exact=True,
        )
        cases.append(Case(str(data_files[0].relative_to(root)), data_files[0],
                          _profile_for(data_files[0], profile, spec.get("profile")), expectation))
    return cases


def _folder_cases(root: Path, profile: str | None) -> list[Case]:
    cases = []
    base_root = next((d for d in sorted(root.iterdir()) if d.is_dir() and d.name.startswith("base")), None)
    for kind_dir in sorted(d for d in root.iterdir() if d.is_dir() and d.name.startswith(("valid", "invalid"))):
        conforms = kind_dir.name.startswith("valid")
        for data in sorted(p for p in kind_dir.rglob("*") if is_data(p) and _openapi_if_yaml(p)):
            if data.with_name(data.name.rsplit(".", 1)[0] + ".expect.toml").exists():
                continue  # sidecar cases are collected with their own expectations
            base = _base_graphs(base_root, data, kind_dir)
            case_profile = _profile_for(data, profile, None)
            for graph_name in _graph_names(data):
                name = str(data.relative_to(root)) + (f"#{graph_name}" if graph_name else "")
                cases.append(Case(name, data, case_profile, Expectation(conforms=conforms), graph_name, base))
    return cases


_OPENAPI_LINE = re.compile(rb"""^["']?(openapi|swagger)["']?[ \t]*:""", re.M)


def _openapi_if_yaml(path: Path) -> bool:
    """YAML in a folder suite is a case only when it is an OpenAPI description (as for a directory
    given to ``nordval validate``), so configuration files next to the data are no cases."""
    if path.suffix not in (".yaml", ".yml"):
        return True
    try:
        with path.open("rb") as handle:
            return bool(_OPENAPI_LINE.search(handle.read(8192)))
    except OSError:
        return True


def _base_graphs(base_root: Path | None, data: Path, kind_dir: Path) -> tuple[Path, ...]:
    if base_root is None:
        return ()
    found = [base_root / f"{data.stem}.base.ttl"]
    group = data.parent.relative_to(kind_dir)
    if str(group) != ".":
        found.extend(sorted((base_root / group).glob("*.base.ttl")))
    return tuple(p for p in found if p.is_file())


def _graph_names(data: Path) -> list[str | None]:
    if data.suffix not in (".trig", ".nq"):
        return [None]
    document, _problems = load(Source(str(data), path=data))
    if document is None:
        return [None]
    names: list[str | None] = [name for name, _graph in document.graphs if name]
    return names or [None]


# --- running -----------------------------------------------------------------------------------

def _document(case: Case) -> tuple[Document | None, list[Finding]]:
    document, problems = load(Source(str(case.input), path=case.input))
    if document is None or (case.graph is None and not case.base):
        return document, problems
    chosen = [g for name, g in document.graphs if name == case.graph] if case.graph else \
        [g for _name, g in document.graphs]
    if case.graph and not chosen:
        raise NordvalError(f"{case.input}: no named graph {case.graph}")
    merged = Graph()
    for graph in chosen:
        merged += graph
    for base in case.base:
        base_doc, base_problems = load(Source(str(base), path=base))
        if base_doc is None:
            raise NordvalError(f"{base}: base graph unreadable: {base_problems[0].message}")
        for _name, graph in base_doc.graphs:
            merged += graph
    return Document(case.name, "rdf", document.syntax, graphs=[(None, merged)]), []


def _matches(finding: Finding, wanted: dict[str, Any]) -> bool:
    loc = finding.location
    actual = {"rule": finding.rule, "focus": loc.focus, "path": loc.path, "graph": loc.graph,
              "line": loc.line, "severity": finding.severity.label}
    return all(actual.get(key) == value for key, value in wanted.items() if key in actual)


def check(case: Case, findings: Sequence[Finding]) -> list[str]:
    """What is wrong with a case's outcome (empty: it passed)."""
    expect = case.expect
    errors = [f for f in findings if f.severity == Severity.ERROR]
    problems = []
    if expect.conforms is True and errors:
        problems.append(f"expected no error, got {len(errors)}: " + "; ".join(_short(f) for f in errors[:5]))
    if expect.conforms is False and not errors:
        problems.append("expected at least one error, got none")
    for wanted in expect.errors:
        if not any(_matches(f, {"severity": "error", **wanted}) for f in errors):
            problems.append(f"missing expected error {_wanted(wanted)}")
    for wanted in expect.present:
        if not any(_matches(f, wanted) for f in findings):
            problems.append(f"missing expected {wanted.get('severity', 'finding')} {_wanted(wanted)}")
    if expect.exact and expect.conforms is None:
        for finding in errors:
            if not any(_matches(finding, {"severity": "error", **w}) for w in expect.errors):
                problems.append(f"unexpected error {_short(finding)}")
    return problems


def _wanted(wanted: dict[str, Any]) -> str:
    return ", ".join(f"{k}={v}" for k, v in wanted.items() if k not in ("what", "severity"))


def _short(finding: Finding) -> str:
    loc = finding.location
    return f"{finding.rule} on {loc.focus or loc.file} {loc.path or ''}".strip()


def run(cases: Sequence[Case], profile_path: tuple[str, ...] = ()) -> Iterator[CaseResult]:
    for case in cases:
        resolved = profiles.resolve(case.profile, profiles.search_path(profile_path))
        document, problems = _document(case)
        findings = list(problems)
        if document is not None:
            findings.extend(validate_document(document, resolved, languages_for(resolved, None)))
        issues = check(case, findings)
        yield CaseResult(case, not issues, tuple(findings), tuple(issues))


def coverage(results: Sequence[CaseResult], profile_id: str, profile_path: tuple[str, ...] = ()) -> list[str]:
    """Active rules of the profile that no failing (negative) case triggers."""
    resolved = profiles.resolve(profile_id, profiles.search_path(profile_path))
    triggered = {f.rule for r in results if r.case.expect.conforms is False or r.case.expect.errors
                 for f in r.findings}
    triggered |= {str(w["rule"]) for r in results for w in (*r.case.expect.errors, *r.case.expect.present)
                  if w.get("rule")}
    return sorted(r.id for r in resolved.active_rules() if r.reportable and r.id not in triggered)
