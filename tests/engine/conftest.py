"""Hypothesis keeps its caches outside the repository (it would write ``.hypothesis/`` into the
working directory, which the project does not ignore)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis.configuration import set_hypothesis_home_dir

set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "nordval-hypothesis")
