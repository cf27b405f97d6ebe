"""nordval: DCAT-AP, CPSV-AP and X-Road validation per Nordic and Baltic profile.

Public API: ``validate()`` returns a ``Report`` of ``Finding`` values; nothing here prints.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("nordval")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0+unknown"

from .api import Options, validate
from .model import Finding, Location, Report, Severity

__all__ = ["Finding", "Location", "Options", "Report", "Severity", "__version__", "validate"]
