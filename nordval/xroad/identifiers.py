"""X-Road identifier grammar (PR-MESS §1.3, §2.7; PR-REST §4): one parser for messages, CLI and
descriptions, so every place that judges an identifier part gives the same answer.

The ``TYPE:part/part/...`` string form is the one PR-MESS uses in prose; integrators copy it into
configuration. Without a type prefix a string is read as an ``X-Road-Client`` header value
(``instance/class/member[/subsystem]``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SPEC_CHARSET = ("https://github.com/nordic-institute/X-Road/blob/develop/doc/Protocols/"
                "pr-mess_x-road_message_protocol.md#27-identifier-character-restrictions")
SPEC_IDENTIFIERS = ("https://github.com/nordic-institute/X-Road/blob/develop/doc/Protocols/"
                    "pr-mess_x-road_message_protocol.md#21-identifiers")
SPEC_REST_IDENTIFIERS = ("https://github.com/nordic-institute/X-Road/blob/develop/doc/Protocols/"
                         "pr-rest_x-road_message_protocol_for_rest.md#41-identifiers")

OBJECT_TYPES = ("MEMBER", "SUBSYSTEM", "SERVER", "GLOBALGROUP", "LOCALGROUP", "SERVICE")
PART_NAMES = ("xRoadInstance", "memberClass", "memberCode", "subsystemCode", "groupCode",
              "serviceCode", "serviceVersion", "serverCode")
# Parts the character rules apply to (PR-MESS §2.7, PR-THIRDPARTY §2.2); group codes are not listed.
CHECKED_PARTS = frozenset({"xRoadInstance", "memberClass", "memberCode", "subsystemCode",
                           "serviceCode", "serviceVersion", "serverCode", "partyClass", "partyCode"})
STRICT = re.compile(r"[A-Za-z0-9'()+,\-.=?]+")
LENIENT_FORBIDDEN = re.compile(r"[:;/\\%\x00-\x1f\x7f]")
MAX_LENGTH = 255
RESERVED_SERVICE_CODES = frozenset({
    "listClients", "listMethods", "allowedMethods", "getWsdl", "getOpenAPI",
    "getSecurityServerMetrics", "getSecurityServerOperationalData", "getSecurityServerHealthData",
})
# Parts each object type has, in order; "?" marks an optional part.
FORMS: dict[str, tuple[str, ...]] = {
    "MEMBER": ("xRoadInstance", "memberClass", "memberCode"),
    "SUBSYSTEM": ("xRoadInstance", "memberClass", "memberCode", "subsystemCode"),
    "SERVICE": ("xRoadInstance", "memberClass", "memberCode", "subsystemCode?", "serviceCode", "serviceVersion?"),
    "SERVER": ("xRoadInstance", "memberClass", "memberCode", "serverCode"),
    "GLOBALGROUP": ("xRoadInstance", "groupCode"),
    "LOCALGROUP": ("groupCode",),
}


@dataclass(frozen=True)
class Problem:
    """One defect of an identifier; ``code`` is the stable tail of a rule id (``part.charset``)."""

    code: str
    message: str
    part: str | None = None
    error: bool = True  # False: only a warning (e.g. valid in lenient installations only)


@dataclass(frozen=True)
class Identifier:
    """A parsed identifier: its object type and named parts (in grammar order)."""

    object_type: str | None
    parts: dict[str, str] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return not any(p.error for p in self.problems)

    def text(self) -> str:
        """The PR-MESS string form, e.g. ``SUBSYSTEM:EE/GOV/70000310/rr``."""
        body = "/".join(v for k, v in self.parts.items() if k in PART_NAMES)
        return f"{self.object_type}:{body}" if self.object_type else body


def check_part(name: str, value: str, strict: bool = True) -> list[Problem]:
    """Character set, length and whitespace of one part (PR-MESS §2.7, admin API 1..255)."""
    problems: list[Problem] = []
    if value == "":
        return [Problem("part.empty", f"{name} is empty; every identifier part needs 1-255 characters.", name)]
    if value != value.strip():
        problems.append(Problem("part.whitespace", f"{name} {value!r} has leading or trailing whitespace, "
                                "which X-Road keeps as part of the identifier.", name))
    if len(value) > MAX_LENGTH:
        problems.append(Problem("part.length", f"{name} has {len(value)} characters; at most {MAX_LENGTH} "
                                "are allowed.", name))
    if name not in CHECKED_PARTS:
        return problems
    bad = LENIENT_FORBIDDEN.search(value.strip())
    if bad:
        problems.append(Problem("part.forbidden", f"{name} {value!r} contains {bad.group()!r}; X-Road never "
                                "allows ':', ';', '/', '\\', '%' or control characters in identifiers.", name))
    elif not STRICT.fullmatch(value.strip()):
        odd = sorted({c for c in value.strip() if not STRICT.fullmatch(c)})
        problems.append(Problem("part.charset", f"{name} {value!r} uses {''.join(odd)!r}; only A-Z a-z 0-9 and "
                                "' ( ) + , - . = ? are allowed (strict identifiers, X-Road 7.3 default).",
                                name, error=strict))
    return problems


def _split(kind: str, segments: list[str], ambiguous_ok: bool) -> tuple[dict[str, str], list[Problem]]:
    form = FORMS[kind]
    required = [p for p in form if not p.endswith("?")]
    if kind == "SERVICE":
        n = len(segments)
        if n == 4:
            names = ["xRoadInstance", "memberClass", "memberCode", "serviceCode"]
        elif n == 5:
            names = ["xRoadInstance", "memberClass", "memberCode", "subsystemCode", "serviceCode"]
            problems = [] if ambiguous_ok else [Problem(
                "form.ambiguous", "a 5-part SERVICE string can mean subsystem/service or service/version; "
                "read as subsystemCode/serviceCode. Write all 6 parts to be unambiguous.", error=False)]
            return dict(zip(names, segments, strict=True)), problems
        elif n == 6:
            names = ["xRoadInstance", "memberClass", "memberCode", "subsystemCode", "serviceCode", "serviceVersion"]
        else:
            return {}, [Problem("form.parts", f"SERVICE has {n} part(s); expected 4-6: instance/class/member"
                                "[/subsystem]/serviceCode[/version].")]
        return dict(zip(names, segments, strict=True)), []
    if len(segments) != len(required):
        shape = "/".join(required)
        return {}, [Problem("form.parts", f"{kind} has {len(segments)} part(s); expected {len(required)}: {shape}.")]
    return dict(zip(required, segments, strict=True)), []


def parse(text: str, strict: bool = True) -> Identifier:
    """Parse ``TYPE:part/...`` or an ``X-Road-Client`` value; problems instead of exceptions."""
    if ":" in text and text.split(":", 1)[0].isupper() and "/" not in text.split(":", 1)[0]:
        kind, _, body = text.partition(":")
        if kind not in OBJECT_TYPES:
            return Identifier(None, {}, (Problem("form.type", f"unknown object type {kind!r}; expected one of "
                                                 f"{', '.join(OBJECT_TYPES)}."),))
    else:
        body = text
        count = len(text.split("/"))
        if count not in (3, 4):
            return Identifier(None, {}, (Problem("form.parts", f"{count} part(s) without a type prefix; an "
                                                 "X-Road-Client value has 3 or 4 (instance/class/member"
                                                 "[/subsystem]); otherwise write TYPE:parts, e.g. "
                                                 "SERVICE:EE/GOV/70000310/rr/RR434/v1."),))
        kind = "MEMBER" if count == 3 else "SUBSYSTEM"
    parts, problems = _split(kind, body.split("/"), ambiguous_ok=False)
    for name, value in parts.items():
        problems.extend(check_part(name, value, strict))
    return Identifier(kind, parts, tuple(problems))
