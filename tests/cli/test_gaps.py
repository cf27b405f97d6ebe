"""nordval gaps, profiles diff and fix, on profiles built in the test from the real dcat-ap-3."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from tests.conftest import RunCli

# A stricter "national" profile: contact point mandatory (re-graded) and media types in another
# namespace than the EU's IANA pattern, so no single value satisfies both (a profile conflict).
STRICT_MANIFEST = """id = "strict"
title = "Strict national profile"
version = "1.0"
status = "draft"
family = "dcat-ap"
extends = "dcat-ap-3"
languages = ["nb", "en"]
shapes = ["strict.ttl"]
[replace]
"dcat-ap-3:Distribution.mediaType.pattern" = "strict:Distribution.mediaType.pattern"
[severity]
"dcat-ap-3:Dataset.contactPoint" = "error"
"""
STRICT_SHAPES = """@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix nv: <https://w3id.org/nordval/ns#> .
@prefix s: <https://w3id.org/nordval/shapes/strict#> .
s:Distribution a sh:NodeShape ; sh:targetClass dcat:Distribution ; sh:property s:Distribution.mediaType.pattern .
s:Distribution.mediaType.pattern a sh:PropertyShape ; sh:path dcat:mediaType ; sh:severity sh:Violation ;
  sh:pattern "^https://www\\\\.w3\\\\.org/ns/iana/media-types/" ; nv:level "recommended" ;
  sh:message "Medietypen er ikke en w3.org/ns/iana-IRI."@nb, "The media type is not a w3.org/ns/iana IRI."@en .
"""
CATALOGUE = """@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
<https://data.example.no/catalog> a dcat:Catalog ; dct:title "Katalog"@nb ; dct:description "Data"@nb ;
  dct:publisher <https://data.example.no/org> ; dcat:dataset <https://data.example.no/ds/1> .
<https://data.example.no/org> a foaf:Organization ; foaf:name "Etaten" .
<https://data.example.no/ds/1> a dcat:Dataset ; dct:title "Befolkning"@nb ; dct:description "Tall"@nb ;
  dcat:distribution <https://data.example.no/ds/1/csv> .
<https://data.example.no/ds/1/csv> a dcat:Distribution ; dcat:accessURL <https://data.example.no/files/1.csv> ;
  dcat:mediaType <http://www.iana.org/assignments/media-types/text/csv> .
"""
DS = "https://data.example.no/ds/1"
DIST = "https://data.example.no/ds/1/csv"
DCAT = "http://www.w3.org/ns/dcat#"


@pytest.fixture
def work(tmp_path: Path) -> Path:
    (tmp_path / "profiles").mkdir()
    (tmp_path / "profiles" / "strict.toml").write_text(STRICT_MANIFEST)
    (tmp_path / "profiles" / "strict.ttl").write_text(STRICT_SHAPES)
    (tmp_path / "cat.ttl").write_text(CATALOGUE)
    return tmp_path


def _gaps(run_cli: RunCli, work: Path, *extra: str, code: int) -> dict:  # type: ignore[type-arg]
    result = run_cli("gaps", str(work / "cat.ttl"), "--from", "dcat-ap-3", "--to", "strict,dcat-ap-hvd",
                     "--profile-path", str(work / "profiles"), "--format", "json", *extra, code=code)
    data: dict = json.loads(result.stdout)  # type: ignore[type-arg]
    return data


def test_blocking_gaps_carry_the_reason(run_cli: RunCli, work: Path) -> None:
    report = _gaps(run_cli, work, code=1)
    assert list(report) == ["tool", "version", "from", "inputs", "home", "targets", "conflicts"]
    assert report["home"]["conforms"] is True
    strict = report["targets"]["strict"]
    assert strict["conforms"] is False
    assert {(f["focus"], f["path"]) for f in strict["blocking"]} == {(DS, DCAT + "contactPoint")}
    [blocker] = strict["blocking"]
    assert blocker["rule"] == "dcat-ap-3:Dataset.contactPoint"
    assert "re-graded to error by Strict national profile 1.0" in blocker["why"]
    assert "recommended in DCAT-AP 3.0.1" in blocker["why"]
    assert blocker["message"]  # the finding is complete, as in the validate JSON


def test_reusable_target_has_no_blocking(run_cli: RunCli, work: Path) -> None:
    hvd = _gaps(run_cli, work, code=1)["targets"]["dcat-ap-hvd"]
    assert hvd["blocking"] == [] and hvd["conforms"] is True and hvd["verdict"] == "reusable as is"


def test_profile_conflict_is_reported_once_not_as_data_errors(run_cli: RunCli, work: Path) -> None:
    report = _gaps(run_cli, work, code=1)
    [conflict] = report["conflicts"]
    assert conflict["focus"] == DIST and conflict["path"] == DCAT + "mediaType"
    assert conflict["profiles"] == ["dcat-ap-3", "dcat-ap-hvd", "strict"]
    assert "no value satisfies both dcat-ap-3" in conflict["explanation"]
    assert "strict:Distribution.mediaType.pattern" in conflict["rules"]
    assert not any(f["path"] == DCAT + "mediaType" for f in report["targets"]["strict"]["blocking"])


def test_exit_0_when_every_target_is_reusable(run_cli: RunCli, work: Path) -> None:
    run_cli("gaps", str(work / "cat.ttl"), "--from", "dcat-ap-3", "--to", "dcat-ap-hvd", code=0)


@pytest.mark.parametrize("fmt,needle", [("text", "dcat-ap-3:Dataset.contactPoint"),
                                        ("markdown", "| `Dataset.contactPoint` |"),
                                        ("html", "<td class='blocks'>blocks</td>")])
def test_other_formats(run_cli: RunCli, work: Path, fmt: str, needle: str) -> None:
    result = run_cli("gaps", str(work / "cat.ttl"), "--from", "dcat-ap-3", "--to", "strict",
                     "--profile-path", str(work / "profiles"), "--format", fmt, code=1)
    assert needle in result.stdout
    if fmt == "text":
        assert max(len(line) for line in result.stdout.splitlines()[:8]) <= 120


def test_to_all_means_the_family(run_cli: RunCli, work: Path) -> None:
    result = run_cli("gaps", str(work / "cat.ttl"), "--from", "dcat-ap-3", "--to", "all", "--format", "json",
                     "--profile-path", str(work / "profiles"))
    targets = json.loads(result.stdout)["targets"]
    assert {"dcat-ap-hvd", "strict"} <= set(targets) and "dcat-ap-3" not in targets


def test_unknown_target_is_exit_2(run_cli: RunCli, work: Path) -> None:
    result = run_cli("gaps", str(work / "cat.ttl"), "--from", "dcat-ap-3", "--to", "nowhere", code=2)
    assert "unknown profile 'nowhere'" in result.stderr


def test_profiles_diff_lists_regraded_and_added_rules(run_cli: RunCli, work: Path) -> None:
    result = run_cli("profiles", "--profile-path", str(work / "profiles"), "diff", "dcat-ap-3", "strict",
                     "--format", "json", code=0)
    data = json.loads(result.stdout)
    changed = {(d["family"], d["aspect"]): (d["left"], d["right"]) for d in data["differences"]}
    assert changed[("Dataset.contactPoint", "severity")] == ("warning", "error")
    assert changed[("Distribution.mediaType.pattern", "value space")] == (
        "pattern ^https?://www\\.iana\\.org/assignments/media-types/",
        "pattern ^https://www\\.w3\\.org/ns/iana/media-types/")
    assert data["only_right"] == []
    text = run_cli("profiles", "--profile-path", str(work / "profiles"), "diff", "dcat-ap-3", "strict",
                   code=0).stdout
    assert "Dataset.contactPoint" in text and "Only in strict (0)" in text


SWEDISH_DISTRIBUTION = """@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix adms: <http://www.w3.org/ns/adms#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://data.scb.se/dist/1> a dcat:Distribution ; dcat:accessURL <https://data.scb.se/a.csv> ;
  dct:format "text/csv" ; dct:format "application/x-unknown" ; adms:status <http://purl.org/adms/status/Completed> ;
  dcat:byteSize "1024.0"^^xsd:decimal ;
  <http://data.europa.eu/r5ravailability> <http://data.europa.eu/r5r/availability/stable> .
"""
EXPECTED = r"""@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix adms: <http://www.w3.org/ns/adms#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix nal: <http://publications.europa.eu/resource/authority/> .
<https://data.scb.se/dist/1> a dcat:Distribution ; dcat:accessURL <https://data.scb.se/a.csv> ;
  dct:format <http://publications.europa.eu/resource/authority/file-type/CSV>, "application/x-unknown" ;
  dcat:mediaType <https://www.iana.org/assignments/media-types/text/csv> ;
  adms:status <http://publications.europa.eu/resource/authority/distribution-status/COMPLETED> ;
  dcat:byteSize "1024"^^xsd:nonNegativeInteger ;
  <http://data.europa.eu/r5r/availability> nal:planned-availability\/STABLE .
"""


def test_fix_rewrites_only_what_has_one_answer(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "se.ttl").write_text(SWEDISH_DISTRIBUTION)
    result = run_cli("fix", str(tmp_path / "se.ttl"), "--to", "dcat-ap-3", "-o", str(tmp_path / "out.ttl"), code=1)
    fixed = Graph().parse(tmp_path / "out.ttl")
    assert isomorphic(fixed, Graph().parse(data=EXPECTED, format="turtle"))
    assert "5 change(s); 3 error(s) remain under dcat-ap-3" in result.stderr
    assert "r5ravailability is a typo" in result.stderr
    # the unknown MIME type is not guessed: it stays a gap
    assert "gap     <https://data.scb.se/dist/1> dct:format" in result.stderr


def test_fix_then_gaps_round_trip(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "se.ttl").write_text(SWEDISH_DISTRIBUTION.replace(' ; dct:format "application/x-unknown"', ""))
    run_cli("fix", str(tmp_path / "se.ttl"), "--to", "dcat-ap-3", "-o", str(tmp_path / "out.ttl"), code=0)
    before = json.loads(run_cli("validate", "-p", "dcat-ap-3", "-f", "json", str(tmp_path / "se.ttl")).stdout)
    after = json.loads(run_cli("validate", "-p", "dcat-ap-3", "-f", "json", str(tmp_path / "out.ttl")).stdout)
    assert before["summary"]["error"] >= 3 and after["summary"]["error"] == 0
    old_rules = {f["rule"] for f in before["findings"]}
    assert {f["rule"] for f in after["findings"]} <= old_rules | {"dcat-ap-3:Distribution.format"}
