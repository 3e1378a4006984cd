"""Citizens sign in at `/mijn/` with OpenID Connect: the authorization code flow with PKCE at
a stand-in identity provider that signs RS256 tokens with a `bsn` claim, as a DigiD broker
does, verified by burgerflow against the provider's JWKS."""

import base64
import hashlib
import json
import secrets
import time
from collections.abc import AsyncIterator
from typing import Annotated, Any
from urllib.parse import parse_qs, urlencode, urlparse

import httpx
import jwt
import pytest
import pytest_asyncio
from cryptography.hazmat.primitives.asymmetric import rsa
from fastapi import FastAPI, Form
from fastapi.responses import JSONResponse, RedirectResponse
from pydantic import SecretStr
from temporalio.testing import WorkflowEnvironment

from burgerflow.api.app import create_app
from burgerflow.core.settings import Settings
from tests.support import serve

pytestmark = pytest.mark.integration

ISSUER = "https://idp.example.test"
CLIENT = "mijn-gemeente"
SECRET = "test-only-client-secret"
BSN = "999993653"


def _identity_provider(claims: dict[str, Any]) -> FastAPI:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
    app = FastAPI()
    codes: dict[str, dict[str, str]] = {}

    @app.get("/authorize")
    async def authorize(
        redirect_uri: str, state: str, code_challenge: str, code_challenge_method: str,
        client_id: str, response_type: str, nonce: str,
    ) -> RedirectResponse:  # fmt: skip
        assert (client_id, response_type, code_challenge_method) == (CLIENT, "code", "S256")
        code = secrets.token_urlsafe(8)
        codes[code] = {"challenge": code_challenge, "redirect_uri": redirect_uri, "nonce": nonce}
        return RedirectResponse(f"{redirect_uri}?{urlencode({'code': code, 'state': state})}")

    @app.post("/token")
    async def token(
        code: Annotated[str, Form()],
        code_verifier: Annotated[str, Form()],
        redirect_uri: Annotated[str, Form()],
        client_id: Annotated[str, Form()],
        client_secret: Annotated[str, Form()],
    ) -> JSONResponse:
        issued = codes.pop(code, None)
        challenge = (
            base64.urlsafe_b64encode(hashlib.sha256(code_verifier.encode()).digest())
            .rstrip(b"=")
            .decode()
        )
        if (
            issued is None
            or issued["challenge"] != challenge
            or issued["redirect_uri"] != redirect_uri
            or (client_id, client_secret) != (CLIENT, SECRET)
        ):
            return JSONResponse({"error": "invalid_grant"}, status_code=400)
        now = int(time.time())
        body = {"iss": ISSUER, "aud": "burgerflow", "iat": now, "exp": now + 600, **claims}
        signed = jwt.encode(body, key, algorithm="RS256", headers={"kid": "k1"})
        return JSONResponse({"access_token": signed, "id_token": signed, "token_type": "Bearer"})

    @app.get("/jwks")
    async def jwks() -> dict[str, Any]:
        return {"keys": [{**jwk, "kid": "k1", "use": "sig", "alg": "RS256"}]}

    return app


@pytest_asyncio.fixture(loop_scope="session")
async def signed_in_flow(
    temporal_env: WorkflowEnvironment, tmp_path_factory: Any, request: Any
) -> AsyncIterator[tuple[str, str]]:
    claims = getattr(request, "param", {"role": "citizen", "sub": "digid-1", "bsn": BSN})
    async with serve(_identity_provider(claims)) as idp:
        settings = Settings(
            home=tmp_path_factory.mktemp("oidc"),
            jwt_algorithm="RS256",
            jwks_url=f"{idp}/jwks",
            jwt_issuer=ISSUER,
            oidc_authorization_url=f"{idp}/authorize",
            oidc_token_url=f"{idp}/token",
            oidc_client_id=CLIENT,
            oidc_client_secret=SecretStr(SECRET),
        )
        async with serve(create_app(settings, temporal=temporal_env.client)) as api:
            yield api, idp


async def _sign_in(
    api: str, client: httpx.AsyncClient, *, state: str | None = None
) -> httpx.Response:
    page = await client.get(f"{api}/mijn/inloggen")
    assert "Inloggen met DigiD" in page.text
    assert '<label for="token">' not in page.text, "no pasted tokens with an identity provider"
    start = await client.get(f"{api}/mijn/inloggen/oidc")
    assert start.status_code == 303
    at_provider = start.headers["location"]
    query = parse_qs(urlparse(at_provider).query)
    assert query["redirect_uri"] == [f"{api}/mijn/inloggen/oidc/terug"]
    assert query["code_challenge_method"] == ["S256"]
    back = await client.get(at_provider)
    callback = back.headers["location"]
    if state is not None:
        callback = callback.replace(parse_qs(urlparse(callback).query)["state"][0], state)
    return await client.get(callback)


async def test_a_citizen_signs_in_at_the_identity_provider(signed_in_flow: tuple[str, str]):
    api, _idp = signed_in_flow
    async with httpx.AsyncClient(timeout=30) as client:
        signed_in = await _sign_in(api, client)
        assert signed_in.status_code == 303, signed_in.text
        assert signed_in.headers["location"] == "/mijn/"
        home = await client.get(f"{api}/mijn/")
        assert home.status_code == 200 and "<h1>Mijn zaken</h1>" in home.text


async def test_a_changed_state_is_refused(signed_in_flow: tuple[str, str]):
    api, _idp = signed_in_flow
    async with httpx.AsyncClient(timeout=30) as client:
        refused = await _sign_in(api, client, state="forged")
        assert refused.status_code == 401 and 'role="alert"' in refused.text
        assert (await client.get(f"{api}/mijn/")).status_code == 303


@pytest.mark.parametrize(
    "signed_in_flow", [{"role": "caseworker", "sub": "cw", "municipality": "0363"}], indirect=True
)
async def test_a_token_that_is_not_a_citizens_is_refused(signed_in_flow: tuple[str, str]):
    api, _idp = signed_in_flow
    async with httpx.AsyncClient(timeout=30) as client:
        refused = await _sign_in(api, client)
        assert refused.status_code == 401
        assert (await client.get(f"{api}/mijn/")).status_code == 303


async def test_no_identity_provider_no_oidc(
    temporal_env: WorkflowEnvironment, tmp_path_factory: Any
):
    settings = Settings(home=tmp_path_factory.mktemp("no-oidc"))
    async with serve(create_app(settings, temporal=temporal_env.client)) as api:
        async with httpx.AsyncClient(timeout=30) as client:
            assert (await client.get(f"{api}/mijn/inloggen/oidc")).status_code == 404
