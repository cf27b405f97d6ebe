"""Run one command and print its wall time, CPU time and peak RSS as one JSON line on stdout.

``ru_maxrss`` of ``RUSAGE_CHILDREN`` is the largest peak of all children a process has
waited for, so it must be read in a fresh process that runs exactly one command; otherwise
the peak of an earlier (larger) run would be reported for every later one. The command's
own stdout goes to stderr so that stdout carries only the measurement. CPU time (user +
system) is reported too because on a shared machine wall time also measures the neighbours.

    python benchmarks/_measure.py [--timeout S] -- CMD ARG...
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time


def measure(command: list[str], timeout: float | None) -> dict[str, object]:
    start = time.perf_counter()
    timed_out = False
    with subprocess.Popen(command, stdout=sys.stderr) as process:
        try:
            code = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            code = process.wait()
            timed_out = True
    wall = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"wall_s": round(wall, 3), "cpu_s": round(usage.ru_utime + usage.ru_stime, 3),
            "peak_rss_kib": usage.ru_maxrss,  # KiB on Linux
            "returncode": code, "timed_out": timed_out}


def main(argv: list[str]) -> int:
    timeout: float | None = None
    if argv[:1] == ["--timeout"]:
        timeout = float(argv[1])
        argv = argv[2:]
    if argv[:1] == ["--"]:
        argv = argv[1:]
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    print(json.dumps(measure(argv, timeout)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
