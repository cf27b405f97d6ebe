"""The pre-commit hooks in .pre-commit-hooks.yaml, installed and run the way a user's repository does.

pre-commit installs the hook repository into its own virtualenv (pip install nordval and its
dependencies; about a minute) once per module, then runs the ``nordval-dcat-ap`` hook in a fresh
git repository on a valid and on an invalid catalogue.

Why not ``pre-commit try-repo <repository root>`` itself: try-repo clones the root at HEAD and, when
the tree has changes, adds only modified tracked files and the staged ones to a shadow commit:
untracked files (a new module, or .pre-commit-hooks.yaml before it is committed) are missing from
what it installs. It also keeps its hook environments in a throwaway store per call, ignoring
PRE_COMMIT_HOME, so each call installs nordval again. So the test commits a snapshot of the working
tree (tracked and untracked files, not ignored ones) to a temporary repository and runs what
try-repo runs: a configuration naming that repository and commit, through ``pre-commit run``, with
a PRE_COMMIT_HOME shared by the module. It works the same from a clean clone, a working tree with
uncommitted changes, or a source tree without git.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

MANIFEST = ROOT / ".pre-commit-hooks.yaml"
VALID = FIXTURES / "dcat-ap-3" / "valid" / "ssb-statistics-catalogue.ttl"
INVALID = FIXTURES / "dcat-ap-3" / "invalid" / "ssb-dataset-missing-description.ttl"
# git variables that would point a subprocess at another repository (set when the tests run from a git hook)
KEEP_GIT_VARIABLES = {"GIT_EXEC_PATH", "GIT_SSH", "GIT_SSH_COMMAND", "GIT_SSL_CAINFO", "GIT_SSL_NO_VERIFY",
                      "GIT_ASKPASS", "GIT_ALLOW_PROTOCOL", "GIT_HTTP_PROXY_AUTHMETHOD"}
IDENTITY = {"GIT_AUTHOR_NAME": "nordval tests", "GIT_AUTHOR_EMAIL": "tests@nordval.invalid",
            "GIT_COMMITTER_NAME": "nordval tests", "GIT_COMMITTER_EMAIL": "tests@nordval.invalid"}
NOT_SOURCE = shutil.ignore_patterns(".git", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", ".venv",
                                    ".ci-venv", "benchmarks")


def hooks() -> dict[str, dict[str, object]]:
    yaml = pytest.importorskip("yaml")
    return {hook["id"]: hook for hook in yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))}


def selects(hook: dict[str, object], name: str) -> bool:
    """pre-commit's file selection: re.search of `files`, not matching `exclude`."""
    exclude = str(hook.get("exclude", "^$"))
    return bool(re.search(str(hook.get("files", "")), name)) and not re.search(exclude, name)


def test_manifest_hooks() -> None:
    manifest = hooks()
    assert set(manifest) == {"nordval-dcat-ap", "nordval-validate"}
    for hook in manifest.values():
        assert hook["entry"] == "nordval validate"
        assert hook["language"] == "python"
        assert hook["pass_filenames"] is True
        assert hook["require_serial"] is True
    assert manifest["nordval-dcat-ap"]["args"] == ["--profile", "dcat-ap-3"]
    assert "args" not in manifest["nordval-validate"]


@pytest.mark.parametrize("name", ["catalogue.ttl", "data/catalogue.rdf", "Catalogue.JSONLD", "dump.nt", "graphs.trig",
                                  "x.turtle"])
def test_dcat_ap_hook_selects_rdf(name: str) -> None:
    assert selects(hooks()["nordval-dcat-ap"], name)
    assert selects(hooks()["nordval-validate"], name)


@pytest.mark.parametrize("name", ["package.json", "pom.xml", "README.md", "catalogue.ttl.bak", "shapes.owl"])
def test_dcat_ap_hook_leaves_other_files(name: str) -> None:
    assert not selects(hooks()["nordval-dcat-ap"], name)


@pytest.mark.parametrize("name", ["service.xml", "x-road.wsdl", "ontology.owl", "dump.nq", "rules.n3"])
def test_generic_hook_selects_xml_and_more_rdf(name: str) -> None:
    assert selects(hooks()["nordval-validate"], name)


def test_manifest_is_valid_for_pre_commit() -> None:
    pytest.importorskip("pre_commit")
    result = subprocess.run([sys.executable, "-m", "pre_commit", "validate-manifest", str(MANIFEST)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_") or k in KEEP_GIT_VARIABLES}
    env.update(IDENTITY, **extra)
    return env


def git(*args: str, cwd: Path) -> str:
    result = subprocess.run(["git", "-c", "commit.gpgsign=false", *args], cwd=cwd, env=clean_env(),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"git {' '.join(args)}: {result.stderr}"
    return result.stdout


def source_files(root: Path) -> list[str] | None:
    """Tracked and untracked files of the working tree, without ignored and deleted ones; None without git."""
    try:
        listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=root,
                                env=clean_env(), capture_output=True, text=True, timeout=120)
    except OSError:
        return None
    if listed.returncode != 0:
        return None
    return [name for name in listed.stdout.split("\0") if name and (root / name).is_file()]


def snapshot(root: Path, into: Path) -> str:
    """Commit the working tree of root, as it is now, to a new repository at into; return the commit."""
    names = source_files(root)
    if not names:  # no git, or root is not tracked by the repository around it
        shutil.copytree(root, into, ignore=NOT_SOURCE)
    else:
        for name in names:
            target = into / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(root / name, target)
    git("init", "--quiet", cwd=into)
    git("add", "--all", cwd=into)
    git("commit", "--quiet", "--no-verify", "--message", "working tree of nordval", cwd=into)
    return git("rev-parse", "HEAD", cwd=into).strip()


@dataclass(frozen=True)
class Project:
    """A user's repository whose .pre-commit-config.yaml uses the nordval hook repository."""

    path: Path
    env: dict[str, str]
    log: Path

    def run(self, hook: str, *files: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "pre_commit", "run", hook, "--color", "never", "--files", *files],
                              cwd=self.path, env=self.env, capture_output=True, text=True, timeout=600)

    def explain(self, result: subprocess.CompletedProcess[str]) -> str:
        log = self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""
        return f"exit {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}\npre-commit.log:\n{log}"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Project]:
    pytest.importorskip("pre_commit", reason="pre-commit is not installed (pip install '.[dev]')")
    if shutil.which("git") is None:
        pytest.skip("git is not available")
    hook_repo = tmp_path_factory.mktemp("hook-repo")
    rev = snapshot(ROOT, hook_repo)
    home = tmp_path_factory.mktemp("pre-commit-home")
    work = tmp_path_factory.mktemp("user-repo")
    (work / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hook_repo.as_posix()}\n    rev: {rev}\n    hooks:\n      - id: nordval-dcat-ap\n",
        encoding="utf-8")
    for fixture in (VALID, INVALID):
        (work / fixture.name).write_text(fixture.read_text(encoding="utf-8"), encoding="utf-8")
    git("init", "--quiet", cwd=work)
    git("add", "--all", cwd=work)
    yield Project(work, clean_env(PRE_COMMIT_HOME=str(home)), home / "pre-commit.log")


def test_hook_passes_on_valid_catalogue(project: Project) -> None:
    result = project.run("nordval-dcat-ap", VALID.name)
    assert result.returncode == 0, project.explain(result)
    assert re.search(r"nordval \(DCAT-AP\)\.+Passed", result.stdout), project.explain(result)


def test_hook_fails_on_invalid_catalogue(project: Project) -> None:
    expected = tomllib.loads(INVALID.with_suffix(".expect.toml").read_text(encoding="utf-8"))
    result = project.run("nordval-dcat-ap", INVALID.name)
    assert result.returncode == 1, project.explain(result)
    assert re.search(r"nordval \(DCAT-AP\)\.+Failed", result.stdout), project.explain(result)
    assert "- exit code: 1" in result.stdout, project.explain(result)  # findings, not a tool error (2)
    assert INVALID.name in result.stdout
    for error in expected["error"]:
        assert f"[{error['rule']}]" in result.stdout, project.explain(result)
