"""Differential on the reference artefacts in ../shared/reference: every document, both engines.

The conformance tests (tests/conformance) run nordval on the published suites and examples under
a given profile each; here every one of those (document, profile) pairs runs through pyshacl (the
reference) and the fast engine, and the findings must be identical. The documents and the profiles
come from the conformance modules themselves, so a document they add is compared here too.

One test per suite and profile: it compares every document, collects all disagreements and fails
listing the first few, and checks that it compared as many documents as the suite has (a suite that
silently shrank would otherwise pass). Every test skips when ../shared is absent (a user's clone).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from nordval.inputs import Document
from nordval.profiles import ResolvedProfile
from tests.conftest import SHARED_REFERENCE, shared_reference
from tests.engine.compare import difference, document_of, load_document, resolved, uncovered

# rdflib's TriG parser uses its own deprecated ConjunctiveGraph internally, once per block.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

NO_V3_SUITE = ("dcat-ap-no", "test-fixtures", "v3-shacl-tests")
SHOWN = 5  # disagreements listed in a failure message


def _disagreements(pairs: Iterable[tuple[Document, ResolvedProfile]]) -> tuple[int, list[str]]:
    """How many documents were compared, and what each disagreement was.

    A profile the fast engine does not cover entirely would have ``auto`` fall back to pyshacl for
    some shapes, comparing pyshacl with itself there: that fails first.
    """
    compared = 0
    problems: list[str] = []
    checked: set[str] = set()
    for document, profile in pairs:
        if profile.id not in checked:
            checked.add(profile.id)
            assert not uncovered(profile), f"{profile.id}: shapes the fast engine leaves to pyshacl"
        compared += 1
        found = difference(document, profile)
        if found:
            problems.append(found)
    return compared, problems


def _failure(problems: list[str], compared: int) -> str:
    return f"{len(problems)} of {compared} documents disagree:\n" + "\n".join(problems[:SHOWN])


@cache
def _profile(profile_id: str) -> ResolvedProfile:
    return resolved(profile_id)


# --- the DCAT-AP-NO v3 SHACL test suite ---------------------------------------------------------------

def _no_v3_pairs(repaired: bool, folder: str) -> list[tuple[Document, ResolvedProfile]]:
    """The suite's cases as its conformance test builds them (block + base graph) and profiles them:
    ``controlled-vocs`` under the vocabulary module without snapshots, the rest under dcat-ap-no-3."""
    shared_reference(*NO_V3_SUITE)
    from tests.conformance.test_dcat_ap_no_v3_suite import _profiles, cases

    core, harvest = _profiles()
    chosen = [case for case in cases(repaired) if case.id.split("/")[1] == folder and (repaired or case.typo)]
    return [(document_of(case.data, case.id), harvest if "/controlled-vocs/" in case.id else core)
            for case in chosen]


# folder -> cases in it (166 valid and 359 invalid in all)
NO_V3_FOLDERS = {"core": 442, "controlled-vocs": 83}


@pytest.mark.parametrize("folder", sorted(NO_V3_FOLDERS))
def test_the_engines_agree_on_every_case_of_the_dcat_ap_no_v3_suite(folder: str) -> None:
    compared, problems = _disagreements(_no_v3_pairs(repaired=True, folder=folder))
    assert compared == NO_V3_FOLDERS[folder]
    assert not problems, _failure(problems, compared)


def test_the_engines_agree_on_the_no_v3_cases_as_published() -> None:
    """The cases with the mistyped ``dcatap:`` prefix, unrepaired (``test_mistyped_dcatap_iris_are_flagged``)."""
    pairs = [pair for folder in NO_V3_FOLDERS for pair in _no_v3_pairs(repaired=False, folder=folder)]
    compared, problems = _disagreements(pairs)
    assert compared == 27
    assert not problems, _failure(problems, compared)


# --- example sets: files under ../shared/reference --------------------------------------------------

def _under_reference(paths: Iterable[Path]) -> list[Path]:
    """The reference documents of a conformance module's inputs (its fixtures are compared elsewhere)."""
    return [p for p in paths if p.is_relative_to(SHARED_REFERENCE)]


def _dcat_ap_3_examples() -> list[Path]:
    from tests.conformance.test_dcat_ap_3_examples import EXAMPLES, EXPECTED, NOT_TURTLE
    from tests.conformance.test_dcat_ap_3_official import CONFIGS

    official = [p for c in CONFIGS if c.profile == "dcat-ap-3" for p in _under_reference(c.inputs())]
    return sorted({*official, *(EXAMPLES / name for name in [*EXPECTED, *NOT_TURTLE])})


def _dcat_ap_se_examples() -> list[Path]:
    from tests.conformance.test_dcat_ap_se_examples import EXPECTED

    return [SHARED_REFERENCE / "dcat-ap-se" / "examples" / name for name in sorted(EXPECTED)]


def _cpsv_ap_no_examples() -> list[Path]:
    from tests.conformance.test_cpsv_ap_no_examples import _examples

    return _examples()


def _cpsv_ap_3_example() -> list[Path]:
    """The official CPSV-AP 3.2.0 example, Turtle and JSON-LD (cpsv-ap-3, cpsv-ap-sdg and, for the
    Turtle, cpsv-ap-no's ``test_official_eu_example_fails_cpsv_ap_no_rule_by_rule``)."""
    from tests.conformance.test_cpsv_ap_3_official import EXAMPLES, REFERENCE
    from tests.conformance.test_cpsv_ap_sdg_official import EXAMPLES as SDG_EXAMPLES

    return [REFERENCE / name for name in dict.fromkeys([*EXAMPLES, *SDG_EXAMPLES])]


def _dcat_ap_2_official() -> list[Path]:
    from tests.conformance.test_dcat_ap_2_official import _inputs

    return _under_reference(_inputs())


def _dcat_ap_dk_official() -> list[Path]:
    from tests.conformance.test_dcat_ap_dk_official import _inputs

    return _under_reference(_inputs())


def _dcat_ap_fi_official() -> list[Path]:
    from tests.conformance.test_dcat_ap_fi_official import _inputs

    return _under_reference(_inputs())


def _dcat_ap_no_official(profile: str) -> Callable[[], list[Path]]:
    def paths() -> list[Path]:
        from tests.conformance.test_dcat_ap_no_official import CONFIGS

        return [p for c in CONFIGS if c.profile == profile for p in _under_reference(c.inputs())]
    return paths


@dataclass(frozen=True)
class ExampleSet:
    """Reference files and the profile a conformance module validates them with.

    ``files`` and ``rdf`` are the counts today: a set that shrinks, or a file that stops parsing
    (the engines never see it then), fails instead of comparing less.
    """

    name: str
    folders: tuple[str, ...]  # under ../shared/reference; the test skips unless all are there
    profile: str
    paths: Callable[[], list[Path]]
    files: int
    rdf: int

    def __str__(self) -> str:
        return f"{self.name}:{self.profile}"


EXAMPLE_SETS = (
    # 2 of the 15 are not Turtle (input.syntax)
    ExampleSet("dcat-ap-3-examples", ("dcat-ap-3",), "dcat-ap-3", _dcat_ap_3_examples, 15, 13),
    ExampleSet("dcat-ap-se-examples", ("dcat-ap-se",), "dcat-ap-se", _dcat_ap_se_examples, 4, 4),
    # 4 of the 42 use undeclared prefixes or have a syntax error (input.syntax)
    *(ExampleSet("cpsv-ap-no-examples", ("cpsv-ap-no",), p, _cpsv_ap_no_examples, 42, 38)
      for p in ("cpsv-ap-no", "cpsv-ap-3", "cpsv-ap-sdg")),
    *(ExampleSet("cpsv-ap-3-official-example", ("cpsv-ap-3",), p, _cpsv_ap_3_example, 2, 2)
      for p in ("cpsv-ap-3", "cpsv-ap-sdg", "cpsv-ap-no")),
    ExampleSet("dcat-ap-2-official", ("dcat-ap-2",), "dcat-ap-2", _dcat_ap_2_official, 2, 2),
    ExampleSet("dcat-ap-dk-official", ("dcat-ap-dk", "dcat-ap-2"), "dcat-ap-dk", _dcat_ap_dk_official, 5, 5),
    ExampleSet("dcat-ap-fi-official", ("dcat-ap-fi", "dcat-ap-2"), "dcat-ap-fi", _dcat_ap_fi_official, 2, 2),
    *(ExampleSet("dcat-ap-no-official", ("dcat-ap-no",), p, _dcat_ap_no_official(p), 4, 4)
      for p in ("dcat-ap-no", "dcat-ap-no-3")),
)


@pytest.mark.parametrize("examples", EXAMPLE_SETS, ids=str)
def test_the_engines_agree_on_every_reference_example(examples: ExampleSet) -> None:
    for folder in examples.folders:
        shared_reference(folder)
    paths = examples.paths()
    assert len(paths) == examples.files, [p.name for p in paths]
    documents = [d for d in map(load_document, paths) if d is not None]
    assert len(documents) == examples.rdf
    profile = _profile(examples.profile)
    compared, problems = _disagreements((document, profile) for document in documents)
    assert not problems, _failure(problems, compared)
