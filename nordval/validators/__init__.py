"""Validators by document kind: each yields Findings and never prints."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator

from ..errors import ProfileError
from ..inputs import Document
from ..model import Finding
from ..profiles import ResolvedProfile
from . import shacl, xsd

Check = Callable[[Document, ResolvedProfile, tuple[str, ...]], Iterator[Finding]]

VALIDATORS: dict[str, tuple[Check, ...]] = {
    "rdf": (shacl.check,),
    "xml": (xsd.check,),
}


# Rule modules for what SHACL and XSD cannot express, named by profile manifests (``checks``):
# name -> (document kind, "module:function"). Imported only when a profile uses them.
CHECKS: dict[str, tuple[str, str]] = {
    "xroad-soap": ("xml", "nordval.xroad.soap:check"),
    "xroad-instance": ("xml", "nordval.xroad.soap:check_instances"),
    "xroad-wsdl": ("xml", "nordval.xroad.wsdl:check"),
    "xroad-openapi": ("openapi", "nordval.xroad.openapi:check"),
}


def named_check(name: str) -> tuple[str, Check]:
    """The kind and function of a named rule module; ProfileError when unknown."""
    if name not in CHECKS:
        raise ProfileError(f"unknown check {name!r}; known: {', '.join(sorted(CHECKS)) or 'none'}")
    kind, target = CHECKS[name]
    module_name, _, function = target.partition(":")
    function_object: Check = getattr(importlib.import_module(module_name), function)
    return kind, function_object


def applicable(kind: str, profile: ResolvedProfile) -> tuple[Check, ...]:
    """The checks a profile can run on a document of this kind (empty: it cannot judge it)."""
    found: list[Check] = []
    if kind == "rdf" and len(profile.shapes):
        found.extend(VALIDATORS["rdf"])
    if kind == "xml" and profile.schemas:
        found.extend(VALIDATORS["xml"])
    for name in profile.checks:
        check_kind, check = named_check(name)
        if check_kind == kind:
            found.append(check)
    return tuple(found)
