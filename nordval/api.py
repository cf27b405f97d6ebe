"""Click-free orchestration: inputs x profile -> Report. The CLI and the tests call this."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from . import profiles
from .inputs import Document, Source, expand, load
from .model import Finding, Location, Report, Severity
from .profiles import ResolvedProfile
from .sourcelines import LineIndex
from .validators import applicable, shacl

SEE_ENGINE = "https://github.com/nordval/nordval/blob/main/docs/inputs.md"


@dataclass(frozen=True)
class Options:
    """Everything that shapes one validation run besides the inputs."""

    profile: str | None = None
    profile_path: tuple[str, ...] = ()
    shapes: tuple[str, ...] = ()
    schemas: tuple[str, ...] = ()
    data_format: str | None = None
    allow_network: bool = False
    lang: str | None = None
    raise_errors: bool = False
    engine: str = "auto"  # SHACL engine: auto (fast where it covers the shapes), fast, pyshacl

    def resolve(self) -> ResolvedProfile:
        return profiles.resolve(self.profile, profiles.search_path(self.profile_path),
                                self.shapes, self.schemas)


def languages_for(profile: ResolvedProfile, lang: str | None) -> tuple[str, ...]:
    """Message language: ``--lang`` first, then the profile's languages, then English."""
    chosen = [lang] if lang else []
    return tuple(dict.fromkeys([*chosen, *profile.languages, "en"]))


def validate(paths: Iterable[str] | None = None, options: Options | None = None,
             sources: Sequence[Source] | None = None) -> Report:
    """Validate files (paths) or ready sources (e.g. stdin bytes) against one profile."""
    options = options or Options()
    profile = options.resolve()
    if options.engine == "fast":
        shacl.require_fast(profile)
    all_sources = list(sources or []) + (expand(paths) if paths else [])
    findings: list[Finding] = []
    for source in all_sources:
        findings.extend(validate_source(source, profile, options))
    return Report.build((s.name for s in all_sources), profile.id, findings)


def validate_source(source: Source, profile: ResolvedProfile, options: Options) -> list[Finding]:
    if options.engine != "pyshacl" and applicable("rdf", profile) == (shacl.check,):
        with shacl.using_engine(options.engine):  # large Turtle/TriG/N-Triples/N-Quads: no rdflib graph
            streamed = shacl.streamed(source, profile, languages_for(profile, options.lang), options.data_format)
        if streamed is not None:
            return with_lines(*streamed)
    document, findings = load(source, options.data_format, options.allow_network)
    if document is None:
        return [replace(f, profile=profile.id) for f in findings]
    return findings + validate_document(document, profile, languages_for(profile, options.lang),
                                        options.raise_errors, options.engine)


def validate_document(document: Document, profile: ResolvedProfile, languages: tuple[str, ...],
                      raise_errors: bool = False, engine: str = "auto") -> list[Finding]:
    with shacl.using_engine(engine):
        return _validate_document(document, profile, languages, raise_errors)


def _validate_document(document: Document, profile: ResolvedProfile, languages: tuple[str, ...],
                       raise_errors: bool) -> list[Finding]:
    checks = applicable(document.kind, profile)
    if not checks:
        what, kind = {"rdf": ("SHACL shapes", "RDF"), "openapi": ("OpenAPI rules", "an OpenAPI description")}.get(
            document.kind, ("XML schemas or XML rules", document.kind.upper()))
        hint = " (OpenAPI descriptions: xroad-openapi)" if document.kind == "openapi" else ""
        return [_problem(document.source, profile, "input.kind",
                         f"the input is {kind}, but profile {profile.id!r} has no {what}, so it cannot be judged.",
                         f"Choose a profile for this kind of document (see 'nordval profiles'){hint}.")]
    findings: list[Finding] = []
    for check in checks:
        try:
            findings.extend(check(document, profile, languages))
        except Exception as exc:  # an engine failure must not stop the other inputs
            if raise_errors:
                raise
            findings.append(_problem(
                document.source, profile, "engine.error",
                f"validation stopped with an internal error ({type(exc).__name__}: "
                f"{' '.join(str(exc).split())[:200]}); the file was not fully checked.",
                "Rerun with --traceback and report the problem."))
    return with_lines(document, findings)


def with_lines(document: Document, findings: list[Finding]) -> list[Finding]:
    """Give RDF findings the line where their focus node is described, for CI annotations."""
    if document.kind != "rdf" or not document.text or not any(f.location.focus for f in findings):
        return findings
    prefixes = [(p, str(ns)) for _name, graph in document.graphs[:1] for p, ns in graph.namespaces()]
    wanted = {f.location.focus for f in findings
              if f.location.line is None and f.location.focus and not f.location.focus.startswith("_:")}
    lines = LineIndex.lines_of(document.text, prefixes, wanted)  # only the asked IRIs: big files stay cheap
    located = []
    for finding in findings:
        loc = finding.location
        if loc.line is None and loc.focus in lines:
            finding = replace(finding, location=replace(loc, line=lines[loc.focus]))
        located.append(finding)
    return located


def _problem(source: str, profile: ResolvedProfile, rule: str, message: str, fix: str) -> Finding:
    return Finding(rule=rule, severity=Severity.ERROR, location=Location(file=source),
                   message=message, fix=fix, see=SEE_ENGINE, profile=profile.id, layer="input")
