"""Audit endpoints: a case's decision trail, its replay, and the codec for the Temporal Web UI.

- `GET /v1/cases/{case_id}/audit`: the trail, built from the Temporal history alone; JSON, or
  a readable HTML page when the client accepts `text/html`. For auditors and the caseworkers
  (and supervisors) of the case's municipality. `GET /ui/audit/{case_id}` serves the same
  page to a browser logged in to the caseworkers' page.
- `POST /v1/cases/{case_id}/replay`: replay the history with today's code (auditors).
- `POST /v1/codec/decode`, `POST /v1/codec/encode`: the payload codec in the Temporal codec
  server format, so the Temporal Web UI shows decrypted payloads to auditors only.
"""

import logging
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from google.protobuf import json_format
from temporalio.api.common.v1 import Payloads
from temporalio.client import Client, WorkflowHistory
from temporalio.converter import PayloadCodec
from temporalio.service import RPCError, RPCStatusCode

from approvals.ui import TOKEN_COOKIE
from burgerflow.audit.html import render_trail
from burgerflow.core.auth import Principal, TokenError, verify_token
from burgerflow.core.constants import Role
from burgerflow.core.deps import SettingsDep, TemporalDep, get_principal
from burgerflow.core.problems import Problem
from burgerflow.core.settings import Settings
from workflows.audit.codec import PayloadDecryptionError
from workflows.audit.history import decode_history
from workflows.audit.replay import ReplayReport, replay_history
from workflows.audit.trail import Trail, build_trail

log = logging.getLogger(__name__)

router = APIRouter(tags=["audit"])

TRAIL_READERS = (Role.AUDITOR, Role.CASEWORKER, Role.SUPERVISOR)


def _codec(temporal: Client) -> PayloadCodec | None:
    return temporal.data_converter.payload_codec


async def fetch_case_history(temporal: Client, case_id: str) -> WorkflowHistory:
    """The raw history of a case; 404 when there is no such case."""
    try:
        return await temporal.get_workflow_handle(case_id).fetch_history()
    except RPCError as e:
        if e.status is RPCStatusCode.NOT_FOUND:
            raise Problem(404, "Not Found", f"There is no case {case_id}.") from e
        raise Problem(503, "Service Unavailable", "Case histories cannot be read now.") from e


async def load_trail(temporal: Client, case_id: str) -> Trail:
    """Fetch, decrypt and read a case's history into its trail."""
    history = await fetch_case_history(temporal, case_id)
    try:
        decoded = await decode_history(history, _codec(temporal))
    except PayloadDecryptionError as e:
        raise Problem(
            500, "Internal Server Error", f"The case's history cannot be decrypted: {e}"
        ) from e
    return build_trail(decoded)


def may_read_trail(principal: Principal, trail: Trail) -> bool:
    """Auditors read every trail; caseworkers and supervisors those of their municipality."""
    if principal.role is Role.AUDITOR:
        return True
    return (
        principal.role in TRAIL_READERS
        and principal.municipality is not None
        and principal.municipality == trail.municipality
    )


def wants_html(request: Request) -> bool:
    """Whether the client prefers an HTML page to JSON (a browser does, curl does not)."""
    accept = request.headers.get("accept", "").lower()
    if "text/html" not in accept:
        return False
    return "application/json" not in accept or accept.index("text/html") < accept.index(
        "application/json"
    )


async def _authorised_trail(principal: Principal, temporal: Client, case_id: str) -> Trail:
    if principal.role not in TRAIL_READERS:
        raise Problem(403, "Forbidden", f"The role {principal.role} cannot read decision trails.")
    trail = await load_trail(temporal, case_id)
    if not may_read_trail(principal, trail):
        raise Problem(403, "Forbidden", "This case is outside your scope.")
    return trail


def _html(trail: Trail) -> HTMLResponse:
    return HTMLResponse(render_trail(trail, generated_at=datetime.now(UTC)))


@router.get(
    "/v1/cases/{case_id}/audit",
    response_model=Trail,
    responses={
        200: {"content": {"text/html": {}}, "description": "The trail (JSON or HTML)"},
        403: {"description": "Not an auditor, or a caseworker of another municipality"},
        404: {"description": "No such case"},
    },
)
async def get_trail(
    case_id: str,
    request: Request,
    principal: Annotated[Principal, Depends(get_principal)],
    temporal: TemporalDep,
) -> Response:
    """The decision trail of a case, from its Temporal history alone.

    The request, every registry read and model call, the policy version and the rules fired
    with their evidence, every gate with each decision (who, when, why), every step with its
    idempotency key and receipt, the outcome and the message to the citizen. Send
    `Accept: text/html` for a readable page.
    """
    trail = await _authorised_trail(principal, temporal, case_id)
    if wants_html(request):
        return _html(trail)
    return JSONResponse(trail.model_dump(mode="json"))


@router.get("/ui/audit/{case_id}", include_in_schema=False, response_model=None)
async def trail_page(
    case_id: str, request: Request, settings: SettingsDep, temporal: TemporalDep
) -> Response:
    """The trail page for a browser logged in at `/ui/login` (the session cookie's path)."""
    token = request.cookies.get(TOKEN_COOKIE)
    if not token:
        return RedirectResponse("/ui/login", status_code=303)
    try:
        principal = verify_token(settings, token)
    except TokenError:
        return RedirectResponse("/ui/login", status_code=303)
    return _html(await _authorised_trail(principal, temporal, case_id))


@router.post(
    "/v1/cases/{case_id}/replay",
    response_model=ReplayReport,
    responses={403: {"description": "Not an auditor"}, 404: {"description": "No such case"}},
)
async def replay_case(
    case_id: str,
    principal: Annotated[Principal, Depends(get_principal)],
    temporal: TemporalDep,
) -> ReplayReport:
    """Replay a case's history with today's code: deterministic, or the first divergence."""
    if principal.role is not Role.AUDITOR:
        raise Problem(403, "Forbidden", "Only auditors replay cases.")
    history = await fetch_case_history(temporal, case_id)
    report = await replay_history(history, temporal.data_converter)
    log.info("replay of %s by %s: deterministic=%s", case_id, principal.sub, report.deterministic)
    return report


# The codec endpoint for the Temporal Web UI ---------------------------------------------------


def codec_origins(settings: Settings) -> list[str]:
    """Origins allowed to call the codec endpoint from a browser."""
    if settings.codec_cors_origins:
        return [o.strip().rstrip("/") for o in settings.codec_cors_origins.split(",") if o.strip()]
    ui = settings.temporal_ui_url
    return [ui, ui.replace("127.0.0.1", "localhost")]


def _cors(request: Request, settings: Settings) -> dict[str, str]:
    origin = request.headers.get("origin")
    if origin is None or origin.rstrip("/") not in codec_origins(settings):
        return {}
    return {
        "Access-Control-Allow-Origin": origin,
        "Access-Control-Allow-Credentials": "true",
        "Vary": "Origin",
    }


@router.options("/v1/codec/{operation}", include_in_schema=False)
async def codec_preflight(operation: str, request: Request, settings: SettingsDep) -> Response:
    """CORS preflight of the Temporal Web UI."""
    headers = _cors(request, settings)
    if not headers:
        raise Problem(403, "Forbidden", "This origin may not call the codec endpoint.")
    headers |= {
        "Access-Control-Allow-Methods": "POST, OPTIONS",
        "Access-Control-Allow-Headers": "Authorization, Content-Type, X-Namespace",
        "Access-Control-Max-Age": "600",
    }
    return Response(status_code=204, headers=headers)


async def _run_codec(
    operation: str, request: Request, settings: Settings, temporal: Client
) -> JSONResponse:
    cors = _cors(request, settings)
    try:
        principal = get_principal(request, settings)
        if principal.role is not Role.AUDITOR:
            raise Problem(403, "Forbidden", "Only auditors may use the codec endpoint.")
    except Problem as p:
        raise Problem(p.status, p.title, p.detail, headers={**(p.headers or {}), **cors}) from p
    payloads = Payloads()
    try:
        json_format.Parse(await request.body(), payloads)
    except json_format.ParseError as e:
        raise Problem(
            400,
            "Bad Request",
            f"Expected {{'payloads': [...]}} in Temporal's JSON: {e}",
            headers=cors,
        ) from e
    codec = _codec(temporal)
    items = list(payloads.payloads)
    try:
        if codec is not None and items:
            items = await (codec.decode(items) if operation == "decode" else codec.encode(items))
    except PayloadDecryptionError as e:
        raise Problem(422, "Unprocessable Content", str(e), headers=cors) from e
    # Who decrypted how much is itself audit information; what was decrypted is not logged.
    log.info("codec %s of %d payload(s) by %s", operation, len(items), principal.sub)
    body: dict[str, Any] = json_format.MessageToDict(Payloads(payloads=items))
    return JSONResponse({"payloads": body.get("payloads", [])}, headers=cors)


@router.post("/v1/codec/decode", tags=["codec"])
async def codec_decode(request: Request, settings: SettingsDep, temporal: TemporalDep) -> Response:
    """Decrypt payloads for the Temporal Web UI (`{"payloads": [...]}`, auditors only)."""
    return await _run_codec("decode", request, settings, temporal)


@router.post("/v1/codec/encode", tags=["codec"])
async def codec_encode(request: Request, settings: SettingsDep, temporal: TemporalDep) -> Response:
    """Encrypt payloads for the Temporal Web UI (`{"payloads": [...]}`, auditors only)."""
    return await _run_codec("encode", request, settings, temporal)
