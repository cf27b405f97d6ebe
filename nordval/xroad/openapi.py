"""X-Road REST service descriptions: OpenAPI 3 as the security server registers it (research note §5.4).

The security server (``OpenApiParser``, ``ServiceDescriptionService.addOpenApi3ServiceDescription``)
accepts ``openapi`` 3.0.x or exactly 3.1.0, parses the description with swagger-parser and turns
every parser message into a warning that the administrator must explicitly ignore; it then takes
``servers[0].url`` as the service URL and every (method, path) as an endpoint for access rights.
It does not take service codes from the description: the administrator supplies one code for it.

So the version gate, duplicate keys and references nordval cannot follow are errors; OpenAPI
schema problems found by openapi-spec-validator (the library does the OpenAPI validation, nordval
only maps its errors) are warnings, as at the security server; and the service URL and the
endpoint list are judged the way the security server derives them.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

from jsonschema.exceptions import ValidationError, best_match
from jsonschema_path import SchemaPath
from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator
from openapi_spec_validator.validation import exceptions as library_errors
from openapi_spec_validator.validation.validators import SpecValidator
from referencing.exceptions import Unresolvable

from ..inputs import Document, SourceMap, pointer_token
from ..model import Finding, Location, Severity
from ..profiles import ResolvedProfile
from .rule import Rule  # ``see`` may use {oas} and {anchor}

LAYER = "xroad-openapi"
PR_REST = "https://github.com/nordic-institute/X-Road/blob/develop/doc/Protocols/pr-rest_x-road_message_protocol_for_rest.md"
SEE_DESCRIBING = f"{PR_REST}#51-describing-services"
SEE_INTERFACE = f"{PR_REST}#41-rest-interface"
OAS_SPECS = {"3.0": "https://spec.openapis.org/oas/v3.0.3", "3.1": "https://spec.openapis.org/oas/v3.1.0"}
# OpenApiParser.MAX_DESCRIPTION_SIZE: characters read before the security server gives up.
MAX_DESCRIPTION_CHARS = 10 * 1024 * 1024
# PathItem.readOperationsMap: the methods that become endpoints.
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# Keys whose values are data, not description: a "$ref" inside an example is not a reference.
DATA_KEYS = frozenset({"example", "examples", "default", "enum", "const"})
MAX_TEXT = 200


RULES: dict[str, Rule] = {
    "document.size": Rule(Severity.ERROR, "the description has {size:,} characters; the security server reads at "
                          "most 10 MiB (10,485,760) and refuses larger descriptions.",
                          "Split the API into several descriptions (one service code each), or move large "
                          "examples out of the description.", SEE_DESCRIBING),
    "document.duplicateKey": Rule(Severity.ERROR, "key '{key}' occurs again on line {at_line} in {parent} (first on "
                                  "line {first}); keys must be unique and parsers keep only one of the values, so the "
                                  "other is silently lost{lost}.",
                                  "Merge the two '{key}' entries into one.", "{oas}#format"),
    "openapi.missing": Rule(Severity.ERROR, "the description has no 'openapi' field; the security server cannot parse "
                            "it (OpenApiParser ParsingException).",
                            "Add the field at the top level: openapi: 3.0.3 (or openapi: 3.1.0).",
                            "{oas}#openapi-object"),
    "openapi.version": Rule(Severity.ERROR, "{found}; the security server registers only OpenAPI 3.0.x and exactly "
                            "3.1.0 (UnsupportedOpenApiVersionException).",
                            "{fix}", SEE_DESCRIBING),
    "schema": Rule(Severity.WARNING, "{where}: {problem} (OpenAPI {version} schema); the security server registers "
                   "the description only when the administrator ignores its parser warnings.",
                   "Correct the element as the OpenAPI {version} specification describes it.", "{oas}#{anchor}"),
    "schema.coerced": Rule(Severity.INFO, "{where} is {shown} (a {kind}), where OpenAPI wants a string; the security "
                           "server's parser reads it as the text \"{text}\".",
                           "Quote the value: \"{text}\".", "{oas}#{anchor}"),
    "schema.incomplete": Rule(Severity.ERROR, "{where}: the OpenAPI checks stopped ({reason}); this part of the "
                              "description was not validated.",
                              "Correct the element, or report the problem if it looks correct.", "{oas}"),
    "parameter.unresolved": Rule(Severity.WARNING, "{detail}; the security server's parser warns about it and "
                                 "registration stops until the warning is ignored.",
                                 "{fix}", "{oas}#path-templating"),
    "parameter.duplicate": Rule(Severity.WARNING, "{where}: {problem}; a parameter is identified by its name and "
                                "location and may be listed once.", "Remove the repeated parameter.",
                                "{oas}#operation-object"),
    "operationId.duplicate": Rule(Severity.WARNING, "operationId '{operation_id}' of {method} {url} is already used "
                                  "by another operation; OpenAPI requires operationIds to be unique (X-Road itself "
                                  "names endpoints by method and path, not by operationId).",
                                  "Give each operation its own operationId.", "{oas}#operation-object"),
    "ref.external": Rule(Severity.ERROR, "$ref '{ref}' at {where} points outside the description; the security server "
                         "stores the description as given without resolving it, and nordval does not fetch it, so "
                         "that part is not checked.",
                         "Bundle the description into one self-contained file (e.g. 'redocly bundle' or "
                         "'swagger-cli bundle') before registering it.", "{oas}#reference-object"),
    "ref.unresolved": Rule(Severity.ERROR, "$ref '{ref}' at {where} points to {target}, which does not exist in the "
                           "description.", "Point the reference at an existing component, e.g. "
                           "'#/components/schemas/<Name>'.", "{oas}#reference-object"),
    "servers.missing": Rule(Severity.WARNING, "the description has no servers; the security server then uses the URL "
                            "it downloaded the description from as the service URL, which is rarely the API's base "
                            "URL.", "Add servers: [{{url: https://<host>/<base path>}}] with the address the "
                            "security server should call.", "{oas}#server-object"),
    "servers.url.missing": Rule(Severity.WARNING, "servers[0] has no usable url ({found}); the security server then "
                                "uses the description's own URL as the service URL.",
                                "Give servers[0] a url such as https://<host>/<base path>.", "{oas}#server-object"),
    "servers.url.relative": Rule(Severity.INFO, "servers[0].url '{url}' is relative; the security server resolves "
                                 "it against the URL it downloads the description from.",
                                 "Write the absolute URL (https://<host>{url_hint}) if the API is not served from "
                                 "the description's host.", "{oas}#server-object"),
    "servers.url.template": Rule(Severity.WARNING, "servers[0].url '{url}' contains server variables; the security "
                                 "server stores it unresolved as the service URL and cannot call the service until "
                                 "an administrator edits it.",
                                 "{fix}", "{oas}#server-object"),
    "servers.url.scheme": Rule(Severity.ERROR, "servers[0].url '{url}' uses the scheme '{scheme}'; the security server "
                               "calls services only over http:// or https://.",
                               "Serve the API over HTTP(S) and put its https:// (or http://) URL first in servers.",
                               SEE_INTERFACE),
    "servers.url.invalid": Rule(Severity.ERROR, "servers[0].url '{url}' is not a usable URL: {why}.",
                                "Write the base URL as https://<host>[:port]/<base path>.", "{oas}#server-object"),
    "endpoint.duplicate": Rule(Severity.ERROR, "{method} {url} and {method} {other} are the same X-Road endpoint "
                               "'{method} {endpoint}' (path parameters become '*'); OpenAPI forbids templated paths "
                               "that differ only in parameter names, and access rights cannot tell them apart.",
                               "Keep one of the two paths and merge their operations.", "{oas}#paths-object"),
    "endpoint.ref": Rule(Severity.WARNING, "path {url} is a $ref ('{ref}'); the security server does not resolve "
                         "it, so no endpoint is registered for its operations (only the catch-all endpoint "
                         "'* **' covers them).", "Write the operations under the path itself.",
                         "{oas}#path-item-object"),
    "endpoint.none": Rule(Severity.INFO, "the description has no operations; the security server registers only the "
                          "catch-all endpoint '* **', so access can only be granted to the whole service.",
                          "Describe the operations under paths, so access rights can be granted per endpoint.",
                          "{oas}#paths-object"),
}


class _Emitter:
    """Builds findings with the file, line, column and JSON pointer of an element."""

    def __init__(self, document: Document, profile: ResolvedProfile) -> None:
        self.document, self.profile = document, profile
        self.source_map = document.source_map or SourceMap()
        self.version = "3.0"
        self.found: list[Finding] = []

    def __call__(self, rule: str, pointer: str, value: Any = None, line: int | None = None,
                 column: int | None = None, **fields: Any) -> None:
        spec = RULES[rule]
        if line is None:
            line, column = self.source_map.locate(pointer)
        fields.setdefault("version", self.version)
        location = Location(file=self.document.source, line=line, column=column, path=show(pointer),
                            value=None if value is None else short(value))
        see = spec.see.format(oas=OAS_SPECS[self.version], anchor=fields.get("anchor", ""))
        self.found.append(spec.finding(f"{LAYER}:{rule}", location, self.profile.id, LAYER, LAYER, None, see, **fields))


def show(pointer: str) -> str:
    """A JSON pointer as OpenAPI authors write references: ``#/paths/~1companies/get``."""
    return "#" + pointer


def short(value: Any) -> str:
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT] + "…"


def check(document: Document, profile: ResolvedProfile, languages: tuple[str, ...] = ()) -> Iterator[Finding]:
    """The security server's registration rules for one OpenAPI description."""
    emit = _Emitter(document, profile)
    data = document.data if isinstance(document.data, dict) else {}
    if len(document.text or "") > MAX_DESCRIPTION_CHARS:
        emit("document.size", "", size=len(document.text or ""))
    version = check_version(data, emit)
    if version is not None:
        emit.version = version
    check_duplicate_keys(document, emit)
    if version is None:
        yield from emit.found
        return
    refs_reported = check_references(data, emit)
    check_schema(data, version, emit, refs_reported)
    check_servers(data, emit)
    check_endpoints(data, emit)
    yield from emit.found


def check_version(data: dict[str, Any], emit: _Emitter) -> str | None:
    """The version gate of OpenApiParser: ``openapi`` starting with 3.0, or exactly 3.1.0."""
    if "openapi" not in data:
        if "swagger" in data:
            emit("openapi.version", "/swagger", value=data["swagger"],
                 found=f"the description is Swagger / OpenAPI 2 (swagger: '{short(data['swagger'])}')",
                 fix="Convert it to OpenAPI 3 (e.g. with swagger2openapi) and declare openapi: 3.0.3.")
        else:
            emit("openapi.missing", "")
        return None
    raw = data["openapi"]
    # Jackson's asText(): a YAML number (openapi: 3.0) is read as its text, anything else fails the gate.
    found = raw if isinstance(raw, str) else None if isinstance(raw, bool) else \
        str(raw) if isinstance(raw, (int, float)) else None
    if found is not None and found.startswith("3.0"):
        return "3.0"
    if found == "3.1.0":
        return "3.1"
    fix = ("Declare openapi: 3.1.0 (patch releases of 3.1 change no syntax, so a 3.1.x description is a 3.1.0 one) "
           "or 3.0.3." if found and found.startswith("3.1.") else
           "Describe the service in OpenAPI 3.0.x or 3.1.0 and declare that version (e.g. openapi: 3.0.3).")
    emit("openapi.version", "/openapi", value=raw, found=f"openapi is '{short(raw)}'", fix=fix)
    return None


def check_duplicate_keys(document: Document, emit: _Emitter) -> None:
    """Keys written twice: JSON and YAML parsers keep one value, so the other part of the API vanishes."""
    if document.source_map is None:
        return
    for pointer, line, column, first in document.source_map.duplicate_keys:
        parent, _, token = pointer.rpartition("/")
        key = token.replace("~1", "/").replace("~0", "~")
        lost = ""
        if key in METHODS and parent.startswith("/paths/"):
            lost = f" (one '{key}' operation of the path is not registered)"
        emit("document.duplicateKey", pointer, value=key, line=line, column=column, key=key, at_line=line,
             parent=show(parent) if parent else "the top level", first=first, lost=lost)


# --- references ---------------------------------------------------------------------------------

def check_references(data: dict[str, Any], emit: _Emitter) -> bool:
    """Every ``$ref`` resolves inside the description; returns whether any did not."""
    reported = False
    for pointer, ref in _references(data):
        if not isinstance(ref, str):
            continue
        if not ref.startswith("#"):
            emit("ref.external", pointer + "/$ref", value=ref, ref=short(ref), where=show(pointer))
            reported = True
        elif not _resolves(data, ref[1:]):
            emit("ref.unresolved", pointer + "/$ref", value=ref, ref=short(ref), where=show(pointer),
                 target=short(ref))
            reported = True
    return reported


def _references(data: Any) -> Iterator[tuple[str, Any]]:
    """(pointer of the object, its ``$ref``) for every reference, skipping example and default data."""
    stack: list[tuple[str, Any]] = [("", data)]
    seen: set[int] = set()
    while stack:
        pointer, node = stack.pop()
        if isinstance(node, (dict, list)):
            if id(node) in seen:
                continue
            seen.add(id(node))
        if isinstance(node, dict):
            if "$ref" in node:
                yield pointer, node["$ref"]
            names = pointer.endswith(("/properties", "/patternProperties"))  # keys are property names
            for key, value in node.items():
                if names or (key not in DATA_KEYS and not key.startswith("x-")):
                    stack.append((f"{pointer}/{pointer_token(key)}", value))
        elif isinstance(node, list):
            stack.extend((f"{pointer}/{i}", value) for i, value in enumerate(node))


def _resolves(data: Any, pointer: str) -> bool:
    if pointer == "":
        return True
    if not pointer.startswith("/"):
        return False  # a plain-name fragment ($anchor): not used by X-Road's parser
    node = data
    for token in unquote(pointer)[1:].split("/"):  # a URI fragment: percent-decoded first (RFC 6901 §6)
        token = token.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return False
    return True


# --- OpenAPI schema (openapi-spec-validator) ---------------------------------------------------

@dataclass(frozen=True)
class _Stopped:
    """A keyword check of the library that raised instead of reporting (e.g. on a broken element)."""

    where: tuple[Any, ...]
    error: BaseException


def _locating(keyword: str, base: type[Any]) -> type[Any]:
    """A library keyword validator that tags each error with the element it was checking, and turns
    an exception into a ``_Stopped`` record so the other parts of the description are still checked."""

    def call(self: Any, *args: Any, **kwargs: Any) -> Iterator[Any]:
        where = next((tuple(a.parts) for a in args if isinstance(a, SchemaPath)), ())
        try:
            for error in base.__call__(self, *args, **kwargs):
                if isinstance(error, ValidationError) and not hasattr(error, "nordval_where"):
                    error.nordval_where = where
                    error.nordval_keyword = keyword
                yield error
        except Exception as exc:  # the library assumes a valid document in places (KeyError, TypeError)
            yield _Stopped(where, exc)

    return type(f"Located{base.__name__}", (base,), {"__call__": call})


def _validator_class(version: str) -> type[SpecValidator]:
    """The library's validator for the version, with no reference handlers: nothing is fetched."""
    base: type[SpecValidator] = OpenAPIV31SpecValidator if version == "3.1" else OpenAPIV30SpecValidator
    keywords = {name: _locating(name, cls) for name, cls in base.keyword_validators.items()}
    return type(f"Offline{base.__name__}", (base,), {"resolver_handlers": {}, "keyword_validators": keywords})


def check_schema(data: dict[str, Any], version: str, emit: _Emitter, refs_reported: bool) -> None:
    """Map openapi-spec-validator's errors to findings with the element's pointer."""
    reported: list[str] = []
    try:
        validator = _validator_class(version)(data)
        for error in validator.schema_validator.iter_errors(data):
            reported.append(_schema_error(error, (), emit))
        for item in validator.root_validator(validator.schema_path):
            if isinstance(item, _Stopped):
                _stopped(item, reported, refs_reported, emit)
            else:
                reported.append(_keyword_error(item, emit))
        _drop_repeated_duplicates(emit)
    except RecursionError:
        emit("schema.incomplete", "", where="the description", reason="it is nested too deeply")
    except Exception as exc:  # a library failure must not hide the other rules' findings
        emit("schema.incomplete", "", where="the description", reason=f"{type(exc).__name__}: {short(str(exc))}")


def _drop_repeated_duplicates(emit: _Emitter) -> None:
    """A parameter listed twice verbatim also fails the schema's uniqueItems; report it once."""
    duplicated = {f.location.path for f in emit.found if f.rule == f"{LAYER}:parameter.duplicate"}
    emit.found = [f for f in emit.found if not (f.rule == f"{LAYER}:schema" and f.location.path in duplicated
                                                 and "non-unique elements" in f.message)]


def _pointer(parts: Any) -> str:
    return "".join(f"/{pointer_token(p)}" for p in parts)


def _schema_error(error: ValidationError, where: tuple[Any, ...], emit: _Emitter) -> str:
    """One meta-schema error; for 'oneOf'/'anyOf' the most specific reason among the alternatives."""
    if error.context and error.validator in ("oneOf", "anyOf"):
        refined = best_match(error.context)
        if refined is not None and len(refined.absolute_path) >= len(error.absolute_path):
            error = refined
    pointer = _pointer(where) + _pointer(error.absolute_path)
    anchor = _anchor(pointer)
    instance = error.instance
    if (error.validator == "type" and error.validator_value == "string" and instance is not None
            and isinstance(instance, (bool, int, float))):
        text = str(instance).lower() if isinstance(instance, bool) else str(instance)
        kind = {"bool": "boolean", "int": "number", "float": "number"}[type(instance).__name__]
        emit("schema.coerced", pointer, value=instance, where=show(pointer), kind=kind, text=text, anchor=anchor,
             shown=short(instance))
        return pointer
    emit("schema", pointer, where=show(pointer), problem=_problem(error), anchor=anchor)
    return pointer


def _problem(error: ValidationError) -> str:
    """The library's sentence, without a dump of a large instance."""
    message = " ".join(str(error.message).split())
    if len(message) > 300:
        shown = short(error.instance)
        message = message.replace(repr(error.instance), shown) if repr(error.instance) in message else message
        message = message[:300] + "…" if len(message) > 300 else message
    return message


_PARAMETER = re.compile(r"Path parameter '(?P<name>[^']*)' for '(?P<method>[^']*)' operation in '(?P<url>.*)' was not "
                        r"resolved")
_OPERATION_ID = re.compile(r"Operation ID '(?P<id>.*)' for '(?P<method>[^']*)' in '(?P<url>.*)' is not unique")


def _keyword_error(error: ValidationError, emit: _Emitter) -> str:
    where: tuple[Any, ...] = getattr(error, "nordval_where", ())
    keyword: str = getattr(error, "nordval_keyword", "")
    message = str(error.message)
    if isinstance(error, library_errors.UnresolvableParameterError) and (match := _PARAMETER.fullmatch(message)):
        name, method, url = match["name"], match["method"], match["url"]
        pointer = f"/paths/{pointer_token(url)}/{method}"
        in_template = name in {f[1] for f in string.Formatter().parse(url) if f[1]}
        if in_template:
            detail = f"path {url} has the parameter {{{name}}}, but its {method} operation does not declare it"
            fix = f"Declare it: parameters: [{{name: {name}, in: path, required: true, schema: {{type: string}}}}]."
        else:
            detail = f"the {method} operation of {url} declares the path parameter '{name}', which the path has not"
            fix = f"Add {{{name}}} to the path, or declare '{name}' in query or header instead of path."
        emit("parameter.unresolved", pointer, value=name, detail=detail, fix=fix)
        return pointer
    if isinstance(error, library_errors.DuplicateOperationIDError) and (match := _OPERATION_ID.fullmatch(message)):
        pointer = f"/paths/{pointer_token(match['url'])}/{match['method']}/operationId"
        emit("operationId.duplicate", pointer, value=match["id"], operation_id=match["id"],
             method=match["method"].upper(), url=match["url"])
        return pointer
    if isinstance(error, library_errors.ParameterDuplicateError):
        pointer = _pointer(where)
        emit("parameter.duplicate", pointer, where=show(pointer), problem=message)
        return pointer
    if keyword == "default":
        where = (*where, "default")
    return _schema_error(error, where, emit)


def _stopped(item: _Stopped, reported: list[str], refs_reported: bool, emit: _Emitter) -> None:
    """A keyword check that raised: silent when its cause is already reported, an error otherwise."""
    pointer = _pointer(item.where)
    if isinstance(item.error, Unresolvable) and refs_reported:
        return
    if any(p.startswith(pointer) or pointer.startswith(p) for p in reported if p):
        return
    reason = ("it is nested too deeply" if isinstance(item.error, RecursionError)
              else f"{type(item.error).__name__}: {short(str(item.error))}")
    emit("schema.incomplete", pointer, where=show(pointer), reason=reason)


_OBJECTS = {
    "schema": "schema-object", "schemas": "schema-object", "properties": "schema-object", "items": "schema-object",
    "parameters": "parameter-object", "headers": "header-object", "requestBody": "request-body-object",
    "requestBodies": "request-body-object", "responses": "response-object", "content": "media-type-object",
    "variables": "server-variable-object", "servers": "server-object", "info": "info-object",
    "contact": "contact-object", "license": "license-object", "tags": "tag-object",
    "securitySchemes": "security-scheme-object", "externalDocs": "external-documentation-object",
    "examples": "example-object", "components": "components-object",
}


def _anchor(pointer: str) -> str:
    """The section of the OpenAPI specification that defines the object at ``pointer`` (spec link)."""
    parts = [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")]
    for index in range(len(parts) - 1, 0, -1):
        if parts[index] in _OBJECTS:
            return _OBJECTS[parts[index]]
        if index == 3 and parts[1] == "paths" and parts[index] in METHODS:
            return "operation-object"
    if len(parts) > 1 and parts[1] == "paths":
        return "path-item-object" if len(parts) > 2 else "paths-object"
    return "openapi-object"


# --- what the security server takes from the description -------------------------------------

def check_servers(data: dict[str, Any], emit: _Emitter) -> None:
    """``servers[0].url`` becomes the service URL (relative: resolved; with ``{``: kept as written)."""
    servers = data.get("servers")
    if servers is None or servers == []:
        emit("servers.missing", "/servers" if "servers" in data else "")
        return
    if not isinstance(servers, list):
        return  # reported by the schema check
    first = servers[0]
    url = first.get("url") if isinstance(first, dict) else None
    if not isinstance(url, str) or not url.strip():
        emit("servers.url.missing", "/servers/0", value=url, found="no url" if url is None else f"url {short(url)!r}")
        return
    pointer = "/servers/0/url"
    if "{" in url:
        variables = first.get("variables") if isinstance(first.get("variables"), dict) else {}
        resolved = _substitute(url, variables)
        fix = (f"Put the concrete base URL first, e.g. servers: [{{url: {resolved}}}], or set the service URL "
               "after registration." if resolved else
               "Put the concrete base URL first in servers, or set the service URL after registration.")
        emit("servers.url.template", pointer, value=url, url=short(url), fix=fix)
        return
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError as exc:
        emit("servers.url.invalid", pointer, value=url, url=short(url), why=str(exc))
        return
    if any(c.isspace() for c in url):
        emit("servers.url.invalid", pointer, value=url, url=short(url), why="it contains white space")
    elif not parts.scheme:
        hint = url if url.startswith("/") else "/" + url
        emit("servers.url.relative", pointer, value=url, url=short(url), url_hint=short(hint))
    elif parts.scheme.lower() not in ("http", "https"):
        emit("servers.url.scheme", pointer, value=url, url=short(url), scheme=parts.scheme)
    elif not host:
        emit("servers.url.invalid", pointer, value=url, url=short(url), why="it has no host name")


def _substitute(url: str, variables: dict[str, Any]) -> str | None:
    """The URL with each variable's default, or None when one has no default."""
    missing = False

    def value(match: re.Match[str]) -> str:
        nonlocal missing
        variable = variables.get(match.group(1))
        default = variable.get("default") if isinstance(variable, dict) else None
        if not isinstance(default, (str, int, float)):
            missing = True
            return match.group(0)
        return str(default)

    result = re.sub(r"\{([^}]*)}", value, url)
    return None if missing else result


def check_endpoints(data: dict[str, Any], emit: _Emitter) -> None:
    """Endpoints as the security server lists them: METHOD + path with ``{param}`` -> ``*``."""
    paths = data.get("paths")
    if not isinstance(paths, dict):
        if "paths" not in data or paths is None:
            emit("endpoint.none", "")
        return
    seen: dict[tuple[str, str], str] = {}
    operations = 0
    for url, item in paths.items():
        if not isinstance(item, dict) or not url.startswith("/"):
            continue
        base = f"/paths/{pointer_token(url)}"
        if "$ref" in item and not any(m in item for m in METHODS):
            emit("endpoint.ref", base + "/$ref", value=item["$ref"], url=url, ref=short(item["$ref"]))
            continue
        endpoint = re.sub(r"\{[^/]*}", "*", url)
        for method in METHODS:
            if method not in item:
                continue
            operations += 1
            key = (method.upper(), endpoint)
            if key in seen:
                emit("endpoint.duplicate", f"{base}/{method}", value=f"{method.upper()} {url}", method=key[0],
                     url=url, other=seen[key], endpoint=endpoint)
            else:
                seen[key] = url
    if not operations and not any(isinstance(i, dict) and "$ref" in i for i in paths.values()):
        emit("endpoint.none", "/paths")

