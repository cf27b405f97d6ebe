from __future__ import annotations

import pytest

from nordval.model import Finding, Location, Report, Severity


def _finding(severity: Severity, focus: str = "http://x/1", rule: str = "r") -> Finding:
    return Finding(rule=rule, severity=severity, location=Location(file="a.ttl", focus=focus), message="m")


def test_exit_code_follows_fail_on() -> None:
    report = Report.build(["a.ttl"], "p", [_finding(Severity.WARNING)])
    assert report.exit_code(Severity.ERROR) == 0
    assert report.exit_code(Severity.WARNING) == 1
    assert report.exit_code(Severity.INFO) == 1
    assert report.exit_code(None) == 0


def test_counts_and_sorting_are_deterministic() -> None:
    findings = [_finding(Severity.INFO, "http://x/2"), _finding(Severity.ERROR, "http://x/1"),
                _finding(Severity.WARNING, "http://x/1")]
    one = Report.build(["a.ttl"], "p", findings)
    two = Report.build(["a.ttl"], "p", list(reversed(findings)))
    assert one.findings == two.findings
    assert [f.severity for f in one.findings] == [Severity.ERROR, Severity.WARNING, Severity.INFO]
    assert one.counts() == {"error": 1, "warning": 1, "info": 1}


def test_duplicates_are_reported_once() -> None:
    report = Report.build(["a.ttl"], "p", [_finding(Severity.ERROR), _finding(Severity.ERROR)])
    assert len(report.findings) == 1


@pytest.mark.parametrize("text,expected", [("error", Severity.ERROR), ("Violation", Severity.ERROR),
                                           ("http://www.w3.org/ns/shacl#Warning", Severity.WARNING),
                                           ("info", Severity.INFO)])
def test_severity_parse(text: str, expected: Severity) -> None:
    assert Severity.parse(text) is expected


def test_severity_parse_rejects_unknown() -> None:
    with pytest.raises(ValueError, match="unknown severity"):
        Severity.parse("fatal")
