"""The two Norwegian layers keep their contract: texts in three languages, provenance, snapshots.

DCAT-AP-NO is read in bokmål and nynorsk, so every shape of ``dcat-ap-no``, ``dcat-ap-no-3`` and
``dcat-ap-no-3-harvest`` carries its message and fix in nb, nn and en.  A Norwegian rule that restates a DCAT-AP concern
under the same local name must replace the parent's rule in the manifest, or both would report
the same defect.  The generated shapes and the no-* vocabulary snapshots must be reproducible
from their sources.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from nordval import api, profiles
from nordval.model import Severity
from nordval.profiles.rules import NV
from tests.conftest import FIXTURES, ROOT, SHARED_REFERENCE

LAYERS = {"dcat-ap-no": "dcat-ap-2", "dcat-ap-no-3": "dcat-ap-3"}
TRANSLATED = (*LAYERS, "dcat-ap-no-3-harvest")
LANGUAGES = {"en", "nb", "nn"}
# Helper shapes each layer writes for itself (code-list membership, class alternatives); they are
# only referenced from the layer's own rules and report nothing on their own.
HELPERS = ("InScheme.", "InAnyScheme", "IsA.", "Untyped", "Datatype.", "Pattern.")
SNAPSHOTS = ("no-los-tema", "no-los-ord", "no-los-hendelse", "no-administrative-units",
             "no-legal-resource-type", "no-provenance-activity-type", "no-r5r-availability")


def _shapes(layer: str) -> Graph:
    return Graph().parse(ROOT / "nordval" / "shapes" / layer / f"{layer}.ttl", format="turtle")


@pytest.mark.parametrize("layer", sorted(TRANSLATED))
def test_every_shape_speaks_bokmal_nynorsk_and_english(layer: str) -> None:
    graph = _shapes(layer)
    shapes = set(graph.subjects(RDF.type, SH.NodeShape)) | set(graph.subjects(RDF.type, SH.PropertyShape))
    assert len(shapes) > 20
    for shape in shapes:
        for predicate in (SH.message, NV.fix):
            languages = {o.language for o in graph.objects(shape, predicate) if isinstance(o, Literal)}
            assert languages == LANGUAGES, f"{shape} {predicate}: {sorted(languages, key=str)}"


@pytest.mark.parametrize(("layer", "parent"), sorted(LAYERS.items()))
def test_restated_concerns_replace_the_parent_rule(layer: str, parent: str) -> None:
    resolved = profiles.resolve(layer)
    mine = {r.id.split(":", 1)[1] for r in resolved.rules.values()
            if r.layer == layer and r.path and not r.id.split(":", 1)[1].startswith(HELPERS)}
    active_parent = {r.id.split(":", 1)[1]: r for r in resolved.rules.values()
                     if r.layer == parent and r.path and not r.deactivated}
    doubled = sorted(mine & active_parent.keys())
    assert not doubled, f"{layer} restates {doubled} but the {parent} rules stay active"


@pytest.mark.parametrize(("layer", "version", "status"), [("dcat-ap-no", "2.2", "current"),
                                                          ("dcat-ap-no-3", "3.0 draft", "draft")])
def test_manifest(layer: str, version: str, status: str) -> None:
    profile = profiles.get(layer)
    assert (profile.version, profile.status, profile.country) == (version, status, "NO")
    assert profile.languages == ("nb", "nn", "en")
    assert profile.extends == LAYERS[layer]


@pytest.mark.parametrize("layer", sorted(LAYERS))
def test_mistyped_dcatap_properties_are_errors_naming_the_right_iri(layer: str) -> None:
    data = """
        @prefix dcat: <http://www.w3.org/ns/dcat#> .
        @prefix typo: <http://data.europa.eu/r5r> .
        <https://data.example.no/d> a dcat:Distribution ; dcat:accessURL <https://data.example.no/f> ;
            typo:availability <http://publications.europa.eu/resource/authority/planned-availability/STABLE> ;
            typo:applicableLegislation <https://lovdata.no/eli/lov/2019/06/21/32> .
    """
    source = api.Source("typo.ttl", data=data.encode())
    report = api.validate(sources=[source], options=api.Options(profile=layer, lang="nb"))
    typos = {f.location.path: f for f in report.findings if f.rule.startswith(f"{layer}:Typo.")}
    assert set(typos) == {"http://data.europa.eu/r5ravailability", "http://data.europa.eu/r5rapplicableLegislation"}
    for path, finding in typos.items():
        assert finding.severity == Severity.ERROR
        assert path is not None
        right = path.replace("r5r", "r5r/", 1)
        assert right in finding.message and "skrivefeil" in finding.message


def test_shape_files_are_generated_from_their_tables() -> None:
    tables = [str(ROOT / "scripts" / "shape-tables" / f"{layer}.toml") for layer in sorted(LAYERS)]
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_shapes.py"), "--check", *tables],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_norwegian_snapshots_regenerate_identically(tmp_path: Path) -> None:
    if not (SHARED_REFERENCE / "dcat-ap-no").is_dir():
        pytest.skip("reference copies not available")
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_vocabularies_no.py"),
                    "--reference", str(SHARED_REFERENCE), "--out", str(tmp_path)], check=True, capture_output=True)
    assert sorted(p.stem for p in tmp_path.glob("*.json")) == sorted(SNAPSHOTS)
    for name in SNAPSHOTS:
        bundled = ROOT / "nordval" / "vocabularies" / f"{name}.json"
        assert (tmp_path / f"{name}.json").read_bytes() == bundled.read_bytes(), name


def test_los_and_admin_units_are_recognised() -> None:
    """LOS themes and Kartverket units are background knowledge, so a valid fixture needs no typing."""
    resolved = profiles.resolve("dcat-ap-no-3")
    assert set(SNAPSHOTS) - {"no-r5r-availability"} <= set(resolved.vocabularies)
    fixture = FIXTURES / "dcat-ap-no-3" / "valid" / "ssb-befolkning-catalogue.ttl"
    report = api.validate([str(fixture)], api.Options(profile="dcat-ap-no-3"))
    rules = {f.rule for f in report.findings}
    assert "dcat-ap-no-3:Dataset.theme.los" not in rules
    assert "dcat-ap-no-3:Dataset.spatial.adminUnit" not in rules
    assert URIRef("https://psi.norge.no/los/tema/familie-og-barn") in set(
        Graph().parse(fixture, format="turtle").objects())
