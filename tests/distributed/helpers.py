"""Whole-graph findings (the reference) and partitioned findings of the same document."""

from __future__ import annotations

from nordval import api, distributed
from nordval.inputs import Document, Source, load
from nordval.model import Finding


def document(text: str, name: str = "catalogue.ttl") -> Document:
    doc, problems = load(Source(name, data=text.encode()))
    assert doc is not None and not problems, problems
    return doc


def whole(doc: Document, options: api.Options) -> set[Finding]:
    """What a local run reports for the document (``api.validate_document``)."""
    profile = distributed.profile_for(options)
    return set(api.validate_document(doc, profile, api.languages_for(profile, options.lang), options.raise_errors,
                                         options.engine))


def partitioned(doc: Document, options: api.Options, batch: int, executor: str = "local",
                workers: int | None = None, split_min: int = distributed.DEFAULT_SPLIT) -> set[Finding]:
    """``split_min=0``: every per-value shape on an IRI is judged value by value (the hardest case)."""
    found = distributed.validate_partitioned(doc, options, executor=executor, batch=batch, workers=workers,
                                             split_min=split_min)
    assert len(found) == len(set(found)), "merged findings must be de-duplicated"
    return set(found)


def tasks(doc: Document, options: api.Options, batch: int,
          split_min: int = distributed.DEFAULT_SPLIT) -> list[distributed.Task]:
    return distributed.tasks_for(doc, options, distributed.profile_for(options), batch, split_min)


def difference(expected: set[Finding], got: set[Finding]) -> str:
    """Readable diff for an assertion message."""
    def show(f: Finding) -> str:
        loc = f.location
        return f"{f.rule} focus={loc.focus} path={loc.path} value={loc.value} line={loc.line}"
    lost = "\n".join("  lost  " + show(f) for f in sorted(expected - got, key=Finding.sort_key))
    extra = "\n".join("  extra " + show(f) for f in sorted(got - expected, key=Finding.sort_key))
    return f"partitioned findings differ from the whole graph's:\n{lost}\n{extra}"
