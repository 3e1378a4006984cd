"""Bearer tokens: dev keys, issuing dev tokens and verifying tokens.

In development tokens are HS256-signed with a key generated on first run under the home
folder (never committed). In production, tokens are RS256 from the municipality's identity
provider, verified against its JWKS URL.
"""

import secrets
from datetime import UTC, datetime, timedelta
from functools import lru_cache

import jwt
from pydantic import BaseModel

from burgerflow.core.bsn import is_valid_bsn
from burgerflow.core.constants import Role
from burgerflow.core.keys import dev_secret
from burgerflow.core.settings import Settings


class Principal(BaseModel):
    """Who is calling, as established from a verified token."""

    role: Role
    sub: str
    bsn: str | None = None
    municipality: str | None = None
    organisation: str | None = None
    """The undertaker a funeral director acts for (their eHerkenning organisation)."""


class TokenError(Exception):
    """A token is missing, malformed, expired or signed with an unknown key."""


def signing_key(settings: Settings) -> str:
    """The HS256 key: from settings, else the dev key under the home folder (made on first use)."""
    if settings.jwt_secret is not None:
        return settings.jwt_secret.get_secret_value()
    return dev_secret(settings, "jwt-dev")


def issue_token(
    settings: Settings,
    *,
    role: Role,
    sub: str | None = None,
    bsn: str | None = None,
    municipality: str | None = None,
    organisation: str | None = None,
    ttl: timedelta = timedelta(hours=12),
) -> str:
    """Issue an HS256 dev token for `role`.

    Raises:
        ValueError: when the claims the role needs are missing or malformed.
    """
    if settings.jwt_algorithm != "HS256":
        raise ValueError("dev tokens are only issued when BURGERFLOW_JWT_ALGORITHM=HS256")
    if role is Role.CITIZEN:
        if bsn is None or not is_valid_bsn(bsn):
            raise ValueError("a citizen token needs --bsn with a BSN that passes the 11-proef")
    if role in (Role.CASEWORKER, Role.SUPERVISOR):
        if municipality is None or not (len(municipality) == 4 and municipality.isdigit()):
            raise ValueError(f"a {role} token needs --municipality with a 4-digit gemeentecode")
    if role is Role.FUNERAL_DIRECTOR:
        if not sub or not organisation or not organisation.strip():
            raise ValueError("a funeral_director token needs --sub and --organisation")
    now = datetime.now(UTC)
    claims: dict[str, object] = {
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "iat": now,
        "exp": now + ttl,
        "role": str(role),
        "sub": sub or (f"citizen-{secrets.token_hex(4)}" if role is Role.CITIZEN else str(role)),
    }
    if bsn is not None:
        claims["bsn"] = bsn
    if municipality is not None:
        claims["municipality"] = municipality
    if organisation is not None:
        claims["organisation"] = organisation
    return jwt.encode(claims, signing_key(settings), algorithm="HS256")


@lru_cache(maxsize=8)
def jwks_client(url: str) -> jwt.PyJWKClient:
    """The JWKS client of `url`; it caches the keys and refetches on an unknown `kid`."""
    return jwt.PyJWKClient(url, cache_keys=True, lifespan=300, timeout=10)


def verify_token(settings: Settings, token: str) -> Principal:
    """Verify a bearer token and return its principal.

    Raises:
        TokenError: when the token cannot be trusted.
    """
    try:
        if settings.jwt_algorithm == "RS256":
            if not settings.jwks_url:
                raise TokenError("RS256 tokens need BURGERFLOW_JWKS_URL")
            key = jwks_client(settings.jwks_url).get_signing_key_from_jwt(token).key
            claims = jwt.decode(
                token,
                key,
                algorithms=["RS256"],
                audience=settings.jwt_audience,
                issuer=settings.jwt_issuer,
            )
        else:
            claims = jwt.decode(
                token,
                signing_key(settings),
                algorithms=["HS256"],
                audience=settings.jwt_audience,
                issuer=settings.jwt_issuer,
            )
        return Principal.model_validate(claims)
    except jwt.PyJWTError as e:
        raise TokenError(str(e)) from e
    except ValueError as e:
        raise TokenError(f"token claims are invalid: {e}") from e
