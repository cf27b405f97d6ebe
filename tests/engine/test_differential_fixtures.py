"""Differential: every RDF fixture gives the same findings on the fast engine as on pyshacl.

pyshacl is the reference. The fixtures are validated with the profile of their folder (gap
fixtures also with every profile their row compares them with), once with ``--engine pyshacl``
and once with ``auto``, and the findings must be the same set, field for field. The shipped
profiles must be fully covered by the fast engine, or ``auto`` would quietly compare pyshacl
with itself.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from nordval import profiles
from tests.conftest import FIXTURES
from tests.engine.compare import difference, fixture_cases, load_document, resolved, uncovered

CASES = list(fixture_cases())


@pytest.mark.parametrize(("profile_id", "path"), CASES,
                         ids=[f"{p}:{path.relative_to(FIXTURES)}" for p, path in CASES])
def test_fixture_findings_are_identical(profile_id: str, path: Path) -> None:
    document = load_document(path)
    if document is None:
        pytest.skip("not an RDF document (XML, or unreadable): the SHACL engines never see it")
    assert difference(document, resolved(profile_id)) == ""


def test_the_fixtures_cover_every_rdf_profile_folder() -> None:
    used = {profile_id for profile_id, _path in CASES}
    assert {"dcat-ap-3", "dcat-ap-hvd", "dcat-ap-no-3", "dcat-ap-se", "dcat-ap-dk", "cpsv-ap-3"} <= used
    assert len(CASES) > 250


@pytest.mark.parametrize("profile_id", sorted(profiles.registry()))
def test_shipped_profiles_run_entirely_on_the_fast_engine(profile_id: str) -> None:
    profile = resolved(profile_id)
    if not len(profile.shapes):
        pytest.skip(f"{profile_id} has no SHACL shapes")
    assert uncovered(profile) == ()
