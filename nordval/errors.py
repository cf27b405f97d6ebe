"""Errors meaning "the tool could not do its job" (exit code 2). No Click import here."""

from __future__ import annotations

from collections.abc import Iterable


class NordvalError(Exception):
    """Base class: the CLI prints ``str(error)`` on one line and exits 2."""


class ProfileNotFound(NordvalError):
    @classmethod
    def from_id(cls, profile_id: str, known: Iterable[str]) -> ProfileNotFound:
        return cls(
            f"unknown profile {profile_id!r}; known profiles: {', '.join(sorted(known))}. "
            "Run 'nordval profiles' for details."
        )


class ProfileError(NordvalError):
    """A manifest is malformed, refers to a missing file, or its chain is broken."""


class AssetError(NordvalError):
    """A shapes file, schema or vocabulary could not be read or parsed."""


class InputError(NordvalError):
    """A path given on the command line does not exist or cannot be listed."""
