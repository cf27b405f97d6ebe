"""Messages for shapes that carry none (ad-hoc ``--shapes`` files), by constraint component."""

from __future__ import annotations

from rdflib.term import Node

from ..curies import curie

_TEMPLATES = {
    "sh:minCount": "too few values for {path}",
    "sh:maxCount": "too many values for {path}",
    "sh:class": "{value} on {path} is not an instance of the required class",
    "sh:datatype": "{value} on {path} does not have the required datatype",
    "sh:nodeKind": "{value} on {path} is not of the required node kind (IRI, blank node or literal)",
    "sh:in": "{value} on {path} is not one of the allowed values",
    "sh:hasValue": "{path} lacks the required value",
    "sh:pattern": "{value} on {path} does not match the required pattern",
    "sh:node": "{value} on {path} does not conform to the required shape",
    "sh:languageIn": "{value} on {path} has a language tag that is not allowed",
    "sh:uniqueLang": "{path} has more than one value in the same language",
    "sh:closed": "{path} is not allowed here (closed shape)",
}
_FIXES = {
    "sh:minCount": "Add the missing {path} value(s).",
    "sh:maxCount": "Remove the extra {path} values.",
    "sh:class": "Type the value with the expected class, or point {path} at a resource of that class.",
    "sh:datatype": "Give the literal on {path} the expected datatype.",
    "sh:nodeKind": "Use an IRI or a literal on {path} as the shape requires.",
    "sh:pattern": "Change the value of {path} to match the pattern.",
}


def _short(node: Node | str | None) -> str:
    if node is None:
        return "the value"
    text = curie(str(node)) if str(node).startswith(("http", "urn:")) else str(node)
    return text if len(text) <= 80 else text[:77] + "..."


def generic_message(constraint: str | None, path: Node | None, value: Node | None,
                    engine_text: str | None) -> str:
    template = _TEMPLATES.get(constraint or "")
    if template is None:
        return engine_text or f"the resource does not satisfy {constraint or 'a shape'}"
    return template.format(path=_short(path) if path is not None else "the resource", value=_short(value))


def generic_fix(constraint: str | None, path: Node | None) -> str:
    template = _FIXES.get(constraint or "", "Change the data so that it satisfies the shape.")
    return template.format(path=_short(path) if path is not None else "the resource")
