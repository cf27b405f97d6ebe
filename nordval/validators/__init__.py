"""Validators by document kind: each yields Findings and never prints."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..inputs import Document
from ..model import Finding
from ..profiles import ResolvedProfile
from . import shacl, xsd

Check = Callable[[Document, ResolvedProfile, tuple[str, ...]], Iterator[Finding]]

VALIDATORS: dict[str, tuple[Check, ...]] = {
    "rdf": (shacl.check,),
    "xml": (xsd.check,),
}


def applicable(kind: str, profile: ResolvedProfile) -> tuple[Check, ...]:
    """The checks a profile can run on a document of this kind (empty: it cannot judge it)."""
    if kind == "rdf":
        return VALIDATORS["rdf"] if len(profile.shapes) else ()
    if kind == "xml":
        return VALIDATORS["xml"] if profile.schemas else ()
    return ()
