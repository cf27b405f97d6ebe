"""Cross-border comparison: one input, its home profile, and the profiles it should be reusable in.

Each input is parsed once and validated once per profile. A finding *blocks* reuse in a target
when it is an error there but the same (file, graph, focus, path) is not an error at home;
errors under both belong to the home report. Where two profiles' value-space rules cannot be
satisfied by any one value for the same (focus, path), the gap is reported once as a profile
conflict instead of blaming the data in each profile.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from . import codelists, profiles
from .api import Options, languages_for, validate_document
from .inputs import Document, Source, expand, load
from .model import Finding, Report, Severity
from .profiles import ResolvedProfile, Rule
from .profiles import valuespace as vs

Key = tuple[str, str | None, str | None, str | None]


@dataclass(frozen=True)
class Conflict:
    """No single value satisfies these profiles' rules for this (focus, path)."""

    file: str
    graph: str | None
    focus: str
    path: str
    value: str | None
    profiles: tuple[str, ...]
    rules: tuple[str, ...]
    explanation: str


@dataclass(frozen=True)
class TargetResult:
    profile: str
    title: str
    report: Report
    blocking: tuple[Finding, ...]
    warnings: tuple[Finding, ...]
    why: dict[Finding, str] = field(default_factory=dict, compare=False, hash=False)

    def conforms(self, fail_on: Severity | None) -> bool:
        if fail_on is None:
            return True
        blockers = self.blocking if fail_on == Severity.ERROR else (*self.blocking, *self.warnings)
        return not any(f.severity >= fail_on for f in blockers)

    def verdict(self, fail_on: Severity | None) -> str:
        if self.conforms(fail_on):
            return "reusable as is"
        blockers = [f for f in (*self.blocking, *self.warnings) if fail_on is not None and f.severity >= fail_on]
        records = {(f.location.file, f.location.graph, f.location.focus) for f in blockers}
        rules = {f.rule for f in blockers}
        return f"{len(records)} record(s) blocked by {len(rules)} rule(s)"


@dataclass(frozen=True)
class GapReport:
    inputs: tuple[str, ...]
    home: Report
    home_title: str
    targets: dict[str, TargetResult]
    conflicts: tuple[Conflict, ...]
    rule_families: dict[str, frozenset[str]] = field(default_factory=dict, compare=False, hash=False)

    def exit_code(self, fail_on: Severity | None) -> int:
        return 0 if all(t.conforms(fail_on) for t in self.targets.values()) else 1


def family_targets(home: str, profile_path: tuple[str, ...] = ()) -> list[str]:
    """``--to all``: every other profile of the home profile's family."""
    known = profiles.registry(profiles.search_path(profile_path))
    family = known[home].family if home in known else None
    return sorted(p.id for p in known.values() if p.family == family and p.id != home)


def family_key(rule_id: str) -> str:
    """The layer-independent part of a rule id: ``dcat-ap-no:Dataset.theme`` -> ``Dataset.theme``."""
    return rule_id.split(":", 1)[-1]


def _key(finding: Finding) -> Key:
    loc = finding.location
    return (loc.file, loc.graph, loc.focus, loc.path)


def compare(paths: Sequence[str] | None, home: str, targets: Sequence[str], options: Options,
            sources: Sequence[Source] = ()) -> GapReport:
    all_sources = list(sources) + (expand(paths) if paths else [])
    resolved = {pid: profiles.resolve(pid, profiles.search_path(options.profile_path))
                for pid in dict.fromkeys([home, *targets])}
    findings: dict[str, list[Finding]] = {pid: [] for pid in resolved}
    documents: list[Document] = []
    for source in all_sources:
        document, problems = load(source, options.data_format, options.allow_network)
        for pid in resolved:
            findings[pid].extend(problems)
        if document is None:
            continue
        documents.append(document)
        for pid, profile in resolved.items():
            findings[pid].extend(validate_document(document, profile, languages_for(profile, options.lang),
                                                   options.raise_errors))
    names = [s.name for s in all_sources]
    reports = {pid: Report.build(names, pid, fs) for pid, fs in findings.items()}
    conflicts, explained = _conflicts(documents, resolved, reports, home)
    home_report = reports[home]
    home_errors = {_key(f) for f in home_report.findings if f.severity == Severity.ERROR}
    home_any = {_key(f) for f in home_report.findings}
    results: dict[str, TargetResult] = {}
    for pid in targets:
        if pid == home:
            continue
        report = reports[pid]
        blocking = tuple(f for f in report.findings if f.severity == Severity.ERROR
                         and _key(f) not in home_errors and (_key(f), pid) not in explained)
        warnings = tuple(f for f in report.findings if f.severity < Severity.ERROR and _key(f) not in home_any)
        why = {f: explain(f, resolved[pid], resolved[home]) for f in (*blocking, *warnings)}
        results[pid] = TargetResult(pid, resolved[pid].profile.label,
                                    report, blocking, warnings, why)
    home_profile = resolved[home].profile
    families = {pid: frozenset(family_key(r.id) for r in p.active_rules()) for pid, p in resolved.items()}
    return GapReport(tuple(names), home_report, home_profile.label, results,
                     tuple(conflicts), families)


def _rule_text(rule: Rule, profile: ResolvedProfile) -> str:
    layer = next((p for p in profile.chain if p.id == rule.layer), profile.profile)
    level = rule.level or "checked"
    text = f"{level} in {layer.label} ({rule.layer} layer"
    if rule.regraded_by and rule.regraded_by != rule.layer:
        regrader = next((p for p in profile.chain if p.id == rule.regraded_by), profile.profile)
        return f"{text}), re-graded to {rule.severity.label} by {regrader.label} ({rule.regraded_by} layer)"
    return f"{text}, {rule.severity.label})"


def explain(finding: Finding, target: ResolvedProfile, home: ResolvedProfile) -> str:
    """Why the target and the home profile disagree about this finding."""
    target_rule = target.rule_by_id(finding.rule)
    if target_rule is None:
        if finding.layer == "input":
            return "the input cannot be read under this profile"
        layer = next((p for p in target.chain if p.id == finding.layer), target.profile)
        return f"checked by {layer.label} ({finding.layer} layer); not an error under {home.profile.label}"
    there = _rule_text(target_rule, target)
    counterpart = _counterpart(target_rule, home)
    if counterpart is None:
        here = f"not checked by {home.profile.label}"
    elif counterpart.deactivated:
        here = f"deactivated in {home.profile.label}"
    else:
        here = _rule_text(counterpart, home)
    return f"{there}; {here}"


def _counterpart(rule: Rule, home: ResolvedProfile) -> Rule | None:
    key = family_key(rule.id)
    candidates = [r for r in home.rules.values() if family_key(r.id) == key]
    active = [r for r in candidates if not r.deactivated]
    chosen = active or candidates
    return chosen[0] if chosen else None


# --- conflicts ---------------------------------------------------------------------------------

def _value_rules(profile: ResolvedProfile, path: str, classes: set[str]) -> list[Rule]:
    """Every active value-space rule on the path, suggestions (infos) included: a profile that only
    suggests GeoNames in the https form still disagrees with one that requires the http form."""
    return [r for r in sorted(profile.active_rules(), key=lambda rule: rule.id)
            if r.path == path and (not r.classes or set(r.classes) & classes)
            and vs.is_value_rule(profile.shapes, URIRef(r.iri)) and not r.id.endswith(".range")]


def _conflicts(documents: Iterable[Document], resolved: dict[str, ResolvedProfile],
               reports: dict[str, Report], home: str) -> tuple[list[Conflict], set[tuple[Key, str]]]:
    """Profile pairs whose value-space rules exclude each other on a value the input uses."""
    graphs = {(d.source, name): g for d in documents for name, g in d.graphs}
    suspects: dict[tuple[str, str | None, str, str, str | None], set[str]] = defaultdict(set)
    for pid, report in reports.items():
        for f in report.findings:
            loc = f.location
            if loc.focus and loc.path and loc.value is not None:
                suspects[(loc.file, loc.graph, loc.focus, loc.path, loc.value)].add(pid)
    vocabularies: dict[str, codelists.Vocabulary] = {}
    for profile in resolved.values():
        vocabularies.update(codelists.by_scheme(profile.vocabularies))
    conflicts: list[Conflict] = []
    explained: set[tuple[Key, str]] = set()
    for (file, graph_name, focus, path, value_text), flagged in sorted(suspects.items(), key=str):
        graph = graphs.get((file, graph_name))
        if graph is None or value_text is None:
            continue
        value = _value_node(graph, focus, path, value_text)
        if value is None:
            continue
        classes = {str(c) for c in graph.objects(URIRef(focus), RDF.type)} if focus.startswith("http") else set()
        rule_sets = {pid: _value_rules(p, path, classes) for pid, p in resolved.items()}
        found = _exclusive_pairs(value, rule_sets, resolved, vocabularies, flagged)
        for pair, rules, reason in found:
            conflicts.append(Conflict(file, graph_name, focus, path, value_text, pair, rules, reason))
            if home in pair:
                # Only a conflict with the home profile excuses the data: two targets that exclude
                # each other can still each be met by a change the home profile accepts, so a
                # target's verdict never depends on which other targets were asked for.
                for pid in pair:
                    explained.add(((file, graph_name, focus, path), pid))
    return _dedupe(conflicts), explained


def _exclusive_pairs(value: Node, rule_sets: dict[str, list[Rule]], resolved: dict[str, ResolvedProfile],
                     vocabularies: dict[str, codelists.Vocabulary],
                     flagged: set[str]) -> list[tuple[tuple[str, ...], tuple[str, ...], str]]:
    spaces = {pid: [resolved[pid].value_spaces(r.iri) for r in rules] for pid, rules in rule_sets.items()}
    pool = vs.candidates(value, [s for per in spaces.values() for s in per], vocabularies)

    def ok(pid: str, candidate: Node) -> bool:
        return all(vs.satisfied(space, candidate, vocabularies) for space in spaces[pid])

    result: list[tuple[tuple[str, ...], tuple[str, ...], str]] = []
    ids = sorted(pid for pid in spaces if spaces[pid])
    for i, first in enumerate(ids):
        for second in ids[i + 1:]:
            if first not in flagged and second not in flagged:
                continue
            if any(ok(first, c) and ok(second, c) for c in pool):
                continue
            if not (ok(first, value) or ok(second, value)):
                continue  # the value suits neither side: a data problem, not a conflict
            if not any(ok(first, c) for c in pool) or not any(ok(second, c) for c in pool):
                continue  # one side alone is unsatisfiable here: a data problem, not a conflict
            rules = tuple(sorted(r.id for pid in (first, second) for r in rule_sets[pid]))
            reason = (f"no value satisfies both {first} ({_spaces_text(rule_sets[first], resolved[first])}) "
                      f"and {second} ({_spaces_text(rule_sets[second], resolved[second])})")
            result.append(((first, second), rules, reason))
    return result


def _spaces_text(rules: list[Rule], profile: ResolvedProfile) -> str:
    texts = []
    for rule in rules:
        alternatives = profile.value_spaces(rule.iri)
        texts.append(f"{rule.id}: " + " | ".join(a.describe() for a in alternatives))
    return "; ".join(texts)


def _value_node(graph: Graph, focus: str, path: str, value_text: str) -> Node | None:
    subject: Node = URIRef(focus) if not focus.startswith("_:") else BNode(focus[2:])
    for obj in graph.objects(subject, URIRef(path)):
        if str(obj) == value_text:
            return obj
    if value_text.startswith(("http://", "https://", "urn:")):
        return URIRef(value_text)
    return Literal(value_text)


def _dedupe(conflicts: list[Conflict]) -> list[Conflict]:
    """One conflict per (file, graph, focus, path, value), naming every profile involved."""
    grouped: dict[tuple[str, str | None, str, str, str | None], list[Conflict]] = defaultdict(list)
    for conflict in conflicts:
        grouped[(conflict.file, conflict.graph, conflict.focus, conflict.path, conflict.value)].append(conflict)
    merged = []
    for key in sorted(grouped, key=str):
        group = grouped[key]
        names = tuple(sorted({p for c in group for p in c.profiles}))
        rules = tuple(sorted({r for c in group for r in c.rules}))
        explanation = "; ".join(dict.fromkeys(c.explanation for c in group))
        merged.append(Conflict(*key[:4], key[4], names, rules, explanation))
    return merged
