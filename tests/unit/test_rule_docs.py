"""The documented examples are tests: the failing one fails its rule, the passing one does not."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from rdflib import Graph

from nordval import api, profiles, ruledocs
from nordval.inputs import Document
from tests.conftest import ROOT

PROFILES = sorted(profiles.registry())


def _outcomes(profile: profiles.ResolvedProfile, docs: list[ruledocs.RuleDoc], attr: str) -> set[tuple[str, str]]:
    graph = Graph()
    for doc in docs:
        graph.parse(data=getattr(doc, attr), format="turtle")
    findings = api.validate_document(Document(attr, "rdf", "turtle", graphs=[(None, graph)]), profile, ("en",))
    return {(f.location.focus or "", f.rule) for f in findings}


@pytest.mark.parametrize("profile_id", PROFILES)
def test_documented_examples_behave(profile_id: str) -> None:
    profile = profiles.resolve(profile_id)
    docs = [d for d in (ruledocs.document(profile, r) for r in ruledocs.own_rules(profile)) if d.failing]
    if not docs:
        pytest.skip(f"{profile_id} has no rules with derivable examples")
    failing, passing = _outcomes(profile, docs, "failing"), _outcomes(profile, docs, "passing")
    not_failing, not_passing = [], []
    for doc in docs:
        focus = "https://example.org/" + re.sub(r"[^A-Za-z0-9]+", "-", doc.rule.id).strip("-")
        if (focus, doc.rule.id) not in failing:
            not_failing.append(doc.rule.id)
        if (focus, doc.rule.id) in passing:
            not_passing.append(doc.rule.id)
    assert not not_failing, f"failing examples that do not fail their rule: {not_failing}"
    assert not not_passing, f"passing examples that fail their rule: {not_passing}"


def test_most_rules_have_examples() -> None:
    profile = profiles.resolve("dcat-ap-3")
    rules = ruledocs.own_rules(profile)
    documented = [r for r in rules if ruledocs.document(profile, r).failing]
    assert len(documented) >= 0.9 * len(rules)


def test_rule_pages_are_up_to_date() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_rule_docs.py"), "--check"],
                            capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert result.returncode == 0, result.stderr


def test_explain_and_rules_commands(run_cli) -> None:  # type: ignore[no-untyped-def]
    text = run_cli("explain", "dcat-ap-3:Dataset.title.lang", code=0).stdout
    for part in ("What it checks:", "Why it matters for reuse:", "Fix:", "Failing example:", "Passing example:",
                 "Specification: https://semiceu.github.io/DCAT-AP/releases/3.0.1/#Dataset.title"):
        assert part in text
    listed = run_cli("rules", "-p", "dcat-ap-hvd", code=0).stdout
    assert "dcat-ap-hvd:Dataset.hvdCategory" in listed and "dcat-ap-3:Dataset.title " in listed
    assert "unknown rule" in run_cli("explain", "nope:Nothing", code=2).stderr
