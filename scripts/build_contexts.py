"""Regenerate the bundled DCAT-AP JSON-LD contexts in ``nordval/contexts/``.

JSON-LD catalogues name their ``@context`` by URL; to parse them offline nordval resolves those
URLs to local copies. The copies are re-serialised (sorted keys, one-space indent) from the
reference files so they are stable, diff-friendly and plainly derived; ``index.json`` maps every
published URL (https and http) to its file.

Usage: ``python scripts/build_contexts.py [--reference DIR] [--out DIR]``
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_REFERENCE = REPO.parent / "shared" / "reference"
DEFAULT_OUT = REPO / "nordval" / "contexts"

_RELEASES = "semiceu.github.io/DCAT-AP/releases/"

# (output file, reference file relative to --reference, published URLs without scheme)
CONTEXTS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("dcat-ap-3.0.1.jsonld", "dcat-ap-3/context/dcat-ap.jsonld", (_RELEASES + "3.0.1/context/dcat-ap.jsonld",)),
    ("dcat-ap-2.1.1.jsonld", "dcat-ap-2/context/dcat-ap_2.1.1.jsonld", (_RELEASES + "2.1.1/dcat-ap_2.1.1.jsonld",)),
    (
        "dcat-ap-lang-2.1.1.jsonld",
        "dcat-ap-2/context/dcat-ap_lang_2.1.1.jsonld",
        (_RELEASES + "2.1.1/dcat-ap_lang_2.1.1.jsonld",),
    ),
)


def dumps(data: Any) -> bytes:
    """The one serialisation used for every file written here (stable across runs)."""
    return (json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """Reject duplicate keys: json would silently keep the last, changing the context's meaning."""
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result


def reserialise(source: Path) -> bytes:
    """Parse a context and write it our way; it must differ from the original bytes."""
    raw = source.read_bytes()
    data = json.loads(raw.decode("utf-8-sig"), object_pairs_hook=_no_duplicates)
    if "@context" not in data:
        raise SystemExit(f"{source}: not a JSON-LD context document")
    out = dumps(data)
    if hashlib.sha256(out).digest() == hashlib.sha256(raw).digest():
        raise SystemExit(f"{source}: re-serialisation is byte-identical to the source")
    return out


def build(reference: Path, out: Path) -> dict[str, str]:
    """Write the context files and ``index.json``; return the URL index."""
    out.mkdir(parents=True, exist_ok=True)
    index: dict[str, str] = {}
    for filename, relative, urls in CONTEXTS:
        (out / filename).write_bytes(reserialise(reference / relative))
        for url in urls:
            for scheme in ("https", "http"):
                index[f"{scheme}://{url}"] = filename
    (out / "index.json").write_bytes(dumps(index))
    return index


def main(argv: list[str] | None = None) -> int:
    """CLI entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--reference",
        type=Path,
        default=DEFAULT_REFERENCE,
        help="folder holding the reference copies (default: ../shared/reference)",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: nordval/contexts)")
    args = parser.parse_args(argv)
    for url, filename in sorted(build(args.reference, args.out).items()):
        print(f"{url} -> {filename}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
