"""Baselines and waivers: accept today's findings, fail only on new ones.

RDF has no place for inline suppression comments, so accepted findings live in a file. A
finding's fingerprint is built from what identifies it in the data (rule, focus, path, value),
not from line numbers, so reformatting or reordering a catalogue keeps it matched. An entry may
carry a reason and an expiry date; after that date it no longer applies, and the report says so.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import NordvalError
from .model import Finding, Report


def fingerprint(finding: Finding) -> str:
    loc = finding.location
    anchor = loc.focus if loc.focus else f"{Path(loc.file).name}#{finding.message}"
    key = "\x1f".join([finding.rule, loc.graph or "", anchor, loc.path or "", loc.value or ""])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True)
class Entry:
    fingerprint: str
    rule: str
    focus: str | None
    path: str | None
    value: str | None
    reason: str | None = None
    expires: dt.date | None = None

    def expired(self, today: dt.date) -> bool:
        return self.expires is not None and today > self.expires


@dataclass(frozen=True)
class Outcome:
    """What applying baselines did: the remaining report and what to tell the user."""

    report: Report
    suppressed: int
    fixed: tuple[Entry, ...]
    expired: tuple[Entry, ...]


def write(report: Report, path: str, previous: Sequence[Entry] = ()) -> int:
    """Record every finding of ``report``; reasons and expiry dates of kept entries survive."""
    known = {e.fingerprint: e for e in previous}
    entries = []
    for finding in report.findings:
        mark = fingerprint(finding)
        old = known.get(mark)
        loc = finding.location
        entry: dict[str, Any] = {"fingerprint": mark, "rule": finding.rule, "focus": loc.focus,
                                 "path": loc.path, "value": loc.value, "file": loc.file}
        if old is not None and old.reason:
            entry["reason"] = old.reason
        if old is not None and old.expires:
            entry["expires"] = old.expires.isoformat()
        entries.append(entry)
    unique = {e["fingerprint"]: e for e in entries}
    data = {"tool": "nordval", "profile": report.profile, "entries": [unique[k] for k in sorted(unique)]}
    try:
        Path(path).write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    except OSError as exc:
        raise NordvalError(f"{path}: cannot write the baseline: {exc.strerror or exc}") from None
    return len(unique)


def read(path: str) -> list[Entry]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise NordvalError(f"{path}: baseline file not found (create it with 'nordval baseline')") from None
    except (OSError, json.JSONDecodeError) as exc:
        raise NordvalError(f"{path}: not a readable baseline file: {exc}") from None
    entries = []
    for number, raw in enumerate(data.get("entries", []) if isinstance(data, dict) else [], 1):
        try:
            expires = dt.date.fromisoformat(raw["expires"]) if raw.get("expires") else None
            entries.append(Entry(raw["fingerprint"], raw.get("rule", ""), raw.get("focus"), raw.get("path"),
                                 raw.get("value"), raw.get("reason"), expires))
        except (KeyError, TypeError, ValueError) as exc:
            raise NordvalError(f"{path}: entry {number} is malformed ({exc})") from None
    return entries


def apply(report: Report, entries: Iterable[Entry], today: dt.date | None = None) -> Outcome:
    today = today or dt.date.today()
    active = {}
    expired = []
    for entry in entries:
        if entry.expired(today):
            expired.append(entry)
        else:
            active[entry.fingerprint] = entry
    kept = []
    matched: set[str] = set()
    for finding in report.findings:
        mark = fingerprint(finding)
        if mark in active:
            matched.add(mark)
        else:
            kept.append(finding)
    fixed = tuple(e for k, e in sorted(active.items()) if k not in matched)
    remaining = Report.build(report.inputs, report.profile, kept)
    return Outcome(remaining, len(report.findings) - len(kept), fixed, tuple(expired))
