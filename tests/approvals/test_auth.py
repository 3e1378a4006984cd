"""Bearer tokens at the API: RS256 from an identity provider's JWKS (served over real HTTP
by a local app), and the 401s of tokens that cannot be trusted."""

import json
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import jwt
import pytest
import pytest_asyncio
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from fastapi import FastAPI

from burgerflow.api.app import create_app
from burgerflow.core.auth import issue_token
from burgerflow.core.constants import Role
from burgerflow.core.settings import Settings
from tests.support import serve

ISSUER = "https://login.gemeente.example/realms/burgerflow"


def _rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _jwk(key: rsa.RSAPrivateKey, kid: str) -> dict[str, Any]:
    jwk: dict[str, Any] = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
    return {**jwk, "kid": kid, "use": "sig", "alg": "RS256"}


def _pem(key: rsa.RSAPrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


@dataclass
class IdP:
    """A local identity provider: its keys and the JWKS it publishes."""

    keys: dict[str, rsa.RSAPrivateKey] = field(default_factory=dict)
    published: list[str] = field(default_factory=list)
    fetches: int = 0

    def token(self, kid: str, key: rsa.RSAPrivateKey | None = None, **claims: Any) -> str:
        now = datetime.now(UTC)
        body: dict[str, Any] = {
            "iss": ISSUER,
            "aud": "burgerflow",
            "iat": now,
            "exp": now + timedelta(minutes=5),
            "sub": "anna",
            "role": "caseworker",
            "municipality": "0363",
            **claims,
        }
        signer = key or self.keys[kid]
        return jwt.encode(body, _pem(signer), algorithm="RS256", headers={"kid": kid})

    def app(self) -> FastAPI:
        app = FastAPI()

        @app.get("/protocol/openid-connect/certs")
        async def certs() -> dict[str, Any]:
            self.fetches += 1
            return {"keys": [_jwk(self.keys[k], k) for k in self.published]}

        return app


@dataclass
class Api:
    """The API configured for RS256 against the local identity provider."""

    idp: IdP
    client: httpx.AsyncClient
    settings: Settings


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def api(tmp_path_factory: Any) -> AsyncIterator[Api]:
    idp = IdP(keys={"k1": _rsa_key()}, published=["k1"])
    home = tmp_path_factory.mktemp("home-rs256")
    async with serve(idp.app()) as idp_url:
        settings = Settings(
            home=home,
            jwt_algorithm="RS256",
            jwks_url=f"{idp_url}/protocol/openid-connect/certs?run={uuid.uuid4().hex}",
            jwt_issuer=ISSUER,
            temporal_address="127.0.0.1:1",
        )
        async with (
            serve(create_app(settings)) as api_url,
            httpx.AsyncClient(base_url=api_url, timeout=30) as client,
        ):
            yield Api(idp=idp, client=client, settings=settings)


async def _inbox(api: Api, token: str | None) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    return await api.client.get("/v1/approvals", headers=headers)


async def test_an_rs256_token_from_the_jwks_is_accepted(api: Api):
    response = await _inbox(api, api.idp.token("k1"))
    assert response.status_code == 200, response.text
    assert response.json() == []


async def test_known_keys_come_from_the_cache(api: Api):
    assert (await _inbox(api, api.idp.token("k1"))).status_code == 200
    fetches = api.idp.fetches
    for _ in range(3):
        assert (await _inbox(api, api.idp.token("k1", sub=f"cw-{_}"))).status_code == 200
    assert api.idp.fetches == fetches


@pytest.mark.parametrize(
    "case",
    [
        "no_header",
        "empty_bearer",
        "basic_scheme",
        "garbage",
        "signed_by_another_key",
        "unknown_kid",
        "hs256_dev_token",
        "expired",
        "wrong_audience",
        "wrong_issuer",
        "unknown_role",
    ],
)
async def test_untrusted_tokens_get_401(api: Api, case: str):
    idp = api.idp
    headers: dict[str, str] = {}
    match case:
        case "no_header":
            pass
        case "empty_bearer":
            headers = {"Authorization": "Bearer"}
        case "basic_scheme":
            headers = {"Authorization": "Basic YW5uYTpzZWNyZXQ="}
        case "garbage":
            headers = {"Authorization": "Bearer not.a.jwt"}
        case "signed_by_another_key":
            headers = {"Authorization": f"Bearer {idp.token('k1', key=_rsa_key())}"}
        case "unknown_kid":
            headers = {"Authorization": f"Bearer {idp.token('k9', key=idp.keys['k1'])}"}
        case "hs256_dev_token":
            dev = Settings(home=api.settings.home)
            token = issue_token(dev, role=Role.CASEWORKER, sub="anna", municipality="0363")
            headers = {"Authorization": f"Bearer {token}"}
        case "expired":
            past = datetime.now(UTC) - timedelta(hours=1)
            token = idp.token("k1", exp=past, iat=past - timedelta(minutes=5))
            headers = {"Authorization": f"Bearer {token}"}
        case "wrong_audience":
            headers = {"Authorization": f"Bearer {idp.token('k1', aud='another-app')}"}
        case "wrong_issuer":
            headers = {"Authorization": f"Bearer {idp.token('k1', iss='https://evil.example')}"}
        case "unknown_role":
            headers = {"Authorization": f"Bearer {idp.token('k1', role='admin')}"}
    response = await api.client.get("/v1/approvals", headers=headers)
    assert response.status_code == 401, response.text
    assert response.headers["www-authenticate"] == 'Bearer realm="burgerflow"'
    assert response.headers["content-type"] == "application/problem+json"


async def test_a_valid_token_out_of_scope_gets_403(api: Api):
    citizen = api.idp.token("k1", role="citizen", bsn="999993653", municipality=None)
    assert (await _inbox(api, citizen)).status_code == 403
    other = api.idp.token("k1", role="caseworker", municipality="0599")
    detail = await api.client.get(
        "/v1/approvals/coa-x.occupancy", headers={"Authorization": f"Bearer {other}"}
    )
    assert detail.status_code == 404


async def test_the_page_accepts_an_rs256_token_too(api: Api):
    login = await api.client.post("/ui/login", data={"token": api.idp.token("k1")})
    assert login.status_code == 303
    page = await api.client.get("/ui/")
    assert page.status_code == 200 and "anna" in page.text
