"""What each national X-Road instance knows: instance ids, member classes, member-code forms.

X-Road fixes only the identifier structure; each instance publishes its member classes in its
global configuration (research note §3.4). These static lists are the fallback the note
recommends; entries marked unconfirmed there are kept, flagged in docs/xroad.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..inputs import Document
from ..model import Finding, Location, Severity
from ..profiles import ResolvedProfile

IDN = "http://x-road.eu/xsd/identifiers"
XRD = "http://x-road.eu/xsd/xroad.xsd"
KB = "https://nordic-institute.atlassian.net/wiki/spaces/XRDKB/pages/236945454"
FI_IDS = "https://kehittajille.suomi.fi/palvelut/palveluvayla/tunnisteet"


@dataclass(frozen=True)
class Instance:
    """One country's X-Road: environments, member classes, code form, federation partners."""

    profile: str
    name: str
    instances: tuple[str, ...]
    member_classes: tuple[str, ...]
    code_pattern: str | None
    code_form: str
    federation: tuple[str, ...]
    see: str


INSTANCES: dict[str, Instance] = {
    "xroad-ee": Instance("xroad-ee", "X-tee (Estonia)", ("EE", "EE-TEST", "EE-DEV", "ee-test", "ee-dev"),
                         ("GOV", "COM", "NGO", "NEE"), r"\d{8}",
                         "an 8-digit Estonian business-register code, e.g. 70008440", ("FI",), KB),
    "xroad-fi": Instance("xroad-fi", "Suomi.fi Data Exchange Layer (Finland)", ("FI", "FI-TEST", "FI-DEV"),
                         ("GOV", "COM", "MUN", "EDU", "ORG"), r"\d{7}-\d",
                         "a Finnish Business ID NNNNNNN-N, e.g. 0245437-2", ("EE",), FI_IDS),
    "xroad-is": Instance("xroad-is", "Straumurinn (Iceland)", ("IS", "IS-TEST", "IS-DEV"), ("GOV", "COM"), None,
                         "", (), KB),
}
BY_INSTANCE = {i: data for data in INSTANCES.values() for i in data.instances}


def _finding(document: Document, profile: ResolvedProfile, layer: str, rule: str, severity: Severity,
             element: Any, message: str, fix: str, see: str) -> Finding:
    from .soap import xpath  # a cycle at import time otherwise

    return Finding(rule=f"{layer}:{rule}", severity=severity,
                   location=Location(file=document.source, line=element.sourceline, path=xpath(element),
                                     value=(element.text or "").strip()[:200]),
                   message=message, fix=fix, see=see, profile=profile.id, layer=layer, constraint="xroad-instance")


def check(document: Document, profile: ResolvedProfile, languages: tuple[str, ...] = ()) -> Iterator[Finding]:
    """Every identifier in the header against the instance profile's own lists.

    An identifier of a federation partner is judged by the partner's lists when the message also
    has an identifier of the home instance (a federated call). Any other foreign identifier is
    reported with its instance, and its member class and code are judged as the home instance
    would need them, so that a message moved between instances names everything that must change.
    """
    layer = next((p.id for p in reversed(profile.chain) if p.id in INSTANCES), None)
    if layer is None:
        return
    home = INSTANCES[layer]
    root = document.tree.getroot()
    found = []
    for identifier in root.iter(f"{{{XRD}}}client", f"{{{XRD}}}service", f"{{{XRD}}}securityServer"):
        parts = {c.tag.rsplit("}", 1)[-1]: c for c in identifier
                 if isinstance(c.tag, str) and c.tag.startswith(f"{{{IDN}}}")}
        instance_el = parts.get("xRoadInstance")
        if instance_el is not None:
            found.append((identifier, parts, instance_el, (instance_el.text or "").strip()))
    federated = any(instance in home.instances for _i, _p, _e, instance in found)
    for identifier, parts, instance_el, instance in found:
        what = f"xroad:{identifier.tag.rsplit('}', 1)[-1]}"
        data = home
        if instance not in home.instances:
            partner = BY_INSTANCE.get(instance) if instance in home.federation else None
            if partner is not None and federated:
                data = partner
            else:
                yield _unknown_instance(document, profile, layer, home, what, instance, instance_el, partner)
        yield from _member(document, profile, layer, data, what, parts)


def _unknown_instance(document: Document, profile: ResolvedProfile, layer: str, home: Instance, what: str,
                      instance: str, element: Any, partner: Instance | None) -> Finding:
    known = ", ".join(home.instances)
    if partner is not None:
        why = (f"{instance} is {partner.name}, federated with {home.name}, but neither the client nor the "
               f"service of this message is in {home.name}, so no {home.name} security server carries it")
        fix = (f"Validate the message with the profile {partner.profile}, or, to move it to {home.name}, use one of "
               f"{known} and a member of {home.name}.")
    else:
        federation = ", ".join(home.federation) or "none"
        why = f"{home.name} has the instances {known} (federated: {federation})"
        fix = f"Use one of {known}, or validate against the profile of instance {instance}."
    return _finding(document, profile, layer, "instance.unknown", Severity.ERROR, element,
                    f"{what} names instance \"{instance}\", which does not exist in {home.name}: {why}.", fix,
                    home.see)


def _member(document: Document, profile: ResolvedProfile, layer: str, data: Instance, what: str,
            parts: dict[str, Any]) -> Iterator[Finding]:
    """Member class and member-code form of one identifier against one instance's lists."""
    class_el = parts.get("memberClass")
    if class_el is not None and (class_el.text or "").strip() not in data.member_classes:
        yield _finding(document, profile, layer, "memberClass.unknown", Severity.ERROR, class_el,
                       f"{what} has member class \"{(class_el.text or '').strip()}\", which {data.name} does "
                       f"not have (classes {', '.join(data.member_classes)}).",
                       f"Use one of {', '.join(data.member_classes)} as published in the instance's global "
                       "configuration.", data.see)
    code_el = parts.get("memberCode")
    if code_el is not None and data.code_pattern and \
            not re.fullmatch(data.code_pattern, (code_el.text or "").strip()):
        yield _finding(document, profile, layer, "memberCode.format", Severity.WARNING, code_el,
                       f"{what} has member code \"{(code_el.text or '').strip()}\"; in {data.name} it is "
                       f"{data.code_form}.", f"Use {data.code_form}.", data.see)
