"""The suite runner reads the X-Road fixtures by their sidecars: .wsdl, .yaml/.yml and .mime data."""

from __future__ import annotations

from pathlib import Path

import pytest

from nordval import suite
from nordval.errors import NordvalError
from tests.conftest import FIXTURES

OPENAPI = (FIXTURES / "xroad-openapi" / "valid" / "ee-rr-person-lookup.yaml").read_text(encoding="utf-8")


def test_every_xroad_data_suffix_is_discovered() -> None:
    suffixes = {c.input.suffix for folder in ("xroad-wsdl", "xroad-openapi", "xroad-soap")
                for c in suite.discover(FIXTURES / folder)}
    assert {".wsdl", ".yaml", ".json", ".xml", ".mime"} <= suffixes
    assert not list(FIXTURES.glob("xroad-wsdl/*/*.wsdl.xml"))  # renamed to .wsdl


def test_a_yaml_sidecar_or_manifest_is_never_data(tmp_path: Path) -> None:
    valid = tmp_path / "valid"
    valid.mkdir()
    (valid / "rr.yaml").write_text(OPENAPI, encoding="utf-8")
    (valid / "rr.expect.toml").write_text('profile = "xroad-openapi"\n', encoding="utf-8")
    (valid / "rr.expect.yaml").write_text("profile: xroad-openapi\n", encoding="utf-8")  # a mistaken sidecar
    (valid / "ci.yml").write_text("jobs:\n  test: {}\n", encoding="utf-8")  # configuration, not OpenAPI
    (valid / "suite.yaml").write_text("case: []\n", encoding="utf-8")
    [case] = suite._sidecar_cases(tmp_path, None)
    assert case.input.name == "rr.yaml"
    assert suite._folder_cases(tmp_path, "xroad-openapi") == []  # rr.yaml has its sidecar; nothing else is data
    assert not suite.is_data(valid / "rr.expect.yaml") and not suite.is_data(valid / "suite.yaml")


def test_two_data_files_for_one_sidecar_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "rr.yaml").write_text(OPENAPI, encoding="utf-8")
    (tmp_path / "rr.json").write_text("{}", encoding="utf-8")
    (tmp_path / "rr.expect.toml").write_text('profile = "xroad-openapi"\n', encoding="utf-8")
    with pytest.raises(NordvalError, match="expected one data file"):
        suite.discover(tmp_path)
