"""CSV: a header and one row per finding, the JSON report's finding keys as columns.

For spreadsheets and ``csvkit``-style pipelines; unknown values are empty cells (JSON null).
Cells are written as found: a value taken from the input that starts with ``=`` is not defused,
so open untrusted reports in a spreadsheet with formula evaluation off.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from ..model import Finding, Location, Report, Severity
from .jsonreport import finding_dict

if TYPE_CHECKING:
    from . import RenderContext

COLUMNS = tuple(finding_dict(Finding("", Severity.INFO, Location(""), "")))


def render(report: Report, context: RenderContext) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for finding in report.findings:
        row = finding_dict(finding)
        writer.writerow(["" if row[key] is None else row[key] for key in COLUMNS])
    return buffer.getvalue()
