"""Profile manifests: inheritance, replace/deactivate/re-grade, provenance, and errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from nordval import api
from nordval.errors import NordvalError, ProfileNotFound
from nordval.model import Severity
from nordval.profiles import resolve

PREFIXES = """@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix nv: <https://w3id.org/nordval/ns#> .
"""
BASE_SHAPES = PREFIXES + """@prefix b: <https://w3id.org/nordval/shapes/base#> .
b:Dataset a sh:NodeShape ; sh:targetClass dcat:Dataset ;
  sh:property b:Dataset.title, b:Dataset.theme, b:Dataset.publisher .
b:Dataset.title a sh:PropertyShape ; sh:path dct:title ; sh:minCount 1 ; sh:severity sh:Violation ;
  sh:message "Dataset has no title."@en, "Datasettet har ingen tittel."@nb ; nv:fix "Add a title."@en .
b:Dataset.theme a sh:PropertyShape ; sh:path dcat:theme ; sh:minCount 1 ; sh:severity sh:Warning ;
  sh:message "Dataset has no theme."@en .
b:Dataset.publisher a sh:PropertyShape ; sh:path dct:publisher ; sh:minCount 1 ; sh:severity sh:Warning ;
  sh:message "Dataset has no publisher."@en .
"""
CHILD_SHAPES = PREFIXES + """@prefix c: <https://w3id.org/nordval/shapes/child#> .
c:Dataset a sh:NodeShape ; sh:targetClass dcat:Dataset ; sh:property c:Dataset.publisher .
c:Dataset.publisher a sh:PropertyShape ; sh:path dct:publisher ; sh:minCount 1 ; sh:maxCount 1 ;
  sh:severity sh:Violation ; sh:message "Datasett mangler utgiver."@nb, "Dataset has no publisher."@en .
"""
DATA = """@prefix dcat: <http://www.w3.org/ns/dcat#> .
<https://data.example.no/ds/1> a dcat:Dataset .
"""


@pytest.fixture
def profile_dir(tmp_path: Path) -> Path:
    (tmp_path / "base.ttl").write_text(BASE_SHAPES)
    (tmp_path / "child.ttl").write_text(CHILD_SHAPES)
    (tmp_path / "base.toml").write_text(
        'id = "base"\ntitle = "Base"\nversion = "1"\nstatus = "approved"\nshapes = ["base.ttl"]\n')
    (tmp_path / "child.toml").write_text(
        'id = "child"\ntitle = "Child"\nversion = "2"\nstatus = "draft"\nextends = "base"\n'
        'languages = ["nb"]\nshapes = ["child.ttl"]\n'
        'deactivate = ["base:Dataset.theme"]\n'
        '[replace]\n"base:Dataset.publisher" = "child:Dataset.publisher"\n'
        '[severity]\n"base:Dataset.title" = "warning"\n')
    (tmp_path / "data.ttl").write_text(DATA)
    return tmp_path


def _rules(profile_dir: Path, profile: str, lang: str | None = None) -> dict[str, tuple[Severity, str, str]]:
    options = api.Options(profile=profile, profile_path=(str(profile_dir),), lang=lang)
    report = api.validate([str(profile_dir / "data.ttl")], options)
    return {f.rule: (f.severity, f.layer or "", f.message) for f in report.findings}


def test_base_profile_reports_its_own_rules(profile_dir: Path) -> None:
    assert _rules(profile_dir, "base") == {
        "base:Dataset.title": (Severity.ERROR, "base", "Dataset has no title."),
        "base:Dataset.theme": (Severity.WARNING, "base", "Dataset has no theme."),
        "base:Dataset.publisher": (Severity.WARNING, "base", "Dataset has no publisher."),
    }


def test_child_deactivates_replaces_and_regrades(profile_dir: Path) -> None:
    assert _rules(profile_dir, "child") == {
        "base:Dataset.title": (Severity.WARNING, "base", "Datasettet har ingen tittel."),
        "child:Dataset.publisher": (Severity.ERROR, "child", "Datasett mangler utgiver."),
    }


def test_lang_option_picks_message_language(profile_dir: Path) -> None:
    rules = _rules(profile_dir, "child", lang="en")
    assert rules["child:Dataset.publisher"][2] == "Dataset has no publisher."


def test_resolution_keeps_provenance(profile_dir: Path) -> None:
    resolved = resolve("child", (str(profile_dir),))
    assert [p.id for p in resolved.chain] == ["base", "child"]
    by_id = {r.id: r for r in resolved.rules.values()}
    assert by_id["base:Dataset.theme"].deactivated
    assert by_id["child:Dataset.publisher"].replaces == "base:Dataset.publisher"
    assert by_id["base:Dataset.title"].regraded_by == "child"


@pytest.mark.parametrize("manifest,message", [
    ('id = "x"\ntitle = "X"\nversion = "1"\nextends = "nowhere"\n', "extends unknown profile 'nowhere'"),
    ('id = "x"\ntitle = "X"\nversion = "1"\nshapes = ["missing.ttl"]\n', "file not found"),
    ('id = "x"\ntitle = "X"\nversion = "1"\ncolour = "red"\n', "unknown key(s) colour"),
    ('id = "x"\ntitle = "X"\n', "'version' is required"),
    ('id = "x"\ntitle = "X"\nversion = "1"\nextends = "base"\ndeactivate = ["base:Nope"]\n', "no rule 'base:Nope'"),
    ('id = "x"\ntitle = "X"\nversion = "1"\n[severity]\n"a" = "fatal"\n', "unknown severity"),
    ('id = "x" title', "not valid TOML"),
])
def test_broken_manifests_give_one_clear_error(profile_dir: Path, manifest: str, message: str) -> None:
    (profile_dir / "x.toml").write_text(manifest)
    resolve.cache_clear()
    with pytest.raises(NordvalError, match=message.replace("(", r"\(").replace(")", r"\)")):
        resolve("x", (str(profile_dir),))


def test_unknown_profile_lists_known_ids(profile_dir: Path) -> None:
    with pytest.raises(ProfileNotFound, match=r"known profiles: .*base, child"):
        resolve("nope", (str(profile_dir),))
