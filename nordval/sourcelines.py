"""Line numbers for RDF findings: where the focus node is described in the source text.

RDF parsers keep no positions, but CI annotations (SARIF, GitHub) need a line. The line given
is the first one that starts with the node (its subject position in Turtle/N-Triples/TriG), or
else the first one that mentions it (JSON-LD ``"@id"``, RDF/XML ``rdf:about``, or an object).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from itertools import chain

_IRI_BODY = r"""[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"'{}|\\^`]+"""  # group 1: an IRI it does not fit is never found
_IRI = re.compile(rf"""[<"']({_IRI_BODY})[>"']""")
# Line breaks str.splitlines() honours besides "\n" (and "\r\n"); with them, counting "\n" gives other numbers.
_ODD_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
# Leading blanks up to the line's first word; possessive where re has it (3.11), as backtracking can never help.
_BLANKS = r"[^\S\n]*+" if sys.version_info >= (3, 11) else r"[^\S\n]*"
_FEW = 16  # up to this many IRIs, str.find per IRI beats one regex scan over all IRIs of a big text


class LineIndex:
    """First lines of every IRI and prefixed name in a text, built in one pass."""

    def __init__(self, text: str, prefixes: Iterable[tuple[str, str]] = ()) -> None:
        self.starts: dict[str, int] = {}
        self.anywhere: dict[str, int] = {}
        self.prefixes = sorted(((p, ns) for p, ns in prefixes if p), key=lambda item: -len(item[1]))
        for number, line in enumerate(text.splitlines(), 1):
            stripped = line.lstrip()
            for match in _IRI.finditer(line):
                iri = match.group(1)
                self.anywhere.setdefault(iri, number)
                if stripped.startswith(match.group(0)):
                    self.starts.setdefault(iri, number)
            head = stripped.split(None, 1)[0] if stripped else ""
            if ":" in head and not head.startswith(("<", '"', "@", "#")):
                self.starts.setdefault("curie:" + head.rstrip(";,."), number)
        self.text = text

    def line_of(self, iri: str) -> int | None:
        if iri in self.starts:
            return self.starts[iri]
        for prefix, namespace in self.prefixes:
            if iri.startswith(namespace) and f"curie:{prefix}:{iri[len(namespace):]}" in self.starts:
                return self.starts[f"curie:{prefix}:{iri[len(namespace):]}"]
        return self.anywhere.get(iri)

    @classmethod
    def lines_of(cls, text: str, prefixes: Iterable[tuple[str, str]], iris: Iterable[str]) -> dict[str, int | None]:
        """``line_of`` for just these IRIs, without the per-line Python pass that dominates on big files.

        Exact: where counting "\\n" could disagree with ``splitlines`` numbering, the full index answers. Else
        line starts come from one regex scan anchored after each "\\n", and only IRIs left unanswered pay for the
        prefixed-name and anywhere steps, in ``line_of``'s order.
        """
        wanted = set(iris)
        if any(sep in text for sep in _ODD_BREAKS) or ("\r" in text and text.count("\r") != text.count("\r\n")):
            index = cls(text, prefixes)
            return {iri: index.line_of(iri) for iri in wanted}
        starts = _iri_starts(text)
        ordered = sorted(((p, ns) for p, ns in prefixes if p), key=lambda item: -len(item[1]))
        # The keys line_of tries, in its order; past the IRI itself only if the IRI starts no line.
        keys = {iri: [iri, *(f"curie:{p}:{iri[len(ns):]}" for p, ns in ordered if iri.startswith(ns))]
                for iri in wanted if iri not in starts}
        # A "curie:..." key (curie keys, but also an odd yet valid IRI) may start earlier as a line's first word.
        heads = {key for iri in wanted for key in keys.get(iri, [iri]) if key.startswith("curie:")}
        for key, offset in _head_starts(text, heads).items():
            starts[key] = min(offset, starts.get(key, offset))
        offsets: dict[str, int] = {}
        for iri in wanted:
            first = next((key for key in keys.get(iri, [iri]) if key in starts), None)
            if first is not None:
                offsets[iri] = starts[first]
        offsets.update(_mentions(text, [iri for iri in wanted if iri not in offsets]))
        numbers: dict[str, int | None] = dict.fromkeys(wanted)
        line, previous = 1, 0
        for iri, offset in sorted(offsets.items(), key=lambda item: item[1]):
            line, previous = line + text.count("\n", previous, offset), offset
            numbers[iri] = line
        return numbers


def _line_heads(pattern: str, text: str) -> Iterator[re.Match[str]]:
    """Matches of ``pattern`` after a line's leading blanks; leading with a literal "\\n" keeps sre's fast scan."""
    first = re.match(_BLANKS + pattern, text)
    return chain([first] if first else [], re.finditer("\n" + _BLANKS + pattern, text))


def _iri_starts(text: str) -> dict[str, int]:
    """First offset of each IRI that starts a line, i.e. where LineIndex's ``stripped.startswith`` test holds.

    That test holds for a match exactly when _IRI also matches at the first non-blank character: the match text
    starts with a non-blank delimiter and no delimiter can occur in its body, so a match is fixed by where it starts,
    and ``finditer`` reaches that character since no match can start on a blank. So one anchored match per line,
    with "[^\\S\\n]*" as ``lstrip`` (re's \\s is str.isspace; the only line break left here is "\\n") and the same
    group 1. A match never spans lines, as delimiters are not blank and the body excludes \\s.
    """
    starts: dict[str, int] = {}
    for match in _line_heads(_IRI.pattern, text):
        if match[1] not in starts:
            starts[match[1]] = match.start(1)
    return starts


def _head_starts(text: str, keys: set[str]) -> dict[str, int]:
    """First offset of each "curie:" key made of a line's first word, as LineIndex makes them."""
    names = {key[6:].partition(":")[0] for key in keys if ":" in key[6:]}  # a head without ":" makes no key
    if not names:
        return {}
    starts: dict[str, int] = {}
    alternatives = "|".join(sorted(map(re.escape, names)))
    for match in _line_heads(rf"((?:{alternatives}):\S*)", text):  # group 1 is the line's whole first word
        head = match.group(1)
        key = "curie:" + head.rstrip(";,.")
        if key in keys and not head.startswith(("<", '"', "@", "#")):
            starts.setdefault(key, match.start(1))
    return starts


def _mentions(text: str, iris: list[str]) -> dict[str, int]:
    """First offset on the first line where LineIndex's per-line ``finditer`` yields the IRI as group 1."""
    iris = [iri for iri in iris if re.fullmatch(_IRI_BODY, iri)]
    found: dict[str, int] = {}
    if len(iris) > _FEW:  # one scan: per-line and whole-text finditer agree, as no match spans a "\n"
        pending = set(iris)
        for match in _IRI.finditer(text):
            if match.group(1) in pending:
                found[match.group(1)] = match.start(1)
                pending.discard(match.group(1))
                if not pending:
                    break
        return found
    for iri in iris:
        at = text.find(iri)
        while at >= 0:
            start, end = text.rfind("\n", 0, at) + 1, text.find("\n", at)
            end = len(text) if end < 0 else end
            if any(match.group(1) == iri for match in _IRI.finditer(text[start:end].rstrip("\r"))):
                found[iri] = at
                break
            at = text.find(iri, end + 1)  # this line is done
    return found
