"""Generate nordval's SHACL shapes files from the declarative shape tables.

A shape table (``scripts/shape-tables/<layer>.toml``) states the facts of a specification
(classes, properties, levels, cardinalities, ranges, code lists) and this script turns them
into one SHACL file per layer, ``nordval/shapes/<layer>/<layer>.ttl``, following the contract
in ``docs/shapes.md``: one concern per shape, every shape an IRI with message, fix, level and
specification link.  Keeping the facts in tables rather than hand-written Turtle means a
reviewer checks a row against the specification instead of reading SHACL, and the files stay
consistent (names, messages, severities) across layers.

A national layer writes its messages in its own languages with ``[translations."<rule>".<lang>]``
tables holding ``message`` and ``fix``; English stays the fallback written from the templates.

The Turtle is written directly (not via an RDF serialiser) so the output is byte-stable:
shapes are sorted by name and each shape lists its predicates in a fixed order.

Usage::

    python scripts/build_shapes.py [TABLE.toml ...]          # write the shapes files
    python scripts/build_shapes.py --check [TABLE.toml ...]  # exit 1 if a file is stale
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
TABLES_DIR = ROOT / "scripts" / "shape-tables"
SHAPES_DIR = ROOT / "nordval" / "shapes"

NV = "https://w3id.org/nordval/ns#"
SHAPES_NS = "https://w3id.org/nordval/shapes/"

# Prefixes every layer file declares; tables add their own.
BASE_PREFIXES = {
    "nv": NV,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "sh": "http://www.w3.org/ns/shacl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

LEVELS = ("mandatory", "recommended", "optional")
SEVERITIES = ("Violation", "Warning", "Info")
# DCAT-AP "Controlled vocabularies": MUST -> errors, AT LEAST ONE / RECOMMENDED -> warnings,
# MAY -> a hint only (docs/shapes.md maps it to Info).
GRADE_SEVERITY = {
    "MUST": "Violation",
    "AT LEAST ONE": "Warning",
    "RECOMMENDED": "Warning",
    "MAY": "Info",
}
TEMPORAL_DATATYPES = ("xsd:date", "xsd:dateTime", "xsd:gYear", "xsd:gYearMonth")
SIMPLE_RANGES = ("text", "literal", "temporal", "resource")

# Output order of predicates inside a shape block; anything else follows alphabetically.
PREDICATE_ORDER = (
    "a",
    "sh:name",
    "nv:level",
    "sh:severity",
    "sh:targetClass",
    "sh:targetObjectsOf",
    "sh:targetSubjectsOf",
    "sh:path",
    "nv:path",
)
TRAILING_PREDICATES = ("sh:property", "sh:message", "nv:fix", "nv:vocabulary", "rdfs:seeAlso")

# Keys of raw shapes whose string values are literals rather than IRIs / CURIEs
# (sh:languageIn takes a list of language-tag strings).
LITERAL_KEYS = {"pattern", "flags", "languageIn"}
# Keys of raw shapes whose list values are repeated objects rather than an RDF list.
MULTI_KEYS = {"property"}


class TableError(ValueError):
    """A shape table is inconsistent; the message names the offending entry."""


@dataclass
class Shape:
    """One named SHACL shape, ready to be written as a Turtle block."""

    name: str
    is_node: bool
    label: str
    level: str
    severity: str
    message: str
    fix: str
    see: str
    body: list[tuple[str, str]] = field(default_factory=list)

    def add(self, predicate: str, obj: str) -> None:
        self.body.append((predicate, obj))


def literal(text: str, lang: str | None = None) -> str:
    """Return *text* as a Turtle string literal (escaped, optionally language-tagged)."""
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    )
    return f'"{escaped}"' + (f"@{lang}" if lang else "")


def local_name(curie: str) -> str:
    """Local part of a CURIE, used as the default property part of a rule id."""
    return curie.split(":", 1)[1]


def anchor_of(label: str) -> str:
    """The DCAT-AP HTML anchor for a label: spaces removed, case kept ("access URL" -> "accessURL")."""
    return label.replace(" ", "")


def article(word: str) -> str:
    """Indefinite article for *word*, so templated messages read naturally."""
    return "an" if word[:1].lower() in "aeiou" else "a"


def join_or(items: list[str]) -> str:
    """English enumeration with a final "or"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]


class LayerBuilder:
    """Turns one parsed shape table into the shapes of one layer.

    Helper shapes that are only referenced from sh:or / sh:node / sh:qualifiedValueShape are
    always sh:Violation: pyshacl with allow_warnings=True counts a failing Warning-severity
    nested shape as conforming, which would disable the enclosing check.  What a user sees is
    the severity of the enclosing shape.
    """

    def __init__(self, table: dict[str, Any], source: Path) -> None:
        self.t = table
        self.source = source
        self.layer: str = self._req(table, "layer", "table")
        self.prefix: str = self._req(table, "prefix", "table")
        self.spec: str = self._req(table, "spec_name", "table")
        self.anchor_base: str = self._req(table, "anchor_base", "table")
        self.prefixes: dict[str, str] = {**BASE_PREFIXES, **table.get("prefixes", {})}
        self.prefixes[self.prefix] = f"{SHAPES_NS}{self.layer}#"
        self.vocabs: dict[str, dict[str, Any]] = table.get("vocabularies", {})
        self.patterns: dict[str, dict[str, Any]] = table.get("patterns", {})
        self.subclasses: dict[str, list[str]] = table.get("subclasses", {})
        self.range_labels: dict[str, str] = table.get("range_labels", {})
        self.class_anchors: dict[str, str] = {}
        self.shapes: dict[str, Shape] = {}

    # -- helpers -------------------------------------------------------------------------

    @staticmethod
    def _req(entry: dict[str, Any], key: str, where: str) -> Any:
        if key not in entry:
            raise TableError(f"{where}: missing key {key!r}")
        return entry[key]

    def ref(self, name: str) -> str:
        """CURIE of a shape of this layer."""
        return f"{self.prefix}:{name}"

    def term(self, value: str) -> str:
        """Check and return an IRI or CURIE term for the Turtle output."""
        if value.startswith("<") and value.endswith(">"):
            return value
        if value.startswith("@"):
            return self.ref(value[1:])
        prefix, sep, _ = value.partition(":")
        if not sep or prefix not in self.prefixes:
            raise TableError(f"{self.source.name}: unknown prefix in {value!r}")
        return value

    def see(self, fragment_or_iri: str) -> str:
        if fragment_or_iri.startswith("http"):
            return f"<{fragment_or_iri}>"
        return f"<{self.anchor_base}{fragment_or_iri}>"

    def add_shape(self, shape: Shape) -> Shape:
        if shape.name in self.shapes:
            raise TableError(f"{self.source.name}: duplicate shape/rule id {shape.name!r}")
        if shape.level not in LEVELS:
            raise TableError(f"{shape.name}: level must be one of {LEVELS}")
        if shape.severity not in SEVERITIES:
            raise TableError(f"{shape.name}: severity must be one of {SEVERITIES}")
        self.shapes[shape.name] = shape
        return shape

    def range_label(self, cls: str) -> str:
        return self.range_labels.get(cls, local_name(cls))

    # -- helper shapes (code lists, classes, datatypes, patterns) ---------------------------

    def vocab(self, key: str) -> dict[str, Any]:
        if key not in self.vocabs:
            raise TableError(f"{self.source.name}: unknown vocabulary {key!r}")
        return self.vocabs[key]

    def scheme_shape(self, key: str) -> str:
        """The ``InScheme.<key>`` node shape and its inner property shape (docs/shapes.md)."""
        name = f"InScheme.{key}"
        if name in self.shapes:
            return name
        v = self.vocab(key)
        scheme = v["scheme"]
        label = v["label"]
        see = self.t.get("vocab_anchor", "controlled-vocs")
        fix = f"Use the IRI of a concept from the {label} ({scheme}), e.g. <{v['example']}>."
        node = self.add_shape(
            Shape(name, True, label, "optional", "Violation",
                  f"The value is not a concept of the {label} ({scheme}).", fix, self.see(see))
        )
        node.add("sh:property", self.ref(f"{name}.scheme"))
        inner = self.add_shape(
            Shape(f"{name}.scheme", False, f"{label} membership", "optional", "Violation",
                  f"The value does not state skos:inScheme <{scheme}>.", fix, self.see(see))
        )
        inner.add("sh:path", "skos:inScheme")
        inner.add("sh:hasValue", f"<{scheme}>")
        return name

    def class_shape(self, cls: str) -> str:
        """A node shape ``IsA.<prefix>-<Local>`` used as an alternative in range ``sh:or`` lists."""
        name = "IsA." + cls.replace(":", "-")
        if name not in self.shapes:
            label = self.range_label(cls)
            anchor = self.class_anchors.get(cls)
            see = self.see(anchor) if anchor else f"<{self.expand(cls)}>"
            shape = self.add_shape(
                Shape(name, True, label, "optional", "Violation",
                      f"The value is not typed as {cls}.",
                      f"Type the value as {cls} (add: <value> a {cls}).", see)
            )
            shape.add("sh:class", self.term(cls))
        return name

    def in_any_scheme_shape(self) -> str:
        """A node shape ``InAnyScheme``: a concept of some code list (e.g. an EU NAL licence IRI).

        Code-list concepts are typed skos:Concept by the background knowledge; without this
        alternative an untyped NAL IRI would look "typed as something else" to a range check.
        """
        name = "InAnyScheme"
        if name not in self.shapes:
            see = self.see(self.t.get("vocab_anchor", ""))
            text = "The value is not a concept of a code list."
            shape = self.add_shape(Shape(name, True, "code-list concept", "optional", "Violation", text,
                                         "Use a concept IRI of a code list.", see))
            shape.add("sh:property", self.ref(name + ".scheme"))
            inner = self.add_shape(Shape(name + ".scheme", False, "scheme", "optional", "Violation", text,
                                         "Use a concept IRI of a code list.", see))
            inner.add("sh:path", "skos:inScheme")
            inner.add("sh:minCount", "1")
        return name

    def untyped_shape(self) -> str:
        """A node shape ``Untyped``: the data says nothing about the value's class."""
        name = "Untyped"
        if name not in self.shapes:
            see = self.see(self.t.get("vocab_anchor", ""))
            shape = self.add_shape(
                Shape(name, True, "untyped resource", "optional", "Violation",
                      "The value has an rdf:type.", "Leave the value untyped or type it as the range class.", see)
            )
            shape.add("sh:property", self.ref(name + ".type"))
            inner = self.add_shape(
                Shape(name + ".type", False, "type", "optional", "Violation",
                      "The value has an rdf:type.", "Leave the value untyped or type it as the range class.", see)
            )
            inner.add("sh:path", "rdf:type")
            inner.add("sh:maxCount", "0")
        return name

    def datatype_shape(self, datatype: str) -> str:
        """A node shape ``Datatype.<local>`` used as an alternative in datatype ``sh:or`` lists."""
        name = "Datatype." + local_name(datatype)
        if name not in self.shapes:
            shape = self.add_shape(
                Shape(name, True, datatype, "optional", "Violation",
                      f"The value is not an {datatype} literal.",
                      f"Write the value as an {datatype} literal.",
                      self.see(self.t.get("temporal_anchor", "TemporalLiteral")))
            )
            shape.add("sh:datatype", self.term(datatype))
        return name

    def pattern_shape(self, key: str) -> str:
        """A node shape ``Pattern.<key>`` (an IRI pattern accepted as a code-list alternative)."""
        name = f"Pattern.{key}"
        if name not in self.shapes:
            p = self.patterns[key]
            shape = self.add_shape(
                Shape(name, True, p["label"], "optional", "Violation",
                      f"The value is not {article(p['label'])} {p['label']} IRI.",
                      f"Use {article(p['label'])} {p['label']} IRI, e.g. <{p['example']}>.",
                      self.see(self.t.get("vocab_anchor", "controlled-vocs")))
            )
            shape.add("sh:pattern", literal(p["regex"]))
        return name

    def expand(self, curie: str) -> str:
        prefix, _, local = curie.partition(":")
        return self.prefixes[prefix] + local

    # -- class tables ----------------------------------------------------------------------

    def build_classes(self) -> None:
        classes = self.t.get("classes", [])
        for c in classes:
            self.class_anchors[c["class"]] = c.get("anchor", anchor_of(c["label"]))
        for c in classes:
            self.build_class(c)

    def build_class(self, c: dict[str, Any]) -> None:
        name = c["name"]
        label = c["label"]
        anchor = c.get("anchor", anchor_of(label))
        node = self.add_shape(
            Shape(name, True, label, c.get("level", "optional"), "Violation",
                  f"{label} does not conform to {self.spec}.",
                  f"Correct the {label.lower()} as its property findings describe.",
                  self.see(anchor))
        )
        for cls in [c["class"], *c.get("extra_target_classes", [])]:
            node.add("sh:targetClass", self.term(cls))
        for prop in c.get("targets_objects_of", []):
            node.add("sh:targetObjectsOf", self.term(prop))
        for p in c.get("properties", []):
            for shape in self.property_shapes(name, label, anchor, p):
                node.add("sh:property", self.ref(shape.name))

    def property_shapes(
        self, cname: str, clabel: str, canchor: str, p: dict[str, Any]
    ) -> list[Shape]:
        """All one-concern shapes for one property row of a class table."""
        path = self.term(self._req(p, "path", cname))
        plabel: str = self._req(p, "label", f"{cname}.{path}")
        rid = f"{cname}.{p.get('id', local_name(path))}"
        level: str = self._req(p, "level", rid)
        # a row may give its own link ("see"): full IRI or fragment, for specs with other anchor styles
        see = self.see(p["see"]) if "see" in p else self.see(f"{canchor}.{p.get('anchor', anchor_of(plabel))}")
        example = p.get("example")
        eg = f", e.g. {example}" if example else ""
        subject = f"{clabel} {plabel} ({path})"
        spec = self.spec
        out: list[Shape] = []

        def new(suffix: str, severity: str, message: str, fix: str) -> Shape:
            shape = self.add_shape(
                Shape(rid + suffix, False, plabel, level, severity, message, fix, see)
            )
            shape.add("sh:path", path)
            out.append(shape)
            return shape

        # What a value must look like, for messages and fixes.
        classes: list[str] = p.get("classes", [])
        datatype: str | None = p.get("datatype")
        rng: str | None = p.get("range")
        if sum(x is not None and x != [] for x in (classes, datatype, rng)) != 1:
            raise TableError(f"{rid}: give exactly one of range, classes, datatype")
        if rng is not None and rng not in SIMPLE_RANGES:
            raise TableError(f"{rid}: range must be one of {SIMPLE_RANGES}")
        vocab_keys: list[str] = p.get("vocab", [])
        grade: str | None = p.get("grade")
        if vocab_keys and grade not in GRADE_SEVERITY:
            raise TableError(f"{rid}: vocab needs grade in {tuple(GRADE_SEVERITY)}")
        vocab_names = [self.vocab(k)["label"] for k in vocab_keys]
        vocab_names += [self.patterns[k]["label"] for k in p.get("vocab_patterns", [])]
        vocab_text = join_or(vocab_names)
        pattern_key: str | None = p.get("pattern")

        if rng == "text":
            what = " with a language tag"
        elif rng == "temporal":
            what = " as a date (xsd:date, xsd:dateTime, xsd:gYear or xsd:gYearMonth)"
        elif datatype:
            what = f" typed {datatype}"
        elif vocab_keys and grade in ("MUST", "AT LEAST ONE"):
            what = f" from the {vocab_text}"
        elif pattern_key:
            pat_label = self.patterns[pattern_key]["label"]
            what = f" that is {article(pat_label)} {pat_label} IRI"
        elif classes:
            label0 = self.range_label(classes[0])
            what = f" that refers to {article(label0)} {label0}"
        else:
            what = ""

        max_count = p.get("max")
        # Presence (sh:minCount): mandatory -> Violation, recommended -> Warning.
        if level != "optional" and p.get("presence", True):
            qty = "one" if max_count == 1 else "at least one"
            if level == "mandatory":
                sev, why = "Violation", f"{spec} makes it mandatory"
            else:
                sev, why = "Warning", f"{spec} recommends it"
            s = new("", sev, f"{clabel} has no {plabel} ({path}); {why}.",
                    f"Add {qty} {path}{what}{eg}.")
            s.add("sh:minCount", str(p.get("min", 1)))

        if max_count is not None:
            n = "one" if max_count == 1 else str(max_count)
            s = new(".max", "Violation",
                    f"{clabel} has more than {n} {plabel} ({path}); {spec} allows at most {n}.",
                    f"Keep {'a single' if max_count == 1 else max_count} {path} "
                    f"value{'s' if max_count != 1 else ''} and remove the others.")
            s.add("sh:maxCount", str(max_count))

        # Node kind.
        if rng in ("text", "literal", "temporal") or datatype:
            s = new(".kind", "Violation",
                    f"{subject} is not a literal; {spec} expects a literal value here.",
                    f"Replace the IRI or blank node with a literal{eg}.")
            s.add("sh:nodeKind", "sh:Literal")
        elif p.get("kind") == "IRI" or (vocab_keys and grade == "MUST") or pattern_key:
            if vocab_keys:
                target = f"a code from the {vocab_text}"
                replacement = f"the IRI of {target}"
            elif pattern_key:
                pl = self.patterns[pattern_key]["label"]
                target = replacement = f"{article(pl)} {pl} IRI"
            else:
                target = replacement = "an IRI"
            s = new(".kind", "Violation",
                    f"{subject} is not an IRI; {spec} expects {target} here.",
                    f"Replace the value with {replacement}{eg}.")
            s.add("sh:nodeKind", "sh:IRI")
        elif classes:
            what_res = self.range_label(classes[0])
            s = new(".kind", "Violation",
                    f"{subject} is a literal; {spec} expects a resource ({what_res}) here.",
                    f"Replace the literal with the IRI of the {what_res.lower()} "
                    f"(or a blank node describing it){eg}.")
            s.add("sh:nodeKind", "sh:BlankNodeOrIRI")
        else:
            s = new(".kind", "Violation",
                    f"{subject} is a literal; {spec} expects an IRI here.",
                    f"Replace the literal with an IRI{eg}.")
            s.add("sh:nodeKind", "sh:BlankNodeOrIRI")

        # Range class(es): Warning, and only for values the data types as something else. An
        # untyped IRI is usually described elsewhere (we cannot know its class), and a code-list
        # concept is a skos:Concept by definition; flagging those would bury the real gaps.
        if classes:
            allowed: list[str] = []
            for cls in classes:
                for candidate in [cls, *self.subclasses.get(cls, [])]:
                    if candidate not in allowed:
                        allowed.append(candidate)
            main = self.range_label(classes[0])
            s = new(".range", "Warning",
                    f"{subject} is typed, but not as {main} ({join_or(allowed)}); "
                    f"{spec} expects {article(main)} {main} here.",
                    f"Describe the value as a {allowed[0]} (<value> a {allowed[0]}) "
                    f"or point to the right resource.")
            alternatives = [self.class_shape(x) for x in allowed]
            if vocab_keys:
                alternatives.append(self.class_shape("skos:Concept"))
            alternatives.append(self.in_any_scheme_shape())
            alternatives.append(self.untyped_shape())
            members = " ".join(self.ref(a) for a in alternatives)
            s.add("sh:or", f"( {members} )")

        # Datatypes.
        if rng == "temporal":
            s = new(".datatype", "Violation",
                    f"{subject} is not a date; {spec} expects xsd:date, xsd:dateTime, "
                    f"xsd:gYear or xsd:gYearMonth.",
                    'Type the value with a date datatype, e.g. "2024-05-01"^^xsd:date.')
            members = " ".join(self.ref(self.datatype_shape(d)) for d in TEMPORAL_DATATYPES)
            s.add("sh:or", f"( {members} )")
        elif datatype:
            s = new(".datatype", "Violation",
                    f"{subject} is not of datatype {datatype}; {spec} requires {datatype}.",
                    f"Write the value as an {datatype} literal{eg}.")
            s.add("sh:datatype", self.term(datatype))
        if rng == "text":
            s = new(".lang", "Violation",
                    f"{subject} has no language tag; {spec} requires one on free text.",
                    f"Add a language tag to the text{eg}.")
            s.add("sh:datatype", "rdf:langString")

        # Controlled vocabularies.
        if vocab_keys:
            assert grade is not None
            sev = GRADE_SEVERITY[grade]
            alternatives = [self.scheme_shape(k) for k in vocab_keys]
            alternatives += [self.pattern_shape(k) for k in p.get("vocab_patterns", [])]
            schemes = [self.vocab(k)["scheme"] for k in vocab_keys]
            if example and any(example.startswith(f"<{sc}") for sc in schemes):
                code_eg = example
            else:
                code_eg = f"<{self.vocab(vocab_keys[0])['example']}>"
            if grade == "AT LEAST ONE":
                s = new(".vocab", sev,
                        f"{clabel} has no {plabel} ({path}) from the {vocab_text}; "
                        f"{spec} requires at least one such value.",
                        f"Add a {path} value from the {vocab_text}, e.g. {code_eg}, "
                        f"alongside any other values.")
            else:
                tail = {
                    "MUST": f"{spec} requires codes from that list",
                    "RECOMMENDED": f"{spec} recommends codes from that list",
                    "MAY": f"{spec} suggests that list (other code lists are allowed)",
                }[grade]
                verb = {"MUST": "Use", "RECOMMENDED": "Prefer", "MAY": "Consider"}[grade]
                s = new(".vocab", sev,
                        f"{subject} is not a code from the {vocab_text}; {tail}.",
                        f"{verb} a concept IRI from the {vocab_text}, e.g. {code_eg}.")
            if len(alternatives) == 1 and grade == "AT LEAST ONE":
                s.add("sh:qualifiedValueShape", self.ref(alternatives[0]))
                s.add("sh:qualifiedMinCount", "1")
            elif len(alternatives) == 1:
                s.add("sh:node", self.ref(alternatives[0]))
            elif grade == "AT LEAST ONE":
                raise TableError(f"{rid}: AT LEAST ONE over several code lists is not supported")
            else:
                s.add("sh:or", "( " + " ".join(self.ref(a) for a in alternatives) + " )")
            for k in vocab_keys:
                s.add("nv:vocabulary", f"<{self.vocab(k)['scheme']}>")

        if pattern_key:
            pat = self.patterns[pattern_key]
            pgrade = p.get("pattern_grade", pat.get("grade", "MUST"))
            pat_eg = example if example and example.startswith("<") else f"<{pat['example']}>"
            s = new(".pattern", GRADE_SEVERITY[pgrade],
                    f"{subject} is not {article(pat['label'])} {pat['label']} IRI; "
                    f"{spec} requires {pat['label']}s.",
                    f"Use {article(pat['label'])} {pat['label']} IRI, e.g. {pat_eg}.")
            s.add("sh:pattern", literal(pat["regex"]))
        return out

    # -- raw shapes and conditional rules --------------------------------------------------

    def encode(self, key: str, value: Any) -> str:
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int):
            return str(value)
        if isinstance(value, list):
            return "( " + " ".join(self.encode(key, v) for v in value) + " )"
        if isinstance(value, str):
            return literal(value) if key in LITERAL_KEYS else self.term(value)
        raise TableError(f"{self.source.name}: cannot encode {key} = {value!r}")

    def encode_path(self, path: Any) -> str:
        """A SHACL property path: CURIE, list (sequence), {inverse=...} or {alternative=[...]}."""
        if isinstance(path, str):
            return self.term(path)
        if isinstance(path, list):
            return "( " + " ".join(self.encode_path(x) for x in path) + " )"
        if isinstance(path, dict) and "inverse" in path:
            return f"[ sh:inversePath {self.encode_path(path['inverse'])} ]"
        if isinstance(path, dict) and "alternative" in path:
            alts = " ".join(self.encode_path(x) for x in path["alternative"])
            return f"[ sh:alternativePath ( {alts} ) ]"
        raise TableError(f"{self.source.name}: cannot encode path {path!r}")

    def build_raw(self) -> None:
        for key in self.vocabs:  # a code list may be used only from raw shapes
            self.scheme_shape(key)
        for r in self.t.get("shapes", []):
            name = self._req(r, "name", "shape")
            is_node = self._req(r, "type", name) == "node"
            shape = self.add_shape(
                Shape(name, is_node, r["label"], r["level"], r.get("severity", "Violation"),
                      r["message"], r["fix"], self.see(r["see"]))
            )
            for cls in r.get("targets", []):
                shape.add("sh:targetClass", self.term(cls))
            if "vocabulary" in r:  # the code list whose nearest codes the engine suggests
                key = r["vocabulary"]
                scheme = self.vocab(key)["scheme"] if key in self.vocabs else (
                    key if key.startswith("http") else self.expand(key))
                shape.add("nv:vocabulary", f"<{scheme}>")
            if not is_node:
                shape.add("sh:path", self.encode_path(self._req(r, "path", name)))
            elif "path" in r:
                # A node shape checking one property through sh:or: SHACL reports no
                # sh:resultPath, so nv:path names the property the finding is about.
                shape.add("nv:path", self.term(r["path"]))
            for key, value in r.get("constraints", {}).items():
                values = value if key in MULTI_KEYS and isinstance(value, list) else [value]
                for v in values:
                    shape.add(f"sh:{key}", self.encode(key, v))
        for r in self.t.get("rules", []):
            # A rule applies to a resource only when it is in scope: sh:or(scope, requirement)
            # holds when the resource is outside the scope or meets the requirement.
            name = self._req(r, "name", "rule")
            shape = self.add_shape(
                Shape(name, True, r["label"], r["level"], r["severity"], r["message"],
                      r["fix"], self.see(r["see"]))
            )
            for cls in self._req(r, "targets", name):
                shape.add("sh:targetClass", self.term(cls))
            for prop in r.get("targets_objects_of", []):
                shape.add("sh:targetObjectsOf", self.term(prop))
            if "path" in r:
                # The sh:or result has no sh:resultPath; nv:path tells the engine which
                # property the finding is about.
                shape.add("nv:path", self.term(r["path"]))
            shape.add("sh:or", f"( {self.term(r['unless'])} {self.term(r['require'])} )")

    # -- output ----------------------------------------------------------------------------

    def build(self) -> str:
        self.build_classes()
        self.build_raw()
        self.check_references()
        self.check_translations()
        return self.render()

    def check_references(self) -> None:
        own = f"{self.prefix}:"
        pattern = re.compile(re.escape(own) + r"([A-Za-z0-9_.\-]*[A-Za-z0-9_\-])")
        for shape in self.shapes.values():
            for _, obj in shape.body:
                for name in pattern.findall(obj):
                    if name not in self.shapes:
                        raise TableError(f"{shape.name}: refers to undefined shape {name!r}")

    @property
    def translations(self) -> dict[str, dict[str, dict[str, str]]]:
        """``[translations."<rule>".<lang>] message/fix``: the layer's texts in its own languages."""
        table: dict[str, dict[str, dict[str, str]]] = self.t.get("translations", {})
        return table

    def check_translations(self) -> None:
        for name, by_lang in self.translations.items():
            if name not in self.shapes:
                raise TableError(f"{self.source.name}: translation for unknown rule {name!r}")
            for lang, texts in by_lang.items():
                if set(texts) != {"message", "fix"}:
                    raise TableError(f"{name}: translation {lang!r} needs exactly 'message' and 'fix'")

    def render(self) -> str:
        lines = [
            f"# {self.spec} shapes for nordval, layer {self.layer}.",
            f"# Generated by scripts/build_shapes.py from scripts/shape-tables/{self.source.name};"
            " do not edit by hand.",
        ]
        for line in self.t.get("description", "").strip().splitlines():
            lines.append(f"# {line}".rstrip())
        lines.append("")
        width = max(len(p) for p in self.prefixes)
        for prefix in sorted(self.prefixes):
            lines.append(f"@prefix {prefix + ':':<{width + 1}} <{self.prefixes[prefix]}> .")
        lines.append("")
        for name in sorted(self.shapes):
            lines.extend(self.render_shape(self.shapes[name]))
            lines.append("")
        return "\n".join(lines)

    def render_shape(self, s: Shape) -> list[str]:
        pairs: list[tuple[str, str]] = [
            ("a", "sh:NodeShape" if s.is_node else "sh:PropertyShape"),
            ("sh:name", literal(s.label)),
            ("nv:level", literal(s.level)),
            ("sh:severity", f"sh:{s.severity}"),
            *s.body,
            ("sh:message", literal(s.message, "en")),
            ("nv:fix", literal(s.fix, "en")),
            ("rdfs:seeAlso", s.see),
        ]
        for lang, texts in sorted(self.translations.get(s.name, {}).items()):
            pairs.append(("sh:message", literal(texts["message"], lang)))
            pairs.append(("nv:fix", literal(texts["fix"], lang)))
        grouped: dict[str, list[str]] = {}
        for pred, obj in pairs:
            grouped.setdefault(pred, [])
            if obj not in grouped[pred]:
                grouped[pred].append(obj)

        def order(pred: str) -> tuple[int, str]:
            if pred in PREDICATE_ORDER:
                return (0, f"{PREDICATE_ORDER.index(pred):02d}")
            if pred in TRAILING_PREDICATES:
                return (2, f"{TRAILING_PREDICATES.index(pred):02d}")
            return (1, pred)

        preds = sorted(grouped, key=order)
        out = [self.ref(s.name)]
        for i, pred in enumerate(preds):
            objs = grouped[pred]
            if pred in ("sh:property", "nv:vocabulary", "sh:targetClass"):
                objs = sorted(objs)
            end = " ." if i == len(preds) - 1 else " ;"
            if len(objs) == 1:
                out.append(f"    {pred} {objs[0]}{end}")
            else:
                out.append(f"    {pred}")
                for j, obj in enumerate(objs):
                    out.append(f"        {obj}{end if j == len(objs) - 1 else ' ,'}")
        return out


def build_table(path: Path) -> tuple[Path, str]:
    """Return the output path and the Turtle text for one shape table."""
    with path.open("rb") as fh:
        table = tomllib.load(fh)
    builder = LayerBuilder(table, path)
    text = builder.build()
    return SHAPES_DIR / builder.layer / f"{builder.layer}.ttl", text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tables", nargs="*", type=Path, help="shape tables (default: all)")
    parser.add_argument("--check", action="store_true",
                        help="do not write; exit 1 if a generated file differs from disk")
    args = parser.parse_args(argv)
    tables: list[Path] = args.tables or sorted(TABLES_DIR.glob("*.toml"))
    stale: list[Path] = []
    for table in tables:
        out, text = build_table(table)
        current = out.read_text(encoding="utf-8") if out.exists() else None
        if args.check:
            if current != text:
                stale.append(out)
        elif current != text:
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(text, encoding="utf-8")
            print(f"wrote {out.relative_to(ROOT)}")
    for out in stale:
        print(f"stale: {out.relative_to(ROOT)} (run scripts/build_shapes.py)", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
