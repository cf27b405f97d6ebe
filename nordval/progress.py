"""Progress of long validations: reported where the work happens, drawn (or not) by the caller.

A 100 000-dataset catalogue takes minutes; a CI log or a library caller wants no output, a person
at a terminal wants to see that parsing and validation move. The library reports through the
``Progress`` installed for the current context (none by default: reporting then costs one
context-variable lookup per task); ``nordval validate`` installs a terminal bar on stderr.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import BinaryIO, Protocol


class Progress(Protocol):
    """What a progress display is told: a task starts, advances to ``done`` of ``total``, ends."""

    def start(self, task: str, total: int | None, unit: str) -> None: ...

    def update(self, done: int) -> None: ...

    def finish(self) -> None: ...


_CURRENT: ContextVar[Progress | None] = ContextVar("nordval_progress", default=None)


@contextmanager
def reporting_to(progress: Progress | None) -> Iterator[None]:
    """Report the tasks run inside the block to ``progress`` (None: to nobody)."""
    token = _CURRENT.set(progress)
    try:
        yield
    finally:
        _CURRENT.reset(token)


def active() -> bool:
    return _CURRENT.get() is not None


def _ignore(_done: int) -> None:
    return None


@contextmanager
def task(name: str, total: int | None, unit: str = "") -> Iterator[Callable[[int], None]]:
    """A unit of long work; the block calls the yielded function with how much of ``total`` is done."""
    progress = _CURRENT.get()
    if progress is None:
        yield _ignore
        return
    progress.start(name, total, unit)
    try:
        yield progress.update
    finally:
        progress.finish()


class CountingReader:
    """A binary file that reports how many bytes were read from it (a parser's progress)."""

    def __init__(self, stream: BinaryIO, report: Callable[[int], None]) -> None:
        self._stream = stream
        self._report = report
        self.done = 0

    def read(self, size: int = -1) -> bytes:
        chunk = self._stream.read(size)
        self.done += len(chunk)
        self._report(self.done)
        return chunk

    def readable(self) -> bool:
        return True
