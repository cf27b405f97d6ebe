"""Rule facts for the CI reporters (SARIF, JUnit, SHACL), with or without the profile's catalogue.

The CLI can hand reporters the resolved profile's rules; a report rendered without them (API use,
older callers) still names every rule that produced a finding, from what the findings carry.
Input and engine findings are no shapes: they get fixed descriptions and a minted IRI.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote

from ..model import Finding, Location, Report, Severity

if TYPE_CHECKING:
    from ..profiles.rules import Rule

SHAPES_BASE = "https://w3id.org/nordval/shapes/"
RULES_BASE = "https://w3id.org/nordval/rules/"
INFORMATION_URI = "https://github.com/nordval/nordval"

_SENTENCE_END = re.compile(r"(?<!\be\.g)(?<!\bi\.e)\. |; ")

# Findings that come from reading the input: the file was not checked against any rule.
BLOCKING_PREFIX = "input."

FIXED_DESCRIPTIONS = {
    "input.syntax": "The input could not be parsed in its syntax.",
    "input.empty": "The input holds nothing to validate.",
    "input.encoding": "The input is binary or not UTF-8.",
    "input.unreadable": "The input could not be read.",
    "input.too-large": "The input is larger than nordval reads.",
    "input.xml-dtd": "The XML input declares entities or an external DTD, which nordval refuses.",
    "input.jsonld-context": "The JSON-LD input uses a remote context that is not bundled.",
    "input.kind": "The profile cannot judge this kind of document.",
    "input.mime": "The MIME multipart message has no usable SOAP part.",
    "engine.error": "Validation of the input stopped with an internal error.",
    "xsd.content": "An XML element's content does not follow its schema.",
    "xsd.value": "An XML value does not have its schema type.",
    "xsd.invalid": "The XML document does not conform to its schema.",
}


@dataclass(frozen=True)
class RuleInfo:
    """What a CI format says about a rule: identity, texts and default severity."""

    id: str
    iri: str
    name: str
    description: str
    severity: Severity
    fix: str | None = None
    see: str | None = None
    layer: str | None = None
    level: str | None = None
    profile: str | None = None


def fixed_description(rule_id: str) -> str | None:
    """Descriptions of the rules that are not shapes (input.*, engine.error, <layer>:xsd.*)."""
    return FIXED_DESCRIPTIONS.get(rule_id) or FIXED_DESCRIPTIONS.get(rule_id.rsplit(":", 1)[-1])


def local_name(rule_id: str) -> str:
    return rule_id.split(":", 1)[1] if ":" in rule_id else rule_id


def minted_iri(rule_id: str, layer: str | None) -> str:
    """The shape IRI of one of our generated rules (inverse of ``rules.rule_id``), else a rule IRI."""
    if ":" in rule_id:
        prefix, local = rule_id.split(":", 1)
        if prefix == layer and fixed_description(rule_id) is None:
            return f"{SHAPES_BASE}{prefix}#{quote(local, safe='.-_~')}"
    return RULES_BASE + quote(rule_id, safe=".-_~:")


def is_blocking(finding: Finding) -> bool:
    """An input.* finding means the file was never checked against the profile's rules."""
    return finding.rule.startswith(BLOCKING_PREFIX)


def by_id(rules: Mapping[str, Rule] | None) -> dict[str, Rule]:
    """Catalogue keyed by rule id; an active rule wins over a deactivated one with the same id."""
    result: dict[str, Rule] = {}
    for rule in (rules or {}).values():
        if rule.id not in result or result[rule.id].deactivated:
            result[rule.id] = rule
    return result


def for_gate(rules: Mapping[str, Rule], keep: Callable[[Finding], bool],
             regrade: Callable[[Finding], Finding]) -> dict[str, Rule]:
    """The catalogue as a gated run sees it (``Gate.keep``/``Gate.regrade``): rules left out by
    --select/--ignore are not testcases or SARIF rules, and --severity changes their default level."""
    result: dict[str, Rule] = {}
    for key, rule in rules.items():
        probe = Finding(rule.id, rule.severity, Location(""), "")
        if keep(probe):
            severity = regrade(probe).severity
            result[key] = rule if severity == rule.severity else rule.with_changes(severity=severity)
    return result


def active_ids(rules: Mapping[str, Rule] | None) -> list[str]:
    """Rules the profile runs and reports on (helpers reached via sh:node are not reported)."""
    return sorted({r.id for r in (rules or {}).values() if r.reportable and not r.deactivated})


def first_sentence(text: str) -> str:
    """A short description for formats that want one (SARIF shortDescription)."""
    match = _SENTENCE_END.search(text)
    return text[: match.start()] + "." if match else text


def _from_rule(rule: Rule, profile: str | None, languages: tuple[str, ...]) -> RuleInfo:
    message = rule.message(languages) or fixed_description(rule.id) or rule.id
    iri = rule.iri if rule.iri.startswith(("http://", "https://", "urn:")) else minted_iri(rule.id, rule.layer)
    return RuleInfo(id=rule.id, iri=iri, name=local_name(rule.id), description=message,
                    severity=rule.severity, fix=rule.fix(languages), see=rule.see, layer=rule.layer,
                    level=rule.level, profile=profile)


def _from_finding(finding: Finding, profile: str | None) -> RuleInfo:
    """Without the catalogue; a finding's fix may name values (nearest codes), so it stays per result."""
    fixed = fixed_description(finding.rule)
    return RuleInfo(id=finding.rule, iri=minted_iri(finding.rule, finding.layer), name=local_name(finding.rule),
                    description=fixed or finding.message, severity=finding.severity,
                    see=finding.see, layer=finding.layer,
                    profile=finding.profile or profile)


def catalogue(report: Report, rules: Mapping[str, Rule] | None, languages: tuple[str, ...] = (),
              every_rule: bool = True) -> dict[str, RuleInfo]:
    """Rule facts by id, sorted: the active catalogue (if ``every_rule``) plus every rule found."""
    known = by_id(rules)
    wanted: dict[str, RuleInfo] = {}
    if every_rule:
        for rule_id in active_ids(rules):
            wanted[rule_id] = _from_rule(known[rule_id], report.profile, languages)
    for finding in report.findings:
        if finding.rule in wanted:
            continue
        rule = known.get(finding.rule)
        wanted[finding.rule] = (_from_rule(rule, report.profile, languages) if rule is not None
                                else _from_finding(finding, report.profile))
    return {k: wanted[k] for k in sorted(wanted)}


def files_of(report: Report) -> list[str]:
    """Every input in the order given, then any file only the findings name."""
    seen = dict.fromkeys(report.inputs)
    for finding in report.findings:
        seen.setdefault(finding.location.file)
    return list(seen)


def findings_by_file(report: Report) -> dict[str, list[Finding]]:
    grouped: dict[str, list[Finding]] = {file: [] for file in files_of(report)}
    for finding in report.findings:
        grouped[finding.location.file].append(finding)
    return grouped
