"""``--lang sv``: the dcat-ap-se layer speaks Swedish, through the CLI.

Every rule of the dcat-ap-se layer carries Swedish message and fix texts (``[translations]`` in
scripts/shape-tables/dcat-ap-se.toml). These tests run ``nordval validate --profile dcat-ap-se``
on the invalid Swedish fixtures and check that what a user reads is that Swedish text, while rules
inherited from dcat-ap-3 (English only) fall back to English.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from nordval import profiles
from tests.conftest import FIXTURES, RunCli, json_report

INVALID = FIXTURES / "dcat-ap-se" / "invalid"
PUBLISHER_WITHOUT_TYPE = INVALID / "lantmateriet-publisher-without-type.ttl"


def _rule(rule_id: str) -> profiles.Rule:
    rule = profiles.resolve("dcat-ap-se").rule_by_id(rule_id)
    assert rule is not None, rule_id
    return rule


def test_text_report_prints_the_swedish_message(run_cli: RunCli) -> None:
    result = run_cli("validate", "--profile", "dcat-ap-se", "--lang", "sv", str(PUBLISHER_WITHOUT_TYPE), code=1)
    rule = _rule("dcat-ap-se:Agent.type")
    assert "dcat-ap-se:Agent.type" in result.stdout
    assert "Aktören saknar typ (dct:type)" in result.stdout
    assert rule.messages["sv"] in result.stdout
    assert rule.fixes["sv"] in result.stdout
    assert rule.messages["en"] not in result.stdout


def test_english_is_still_available(run_cli: RunCli) -> None:
    result = run_cli("validate", "--profile", "dcat-ap-se", "--lang", "en", str(PUBLISHER_WITHOUT_TYPE), code=1)
    rule = _rule("dcat-ap-se:Agent.type")
    assert rule.messages["en"] in result.stdout
    assert rule.messages["sv"] not in result.stdout


@pytest.mark.parametrize("fixture", sorted(INVALID.glob("*.ttl")), ids=lambda p: p.stem)
def test_every_se_finding_is_swedish(run_cli: RunCli, fixture: Path) -> None:
    report = json_report(run_cli("validate", "--profile", "dcat-ap-se", "--lang", "sv", "--format", "json",
                                 str(fixture)))
    for finding in report["findings"]:
        rule = _rule(finding["rule"])
        if finding["layer"] == "dcat-ap-se":
            assert (finding["message"], finding["fix"]) == (rule.messages["sv"], rule.fixes["sv"]), finding["rule"]
        else:
            assert "sv" not in rule.messages  # inherited EU rules fall back to English
