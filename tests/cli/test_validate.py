"""The validate command: every exit code and error path, through Click's runner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nordval import api
from tests.conftest import RunCli, json_report

SHAPES = """@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix ex: <http://example.org/shapes#> .
ex:DatasetShape a sh:NodeShape ; sh:targetClass dcat:Dataset ;
  sh:property ex:title, ex:issued .
ex:title sh:path dct:title ; sh:minCount 1 ; sh:message "Dataset has no title."@en .
ex:issued sh:path dct:issued ; sh:datatype <http://www.w3.org/2001/XMLSchema#date> ; sh:severity sh:Warning .
"""
GOOD = """@prefix dct: <http://purl.org/dc/terms/> .
@prefix dcat: <http://www.w3.org/ns/dcat#> .
<https://data.example.se/ds/1> a dcat:Dataset ; dct:title "Befolkning"@sv .
"""
NO_TITLE = """@prefix dct: <http://purl.org/dc/terms/> .
@prefix dcat: <http://www.w3.org/ns/dcat#> .
<https://data.example.se/ds/2> a dcat:Dataset ; dct:issued "2024" .
"""
JSON_KEYS = ["file", "graph", "line", "focus", "path", "value", "severity", "rule", "constraint",
             "profile", "layer", "message", "fix", "see"]


@pytest.fixture
def work(tmp_path: Path) -> Path:
    (tmp_path / "shapes.ttl").write_text(SHAPES)
    (tmp_path / "good.ttl").write_text(GOOD)
    (tmp_path / "bad.ttl").write_text(NO_TITLE)
    return tmp_path


def test_conforming_file_exits_0(run_cli: RunCli, work: Path) -> None:
    result = run_cli("validate", "--shapes", str(work / "shapes.ttl"), str(work / "good.ttl"), code=0)
    assert "0 errors, 0 warnings, 0 infos in 1 file" in result.stdout
    assert "conforms" in result.stdout


def test_findings_exit_1_with_focus_path_and_rule(run_cli: RunCli, work: Path) -> None:
    result = run_cli("validate", "--shapes", str(work / "shapes.ttl"), "--format", "json",
                     str(work / "bad.ttl"), code=1)
    report = json_report(result)
    assert report["conforms"] is False
    assert report["summary"] == {"files": 1, "error": 1, "warning": 1, "info": 0}
    found = {(f["focus"], f["path"], f["severity"], f["rule"]) for f in report["findings"]}
    assert found == {
        ("https://data.example.se/ds/2", "http://purl.org/dc/terms/title", "error", "ex:title"),
        ("https://data.example.se/ds/2", "http://purl.org/dc/terms/issued", "warning", "ex:issued"),
    }
    for finding in report["findings"]:
        assert list(finding) == JSON_KEYS
    title = next(f for f in report["findings"] if f["severity"] == "error")
    assert title["message"] == "Dataset has no title." and title["constraint"] == "sh:minCount"


@pytest.mark.parametrize("fail_on,code", [("error", 0), ("warning", 1), ("info", 1), ("never", 0)])
def test_fail_on_threshold(run_cli: RunCli, work: Path, fail_on: str, code: int) -> None:
    (work / "warn.ttl").write_text(GOOD.replace('"Befolkning"@sv .', '"B"@sv ; dct:issued "2024" .'))
    run_cli("validate", "--shapes", str(work / "shapes.ttl"), "--fail-on", fail_on, str(work / "warn.ttl"),
            code=code)


def test_directory_with_mixed_files_reports_every_file(run_cli: RunCli, work: Path) -> None:
    (work / "data").mkdir()
    (work / "data" / "good.ttl").write_text(GOOD)
    (work / "data" / "broken.ttl").write_text(GOOD + "<a> <b> .\n")
    (work / "data" / "empty.ttl").write_text("")
    (work / "data" / "binary.ttl").write_bytes(b"\x00\x01" * 100)
    (work / "data" / "nested").mkdir()
    (work / "data" / "nested" / "bad.ttl").write_text(NO_TITLE)
    result = run_cli("validate", "--shapes", str(work / "shapes.ttl"), "--format", "json",
                     str(work / "data"), code=1)
    report = json_report(result)
    assert report["summary"]["files"] == 5
    by_file = {(Path(f["file"]).name, f["rule"]) for f in report["findings"]}
    assert ("broken.ttl", "input.syntax") in by_file
    assert ("empty.ttl", "input.empty") in by_file
    assert ("binary.ttl", "input.encoding") in by_file
    assert ("bad.ttl", "ex:title") in by_file
    assert not any(name == "good.ttl" for name, _ in by_file)


def test_stdin(run_cli: RunCli, work: Path) -> None:
    result = run_cli("validate", "--shapes", str(work / "shapes.ttl"), "--format", "json", "-",
                     input=NO_TITLE, code=1)
    report = json_report(result)
    assert {f["file"] for f in report["findings"]} == {"<stdin>"}


def test_output_file_and_identical_reruns(run_cli: RunCli, work: Path) -> None:
    outputs = []
    for name in ("one.json", "two.json"):
        run_cli("validate", "--shapes", str(work / "shapes.ttl"), "--format", "json", "-o",
                str(work / name), str(work / "bad.ttl"), str(work / "good.ttl"), code=1)
        outputs.append((work / name).read_bytes())
    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0])["summary"]["files"] == 2


@pytest.mark.parametrize("args,message", [
    (["--profile", "no-such-profile", "X"], "unknown profile 'no-such-profile'; known profiles:"),
    (["--shapes", "SHAPES", "missing.ttl"], "missing.ttl: no such file or directory"),
    (["--shapes", "nowhere.ttl", "GOOD"], "nowhere.ttl: no such file"),
    (["--shapes", "BROKEN", "GOOD"], "not valid RDF"),
    (["GOOD"], "give --profile ID"),
    (["--shapes", "SHAPES"], "give at least one path"),
])
def test_tool_errors_exit_2_with_one_line(run_cli: RunCli, work: Path, args: list[str], message: str) -> None:
    (work / "broken-shapes.ttl").write_text("@prefix : <x> . :a :b")
    mapping = {"SHAPES": str(work / "shapes.ttl"), "GOOD": str(work / "good.ttl"),
               "BROKEN": str(work / "broken-shapes.ttl"), "X": str(work / "good.ttl")}
    argv = [mapping.get(a, str(work / a) if a.endswith(".ttl") else a) for a in args]
    result = run_cli("validate", *argv, code=2)
    assert message in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and message in errors[0]


def test_internal_error_is_exit_2_without_traceback(run_cli: RunCli, work: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")
    monkeypatch.setattr(api, "validate", explode)
    result = run_cli("validate", "--shapes", str(work / "shapes.ttl"), str(work / "good.ttl"), code=2)
    assert "internal error: RuntimeError: boom" in result.stderr
    assert "Traceback" not in result.stderr
    with pytest.raises(RuntimeError, match="boom"):
        run_cli("--traceback", "validate", "--shapes", str(work / "shapes.ttl"), str(work / "good.ttl"))


def test_xml_input_with_schema(run_cli: RunCli, work: Path) -> None:
    (work / "s.xsd").write_text('<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">'
                                '<xs:element name="count" type="xs:int"/></xs:schema>')
    (work / "ok.xml").write_text("<count>3</count>")
    (work / "bad.xml").write_text("<count>\n three</count>")
    run_cli("validate", "--schema", str(work / "s.xsd"), str(work / "ok.xml"), code=0)
    report = json_report(run_cli("validate", "--schema", str(work / "s.xsd"), "--format", "json",
                                 str(work / "bad.xml"), code=1))
    [finding] = report["findings"]
    assert finding["rule"] == "custom:xsd.value" and finding["line"] == 1 and finding["path"] == "/count"


def test_rdf_input_to_xml_only_profile_is_not_reported_as_conforming(run_cli: RunCli, work: Path) -> None:
    (work / "s.xsd").write_text('<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">'
                                '<xs:element name="a" type="xs:int"/></xs:schema>')
    report = json_report(run_cli("validate", "--schema", str(work / "s.xsd"), "--format", "json",
                                 str(work / "good.ttl"), code=1))
    assert [f["rule"] for f in report["findings"]] == ["input.kind"]


def test_help_lists_exit_codes(run_cli: RunCli) -> None:
    for args in (["--help"], ["validate", "--help"], ["profiles", "--help"]):
        result = run_cli(*args, code=0)
        assert "Exit codes:" in result.stdout and "2  nordval could not do its job" in result.stdout


def test_version(run_cli: RunCli) -> None:
    assert run_cli("--version", code=0).stdout.startswith("nordval, version ")
