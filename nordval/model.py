"""Pure value types shared by validators, the API and the reporters (no I/O here)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import IntEnum


class Severity(IntEnum):
    """Ordered so that ``--fail-on`` is a single comparison."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, text: str) -> Severity:
        """Accept ``error``/``warning``/``info`` and the SHACL names."""
        key = text.strip().lower().rsplit("#", 1)[-1]
        aliases = {"violation": "error", "warn": "warning"}
        key = aliases.get(key, key)
        try:
            return cls[key.upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r}; use error, warning or info") from None

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class Location:
    """Where a finding is: a file plus RDF focus/path or XML line/XPath."""

    file: str
    line: int | None = None
    column: int | None = None
    graph: str | None = None
    focus: str | None = None
    path: str | None = None
    value: str | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """One gap: what, where, which rule of which profile layer, and how to fix it."""

    rule: str
    severity: Severity
    location: Location
    message: str
    fix: str | None = None
    see: str | None = None
    profile: str | None = None
    layer: str | None = None
    constraint: str | None = None

    def sort_key(self) -> tuple[str, str, str, int, str, int, str, str, str]:
        loc = self.location
        return (
            loc.file,
            loc.graph or "",
            loc.focus or "",
            -int(self.severity),
            loc.path or "",
            loc.line or 0,
            self.rule,
            loc.value or "",
            self.message,
        )


FAIL_NEVER = None


@dataclass(frozen=True, slots=True)
class Report:
    """What reporters see: the inputs, the profile and the sorted, de-duplicated findings."""

    inputs: tuple[str, ...]
    profile: str | None
    findings: tuple[Finding, ...] = field(default_factory=tuple)
    total: dict[str, int] | None = field(default=None, compare=False)

    @classmethod
    def build(cls, inputs: Iterable[str], profile: str | None, findings: Iterable[Finding]) -> Report:
        """Sort deterministically so that the same input gives byte-identical output."""
        unique = {(*f.sort_key(), f.constraint or ""): f for f in findings}
        ordered = tuple(unique[k] for k in sorted(unique))
        return cls(tuple(inputs), profile, ordered)

    def counts(self) -> dict[str, int]:
        """Findings per severity, including any left out of a capped listing."""
        if self.total is not None:
            return dict(self.total)
        result = {s.label: 0 for s in sorted(Severity, reverse=True)}
        for finding in self.findings:
            result[finding.severity.label] += 1
        return result

    def conforms(self, fail_on: Severity | None = Severity.ERROR) -> bool:
        """True when no finding reaches ``fail_on`` (``None`` means never fail)."""
        if fail_on is None:
            return True
        counts = self.counts()
        return not any(counts[s.label] for s in Severity if s >= fail_on)

    def exit_code(self, fail_on: Severity | None = Severity.ERROR) -> int:
        return 0 if self.conforms(fail_on) else 1
