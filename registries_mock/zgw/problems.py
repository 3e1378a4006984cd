"""ZGW errors as Open Zaak answers them, its JWT check and its fault injection.

Open Zaak's problem bodies (`Fout`, `ValidatieFout`) have `type` (a `/ref/fouten/<Class>/`
URL on the server), `code`, `title`, `status`, `detail`, `instance` (`urn:uuid:...`) and, for
a 400, `invalidParams` (`name`, `code`, `reason`).
"""

import asyncio
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Any

import jwt
from fastapi import Depends, FastAPI, Request
from fastapi.responses import JSONResponse

from burgerflow.core.constants import Registry
from registries_mock.db import MockState, StateDep

ZGW_PROBLEM_MEDIA_TYPE = "application/problem+json"

_KINDS: dict[int, tuple[str, str]] = {
    400: ("ValidationError", "Invalid input."),
    401: ("NotAuthenticated", "Authenticatiegegevens zijn niet opgegeven."),
    403: ("PermissionDenied", "Je hebt geen toestemming om deze actie uit te voeren."),
    404: ("NotFound", "Niet gevonden."),
    406: ("NotAcceptable", "Kan niet voldoen aan de opgegeven Accept header."),
    412: ("PreconditionFailed", "Precondition failed"),
    500: ("APIException", "Er is een serverfout opgetreden."),
}


class ZgwProblem(Exception):
    """An error the ZGW mock answers with Open Zaak's problem body."""

    def __init__(
        self,
        status: int,
        code: str,
        detail: str,
        *,
        invalid_params: Sequence[tuple[str, str, str]] = (),
    ) -> None:
        """Args:
        status: HTTP status.
        code: The body's `code` (`invalid`, `not_authenticated`, `permission_denied`, ...).
        detail: Explanation.
        invalid_params: For a 400, (name, code, reason) of each parameter at fault.
        """
        super().__init__(detail)
        self.status = status
        self.code = code
        self.detail = detail
        self.invalid_params = list(invalid_params)


def invalid(name: str, code: str, reason: str) -> ZgwProblem:
    """A 400 with one invalid parameter, as Open Zaak's serializers give it."""
    return ZgwProblem(400, "invalid", "Invalid input.", invalid_params=[(name, code, reason)])


def fout_body(request: Request, problem: ZgwProblem) -> dict[str, Any]:
    """The problem body of `problem`."""
    name, title = _KINDS.get(problem.status, ("APIException", "Er is een fout opgetreden."))
    base = str(request.base_url).rstrip("/")
    body: dict[str, Any] = {
        "type": f"{base}/ref/fouten/{name}/",
        "code": problem.code,
        "title": title,
        "status": problem.status,
        "detail": problem.detail,
        "instance": f"urn:uuid:{uuid.uuid4()}",
    }
    if problem.status == 400:
        body["invalidParams"] = [
            {"name": n, "code": c, "reason": r} for n, c, r in problem.invalid_params
        ]
    return body


async def _on_zgw_problem(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ZgwProblem)
    return JSONResponse(
        fout_body(request, exc), status_code=exc.status, media_type=ZGW_PROBLEM_MEDIA_TYPE
    )


def install_zgw_handlers(app: FastAPI) -> None:
    """Answer `ZgwProblem` with Open Zaak's problem body."""
    app.add_exception_handler(ZgwProblem, _on_zgw_problem)


def _verify(state: MockState, token: str) -> str:
    try:
        unverified = jwt.decode(token, options={"verify_signature": False})
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError as e:
        raise ZgwProblem(403, "permission_denied", "Het JWT kan niet gelezen worden.") from e
    client_id = unverified.get("client_id") or unverified.get("iss")
    secret = state.zgw_clients.get(str(client_id)) if client_id else None
    if header.get("alg") != "HS256" or secret is None:
        raise ZgwProblem(
            403, "permission_denied", "Client identifier bestaat niet of is niet bekend."
        )
    try:
        claims = jwt.decode(
            token, secret, algorithms=["HS256"], options={"require": ["iat"], "verify_aud": False}
        )
    except jwt.PyJWTError as e:
        raise ZgwProblem(403, "permission_denied", f"JWT is niet geldig: {e}") from e
    return str(claims.get("client_id") or client_id)


def zgw_auth(request: Request, state: StateDep) -> str:
    """Dependency: the applicatie's client id from a valid ZGW JWT; 401 or 403 otherwise."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ZgwProblem(401, "not_authenticated", "Authenticatiegegevens zijn niet opgegeven.")
    return _verify(state, token.strip())


ClientDep = Annotated[str, Depends(zgw_auth)]


async def zgw_lookup_fault(state: StateDep) -> None:
    """Dependency of reads: the ZGW faults' latency, then maybe a 500."""
    latency, fails = state.faults.draw(Registry.ZGW)
    if latency:
        await asyncio.sleep(latency)
    if fails:
        raise ZgwProblem(500, "error", "Er is een serverfout opgetreden.")


@dataclass
class WriteFault:
    """The faults drawn for one ZGW write: it fails before or after its effect, or is slow."""

    latency_s: float
    fails_before: bool
    fails_after: bool

    async def after_effect(self) -> None:
        """Delay the answer of an applied write, or lose it with a 500."""
        if self.latency_s:
            await asyncio.sleep(self.latency_s)
        if self.fails_after:
            raise ZgwProblem(500, "error", "Er is een serverfout opgetreden.")


async def zgw_write_fault(state: StateDep) -> WriteFault:
    """Dependency of writes: fail before the effect (500) now, or say what happens after it.

    A write that draws an error fails before its effect half of the time and after it the
    other half (the zaak, status or resultaat exists, the answer is a 500). A write's latency
    comes after its effect: a slow answer is one whose effect is already done.
    """
    latency, fails = state.faults.draw(Registry.ZGW)
    after = fails and state.faults.after_effect()
    if fails and not after:
        raise ZgwProblem(500, "error", "Er is een serverfout opgetreden.")
    return WriteFault(latency_s=latency, fails_before=False, fails_after=after)


WriteFaultDep = Annotated[WriteFault, Depends(zgw_write_fault)]
