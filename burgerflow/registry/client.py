"""Typed async client for the registries: the mocks, or real registries at the same paths.

`RegistryClient` wraps an injected `httpx.AsyncClient` whose `base_url` points at the
registries (and which carries any credentials and timeouts). This is production code: the
real registries answer it, the mocks in `registries_mock` serve it. Responses parse into the
pydantic wire models (snake_case attributes, camelCase aliases, `populate_by_name`),
re-exported here.

Errors (stable names: workflows list them in Temporal's `non_retryable_error_types`):

- `RegistryError`: base class; `.status` (HTTP status or None) and `.problem` (the parsed
  problem+json body or None).
- `RegistryClientError`: a 4xx other than 408 and 429, or a success response this client
  cannot read. Retrying the same request cannot fix it: non-retryable.
- `RegistryUnavailable`: a 5xx, 408 or 429, a timeout or a connection error. Retry, and for a
  mutation retry with the same idempotency key: a 503 may come after the effect was applied.

Messages name the path, status, title and code and the names of invalid parameters, never a
BSN, so they are safe in logs and workflow histories.
"""

from collections.abc import Mapping, Sequence
from typing import TypeVar

import httpx
from pydantic import BaseModel, ValidationError

from burgerflow.registry.schemas.bag import (
    AdresPublic,
    AdresseerbaarObjectPublic,
    AdressenPublic,
    VerblijfsobjectPublic,
)
from burgerflow.registry.schemas.belastingdienst import BelastingplichtigePublic
from burgerflow.registry.schemas.berichtenbox import (
    BerichtCreate,
    BerichtenPublic,
    BerichtOntvangst,
)
from burgerflow.registry.schemas.brp import (
    PERSOON_FIELDS,
    BrpAdreswijzigingPublic,
    BrpEmigratiePublic,
    BrpOverlijdenPublic,
    EmigratieCreate,
    EmigratieOntvangst,
    OverlijdenCreate,
    PersonenPublic,
    PersoonPublic,
    RaadpleegMetBurgerservicenummer,
    ZoekMetAdresseerbaarObjectIdentificatie,
)
from burgerflow.registry.schemas.burgerlijke_stand import (
    AktenVanOverlijdenPublic,
    AkteVanOverlijdenCreate,
    AkteVanOverlijdenPublic,
    OntvangerQuery,
    UitvaartberichtCreate,
    UitvaartberichtenPublic,
    UitvaartberichtOntvangst,
    VerlofCreate,
    VerlofPublic,
)
from burgerflow.registry.schemas.common import (
    AdreswijzigingCreate,
    AdreswijzigingOntvangst,
    BsnQuery,
    Problem,
)
from burgerflow.registry.schemas.duo import StudiefinancieringPublic
from burgerflow.registry.schemas.gemeente import (
    BelastingAanmeldingCreate,
    BelastingBeeindigingCreate,
    BelastingenPublic,
    BelastingOntvangst,
    ParkeervergunningBeeindigingCreate,
    ParkeervergunningenPublic,
    ParkeervergunningOntvangst,
)
from burgerflow.registry.schemas.overlijden import (
    OverlijdensmeldingCreate,
    OverlijdensmeldingOntvangst,
)
from burgerflow.registry.schemas.rdw import VoertuigenPublic
from burgerflow.registry.schemas.toeslagen import ToeslagenPublic

IDEMPOTENCY_HEADER = "Idempotency-Key"

BRP_PREFIX = "/haalcentraal/api/brp"
EMIGRATIE_REGISTRATIES = ("belastingdienst", "toeslagen", "duo", "rdw")
"""The registries that take emigration notifications at `/<registry>/api/emigraties`."""
BAG_PREFIX = "/lvbag/individuelebevragingen/v2"
BURGERLIJKE_STAND_PREFIX = "/burgerlijke-stand/api"

ModelT = TypeVar("ModelT", bound=BaseModel)


class RegistryError(Exception):
    """A registry call failed.

    Attributes:
        status: The HTTP status, or None when no response arrived.
        problem: The problem+json body, when the registry sent one.
    """

    def __init__(
        self, message: str, *, status: int | None = None, problem: Problem | None = None
    ) -> None:
        """Create the error; `message` carries no personal data."""
        super().__init__(message)
        self.status = status
        self.problem = problem


class RegistryClientError(RegistryError):
    """The registry refused the request (4xx) or answered unreadably: retrying cannot help."""


class RegistryUnavailable(RegistryError):
    """The registry is unavailable (5xx, 408, 429, timeout, connection error): retry later."""


def _problem(response: httpx.Response) -> Problem | None:
    try:
        return Problem.model_validate(response.json())
    except (ValueError, ValidationError):
        return None


def _error(method: str, path: str, response: httpx.Response) -> RegistryError:
    status = response.status_code
    problem = _problem(response)
    message = f"{method} {path} answered {status}"
    if problem is not None:
        message += f": {problem.title or ''} ({problem.code or 'no code'})"
        if problem.invalid_params:
            message += " invalid: " + ", ".join(p.name or "?" for p in problem.invalid_params)
    if status >= 500 or status in (408, 429):
        return RegistryUnavailable(message, status=status, problem=problem)
    return RegistryClientError(message, status=status, problem=problem)


class JsonHttp:
    """Sends one request and maps failures onto the error classes."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http

    async def send(
        self,
        method: str,
        path: str,
        *,
        body: BaseModel | None = None,
        params: Mapping[str, str | int | bool] | None = None,
        idempotency_key: str | None = None,
        allow_404: bool = False,
    ) -> httpx.Response | None:
        headers = {IDEMPOTENCY_HEADER: idempotency_key} if idempotency_key is not None else None
        json = body.model_dump(mode="json", by_alias=True, exclude_none=True) if body else None
        try:
            response = await self.http.request(
                method, path, json=json, params=params, headers=headers
            )
        except httpx.TimeoutException as exc:
            raise RegistryUnavailable(f"{method} {path} timed out") from exc
        except httpx.TransportError as exc:
            raise RegistryUnavailable(f"{method} {path} failed: {type(exc).__name__}") from exc
        if response.status_code == 404 and allow_404:
            return None
        if not response.is_success:
            raise _error(method, path, response)
        return response

    async def call(
        self,
        model: type[ModelT],
        method: str,
        path: str,
        *,
        body: BaseModel | None = None,
        params: Mapping[str, str | int | bool] | None = None,
        idempotency_key: str | None = None,
    ) -> ModelT:
        response = await self.send(
            method, path, body=body, params=params, idempotency_key=idempotency_key
        )
        assert response is not None
        return parse_response(model, method, path, response)


def parse_response(model: type[ModelT], method: str, path: str, response: httpx.Response) -> ModelT:
    try:
        return model.model_validate_json(response.content)
    except ValidationError as exc:
        raise RegistryClientError(
            f"{method} {path} answered {response.status_code} with an unreadable body",
            status=response.status_code,
        ) from exc


class RegistryClient:
    """Look-ups and mutations on every registry.

    Look-ups send the BSN in the request body. Mutations take a request model and an
    `idempotency_key`; resending with the same key and body never applies the effect twice.
    """

    def __init__(self, http: httpx.AsyncClient) -> None:
        """Wrap `http`, whose `base_url` points at the registries."""
        self._http = JsonHttp(http)

    # BRP ---------------------------------------------------------------------------------
    async def brp_personen(
        self, bsns: Sequence[str], *, fields: Sequence[str] | None = None
    ) -> list[PersoonPublic]:
        """Persons by BSN (at most 20); unknown BSNs are absent. `fields`: all when None."""
        query = RaadpleegMetBurgerservicenummer(
            burgerservicenummer=list(bsns), fields=list(fields or PERSOON_FIELDS)
        )
        result = await self._http.call(PersonenPublic, "POST", f"{BRP_PREFIX}/personen", body=query)
        return result.personen

    async def brp_persoon(
        self, bsn: str, *, fields: Sequence[str] | None = None
    ) -> PersoonPublic | None:
        """One person by BSN, or None when not registered."""
        personen = await self.brp_personen([bsn], fields=fields)
        return personen[0] if personen else None

    async def brp_bewoners(
        self,
        object_id: str,
        *,
        fields: Sequence[str] | None = None,
        inclusief_overleden_personen: bool = False,
    ) -> list[PersoonPublic]:
        """The persons registered at a BAG addressable object (the deceased too, if asked)."""
        query = ZoekMetAdresseerbaarObjectIdentificatie(
            adresseerbaar_object_identificatie=object_id,
            fields=list(fields or PERSOON_FIELDS),
            inclusief_overleden_personen=inclusief_overleden_personen,
        )
        result = await self._http.call(PersonenPublic, "POST", f"{BRP_PREFIX}/personen", body=query)
        return result.personen

    async def brp_adreswijziging(
        self, request: AdreswijzigingCreate, *, idempotency_key: str
    ) -> BrpAdreswijzigingPublic:
        """Register a move in BRP (`POST /haalcentraal/api/brp/adreswijzigingen`)."""
        return await self._http.call(
            BrpAdreswijzigingPublic,
            "POST",
            f"{BRP_PREFIX}/adreswijzigingen",
            body=request,
            idempotency_key=idempotency_key,
        )

    async def brp_emigratie(
        self, request: EmigratieCreate, *, idempotency_key: str
    ) -> BrpEmigratiePublic:
        """Register an emigration in BRP (`POST /haalcentraal/api/brp/emigraties`)."""
        return await self._http.call(
            BrpEmigratiePublic,
            "POST",
            f"{BRP_PREFIX}/emigraties",
            body=request,
            idempotency_key=idempotency_key,
        )

    async def emigratie_melden(
        self, registratie: str, request: EmigratieCreate, *, idempotency_key: str
    ) -> EmigratieOntvangst:
        """Notify a registry that reads the BRP of an emigration.

        Args:
            registratie: `belastingdienst`, `toeslagen`, `duo` or `rdw`.
            request: The emigration.
            idempotency_key: The step's key.
        """
        if registratie not in EMIGRATIE_REGISTRATIES:
            raise ValueError(f"{registratie} takes no emigration notifications")
        return await self._http.call(
            EmigratieOntvangst,
            "POST",
            f"/{registratie}/api/emigraties",
            body=request,
            idempotency_key=idempotency_key,
        )

    async def brp_overlijden(
        self, request: OverlijdenCreate, *, idempotency_key: str
    ) -> BrpOverlijdenPublic:
        """Record a death in BRP (`POST /haalcentraal/api/brp/overlijdensregistraties`)."""
        return await self._http.call(
            BrpOverlijdenPublic,
            "POST",
            f"{BRP_PREFIX}/overlijdensregistraties",
            body=request,
            idempotency_key=idempotency_key,
        )

    # BAG ---------------------------------------------------------------------------------
    async def bag_adressen(
        self,
        postcode: str,
        huisnummer: int,
        huisletter: str | None = None,
        huisnummertoevoeging: str | None = None,
        *,
        exacte_match: bool = False,
    ) -> list[AdresPublic]:
        """Addresses with this postcode and number (an empty list when none)."""
        params: dict[str, str | int | bool] = {"postcode": postcode, "huisnummer": huisnummer}
        if huisletter is not None:
            params["huisletter"] = huisletter
        if huisnummertoevoeging is not None:
            params["huisnummertoevoeging"] = huisnummertoevoeging
        if exacte_match:
            params["exacteMatch"] = "true"
        result = await self._http.call(
            AdressenPublic, "GET", f"{BAG_PREFIX}/adressen", params=params
        )
        return result.embedded.adressen

    async def bag_adressen_op_straat(
        self,
        openbare_ruimte_naam: str,
        huisnummer: int,
        woonplaats_naam: str,
        huisletter: str | None = None,
        huisnummertoevoeging: str | None = None,
    ) -> list[AdresPublic]:
        """Addresses with this street, number and place (an empty list when none)."""
        params: dict[str, str | int] = {
            "openbareRuimteNaam": openbare_ruimte_naam,
            "huisnummer": huisnummer,
            "woonplaatsNaam": woonplaats_naam,
        }
        if huisletter is not None:
            params["huisletter"] = huisletter
        if huisnummertoevoeging is not None:
            params["huisnummertoevoeging"] = huisnummertoevoeging
        result = await self._http.call(
            AdressenPublic, "GET", f"{BAG_PREFIX}/adressen", params=params
        )
        return result.embedded.adressen

    async def bag_adresseerbaar_object(self, object_id: str) -> VerblijfsobjectPublic | None:
        """The addressable object (verblijfsobject), or None when BAG does not know it."""
        path = f"{BAG_PREFIX}/adresseerbareobjecten/{object_id}"
        response = await self._http.send("GET", path, allow_404=True)
        if response is None:
            return None
        return parse_response(
            AdresseerbaarObjectPublic, "GET", path, response
        ).verblijfsobject.verblijfsobject

    # Belastingdienst ---------------------------------------------------------------------
    async def belastingdienst_belastingplichtige(self, bsn: str) -> BelastingplichtigePublic:
        """The address the Belastingdienst has for the person."""
        return await self._http.call(
            BelastingplichtigePublic,
            "POST",
            "/belastingdienst/api/belastingplichtigen/zoeken",
            body=BsnQuery(burgerservicenummer=bsn),
        )

    async def belastingdienst_adreswijziging(
        self, request: AdreswijzigingCreate, *, idempotency_key: str
    ) -> AdreswijzigingOntvangst:
        """Notify the Belastingdienst of a move."""
        return await self._notify("/belastingdienst/api", request, idempotency_key)

    # Toeslagen ---------------------------------------------------------------------------
    async def toeslagen(self, bsn: str) -> ToeslagenPublic:
        """The person's benefits (`soort`, `status`, ...)."""
        return await self._http.call(
            ToeslagenPublic,
            "POST",
            "/toeslagen/api/toeslagen/zoeken",
            body=BsnQuery(burgerservicenummer=bsn),
        )

    async def toeslagen_adreswijziging(
        self, request: AdreswijzigingCreate, *, idempotency_key: str
    ) -> AdreswijzigingOntvangst:
        """Notify Toeslagen of a move."""
        return await self._notify("/toeslagen/api", request, idempotency_key)

    # DUO ---------------------------------------------------------------------------------
    async def duo_studiefinanciering(self, bsn: str) -> StudiefinancieringPublic:
        """Whether the person receives student finance, with details."""
        return await self._http.call(
            StudiefinancieringPublic,
            "POST",
            "/duo/api/studiefinanciering/zoeken",
            body=BsnQuery(burgerservicenummer=bsn),
        )

    async def duo_adreswijziging(
        self, request: AdreswijzigingCreate, *, idempotency_key: str
    ) -> AdreswijzigingOntvangst:
        """Notify DUO of a move."""
        return await self._notify("/duo/api", request, idempotency_key)

    # RDW ---------------------------------------------------------------------------------
    async def rdw_voertuigen(self, bsn: str) -> VoertuigenPublic:
        """The vehicles registered to the person."""
        return await self._http.call(
            VoertuigenPublic,
            "POST",
            "/rdw/api/voertuigen/zoeken",
            body=BsnQuery(burgerservicenummer=bsn),
        )

    async def rdw_adreswijziging(
        self, request: AdreswijzigingCreate, *, idempotency_key: str
    ) -> AdreswijzigingOntvangst:
        """Notify RDW of a move."""
        return await self._notify("/rdw/api", request, idempotency_key)

    # Gemeente ----------------------------------------------------------------------------
    async def gemeente_belastingen(self, bsn: str) -> BelastingenPublic:
        """The person's municipal tax liabilities, per municipality."""
        return await self._http.call(
            BelastingenPublic,
            "POST",
            "/gemeente/api/belastingen/zoeken",
            body=BsnQuery(burgerservicenummer=bsn),
        )

    async def gemeente_belasting_beeindigen(
        self, request: BelastingBeeindigingCreate, *, idempotency_key: str
    ) -> BelastingOntvangst:
        """Stop municipal taxes at a municipality."""
        return await self._http.call(
            BelastingOntvangst,
            "POST",
            "/gemeente/api/belastingen/beeindigingen",
            body=request,
            idempotency_key=idempotency_key,
        )

    async def gemeente_belasting_starten(
        self, request: BelastingAanmeldingCreate, *, idempotency_key: str
    ) -> BelastingOntvangst:
        """Start municipal taxes at a municipality."""
        return await self._http.call(
            BelastingOntvangst,
            "POST",
            "/gemeente/api/belastingen/aanmeldingen",
            body=request,
            idempotency_key=idempotency_key,
        )

    async def gemeente_parkeervergunningen(self, bsn: str) -> ParkeervergunningenPublic:
        """The person's parking permits."""
        return await self._http.call(
            ParkeervergunningenPublic,
            "POST",
            "/gemeente/api/parkeervergunningen/zoeken",
            body=BsnQuery(burgerservicenummer=bsn),
        )

    async def gemeente_parkeervergunning_beeindigen(
        self, request: ParkeervergunningBeeindigingCreate, *, idempotency_key: str
    ) -> ParkeervergunningOntvangst:
        """End a parking permit."""
        return await self._http.call(
            ParkeervergunningOntvangst,
            "POST",
            "/gemeente/api/parkeervergunningen/beeindigingen",
            body=request,
            idempotency_key=idempotency_key,
        )

    # Berichtenbox ------------------------------------------------------------------------
    async def berichtenbox_berichten(self, bsn: str) -> BerichtenPublic:
        """The citizen's messages, newest first."""
        return await self._http.call(
            BerichtenPublic,
            "POST",
            "/berichtenbox/api/berichten/zoeken",
            body=BsnQuery(burgerservicenummer=bsn),
        )

    async def berichtenbox_bezorgen(
        self, request: BerichtCreate, *, idempotency_key: str
    ) -> BerichtOntvangst:
        """Deliver a message to the citizen's box."""
        return await self._http.call(
            BerichtOntvangst,
            "POST",
            "/berichtenbox/api/berichten",
            body=request,
            idempotency_key=idempotency_key,
        )

    # Deaths reported to the organisations that read the BRP -----------------------------
    async def belastingdienst_overlijdensmelding(
        self, request: OverlijdensmeldingCreate, *, idempotency_key: str
    ) -> OverlijdensmeldingOntvangst:
        """Report a death to the Belastingdienst."""
        return await self._report_death("/belastingdienst/api", request, idempotency_key)

    async def toeslagen_overlijdensmelding(
        self, request: OverlijdensmeldingCreate, *, idempotency_key: str
    ) -> OverlijdensmeldingOntvangst:
        """Report a death to Toeslagen."""
        return await self._report_death("/toeslagen/api", request, idempotency_key)

    async def duo_overlijdensmelding(
        self, request: OverlijdensmeldingCreate, *, idempotency_key: str
    ) -> OverlijdensmeldingOntvangst:
        """Report a death to DUO."""
        return await self._report_death("/duo/api", request, idempotency_key)

    async def rdw_overlijdensmelding(
        self, request: OverlijdensmeldingCreate, *, idempotency_key: str
    ) -> OverlijdensmeldingOntvangst:
        """Report a death to the RDW (its receipt says by when the heirs re-register)."""
        return await self._report_death("/rdw/api", request, idempotency_key)

    async def _report_death(
        self, prefix: str, request: OverlijdensmeldingCreate, idempotency_key: str
    ) -> OverlijdensmeldingOntvangst:
        return await self._http.call(
            OverlijdensmeldingOntvangst,
            "POST",
            f"{prefix}/overlijdensmeldingen",
            body=request,
            idempotency_key=idempotency_key,
        )

    # Burgerlijke stand -------------------------------------------------------------------
    async def burgerlijke_stand_akte_opmaken(
        self, request: AkteVanOverlijdenCreate, *, idempotency_key: str
    ) -> AkteVanOverlijdenPublic:
        """Draw up the deed of death (a person has one: asking again answers it)."""
        return await self._http.call(
            AkteVanOverlijdenPublic,
            "POST",
            f"{BURGERLIJKE_STAND_PREFIX}/akten-van-overlijden",
            body=request,
            idempotency_key=idempotency_key,
        )

    async def burgerlijke_stand_akten(self, bsn: str) -> AktenVanOverlijdenPublic:
        """The deeds of death drawn up for a person."""
        return await self._http.call(
            AktenVanOverlijdenPublic,
            "POST",
            f"{BURGERLIJKE_STAND_PREFIX}/akten-van-overlijden/zoeken",
            body=BsnQuery(burgerservicenummer=bsn),
        )

    async def burgerlijke_stand_verlof_afgeven(
        self, request: VerlofCreate, *, idempotency_key: str
    ) -> VerlofPublic:
        """Issue the permit for burial or cremation on a deed (one per deed)."""
        return await self._http.call(
            VerlofPublic,
            "POST",
            f"{BURGERLIJKE_STAND_PREFIX}/verloven",
            body=request,
            idempotency_key=idempotency_key,
        )

    async def burgerlijke_stand_uitvaartbericht(
        self, request: UitvaartberichtCreate, *, idempotency_key: str
    ) -> UitvaartberichtOntvangst:
        """Send a message to an undertaker (the municipality's outbox for organisations)."""
        return await self._http.call(
            UitvaartberichtOntvangst,
            "POST",
            f"{BURGERLIJKE_STAND_PREFIX}/uitvaartberichten",
            body=request,
            idempotency_key=idempotency_key,
        )

    async def burgerlijke_stand_uitvaartberichten(self, ontvanger: str) -> UitvaartberichtenPublic:
        """The messages sent to an undertaker, newest first."""
        return await self._http.call(
            UitvaartberichtenPublic,
            "POST",
            f"{BURGERLIJKE_STAND_PREFIX}/uitvaartberichten/zoeken",
            body=OntvangerQuery(ontvanger=ontvanger),
        )

    async def _notify(
        self, prefix: str, request: AdreswijzigingCreate, idempotency_key: str
    ) -> AdreswijzigingOntvangst:
        return await self._http.call(
            AdreswijzigingOntvangst,
            "POST",
            f"{prefix}/adreswijzigingen",
            body=request,
            idempotency_key=idempotency_key,
        )


__all__ = [
    "AdresPublic",
    "AkteVanOverlijdenPublic",
    "AdreswijzigingCreate",
    "AdreswijzigingOntvangst",
    "BelastingAanmeldingCreate",
    "BelastingBeeindigingCreate",
    "BelastingOntvangst",
    "BelastingenPublic",
    "BelastingplichtigePublic",
    "BerichtCreate",
    "BerichtOntvangst",
    "BerichtenPublic",
    "BrpAdreswijzigingPublic",
    "BrpEmigratiePublic",
    "EmigratieCreate",
    "EmigratieOntvangst",
    "BrpOverlijdenPublic",
    "OverlijdensmeldingOntvangst",
    "ParkeervergunningBeeindigingCreate",
    "ParkeervergunningOntvangst",
    "ParkeervergunningenPublic",
    "PersoonPublic",
    "Problem",
    "RegistryClient",
    "RegistryClientError",
    "RegistryError",
    "RegistryUnavailable",
    "StudiefinancieringPublic",
    "ToeslagenPublic",
    "UitvaartberichtOntvangst",
    "VerblijfsobjectPublic",
    "VerlofPublic",
    "VoertuigenPublic",
]
