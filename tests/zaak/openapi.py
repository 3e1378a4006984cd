"""A small OpenAPI 3.0 response validator for the ZGW specifications (jsonschema-rs).

It resolves the response schema of an operation (path template, method, status), turns
OpenAPI's `nullable` into JSON Schema's `null` type, and checks the response's required
headers. References outside the file (the Zaken API refers to an older Catalogi file for
`_expand`) are replaced by `{}`: burgerflow never asks for `expand`.
"""

import copy
import re
from typing import Any

import httpx
import jsonschema_rs


def _convert(node: Any, external: bool = False) -> Any:
    if isinstance(node, dict):
        if "$ref" in node and not str(node["$ref"]).startswith("#"):
            return {}
        out = {k: _convert(v) for k, v in node.items() if k not in ("nullable", "example")}
        if node.get("nullable"):
            if "type" in out:
                kind = out["type"]
                out["type"] = [*kind, "null"] if isinstance(kind, list) else [kind, "null"]
            if "enum" in out and None not in out["enum"]:
                out["enum"] = [*out["enum"], None]
            for key in ("allOf", "oneOf", "anyOf", "$ref"):
                if key in out:
                    inner = {key: out.pop(key)}
                    out = {"anyOf": [{"type": "null"}, {**out, **inner}]}
                    break
        return out
    if isinstance(node, list):
        return [_convert(v) for v in node]
    return node


class SpecValidator:
    """Validates responses against one OpenAPI 3.0 document."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.spec = spec
        self.base = spec["servers"][0]["url"].rstrip("/")
        self._components = _convert(copy.deepcopy(spec["components"]))
        self._paths = [
            (re.compile("^" + re.sub(r"\{[^/]+\}", "[^/]+", p) + "$"), p) for p in spec["paths"]
        ]
        self.checked: set[str] = set()

    def operation(self, method: str, path: str) -> tuple[str, dict[str, Any]]:
        """The path template and operation of a request path (below the server's base)."""
        for pattern, template in self._paths:
            if pattern.match(path) and method.lower() in self.spec["paths"][template]:
                return template, self.spec["paths"][template][method.lower()]
        raise AssertionError(f"{method} {path} is not in the specification")

    def validate(self, response: httpx.Response) -> None:
        """Validate `response` (body and required headers) against its operation."""
        url = response.request.url
        path = url.path
        assert path.startswith(self.base), path
        template, op = self.operation(response.request.method, path.removeprefix(self.base))
        status = str(response.status_code)
        spec_response = op["responses"].get(status)
        assert spec_response is not None, f"{template}: status {status} not specified"
        for name, header in spec_response.get("headers", {}).items():
            if header.get("required"):
                assert name in response.headers, f"{template} {status}: header {name} missing"
        content = spec_response.get("content")
        if content:
            media = next(iter(content))
            assert response.headers["content-type"].startswith(media), (
                template,
                response.headers["content-type"],
            )
            schema = {**_convert(content[media]["schema"]), "components": self._components}
            validator = jsonschema_rs.Draft4Validator(schema)
            errors = [str(e) for e in validator.iter_errors(response.json())]
            assert not errors, (template, status, errors[:5])
        self.checked.add(f"{response.request.method} {template} {status}")
