"""CI gate controls: select/ignore/severity/max-findings, configuration files, baselines and waivers."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from nordval import distributed
from nordval.model import Report
from tests.conftest import FIXTURES, RunCli, json_report

CATALOGUE = FIXTURES / "dcat-ap-3" / "invalid" / "ssb-dataset-missing-description.ttl"
NEW_DATASET = """
<https://data.ssb.no/dataset/99999> a <http://www.w3.org/ns/dcat#Dataset> ;
    <http://purl.org/dc/terms/title> "Ny tabell"@nb .
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "catalogue.ttl").write_text(CATALOGUE.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _rules(report: dict) -> set[str]:  # type: ignore[type-arg]
    return {f["rule"] for f in report["findings"]}


def test_select_ignore_and_regrade(run_cli: RunCli, repo: Path) -> None:
    base = ["validate", "-p", "dcat-ap-3", "-f", "json", "data/catalogue.ttl"]
    full = _rules(json_report(run_cli(*base, code=1)))
    assert "dcat-ap-3:Dataset.description" in full and "dcat-ap-3:Catalog.spatial" in full
    selected = _rules(json_report(run_cli(*base, "--select", "dcat-ap-3:Catalog.*")))
    assert selected and all(r.startswith("dcat-ap-3:Catalog.") for r in selected)
    ignored = json_report(run_cli(*base, "--ignore", "dcat-ap-3:Dataset.description", code=0))
    assert "dcat-ap-3:Dataset.description" not in _rules(ignored) and ignored["summary"]["error"] == 0
    regraded = json_report(run_cli(*base, "--severity", "dcat-ap-3:Dataset.description=warning", code=0))
    [finding] = [f for f in regraded["findings"] if f["rule"] == "dcat-ap-3:Dataset.description"]
    assert finding["severity"] == "warning"


def test_max_findings_caps_the_list_not_the_counts(run_cli: RunCli, repo: Path) -> None:
    result = run_cli("validate", "-p", "dcat-ap-3", "-f", "json", "--max-findings", "2", "data/catalogue.ttl", code=1)
    report = json_report(result)
    assert len(report["findings"]) == 2
    assert sum(report["summary"][k] for k in ("error", "warning", "info")) > 2
    assert "more finding(s) not listed" in result.stderr


def test_bad_severity_override_is_a_usage_error(run_cli: RunCli, repo: Path) -> None:
    result = run_cli("validate", "-p", "dcat-ap-3", "--severity", "oops", "data/catalogue.ttl", code=2)
    assert "RULE=LEVEL" in result.stderr


def test_configuration_file_and_precedence(run_cli: RunCli, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "pyproject.toml").write_text(
        '[tool.nordval]\nprofile = "dcat-ap-3"\npaths = ["data"]\nformat = "json"\n'
        'ignore = ["dcat-ap-3:Dataset.description"]\n')
    (repo / "sub").mkdir()
    monkeypatch.chdir(repo / "sub")  # found by walking up
    report = json_report(run_cli("validate", code=0))
    assert report["profile"] == "dcat-ap-3" and report["summary"]["files"] == 1
    assert "dcat-ap-3:Dataset.description" not in _rules(report)
    # the command line wins
    result = run_cli("validate", "--ignore", "nothing", "-f", "text", code=1)
    assert "dcat-ap-3:Dataset.description" in result.stdout
    shown = run_cli("config", code=0).stdout
    assert "profile = 'dcat-ap-3'" in shown and "pyproject.toml" in shown and "lang: default" in shown


def test_broken_configuration_is_exit_2(run_cli: RunCli, repo: Path) -> None:
    (repo / "nordval.toml").write_text('profil = "dcat-ap-3"\n')
    result = run_cli("validate", "data/catalogue.ttl", code=2)
    assert "unknown key(s) profil" in result.stderr


def test_configured_values_are_checked_like_options(run_cli: RunCli, repo: Path) -> None:
    (repo / "nordval.toml").write_text('profile = "dcat-ap-3"\nformat = "yaml"\n')
    result = run_cli("validate", "data/catalogue.ttl", code=2)
    assert "nordval.toml: 'format': 'yaml' is not one of" in result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    (repo / "nordval.toml").write_text('profile = "dcat-ap-3"\nengine = "jena"\n')
    assert "nordval.toml: 'engine': 'jena' is not one of 'auto', 'fast', 'pyshacl'" in run_cli(
        "validate", "data/catalogue.ttl", code=2).stderr


def test_engine_and_executor_can_be_configured(run_cli: RunCli, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "nordval.toml").write_text('profile = "dcat-ap-3"\nformat = "json"\nengine = "pyshacl"\n'
                                       'executor = "processes"\n')
    shown = run_cli("config", code=0).stdout
    assert "engine = 'pyshacl'" in shown and "executor = 'processes'" in shown
    seen: list[tuple[str, str]] = []
    original = distributed.validate

    def recording(*args: Any, **kwargs: Any) -> Report:
        seen.append((kwargs["options"].engine, kwargs["executor"]))
        return original(*args, **kwargs)
    monkeypatch.setattr(distributed, "validate", recording)
    configured = json_report(run_cli("validate", "data/catalogue.ttl", code=1))
    assert seen == [("pyshacl", "processes")]
    plain = json_report(run_cli("validate", "--engine", "fast", "--executor", "local", "data/catalogue.ttl", code=1))
    assert len(seen) == 1  # the command line wins: local, not partitioned
    assert configured["findings"] == plain["findings"] and configured["findings"]


def test_baseline_gates_only_new_findings(run_cli: RunCli, repo: Path) -> None:
    run_cli("baseline", "-p", "dcat-ap-3", "data/catalogue.ttl", code=0)
    recorded = json.loads((repo / ".nordval-baseline.json").read_text())
    assert len(recorded["entries"]) > 5
    unchanged = run_cli("validate", "-p", "dcat-ap-3", "--baseline", ".nordval-baseline.json",
                        "-f", "json", "data/catalogue.ttl", code=0)
    assert json_report(unchanged)["findings"] == []
    # reformatting (a blank line and a comment shift every line) keeps the baseline matching
    text = (repo / "data" / "catalogue.ttl").read_text(encoding="utf-8")
    (repo / "data" / "catalogue.ttl").write_text("# reformatted\n\n" + text + NEW_DATASET, encoding="utf-8")
    result = run_cli("validate", "-p", "dcat-ap-3", "--baseline", ".nordval-baseline.json",
                     "-f", "json", "data/catalogue.ttl", code=1)
    new = json_report(result)["findings"]
    assert {f["focus"] for f in new} == {"https://data.ssb.no/dataset/99999"}
    assert ("https://data.ssb.no/dataset/99999", "dcat-ap-3:Dataset.description", "error") in {
        (f["focus"], f["rule"], f["severity"]) for f in new}


def test_fixed_entries_are_reported_and_waivers_expire(run_cli: RunCli, repo: Path) -> None:
    run_cli("baseline", "-p", "dcat-ap-3", "data/catalogue.ttl", code=0)
    path = repo / ".nordval-baseline.json"
    data = json.loads(path.read_text())
    description = next(e for e in data["entries"] if e["rule"] == "dcat-ap-3:Dataset.description")
    description["reason"] = "SSB adds descriptions in the next release"
    description["expires"] = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    data["entries"].append({"fingerprint": "0" * 32, "rule": "dcat-ap-3:Gone.rule", "focus": "https://x/1",
                            "path": None, "value": None})
    path.write_text(json.dumps(data))
    result = run_cli("validate", "-p", "dcat-ap-3", "--baseline", str(path), "-f", "json",
                     "data/catalogue.ttl", code=1)
    assert [f["rule"] for f in json_report(result)["findings"]] == ["dcat-ap-3:Dataset.description"]
    assert "expired on" in result.stderr and "SSB adds descriptions" in result.stderr
    assert "1 entry is fixed and can be removed" in result.stderr
    # rewriting keeps the reason and expiry of entries that still match
    run_cli("baseline", "-p", "dcat-ap-3", "data/catalogue.ttl", code=0)
    kept = json.loads(path.read_text())["entries"]
    assert any(e.get("reason", "").startswith("SSB adds") for e in kept)
    assert not any(e["rule"] == "dcat-ap-3:Gone.rule" for e in kept)


def test_missing_baseline_is_exit_2(run_cli: RunCli, repo: Path) -> None:
    result = run_cli("validate", "-p", "dcat-ap-3", "--baseline", "nope.json", "data/catalogue.ttl", code=2)
    assert "baseline file not found" in result.stderr
