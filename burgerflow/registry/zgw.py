"""Typed client of a ZGW zaaksysteem: the Zaken API 1.5.1 and Catalogi API 1.3.1 subset
burgerflow uses (zaken, statussen, resultaten; zaaktypen, statustypen, resultaattypen).

Every request carries a fresh ZGW JWT (HS256, signed with the applicatie's secret, `iss` and
`client_id` its client id, `iat` now), as Open Zaak requires. Failures map onto two errors:
`ZgwUnavailable` (timeouts, transport errors, 429 and 5xx: retry later) and `ZgwRejected`
(any other 4xx: retrying the same request cannot help), the latter with the problem body's
`code` and `invalidParams`.
"""

import time
from collections.abc import Mapping
from typing import Any, TypeVar

import httpx
import jwt
from pydantic import BaseModel, ValidationError

from burgerflow.registry.schemas.zgw import (
    CRS,
    Fout,
    Page,
    Resultaat,
    ResultaatCreate,
    ResultaatType,
    Status,
    StatusCreate,
    StatusType,
    Zaak,
    ZaakCreate,
    ZaakType,
)

ModelT = TypeVar("ModelT", bound=BaseModel)
_MAX_PAGES = 50
"""A list longer than this many pages is not one burgerflow made; stop following `next`."""


class ZgwError(Exception):
    """A ZGW request failed."""


class ZgwUnavailable(ZgwError):
    """The zaaksysteem did not answer, or answered 429 or 5xx: try again later."""


class ZgwRejected(ZgwError):
    """The zaaksysteem refused the request (a 4xx other than 429).

    Attributes:
        status: The HTTP status.
        code: The problem body's `code` (`invalid`, `permission_denied`, ...).
        invalid_param_codes: The `code` of each of its `invalidParams`.
    """

    def __init__(
        self, message: str, *, status: int, code: str, invalid_param_codes: list[str]
    ) -> None:
        """Create the error; see the class attributes."""
        super().__init__(message)
        self.status = status
        self.code = code
        self.invalid_param_codes = invalid_param_codes


def zgw_token(client_id: str, secret: str, *, user_id: str = "burgerflow") -> str:
    """A ZGW JWT for one request (HS256; `iss`, `iat`, `client_id`, `user_id`)."""
    claims: dict[str, Any] = {
        "iss": client_id,
        "iat": int(time.time()),
        "client_id": client_id,
        "user_id": user_id,
        "user_representation": "burgerflow",
    }
    return jwt.encode(claims, secret, algorithm="HS256")


def _rejection(method: str, url: str, response: httpx.Response) -> ZgwError:
    if response.status_code == 429 or response.status_code >= 500:
        return ZgwUnavailable(f"{method} {url} answered {response.status_code}")
    try:
        fout = Fout.model_validate_json(response.content)
    except ValidationError:
        return ZgwRejected(
            f"{method} {url} answered {response.status_code}",
            status=response.status_code,
            code="",
            invalid_param_codes=[],
        )
    params = "; ".join(f"{p.name}: {p.code} ({p.reason})" for p in fout.invalid_params)
    detail = f"{fout.title} {fout.detail}".strip()
    return ZgwRejected(
        f"{method} {url} answered {response.status_code} {fout.code}: {detail}"
        + (f" [{params}]" if params else ""),
        status=response.status_code,
        code=fout.code,
        invalid_param_codes=[p.code for p in fout.invalid_params],
    )


class ZgwClient:
    """The Zaken and Catalogi APIs of one zaaksysteem, for one applicatie."""

    def __init__(
        self,
        http: httpx.AsyncClient,
        *,
        zaken_url: str,
        catalogi_url: str,
        client_id: str,
        secret: str,
    ) -> None:
        """Args:
        http: The HTTP client (its timeout applies; resources are reached by full URL).
        zaken_url: Root of the Zaken API, e.g. `https://openzaak.example/zaken/api/v1`.
        catalogi_url: Root of the Catalogi API.
        client_id: The applicatie's client id.
        secret: The applicatie's secret.
        """
        self._http = http
        self.zaken_url = zaken_url.rstrip("/")
        self.catalogi_url = catalogi_url.rstrip("/")
        self._client_id = client_id
        self._secret = secret

    async def _send(
        self,
        method: str,
        url: str,
        *,
        body: BaseModel | None = None,
        params: Mapping[str, str] | None = None,
    ) -> httpx.Response:
        headers = {
            "Authorization": f"Bearer {zgw_token(self._client_id, self._secret)}",
            "Accept": "application/json",
        }
        if url.startswith(f"{self.zaken_url}/zaken"):
            headers["Accept-Crs"] = CRS
            if body is not None:
                headers["Content-Crs"] = CRS
        json = body.model_dump(mode="json", by_alias=True, exclude_none=True) if body else None
        try:
            response = await self._http.request(
                method, url, json=json, params=params, headers=headers
            )
        except httpx.TimeoutException as exc:
            raise ZgwUnavailable(f"{method} {url} timed out") from exc
        except httpx.TransportError as exc:
            raise ZgwUnavailable(f"{method} {url} failed: {type(exc).__name__}") from exc
        if not response.is_success:
            raise _rejection(method, url, response)
        return response

    async def _one(
        self, model: type[ModelT], method: str, url: str, *, body: BaseModel | None = None
    ) -> ModelT:
        response = await self._send(method, url, body=body)
        try:
            return model.model_validate_json(response.content)
        except ValidationError as exc:
            raise ZgwRejected(
                f"{method} {url} answered {response.status_code} with an unreadable body",
                status=response.status_code,
                code="unreadable",
                invalid_param_codes=[],
            ) from exc

    async def _all(self, model: type[ModelT], url: str, params: Mapping[str, str]) -> list[ModelT]:
        page_model: type[Page[Any]] = Page[model]  # type: ignore[valid-type]
        items: list[ModelT] = []
        next_url: str | None = url
        query: Mapping[str, str] | None = params
        for _ in range(_MAX_PAGES):
            if next_url is None:
                break
            response = await self._send("GET", next_url, params=query)
            try:
                page = page_model.model_validate_json(response.content)
            except ValidationError as exc:
                raise ZgwRejected(
                    f"GET {next_url} answered with an unreadable list",
                    status=response.status_code,
                    code="unreadable",
                    invalid_param_codes=[],
                ) from exc
            items.extend(page.results)
            next_url, query = page.next, None
        return items

    # Zaken

    async def find_zaken(self, identificatie: str, bronorganisatie: str) -> list[Zaak]:
        """The zaken with this `identificatie` of this `bronorganisatie` (none or one)."""
        return await self._all(
            Zaak,
            f"{self.zaken_url}/zaken",
            {"identificatie": identificatie, "bronorganisatie": bronorganisatie},
        )

    async def create_zaak(self, body: ZaakCreate) -> Zaak:
        """Create a zaak (400 `identificatie-niet-uniek` when its identificatie exists)."""
        return await self._one(Zaak, "POST", f"{self.zaken_url}/zaken", body=body)

    async def zaak(self, url: str) -> Zaak:
        """One zaak by its URL."""
        return await self._one(Zaak, "GET", url)

    async def statussen(self, zaak_url: str) -> list[Status]:
        """Every status of a zaak."""
        return await self._all(Status, f"{self.zaken_url}/statussen", {"zaak": zaak_url})

    async def create_status(self, body: StatusCreate) -> Status:
        """Set a status on a zaak (an eindstatus closes it)."""
        return await self._one(Status, "POST", f"{self.zaken_url}/statussen", body=body)

    async def resultaten(self, zaak_url: str) -> list[Resultaat]:
        """The resultaat of a zaak (none or one)."""
        return await self._all(Resultaat, f"{self.zaken_url}/resultaten", {"zaak": zaak_url})

    async def create_resultaat(self, body: ResultaatCreate) -> Resultaat:
        """Give a zaak its resultaat."""
        return await self._one(Resultaat, "POST", f"{self.zaken_url}/resultaten", body=body)

    # Catalogi

    async def zaaktypen(self, identificatie: str) -> list[ZaakType]:
        """The published zaaktypen (every version) with this `identificatie`."""
        return await self._all(
            ZaakType,
            f"{self.catalogi_url}/zaaktypen",
            {"identificatie": identificatie, "status": "definitief"},
        )

    async def zaaktype(self, url: str) -> ZaakType:
        """One zaaktype by its URL."""
        return await self._one(ZaakType, "GET", url)

    async def statustypen(self, zaaktype_url: str) -> list[StatusType]:
        """The statustypen of a zaaktype."""
        return await self._all(
            StatusType, f"{self.catalogi_url}/statustypen", {"zaaktype": zaaktype_url}
        )

    async def resultaattypen(self, zaaktype_url: str) -> list[ResultaatType]:
        """The resultaattypen of a zaaktype."""
        return await self._all(
            ResultaatType, f"{self.catalogi_url}/resultaattypen", {"zaaktype": zaaktype_url}
        )
