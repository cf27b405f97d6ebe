"""Evaluation of compiled shapes over a store: results for targeted shapes, verdicts for nested ones.

A targeted shape is evaluated once for all its focus nodes: each constraint yields the violating
(focus, value) pairs of the whole set. Shapes reached through ``sh:node``/``sh:or``/``sh:not``/
``sh:qualifiedValueShape`` are never walked node by node: the engine computes, per shape, which
of a set of nodes conform (and which produce any result) and remembers the verdicts, so a code
list used by every dataset is checked once.

Conformance follows pyshacl with ``allow_warnings``/``allow_infos``, as nordval runs it: a shape
of severity Warning or Info always conforms, and a shape conforms despite results of its property
shapes when all those results are warnings or infos.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass

from rdflib import URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from .compile import Plan, ShapePlan
from .constraints import NONE, Constraint, Values
from .data import Data
from .paths import Step
from .paths import values as path_values
from .terms import Term

ALLOWED = frozenset({SH.Warning, SH.Info})
_Verdict = Callable[[Node, Collection[Term]], set[Term]]


@dataclass(frozen=True)
class RawResult:
    """One validation result in engine terms (converted to rdflib at the edge)."""

    focus: Term
    path: Node | None
    value: Term | None
    shape: Node
    component: URIRef
    severity: Node
    message: str | None


class Evaluator:
    """Evaluates one plan over one data set; verdicts are remembered for the evaluator's lifetime."""

    def __init__(self, plan: Plan, data: Data) -> None:
        self.plan = plan
        self.data = data
        self._direct: dict[Node, dict[Term, bool]] = {}
        self._reporting: dict[Node, dict[Term, bool]] = {}
        self._blocking: dict[Node, dict[Term, bool]] = {}
        self._conforming: dict[Node, dict[Term, bool]] = {}
        self._verdicts: dict[int, dict[Term, bool]] = {}
        self._shared: dict[tuple[str, bool], Values] = {}

    # --- the Context protocol of constraints -------------------------------------------------

    def verdicts(self, constraint: Constraint) -> dict[Term, bool]:
        return self._verdicts.setdefault(id(constraint), {})

    def conforming(self, shape: Node, nodes: Collection[Term]) -> set[Term]:
        """The nodes that conform to ``shape`` (the verdict sh:or, sh:not and sh:and use)."""
        plan = self.plan.shapes[shape]
        if plan.deactivated or plan.severity in ALLOWED:
            return set(nodes)
        memo = self._conforming.setdefault(shape, {})
        missing = [n for n in nodes if n not in memo]
        if missing:
            direct = self._direct_failures(plan, missing)
            candidates = [n for n in missing if n not in direct]
            rejected: set[Term] = set()
            if plan.properties and candidates:
                # the sh:property component fails when a property shape does not conform on some
                # value node, unless every result of the property shapes is a warning or an info
                unsure = self._children_hit(plan, candidates, self._nonconforming)
                if unsure:
                    rejected = self._children_hit(plan, unsure, self.blocking)
            for n in missing:
                memo[n] = n not in direct and n not in rejected
        return {n for n in nodes if memo[n]}

    def _nonconforming(self, shape: Node, nodes: Collection[Term]) -> set[Term]:
        return set(nodes) - self.conforming(shape, nodes)

    def reporting(self, shape: Node, nodes: Collection[Term]) -> set[Term]:
        """The nodes for which ``shape`` produces any result (what makes sh:node fail)."""
        return self._producing(shape, nodes, self._reporting, self.reporting, any_severity=True)

    def blocking(self, shape: Node, nodes: Collection[Term]) -> set[Term]:
        """The nodes for which ``shape`` produces a result of a severity other than warning/info."""
        return self._producing(shape, nodes, self._blocking, self.blocking, any_severity=False)

    def _producing(self, shape: Node, nodes: Collection[Term], memos: dict[Node, dict[Term, bool]],
                   verdict: _Verdict, any_severity: bool) -> set[Term]:
        """Nodes with a result of ``shape`` itself or, by ``verdict``, of one of its property shapes."""
        plan = self.plan.shapes[shape]
        if plan.deactivated:
            return set()
        memo = memos.setdefault(shape, {})
        missing = [n for n in nodes if n not in memo]
        if missing:
            own = any_severity or plan.severity not in ALLOWED
            direct = self._direct_failures(plan, missing) if own else set()
            rest = [n for n in missing if n not in direct]
            nested = self._children_hit(plan, rest, verdict) if plan.properties else set()
            for n in missing:
                memo[n] = n in direct or n in nested
        return {n for n in nodes if memo[n]}

    # --- evaluation ---------------------------------------------------------------------------

    def focus_nodes(self, plan: ShapePlan) -> set[Term]:
        targets = plan.targets
        found: set[Term] = set(targets.nodes)
        for cls in targets.classes:
            found.update(self.data.instances(cls))
        for predicate in targets.subjects_of:
            found.update(self.data.objects(predicate))  # type: ignore[arg-type]
        for predicate in targets.objects_of:
            found.update(self.data.subjects(predicate))  # type: ignore[arg-type]
        return found

    def value_nodes(self, plan: ShapePlan, focus: Iterable[Term]) -> Values:
        """focus -> value nodes: the shared predicate index for a plain path, the node itself for a node shape."""
        if not plan.is_property:
            return Values.itself(focus)
        path = plan.path
        if isinstance(path, Step):
            key = (path.predicate, path.inverse)
            shared = self._shared.get(key)
            if shared is None:
                shared = self._shared[key] = Values(path_values(self.data, path, ()))
            return shared
        assert path is not None
        return Values(path_values(self.data, path, focus))

    def results(self, plan: ShapePlan, focus: Collection[Term]) -> Iterator[RawResult]:
        """Every result of ``plan`` and its property shapes for the focus nodes (pyshacl's sh:result)."""
        if plan.deactivated or not focus:
            return
        values = self.value_nodes(plan, focus)
        for constraint in plan.constraints:
            for f, value, component, path in constraint.violations(self, focus, values):
                yield RawResult(f, path if path is not None else plan.path_node, value, plan.node,
                                component, plan.severity, plan.message)
        if plan.properties:
            nodes = focus if not plan.is_property else values.of(focus)
            for child in plan.properties:
                yield from self.results(self.plan.shapes[child], nodes)

    def _direct_failures(self, plan: ShapePlan, nodes: Sequence[Term]) -> set[Term]:
        """Nodes on which one of the shape's own constraints (not its property shapes) fails."""
        memo = self._direct.setdefault(plan.node, {})
        missing = [n for n in nodes if n not in memo]
        if missing:
            failed: set[Term] = set()
            if plan.constraints:
                values = self.value_nodes(plan, missing)
                for constraint in plan.constraints:
                    failed.update(f for f, *_rest in constraint.violations(self, missing, values))
            for n in missing:
                memo[n] = n in failed
        return {n for n in nodes if memo[n]}

    def _children_hit(self, plan: ShapePlan, nodes: Sequence[Term] | set[Term],
                      verdict: _Verdict) -> set[Term]:
        """Nodes for which ``verdict`` holds for some property shape on some of their value nodes."""
        if not nodes:
            return set()
        values = self.value_nodes(plan, nodes)
        reached = values.of(nodes)
        if not reached:
            return set()
        hit: set[Term] = set()
        get = values.map.get
        for child in plan.properties:
            bad = verdict(child, reached)
            if bad:
                hit.update(n for n in nodes if any(v in bad for v in get(n, NONE)))
        return hit
