"""Apache Jena's SHACL validator from Debian's ``libapache-jena-java``, made runnable, and its report counted.

Debian packages Jena 4.5 without a ``shacl`` script, and its ``jena-core`` jar relocates the
bundled Xerces datatype classes to the package ``xerces`` while leaving their message bundles
under ``org/apache/jena/ext/xerces``. The first XSD datatype Jena builds then fails with
"internal error" (a missing ``xerces.impl.xpath.regex.message`` bundle) and every command
dies at start-up. ``prepare`` copies those bundles, at run time, from the installed jar to the
names the relocated classes look for, in a directory put first on the class path; nothing of
Jena is stored in this repository.

``count`` reads Jena's Turtle report and tallies it the way ``_pyshacl.py`` does (top-level
results only; results about vocabulary nodes kept apart), so that both can be compared with
nordval's finding counts.

    python benchmarks/_jena.py prepare --dir benchmarks/out/jena     # prints the java command
    python benchmarks/_jena.py count --vocabularies vocab.ttl --out counts.json report.ttl
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

JARS = Path("/usr/share/java")
# Jena's own modules and what ``shacl.shacl validate`` loads of their dependencies.
CLASSPATH = ("jena-cmds", "jena-shacl", "jena-arq", "jena-core", "jena-base", "jena-iri", "slf4j-api", "slf4j-nop",
             "commons-lang3", "commons-io", "commons-codec", "commons-compress", "commons-cli", "commons-csv",
             "dexx.collection", "guava", "thrift", "jsonld-java", "titanium-json-ld", "protobuf", "httpclient",
             "httpcore", "caffeine")
SHADED = "org/apache/jena/ext/xerces/"
RELOCATED = "xerces/"


def java() -> str | None:
    return shutil.which("java")


def installed() -> bool:
    return java() is not None and (JARS / "jena-shacl.jar").exists() and (JARS / "jena-core.jar").exists()


def prepare(directory: Path, heap: str = "16g") -> list[str]:
    """The command prefix that runs ``shacl.shacl``; ``validate --shapes S --data D`` follows it.

    ``heap`` is the JVM's ``-Xmx``: its default (a quarter of the machine's memory) is less than
    Jena needs for 100 000 datasets (8.7 GB in the research note), and a smaller heap would
    measure garbage collection instead of validation.
    """
    bundles = directory / "bundles"
    with zipfile.ZipFile(JARS / "jena-core.jar") as jar:
        for name in jar.namelist():
            if name.startswith(SHADED) and name.endswith(".properties"):
                target = bundles / (RELOCATED + name[len(SHADED):])
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(jar.read(name))
    classpath = [str(bundles)] + [str(JARS / f"{j}.jar") for j in CLASSPATH if (JARS / f"{j}.jar").exists()]
    command = java()
    assert command is not None
    return [command, *([] if heap == "default" else [f"-Xmx{heap}"]), "-cp", ":".join(classpath), "shacl.shacl"]


def count(report_path: Path, vocab_path: Path) -> dict[str, Any]:
    from rdflib import Graph

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from _pyshacl import count as tally_report

    tally: dict[str, Any] = {"input": Counter(), "background": Counter(), "nested": Counter(),
                             "error_focus": Counter(), "shapes": Counter()}
    tally_report(Graph().parse(report_path, format="turtle"), Graph().parse(vocab_path), tally)
    return {**{k: {s: tally[k][s] for s in ("error", "warning", "info")} for k in ("input", "background")},
            "error_focus": dict(sorted(tally["error_focus"].items())), "shapes": dict(sorted(tally["shapes"].items()))}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("prepare")
    p.add_argument("--dir", type=Path, required=True)
    c = sub.add_parser("count")
    c.add_argument("--vocabularies", type=Path, required=True)
    c.add_argument("--out", type=Path, required=True)
    c.add_argument("report", type=Path)
    args = parser.parse_args(argv)
    if args.command == "prepare":
        if not installed():
            print("Jena is not installed: apt-get install libapache-jena-java (and a Java runtime)", file=sys.stderr)
            return 2
        print(" ".join(prepare(args.dir)))
        return 0
    args.out.write_text(json.dumps(count(args.report, args.vocabularies), indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
