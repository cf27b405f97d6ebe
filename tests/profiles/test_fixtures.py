"""Data-driven: nordval's own fixtures are a suite, run through the suite runner.

Every fixture with an ``.expect.toml`` sidecar is a case (see fixtures/README.md): adding a
case means adding a file and its sidecar, not a test function. Errors must match exactly
(nothing else may be flagged as an error); listed warnings and infos must be present.
"""

from __future__ import annotations

import pytest

from nordval import profiles, suite
from tests.conftest import FIXTURES

PROFILE_FOLDERS = sorted(p for p in FIXTURES.iterdir() if p.is_dir() and p.name in profiles.registry())
CASES = [case for folder in PROFILE_FOLDERS for case in suite.discover(folder)]


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.profile}/{c.name}")
def test_fixture(case: suite.Case) -> None:
    [result] = suite.run([case])
    assert result.passed, "\n".join(result.problems)


def test_every_fixture_has_a_sidecar() -> None:
    data = [p for folder in PROFILE_FOLDERS for p in folder.glob("*/*") if p.suffix in suite.DATA_SUFFIXES]
    lonely = [p for p in data if not p.with_name(p.name.rsplit(".", 1)[0] + ".expect.toml").exists()]
    assert not lonely, f"fixtures without an .expect.toml sidecar: {lonely}"
