"""CI gate controls applied to a Report: select/ignore rules, re-grade, cap the list.

Kept apart from validation so that the same findings can be gated differently per pipeline
without re-running the engines.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from fnmatch import fnmatchcase

from .model import Finding, Report, Severity


@dataclass(frozen=True)
class Gate:
    """``--select``/``--ignore`` take rule ids or glob patterns such as ``dcat-ap-3:Dataset.*``."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    max_findings: int | None = None

    def _matches(self, rule: str, patterns: Sequence[str]) -> bool:
        return any(fnmatchcase(rule, p) for p in patterns)

    def keep(self, finding: Finding) -> bool:
        if finding.rule.startswith(("input.", "engine.")):
            return True  # an input that was not understood is never filtered away
        if self.select and not self._matches(finding.rule, self.select):
            return False
        return not self._matches(finding.rule, self.ignore)

    def regrade(self, finding: Finding) -> Finding:
        for pattern, severity in self.severity.items():
            if fnmatchcase(finding.rule, pattern):
                return replace(finding, severity=severity)
        return finding

    def apply(self, report: Report) -> tuple[Report, int]:
        """The gated report and how many findings ``max_findings`` left out of the listing."""
        kept = [self.regrade(f) for f in report.findings if self.keep(f)]
        gated = Report.build(report.inputs, report.profile, kept)
        if self.max_findings is None or len(gated.findings) <= self.max_findings:
            return gated, 0
        omitted = len(gated.findings) - self.max_findings
        return replace(gated, findings=gated.findings[: self.max_findings], total=gated.counts()), omitted


def parse_severity_overrides(items: Sequence[str]) -> dict[str, Severity]:
    """``RULE=LEVEL`` pairs from the command line or configuration."""
    result: dict[str, Severity] = {}
    for item in items:
        rule, sep, level = item.partition("=")
        if not sep or not rule.strip():
            raise ValueError(f"--severity expects RULE=LEVEL, got {item!r}")
        result[rule.strip()] = Severity.parse(level)
    return result
