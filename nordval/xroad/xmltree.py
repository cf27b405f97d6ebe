"""Element helpers and readable XPaths shared by the X-Road rule modules (SOAP, WSDL, pairing)."""

from __future__ import annotations

from typing import Any


def local(element: Any) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def namespace(element: Any) -> str:
    tag = element.tag
    return tag[1:].split("}", 1)[0] if isinstance(tag, str) and tag.startswith("{") else ""


def elements(parent: Any) -> list[Any]:
    """Element children only (comments and processing instructions are not content)."""
    return [c for c in parent if isinstance(c.tag, str)]


def xpath(element: Any, prefixes: dict[str, str], attribute: str | None = None) -> str:
    """A readable XPath: the document's own prefixes, conventional ones (``prefixes``) for default namespaces."""
    steps = []
    node = element
    while node is not None:
        ns, name = namespace(node), local(node)
        prefix = node.prefix or prefixes.get(ns)
        step = f"{prefix}:{name}" if prefix else (name if not ns else f"*[local-name()='{name}']")
        parent = node.getparent()
        if parent is not None:
            same = [c for c in parent if c.tag == node.tag]
            if len(same) > 1:
                step += f"[{same.index(node) + 1}]"
        steps.append(step)
        node = parent
    return "/" + "/".join(reversed(steps)) + (f"/@{attribute}" if attribute else "")
