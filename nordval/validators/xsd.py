"""XSD validation with xmlschema; errors become Findings carrying line, column and XPath."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any

import xmlschema

from .. import resources
from ..errors import AssetError
from ..inputs import Document
from ..model import Finding, Location, Severity
from ..profiles import ResolvedProfile

SEE = "https://www.w3.org/TR/xmlschema11-1/"


@lru_cache(maxsize=32)
def schema(location: str) -> xmlschema.XMLSchema:
    """Compile a schema once; imports resolve locally only (no network, no DTDs)."""
    path = resources.local_path(location)
    try:
        return xmlschema.XMLSchema(path, allow="local", defuse="always")
    except FileNotFoundError:
        raise AssetError(f"{resources.display(location)}: schema file not found") from None
    except (xmlschema.XMLSchemaException, OSError, ValueError) as exc:
        message = " ".join(str(exc).split())[:300]
        raise AssetError(f"{resources.display(location)}: not a usable XML schema: {message}") from None


def _rule_suffix(error: Any) -> str:
    if isinstance(error, xmlschema.XMLSchemaChildrenValidationError):
        return "content"
    if isinstance(error, xmlschema.XMLSchemaDecodeError):
        return "value"
    return "invalid"


def check(document: Document, profile: ResolvedProfile,
          languages: tuple[str, ...] = ()) -> Iterator[Finding]:
    for layer, location in profile.schemas:
        compiled = schema(location)
        for error in compiled.iter_errors(document.tree):
            element = getattr(error, "elem", None)
            line = getattr(element, "sourceline", None) if element is not None else None
            reason = " ".join(str(error.reason or error.message).split())
            yield Finding(
                rule=f"{layer}:xsd.{_rule_suffix(error)}",
                severity=Severity.ERROR,
                location=Location(file=document.source, line=line, path=error.path),
                message=reason,
                fix=f"Make the element conform to {resources.display(location).rsplit('/', 1)[-1]}.",
                see=SEE,
                profile=profile.id,
                layer=layer,
                constraint="xsd",
            )
