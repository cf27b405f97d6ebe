"""Validate one catalogue in partitions, sequentially, on local processes, or on a Dask cluster.

``partition.plan`` cuts each RDF graph so that the merged findings of the partitions are those of
the whole graph; this module ships the partitions to an executor, validates each one through
``api.validate_document`` (the same path as a local run, background knowledge included), keeps
the findings each partition is responsible for, and merges them into one sorted list with line
numbers computed against the whole document.

    findings = validate_partitioned(document, Options(profile="dcat-ap-3"), executor="processes")
    report = validate(["cat.ttl"], options, executor="dask", scheduler="tcp://10.0.0.5:8786")

Executors: ``local`` (in this process, one partition after the other: the reference, and what
tests use), ``processes`` (a process pool on this machine), ``dask`` (``dask.distributed``: the
cluster at ``scheduler``, or a ``LocalCluster`` started for the run). Every worker resolves the
profile once and keeps it (and the engine's compiled shapes) for all its tasks.
"""

from __future__ import annotations

import dataclasses
import hashlib
import inspect
import logging
import multiprocessing
import os
import socket
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

from rdflib import BNode

from . import __version__, api
from .errors import NordvalError
from .inputs import Document, Source, expand, load
from .model import Finding, Report
from .partition import DEFAULT_BATCH, DEFAULT_SPLIT, Partition, plan
from .profiles import ResolvedProfile
from .validators import shacl

EXECUTORS = ("local", "processes", "dask")
CONNECT_TIMEOUT = "30s"  # to reach a Dask scheduler
_LOG = logging.getLogger("nordval.distributed")
_LOG.addHandler(logging.NullHandler())


class DistributedError(NordvalError):
    """The executor could not run (Dask missing, scheduler unreachable, a worker with other rules)."""


@dataclass(frozen=True)
class Task:
    """One partition and what a worker needs to validate it like the whole document."""

    options: api.Options
    source: str
    syntax: str
    part: Partition
    profile_digest: str = ""  # the caller's profile; a worker that resolves another one refuses


_W3C = ("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "http://www.w3.org/2000/01/rdf-schema#",
        "http://www.w3.org/2002/07/owl#", "http://www.w3.org/2001/XMLSchema#", "http://www.w3.org/ns/shacl#")
ProfileKey = tuple[str | None, tuple[str, ...], tuple[str, ...], tuple[str, ...]]
_PROFILES: dict[ProfileKey, tuple[ResolvedProfile, str]] = {}


def _key(options: api.Options) -> ProfileKey:
    return (options.profile, options.profile_path, options.shapes, options.schemas)


def profile_digest(profile: ResolvedProfile) -> str:
    """A fingerprint of what a profile checks and says (shapes, rules, code lists, nordval version).

    Workers are long-lived and may sit on other machines: the fingerprint shows that they judge
    with the caller's rules (same version, same --shapes/--profile-path files).
    """
    digest = hashlib.sha1(__version__.encode())
    # not the W3C vocabularies' own axioms: pyshacl adds some to the cached shapes graphs it is given
    lines = sorted(" ".join("_:" if isinstance(term, BNode) else term.n3() for term in triple)
                   for triple in profile.shapes if not str(triple[0]).startswith(_W3C))
    for line in lines:
        digest.update(line.encode())
    for iri in sorted(profile.rules):
        rule = profile.rules[iri]
        # in the order of the files, not of this process's hashing: messages by language in sorted
        # order, and not Rule.vocabulary, which for a shape with several nv:vocabulary values is
        # picked per process (the shapes triples above carry all of them)
        fields = ((f.name, getattr(rule, f.name)) for f in dataclasses.fields(rule) if f.name != "vocabulary")
        digest.update(repr([(k, sorted(v.items()) if isinstance(v, dict) else v) for k, v in fields]).encode())
    digest.update(repr(profile.vocabularies).encode())
    return digest.hexdigest()


def resolve(options: api.Options) -> ResolvedProfile:
    """Resolve the profile afresh (as ``api.validate`` does) and remember it for tasks in this process."""
    profile = options.resolve()
    _PROFILES[_key(options)] = (profile, profile_digest(profile))
    return profile


def profile_for(options: api.Options) -> ResolvedProfile:
    """The profile last resolved for these options in this process (resolved now if none)."""
    cached = _PROFILES.get(_key(options))
    return cached[0] if cached is not None else resolve(options)


def _worker_profile(options: api.Options, expected: str) -> ResolvedProfile:
    """The profile once per worker process (shapes harvest and engine plan are cached on it)."""
    cached = _PROFILES.get(_key(options))
    if cached is not None and (cached[1] == expected or not expected):
        return cached[0]
    profile = resolve(options)  # first task here, or the files changed since the last run
    found = _PROFILES[_key(options)][1]
    if expected and found != expected:
        raise DistributedError(f"worker {socket.gethostname()} resolves profile {options.profile or '(ad hoc)'} "
                               f"to other rules than the caller (fingerprint {found[:12]}, caller {expected[:12]}: "
                               "another nordval version, or different --profile-path/--shapes files); give every "
                               "worker the same files")
    return profile


_ENGINE_PARAMETER = "engine" in inspect.signature(api.validate_document).parameters


def run_task(task: Task) -> tuple[str, list[Finding]]:
    """Validate one partition (on a worker); returns this nordval's version and the kept findings."""
    options = task.options
    profile = _worker_profile(options, task.profile_digest)
    document = Document(task.source, "rdf", task.syntax, graphs=[(task.part.graph_name, task.part.graph())])
    return __version__, [f for f in _validate_document(document, profile, options) if task.part.keeps(f)]


def _validate_document(document: Document, profile: ResolvedProfile, options: api.Options) -> list[Finding]:
    languages = api.languages_for(profile, options.lang)
    if _ENGINE_PARAMETER:
        return api.validate_document(document, profile, languages, options.raise_errors, engine=options.engine)
    return api.validate_document(document, profile, languages, options.raise_errors)  # pragma: no cover


# --- executors ------------------------------------------------------------------------------------

Runner = Callable[[Sequence[Task]], Iterator[tuple[str, list[Finding]]]]


def _local(tasks: Sequence[Task]) -> Iterator[tuple[str, list[Finding]]]:
    return (run_task(task) for task in tasks)


@contextmanager
def executor_for(executor: str = "local", scheduler: str | None = None,
                 workers: int | None = None) -> Iterator[Runner]:
    """A function that runs tasks on the chosen executor; the pool or client lives for the block."""
    if executor not in EXECUTORS:
        raise DistributedError(f"unknown executor {executor!r}; known: {', '.join(EXECUTORS)}")
    if scheduler and executor != "dask":
        raise DistributedError("--scheduler needs --executor dask")
    if executor == "local":
        yield _local
    elif executor == "processes":
        # fork keeps the profile this process already resolved; elsewhere each worker resolves it once
        method = "fork" if sys.platform == "linux" else None
        context = multiprocessing.get_context(method)
        with ProcessPoolExecutor(max_workers=workers or os.cpu_count() or 1, mp_context=context) as pool:
            yield lambda tasks: pool.map(run_task, tasks)
    else:
        with _dask_client(scheduler, workers) as client:
            yield lambda tasks: _dask_run(client, tasks)


@contextmanager
def _dask_client(scheduler: str | None, workers: int | None) -> Iterator[Any]:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise DistributedError("--executor dask needs dask.distributed; install it with "
                               "pip install 'nordval[dask]'") from None
    if scheduler:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as exc:
            raise DistributedError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        with client:
            yield client
        return
    with LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                      host="127.0.0.1", dashboard_address="127.0.0.1:0") as cluster, Client(cluster) as client:
        yield client


def _dask_run(client: Any, tasks: Sequence[Task]) -> Iterator[tuple[str, list[Finding]]]:
    """Ship each partition to the workers (scattered: large payloads stay out of the task graph)."""
    if not tasks:
        return iter(())
    data = client.scatter(list(tasks), hash=False)
    futures = client.map(run_task, data, pure=False)
    return iter(client.gather(futures))


# --- public entry points --------------------------------------------------------------------------

def tasks_for(document: Document, options: api.Options, profile: ResolvedProfile,
              batch: int = DEFAULT_BATCH, split_min: int = DEFAULT_SPLIT) -> list[Task]:
    """The partitions of every graph of an RDF document, as tasks."""
    resolve_key = _PROFILES.get(_key(options))
    digest = resolve_key[1] if resolve_key is not None and resolve_key[0] is profile else profile_digest(profile)
    tasks: list[Task] = []
    for graph_name, graph in document.graphs:
        planned = plan(graph, profile, batch, graph_name, split_min=split_min)
        if planned.reason:
            _LOG.warning("%s: validated as one partition: %s", document.source, planned.reason)
        tasks.extend(Task(options, document.source, document.syntax, part, digest) for part in planned.partitions)
    # largest first: the longest tasks start first, so that no worker waits for one at the end
    return sorted(tasks, key=lambda task: -len(task.part))


def merge(document: Document, found: Iterable[Finding]) -> list[Finding]:
    """De-duplicate (a finding may come from two partitions), sort as reports do, add lines."""
    unique = sorted(set(found), key=lambda f: (*f.sort_key(), f.constraint or "", f.fix or "", f.see or "",
                                               f.profile or "", f.layer or ""))
    return api.with_lines(document, unique)


def validate_partitioned(document: Document, options: api.Options, executor: str = "local",
                         scheduler: str | None = None, batch: int = DEFAULT_BATCH, workers: int | None = None,
                         runner: Runner | None = None, profile: ResolvedProfile | None = None,
                         split_min: int = DEFAULT_SPLIT) -> list[Finding]:
    """The findings ``api.validate_document`` gives for ``document``, computed partition by partition.

    A non-RDF document is validated whole, in this process. ``runner`` reuses an open executor
    (see ``executor_for``) across documents; ``profile`` defaults to the one last resolved for
    ``options`` in this process (``resolve`` reads the files again).
    """
    profile = profile or profile_for(options)
    if document.kind != "rdf":
        return _validate_document(document, profile, options)
    tasks = tasks_for(document, options, profile, batch, split_min)
    if runner is None:
        with executor_for(executor, scheduler, workers) as run:
            results = list(run(tasks))
    else:
        results = list(runner(tasks))
    versions = {version for version, _found in results} - {__version__}
    if versions:
        raise DistributedError(f"the workers run nordval {', '.join(sorted(versions))}, this is {__version__}; "
                               "install the same version everywhere")
    return merge(document, (f for _version, found in results for f in found))


def validate(paths: Iterable[str] | None = None, options: api.Options | None = None,
             sources: Sequence[Source] | None = None, executor: str = "local", scheduler: str | None = None,
             batch: int = DEFAULT_BATCH, workers: int | None = None, split_min: int = DEFAULT_SPLIT) -> Report:
    """``api.validate`` with RDF inputs partitioned and run on ``executor``; the same report."""
    options = options or api.Options()
    profile = resolve(options)
    if options.engine == "fast":
        shacl.require_fast(profile)
    all_sources = list(sources or []) + (expand(paths) if paths else [])
    findings: list[Finding] = []
    with executor_for(executor, scheduler, workers) as runner:
        for source in all_sources:
            document, problems = load(source, options.data_format, options.allow_network)
            if document is None:
                findings.extend(replace(f, profile=profile.id) for f in problems)
                continue
            findings.extend(problems)
            findings.extend(validate_partitioned(document, options, batch=batch, runner=runner, profile=profile,
                                                 split_min=split_min))
    return Report.build((s.name for s in all_sources), profile.id, findings)
