"""Validate HTTP responses against an OpenAPI document (3.0 or 3.1), with jsonschema-rs.

`OpenApi(document)` finds the operation of a request (path template and method, below the
path of the document's first server), picks the response object for a status (the exact
code, then `4XX`-style ranges, then `default`) and the schema of a media type (parameters
such as `charset` are ignored), and validates a body with JSON Schema 2020-12 and format
assertions on.

What plain JSON Schema leaves out is made explicit first, on a copy of the document:

- OpenAPI 3.0 `nullable: true` becomes a type list with `null` (or `anyOf` with `null`), and a
  boolean `exclusiveMinimum`/`exclusiveMaximum` becomes the 2020-12 number form.
- A `discriminator` is enforced: each reference to a schema with a discriminator (other than
  the `allOf` of the schemas it maps to) is replaced by a dispatcher that requires a mapped
  value and validates the instance against the mapped schema. Without a `mapping` the values
  are the names of the component schemas that extend it through `allOf`, as OpenAPI defines.

Nothing here knows a particular API: the BRP, BAG and ZGW contract tests all use it.
"""

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlsplit

import jsonschema_rs

_COMPONENTS = "#/components/schemas/"
_DISPATCH = "__dispatch"


def _plain(document: dict[str, Any]) -> dict[str, Any]:
    # YAML gives dates and datetimes for unquoted examples; JSON has only strings.
    plain: dict[str, Any] = json.loads(json.dumps(document, default=str))
    return plain


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def _pointer(*parts: str) -> str:
    escaped = (p.replace("~", "~0").replace("/", "~1") for p in parts)
    return "#/" + "/".join(quote(p, safe="~") for p in escaped)


def _normalise_30(document: dict[str, Any]) -> None:
    for node in _walk(document):
        if node.get("nullable") is True:
            del node["nullable"]
            kind = node.get("type")
            if isinstance(kind, str):
                node["type"] = [kind, "null"]
                if "enum" in node:
                    node["enum"] = [*node["enum"], None]
            elif kind is None:
                inner = {k: node.pop(k) for k in list(node) if k not in ("description", "title")}
                node["anyOf"] = [inner, {"type": "null"}]
        for key, bound in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
            if isinstance(node.get(key), bool):
                if node.pop(key) and bound in node:
                    node[key] = node.pop(bound)


def _enforce_discriminators(document: dict[str, Any]) -> None:
    schemas: dict[str, Any] = document.get("components", {}).get("schemas", {})
    dispatchers: dict[str, dict[str, Any]] = {}
    exempt: set[int] = set()
    for name, schema in schemas.items():
        discriminator = schema.get("discriminator") if isinstance(schema, dict) else None
        if not discriminator:
            continue
        ref = _COMPONENTS + name
        mapping: dict[str, str] = dict(discriminator.get("mapping") or {})
        if not mapping:
            mapping = {
                other: _COMPONENTS + other
                for other, candidate in schemas.items()
                if isinstance(candidate, dict)
                and any(part.get("$ref") == ref for part in candidate.get("allOf", []))
            }
        if not mapping:
            continue
        for target in mapping.values():
            target_schema = schemas.get(target.removeprefix(_COMPONENTS), {})
            for part in target_schema.get("allOf", []):
                if part.get("$ref") == ref:
                    exempt.add(id(part))
        prop = discriminator["propertyName"]
        dispatchers[name] = {
            "allOf": [
                {"$ref": ref},
                {"properties": {prop: {"enum": sorted(mapping)}}},
                *(
                    {
                        "if": {"properties": {prop: {"const": value}}, "required": [prop]},
                        "then": {"$ref": target},
                    }
                    for value, target in sorted(mapping.items())
                ),
            ]
        }
    if not dispatchers:
        return
    for node in _walk(document):
        ref = node.get("$ref")
        if isinstance(ref, str) and id(node) not in exempt:
            name = ref.removeprefix(_COMPONENTS)
            if ref.startswith(_COMPONENTS) and name in dispatchers:
                node["$ref"] = _COMPONENTS + name + _DISPATCH
    for name, dispatcher in dispatchers.items():
        schemas[name + _DISPATCH] = dispatcher


def _media_type(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


@dataclass(frozen=True)
class Operation:
    """One operation of the document.

    Attributes:
        method: Lower-case HTTP method.
        template: The path template as the document has it, e.g. `/adressen/{id}`.
        operation_id: The document's `operationId`.
        responses: Its responses, by status key (`200`, `4XX`, `default`).
    """

    method: str
    template: str
    operation_id: str
    responses: dict[str, Any] = field(repr=False)


class ContractViolation(AssertionError):
    """A response that the document does not allow."""


class OpenApi:
    """An OpenAPI document, ready to validate responses against.

    Attributes:
        document: The normalised copy of the document.
        base_path: The path of the first server URL (e.g. `/haalcentraal/api/brp`); request
            paths are matched below it.
    """

    def __init__(self, document: dict[str, Any], *, base_path: str | None = None) -> None:
        """Normalise a copy of `document` (see the module docstring)."""
        self.document = _plain(document)
        if str(self.document.get("openapi", "")).startswith("3.0"):
            _normalise_30(self.document)
        _enforce_discriminators(self.document)
        if base_path is None:
            servers = self.document.get("servers") or [{"url": ""}]
            base_path = urlsplit(servers[0]["url"]).path
        self.base_path = base_path.rstrip("/")
        self._validators: dict[str, jsonschema_rs.Validator] = {}
        self._routes = [
            (self._regex(template), template, method.lower(), operation)
            for template, item in self.document.get("paths", {}).items()
            for method, operation in item.items()
            if isinstance(operation, dict) and "responses" in operation
        ]
        # Literal segments first: `/adressen/zoek` before `/adressen/{id}`.
        self._routes.sort(key=lambda route: route[1].count("{"))

    @staticmethod
    def _regex(template: str) -> re.Pattern[str]:
        parts = re.split(r"(\{[^}]+\})", template)
        body = "".join("[^/]+" if p.startswith("{") else re.escape(p) for p in parts)
        return re.compile(f"^{body}$")

    def operation(self, method: str, path: str) -> Operation:
        """The operation that serves `method path` (a full request path, base path included).

        Raises:
            ContractViolation: When the document has no such operation.
        """
        if not path.startswith(self.base_path):
            raise ContractViolation(f"{path} is not below {self.base_path}")
        relative = path[len(self.base_path) :] or "/"
        for regex, template, verb, operation in self._routes:
            if verb == method.lower() and regex.match(relative):
                return Operation(
                    method=verb,
                    template=template,
                    operation_id=str(operation.get("operationId", "")),
                    responses=operation["responses"],
                )
        raise ContractViolation(f"the specification has no operation {method.upper()} {path}")

    def _resolve(self, node: dict[str, Any]) -> tuple[dict[str, Any], tuple[str, ...] | None]:
        ref = node.get("$ref")
        if not isinstance(ref, str):
            return node, None
        parts = tuple(p.replace("~1", "/").replace("~0", "~") for p in ref[2:].split("/"))
        target: Any = self.document
        for part in parts:
            target = target[part]
        return target, parts

    def response_schema_pointer(
        self, method: str, path: str, status: int, content_type: str
    ) -> str | None:
        """The JSON pointer of the schema for this response, or None when it has no body.

        Raises:
            ContractViolation: When the operation documents neither the status (nor its range
                nor `default`), or not the media type for it.
        """
        operation = self.operation(method, path)
        key = next(
            (
                k
                for k in (str(status), f"{str(status)[0]}XX", "default")
                if k in operation.responses
            ),
            None,
        )
        if key is None:
            raise ContractViolation(
                f"{operation.operation_id} documents no response {status} "
                f"(only {', '.join(operation.responses)})"
            )
        response, location = self._resolve(operation.responses[key])
        if location is None:
            location = ("paths", operation.template, operation.method, "responses", key)
        content: dict[str, Any] = response.get("content") or {}
        if not content:
            return None
        wanted = _media_type(content_type)
        media = next((m for m in content if _media_type(m) == wanted), None)
        if media is None:
            raise ContractViolation(
                f"{operation.operation_id} {key} is documented as {', '.join(content)}, "
                f"not {content_type or 'no content type'}"
            )
        if "schema" not in content[media]:
            return None
        return _pointer(*location, "content", media, "schema")

    def validator(self, pointer: str) -> jsonschema_rs.Validator:
        """A validator for the schema at `pointer` within the document (cached)."""
        validator = self._validators.get(pointer)
        if validator is None:
            root = dict(self.document)
            root.pop("$schema", None)
            root["$ref"] = pointer
            validator = jsonschema_rs.Draft202012Validator(root, validate_formats=True)
            self._validators[pointer] = validator
        return validator

    def errors(self, pointer: str, instance: Any) -> list[str]:
        """Every way `instance` breaks the schema at `pointer`, as `path: message` lines."""
        return [
            f"/{'/'.join(str(p) for p in error.instance_path)}: {error.message}"
            for error in self.validator(pointer).iter_errors(instance)
        ]

    def required_headers(self, method: str, path: str, status: int) -> list[str]:
        """The headers the specification requires on this response (lower case)."""
        operation = self.operation(method, path)
        key = next(
            (
                k
                for k in (str(status), f"{str(status)[0]}XX", "default")
                if k in operation.responses
            ),
            None,
        )
        if key is None:
            return []
        response, _ = self._resolve(operation.responses[key])
        names = []
        for name, header in (response.get("headers") or {}).items():
            resolved, _ = self._resolve(header)
            if resolved.get("required"):
                names.append(name.lower())
        return names

    def check_response(
        self,
        method: str,
        path: str,
        status: int,
        content_type: str,
        body: Any,
        *,
        headers: Mapping[str, str] | None = None,
    ) -> str:
        """Check one response; return the operation id.

        Args:
            method: The request's method.
            path: The request's path.
            status: The response's status.
            content_type: Its `Content-Type`.
            body: Its parsed JSON body (None when empty).
            headers: Its headers; when given, the required ones must be present.

        Raises:
            ContractViolation: When the status, media type, headers or body are not what
                the specification documents.
        """
        operation = self.operation(method, path)
        if headers is not None:
            present = {k.lower() for k in headers}
            missing = [h for h in self.required_headers(method, path, status) if h not in present]
            if missing:
                raise ContractViolation(
                    f"{operation.operation_id} {status}: required headers missing: "
                    + ", ".join(missing)
                )
        pointer = self.response_schema_pointer(method, path, status, content_type)
        if pointer is not None:
            problems = self.errors(pointer, body)
            if problems:
                raise ContractViolation(
                    f"{operation.operation_id} {status}: the body breaks the specification:\n"
                    + "\n".join(problems[:20])
                )
        return operation.operation_id

    def schema_errors(self, name: str, instance: Any) -> list[str]:
        """Every way `instance` breaks the component schema `name`."""
        return self.errors(_pointer("components", "schemas", name), instance)
