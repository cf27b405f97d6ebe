"""The composite GitHub Action in action.yml: its shape, its inputs, and its scripts run with bash."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from nordval.reporters import REPORTERS
from tests.conftest import FIXTURES, ROOT, RunCli

ACTION = ROOT / "action.yml"
VALID = FIXTURES / "dcat-ap-3" / "valid" / "ssb-statistics-catalogue.ttl"
INVALID = FIXTURES / "dcat-ap-3" / "invalid" / "ssb-dataset-missing-description.ttl"
INPUTS = {"profile", "paths", "format", "fail-on", "baseline", "sarif", "python-version"}
# how GitHub runs `shell: bash` steps
BASH = ["bash", "--noprofile", "--norc", "-eo", "pipefail"]


@pytest.fixture(scope="module")
def action() -> dict[str, Any]:
    yaml = pytest.importorskip("yaml")
    data: dict[str, Any] = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    return data


def step(action: dict[str, Any], name: str) -> dict[str, Any]:
    [found] = [s for s in action["runs"]["steps"] if s.get("name") == name]
    return found


def uses_input(text: str, name: str) -> bool:
    return bool(re.search(rf"inputs\.{re.escape(name)}(?![\w-])|inputs\[\s*'{re.escape(name)}'\s*\]", text))


def test_required_keys(action: dict[str, Any]) -> None:
    for key in ("name", "description", "inputs", "runs"):
        assert action.get(key), key
    assert action["runs"]["using"] == "composite"
    assert isinstance(action["runs"]["steps"], list) and action["runs"]["steps"]


def test_inputs(action: dict[str, Any]) -> None:
    inputs = action["inputs"]
    assert set(inputs) == INPUTS
    for name, spec in inputs.items():
        assert spec.get("description"), name
        assert spec.get("required", False) is False, f"{name}: every input has a default or is optional"
    assert inputs["format"]["default"] == "github"
    assert inputs["sarif"]["default"] == "false"


def test_every_input_is_used_by_the_steps(action: dict[str, Any]) -> None:
    steps = json.dumps(action["runs"]["steps"])
    unused = sorted(name for name in action["inputs"] if not uses_input(steps, name))
    assert not unused, f"inputs declared but never used in runs.steps: {unused}"


def test_steps_are_safe_and_runnable(action: dict[str, Any]) -> None:
    for s in action["runs"]["steps"]:
        if "run" in s:
            assert s.get("shell"), f"{s.get('name')}: composite run steps need a shell"
            # inputs reach scripts through env, so no value can inject shell code
            assert "${{" not in s["run"], f"{s.get('name')}: use env, not ${{{{ }}}}, in run"
        else:
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@[\w.-]+", s["uses"]), s["uses"]


def test_installs_nordval_from_the_action_itself(action: dict[str, Any]) -> None:
    assert step(action, "Set up Python")["uses"].startswith("actions/setup-python@")
    assert uses_input(json.dumps(step(action, "Set up Python")), "python-version")
    assert '"$GITHUB_ACTION_PATH"' in step(action, "Install nordval")["run"]


def test_sarif_upload_only_when_asked(action: dict[str, Any]) -> None:
    upload = step(action, "Upload SARIF")
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert "inputs.sarif == 'true'" in upload["if"]
    assert "nordval.sarif" in step(action, "Validate")["run"]


def run_step(action: dict[str, Any], name: str, cwd: Path, **env: str) -> tuple[subprocess.CompletedProcess[str],
                                                                                   dict[str, str]]:
    """Run a step's script as the runner would, with the given environment; return it and its outputs."""
    if shutil.which("bash") is None:
        pytest.skip("bash is not available")
    bin_dir = Path(sys.executable).parent
    if shutil.which("nordval", path=str(bin_dir)) is None:
        pytest.skip(f"no nordval script next to {sys.executable}")
    script = cwd / f"{name}.sh"
    script.write_text(step(action, name)["run"], encoding="utf-8")
    outputs = cwd / "github-output"
    outputs.write_text("", encoding="utf-8")
    full_env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
                "GITHUB_OUTPUT": str(outputs), **env}
    result = subprocess.run([*BASH, str(script)], cwd=cwd, env=full_env, capture_output=True, text=True, timeout=300)
    values = dict(line.split("=", 1) for line in outputs.read_text(encoding="utf-8").splitlines() if "=" in line)
    return result, values


def validate_env(**values: str) -> dict[str, str]:
    defaults = {"profile": "", "paths": "", "format": "github", "fail-on": "", "baseline": "", "sarif": "false"}
    defaults.update(values)
    return {"NORDVAL_ACTION_" + key.upper().replace("-", "_"): value for key, value in defaults.items()}


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    for fixture in (VALID, INVALID):
        (tmp_path / fixture.name).write_text(fixture.read_text(encoding="utf-8"), encoding="utf-8")
    return tmp_path


def test_validate_step_writes_sarif_passes_paths_and_globs_and_records_the_exit_code(action: dict[str, Any],
                                                                                     workspace: Path) -> None:
    result, outputs = run_step(action, "Validate", workspace,
                               **validate_env(profile="dcat-ap-3", paths=f"{VALID.name}\n  ssb-dataset-*.ttl",
                                              format="json", sarif="true"))
    assert result.returncode == 0, result.stderr  # the step records the code; the Result step fails
    if "sarif" not in REPORTERS:  # no SARIF reporter in this nordval: a tool error, nothing to upload
        assert outputs == {"exit-code": "2", "sarif-file": ""}, result.stderr
        return
    assert outputs == {"exit-code": "1", "sarif-file": "nordval.sarif"}, result.stderr
    assert json.loads((workspace / "nordval.sarif").read_text(encoding="utf-8"))["runs"]
    report = json.loads(result.stdout)
    assert report["summary"]["files"] == 2
    assert {f["file"] for f in report["findings"] if f["severity"] == "error"} == {INVALID.name}


def test_validate_step_applies_the_baseline_and_fail_on(action: dict[str, Any], workspace: Path, run_cli: RunCli,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    baseline = workspace / "known.json"
    monkeypatch.chdir(workspace)  # baseline entries record the file names as given
    run_cli("baseline", "--profile", "dcat-ap-3", "-o", str(baseline), INVALID.name, code=0)
    result, outputs = run_step(action, "Validate", workspace,
                               **validate_env(profile="dcat-ap-3", paths="*.ttl", baseline=baseline.name,
                                              format="text", **{"fail-on": "info"}))
    # what the baseline records is not reported; the valid catalogue's warnings still fail at info
    assert outputs["exit-code"] == "1", result.stdout + result.stderr
    assert INVALID.name not in result.stdout
    assert VALID.name in result.stdout


@pytest.mark.parametrize(("code", "expected"), [("0", 0), ("1", 1), ("2", 2)])
def test_result_step_turns_the_code_into_the_outcome(action: dict[str, Any], tmp_path: Path, code: str,
                                                     expected: int) -> None:
    result, _ = run_step(action, "Result", tmp_path, NORDVAL_ACTION_EXIT_CODE=code)
    assert result.returncode == expected
    assert ("::error" in result.stdout) == (expected != 0)
