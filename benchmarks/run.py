"""Time nordval's SHACL engines on synthetic DCAT-AP 3 catalogues, and check that they agree.

Tools (``--tools``, comma-separated):

* ``fast``      ``nordval validate --engine fast`` on the Turtle catalogue (rdflib parses it);
* ``stream``    the same on the N-Triples copy: pyoxigraph parses it straight into the engine;
* ``reference`` ``nordval validate --engine pyshacl`` on the Turtle catalogue (same plumbing, pyshacl);
* ``pyshacl``   plain pyshacl on the exported shapes (``_pyshacl.py``, no nordval at all);
* ``jena``      Apache Jena's ``shacl validate`` (Debian's ``libapache-jena-java``, made runnable by
                ``_jena.py``) on the exported shapes and the N-Triples copy merged with the vocabulary
                triples about the IRIs it uses (what pyshacl gets too), if Jena is installed.

Every measurement runs in a fresh wrapper process (``_measure.py``) so that its peak RSS is its
own; the tools alternate within a run so that drift of a shared machine favours none. The fast
engine's report must equal the reference's finding for finding (the streamed one too, apart
from line numbers, which belong to another file); a mismatch is printed and written to the
results. Seeded defects must all be flagged.

    python benchmarks/run.py --sizes 1000,5000,20000 --reference-max 5000 --out benchmarks/out
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import _jena

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
NORDVAL = str(Path(PYTHON).with_name("nordval"))
PROFILE = "dcat-ap-3"
SHAPES_NS = "https://w3id.org/nordval/shapes/"
SOURCE_SHAPES = HERE.parent / "nordval" / "shapes" / PROFILE / f"{PROFILE}.ttl"
TOOLS = ("fast", "stream", "reference", "pyshacl", "jena")
SLOW = ("reference", "pyshacl")  # half an hour at 20 000 datasets: measured once even with --repeat

# Figures of /work/shared/research/perf-baseline.md (official DCAT-AP 3.0.1 shapes, not nordval's;
# same generator idea, 2 shared cores): wall time and peak RSS, for comparison only.
BASELINE = {
    "Apache Jena 4.5, official core shapes (T)": {1000: "2.2 s, 257 MB", 5000: "4.4 s, 847 MB",
                                                  20000: "12.0 s, 2.7 GB"},
    "Apache Jena 4.5, official full modular set (F)": {1000: "2.9 s, 381 MB", 5000: "6.3 s, 1.5 GB",
                                                       20000: "21.9 s, 4.8 GB"},
    "pyshacl 0.40.1, official core shapes (T)": {1000: "9.6 s, 110 MB", 5000: "47.6 s, 354 MB",
                                                 20000: "194.5 s, 1.2 GB"},
}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16] if path.exists() else "-"


@dataclass
class Measurement:
    tool: str
    datasets: int
    triples: int
    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    peaks_kib: list[int] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    error_focus: dict[str, int] = field(default_factory=dict)
    findings: list[dict[str, Any]] = field(default_factory=list)
    failed: str | None = None

    def row(self) -> list[str]:
        case = f"{self.datasets} datasets ({self.triples} triples)"
        if self.failed:
            return [self.tool, case, self.failed, "-", "-", "-", "-", "-"]
        return [self.tool, case, f"{statistics.median(self.walls):.1f}", f"{statistics.median(self.cpus):.1f}",
                f"{statistics.median(self.peaks_kib) / 1024:.0f}", *(str(self.counts.get(k, "-"))
                                                                     for k in ("error", "warning", "info"))]


def measured(command: list[str], timeout: float) -> dict[str, Any]:
    """Run ``command`` under ``_measure.py``; its stdout is the measurement."""
    wrapper = [PYTHON, str(HERE / "_measure.py"), "--timeout", str(timeout), "--", *command]
    done = subprocess.run(wrapper, capture_output=True, text=True, check=False)
    if not done.stdout.strip():
        raise RuntimeError(f"measurement failed: {' '.join(command)}\n{done.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result["stderr"] = done.stderr[-2000:]
    return result


def read_nordval(path: Path, into: Measurement) -> None:
    report = json.loads(path.read_text(encoding="utf-8"))
    into.counts = {k: int(report["summary"].get(k, 0)) for k in ("error", "warning", "info")}
    into.findings = report["findings"]


def read_pyshacl(path: Path, into: Measurement) -> None:
    report = json.loads(path.read_text(encoding="utf-8"))
    into.counts = dict(report["input"])
    into.error_focus = dict(report["error_focus"])


def commands(tool: str, ttl: Path, nt: Path, out: Path, shapes: Path, vocab: Path, heap: str) -> list[str]:
    report = out / f"{tool}-{ttl.stem}.json"
    nordval = [NORDVAL, "validate", "--profile", PROFILE, "--format", "json", "--fail-on", "never", "-o", str(report)]
    if tool == "fast":
        return [*nordval, "--engine", "fast", str(ttl)]
    if tool == "stream":
        return [*nordval, "--engine", "fast", str(nt)]
    if tool == "reference":
        return [*nordval, "--engine", "pyshacl", str(ttl)]
    if tool == "pyshacl":
        return [PYTHON, str(HERE / "_pyshacl.py"), "--shapes", str(shapes), "--vocabularies", str(vocab),
                "--vocab", "used", "--out", str(report), str(ttl)]
    merged = out / "data" / f"jena-{ttl.stem}.nt"
    return ["sh", "-c", f"{' '.join(_jena.prepare(out / 'jena', heap))} validate --shapes {shapes} --data {merged} "
            f"> {out / f'{tool}-{ttl.stem}.ttl'}"]


def merge_used_vocabulary(nt: Path, vocab_nt: Path, target: Path) -> None:
    """``nt`` plus the vocabulary triples about IRIs it mentions, as N-Triples, for Jena.

    Read with pyoxigraph (not rdflib) so that preparing a 100k-dataset input costs seconds;
    this runs before the measurement and is not part of it.
    """
    import pyoxigraph

    about: dict[str, list[str]] = {}
    with vocab_nt.open(encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("<"):
                about.setdefault(line[1:line.index(">")], []).append(line)
    used: set[str] = set()
    for quad in pyoxigraph.parse(path=str(nt), format=pyoxigraph.RdfFormat.N_TRIPLES):
        for term in (quad.subject, quad.object):
            if isinstance(term, pyoxigraph.NamedNode) and term.value in about:
                used.add(term.value)
    with target.open("w", encoding="utf-8") as out, nt.open(encoding="utf-8") as data:
        shutil.copyfileobj(data, out)
        for iri in sorted(used):
            out.writelines(about[iri])


def run_case(tools: list[Measurement], command_of: dict[str, list[str]], out: Path, stem: str,
             repeat: int, offset: int, timeout: float) -> None:
    """Measure each tool ``repeat`` times (the pyshacl-based ones once), alternating which one goes first."""
    for rep in range(repeat):
        order = tools if (rep + offset) % 2 == 0 else list(reversed(tools))
        for m in order:
            if m.failed or (rep and m.tool in SLOW):
                continue
            print(f"  {m.tool:<9} {m.datasets} datasets (run {rep + 1}/{repeat}) ...", file=sys.stderr, flush=True)
            result = measured(command_of[m.tool], timeout)
            if result["timed_out"]:
                m.failed = f"timeout > {timeout:.0f} s"
                continue
            if result["returncode"] not in (0, 1):
                m.failed = f"exit {result['returncode']}"
                print(result["stderr"], file=sys.stderr)
                continue
            m.walls.append(result["wall_s"])
            m.cpus.append(result["cpu_s"])
            m.peaks_kib.append(result["peak_rss_kib"])
            print(f"            {result['wall_s']:.1f} s wall, {result['cpu_s']:.1f} s CPU, "
                  f"{result['peak_rss_kib'] / 1024:.0f} MB", file=sys.stderr, flush=True)
            if m.tool in ("fast", "stream", "reference"):
                read_nordval(out / f"{m.tool}-{stem}.json", m)
            elif m.tool == "pyshacl":
                read_pyshacl(out / f"{m.tool}-{stem}.json", m)
            elif m.tool == "jena":
                counts = out / f"{m.tool}-{stem}.json"
                subprocess.run([PYTHON, str(HERE / "_jena.py"), "count", "--vocabularies", str(out / "vocab.ttl"),
                                "--out", str(counts), str(out / f"{m.tool}-{stem}.ttl")], check=True)
                read_pyshacl(counts, m)


def _key(finding: dict[str, Any], lines: bool) -> str:
    kept = {k: v for k, v in finding.items() if lines or k not in ("line", "file")}
    return json.dumps(kept, sort_keys=True, ensure_ascii=False)


def checks(case: dict[str, Measurement], expected: dict[str, Any]) -> list[str]:
    """Agreement of the engines, and of the fast engine with the seeded defects."""
    lines: list[str] = []
    fast, stream, reference = case.get("fast"), case.get("stream"), case.get("reference")
    size = next(iter(case.values())).datasets
    if fast and reference and not fast.failed and not reference.failed:
        a = Counter(_key(f, True) for f in fast.findings)
        b = Counter(_key(f, True) for f in reference.findings)
        if a == b:
            lines.append(f"identical {size}: fast and pyshacl engines report the same {sum(a.values())} findings")
        else:
            lines.append(f"MISMATCH {size}: fast {sum(a.values())}, pyshacl {sum(b.values())} findings; "
                         f"only fast: {sum((a - b).values())}, only pyshacl: {sum((b - a).values())}")
            lines += [f"    only fast: {k}" for k in list(a - b)[:5]]
            lines += [f"    only pyshacl: {k}" for k in list(b - a)[:5]]
    if fast and stream and not fast.failed and not stream.failed:
        a = Counter(_key(f, False) for f in fast.findings)
        b = Counter(_key(f, False) for f in stream.findings)
        lines.append(f"{'identical' if a == b else 'MISMATCH'} {size}: streamed N-Triples and Turtle "
                     f"({sum(b.values())} and {sum(a.values())} findings, lines aside)")
    best = fast if fast and not fast.failed else stream
    for name in ("pyshacl", "jena"):
        other = case.get(name)
        if best and other and not best.failed and not other.failed:
            ours = Counter(f["focus"] for f in best.findings if f["severity"] == "error")
            focus_agrees = ours == Counter(other.error_focus)
            lines.append(f"{'identical' if best.counts == other.counts and focus_agrees else 'MISMATCH'} {size}: "
                         f"{best.tool} {best.counts}, {name} {other.counts}; "
                         f"error focus nodes {'agree' if focus_agrees else 'differ'}")
    if best and not best.failed:
        focus = {s["focus"] for s in expected["seeded"]}
        errors = Counter(f["focus"] for f in best.findings if f["severity"] == "error")
        found = sum(1 for f in focus if errors.get(f))
        stray = sum(v for k, v in errors.items() if k not in focus)
        lines.append(f"    seeded defects {size}: {found}/{len(focus)} flagged as errors; {stray} errors elsewhere")
    return lines


def environment(shapes: Path) -> dict[str, str]:
    """What the numbers were measured on; read, not assumed."""
    memory = cpu = "?"
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    with contextlib.suppress(OSError):
        cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                    if ln.startswith("model name")), "?")
    versions = {}
    for package in ("nordval", "rdflib", "pyshacl", "pyoxigraph"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "?"
    return {"cpus (os.cpu_count)": str(os.cpu_count()), "cpu": cpu, "memory": memory, "os": platform.platform(),
            "python": platform.python_version(), **versions, "exported shapes sha256": digest(shapes),
            "load average (1, 5, 15 min) at the end": ", ".join(f"{x:.2f}" for x in os.getloadavg())}


def generate(datasets: int, target: Path, seed: int, broken: float, fmt: str) -> dict[str, Any]:
    command = [PYTHON, str(HERE / "generate.py"), "--datasets", str(datasets), "--seed", str(seed),
               "--broken", str(broken), "--format", fmt, "-o", str(target)]
    subprocess.run(command, check=True, capture_output=True)
    data: dict[str, Any] = json.loads(Path(str(target) + ".expected.json").read_text(encoding="utf-8"))
    return data


def table(rows: list[list[str]]) -> str:
    header = ["tool", "case", "wall s", "CPU s", "peak MB", "errors", "warnings", "infos"]
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    return "\n".join(out + ["| " + " | ".join(r) + " |" for r in rows])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--sizes", default="1000,5000,20000", help="datasets per catalogue, comma-separated")
    parser.add_argument("--tools", default="fast,stream,reference", help=f"comma-separated, of {', '.join(TOOLS)}")
    parser.add_argument("--reference-max", type=int, default=5000,
                        help="run the pyshacl-based tools (reference, pyshacl) up to this many datasets (0: always)")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--broken", type=float, default=0.1)
    parser.add_argument("--jena-heap", default="16g",
                        help="the JVM's -Xmx for Jena ('default': the JVM's own, a quarter of the memory)")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds per measurement")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    tools = [t for t in args.tools.split(",") if t]
    unknown = sorted(set(tools) - set(TOOLS))
    if unknown:
        parser.error(f"unknown tool(s): {', '.join(unknown)}")
    if "jena" in tools and not _jena.installed():
        print("jena: not installed (apt-get install libapache-jena-java); leaving it out", file=sys.stderr)
        tools.remove("jena")
    out: Path = args.out
    (out / "data").mkdir(parents=True, exist_ok=True)
    shapes, vocab = out / "shapes.ttl", out / "vocab.ttl"
    if {"pyshacl", "jena"} & set(tools):
        subprocess.run([NORDVAL, "profiles", "export", PROFILE, "-o", str(shapes), "--vocabularies", str(vocab)],
                       check=True)
        if "jena" in tools:
            subprocess.run([PYTHON, "-c", "import sys, rdflib; g = rdflib.Graph().parse(sys.argv[1]); "
                            "g.serialize(sys.argv[2], format='nt')", str(vocab), str(vocab.with_suffix(".nt"))],
                           check=True)
    load_start = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    source_digest = digest(SOURCE_SHAPES)
    rows: list[list[str]] = []
    notes: list[str] = []
    results: dict[str, Any] = {}
    for index, size in enumerate(sizes):
        ttl, nt = out / "data" / f"catalogue-{size}.ttl", out / "data" / f"catalogue-{size}.nt"
        expected = generate(size, ttl, args.seed, args.broken, "turtle")
        generate(size, nt, args.seed, args.broken, "nt")
        print(f"{size} datasets ({expected['triples']} triples):", file=sys.stderr, flush=True)
        case = {t: Measurement(t, size, expected["triples"]) for t in tools}
        for slow in SLOW:
            if slow in case and args.reference_max and size > args.reference_max:
                case[slow].failed = f"not run (> {args.reference_max} datasets)"
        if "jena" in tools:
            merge_used_vocabulary(nt, vocab.with_suffix(".nt"), out / "data" / f"jena-{ttl.stem}.nt")
        command_of = {t: commands(t, ttl, nt, out, shapes, vocab, args.jena_heap) for t in tools}
        run_case(list(case.values()), command_of, out, ttl.stem, args.repeat, index, args.timeout)
        rows += [m.row() for m in case.values()]
        notes += checks(case, expected)
        results[str(size)] = {t: {"walls": m.walls, "cpus": m.cpus, "peaks_kib": m.peaks_kib, "counts": m.counts,
                                  "failed": m.failed} for t, m in case.items()}
    if digest(SOURCE_SHAPES) != source_digest:
        notes.append(f"WARNING: {SOURCE_SHAPES} changed during the run")
    env = {"load average (1, 5, 15 min) at the start": load_start, **environment(shapes)}
    text = table(rows)
    print("\n" + text + "\n")
    for line in notes:
        print(line)
    command = " ".join(["python benchmarks/run.py", *(argv if argv is not None else sys.argv[1:])])
    baseline = ["| engine (research note, other shapes) | " + " | ".join(f"{s}" for s in (1000, 5000, 20000)) + " |",
                "|---|---|---|---|"]
    baseline += [f"| {name} | " + " | ".join(v.get(s, "-") for s in (1000, 5000, 20000)) + " |"
                 for name, v in BASELINE.items()]
    runs = f"median of {args.repeat} runs (pyshacl-based tools: one)" if args.repeat > 1 else "of one run"
    body = ["# nordval SHACL engines", "",
            f"`{command}` (seed {args.seed}, broken share {args.broken}); wall time, CPU time (user + system) "
            f"and peak RSS {runs} per cell, each in a fresh process; peak MB is MiB.", "", text, "", "## Checks", "",
            *[f"    {line}" for line in notes], "", "## For comparison (not measured here)", "", *baseline, "",
            "## Machine", "", *[f"- {k}: {v}" for k, v in env.items()], ""]
    (out / "results.md").write_text("\n".join(body), encoding="utf-8")
    (out / "results.json").write_text(json.dumps({"rows": rows, "checks": notes, "environment": env,
                                                  "measurements": results}, indent=1) + "\n", encoding="utf-8")
    print(f"\nwritten to {out / 'results.md'}", file=sys.stderr)
    return 1 if any(line.startswith("MISMATCH") for line in notes) else 0


if __name__ == "__main__":
    sys.exit(main())
