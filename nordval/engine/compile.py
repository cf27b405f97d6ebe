"""A profile's shapes graph compiled into plans the engine evaluates, once per profile.

Which nodes are shapes, their paths, severities, targets and deactivation are taken from
pyshacl's own harvest of the same graph (``ShapesGraph``), and every constraint component is
instantiated once the way pyshacl would: a shape pyshacl refuses to load, or a construct the
engine does not evaluate, makes the targeted shape that reaches it run on pyshacl ("fallback"),
with the reason recorded for ``nordval profiles show``. Everything else is compiled into
``constraints`` objects.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from pyshacl.constraints import CONSTRAINT_PARAMETERS_MAP
from pyshacl.errors import ConstraintLoadWarning
from pyshacl.shape import Shape
from pyshacl.shapes_graph import ShapesGraph
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from . import constraints as c
from .paths import Path, Unsupported, compile_path
from .terms import Term, Unconvertible, from_rdflib

_LOG = logging.getLogger("nordval.engine")
_LOG.addHandler(logging.NullHandler())

SUPPORTED = {
    "ClassConstraintComponent", "DatatypeConstraintComponent", "NodeKindConstraintComponent",
    "MinCountConstraintComponent", "MaxCountConstraintComponent", "NotConstraintComponent",
    "AndConstraintComponent", "OrConstraintComponent", "XoneConstraintComponent",
    "MinLengthConstraintComponent", "MaxLengthConstraintComponent", "PatternConstraintComponent",
    "LanguageInConstraintComponent", "UniqueLangConstraintComponent", "NodeConstraintComponent",
    "PropertyConstraintComponent", "QualifiedValueShapeConstraintComponent",
    "ClosedConstraintComponent", "HasValueConstraintComponent", "InConstraintComponent",
}
# Components whose findings take their text from nordval's templates, never from the engine.
TEMPLATED = {
    SH.MinCountConstraintComponent, SH.MaxCountConstraintComponent, SH.ClassConstraintComponent,
    SH.DatatypeConstraintComponent, SH.NodeKindConstraintComponent, SH.InConstraintComponent,
    SH.HasValueConstraintComponent, SH.PatternConstraintComponent, SH.NodeConstraintComponent,
    SH.LanguageInConstraintComponent, SH.UniqueLangConstraintComponent, SH.ClosedConstraintComponent,
}
MAX_DEPTH = 12  # pyshacl stops at 15 nested evaluations; deeper trees run there


@dataclass(frozen=True)
class Targets:
    nodes: tuple[Term, ...] = ()
    classes: tuple[Term, ...] = ()
    subjects_of: tuple[Term, ...] = ()
    objects_of: tuple[Term, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.nodes or self.classes or self.subjects_of or self.objects_of)


@dataclass(eq=False)
class ShapePlan:
    """One shape as the engine evaluates it."""

    node: Node
    is_property: bool
    path_node: Node | None
    path: Path | None
    severity: Node
    deactivated: bool
    message: str | None
    targets: Targets
    constraints: list[c.Constraint] = field(default_factory=list)
    properties: tuple[Node, ...] = ()
    problems: list[str] = field(default_factory=list)

    @property
    def references(self) -> tuple[Node, ...]:
        return (*self.properties, *(s for k in self.constraints for s in k.shapes))


@dataclass
class Plan:
    """The compiled shapes of one profile: targeted shapes split into fast and fallback."""

    shapes: dict[Node, ShapePlan]
    fast: list[ShapePlan]
    fallback: dict[Node, tuple[str, Node]]  # targeted shape -> (why it runs on pyshacl, the shape at fault)
    broken: str | None = None  # pyshacl cannot load the shapes at all: everything runs there

    @property
    def targeted(self) -> int:
        return len(self.fast) + len(self.fallback)


def compile_shapes(graph: Graph, has_message: dict[str, bool] | None = None) -> Plan:
    """Compile every shape of ``graph``. ``has_message``: shape IRI -> whether nordval has a text for it."""
    try:
        harvested = ShapesGraph(graph, False, _LOG)
        shapes = {s.node: s for s in harvested.shapes}
        custom = bool(harvested.custom_constraints)
    except Exception as exc:  # pyshacl refuses the shapes graph: it reports that, not us
        return Plan({}, [], {}, broken=f"pyshacl cannot load the shapes: {exc}")
    plans = {node: _plan(graph, shape, shapes, custom) for node, shape in shapes.items()}
    fast: list[ShapePlan] = []
    fallback: dict[Node, tuple[str, Node]] = {}
    for plan in plans.values():
        if not plan.targets:
            continue
        reason = _blocker(plan, plans, has_message or {})
        if reason:
            fallback[plan.node] = reason
        else:
            fast.append(plan)
    return Plan(plans, fast, fallback)


def _plan(graph: Graph, shape: Shape, shapes: dict[Node, Shape], custom: bool) -> ShapePlan:
    node = shape.node
    messages = [m for m in shape.message if isinstance(m, Literal)]
    plan = ShapePlan(
        node=node, is_property=shape.is_property_shape, path_node=None, path=None,
        severity=shape.severity, deactivated=bool(shape.deactivated),
        message=str(messages[0]) if len(messages) == 1 else None, targets=Targets(),
    )
    try:
        plan.targets = _targets(shape, node)
    except Unconvertible as exc:
        plan.problems.append(f"a target the engine cannot represent ({exc})")
    if plan.is_property:
        plan.path_node = shape.path()
        try:
            plan.path = compile_path(graph, plan.path_node)
        except Unsupported as exc:
            plan.problems.append(str(exc))
    if custom and shape.find_custom_constraints():
        plan.problems.append("a custom constraint component (sh:ConstraintComponent)")
    seen: list[type] = []
    for predicate, _value in graph.predicate_objects(node):
        component = CONSTRAINT_PARAMETERS_MAP.get(predicate)
        if component is None or component in seen:
            continue
        seen.append(component)
        name = component.constraint_name()
        try:
            component(shape)
        except ConstraintLoadWarning:
            continue  # pyshacl skips the component; so do we
        except Exception as exc:
            plan.problems.append(f"pyshacl rejects its {name}: {getattr(exc, 'message', exc)}")
            continue
        if name not in SUPPORTED:
            plan.problems.append(f"{_parameters(component)} is not supported by the fast engine")
            continue
        try:
            _compile_component(graph, shape, name, plan, shapes)
        except (Unsupported, Unconvertible) as exc:
            plan.problems.append(str(exc))
    return plan


def _parameters(component: type) -> str:
    names = [f"sh:{str(p).rsplit('#', 1)[-1]}" for p in component.constraint_parameters()]  # type: ignore[attr-defined]
    return "/".join(names)


def _targets(shape: Shape, node: Node) -> Targets:
    nodes, classes, implicit, objects_of, subjects_of = shape.target()
    return Targets(
        nodes=tuple(from_rdflib(n) for n in nodes),
        classes=tuple(from_rdflib(k) for k in [*classes, *implicit]),
        subjects_of=tuple(from_rdflib(p) for p in subjects_of if isinstance(p, URIRef)),
        objects_of=tuple(from_rdflib(p) for p in objects_of if isinstance(p, URIRef)),
    )


def _one(graph: Graph, node: Node, predicate: URIRef) -> Node:
    return next(iter(graph.objects(node, predicate)))


def _shape_ref(target: Node, shapes: dict[Node, Shape], what: str, node_shape: bool | None = None) -> Node:
    """A referenced shape, checked the way pyshacl checks it when it evaluates the reference."""
    found = shapes.get(target)
    if found is None:
        raise Unsupported(f"{what} refers to {target}, which is not a shape")
    if node_shape is True and found.is_property_shape:
        raise Unsupported(f"{what} refers to property shape {target}")
    if node_shape is False and not found.is_property_shape:
        raise Unsupported(f"{what} refers to {target}, which is not a property shape")
    return target


def _compile_component(graph: Graph, shape: Shape, name: str, plan: ShapePlan, shapes: dict[Node, Shape]) -> None:
    node = shape.node
    out = plan.constraints
    if name == "MinCountConstraintComponent":
        out.append(c.MinCount(int(_one(graph, node, SH.minCount).value)))  # type: ignore[attr-defined]
    elif name == "MaxCountConstraintComponent":
        out.append(c.MaxCount(int(_one(graph, node, SH.maxCount).value)))  # type: ignore[attr-defined]
    elif name == "ClassConstraintComponent":
        out.append(c.ClassOf([from_rdflib(k) for k in graph.objects(node, SH["class"])]))
    elif name == "DatatypeConstraintComponent":
        out.append(c.Datatype(_one(graph, node, SH.datatype)))
    elif name == "NodeKindConstraintComponent":
        out.append(c.NodeKind(_one(graph, node, SH.nodeKind)))
    elif name == "InConstraintComponent":
        out.append(c.In([from_rdflib(m) for m in graph.items(_one(graph, node, SH["in"]))]))
    elif name == "HasValueConstraintComponent":
        out.append(c.HasValue(tuple(from_rdflib(v) for v in set(graph.objects(node, SH.hasValue)))))
    elif name == "PatternConstraintComponent":
        out.extend(c.Pattern(regex) for regex in _patterns(graph, node))
    elif name in ("MinLengthConstraintComponent", "MaxLengthConstraintComponent"):
        minimum = name.startswith("Min")
        limit = _one(graph, node, SH.minLength if minimum else SH.maxLength)
        out.append(c.Length(int(limit.value), minimum))  # type: ignore[attr-defined]
    elif name == "LanguageInConstraintComponent":
        tags = []
        for item in graph.items(_one(graph, node, SH.languageIn)):
            if not isinstance(item, Literal) or not isinstance(item.value, str):
                raise Unsupported("sh:languageIn with a member that is not a string")
            tags.append(str(item.value))
        out.append(c.LanguageIn(tags))
    elif name == "UniqueLangConstraintComponent":
        if bool(_one(graph, node, SH.uniqueLang).value):  # type: ignore[attr-defined]
            out.append(c.UniqueLang())
    elif name == "PropertyConstraintComponent":
        plan.properties = tuple(_shape_ref(p, shapes, "sh:property", node_shape=False)
                                for p in graph.objects(node, SH.property))
    elif name == "NodeConstraintComponent":
        out.extend(c.NodeOf(_shape_ref(t, shapes, "sh:node", node_shape=True))
                   for t in graph.objects(node, SH.node))
    elif name == "NotConstraintComponent":
        out.extend(c.Not(_shape_ref(t, shapes, "sh:not")) for t in graph.objects(node, SH["not"]))
    elif name in ("AndConstraintComponent", "OrConstraintComponent", "XoneConstraintComponent"):
        kind = name[: -len("ConstraintComponent")].lower()
        for members in graph.objects(node, SH[kind]):
            listed = list(graph.items(members))
            if not listed:
                raise Unsupported(f"sh:{kind} with an empty or malformed list")
            chosen = listed if kind == "xone" else list(dict.fromkeys(listed))
            out.append(c.Logical(kind, [_shape_ref(m, shapes, f"sh:{kind}") for m in chosen]))
    elif name == "QualifiedValueShapeConstraintComponent":
        out.extend(_qualified(graph, node, shapes))
    elif name == "ClosedConstraintComponent":
        if bool(_one(graph, node, SH.closed).value):  # type: ignore[attr-defined]
            allowed: list[Term] = []
            for ignored in graph.objects(node, SH.ignoredProperties):
                allowed.extend(from_rdflib(p) for p in graph.items(ignored))
            for prop in graph.objects(node, SH.property):
                path = next(iter(graph.objects(_shape_ref(prop, shapes, "sh:property", False), SH.path)), None)
                if isinstance(path, URIRef):
                    allowed.append(from_rdflib(path))
            out.append(c.Closed(allowed))
    else:  # pragma: no cover - SUPPORTED and this dispatch are kept in step
        raise Unsupported(f"{name} is not compiled")


def _patterns(graph: Graph, node: Node) -> Iterable[re.Pattern[str]]:
    flags_found = set(graph.objects(node, SH.flags))
    flags = 0
    if flags_found:
        text = str(next(iter(flags_found)).value).lower()  # type: ignore[attr-defined]
        flags |= re.I if "i" in text else 0
        flags |= re.M if "m" in text else 0
    for pattern in graph.objects(node, SH.pattern):
        assert isinstance(pattern, Literal)
        source = str(pattern.value) if pattern.value is not None and len(pattern.value) > 1 else str(pattern)
        yield re.compile(source, flags)


def _qualified(graph: Graph, node: Node, shapes: dict[Node, Shape]) -> Iterable[c.Constraint]:
    def count(predicate: URIRef) -> int | None:
        found = next(iter(set(graph.objects(node, predicate))), None)
        return None if found is None else int(found.value)  # type: ignore[attr-defined]

    minimum, maximum = count(SH.qualifiedMinCount), count(SH.qualifiedMaxCount)
    disjoint = any(isinstance(d, Literal) and d.value is True
                   for d in graph.objects(node, SH.qualifiedValueShapesDisjoint))
    for value_shape in set(graph.objects(node, SH.qualifiedValueShape)):
        siblings: list[Node] = []
        if disjoint:
            for parent in set(graph.subjects(SH.property, node)):
                for sibling_shape in set(graph.objects(parent, SH.property)):
                    for sibling in set(graph.objects(sibling_shape, SH.qualifiedValueShape)):
                        if sibling != value_shape and sibling in shapes and sibling not in siblings:
                            siblings.append(sibling)
        yield c.Qualified(_shape_ref(value_shape, shapes, "sh:qualifiedValueShape"), minimum, maximum,
                          tuple(siblings))


def _blocker(top: ShapePlan, plans: dict[Node, ShapePlan],
             has_message: dict[str, bool]) -> tuple[str, Node] | None:
    """Why a targeted shape cannot run on the fast engine, and the shape at fault (None: it can)."""
    reporting = True  # top and its sh:property descendants produce findings; nested shapes only verdicts
    stack: list[tuple[ShapePlan, tuple[Node, ...], bool]] = [(top, (), reporting)]
    while stack:
        plan, trail, reports = stack.pop()
        if plan.node in trail:
            return "recursive shapes", plan.node
        if len(trail) >= MAX_DEPTH:
            return f"shapes nested more than {MAX_DEPTH} deep", plan.node
        if plan.problems:
            return plan.problems[0], plan.node
        if reports and plan.message is None and not has_message.get(str(plan.node), False):
            untemplated = [k.component for k in plan.constraints if k.component not in TEMPLATED]
            if untemplated:
                return ("no single sh:message for a finding nordval has no template for "
                        f"({untemplated[0].rsplit('#', 1)[-1]})"), plan.node
        children = set(plan.properties)
        for ref in plan.references:
            child = plans.get(ref)
            if child is None:
                return f"refers to {ref}, which is not a shape", plan.node
            stack.append((child, (*trail, plan.node), reports and ref in children))
    return None
