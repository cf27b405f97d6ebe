"""Plain pyshacl on nordval's exported shapes: the baseline nordval is compared with.

What a user without nordval would write: parse the data, merge the exported vocabularies
into it (code-list membership is data-side knowledge), call ``pyshacl.validate``. With
``--each`` every file is validated in turn in this one process and the shapes file is parsed
again for every file, as a naive loop over a directory does.

``--vocab full`` merges the whole exported vocabulary file (what the export's help text says
to do); ``--vocab used`` merges only the vocabulary triples about IRIs the input mentions,
which is what nordval adds internally, and is the only affordable choice for many files.

Result counts are split into findings about the input and findings whose focus node is only
described by the vocabulary file (nordval never reports those), and written as JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from pyshacl import validate
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

SEVERITY = {SH.Violation: "error", SH.Warning: "warning", SH.Info: "info"}


def used_vocabulary(data: Graph, vocab: Graph) -> Graph:
    """The vocabulary triples about IRIs that occur in ``data``."""
    out = Graph()
    iris = {t for t in data.subjects() if isinstance(t, URIRef)}
    iris.update(t for t in data.objects() if isinstance(t, URIRef))
    for iri in iris:
        for p, o in vocab.predicate_objects(iri):
            out.add((iri, p, o))
    return out


def count(report: Graph, vocab: Graph, tally: dict[str, Any]) -> None:
    """Add the report's results to ``tally``, counted the way nordval counts findings.

    Only top-level results (``sh:result``) count: the nested ``sh:detail`` results of a failed
    ``sh:node`` explain a result already reported. Results about a node the vocabulary file
    describes (a code-list concept or scheme) are background, not input findings.
    """
    top = set(report.objects(None, SH.result))
    tally["nested"]["error"] += sum(1 for r in report.subjects(RDF.type, SH.ValidationResult) if r not in top)
    for result in top:
        severity = SEVERITY.get(report.value(result, SH.resultSeverity), "error")  # type: ignore[call-overload]
        focus = report.value(result, SH.focusNode)
        background = (focus, None, None) in vocab
        tally["background" if background else "input"][severity] += 1
        if background:
            continue
        tally["shapes"][f"{severity} {report.value(result, SH.sourceShape)}"] += 1
        if severity == "error":
            tally["error_focus"][str(focus)] += 1


def run_one(path: Path, shapes: Graph | None, shapes_path: Path, vocab: Graph, mode: str,
            tally: dict[str, Any]) -> None:
    data = Graph().parse(path)
    merged = Graph()
    merged += data
    merged += vocab if mode == "full" else used_vocabulary(data, vocab)
    shacl = shapes if shapes is not None else Graph().parse(shapes_path)  # naive: parse per file
    _conforms, report, _text = validate(merged, shacl_graph=shacl, inference="none", allow_warnings=True,
                                        allow_infos=True)
    assert isinstance(report, Graph)
    count(report, vocab, tally)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--shapes", type=Path, required=True)
    parser.add_argument("--vocabularies", type=Path, required=True)
    parser.add_argument("--vocab", choices=("full", "used"), default="full")
    parser.add_argument("--each", action="store_true", help="validate each file of a directory separately")
    parser.add_argument("--out", type=Path, required=True, help="JSON file for the counts")
    parser.add_argument("inputs", nargs="+", type=Path)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    files: list[Path] = []
    for item in args.inputs:
        files.extend(sorted(p for p in item.iterdir() if p.suffix in {".ttl", ".nt"}) if item.is_dir() else [item])
    vocab = Graph().parse(args.vocabularies)  # once: even a naive script hoists this 70k-triple file
    tally: dict[str, Any] = {"input": Counter(), "background": Counter(), "nested": Counter(),
                             "error_focus": Counter(), "shapes": Counter()}
    shapes = None if args.each else Graph().parse(args.shapes)
    for path in files:
        run_one(path, shapes, args.shapes, vocab, args.vocab, tally)
    result = {
        "files": len(files),
        "vocab": args.vocab,
        "seconds": round(time.perf_counter() - started, 3),
        **{k: {s: tally[k][s] for s in ("error", "warning", "info")} for k in ("input", "background")},
        "nested_results": tally["nested"]["error"],
        "error_focus": dict(sorted(tally["error_focus"].items())),
        "shapes": dict(sorted(tally["shapes"].items())),
    }
    args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
