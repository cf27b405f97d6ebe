"""Cross-border gap fixtures: one folder per row of the research note's §6 table (fixtures/gaps/).

Each folder holds a small catalogue from its home country (``input.ttl``), the home-profile sidecar
``input.expect.toml`` (run by tests/profiles/test_fixtures.py) and ``expect.toml``: per target the
(focus, path) pairs that must block reuse (``[blocking.<target>]``, ``pairs = []``: nothing may
block), that must not block (``[not_blocking.<target>]``), that must warn (``[warnings.<target>]``),
the profile conflicts that must be reported once and blamed on no target (``[[conflict]]``), and
``nordval fix`` round trips (``[[fix]]``). docs/gaps.md describes the format.

Every fixture goes through ``nordval gaps --format json`` once (module-level cache); all assertions
on it read that one report. A table carrying ``xfail = "reason"`` is an expectation taken from the
specifications that nordval does not meet yet: the test is a strict xfail, so once nordval is fixed
it shows up as XPASS and the ``xfail`` line must go.

Golden files (tests/golden/gaps/) hold the four output formats of one representative case:
regenerate them with ``UPDATE_GOLDEN=1 pytest tests/cli/test_gap_fixtures.py`` and review the diff.
"""

from __future__ import annotations

import difflib
import functools
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
import tomllib
from click.testing import CliRunner, Result
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from nordval import __version__
from nordval.cli import cli
from tests.conftest import FIXTURES, ROOT

GAPS = FIXTURES / "gaps"
GOLDEN = ROOT / "tests" / "golden" / "gaps"
GOLDEN_CASE = "row-19-r5r-availability-vs-planned-availability"
GOLDEN_FORMATS = {"text": "txt", "json": "json", "markdown": "md", "html": "html"}
KINDS = ("blocking", "not_blocking", "warnings")
PROFILES = {"dcat-ap-2", "dcat-ap-3", "dcat-ap-hvd", "dcat-ap-dk", "dcat-ap-se", "dcat-ap-fi", "dcat-ap-no",
            "dcat-ap-no-3", "dcat-ap-is", "dcat-ap-ee", "dcat-ap-lv", "dcat-ap-lt"}
# research note §6: rows 1-36 and 25a; every one is covered by at least one fixture
SECTION_6_ROWS = {str(n) for n in range(1, 37)} | {"25a"}

Pair = tuple[str, str | None]


def _load(folder: Path) -> dict[str, Any]:
    data: dict[str, Any] = tomllib.loads((folder / "expect.toml").read_text(encoding="utf-8"))
    return data


EXPECT = {folder.name: _load(folder) for folder in sorted(p.parent for p in GAPS.glob("*/expect.toml"))}


def _pairs(raw: list[list[str]]) -> set[Pair]:
    """``[focus, path]`` lists; the path "" stands for a finding on the node itself (no path)."""
    return {(focus, path or None) for focus, path in raw}


def _invoke(*args: str, input: str | None = None) -> Result:
    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
    assert result.exit_code in (0, 1), f"exit {result.exit_code}\n{result.stdout}\n{result.stderr}"
    return result


@functools.cache
def _gaps_json(case: str, targets: tuple[str, ...]) -> tuple[int, str]:
    expect = EXPECT[case]
    result = _invoke("gaps", str(GAPS / case / "input.ttl"), "--from", expect["from"],
                     "--to", ",".join(targets or expect["to"]), "--format", "json")
    return result.exit_code, result.stdout


def gaps_report(case: str, targets: tuple[str, ...] = ()) -> tuple[int, dict[str, Any]]:
    """Exit code and JSON report of ``nordval gaps`` on a fixture (its own targets unless given), run once."""
    code, stdout = _gaps_json(case, targets)
    data: dict[str, Any] = json.loads(stdout)
    return code, data


@functools.cache
def fixed(case: str, index: int) -> tuple[str, dict[str, Any]]:
    """The Turtle ``nordval fix`` writes for a fixture's n-th [[fix]], and the gaps report on it."""
    expect = EXPECT[case]
    target = expect["fix"][index]["to"]
    turtle = _invoke("fix", str(GAPS / case / "input.ttl"), "--to", target).stdout
    result = _invoke("gaps", "-", "--data-format", "turtle", "--from", expect["from"], "--to", target,
                     "--format", "json", input=turtle)
    data: dict[str, Any] = json.loads(result.stdout)
    return turtle, data


def blocking(report: dict[str, Any], target: str) -> set[Pair]:
    return {(f["focus"], f["path"]) for f in report["targets"][target]["blocking"]}


def warnings(report: dict[str, Any], target: str) -> set[Pair]:
    return {(f["focus"], f["path"]) for f in report["targets"][target]["warnings"]}


def _xfail(reason: str | None) -> list[pytest.MarkDecorator]:
    return [pytest.mark.xfail(reason=reason, strict=True)] if reason else []


def _table_params() -> list[Any]:
    params = []
    for case, expect in EXPECT.items():
        for kind in KINDS:
            for target, table in expect.get(kind, {}).items():
                params.append(pytest.param(case, kind, target, id=f"{case}:{kind}:{target}",
                                           marks=_xfail(table.get("xfail") or expect.get("xfail"))))
    return params


def _conflict_params() -> list[Any]:
    return [pytest.param(case, n, id=f"{case}:conflict-{n}", marks=_xfail(c.get("xfail") or expect.get("xfail")))
            for case, expect in EXPECT.items() for n, c in enumerate(expect.get("conflict", []))]


def _fix_params(xfail_key: str) -> list[Any]:
    return [pytest.param(case, n, id=f"{case}:fix-{f['to']}", marks=_xfail(f.get(xfail_key)))
            for case, expect in EXPECT.items() for n, f in enumerate(expect.get("fix", []))]


# --- the fixture set -----------------------------------------------------------------------------

def test_every_row_of_section_6_has_a_fixture() -> None:
    covered = {str(expect["row"]) for expect in EXPECT.values()}
    assert covered == SECTION_6_ROWS, f"rows without fixture: {sorted(SECTION_6_ROWS - covered)}"


@pytest.mark.parametrize("case", sorted(EXPECT))
def test_expect_file_is_well_formed(case: str) -> None:
    expect = EXPECT[case]
    assert case.startswith(f"row-{int(str(expect['row']).rstrip('a')):02d}"), "folder name must start with row-<NN>"
    assert expect["from"] in PROFILES and expect["description"]
    assert expect["to"] and set(expect["to"]) <= PROFILES and expect["from"] not in expect["to"]
    for kind in KINDS:
        for target, table in expect.get(kind, {}).items():
            assert target in expect["to"], f"[{kind}.{target}]: {target} is not in 'to', so it is never run"
            assert all(len(p) == 2 and p[0].startswith("http") for p in table["pairs"])
            assert kind == "blocking" or table["pairs"], f"[{kind}.{target}] without pairs checks nothing"
    for conflict in expect.get("conflict", []):
        assert {"focus", "path", "profiles"} <= set(conflict) and len(conflict["profiles"]) >= 2
        assert set(conflict["profiles"]) <= set(expect["to"]) | {expect["from"]}
    for fix in expect.get("fix", []):
        assert fix["to"] in PROFILES and (GAPS / case / fix["expected"]).is_file()


@pytest.mark.parametrize("case", sorted(EXPECT))
def test_report_contract_and_exit_code(case: str) -> None:
    code, report = gaps_report(case)
    expect = EXPECT[case]
    assert list(report) == ["tool", "version", "from", "inputs", "home", "targets", "conflicts"]
    assert report["from"] == expect["from"] and list(report["targets"]) == expect["to"]
    reusable = [t["verdict"] == "reusable as is" and t["conforms"] and not t["blocking"]
                for t in report["targets"].values()]
    assert [bool(t["blocking"]) for t in report["targets"].values()] == [not r for r in reusable]
    assert code == (0 if all(reusable) else 1)
    for target in report["targets"].values():
        assert all(f["why"] for f in target["blocking"]), "every blocking gap says why the profiles differ"


# --- expectations per target ---------------------------------------------------------------------

@pytest.mark.parametrize(("case", "kind", "target"), _table_params())
def test_target_expectation(case: str, kind: str, target: str) -> None:
    _code, report = gaps_report(case)
    expected = _pairs(EXPECT[case][kind][target]["pairs"])
    if kind == "blocking" and not expected:
        assert blocking(report, target) == set(), f"{target} should reuse the record as is"
        assert report["targets"][target]["verdict"] == "reusable as is"
    elif kind == "blocking":
        missing = expected - blocking(report, target)
        assert not missing, f"not blocking in {target}: {sorted(missing, key=str)}"
    elif kind == "not_blocking":
        wrong = expected & blocking(report, target)
        assert not wrong, f"blocking in {target}, should not be: {sorted(wrong, key=str)}"
    else:
        missing = expected - warnings(report, target)
        assert not missing, f"no warning in {target}: {sorted(missing, key=str)}"


@pytest.mark.parametrize(("case", "index"), _conflict_params())
def test_conflict_is_reported_once_and_blocks_no_profile(case: str, index: int) -> None:
    _code, report = gaps_report(case)
    expected = EXPECT[case]["conflict"][index]
    found = [c for c in report["conflicts"] if (c["focus"], c["path"]) == (expected["focus"], expected["path"])]
    assert len(found) == 1, f"{len(found)} conflicts on ({expected['focus']}, {expected['path']}), want one"
    [conflict] = found
    assert set(expected["profiles"]) <= set(conflict["profiles"]), conflict["profiles"]
    assert conflict["explanation"] and conflict["rules"]
    for profile in set(expected["profiles"]) & set(report["targets"]):
        assert (expected["focus"], expected["path"]) not in blocking(report, profile), \
            f"the conflict is also blamed on the data in {profile}"


# --- nordval fix round trips ---------------------------------------------------------------------

@pytest.mark.parametrize(("case", "index"), _fix_params("xfail"))
def test_fix_round_trip_removes_the_gaps_and_adds_none(case: str, index: int) -> None:
    fix = EXPECT[case]["fix"][index]
    target = fix["to"]
    _code, before = gaps_report(case, (target,))
    _turtle, after = fixed(case, index)
    repaired = _pairs(fix["pairs"])
    assert repaired <= blocking(before, target), "the pairs to repair must block before the fix"
    assert not repaired & blocking(after, target), f"still blocking: {sorted(repaired & blocking(after, target))}"
    new = blocking(after, target) - blocking(before, target)
    assert not new, f"the fix introduced blocking gaps: {sorted(new, key=str)}"


@pytest.mark.parametrize(("case", "index"), _fix_params("xfail_graph"))
def test_fix_writes_the_expected_graph(case: str, index: int) -> None:
    fix = EXPECT[case]["fix"][index]
    turtle, _after = fixed(case, index)
    got = Graph().parse(data=turtle, format="turtle")
    want = Graph().parse(GAPS / case / fix["expected"], format="turtle")
    if not isomorphic(got, want):
        _both, only_got, only_want = graph_diff(to_isomorphic(got), to_isomorphic(want))
        def lines(graph: Graph) -> str:
            return "\n".join(sorted(" ".join(term.n3() for term in triple) for triple in graph))
        pytest.fail(f"rewritten graph differs from {fix['expected']}\nonly in nordval's output:\n{lines(only_got)}"
                    f"\nonly in the expected graph:\n{lines(only_want)}")


# --- golden files: every format of one representative case ---------------------------------------

# Inside a conflict explanation, "dcat-ap-3 (rule: value space; rule: value space)" lists a profile's
# rules in an order that depends on the hash seed (profile.active_rules() order; reported as an engine
# defect): the golden comparison sorts the rules of each such group.
_RULE_GROUP = re.compile(r"(?<= \()([^()]*)(?=\))")
_RULE_ITEM = re.compile(r"; (?=[a-z][\w-]*:[A-Z][\w.-]*: )")


def _normalised(text: str) -> str:
    """Machine-independent: the input path relative to the repository, a fixed tool version."""
    text = text.replace(str(ROOT) + os.sep, "").replace(f'"version": "{__version__}"', '"version": "0.0.0-test"')
    return _RULE_GROUP.sub(lambda m: "; ".join(sorted(_RULE_ITEM.split(m.group(1)))), text)


@pytest.mark.parametrize("fmt", sorted(GOLDEN_FORMATS))
def test_golden(fmt: str) -> None:
    expect = EXPECT[GOLDEN_CASE]
    if fmt == "json":
        _code, text = _gaps_json(GOLDEN_CASE, ())
    else:
        text = _invoke("gaps", str(GAPS / GOLDEN_CASE / "input.ttl"), "--from", expect["from"],
                       "--to", ",".join(expect["to"]), "--format", fmt).stdout
    text = _normalised(text)
    path = GOLDEN / f"{GOLDEN_CASE}.{GOLDEN_FORMATS[fmt]}"
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    assert path.exists(), f"{path} missing: run with UPDATE_GOLDEN=1"
    golden = path.read_bytes().decode("utf-8")
    diff = "".join(list(difflib.unified_diff(golden.splitlines(True), text.splitlines(True), "golden", "now"))[:60])
    assert text == golden, f"{path.name} differs from its golden file (UPDATE_GOLDEN=1 to accept):\n{diff}"


def test_golden_text_matrix_fits_120_columns() -> None:
    text = (GOLDEN / f"{GOLDEN_CASE}.txt").read_text(encoding="utf-8")
    matrix = text.split("\n\n")[1]
    assert max(len(line) for line in matrix.splitlines()) <= 120


# --- nordval profiles diff dcat-ap-no dcat-ap-se -------------------------------------------------

@functools.cache
def no_se_diff() -> dict[str, Any]:
    result = _invoke("profiles", "diff", "dcat-ap-no", "dcat-ap-se", "--format", "json")
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def _families(entries: list[dict[str, Any]]) -> set[str]:
    return {e["rule"].split(":", 1)[1] for e in entries}


# (family, aspect) pairs of the research note's §6 rows 1, 2, 7, 8, 11, 14, 17 for NO 2.2 vs SE
NO_SE_DIFFERENCES = {
    "licence": [("Catalog.license", "level"), ("Distribution.license.vocab", "value space"),
                ("DataService.license.vocab", "value space")],
    "format": [("Distribution.format", "level"), ("Distribution.format.vocab", "value space"),
               ("DataService.format", "level")],
    "theme": [("Dataset.theme", "level"), ("Dataset.theme.vocab", "value space")],
    "publisher": [("Dataset.publisher.kind", "node kind")],
}


@pytest.mark.parametrize("family", sorted(NO_SE_DIFFERENCES))
def test_profiles_diff_no_se_shows_the_differences(family: str) -> None:
    found = {(d["family"], d["aspect"]) for d in no_se_diff()["differences"]}
    missing = set(NO_SE_DIFFERENCES[family]) - found
    assert not missing, f"{family}: missing differences {sorted(missing)}"


def test_profiles_diff_no_se_rules_only_one_side_has() -> None:
    data = no_se_diff()
    only_no, only_se = _families(data["only_left"]), _families(data["only_right"])
    assert {"Catalog.license.vocab", "DataService.publisher.max"} <= only_no   # NAL licence; one publisher
    assert {"Catalog.license.value", "Kind.hasEmail", "Kind.type"} <= only_se   # CC0 catalogue; contact point
    assert {"CatalogRecord.modified", "CatalogRecord.primaryTopic"} <= only_no   # NO checks records, SE does not


def test_profiles_diff_no_se_shows_that_se_forbids_catalogue_records() -> None:
    """Research note §6 row 13: SE does not allow catalogue records, which NO 2.2 describes."""
    rows = [d for d in no_se_diff()["differences"] if d["family"] == "CatalogRecord" and d["aspect"] == "use"]
    assert [(d["left"], d["right"]) for d in rows] == [("allowed", "not allowed")]


def test_profiles_diff_no_se_text_names_the_families() -> None:
    text = _invoke("profiles", "diff", "dcat-ap-no", "dcat-ap-se").stdout
    for family in ("Catalog.license", "Distribution.format.vocab", "Dataset.theme", "Dataset.publisher.kind",
                   "Kind.hasEmail", "CatalogRecord.modified"):
        assert family in text, family
