"""Errors as `application/problem+json` in the manner of the Haal Centraal APIs.

Every error the mocks return has `type`, `title`, `status`, `detail`, `instance` (the
absolute URL of the request, without its query) and `code`; a 400 also has `invalidParams`
(`name`, `code`, `reason`). FastAPI's own validation errors become 400s with `invalidParams`,
unknown routes 404s. Details never carry a BSN or an address, so they are safe to log.

The texts keep to the patterns of the Haal Centraal specifications (BRP Personen's
`Foutbericht` and `InvalidParam`): a parameter's name is a dotted path (`fields.1`, not
`fields[1]`), a reason has only letters, digits, spaces, full stops and commas (at most 80),
a detail no colon or semicolon (at most 200). BAG (Individuele Bevragingen v2) names the list
`invalid-params` and sends `api-version` on every answer; `FLAVOURS` holds those differences
by path prefix (with BRP's cap on the length of a parameter's name).
"""

import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from burgerflow.registry.schemas.common import InvalidParam, Problem

PROBLEM_MEDIA_TYPE = "application/problem+json"
RETRY_AFTER_SECONDS = 1
"""Value of the `Retry-After` header on a 503."""

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Flavour:
    """How one API spells its errors.

    Attributes:
        invalid_params_key: The name of the list of parameters at fault.
        headers: Headers every answer of the API carries.
        name_max: The longest parameter name the API's specification allows, if it caps it.
    """

    invalid_params_key: str = "invalidParams"
    headers: Mapping[str, str] = field(default_factory=dict)
    name_max: int | None = None


BAG_API_VERSION = "2.0.0"
"""The `api-version` BAG Individuele Bevragingen v2 sends on every answer."""

FLAVOURS: Mapping[str, Flavour] = {
    # BRP Personen caps `InvalidParam.name` at 30 characters, fewer than some of its own
    # parameters have (`adresseerbaarObjectIdentificatie`): such a name is cut to 30.
    "/haalcentraal/api/brp/personen": Flavour(name_max=30),
    "/lvbag/individuelebevragingen/v2/": Flavour(
        invalid_params_key="invalid-params", headers={"api-version": BAG_API_VERSION}
    ),
}
"""Error flavours by path prefix; other paths answer in the Haal Centraal manner."""
_HAAL_CENTRAAL = Flavour()


def flavour(path: str) -> Flavour:
    """The error flavour of the API that serves `path`."""
    return next((f for prefix, f in FLAVOURS.items() if path.startswith(prefix)), _HAAL_CENTRAAL)


_REASON_DISALLOWED = re.compile(r"[^a-zA-Z0-9., ]+")
_DETAIL_DISALLOWED = re.compile(r"[^a-zA-Z0-9\u00c0-\u017e .\-(),]+")
REASON_MAX = 80
DETAIL_MAX = 200


def _conform(text: str, disallowed: re.Pattern[str], limit: int) -> str:
    cleaned = " ".join(disallowed.sub(" ", text).split())[:limit].rstrip()
    return cleaned or "Onbekende fout."


def conform_reason(text: str) -> str:
    """`text` as an `InvalidParam.reason` may have it: letters, digits, spaces, `.` and `,`."""
    return _conform(text, _REASON_DISALLOWED, REASON_MAX)


def conform_detail(text: str) -> str:
    """`text` as a `detail` may have it: no colon, semicolon or bracket, at most 200."""
    return _conform(text, _DETAIL_DISALLOWED, DETAIL_MAX)


_RFC7231 = "https://datatracker.ietf.org/doc/html/rfc7231"
_KINDS: dict[int, tuple[str, str, str]] = {
    400: (
        f"{_RFC7231}#section-6.5.1",
        "Een of meerdere parameters zijn niet correct.",
        "paramsValidation",
    ),
    404: (f"{_RFC7231}#section-6.5.4", "Opgevraagde resource bestaat niet.", "notFound"),
    405: (f"{_RFC7231}#section-6.5.5", "Methode is niet toegestaan.", "methodNotAllowed"),
    409: (f"{_RFC7231}#section-6.5.8", "Conflict met de huidige toestand.", "conflict"),
    415: (
        f"{_RFC7231}#section-6.5.13",
        "Mediatype wordt niet ondersteund.",
        "unsupportedMediaType",
    ),
    422: (
        "https://datatracker.ietf.org/doc/html/rfc4918#section-11.2",
        "Verzoek kan niet worden verwerkt.",
        "unprocessableEntity",
    ),
    500: (f"{_RFC7231}#section-6.6.1", "Interne serverfout.", "serverError"),
    503: (f"{_RFC7231}#section-6.6.4", "Bron is tijdelijk niet beschikbaar.", "serviceUnavailable"),
}


class ProblemError(Exception):
    """An error the mocks answer with a problem+json response.

    Attributes:
        status: HTTP status.
        detail: Human-readable explanation, free of personal data.
        code: Machine-readable code; defaults to the status's usual code.
        invalid_params: For a 400, the parameters at fault.
        headers: Extra response headers (e.g. `Retry-After`).
    """

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        code: str | None = None,
        invalid_params: Sequence[InvalidParam] = (),
        headers: Mapping[str, str] | None = None,
    ) -> None:
        """Create the error; see the class attributes."""
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.code = code
        self.invalid_params = list(invalid_params)
        self.headers = dict(headers or {})


def bad_request(params: Sequence[InvalidParam]) -> ProblemError:
    """A 400 naming the parameters at fault (in `detail` as far as it has room)."""
    names = list(dict.fromkeys(p.name or "" for p in params if p.name))
    detail = f"De foutieve parameter(s) zijn {', '.join(names)}."
    while len(detail) > DETAIL_MAX and len(names) > 1:
        names.pop()
        detail = f"De foutieve parameter(s) zijn {', '.join(names)} en meer."
    return ProblemError(400, detail, invalid_params=params)


def not_found(detail: str) -> ProblemError:
    """A 404 for a subject that does not exist."""
    return ProblemError(404, detail)


def unprocessable(detail: str, *, code: str = "unprocessableEntity") -> ProblemError:
    """A 422: the request is well-formed but refers to something unknown or in the wrong state."""
    return ProblemError(422, detail, code=code)


def conflict(detail: str, *, code: str = "conflict") -> ProblemError:
    """A 409: the request conflicts with the registry's state."""
    return ProblemError(409, detail, code=code)


def service_unavailable(detail: str) -> ProblemError:
    """A 503 with `Retry-After`: the client should retry later with the same request."""
    return ProblemError(503, detail, headers={"Retry-After": str(RETRY_AFTER_SECONDS)})


def problem_response(
    request: Request,
    status: int,
    detail: str | None,
    *,
    code: str | None = None,
    invalid_params: Sequence[InvalidParam] = (),
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    """Build a problem+json response for `request`."""
    type_, title, default_code = _KINDS.get(
        status, (f"{_RFC7231}#section-6", "Fout bij het verwerken van het verzoek.", "error")
    )
    style = flavour(request.url.path)
    problem = Problem(
        type=type_,
        title=title,
        status=status,
        detail=conform_detail(detail) if detail is not None else None,
        instance=str(request.url.replace(query="", fragment="")),
        code=code or default_code,
        invalid_params=[
            p.model_copy(
                update={
                    "reason": conform_reason(p.reason) if p.reason else p.reason,
                    "name": p.name[: style.name_max] if p.name and style.name_max else p.name,
                }
            )
            for p in invalid_params
        ]
        or None,
    )
    body = problem.model_dump(mode="json", by_alias=True, exclude_none=True)
    if "invalidParams" in body and style.invalid_params_key != "invalidParams":
        body[style.invalid_params_key] = body.pop("invalidParams")
    return JSONResponse(
        body,
        status_code=status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers={**style.headers, **(headers or {})},
    )


# Haal Centraal codes and Dutch reasons for pydantic's error types.
_CODES: dict[str, tuple[str, str]] = {
    "missing": ("required", "Parameter is verplicht."),
    "string_pattern_mismatch": ("pattern", "Waarde voldoet niet aan het patroon."),
    "too_short": ("minItems", "Array bevat minder dan {min_length} items."),
    "too_long": ("maxItems", "Array bevat meer dan {max_length} items."),
    "string_too_short": ("minLength", "Waarde is korter dan minimale lengte {min_length}."),
    "string_too_long": ("maxLength", "Waarde is langer dan maximale lengte {max_length}."),
    "string_type": ("string", "Waarde is geen string."),
    "int_parsing": ("integer", "Waarde is geen geldige integer."),
    "int_type": ("integer", "Waarde is geen geldige integer."),
    "int_from_float": ("integer", "Waarde is geen geldige integer."),
    "float_parsing": ("number", "Waarde is geen geldig getal."),
    "float_type": ("number", "Waarde is geen geldig getal."),
    "bool_parsing": ("boolean", "Waarde is geen geldige boolean."),
    "bool_type": ("boolean", "Waarde is geen geldige boolean."),
    "date_from_datetime_parsing": ("date", "Waarde is geen geldige datum."),
    "date_parsing": ("date", "Waarde is geen geldige datum."),
    "date_type": ("date", "Waarde is geen geldige datum."),
    "greater_than_equal": ("minimum", "Waarde is lager dan minimum {ge}."),
    "greater_than": ("minimum", "Waarde is niet groter dan {gt}."),
    "less_than_equal": ("maximum", "Waarde is hoger dan maximum {le}."),
    "less_than": ("maximum", "Waarde is niet kleiner dan {lt}."),
    "literal_error": ("enum", "Waarde heeft geen geldige waarde uit de enumeratie."),
    "enum": ("enum", "Waarde heeft geen geldige waarde uit de enumeratie."),
    "union_tag_invalid": ("enum", "Waarde heeft geen geldige waarde uit de enumeratie."),
    "union_tag_not_found": ("required", "Parameter is verplicht."),
    "list_type": ("array", "Parameter is geen array."),
    "model_attributes_type": ("object", "Parameter is geen object."),
    "dict_type": ("object", "Parameter is geen object."),
    "extra_forbidden": ("unknownParam", "Parameter is niet verwacht."),
    "json_invalid": ("json", "Body is geen geldige JSON."),
    "value_error": ("invalid", "{msg}"),
}


def _param_name(source: str, parts: Sequence[Any]) -> str:
    name = ""
    for part in parts:
        if isinstance(part, int):
            name = f"{name}.{part}" if name else str(part)
        elif source == "body" and part[:1].isupper():
            # Wire field names are lowerCamelCase; a PascalCase element is the tag of a
            # discriminated union (e.g. RaadpleegMetBurgerservicenummer), not a field.
            continue
        else:
            name = f"{name}.{part}" if name else str(part)
    return name


def invalid_params_from_errors(errors: Sequence[Mapping[str, Any]]) -> list[InvalidParam]:
    """Translate pydantic/FastAPI validation errors into Haal Centraal `invalidParams`."""
    params: list[InvalidParam] = []
    for error in errors:
        loc = list(error.get("loc", ()))
        source = str(loc[0]) if loc else "body"
        kind = str(error.get("type", "invalid"))
        ctx: dict[str, Any] = dict(error.get("ctx") or {})
        parts = loc[1:]
        if kind == "json_invalid":
            parts = []
        elif kind in ("union_tag_invalid", "union_tag_not_found"):
            parts = [*parts, str(ctx.get("discriminator", "type")).strip("'")]
        name = _param_name(source, parts) or source
        code, template = _CODES.get(kind, (kind, "{msg}"))
        try:
            reason = template.format(msg=error.get("msg", ""), **ctx)
        except (KeyError, IndexError):
            reason = str(error.get("msg", ""))
        params.append(InvalidParam(name=name, code=code, reason=reason))
    return params


async def _on_problem(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ProblemError)
    return problem_response(
        request,
        exc.status,
        exc.detail,
        code=exc.code,
        invalid_params=exc.invalid_params,
        headers=exc.headers,
    )


async def _on_validation(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    error = bad_request(invalid_params_from_errors(exc.errors()))
    return await _on_problem(request, error)


async def _on_http(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if exc.status_code not in (404, 405) else None
    if exc.status_code == 404:
        detail = "De opgevraagde resource bestaat niet."
    return problem_response(request, exc.status_code, detail, headers=getattr(exc, "headers", None))


async def _on_unexpected(request: Request, exc: Exception) -> JSONResponse:
    logger.exception("unexpected error on %s %s", request.method, request.url.path)
    return problem_response(request, 500, "Er is een onverwachte fout opgetreden.")


def install_problem_handlers(app: FastAPI) -> None:
    """Make every error of `app` a problem+json response."""
    app.add_exception_handler(ProblemError, _on_problem)
    app.add_exception_handler(RequestValidationError, _on_validation)
    app.add_exception_handler(StarletteHTTPException, _on_http)
    app.add_exception_handler(Exception, _on_unexpected)
