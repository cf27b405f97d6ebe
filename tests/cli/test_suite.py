"""nordval suite run / coverage on the three suite layouts."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import RunCli

PREFIXES = """@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix ex: <https://data.example.fi/> .
"""
BASE = PREFIXES + """ex:ds a dcat:Dataset ; dct:description "Kuvaus"@fi .
"""
VALID = PREFIXES + """ex:g1 { ex:ds dct:title "Väestö"@fi . }
ex:g2 { ex:ds dct:title "Befolkning"@sv . }
"""
INVALID = PREFIXES + """ex:g3 { ex:ds dct:title "untagged" . }
ex:g4 { ex:ds dct:title "Väestö"@fi . }
"""


@pytest.fixture
def folder_suite(tmp_path: Path) -> Path:
    for folder in ("base-graphs", "valid-graphs", "invalid-graphs"):
        (tmp_path / folder).mkdir()
    (tmp_path / "base-graphs" / "dataset.base.ttl").write_text(BASE, encoding="utf-8")
    (tmp_path / "valid-graphs" / "dataset.trig").write_text(VALID, encoding="utf-8")
    (tmp_path / "invalid-graphs" / "dataset.trig").write_text(INVALID, encoding="utf-8")
    return tmp_path


def test_folder_convention_with_base_graphs(run_cli: RunCli, folder_suite: Path) -> None:
    result = run_cli("suite", "run", "-p", "dcat-ap-3", str(folder_suite), code=1)
    lines = result.stdout.splitlines()
    assert "PASS  valid-graphs/dataset.trig#https://data.example.fi/g1  [dcat-ap-3]" in lines
    assert "PASS  invalid-graphs/dataset.trig#https://data.example.fi/g3  [dcat-ap-3]" in lines
    assert "FAIL  invalid-graphs/dataset.trig#https://data.example.fi/g4  [dcat-ap-3]" in lines
    assert "      expected at least one error, got none" in lines
    assert lines[-1] == "3 passed, 1 failed"


def test_junit_output(run_cli: RunCli, folder_suite: Path) -> None:
    result = run_cli("suite", "run", "-p", "dcat-ap-3", "--format", "junit", str(folder_suite), code=1)
    root = etree.fromstring(result.stdout.encode())
    [testsuite] = root.findall("testsuite")
    assert testsuite.get("tests") == "4" and testsuite.get("failures") == "1"
    failed = [c.get("name") for c in testsuite.findall("testcase") if c.find("failure") is not None]
    assert failed == ["invalid-graphs/dataset.trig#https://data.example.fi/g4"]


def test_manifest_with_expected_findings(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "data.ttl").write_text(PREFIXES + 'ex:ds a dcat:Dataset ; dct:title "T"@fi .\n', encoding="utf-8")
    (tmp_path / "suite.toml").write_text(
        'profile = "dcat-ap-3"\n'
        '[[case]]\nname = "no description"\ninput = "data.ttl"\nexact = true\n'
        'expect = [{rule = "dcat-ap-3:Dataset.description", focus = "https://data.example.fi/ds"}]\n'
        '[[case]]\nname = "wrongly expected to conform"\ninput = "data.ttl"\nconforms = true\n', encoding="utf-8")
    result = run_cli("suite", "run", str(tmp_path), code=1)
    assert "PASS  no description  [dcat-ap-3]" in result.stdout
    assert "FAIL  wrongly expected to conform  [dcat-ap-3]" in result.stdout
    assert "expected no error, got 1: dcat-ap-3:Dataset.description" in result.stdout


def test_coverage_lists_untested_rules(run_cli: RunCli, folder_suite: Path) -> None:
    result = run_cli("suite", "coverage", "-p", "dcat-ap-3", str(folder_suite), code=0)
    untested = result.stdout.split()
    assert "dcat-ap-3:Dataset.title.lang" not in untested  # g3 triggers it
    assert "dcat-ap-3:Distribution.accessURL" in untested
    assert "rule(s) of dcat-ap-3 are not exercised" in result.stderr


def test_our_fixtures_run_as_a_suite(run_cli: RunCli) -> None:
    result = run_cli("suite", "run", "fixtures/dcat-ap-hvd", code=0)
    assert result.stdout.splitlines()[-1].endswith(" passed, 0 failed")


def test_missing_suite_is_exit_2(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = run_cli("suite", "run", str(tmp_path / "empty"), code=2)
    assert "no test cases found" in result.stderr
