"""The Norwegian CPSV-AP-NO code-list snapshots agree with the namespace rules cpsv-ap-no checks today.

``scripts/build_vocabularies.py`` writes ``no-service-channel-type``, ``no-evidence-type`` and
``no-role-type`` from Digdir's lists; ``cpsv-ap-no`` checks the same values by IRI pattern. Every
snapshot concept must pass that pattern, so that moving a rule from the pattern to the snapshot can
never reject a value the pattern accepted. (Format and rebuild checks: tests/unit/test_vocabularies.py.)
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

REPO = Path(__file__).resolve().parents[2]
TABLE = REPO / "scripts" / "shape-tables" / "cpsv-ap-no.toml"
VOCABULARIES = REPO / "nordval" / "vocabularies"

# snapshot id -> (pattern key in the cpsv-ap-no table, codes the specification's examples use)
SNAPSHOTS = {
    "no-service-channel-type": ("service-channel-type", {"online-service", "telephone", "service-bureau"}),
    "no-evidence-type": ("evidence-type", {"attestation", "certificate", "declaration", "protocol"}),
    "no-role-type": ("role-type", {"service-provider", "service-producer", "data-consumer"}),
}


def _snapshot(vocab_id: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((VOCABULARIES / f"{vocab_id}.json").read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize("vocab_id", sorted(SNAPSHOTS))
def test_snapshot_matches_the_cpsv_ap_no_pattern(vocab_id: str) -> None:
    key, codes = SNAPSHOTS[vocab_id]
    with TABLE.open("rb") as fh:
        # once cpsv-ap-no checks the snapshot itself, the table may drop the pattern
        pattern = tomllib.load(fh).get("patterns", {}).get(key, {}).get("regex", "")
    data = _snapshot(vocab_id)
    assert data["scheme"] == f"https://data.norge.no/vocabulary/{key}"
    assert data["version"] == data["date"]
    for concept in data["concepts"]:
        assert re.search(pattern, concept["iri"]), concept["iri"]
        assert concept["iri"] == f"{data['scheme']}#{concept['notation']}"
        assert {"en", "nb"} <= set(concept["labels"])
    assert codes <= {c["notation"] for c in data["concepts"]}
