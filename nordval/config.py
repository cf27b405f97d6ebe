"""Project configuration: ``nordval.toml`` or ``[tool.nordval]`` in ``pyproject.toml``.

Found by walking up from the working directory, so a CI job run from any folder of an agency's
repository uses the same profile, paths and gate settings. Command-line options always win.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import NordvalError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

KEYS: dict[str, type | tuple[type, ...]] = {
    "profile": str, "paths": list, "exclude": list, "select": list, "ignore": list, "severity": dict,
    "baseline": str, "lang": str, "fail-on": str, "format": str, "profile-path": list, "max-findings": int,
    "report-syntax": str, "engine": str, "executor": str, "scheduler": str,
}


@dataclass(frozen=True)
class Config:
    """Settings with the file they came from (``None``: no configuration file found)."""

    values: dict[str, Any] = field(default_factory=dict)
    source: Path | None = None

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)


def find(start: Path | None = None) -> Path | None:
    """The nearest nordval.toml, or pyproject.toml with a [tool.nordval] table."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "nordval.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return False
    return isinstance(data.get("tool"), dict) and "nordval" in data["tool"]


def load(start: Path | None = None) -> Config:
    path = find(start)
    if path is None:
        return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise NordvalError(f"{path}: not valid TOML: {exc}") from None
    except OSError as exc:
        raise NordvalError(f"{path}: cannot read: {exc.strerror or exc}") from None
    table = data["tool"]["nordval"] if path.name == "pyproject.toml" else data
    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        raise NordvalError(f"{path}: unknown key(s) {', '.join(unknown)}; known: {', '.join(sorted(KEYS))}")
    for key, value in table.items():
        if not isinstance(value, KEYS[key]):
            raise NordvalError(f"{path}: '{key}' must be a {_type_name(KEYS[key])}")
    values = dict(table)
    base = path.parent
    for key in ("paths", "profile-path"):
        if key in values:
            values[key] = [str(base / p) for p in values[key]]
    if "baseline" in values:
        values["baseline"] = str(base / values["baseline"])
    return Config(values, path)


def _type_name(kind: type | tuple[type, ...]) -> str:
    names = {str: "string", list: "list", dict: "table", int: "whole number"}
    if isinstance(kind, tuple):
        return " or ".join(names.get(k, k.__name__) for k in kind)
    return names.get(kind, kind.__name__)
