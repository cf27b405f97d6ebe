"""The executors give the local run's report: a process pool and a Dask ``LocalCluster`` on loopback."""

from __future__ import annotations

import dataclasses
import importlib.util
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from rdflib import URIRef

from nordval import api, distributed
from nordval.distributed import DistributedError
from tests.conftest import FIXTURES

from .catalogue import generate
from .helpers import difference, document, partitioned, whole

CATALOGUE = generate(datasets=30, seed=11)
HAS_DASK = importlib.util.find_spec("dask") is not None and importlib.util.find_spec("distributed") is not None


SEVERAL = {str(shape) for shape, count in Counter(
    s for s, _o in distributed.profile_for(api.Options(profile="dcat-ap-3")).shapes.subject_objects(
        URIRef("https://w3id.org/nordval/ns#vocabulary"))).items() if count > 1}


def options(profile: str = "dcat-ap-3") -> api.Options:
    return api.Options(profile=profile, raise_errors=True)


def test_processes_executor() -> None:
    doc = document(CATALOGUE.text)
    expected = whole(doc, options())
    assert sum(f.rule == "dcat-ap-3:Dataset.title" for f in expected) == CATALOGUE.defects["missing_title"] == 2
    got = partitioned(doc, options(), batch=5, executor="processes", workers=2, split_min=5)
    assert got == expected, difference(expected, got)


@pytest.mark.skipif(not HAS_DASK, reason="dask.distributed is not installed (pip install 'nordval[dask]')")
def test_dask_local_cluster_gives_the_local_report(tmp_path: Path) -> None:
    """The bar: a LocalCluster run gives the same report as a local run, for several inputs at once."""
    catalogue = tmp_path / "catalogue.ttl"
    catalogue.write_text(CATALOGUE.text)
    paths = [str(catalogue), str(FIXTURES / "dcat-ap-3" / "invalid" / "ssb-turtle-syntax-error.ttl"),
             str(FIXTURES / "dcat-ap-3" / "invalid" / "opingogn-two-named-graphs.trig")]
    expected = api.validate(paths, options())
    # a rule with several code lists names one per process (Rule.vocabulary) in its fix: not here
    several = {r.id for r in distributed.profile_for(options()).rules.values() if r.vocabulary and r.iri in SEVERAL}
    assert not {f.rule for f in expected.findings} & several
    started = time.perf_counter()
    report = distributed.validate(paths, options(), executor="dask", batch=4, workers=2, split_min=5)
    elapsed = time.perf_counter() - started
    assert report == expected, difference(set(expected.findings), set(report.findings))
    assert report.counts()["error"] == expected.counts()["error"] > 10
    assert any(f.rule == "input.syntax" for f in report.findings)
    assert elapsed < 60, f"LocalCluster run took {elapsed:.1f}s"


def test_validate_report_matches_api_for_mixed_inputs() -> None:
    """Unparseable and non-RDF inputs take the ordinary path; RDF ones are partitioned."""
    paths = [str(FIXTURES / "dcat-ap-3" / "invalid" / "ssb-turtle-syntax-error.ttl"),
             str(FIXTURES / "dcat-ap-3" / "invalid" / "scb-format-as-literal.ttl"),
             str(FIXTURES / "xroad-soap" / "invalid" / "ee-rr-body-does-not-match-service-code.xml")]
    expected = api.validate(paths, options())
    assert {f.rule for f in expected.findings} >= {"input.syntax", "input.kind", "dcat-ap-3:Distribution.format.kind"}
    assert distributed.validate(paths, options(), batch=1) == expected


def test_unknown_executor_and_stray_scheduler_are_refused() -> None:
    doc = document(CATALOGUE.text)
    with pytest.raises(DistributedError, match="unknown executor 'threads'"):
        distributed.validate_partitioned(doc, options(), executor="threads")
    with pytest.raises(DistributedError, match="--scheduler needs --executor dask"):
        distributed.validate_partitioned(doc, options(), executor="processes", scheduler="tcp://127.0.0.1:8786")


@pytest.mark.skipif(not HAS_DASK, reason="dask.distributed is not installed")
def test_unreachable_scheduler_is_a_tool_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(distributed, "CONNECT_TIMEOUT", "1s")
    with pytest.raises(DistributedError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9"):
        distributed.validate_partitioned(document(CATALOGUE.text), options(), executor="dask",
                                         scheduler="tcp://127.0.0.1:9", batch=4)


def test_missing_dask_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "dask.distributed", None)  # import fails as if not installed
    with pytest.raises(DistributedError, match=r"pip install 'nordval\[dask\]'"):
        distributed.validate_partitioned(document(CATALOGUE.text), options(), executor="dask", batch=4)


def test_worker_with_other_profile_files_is_refused() -> None:
    """A worker whose profile differs from the caller's (digest) refuses instead of judging differently."""
    doc = document(CATALOGUE.text)
    task = distributed.tasks_for(doc, options(), distributed.profile_for(options()), batch=4)[0]
    with pytest.raises(DistributedError, match="resolves profile dcat-ap-3 to other rules than the caller"):
        distributed.run_task(dataclasses.replace(task, profile_digest="0" * 40))
    version, found = distributed.run_task(task)  # the real fingerprint is accepted again
    assert version == distributed.__version__ and found


def test_worker_with_another_version_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(distributed, "run_task", lambda task: ("0.0.1", []))
    with pytest.raises(DistributedError, match=r"the workers run nordval 0\.0\.1"):
        distributed.validate_partitioned(document(CATALOGUE.text), options(), batch=4)
