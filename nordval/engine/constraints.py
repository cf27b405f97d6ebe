"""SHACL core constraint components, each evaluated over all focus nodes of a shape in one pass.

Every component answers ``violations(context, focus, values)``: the (focus, value) pairs that
break it, for the whole focus set. Checks of single values (kind, datatype, class, list
membership, pattern) are first made on the *distinct* values of the path, mostly as set
operations, and the (focus, value) pairs are walked only when some value is bad: a code list
used by 20 000 datasets is judged once, and a valid catalogue costs one pass per predicate.
Shape-based components (``sh:node``, ``sh:or`` ...) ask the context which value nodes conform;
it computes that per referenced shape for all of them together and remembers it.

The semantics are pyshacl's as nordval runs it (``allow_warnings``/``allow_infos``): e.g. a
pattern is matched with Python's ``re.search``, ``sh:languageIn`` also accepts a tag whose first
subtag is listed, and ``sh:node`` fails for a value with any result, even a warning.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from itertools import chain, repeat
from typing import Protocol

from rdflib import URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

from .data import Data
from .terms import Blank, Lit, Term, literal_verdict

NONE: tuple[Term, ...] = ()
Violation = tuple[Term, Term | None, URIRef, Node | None]
"""(focus node, value node or None, constraint component, result path if not the shape's)."""

MIN_COUNT, MAX_COUNT = SH.MinCountConstraintComponent, SH.MaxCountConstraintComponent
QUALIFIED_MIN, QUALIFIED_MAX = SH.QualifiedMinCountConstraintComponent, SH.QualifiedMaxCountConstraintComponent


class Values:
    """focus node -> value nodes, with the distinct values and their kinds computed once.

    For a plain predicate path the map is the shared predicate index (all subjects, not only the
    focus nodes), so ``distinct`` may hold values of other nodes: a check made on it is only a
    filter, the reported pairs always come from the focus nodes' own values. The sets returned
    are shared: callers never change them.
    """

    __slots__ = ("_distinct", "_groups", "_of", "_parts", "map")

    def __init__(self, mapping: Mapping[Term, Sequence[Term]], distinct: set[Term] | None = None) -> None:
        self.map = mapping
        self._distinct = distinct
        self._parts: tuple[set[Term], set[Term], set[Term]] | None = None
        self._groups: dict[tuple[str | None, bool], list[Lit]] | None = None
        self._of: dict[int, tuple[Collection[Term], set[Term]]] = {}

    @classmethod
    def itself(cls, focus: Iterable[Term]) -> Values:
        """A node shape's values: each focus node is its own (only) value."""
        nodes = set(focus)
        return cls({f: (f,) for f in nodes}, nodes)

    def distinct(self) -> set[Term]:
        if self._distinct is None:
            self._distinct = set(chain.from_iterable(self.map.values()))
        return self._distinct

    def parts(self) -> tuple[set[Term], set[Term], set[Term]]:
        """(IRIs, blank nodes, literals) among the distinct values."""
        if self._parts is None:
            everything = self.distinct()
            literals: set[Term] = {v for v in everything if v.__class__ is Lit}
            others = everything - literals if literals else everything
            blanks: set[Term] = {v for v in others if v.__class__ is Blank}
            self._parts = (others - blanks if blanks else others, blanks, literals)
        return self._parts

    def literal_groups(self) -> dict[tuple[str | None, bool], list[Lit]]:
        """The distinct literals by (datatype, has a language tag)."""
        if self._groups is None:
            groups: dict[tuple[str | None, bool], list[Lit]] = {}
            for literal in self.parts()[2]:
                key = (literal[1], bool(literal[2]))
                found = groups.get(key)
                if found is None:
                    groups[key] = [literal]  # type: ignore[list-item]
                else:
                    found.append(literal)  # type: ignore[arg-type]
            self._groups = groups
        return self._groups

    def of(self, focus: Collection[Term]) -> set[Term]:
        """The values of these focus nodes only (remembered per focus collection)."""
        cached = self._of.get(id(focus))
        if cached is not None and cached[0] is focus:
            return cached[1]
        if isinstance(focus, (set, frozenset)) and self.map.keys() <= focus:
            found = self.distinct()  # every node with values is asked for (a target class, mostly)
        else:
            found = set(chain.from_iterable(map(self.map.get, focus, repeat(NONE))))
        self._of[id(focus)] = (focus, found)
        return found


class Context(Protocol):
    data: Data

    def conforming(self, shape: Node, nodes: Collection[Term]) -> set[Term]: ...

    def reporting(self, shape: Node, nodes: Collection[Term]) -> set[Term]: ...

    def verdicts(self, constraint: Constraint) -> dict[Term, bool]:
        """A per-validation cache of ``constraint``'s verdict on single values."""
        ...


class Constraint:
    component: URIRef = SH.ConstraintComponent
    shapes: tuple[Node, ...] = ()  # shapes this constraint evaluates (for recursion checks)

    def violations(self, context: Context, focus: Collection[Term], values: Values) -> Iterator[Violation]:
        raise NotImplementedError


def _pairs(focus: Collection[Term], values: Values, bad: set[Term], component: URIRef) -> Iterator[Violation]:
    get = values.map.get
    for f in focus:
        for v in get(f, NONE):
            if v in bad:
                yield f, v, component, None


class _ValueCheck(Constraint):
    """A constraint judging each value node on its own."""

    def bad(self, context: Context, values: Values) -> set[Term]:
        """The distinct values that fail (by default one verdict per value, remembered)."""
        cache = context.verdicts(self)
        failed: set[Term] = set()
        for value in values.distinct():
            ok = cache.get(value)
            if ok is None:
                ok = cache[value] = self.accepts(value)
            if not ok:
                failed.add(value)
        return failed

    def accepts(self, value: Term) -> bool:
        raise NotImplementedError

    def violations(self, context: Context, focus: Collection[Term], values: Values) -> Iterator[Violation]:
        bad = self.bad(context, values)
        if bad:
            yield from _pairs(focus, values, bad, self.component)


@dataclass
class MinCount(Constraint):
    count: int
    component: URIRef = MIN_COUNT

    def violations(self, context: Context, focus: Collection[Term], values: Values) -> Iterator[Violation]:
        if self.count == 0:
            return
        get, count = values.map.get, self.count
        for f in focus:
            if len(get(f, NONE)) < count:
                yield f, None, MIN_COUNT, None


@dataclass
class MaxCount(Constraint):
    count: int
    component: URIRef = MAX_COUNT

    def violations(self, context: Context, focus: Collection[Term], values: Values) -> Iterator[Violation]:
        get, count = values.map.get, self.count
        for f in focus:
            if len(get(f, NONE)) > count:
                yield f, None, MAX_COUNT, None


class ClassOf(Constraint):
    """sh:class; each listed class is its own check (pyshacl reports once per class)."""

    component = SH.ClassConstraintComponent

    def __init__(self, classes: Sequence[Term]) -> None:
        self.classes = tuple(classes)

    def violations(self, context: Context, focus: Collection[Term], values: Values) -> Iterator[Violation]:
        for cls in self.classes:
            bad = values.distinct() - context.data.instances(cls)
            if bad:
                yield from _pairs(focus, values, bad, self.component)


_ACTUAL: dict[str, type | tuple[type, ...]] = {
    str(XSD.string): (str, bytes), str(RDF.langString): (str, bytes), str(XSD.integer): int,
    str(XSD.float): float, str(XSD.decimal): Decimal, str(XSD.boolean): bool, str(XSD.date): date,
    str(XSD.time): time, str(XSD.dateTime): datetime,
}


class Datatype(_ValueCheck):
    """sh:datatype with rdflib's reading of well-formedness (``ill_typed``) and value types."""

    component = SH.DatatypeConstraintComponent

    def __init__(self, datatype: Node) -> None:
        self.iri = str(datatype) if isinstance(datatype, URIRef) else None
        self.expected = _ACTUAL.get(self.iri or "")
        self.any_literal = datatype == RDFS.Literal
        self.any_typed = datatype == RDFS.Datatype
        self.plain = datatype == XSD.string
        self.tagged = datatype == RDF.langString

    def bad(self, context: Context, values: Values) -> set[Term]:
        iris, blanks, _literals = values.parts()
        failed = iris | blanks
        for (datatype, _tagged), literals in values.literal_groups().items():
            if datatype is not None and datatype == self.iri:  # well-formedness decides, per literal
                cache = context.verdicts(self)
                for literal in literals:
                    ok = cache.get(literal)
                    if ok is None:
                        ok = cache[literal] = self.accepts(literal)
                    if not ok:
                        failed.add(literal)
            elif not self.accepts(literals[0]):  # the datatype and tag alone decide
                failed.update(literals)
        return failed

    def accepts(self, value: Term) -> bool:
        if not isinstance(value, Lit):
            return False
        lexical, datatype, language = value
        if datatype is not None and datatype == self.iri:
            ill_typed, python_type = literal_verdict(lexical, datatype)
            if ill_typed is True:
                return False
            return self.expected is None or issubclass(python_type, self.expected)
        if self.any_literal:
            return True
        if self.any_typed and datatype:
            return True
        if datatype is None and language is None and self.plain:
            return True
        return bool(self.tagged and language)


_KINDS: dict[Node, tuple[bool, bool, bool]] = {  # (IRI, blank node, literal) allowed
    SH.IRI: (True, False, False), SH.BlankNode: (False, True, False), SH.Literal: (False, False, True),
    SH.BlankNodeOrIRI: (True, True, False), SH.BlankNodeOrLiteral: (False, True, True),
    SH.IRIOrLiteral: (True, False, True),
}


class NodeKind(_ValueCheck):
    component = SH.NodeKindConstraintComponent

    def __init__(self, kind: Node) -> None:
        self.allowed = _KINDS.get(kind, (False, False, False))

    def bad(self, context: Context, values: Values) -> set[Term]:
        failed: set[Term] = set()
        for allowed, part in zip(self.allowed, values.parts(), strict=True):
            if not allowed:
                failed |= part
        return failed


class In(_ValueCheck):
    component = SH.InConstraintComponent

    def __init__(self, members: Collection[Term]) -> None:
        self.members = frozenset(members)

    def bad(self, context: Context, values: Values) -> set[Term]:
        return values.distinct() - self.members


@dataclass
class HasValue(Constraint):
    required: tuple[Term, ...]
    component: URIRef = SH.HasValueConstraintComponent

    def violations(self, context: Context, focus: Collection[Term], values: Values) -> Iterator[Violation]:
        get = values.map.get
        for wanted in self.required:
            for f in focus:
                if wanted not in get(f, NONE):
                    yield f, None, self.component, None


def lexical(value: Term) -> str | None:
    """The string SHACL's string constraints see; None for a blank node (which always fails)."""
    if isinstance(value, Lit):
        return value[0]
    if type(value) is str:
        return value
    return None


class Pattern(_ValueCheck):
    """One sh:pattern (a shape with several gets one of these per pattern)."""

    component = SH.PatternConstraintComponent

    def __init__(self, regex: re.Pattern[str]) -> None:
        self.regex = regex

    def accepts(self, value: Term) -> bool:
        text = lexical(value)
        return text is not None and self.regex.search(text) is not None


class Length(_ValueCheck):
    def __init__(self, limit: int, minimum: bool) -> None:
        self.limit = limit
        self.minimum = minimum
        self.component = SH.MinLengthConstraintComponent if minimum else SH.MaxLengthConstraintComponent

    def accepts(self, value: Term) -> bool:
        if self.minimum and self.limit == 0:
            return True
        text = lexical(value)
        if text is None:
            return False
        return len(text) >= self.limit if self.minimum else len(text) <= self.limit


class LanguageIn(_ValueCheck):
    component = SH.LanguageInConstraintComponent

    def __init__(self, languages: Collection[str]) -> None:
        self.languages = frozenset(lang.lower() for lang in languages)

    def accepts(self, value: Term) -> bool:
        if not isinstance(value, Lit):
            return False
        tag = value[2]
        if not tag:
            return False
        return "*" in self.languages or tag in self.languages or tag.split("-")[0] in self.languages


@dataclass
class UniqueLang(Constraint):
    component: URIRef = SH.UniqueLangConstraintComponent

    def violations(self, context: Context, focus: Collection[Term], values: Values) -> Iterator[Violation]:
        get = values.map.get
        for f in focus:
            found = get(f, NONE)
            if len(found) < 2:
                continue
            seen: set[str] = set()
            duplicated: set[str] = set()
            for v in found:
                if isinstance(v, Lit) and v[2]:
                    (duplicated if v[2] in seen else seen).add(v[2])
            for _tag in duplicated:
                yield f, None, self.component, None


class _ShapeBased(Constraint):
    def failing(self, context: Context, nodes: set[Term]) -> set[Term]:
        raise NotImplementedError

    def violations(self, context: Context, focus: Collection[Term], values: Values) -> Iterator[Violation]:
        nodes = values.of(focus)
        if not nodes:
            return
        bad = self.failing(context, nodes)
        if bad:
            yield from _pairs(focus, values, bad, self.component)


class NodeOf(_ShapeBased):
    """sh:node with one shape (a shape with several gets one per shape, as pyshacl reports)."""

    component = SH.NodeConstraintComponent

    def __init__(self, shape: Node) -> None:
        self.shapes = (shape,)

    def failing(self, context: Context, nodes: set[Term]) -> set[Term]:
        return context.reporting(self.shapes[0], nodes)


class Not(_ShapeBased):
    component = SH.NotConstraintComponent

    def __init__(self, shape: Node) -> None:
        self.shapes = (shape,)

    def failing(self, context: Context, nodes: set[Term]) -> set[Term]:
        return context.conforming(self.shapes[0], nodes)


class Logical(_ShapeBased):
    """One list of sh:and / sh:or / sh:xone (pyshacl evaluates each list of a shape separately)."""

    def __init__(self, kind: str, members: Sequence[Node]) -> None:
        self.kind = kind
        self.shapes = tuple(members)
        self.component = {"and": SH.AndConstraintComponent, "or": SH.OrConstraintComponent,
                          "xone": SH.XoneConstraintComponent}[kind]

    def failing(self, context: Context, nodes: set[Term]) -> set[Term]:
        if self.kind == "or":
            remaining = set(nodes)
            for member in self.shapes:
                if not remaining:
                    break
                remaining -= context.conforming(member, remaining)
            return remaining
        if self.kind == "and":
            bad: set[Term] = set()
            for member in self.shapes:
                bad |= nodes - context.conforming(member, nodes)
            return bad
        counts = dict.fromkeys(nodes, 0)
        for member in self.shapes:  # duplicates in the list count twice, as in pyshacl
            for node in context.conforming(member, nodes):
                counts[node] += 1
        return {node for node, count in counts.items() if count != 1}


@dataclass
class Qualified(Constraint):
    """One sh:qualifiedValueShape with its counts; siblings only when the shapes are disjoint."""

    shape: Node
    minimum: int | None
    maximum: int | None
    siblings: tuple[Node, ...] = ()
    shapes: tuple[Node, ...] = field(init=False)

    def __post_init__(self) -> None:
        self.shapes = (self.shape, *self.siblings)

    def violations(self, context: Context, focus: Collection[Term], values: Values) -> Iterator[Violation]:
        nodes = values.of(focus)
        good = context.conforming(self.shape, nodes) if nodes else set()
        for sibling in self.siblings:
            if good:
                good -= context.conforming(sibling, good)
        get = values.map.get
        for f in focus:
            count = sum(1 for v in get(f, NONE) if v in good)
            if self.maximum is not None and count > self.maximum:
                yield f, None, QUALIFIED_MAX, None
            if self.minimum is not None and count < self.minimum:
                yield f, None, QUALIFIED_MIN, None


_TYPE_RESOURCE = (str(RDF.type), str(RDFS.Resource))


class Closed(Constraint):
    component = SH.ClosedConstraintComponent

    def __init__(self, allowed: Collection[Term]) -> None:
        self.allowed = frozenset(allowed)

    def violations(self, context: Context, focus: Collection[Term], values: Values) -> Iterator[Violation]:
        outgoing = context.data.outgoing(values.of(focus))
        get = values.map.get
        for f in focus:
            for v in get(f, NONE):
                for predicate, obj in outgoing[v]:
                    if (predicate, obj) == _TYPE_RESOURCE or predicate in self.allowed:
                        continue
                    yield f, obj, self.component, URIRef(predicate)
