"""A rule of the X-Road rule modules: its severity and texts, and the Finding it makes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model import Finding, Location, Severity


@dataclass(frozen=True)
class Rule:
    """What a rule id says and how to fix it; message and fix templates take ``str.format`` fields."""

    severity: Severity
    message: str
    fix: str
    see: str

    def finding(self, rule_id: str, location: Location, profile: str, layer: str, constraint: str,
                severity: Severity | None = None, see: str | None = None, /, **fields: Any) -> Finding:
        """The finding with the texts filled in (positional parameters: any name can be a template field)."""
        return Finding(rule=rule_id, severity=severity or self.severity, location=location,
                       message=self.message.format(**fields), fix=self.fix.format(**fields),
                       see=self.see if see is None else see, profile=profile, layer=layer, constraint=constraint)
