"""Shared helpers: a CLI runner that shows output on an unexpected exit code, and paths."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from click.testing import CliRunner, Result

from nordval.cli import cli

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
GENERATOR = ROOT / "benchmarks" / "generate.py"


@cache
def benchmark_generator() -> ModuleType:
    """``benchmarks/generate.py`` as a module (it is a script, not part of the package)."""
    spec = importlib.util.spec_from_file_location("benchmark_generate", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module
SHARED_REFERENCE = ROOT.parent / "shared" / "reference"

RunCli = Callable[..., Result]


@pytest.fixture
def run_cli() -> RunCli:
    def run(*args: str, code: int | None = None, input: bytes | str | None = None) -> Result:
        result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
        if code is not None and result.exit_code != code:
            raise AssertionError(
                f"exit {result.exit_code}, expected {code}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
            )
        return result
    return run


def json_report(result: Result) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def shared_reference(*parts: str) -> Path:
    """A path in ../shared/reference; skips the test when the folder is absent (a user's clone)."""
    path = SHARED_REFERENCE.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not present (reference data lives outside the repository)")
    return path
