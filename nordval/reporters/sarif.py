"""SARIF 2.1.0, the format code-scanning services (GitHub, GitLab, Azure DevOps) import.

One run; ``tool.driver.rules`` is the profile's active catalogue when the CLI passes it (so a
service knows every rule, also the ones that passed), else the rules that produced findings.
A finding with a line points at it (RDF: where the focus node is described); otherwise at the
file alone. The focus IRI and path go in ``logicalLocations`` (XML: the XPath). The fingerprint
hashes rule, graph, focus, path and value, so an issue keeps its identity when lines move.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import PurePosixPath, PureWindowsPath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from ..model import Finding, Report, Severity
from .rulecatalogue import INFORMATION_URI, RuleInfo, catalogue, first_sentence

if TYPE_CHECKING:
    from . import RenderContext

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
FINGERPRINT = "nordval/v1"


def artifact_uri(file: str) -> str:
    """A URI reference for a file as given: relative stays relative (repository paths), absolute -> file:."""
    for flavour in (PurePosixPath, PureWindowsPath):
        path = flavour(file)
        if path.is_absolute() and (flavour is PurePosixPath or path.drive):
            return path.as_uri()
    relative = file.replace("\\", "/")
    while relative.startswith("./"):
        relative = relative[2:]
    return quote(relative, safe="/-._~")


def fingerprint(finding: Finding) -> str:
    loc = finding.location
    key = "\x1f".join((finding.rule, loc.graph or "", loc.focus or "", loc.path or "", loc.value or ""))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _rule(info: RuleInfo) -> dict[str, Any]:
    properties: dict[str, Any] = {"layer": info.layer, "profile": info.profile, "level": info.level}
    tags = [t for t in (info.layer, info.level) if t]
    descriptor: dict[str, Any] = {
        "id": info.id,
        "name": info.name,
        "shortDescription": {"text": first_sentence(info.description)},
        "fullDescription": {"text": info.description},
    }
    if info.fix:
        descriptor["help"] = {"text": info.fix}
    if info.see:
        descriptor["helpUri"] = info.see
    descriptor["defaultConfiguration"] = {"level": LEVELS[info.severity]}
    descriptor["properties"] = {**{k: v for k, v in properties.items() if v}, "tags": tags}
    return descriptor


def _logical_locations(finding: Finding) -> list[dict[str, Any]]:
    loc = finding.location
    if loc.focus:
        logical: dict[str, Any] = {"name": loc.focus, "fullyQualifiedName": loc.focus, "kind": "object"}
        extra = {k: v for k, v in (("path", loc.path), ("graph", loc.graph)) if v}
        if extra:
            logical["properties"] = extra
        return [logical]
    if loc.path:
        return [{"name": loc.path.rsplit("/", 1)[-1] or loc.path, "fullyQualifiedName": loc.path,
                 "kind": "element"}]
    return []


def _result(finding: Finding, index: int) -> dict[str, Any]:
    loc = finding.location
    physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(loc.file)}}
    if loc.line and loc.line > 0:
        region: dict[str, Any] = {"startLine": loc.line}
        if loc.column and loc.column > 0:
            region["startColumn"] = loc.column
        physical["region"] = region
    location: dict[str, Any] = {"physicalLocation": physical}
    logical = _logical_locations(finding)
    if logical:
        location["logicalLocations"] = logical
    properties = {k: v for k, v in (("severity", finding.severity.label), ("focus", loc.focus),
                                    ("path", loc.path), ("value", loc.value), ("graph", loc.graph),
                                    ("constraint", finding.constraint), ("fix", finding.fix),
                                    ("see", finding.see), ("layer", finding.layer)) if v}
    return {
        "ruleId": finding.rule,
        "ruleIndex": index,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT: fingerprint(finding)},
        "properties": properties,
    }


def sarif_log(report: Report, context: RenderContext) -> dict[str, Any]:
    infos = catalogue(report, context.rules, context.languages)
    index = {rule_id: i for i, rule_id in enumerate(infos)}
    driver = {
        "name": "nordval",
        "version": context.tool_version,
        "informationUri": INFORMATION_URI,
        "rules": [_rule(info) for info in infos.values()],
    }
    run: dict[str, Any] = {
        "tool": {"driver": driver},
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, index[f.rule]) for f in report.findings],
        "properties": {**({"profile": report.profile} if report.profile else {}),
                       "failOn": context.fail_on.label if context.fail_on else "never",
                       "inputs": list(report.inputs)},
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(report: Report, context: RenderContext) -> str:
    return json.dumps(sarif_log(report, context), indent=2, ensure_ascii=False) + "\n"
