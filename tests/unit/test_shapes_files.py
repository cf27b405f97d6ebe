"""The generated shapes files: up to date, well-formed SHACL, annotated, and behaving as specified.

These tests guard the contract in docs/shapes.md: every shape is an IRI carrying the annotations
the engine turns into findings, rule ids are unique, and a few representative rules fire with
the severity and id that users and profile manifests rely on.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDFS, SH
from rdflib.term import Node

ROOT = Path(__file__).resolve().parents[2]
SHAPES_DIR = ROOT / "nordval" / "shapes"
NV = Namespace("https://w3id.org/nordval/ns#")
TABLES = Path(__file__).resolve().parents[2] / "scripts" / "shape-tables"
LAYERS = tuple(sorted(p.stem for p in TABLES.glob("*.toml")))
SEVERITIES = {SH.Violation, SH.Warning, SH.Info}
LEVELS = {"mandatory", "recommended", "optional"}

PREFIXES = """
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix dcatap: <http://data.europa.eu/r5r/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
HVD_ELI = "<http://data.europa.eu/eli/reg_impl/2023/138/oj>"


def shapes_path(layer: str) -> Path:
    return SHAPES_DIR / layer / f"{layer}.ttl"


@cache
def shapes_graph(layer: str) -> Graph:
    """Every shapes file of the layer: the generated one and any hand-written companions."""
    graph = Graph()
    for path in sorted((SHAPES_DIR / layer).glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


def all_shapes(g: Graph) -> set[Node]:
    """Every node that acts as a shape: declared, or referenced by a shape-valued parameter."""
    found: set[Node] = set(g.subjects(RDF.type, SH.NodeShape))
    found |= set(g.subjects(RDF.type, SH.PropertyShape))
    for param in (SH.property, SH.node, SH.qualifiedValueShape, SH["not"]):
        found |= set(g.objects(None, param))
    for param in (SH["or"], SH["and"], SH.xone):
        for head in g.objects(None, param):
            found |= set(Collection(g, head))
    return found


def results(layer: str, data: str) -> list[tuple[str, URIRef]]:
    """(rule local name, severity) of the top-level results of validating *data*."""
    g = Graph().parse(data=PREFIXES + data, format="turtle")
    # allow_warnings=True as the engine may use it: nested helper shapes must still work.
    _, report, _ = validate(g, shacl_graph=shapes_graph(layer), allow_warnings=True)
    ns = f"https://w3id.org/nordval/shapes/{layer}#"
    out = []
    for res in report.objects(None, SH.result):
        source = str(report.value(res, SH.sourceShape))
        severity = report.value(res, SH.resultSeverity)
        assert isinstance(severity, URIRef)
        out.append((source.removeprefix(ns), severity))
    return out


def rule_ids(layer: str, data: str) -> set[str]:
    return {rule for rule, _ in results(layer, data)}


# -- (a) generated files are up to date -------------------------------------------------------


def test_generated_files_are_up_to_date() -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_shapes.py"), "--check"],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr


# -- (b) every shape is an annotated IRI -------------------------------------------------------


@pytest.mark.parametrize("layer", LAYERS)
def test_every_shape_is_an_annotated_iri(layer: str) -> None:
    g = shapes_graph(layer)
    ns = f"https://w3id.org/nordval/shapes/{layer}#"
    shapes = all_shapes(g)
    assert shapes
    for shape in shapes:
        assert isinstance(shape, URIRef) and str(shape).startswith(ns), shape
        messages = [m for m in g.objects(shape, SH.message) if isinstance(m, Literal)]
        assert any(m.language == "en" for m in messages), f"{shape}: no sh:message@en"
        fixes = [f for f in g.objects(shape, NV.fix) if isinstance(f, Literal)]
        assert any(f.language == "en" for f in fixes), f"{shape}: no nv:fix@en"
        see = g.value(shape, RDFS.seeAlso)
        assert isinstance(see, URIRef) and str(see).startswith("http"), shape
        assert g.value(shape, SH.severity) in SEVERITIES, shape
        assert str(g.value(shape, NV.level)) in LEVELS, shape
        assert g.value(shape, SH.name) is not None, shape


CONSTRAINT_PARAMETERS = {
    SH.minCount, SH.maxCount, SH.nodeKind, SH["class"], SH.datatype, SH.pattern, SH.node,
    SH["or"], SH["in"], SH.hasValue, SH.qualifiedValueShape, SH.property, SH["not"], SH.uniqueLang,
    SH.languageIn, SH["and"], SH.xone,
}


@pytest.mark.parametrize("layer", LAYERS)
def test_every_shape_constrains_something(layer: str) -> None:
    """A shape without a constraint parameter is a table or generator bug: it never fires."""
    g = shapes_graph(layer)
    negated = set(g.objects(None, SH["not"]))  # "anything" shapes used under sh:not may be empty
    for shape in all_shapes(g) - negated:
        assert {p for _, p, _ in g.triples((shape, None, None))} & CONSTRAINT_PARAMETERS, shape


@pytest.mark.parametrize("layer", LAYERS)
def test_suffix_matches_constraint(layer: str) -> None:
    """The rule-id suffix names the concern (docs/shapes.md); the constraint must match it."""
    g = shapes_graph(layer)
    expected = {
        ".max": SH.maxCount, ".kind": SH.nodeKind, ".lang": SH.datatype,
        ".pattern": SH.pattern,
    }
    for shape in all_shapes(g):
        for suffix, parameter in expected.items():
            if str(shape).endswith(suffix):
                assert g.value(shape, parameter) is not None, shape


@pytest.mark.parametrize("layer", LAYERS)
def test_vocab_shapes_name_their_scheme(layer: str) -> None:
    g = shapes_graph(layer)
    vocab_shapes = [s for s in all_shapes(g) if str(s).endswith(".vocab")]
    for shape in vocab_shapes:
        # a code list is named (for nearest-code suggestions) or spelled out as a closed sh:in list
        # named for nearest-code suggestions, or spelled out (sh:in) or combined (sh:node/sh:or) lists
        assert any(g.value(shape, p) is not None for p in (NV.vocabulary, SH["in"], SH.node, SH["or"])), shape


# -- (c) SHACL-SHACL ---------------------------------------------------------------------------


@pytest.mark.parametrize("layer", LAYERS)
def test_shapes_pass_shacl_shacl(layer: str) -> None:
    g = shapes_graph(layer)
    conforms, _, text = validate(g, shacl_graph=g, meta_shacl=True)
    assert conforms, text


# -- (d) rule ids are unique -------------------------------------------------------------------


def test_rule_ids_unique() -> None:
    """A name defined twice would silently merge two shapes in the graph, so check the text."""
    ids: Counter[str] = Counter()
    for layer in LAYERS:
        text = shapes_path(layer).read_text(encoding="utf-8")
        prefix = re.search(
            rf"@prefix (\w+):\s+<https://w3id\.org/nordval/shapes/{layer}#>", text
        )
        assert prefix
        for name in re.findall(rf"^{prefix.group(1)}:(\S+)$", text, flags=re.M):
            ids[f"{layer}:{name}"] += 1
    duplicates = [rule for rule, n in ids.items() if n > 1]
    assert not duplicates
    assert "dcat-ap-3:Dataset.title" in ids


# -- (e) behaviour ----------------------------------------------------------------------------


def test_dataset_without_title_is_a_violation() -> None:
    found = results("dcat-ap-3", '<http://ex.org/d> a dcat:Dataset ; dct:description "d"@en .')
    assert ("Dataset.title", SH.Violation) in found


def test_byte_size_must_be_non_negative_integer() -> None:
    data = """<http://ex.org/d> a dcat:Dataset ; dct:title "t"@en ; dct:description "d"@en ;
        dcat:distribution [ dcat:accessURL <http://ex.org/a> ;
                            dcat:byteSize "12.5"^^xsd:decimal ] ."""
    # The distribution is an untyped blank node: reached through sh:targetObjectsOf.
    assert ("Distribution.byteSize.datatype", SH.Violation) in results("dcat-ap-3", data)


def test_title_without_language_tag() -> None:
    data = '<http://ex.org/d> a dcat:Dataset ; dct:title "Befolkning" ; dct:description "d"@en .'
    found = results("dcat-ap-3", data)
    assert ("Dataset.title.lang", SH.Violation) in found
    assert ("Dataset.title", SH.Violation) not in found


def test_media_type_must_be_iana() -> None:
    data = """<http://ex.org/x> a dcat:Distribution ; dcat:accessURL <http://ex.org/a> ;
        dcat:mediaType <http://example.org/csv> ."""
    assert ("Distribution.mediaType.pattern", SH.Violation) in results("dcat-ap-3", data)
    ok = """<http://ex.org/x> a dcat:Distribution ; dcat:accessURL <http://ex.org/a> ;
        dcat:mediaType <https://www.iana.org/assignments/media-types/text/csv> ."""
    assert "Distribution.mediaType.pattern" not in rule_ids("dcat-ap-3", ok)


def test_recommended_is_warning_and_optional_is_silent() -> None:
    found = results("dcat-ap-3", '<http://ex.org/d> a dcat:Dataset ; dct:title "t"@en .')
    assert ("Dataset.theme", SH.Warning) in found
    assert not any(rule == "Dataset.version" for rule, _ in found)


def test_range_checks_only_values_typed_as_something_else() -> None:
    base = '<http://ex.org/d> a dcat:Dataset ; dct:title "t"@en ; dct:description "d"@en ; '
    untyped = base + "dct:publisher <http://ex.org/agent> ."
    assert "Dataset.publisher.range" not in rule_ids("dcat-ap-3", untyped)
    mistyped = untyped + " <http://ex.org/agent> a dcat:Dataset ."
    assert ("Dataset.publisher.range", SH.Warning) in results("dcat-ap-3", mistyped)
    typed = untyped + " <http://ex.org/agent> a foaf:Organization ."
    assert "Dataset.publisher.range" not in rule_ids("dcat-ap-3", typed)
    concept = base + ("dct:language <http://publications.europa.eu/resource/authority/language/NOR> . "
                      "<http://publications.europa.eu/resource/authority/language/NOR> a skos:Concept .")
    assert "Dataset.language.range" not in rule_ids("dcat-ap-3", concept)


def test_code_list_membership() -> None:
    data = """<http://ex.org/d> a dcat:Dataset ; dct:title "t"@en ; dct:description "d"@en ;
        dct:accrualPeriodicity <http://publications.europa.eu/resource/authority/frequency/ANNUAL> ;
        dcat:theme <http://ex.org/theme/local> ."""
    found = results("dcat-ap-3", data)
    # No snapshot data loaded: the frequency is not known to be in the NAL.
    assert ("Dataset.accrualPeriodicity.vocab", SH.Violation) in found
    assert ("Dataset.theme.vocab", SH.Warning) in found
    known = data + """
        <http://publications.europa.eu/resource/authority/frequency/ANNUAL>
            skos:inScheme <http://publications.europa.eu/resource/authority/frequency> .
        <http://publications.europa.eu/resource/authority/data-theme/SOCI>
            skos:inScheme <http://publications.europa.eu/resource/authority/data-theme> ;
            skos:prefLabel "Population and society"@en .
        <http://ex.org/d> dcat:theme <http://publications.europa.eu/resource/authority/data-theme/SOCI> .
    """
    ids = rule_ids("dcat-ap-3", known)
    assert "Dataset.accrualPeriodicity.vocab" not in ids
    assert "Dataset.theme.vocab" not in ids


def test_hvd_rules_apply_only_in_scope() -> None:
    assert rule_ids("dcat-ap-hvd", "<http://ex.org/d> a dcat:Dataset .") == set()
    in_scope = f"<http://ex.org/d> a dcat:Dataset ; dcatap:applicableLegislation {HVD_ELI} ."
    assert {"Dataset.hvdCategory", "Dataset.api"} <= rule_ids("dcat-ap-hvd", in_scope)
    tagged = """<http://ex.org/d> a dcat:Dataset ;
        dcatap:hvdCategory <http://data.europa.eu/bna/c_164e0bf5> ."""
    assert "Dataset.applicableLegislation" in rule_ids("dcat-ap-hvd", tagged)
    # Scoped rules report no sh:resultPath; nv:path names the property instead.
    rule = URIRef("https://w3id.org/nordval/shapes/dcat-ap-hvd#Dataset.hvdCategory")
    assert shapes_graph("dcat-ap-hvd").value(rule, NV.path) == URIRef(
        "http://data.europa.eu/r5r/hvdCategory"
    )


def test_hvd_data_service_requirements() -> None:
    data = f"""<http://ex.org/d> a dcat:Dataset ; dcatap:applicableLegislation {HVD_ELI} ;
            dcatap:hvdCategory <http://data.europa.eu/bna/c_164e0bf5> .
        <http://ex.org/s> a dcat:DataService ; dcat:servesDataset <http://ex.org/d> ;
            dcatap:applicableLegislation {HVD_ELI} ;
            dcatap:hvdCategory <http://data.europa.eu/bna/c_164e0bf5> .
        <http://data.europa.eu/bna/c_164e0bf5>
            skos:inScheme <http://data.europa.eu/bna/asd487ae75> ."""
    found = rule_ids("dcat-ap-hvd", data)
    assert {"DataService.contactPoint", "DataService.page", "DataService.legalInformation"} <= found
    assert not {"Dataset.api", "Dataset.hvdCategory", "DataService.hvdCategory.vocab"} & found
