"""Time nordval against plain pyshacl on the same shapes and the same synthetic catalogues.

Both tools get the shapes nordval exports (``nordval profiles export``), so the comparison is
engine plus plumbing, not two different rule sets. Every measurement runs in a fresh wrapper
process (``_measure.py``) so that its peak RSS is its own; the tools alternate within a run
so that drift of a shared machine does not favour one of them. Result counts are compared:
a benchmark of validators that disagree would be meaningless.

    python benchmarks/run.py --sizes 200,1000,5000 --files 200 --repeat 1 --out benchmarks/out
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import platform
import statistics
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
NORDVAL = str(Path(PYTHON).with_name("nordval"))
PROFILE = "dcat-ap-3"
SHAPES_NS = "https://w3id.org/nordval/shapes/"
SOURCE_SHAPES = HERE.parent / "nordval" / "shapes" / PROFILE / f"{PROFILE}.ttl"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16] if path.exists() else "-"


@dataclass
class Measurement:
    tool: str
    case: str
    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    peaks_kib: list[int] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    error_focus: Counter[str] = field(default_factory=Counter)
    rules: Counter[str] = field(default_factory=Counter)  # "severity rule-id" -> results
    extra: dict[str, Any] = field(default_factory=dict)
    failed: str | None = None

    def row(self) -> list[str]:
        if self.failed:
            return [self.tool, self.case, self.failed, "-", "-", "-", "-"]
        wall = statistics.median(self.walls)
        cpu = statistics.median(self.cpus)
        peak = statistics.median(self.peaks_kib) / 1024
        return [self.tool, self.case, f"{wall:.1f}", f"{cpu:.1f}", f"{peak:.0f}",
                str(self.counts.get("error", "-")), str(self.counts.get("warning", "-"))]


def measured(command: list[str], timeout: float) -> dict[str, Any]:
    """Run ``command`` under ``_measure.py``; its stdout is the measurement."""
    wrapper = [PYTHON, str(HERE / "_measure.py"), "--timeout", str(timeout), "--", *command]
    done = subprocess.run(wrapper, capture_output=True, text=True, check=False)
    if done.returncode != 0 or not done.stdout.strip():
        raise RuntimeError(f"measurement failed: {' '.join(command)}\n{done.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result["stderr"] = done.stderr[-2000:]
    return result


def rule_id(shape: str) -> str:
    """The rule id nordval shows for a shape IRI (docs/shapes.md), to compare per rule."""
    if shape.startswith(SHAPES_NS) and "#" in shape:
        layer, local = shape[len(SHAPES_NS):].split("#", 1)
        return f"{layer}:{local}"
    return shape


def read_nordval(path: Path, into: Measurement) -> None:
    report = json.loads(path.read_text(encoding="utf-8"))
    into.counts = {k: int(report["summary"].get(k, 0)) for k in ("error", "warning", "info")}
    for finding in report["findings"]:
        into.rules[f"{finding['severity']} {finding['rule']}"] += 1
        if finding["severity"] == "error":
            into.error_focus[str(finding["focus"])] += 1


def read_pyshacl(path: Path, into: Measurement) -> None:
    report = json.loads(path.read_text(encoding="utf-8"))
    into.counts = dict(report["input"])
    into.error_focus.update(report["error_focus"])
    for key, value in report["shapes"].items():
        severity, shape = key.split(" ", 1)
        into.rules[f"{severity} {rule_id(shape)}"] += value
    into.extra = {"background": report["background"], "nested_results": report["nested_results"],
                  "vocab": report["vocab"], "inner_seconds": report["seconds"]}


def run_case(tools: list[tuple[Measurement, list[str], Path]], repeat: int, offset: int, timeout: float) -> None:
    """Measure each tool ``repeat`` times, alternating which one goes first."""
    for rep in range(repeat):
        order = tools if (rep + offset) % 2 == 0 else list(reversed(tools))
        for m, command, output in order:
            if m.failed:
                continue
            print(f"  {m.tool:<8} {m.case} (run {rep + 1}/{repeat}) ...", file=sys.stderr, flush=True)
            result = measured(command, timeout)
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
            print(f"           {result['wall_s']:.1f} s wall, {result['cpu_s']:.1f} s CPU, "
                  f"{result['peak_rss_kib'] / 1024:.0f} MB",
                  file=sys.stderr, flush=True)
            (read_nordval if m.tool == "nordval" else read_pyshacl)(output, m)


def compare(nordval: Measurement, pyshacl: Measurement, expected: dict[str, Any]) -> list[str]:
    """Lines about agreement between the tools and with the seeded defects."""
    lines: list[str] = []
    case = nordval.case
    if nordval.failed or pyshacl.failed:
        return [f"{case}: not compared ({nordval.failed or pyshacl.failed})"]
    n_err, p_err = nordval.counts.get("error", 0), pyshacl.counts.get("error", 0)
    if n_err != p_err:
        lines.append(f"MISMATCH {case}: nordval {n_err} errors, pyshacl {p_err} errors")
    else:
        lines.append(f"agree {case}: {n_err} errors in both tools")
    for severity in ("warning", "info"):
        a, b = nordval.counts.get(severity, 0), pyshacl.counts.get(severity, 0)
        if a != b:
            lines.append(f"    note: {severity}s differ: nordval {a}, pyshacl {b}")
    for rule in sorted(set(nordval.rules) | set(pyshacl.rules)):
        a, b = nordval.rules.get(rule, 0), pyshacl.rules.get(rule, 0)
        if a != b:
            lines.append(f"    differs: {rule}: nordval {a}, pyshacl {b}")
    background = pyshacl.extra.get("background", {})
    if any(background.values()):
        lines.append(f"    pyshacl also reported {background.get('error', 0)} errors, {background.get('warning', 0)} "
                     "warnings about code-list concepts/schemes of the vocabulary file "
                     f"(vocab={pyshacl.extra['vocab']}); not counted above, nordval never reports them")
    seeded = expected["seeded"]
    focus = {s["focus"] for s in seeded}
    found = sum(1 for f in focus if nordval.error_focus.get(f))
    stray = sum(v for k, v in nordval.error_focus.items() if k not in focus)
    lines.append(f"    seeded defects: {found}/{len(focus)} flagged as errors by nordval; "
                 f"{stray} errors on nodes without a seeded defect; expected by kind: "
                 + ", ".join(f"{k} {v}" for k, v in expected["defects"].items()))
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
    for package in ("nordval", "rdflib", "pyshacl"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "?"
    return {
        "cpus (os.cpu_count)": str(os.cpu_count()),
        "cpu": cpu,
        "memory": memory,
        "os": platform.platform(),
        "python": platform.python_version(),
        **versions,
        "exported shapes sha256": digest(shapes),
        "load average (1, 5, 15 min) at the end": ", ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def generate(datasets: int, target: Path, seed: int, broken: float, files: int = 1) -> dict[str, Any]:
    command = [PYTHON, str(HERE / "generate.py"), "--datasets", str(datasets), "--seed", str(seed),
               "--broken", str(broken)]
    if files > 1:
        command += ["--split", str(target), "--files", str(files)]
        info = target.parent / (target.name + ".expected.json")
    else:
        command += ["-o", str(target)]
        info = Path(str(target) + ".expected.json")
    subprocess.run(command, check=True)
    data: dict[str, Any] = json.loads(info.read_text(encoding="utf-8"))
    return data


def table(rows: list[list[str]]) -> str:
    header = ["tool", "case", "wall s", "CPU s", "peak MB", "errors", "warnings"]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--sizes", default="200,1000,5000", help="datasets per single catalogue, comma-separated")
    parser.add_argument("--files", type=int, default=200, help="small catalogues for the many-files case (0: skip)")
    parser.add_argument("--per-file", type=int, default=5, help="datasets per small catalogue")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--broken", type=float, default=0.1)
    parser.add_argument("--pyshacl-max", type=int, default=0,
                        help="skip pyshacl above this many datasets (0: never skip)")
    parser.add_argument("--pyshacl-vocab", choices=("full", "used"), default="full",
                        help="single catalogues: merge the whole vocabulary file, or only the concepts used")
    parser.add_argument("--timeout", type=float, default=1200, help="seconds per measurement")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    out: Path = args.out
    data_dir = out / "data"
    data_dir.mkdir(parents=True, exist_ok=True)
    shapes, vocab = out / "shapes.ttl", out / "vocab.ttl"

    print("exporting shapes and vocabularies ...", file=sys.stderr, flush=True)
    export = Measurement("nordval", "profiles export (shapes + vocabularies)")
    result = measured([NORDVAL, "profiles", "export", PROFILE, "-o", str(shapes), "--vocabularies", str(vocab)],
                      args.timeout)
    if result["returncode"] != 0:
        print(result["stderr"], file=sys.stderr)
        return 2
    export.walls.append(result["wall_s"])
    export.cpus.append(result["cpu_s"])
    export.peaks_kib.append(result["peak_rss_kib"])
    load_start = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    source_digest = digest(SOURCE_SHAPES)
    rows: list[list[str]] = []
    checks: list[str] = []
    measurements: list[Measurement] = [export]
    cases: list[tuple[str, Path, dict[str, Any], bool]] = []
    for size in sizes:
        path = data_dir / f"catalogue-{size}.ttl"
        info = generate(size, path, args.seed, args.broken)
        cases.append((f"1 file, {size} datasets ({info['triples']} triples)", path, info, False))
    if args.files:
        many = data_dir / f"many-{args.files}"
        info = generate(args.files * args.per_file, many, args.seed, args.broken, args.files)
        cases.append((f"{args.files} files × {args.per_file} datasets ({info['triples']} triples)", many, info, True))

    for index, (case, path, info, split) in enumerate(cases):
        print(f"{case}:", file=sys.stderr, flush=True)
        stem = path.stem if not split else path.name
        n = Measurement("nordval", case + (", one process" if split else ""))
        p = Measurement("pyshacl", case + (", one process, shapes parsed per file" if split else ""))
        n_out, p_out = out / f"nordval-{stem}.json", out / f"pyshacl-{stem}.json"
        n_cmd = [NORDVAL, "validate", "--profile", PROFILE, "--format", "json", "--fail-on", "never",
                 "-o", str(n_out), str(path)]
        mode = "used" if split else args.pyshacl_vocab
        p_cmd = [PYTHON, str(HERE / "_pyshacl.py"), "--shapes", str(shapes), "--vocabularies", str(vocab),
                 "--vocab", mode, "--out", str(p_out), str(path)] + (["--each"] if split else [])
        tools = [(n, n_cmd, n_out)]
        if args.pyshacl_max and not split and info["datasets"] > args.pyshacl_max:
            p.failed = f"not run (> {args.pyshacl_max} datasets)"
        else:
            tools.append((p, p_cmd, p_out))
        run_case(tools, args.repeat, index, args.timeout)
        rows += [n.row(), p.row()]
        measurements += [n, p]
        checks += compare(n, p, info)

    rows.append(export.row())
    if digest(SOURCE_SHAPES) != source_digest:
        checks.append(f"WARNING: {SOURCE_SHAPES} changed during the run; nordval and the exported shapes may differ")
    env = {"load average (1, 5, 15 min) at the start": load_start, **environment(shapes)}
    text = table(rows)
    print("\n" + text + "\n")
    for line in checks:
        print(line)
    note = ("pyshacl: `_pyshacl.py`, `pyshacl.validate(data + vocabularies, shacl_graph=exported shapes, "
            f"inference='none')`; single catalogues merge the vocabulary file ({args.pyshacl_vocab}), "
            "the many-files case merges only the concepts each file uses and parses the shapes per file.")
    command = " ".join(["python benchmarks/run.py", *(argv if argv is not None else sys.argv[1:])])
    body = ["# nordval vs pyshacl", "",
            f"`{command}` (seed {args.seed}, broken share {args.broken}); wall time, CPU time and peak RSS "
            f"{'median of ' + str(args.repeat) + ' runs' if args.repeat > 1 else 'of one run'} per cell; CPU s is "
            "user + system time of the measured process and its children; peak MB is MiB.", "",
            text, "", note, "", "## Checks", "", *[f"    {c}" for c in checks], "", "## Machine", "",
            *[f"- {k}: {v}" for k, v in env.items()], ""]
    (out / "results.md").write_text("\n".join(body), encoding="utf-8")
    (out / "results.json").write_text(json.dumps({
        "rows": rows, "checks": checks, "environment": env,
        "measurements": {f"{m.tool}|{m.case}": {"walls": m.walls, "cpus": m.cpus, "peaks_kib": m.peaks_kib,
                                                 "counts": m.counts, "extra": m.extra, "failed": m.failed}
                         for m in measurements},
    }, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwritten to {out / 'results.md'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
