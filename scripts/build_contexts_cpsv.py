"""Bundle the CPSV-AP 3.2.0 JSON-LD context in ``nordval/contexts/`` (offline resolution).

Same approach as ``scripts/build_contexts.py``: the reference copy is re-serialised (sorted keys,
one-space indent) so it is stable and plainly derived, and every published URL of the context
(https and http; SEMIC publishes it under two paths) is added to ``index.json``. Existing index
entries are kept, so this script can run after ``build_contexts.py``.

Usage: ``python scripts/build_contexts_cpsv.py [--reference DIR] [--out DIR]``
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_contexts import dumps, reserialise

REPO = Path(__file__).resolve().parents[1]
DEFAULT_REFERENCE = REPO.parent / "shared" / "reference"
DEFAULT_OUT = REPO / "nordval" / "contexts"

# (output file, reference file relative to --reference, published URLs without scheme)
CONTEXTS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "cpsv-ap-3.2.0.jsonld",
        "cpsv-ap-3/3.2.0_cpsv-ap.jsonld",
        (
            "semiceu.github.io/uri.semic.eu-generated/CPSV-AP/releases/3.2.0/context/cpsv-ap.jsonld",
            "semiceu.github.io/CPSV-AP/releases/3.2.0/context/cpsv-ap.jsonld",
        ),
    ),
)


def build(reference: Path, out: Path) -> dict[str, str]:
    """Write the CPSV-AP context files and merge their URLs into ``index.json``."""
    out.mkdir(parents=True, exist_ok=True)
    index_path = out / "index.json"
    index: dict[str, str] = {}
    if index_path.exists():
        index = json.loads(index_path.read_text(encoding="utf-8"))
    for filename, relative, urls in CONTEXTS:
        (out / filename).write_bytes(reserialise(reference / relative))
        for url in urls:
            for scheme in ("https", "http"):
                index[f"{scheme}://{url}"] = filename
    index_path.write_bytes(dumps(dict(sorted(index.items()))))
    return index


def main(argv: list[str] | None = None) -> int:
    """CLI entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE,
                        help="folder holding the reference copies (default: ../shared/reference)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: nordval/contexts)")
    args = parser.parse_args(argv)
    for url, filename in sorted(build(args.reference, args.out).items()):
        print(f"{url} -> {filename}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
