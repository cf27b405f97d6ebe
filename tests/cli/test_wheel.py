"""The built wheel carries its package data: validate a fixture from an installed copy."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

EXAMPLE = ROOT / "fixtures" / "dcat-ap-3" / "invalid"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out), str(ROOT)],
                   check=True, capture_output=True, timeout=600)
    [built] = out.glob("nordval-*.whl")
    return built


def test_wheel_contains_package_data(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in ("nordval/profiles/dcat-ap-3.toml", "nordval/shapes/dcat-ap-3/dcat-ap-3.ttl",
                     "nordval/vocabularies/eu-language.json", "nordval/vocabularies/ontology.ttl",
                     "nordval/contexts/index.json", "nordval/py.typed"):
        assert required in names


def test_installed_copy_validates_a_fixture(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target),
                    str(wheel)], check=True, capture_output=True, timeout=600)
    fixture = sorted(EXAMPLE.glob("*.ttl"))[0]
    env = {**os.environ, "PYTHONPATH": str(target)}
    result = subprocess.run(
        [sys.executable, "-c",
         "import nordval, sys; from nordval.cli import main; "
         "sys.stderr.write(nordval.__file__ + '\\n'); sys.argv[0] = 'nordval'; main()",
         "validate", "--profile", "dcat-ap-3", "--format", "json", str(fixture)],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300)
    assert result.stderr.splitlines()[0].startswith(str(target)), result.stderr
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["summary"]["error"] >= 1
    assert all(f["profile"] == "dcat-ap-3" for f in report["findings"])
