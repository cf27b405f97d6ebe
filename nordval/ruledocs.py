"""Rule documentation: what a rule checks, why it matters for reuse, a failing and a passing example.

The examples are derived from the rule's own SHACL (class, path, cardinality, node kind,
datatype, pattern, code list), so they cannot drift from what is checked; a test runs every
documented example through the validator (the failing one must fail the rule, the passing one
must not).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from . import codelists
from .curies import PREFIXES, curie
from .profiles import ResolvedProfile, Rule
from .profiles import valuespace as vs

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
LEXICAL = {
    "date": "2024-05-01", "dateTime": "2024-05-01T12:00:00", "gYear": "2024", "gYearMonth": "2024-05",
    "nonNegativeInteger": "1024", "integer": "42", "decimal": "1.5", "double": "1.5E0", "duration": "P1D",
    "hexBinary": "ab12cd34", "boolean": "true", "anyURI": "https://example.org/page", "string": "text",
    "positiveInteger": "7",
}
WHY = {
    "": "Harvesters and portals expect this property at this requirement level; without it the record is "
        "rejected or shown incomplete in the catalogues that reuse it.",
    "max": "Consumers read a single value here; several values make the record ambiguous when it is merged "
           "into another catalogue.",
    "kind": "A literal where a resource is expected (or the reverse) cannot be linked or looked up by the "
            "systems that harvest the record.",
    "range": "A value typed as another class is interpreted wrongly by the consumers that follow the link.",
    "datatype": "Other catalogues sort, filter and compare these values; an untyped or wrongly typed literal "
                "is dropped or misread.",
    "lang": "Multilingual portals pick the text in the reader's language by its tag; untagged text cannot be "
            "placed and is often hidden.",
    "vocab": "Shared code lists are what make records comparable across borders; a code from outside the list "
             "is not understood by portals in other countries.",
    "pattern": "The value must have the IRI form the profile prescribes so that other systems recognise it.",
}


@dataclass(frozen=True)
class RuleDoc:
    rule: Rule
    summary: str
    why: str
    fix: str
    failing: str | None
    passing: str | None


def _turtle_term(iri: str) -> str:
    return curie(iri)


def _prefix_block() -> str:
    return "\n".join(f"@prefix {p}: <{ns}> ." for p, ns in sorted(PREFIXES.items())) + "\n"


def _sample(pattern: str) -> str:
    """One string a (simple) regular expression matches: first alternatives, optional parts left out."""
    out: list[str] = []
    i = 0

    def atom_end(j: int) -> int:
        if pattern[j] == "\\":
            return j + 2
        if pattern[j] == "[":
            return pattern.index("]", j + 2) + 1 if "]" in pattern[j + 2:] else len(pattern)
        if pattern[j] == "(":
            depth = 0
            for k in range(j, len(pattern)):
                depth += {"(": 1, ")": -1}.get(pattern[k], 0) if pattern[k - 1:k] != "\\" else 0
                if depth == 0:
                    return k + 1
        return j + 1

    while i < len(pattern):
        char = pattern[i]
        if char in "^$":
            i += 1
            continue
        if char == "|":
            break  # the first alternative is enough
        end = atom_end(i)
        quantifier = pattern[end:end + 1]
        atom = pattern[i:end]
        i = end + (1 if quantifier in ("?", "*", "+") else 0)
        repeat = 1
        if quantifier == "{":
            close = pattern.index("}", end)
            repeat = int(pattern[end + 1:close].split(",")[0] or 0)
            i = close + 1
        if quantifier in ("?", "*") or repeat == 0:
            continue
        before = len(out)
        if atom.startswith("("):
            inner = atom[1:-1]
            out.append(_sample(inner[2:] if inner.startswith("?:") else inner))
        elif atom.startswith("["):
            body = atom[1:-1]
            out.append("a" if body.startswith("^") or not body else body.lstrip("\\")[0])
        elif atom.startswith("\\"):
            out.append({"d": "1", "w": "a", "s": " ", "S": "a", "D": "a", "W": "-"}.get(atom[1], atom[1]))
        elif atom == ".":
            out.append("a")
        else:
            out.append(atom)
        out.extend(out[before:] * (repeat - 1))
    return "".join(out)


def _pattern_samples(pattern: str) -> list[str]:
    """Strings a pattern accepts: its literal prefixes with common tails, and a generated sample."""
    tails = ("info@example.org", "text/csv", "example", "")
    samples = [prefix + tail for prefix in vs.literal_prefixes(pattern) for tail in tails]
    try:
        generated = _sample(pattern)
        samples.extend(generated + tail for tail in ("", "NOR", "example"))
    except (ValueError, IndexError):
        pass
    return [s for s in samples if s and re.search(pattern, s)]


def _good_candidates(profile: ResolvedProfile, rule: Rule,
                     vocabularies: dict[str, codelists.Vocabulary]) -> list[Node]:
    graph = profile.shapes
    shape = URIRef(rule.iri)
    found: list[Node] = []
    for alternative in profile.value_spaces(rule.iri):
        for scheme in sorted(alternative.schemes):
            vocab = vocabularies.get(scheme)
            found.extend(URIRef(c.iri) for c in (vocab.concepts if vocab else ()) if not c.deprecated)
        found.extend(URIRef(v) if v.startswith(("http", "urn:")) else Literal(v)
                     for v in sorted(alternative.values or ()))
        for pattern in alternative.patterns:
            for sample in _pattern_samples(pattern):
                found.extend([URIRef(sample), Literal(sample)] if ":" in sample else [Literal(sample)])
        found.extend(Literal("text", lang="en") if d == RDF_NS + "langString"
                     else Literal(_lexical(d), datatype=URIRef(d)) for d in sorted(alternative.datatypes))
    has_value = graph.value(shape, SH.hasValue)
    if has_value is not None:
        found.append(has_value)
    found.extend([Literal("text", lang="en"), URIRef("https://example.org/value"), Literal("text")])
    return found


def _lexical(datatype: str) -> str:
    return LEXICAL.get(datatype.rsplit("#", 1)[-1], "text")


BAD_CANDIDATES: tuple[Node, ...] = (
    URIRef("https://example.org/not-in-the-list"), URIRef("urn:example:not-in-the-list"),
    Literal("not in the list"), Literal("not in the list", lang="en"),
    Literal("not a valid value", datatype=URIRef(XSD + "string")),
)


def _good_value(profile: ResolvedProfile, rule: Rule, vocabularies: dict[str, codelists.Vocabulary]) -> str:
    """A Turtle value satisfying the rule's value constraints (checked, not guessed)."""
    graph = profile.shapes
    spaces = profile.value_spaces(rule.iri)
    for candidate in _good_candidates(profile, rule, vocabularies):
        if not spaces or vs.satisfied(spaces, candidate, vocabularies):
            return _n3(candidate)
    classes = [str(c) for c in graph.objects(URIRef(rule.iri), SH["class"])]
    if classes:
        return f"<https://example.org/value> . <https://example.org/value> a <{classes[0]}>"
    return "<https://example.org/value>"


def _n3(node: Node) -> str:
    if isinstance(node, URIRef):
        return _turtle_term(str(node))
    if isinstance(node, Literal) and node.datatype is not None:
        return f'"{node}"^^{curie(str(node.datatype))}'
    return node.n3()


def _term_text(text: str) -> str:
    return _turtle_term(text) if text.startswith(("http://", "https://", "urn:")) else f'"{text}"'


def _literal(datatype: str) -> str:
    if datatype == RDF_NS + "langString":
        return '"text"@en'
    local = datatype.rsplit("#", 1)[-1]
    return f'"{LEXICAL.get(local, "text")}"^^<{datatype}>'


def _bad_value(profile: ResolvedProfile, rule: Rule, vocabularies: dict[str, codelists.Vocabulary]) -> str | None:
    graph = profile.shapes
    shape = URIRef(rule.iri)
    kind = str(graph.value(shape, SH.nodeKind) or "").rsplit("#", 1)[-1]
    if kind in ("IRI", "BlankNodeOrIRI", "BlankNode"):
        return '"a literal"'
    if kind == "Literal":
        return "<https://example.org/a-resource>"
    if rule.id.endswith(".lang"):
        return '"text without a language tag"'
    spaces = profile.value_spaces(rule.iri)
    if spaces:
        near_misses = [URIRef(scheme.rstrip("/#") + "/NOT-A-CODE")
                       for space in spaces for scheme in sorted(space.schemes)]
        for candidate in (*near_misses, *BAD_CANDIDATES):
            if not vs.satisfied(spaces, candidate, vocabularies):
                return _n3(candidate)
        return None
    if graph.value(shape, SH.hasValue) is not None:
        return "<https://example.org/another-value>"
    if rule.id.endswith(".range"):
        return "<https://example.org/value> . <https://example.org/value> a <https://example.org/OtherClass>"
    return None


def examples(profile: ResolvedProfile, rule: Rule, key: str) -> tuple[str | None, str | None]:
    """(failing, passing) Turtle for one rule; None where no example can be derived."""
    if not rule.classes or rule.path is None or not rule.reportable:
        return None, None
    graph = profile.shapes
    shape = URIRef(rule.iri)
    if graph.value(shape, SH.path) is None or _scoped(graph, shape):
        return None, None  # scoped rules (e.g. HVD-only) need a whole in-scope record, not a snippet
    vocabularies = codelists.by_scheme(profile.vocabularies)
    focus = f"<https://example.org/{key}>"
    head = f"{focus} a {curie(rule.classes[0])}"
    path = _turtle_term(rule.path)
    good = _good_value(profile, rule, vocabularies)
    low, high = graph.value(shape, SH.minCount), graph.value(shape, SH.maxCount)
    if isinstance(low, Literal) and int(low) > 0:
        return f"{head} .", f"{head} ; {path} {good} ."
    if isinstance(high, Literal) and int(high) == 0:  # the property is not allowed at all
        return f"{head} ; {path} {good} .", f"{head} ."
    if isinstance(high, Literal):
        count = int(high) + 1
        if good.startswith("<") and " " not in good:
            values = ", ".join(good[:-1] + (f"-{n}>" if n else ">") for n in range(count))
        elif good.startswith('"') and "^^" not in good:
            values = ", ".join(f'"value {n}"@en' for n in range(count))
        else:
            values = ", ".join(_distinct_literal(good, n) for n in range(count))
        return f"{head} ; {path} {values} .", f"{head} ; {path} {good} ."
    bad = _bad_value(profile, rule, vocabularies)
    if bad is None or _uses_logic_only(graph, shape):
        return None, None
    return f"{head} ; {path} {bad} .", f"{head} ; {path} {good} ."


def _distinct_literal(good: str, n: int) -> str:
    lexical, _, datatype = good.partition("^^")
    return f'"{lexical.strip(chr(34))}{n}"^^{datatype}' if datatype else good


def _scoped(graph: Graph, shape: Node) -> bool:
    owners = list(graph.subjects(SH.property, shape))
    return any(graph.value(o, p) is not None for o in owners for p in (SH["or"], SH["not"], SH["and"], SH.xone))


def _uses_logic_only(graph: Graph, shape: Node) -> bool:
    return graph.value(shape, SH["not"]) is not None or graph.value(shape, SH.qualifiedValueShape) is not None


def document(profile: ResolvedProfile, rule: Rule, languages: tuple[str, ...] = ("en",)) -> RuleDoc:
    key = re.sub(r"[^A-Za-z0-9]+", "-", rule.id).strip("-")
    failing, passing = examples(profile, rule, key)
    suffix = rule.id.rsplit(".", 1)[-1] if rule.id.count(".") >= 2 else ""
    return RuleDoc(
        rule=rule,
        summary=rule.message(languages) or rule.name or rule.id,
        why=WHY.get(suffix, WHY[""]),
        fix=rule.fix(languages) or "",
        failing=_prefix_block() + failing if failing else None,
        passing=_prefix_block() + passing if passing else None,
    )


def own_rules(profile: ResolvedProfile) -> list[Rule]:
    """The reportable rules a profile's own layer defines (what its documentation page covers)."""
    return sorted((r for r in profile.rules.values() if r.layer == profile.id and r.reportable),
                  key=lambda r: r.id)


def markdown(profile: ResolvedProfile) -> str:
    """The documentation page of one profile layer (docs/rules/<profile>.md)."""
    leaf = profile.profile
    out = [f"# Rules of `{leaf.id}` — {leaf.label}", "",
           f"Generated by `scripts/build_rule_docs.py` from the shapes; do not edit by hand. "
           f"Specification: {leaf.spec or '-'}.", ""]
    if leaf.extends:
        out.extend([f"This layer extends `{leaf.extends}`; the rules of that layer apply too "
                    f"(see its page). Changes made to parent rules:", ""])
        out.extend(f"- deactivates `{r}`" for r in leaf.deactivate)
        out.extend(f"- replaces `{old}` by `{new}`" for old, new in leaf.replace)
        out.extend(f"- re-grades `{r}` to {s.label}" for r, s in leaf.severity)
        out.append("")
    for rule in own_rules(profile):
        doc = document(profile, rule)
        out.extend([f"## `{rule.id}`", "",
                    f"*{rule.severity.label}* · level {rule.level or '-'} · path `{rule.path or '-'}`", "",
                    f"**What it checks.** {doc.summary}", "", f"**Why it matters for reuse.** {doc.why}", ""])
        if doc.fix:
            out.extend([f"**Fix.** {doc.fix}", ""])
        if doc.failing and doc.passing:
            out.extend(["Failing example:", "", "```turtle", body(doc.failing), "```", "",
                        "Passing example:", "", "```turtle", body(doc.passing), "```", ""])
        if rule.see:
            out.extend([f"Specification: <{rule.see}>", ""])
    return "\n".join(out).rstrip() + "\n"


def body(example: str) -> str:
    """An example without the shared prefix block (the page states the prefixes once)."""
    return "\n".join(line for line in example.splitlines() if not line.startswith("@prefix"))
