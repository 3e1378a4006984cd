"""The copy of a person's address that Belastingdienst, Toeslagen, DUO and RDW each keep.

Those registries take BRP's address changes as notifications (`POST .../adreswijzigingen`).
Each keeps its own table derived from `AdresKopieBase`; this module holds the shared table
base, CRUD and the notification route, so the four registries behave alike.
"""

import uuid
from datetime import UTC, date, datetime
from typing import Annotated, TypeVar

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse
from sqlmodel import Field, Session, col, delete

from burgerflow.core.constants import Registry
from burgerflow.registry.schemas.brp import EmigratieCreate, EmigratieOntvangst
from burgerflow.registry.schemas.common import (
    AdresKopie,
    AdreswijzigingCreate,
    AdreswijzigingOntvangst,
    Operation,
)
from registries_mock.bag import crud as bag_crud
from registries_mock.brp import crud as brp_crud
from registries_mock.db import MockModel, SessionDep
from registries_mock.mutations import FaultGate, Mutation
from registries_mock.problems import not_found, unprocessable


class AdresKopieBase(MockModel):
    """A registry's copy of a person's address (the wire type is `schemas.common.AdresKopie`)."""

    burgerservicenummer: str = Field(primary_key=True, max_length=9)
    adresseerbaar_object_identificatie: str = Field(max_length=16)
    straatnaam: str
    huisnummer: int
    huisletter: str | None = None
    huisnummertoevoeging: str | None = None
    postcode: str
    woonplaats: str
    gemeentecode: str
    datum_aanvang_adreshouding: date | None = None
    gewijzigd_op: datetime | None = None


KopieT = TypeVar("KopieT", bound=AdresKopieBase)


def get_kopie(*, session: Session, table: type[KopieT], burgerservicenummer: str) -> KopieT | None:
    """Return the registry's copy of the person's address, if it has one."""
    return session.get(table, burgerservicenummer)


def kopie_public(kopie: AdresKopieBase | None) -> AdresKopie | None:
    """The wire form of an address copy."""
    if kopie is None:
        return None
    return AdresKopie.model_validate(kopie, from_attributes=True)


def schrijf_kopie(
    *,
    session: Session,
    table: type[KopieT],
    burgerservicenummer: str,
    adresseerbaar_object_identificatie: str,
    datum_aanvang_adreshouding: date | None,
    gewijzigd_op: datetime | None,
) -> KopieT:
    """Create or replace the copy from BAG's current data of the object.

    Raises:
        ProblemError: 422 when the object or its address is not in BAG.
    """
    verblijfsobject = bag_crud.get_verblijfsobject(
        session=session, identificatie=adresseerbaar_object_identificatie
    )
    adres = bag_crud.hoofdadres(session=session, object_id=adresseerbaar_object_identificatie)
    if verblijfsobject is None or adres is None:
        raise unprocessable(
            "Het adresseerbaar object bestaat niet in de BAG.", code="adresNietGevonden"
        )
    kopie = table(
        burgerservicenummer=burgerservicenummer,
        adresseerbaar_object_identificatie=adresseerbaar_object_identificatie,
        straatnaam=adres.openbare_ruimte_naam,
        huisnummer=adres.huisnummer,
        huisletter=adres.huisletter,
        huisnummertoevoeging=adres.huisnummertoevoeging,
        postcode=adres.postcode,
        woonplaats=adres.woonplaats_naam,
        gemeentecode=verblijfsobject.gemeentecode,
        datum_aanvang_adreshouding=datum_aanvang_adreshouding,
        gewijzigd_op=gewijzigd_op,
    )
    merged = session.merge(kopie)
    session.flush()
    return merged


def verwijder_kopie(
    *, session: Session, table: type[AdresKopieBase], burgerservicenummer: str
) -> None:
    """Remove the registry's copy of the person's address."""
    session.exec(delete(table).where(col(table.burgerservicenummer) == burgerservicenummer))


def verwerk_adreswijziging(
    *,
    session: Session,
    table: type[AdresKopieBase],
    registry: Registry,
    body: AdreswijzigingCreate,
) -> AdreswijzigingOntvangst:
    """Apply an address-change notification: the registry's copy follows the new address.

    Raises:
        ProblemError: 404 when the person is not in BRP; 422 when the object is not in BAG.
    """
    if brp_crud.get_persoon(session=session, burgerservicenummer=body.burgerservicenummer) is None:
        raise not_found("De persoon is niet ingeschreven in de BRP.")
    now = datetime.now(UTC)
    schrijf_kopie(
        session=session,
        table=table,
        burgerservicenummer=body.burgerservicenummer,
        adresseerbaar_object_identificatie=body.adresseerbaar_object_identificatie,
        datum_aanvang_adreshouding=body.datum_aanvang_adreshouding,
        gewijzigd_op=now,
    )
    return AdreswijzigingOntvangst(
        id=str(uuid.uuid4()),
        registratie=registry.value,
        burgerservicenummer=body.burgerservicenummer,
        adresseerbaar_object_identificatie=body.adresseerbaar_object_identificatie,
        datum_aanvang_adreshouding=body.datum_aanvang_adreshouding,
        ontvangen_op=now,
    )


def add_adreswijziging_route(
    router: APIRouter, *, gate: FaultGate, table: type[AdresKopieBase]
) -> None:
    """Register `POST {router.prefix}/adreswijzigingen` for the gate's registry."""
    registry = gate.registry

    def adreswijziging(
        body: AdreswijzigingCreate,
        mutation: Annotated[Mutation, Depends(gate.mutation)],
        session: SessionDep,
    ) -> JSONResponse:
        return mutation.execute(
            operation=Operation.ADRESWIJZIGING,
            subject=body.burgerservicenummer,
            body=body,
            effect=lambda: verwerk_adreswijziging(
                session=session, table=table, registry=registry, body=body
            ),
        )

    adreswijziging.__doc__ = (
        f"Notify {registry.value} of an address change; its copy of the address follows. "
        "Requires `Idempotency-Key`. 404 when the person is not in BRP, 422 when the object "
        "is not in BAG."
    )
    router.add_api_route(
        "/adreswijzigingen",
        adreswijziging,
        methods=["POST"],
        status_code=201,
        response_model=AdreswijzigingOntvangst,
        summary="Verwerk een adreswijziging",
        name=f"{registry.value}_adreswijziging",
    )


def verwerk_emigratie(
    *,
    session: Session,
    table: type[AdresKopieBase],
    registry: Registry,
    body: EmigratieCreate,
) -> EmigratieOntvangst:
    """Apply an emigration notification: the registry no longer has a Dutch address.

    Raises:
        ProblemError: 404 when the person is not in BRP.
    """
    if brp_crud.get_persoon(session=session, burgerservicenummer=body.burgerservicenummer) is None:
        raise not_found("De persoon is niet ingeschreven in de BRP.")
    verwijder_kopie(session=session, table=table, burgerservicenummer=body.burgerservicenummer)
    session.flush()
    return EmigratieOntvangst(
        id=str(uuid.uuid4()),
        registratie=registry.value,
        burgerservicenummer=body.burgerservicenummer,
        land=body.land,
        datum_vertrek=body.datum_vertrek,
        ontvangen_op=datetime.now(UTC),
    )


def add_emigratie_route(router: APIRouter, *, gate: FaultGate, table: type[AdresKopieBase]) -> None:
    """Register `POST {router.prefix}/emigraties` for the gate's registry."""
    registry = gate.registry

    def emigratie(
        body: EmigratieCreate,
        mutation: Annotated[Mutation, Depends(gate.mutation)],
        session: SessionDep,
    ) -> JSONResponse:
        return mutation.execute(
            operation=Operation.EMIGRATIE,
            subject=body.burgerservicenummer,
            body=body,
            effect=lambda: verwerk_emigratie(
                session=session, table=table, registry=registry, body=body
            ),
        )

    emigratie.__doc__ = (
        f"Notify {registry.value} that a person emigrated; its copy of their Dutch address "
        "goes. Requires `Idempotency-Key`. 404 when the person is not in BRP."
    )
    router.add_api_route(
        "/emigraties",
        emigratie,
        methods=["POST"],
        status_code=201,
        response_model=EmigratieOntvangst,
        summary="Verwerk een emigratie",
        name=f"{registry.value}_emigratie",
    )
