"""Differential on a sample of the DCAT-AP-NO v3 SHACL test graphs (reference data outside the repository).

Every fourth case of the suite, merged with its base graph as its own runner does, validated with
the profile the conformance test uses for it; the engines must agree.
"""

from __future__ import annotations

import pytest

from tests.conftest import shared_reference
from tests.engine.compare import difference

SUITE = ("dcat-ap-no", "test-fixtures", "v3-shacl-tests")


def test_the_engines_agree_on_a_sample_of_the_suite() -> None:
    shared_reference(*SUITE)
    from tests.conformance.test_dcat_ap_no_v3_suite import _profiles, cases
    from tests.engine.compare import document_of

    resolved, harvest = _profiles()
    sample = cases()[::4]
    assert len(sample) > 100
    problems = []
    for case in sample:
        profile = harvest if "/controlled-vocs/" in case.id else resolved
        found = difference(document_of(case.data, case.id), profile)
        if found:
            problems.append(found)
    assert not problems, "\n".join(problems[:5])


pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
