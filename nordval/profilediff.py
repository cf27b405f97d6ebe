"""Static comparison of two profiles' rules: the table standards bodies keep by hand, generated.

Rules are matched by family (the rule id without its layer, e.g. ``Dataset.theme``), so a
national rule that replaces an EU one is compared with it. For each family present in both,
whether the class may be used at all, the requirement level, severity, cardinality, node kind,
class and value space are compared.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.term import Node

from .gaps import family_key
from .profiles import ResolvedProfile, Rule

ASPECTS = ("use", "level", "severity", "cardinality", "node kind", "class", "value space")


@dataclass(frozen=True)
class RuleFacts:
    rule: Rule
    facts: dict[str, str]


@dataclass(frozen=True)
class Difference:
    family: str
    aspect: str
    left: str
    right: str
    left_rule: str
    right_rule: str


@dataclass(frozen=True)
class ProfileDiff:
    left: str
    right: str
    only_left: tuple[RuleFacts, ...]
    only_right: tuple[RuleFacts, ...]
    differences: tuple[Difference, ...]


def _classes(graph: Graph, shape: Node) -> list[str]:
    found = [str(c) for c in graph.objects(shape, SH["class"])]
    for or_list in graph.objects(shape, SH["or"]):
        for member in Collection(graph, or_list):
            found.extend(str(c) for c in graph.objects(member, SH["class"]))
    return sorted(set(found))


def facts(profile: ResolvedProfile, rule: Rule) -> dict[str, str]:
    graph = profile.shapes
    shape = URIRef(rule.iri)
    result = {"level": rule.level or "-", "severity": rule.severity.label}
    if rule.path is None and graph.value(shape, SH.path) is None:
        # A class-level rule: a profile that forbids the class (DCAT-AP-SE's catalogue records)
        # says so with sh:not on the class's own shape.
        result["use"] = "not allowed" if graph.value(shape, SH["not"]) is not None else "allowed"
    low, high = graph.value(shape, SH.minCount), graph.value(shape, SH.maxCount)
    if low is not None or high is not None:
        result["cardinality"] = f"{low if low is not None else 0}..{high if high is not None else 'n'}"
    kind = graph.value(shape, SH.nodeKind)
    if kind is not None:
        result["node kind"] = str(kind).rsplit("#", 1)[-1]
    classes = _classes(graph, shape)
    if classes:
        result["class"] = " | ".join(classes)
    spaces = profile.value_spaces(rule.iri)
    described = " | ".join(s.describe() for s in spaces if s.datatypes or s.patterns or s.values or s.schemes)
    if described:
        result["value space"] = described
    return result


def _index(profile: ResolvedProfile) -> dict[str, RuleFacts]:
    """One rule per family: the one from the layer nearest the leaf (national over EU)."""
    order = {layer.id: n for n, layer in enumerate(profile.chain)}
    index: dict[str, RuleFacts] = {}
    rules = [r for r in profile.active_rules() if r.reportable]
    for rule in sorted(rules, key=lambda r: (-order.get(r.layer, 0), r.id)):
        index.setdefault(family_key(rule.id), RuleFacts(rule, facts(profile, rule)))
    return index


def diff(left: ResolvedProfile, right: ResolvedProfile) -> ProfileDiff:
    a, b = _index(left), _index(right)
    differences = []
    for family in sorted(set(a) & set(b)):
        fa, fb = a[family], b[family]
        for aspect in ASPECTS:
            va, vb = fa.facts.get(aspect, "-"), fb.facts.get(aspect, "-")
            if va != vb:
                differences.append(Difference(family, aspect, va, vb, fa.rule.id, fb.rule.id))
    return ProfileDiff(
        left.id, right.id,
        tuple(a[k] for k in sorted(set(a) - set(b))),
        tuple(b[k] for k in sorted(set(b) - set(a))),
        tuple(differences),
    )
