"""Citizens sign in with OpenID Connect: the authorization code flow with PKCE.

`/mijn/inloggen/oidc` sends the citizen to the identity provider (a DigiD broker, say) with a
fresh `state`, `nonce` and PKCE challenge, kept in a short-lived HttpOnly cookie. The provider
sends them back to `/mijn/inloggen/oidc/terug` with a code, which is exchanged at its token
endpoint for tokens; the first of the access token and the ID token that burgerflow's own
verification accepts as a citizen's (`verify_token`: RS256 against `BURGERFLOW_JWKS_URL`,
issuer and audience checked; `role` citizen with a `bsn` claim) becomes the session's token.
"""

import asyncio
import base64
import hashlib
import hmac
import json
import secrets
from typing import Annotated, Any
from urllib.parse import urlencode

import httpx
from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response

from burgerflow.api.citizen.pages import COOKIE_PATH, render, sign_in
from burgerflow.core.auth import TokenError, verify_token
from burgerflow.core.constants import Role
from burgerflow.core.deps import SettingsDep
from burgerflow.core.keys import pseudonym_key
from burgerflow.core.settings import Settings

router = APIRouter(prefix="/mijn/inloggen/oidc", include_in_schema=False)

FLOW_COOKIE = "burgerflow_oidc"
FLOW_MAX_AGE_S = 600
"""How long a sign-in at the provider may take."""


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _callback_url(request: Request) -> str:
    return str(request.base_url).rstrip("/") + "/mijn/inloggen/oidc/terug"


def _seal(settings: Settings, flow: dict[str, str]) -> str:
    """The flow's cookie: its JSON with an HMAC, so a changed cookie is refused."""
    body = _b64(json.dumps(flow, sort_keys=True).encode())
    return f"{body}.{_seal_mac(settings, body)}"


def _unseal(settings: Settings, cookie: str | None) -> dict[str, str] | None:
    if not cookie or "." not in cookie:
        return None
    body, mac = cookie.rsplit(".", 1)
    if not hmac.compare_digest(_seal_mac(settings, body), mac):
        return None
    padded = body + "=" * (-len(body) % 4)
    try:
        flow: dict[str, str] = json.loads(base64.urlsafe_b64decode(padded))
    except ValueError:
        return None
    return flow


def _seal_mac(settings: Settings, body: str) -> str:
    # Keyed with the deployment's pseudonym key: a secret the API always has, HS256 or not.
    key = pseudonym_key(settings)
    return hmac.new(key, f"oidc-flow:{body}".encode(), hashlib.sha256).hexdigest()


def _failed(request: Request, settings: Settings, status: int = 401) -> Response:
    context = {
        "error": "login.failed",
        "oidc": True,
        "dev": settings.jwt_algorithm == "HS256",
    }
    return render(request, "login.html", context, status_code=status)


@router.get("", response_model=None)
async def start(request: Request, settings: SettingsDep) -> Response:
    """Send the citizen to the identity provider."""
    if not (settings.oidc_authorization_url and settings.oidc_token_url):
        return Response(status_code=404)
    verifier = _b64(secrets.token_bytes(32))
    flow = {
        "state": secrets.token_urlsafe(24),
        "nonce": secrets.token_urlsafe(24),
        "verifier": verifier,
    }
    query = {
        "response_type": "code",
        "client_id": settings.oidc_client_id or "",
        "redirect_uri": _callback_url(request),
        "scope": settings.oidc_scope,
        "state": flow["state"],
        "nonce": flow["nonce"],
        "code_challenge": _b64(hashlib.sha256(verifier.encode()).digest()),
        "code_challenge_method": "S256",
    }
    response = RedirectResponse(
        f"{settings.oidc_authorization_url}?{urlencode(query)}", status_code=303
    )
    response.set_cookie(
        FLOW_COOKIE,
        _seal(settings, flow),
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        path=COOKIE_PATH,
        max_age=FLOW_MAX_AGE_S,
    )
    return response


async def _citizen_token(settings: Settings, tokens: dict[str, Any]) -> str | None:
    for name in ("access_token", "id_token"):
        token = tokens.get(name)
        if not isinstance(token, str):
            continue
        try:
            # In a thread: the first verification fetches the provider's JWKS.
            principal = await asyncio.to_thread(verify_token, settings, token)
        except TokenError:
            continue
        if principal.role is Role.CITIZEN and principal.bsn:
            return token
    return None


@router.get("/terug", response_model=None)
async def callback(
    request: Request,
    settings: SettingsDep,
    code: Annotated[str, Query()] = "",
    state: Annotated[str, Query()] = "",
) -> Response:
    """Exchange the provider's code for tokens and sign the citizen in."""
    flow = _unseal(settings, request.cookies.get(FLOW_COOKIE))
    if not settings.oidc_token_url or flow is None or not code:
        return _failed(request, settings)
    if not hmac.compare_digest(flow.get("state", ""), state):
        return _failed(request, settings)
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": _callback_url(request),
        "client_id": settings.oidc_client_id or "",
        "code_verifier": flow["verifier"],
    }
    if settings.oidc_client_secret is not None:
        form["client_secret"] = settings.oidc_client_secret.get_secret_value()
    try:
        async with httpx.AsyncClient(timeout=10) as http:
            answer = await http.post(settings.oidc_token_url, data=form)
        tokens = answer.json() if answer.is_success else {}
    except (httpx.HTTPError, ValueError):
        tokens = {}
    token = await _citizen_token(settings, tokens if isinstance(tokens, dict) else {})
    if token is None:
        return _failed(request, settings)
    response = sign_in(request, token)
    response.delete_cookie(FLOW_COOKIE, path=COOKIE_PATH)
    return response
