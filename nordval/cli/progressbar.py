"""The progress line ``nordval validate`` draws on a terminal's stderr for long inputs."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from typing import TextIO


class TerminalBar:
    """One self-erasing line: task, bar, share done, amount and elapsed time.

    A task is drawn only once it has run ``delay`` seconds, so a directory of small files shows
    nothing, and redrawn at most every ``interval`` seconds, so that a parser reporting every
    few kilobytes costs nothing noticeable. The line is erased when the task ends: the report
    that follows on stdout stays clean when both streams go to the same terminal.
    """

    def __init__(self, stream: TextIO, clock: Callable[[], float] = time.monotonic,
                 delay: float = 0.5, interval: float = 0.1) -> None:
        self.stream = stream
        self.clock = clock
        self.delay = delay
        self.interval = interval
        self.task = ""
        self.total: int | None = None
        self.unit = ""
        self.started = 0.0
        self._next = 0.0
        self._width = 0

    def start(self, task: str, total: int | None, unit: str) -> None:
        self.task, self.total, self.unit = task, total, unit
        self.started = self.clock()
        self._next = self.started + self.delay

    def update(self, done: int) -> None:
        now = self.clock()
        if now < self._next:
            return
        self._next = now + self.interval
        self._draw(self.line(done, now))

    def finish(self) -> None:
        if self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0

    def line(self, done: int, now: float) -> str:
        elapsed = f"{now - self.started:.0f} s"
        if not self.total:
            return f"{self.task} {_amount(done, self.unit)} {elapsed}"
        share = min(done / self.total, 1.0)
        filled = int(share * 20)
        bar = "#" * filled + "-" * (20 - filled)
        return f"{self.task} [{bar}] {share:4.0%} {_amount(done, self.unit, self.total)} {elapsed}"

    def _draw(self, text: str) -> None:
        columns = shutil.get_terminal_size((80, 24)).columns - 1
        text = text[:columns]
        self.stream.write("\r" + text.ljust(self._width))
        self.stream.flush()
        self._width = max(self._width, len(text))


def _amount(count: int, unit: str, total: int | None = None) -> str:
    """``12.6/57.7 MB``, ``8/22 shapes``: what is done, of how much."""
    if unit == "B":
        return f"{count / 1_000_000:.1f}" + (f"/{total / 1_000_000:.1f}" if total else "") + " MB"
    return (f"{count}" + (f"/{total}" if total else "") + f" {unit}").rstrip()
