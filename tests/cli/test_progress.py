"""Progress of long inputs: what the library reports, and the terminal line the CLI draws from it."""

from __future__ import annotations

import io
import subprocess
import sys
from functools import partial
from pathlib import Path

import pytest
from click.testing import CliRunner

from nordval import api, progress
from nordval.cli import validate as validate_cmd
from nordval.cli.base import cli
from nordval.cli.progressbar import TerminalBar
from nordval.engine import plan_for
from nordval.profiles import resolve
from nordval.validators import shacl
from tests.conftest import GENERATOR


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A catalogue large enough (> 1 MiB) to be parsed by pyoxigraph straight from the file."""
    target = tmp_path_factory.mktemp("progress") / "catalogue.ttl"
    subprocess.run([sys.executable, str(GENERATOR), "--datasets", "500", "--seed", "3", "--broken", "0.1",
                    "-o", str(target)], check=True, capture_output=True)
    assert target.stat().st_size >= shacl.STREAM_MIN_BYTES
    return target


class Recorder:
    def __init__(self) -> None:
        self.tasks: list[tuple[str, int | None, str, list[int]]] = []
        self.open = False

    def start(self, task: str, total: int | None, unit: str) -> None:
        assert not self.open, "tasks do not nest"
        self.open = True
        self.tasks.append((task, total, unit, []))

    def update(self, done: int) -> None:
        assert self.open
        self.tasks[-1][3].append(done)

    def finish(self) -> None:
        self.open = False


def test_parsing_and_validation_report_their_progress(catalogue: Path) -> None:
    recorder = Recorder()
    with progress.reporting_to(recorder):
        report = api.validate([str(catalogue)], api.Options(profile="dcat-ap-3"))
    assert report.counts()["error"] > 0
    names = [task for task, *_ in recorder.tasks]
    assert names == [f"parsing {catalogue.name}", "validating"]
    _name, size, unit, reads = recorder.tasks[0]
    assert (size, unit) == (catalogue.stat().st_size, "B")
    assert reads == sorted(reads) and reads[-1] == size and len(reads) > 10
    _name, shapes, unit, done = recorder.tasks[1]
    assert unit == "shapes" and shapes == len(plan_for(resolve("dcat-ap-3")).fast)
    assert done == list(range(1, shapes + 1))
    assert not recorder.open


def test_nothing_is_reported_without_a_display(catalogue: Path) -> None:
    recorder = Recorder()
    with progress.reporting_to(recorder), progress.reporting_to(None):
        api.validate([str(catalogue)], api.Options(profile="dcat-ap-3"))
    assert recorder.tasks == []
    assert not progress.active()


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_bar_waits_throttles_and_erases_itself() -> None:
    stream, clock = io.StringIO(), Clock()
    bar = TerminalBar(stream, clock, delay=0.5, interval=0.1)
    bar.start("parsing big.ttl", 50_000_000, "B")
    bar.update(1_000_000)
    assert stream.getvalue() == ""  # a short task shows nothing
    clock.now += 1.0
    bar.update(25_000_000)
    assert stream.getvalue() == "\rparsing big.ttl [##########----------]  50% 25.0/50.0 MB 1 s"
    clock.now += 0.05
    bar.update(30_000_000)  # within the interval: not redrawn
    assert stream.getvalue().count("\r") == 1
    bar.finish()
    drawn = stream.getvalue()
    assert drawn.endswith("\r" + " " * len("parsing big.ttl [##########----------]  50% 25.0/50.0 MB 1 s") + "\r")
    bar.start("validating", 22, "shapes")
    clock.now += 0.6
    bar.update(11)
    assert stream.getvalue()[len(drawn):].startswith("\rvalidating [##########----------]  50% 11/22 shapes 1 s")


def test_the_cli_draws_only_when_asked_or_on_a_terminal(catalogue: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    command = ["validate", "--profile", "dcat-ap-3", "--format", "json", str(catalogue)]
    quiet = runner.invoke(cli, command)
    assert quiet.exit_code == 1 and "\r" not in quiet.stderr  # stderr is no terminal here
    monkeypatch.setattr(validate_cmd, "TerminalBar", partial(TerminalBar, delay=0.0, interval=0.0))
    shown = runner.invoke(cli, [*command, "--progress"])
    assert shown.exit_code == 1
    assert f"\rparsing {catalogue.name} [" in shown.stderr and "\rvalidating [" in shown.stderr
    assert shown.stdout == quiet.stdout  # the report itself is untouched
    assert "\r" not in runner.invoke(cli, [*command, "--no-progress"]).stderr
