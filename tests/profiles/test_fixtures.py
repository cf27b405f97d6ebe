"""Data-driven: every fixture with an ``.expect.toml`` sidecar is a test case.

Adding a case means adding a file and its sidecar (see fixtures/README.md), not a test
function. Errors must match exactly (nothing else may be flagged as an error); listed
warnings and infos must be present.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from nordval import api
from nordval.model import Finding, Severity
from tests.conftest import FIXTURES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

Key = tuple[str | None, str | None, str | None, str | None, int | None]


def _cases() -> list[Path]:
    return sorted(FIXTURES.glob("*/*/*.expect.toml"))


def _data_file(sidecar: Path) -> Path:
    stem = sidecar.name[: -len(".expect.toml")]
    candidates = [p for p in sidecar.parent.glob(stem + ".*") if not p.name.endswith(".expect.toml")]
    assert len(candidates) == 1, f"{sidecar}: expected one data file named {stem}.*, found {candidates}"
    return candidates[0]


def _expected(entry: dict[str, Any]) -> Key:
    return (entry.get("graph"), entry.get("focus"), entry.get("path"), entry.get("rule"), entry.get("line"))


def _actual(finding: Finding, like: Key) -> Key:
    """Project a finding onto the keys the expectation uses (a missing key is not compared)."""
    loc = finding.location
    full = (loc.graph, loc.focus, loc.path, finding.rule, loc.line)
    return tuple(value if want is not None else None for value, want in zip(full, like, strict=True))  # type: ignore[return-value]


def _matches(findings: list[Finding], wanted: Key) -> bool:
    return any(_actual(f, wanted) == wanted for f in findings)


@pytest.mark.parametrize("sidecar", _cases(), ids=lambda p: str(p.relative_to(FIXTURES)))
def test_fixture(sidecar: Path) -> None:
    spec = tomllib.loads(sidecar.read_text(encoding="utf-8"))
    profile = spec.get("profile") or sidecar.parents[1].name
    report = api.validate([str(_data_file(sidecar))], api.Options(profile=profile))
    by_severity = {s: [f for f in report.findings if f.severity == s] for s in Severity}

    expected_errors = [_expected(e) for e in spec.get("error", [])]
    missing = [e for e in expected_errors if not _matches(by_severity[Severity.ERROR], e)]
    unexpected = [f for f in by_severity[Severity.ERROR] if not any(_actual(f, e) == e for e in expected_errors)]
    assert not missing and not unexpected, _explain(missing, unexpected)

    for severity, key in ((Severity.WARNING, "warning"), (Severity.INFO, "info")):
        absent = [e for e in map(_expected, spec.get(key, [])) if not _matches(by_severity[severity], e)]
        assert not absent, f"expected {key}s not reported: {absent}\nreported: {_lines(by_severity[severity])}"


def _lines(findings: list[Finding]) -> str:
    return "\n".join(f"  {f.location.graph} {f.location.focus} {f.location.path} {f.rule} {f.location.line}"
                     for f in findings)


def _explain(missing: list[Key], unexpected: list[Finding]) -> str:
    return (f"expected errors not reported: {missing}\n"
            f"errors reported but not expected:\n{_lines(unexpected)}")


def test_every_fixture_has_a_sidecar() -> None:
    data = [p for p in FIXTURES.glob("*/*/*") if p.suffix in {".ttl", ".jsonld", ".rdf", ".trig", ".nq", ".xml"}]
    lonely = [p for p in data if not p.with_name(p.name.rsplit(".", 1)[0] + ".expect.toml").exists()]
    assert not lonely, f"fixtures without an .expect.toml sidecar: {lonely}"
