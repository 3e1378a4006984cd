"""Gemeente routes under `/gemeente/api`: municipal taxes and parking permits."""

import uuid
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from burgerflow.core.constants import Registry
from burgerflow.registry.schemas.common import BsnQuery, Operation
from burgerflow.registry.schemas.gemeente import (
    BelastingAanmeldingCreate,
    BelastingBeeindigingCreate,
    BelastingenPublic,
    BelastingOntvangst,
    ParkeervergunningBeeindigingCreate,
    ParkeervergunningenPublic,
    ParkeervergunningOntvangst,
    ParkeervergunningPublic,
)
from registries_mock.db import SessionDep
from registries_mock.gemeente import crud
from registries_mock.mutations import FaultGate, Mutation

router = APIRouter(prefix="/gemeente/api", tags=["gemeente"])
gate = FaultGate(Registry.GEMEENTE)
MutationDep = Annotated[Mutation, Depends(gate.mutation)]


@router.post(
    "/belastingen/zoeken",
    response_model=BelastingenPublic,
    response_model_exclude_none=True,
    dependencies=[Depends(gate.lookup)],
    summary="Zoek de gemeentelijke belastingplichten van een persoon",
)
def zoek_belastingen(query: BsnQuery, session: SessionDep) -> BelastingenPublic:
    """The person's tax liabilities at every municipality (running and ended)."""
    return crud.belastingen(session=session, burgerservicenummer=query.burgerservicenummer)


@router.post(
    "/belastingen/beeindigingen",
    status_code=201,
    response_model=BelastingOntvangst,
    summary="Beeindig de gemeentelijke belastingen bij een gemeente",
)
def beeindig_belastingen(
    body: BelastingBeeindigingCreate, mutation: MutationDep, session: SessionDep
) -> JSONResponse:
    """End the running liabilities at `gemeentecode`; 422 when none is running there."""

    def apply() -> BelastingOntvangst:
        rows = crud.beeindig_belasting(
            session=session,
            burgerservicenummer=body.burgerservicenummer,
            gemeentecode=body.gemeentecode,
            einddatum=body.einddatum,
        )
        return BelastingOntvangst(
            id=str(uuid.uuid4()),
            burgerservicenummer=body.burgerservicenummer,
            ontvangen_op=datetime.now(UTC),
            belastingplichten=[crud.belastingplicht_public(r) for r in rows],
        )

    return mutation.execute(
        operation=Operation.BELASTING_BEEINDIGEN,
        subject=body.burgerservicenummer,
        body=body,
        effect=apply,
    )


@router.post(
    "/belastingen/aanmeldingen",
    status_code=201,
    response_model=BelastingOntvangst,
    summary="Start de gemeentelijke belastingen bij een gemeente",
)
def start_belastingen(
    body: BelastingAanmeldingCreate, mutation: MutationDep, session: SessionDep
) -> JSONResponse:
    """Start a liability at `gemeentecode` for the object.

    404 when the person is not in BRP; 422 when the object is unknown, lies elsewhere, or a
    liability is already running at that municipality.
    """

    def apply() -> BelastingOntvangst:
        row = crud.start_belasting(
            session=session,
            burgerservicenummer=body.burgerservicenummer,
            gemeentecode=body.gemeentecode,
            adresseerbaar_object_identificatie=body.adresseerbaar_object_identificatie,
            ingangsdatum=body.ingangsdatum,
        )
        return BelastingOntvangst(
            id=str(uuid.uuid4()),
            burgerservicenummer=body.burgerservicenummer,
            ontvangen_op=datetime.now(UTC),
            belastingplichten=[crud.belastingplicht_public(row)],
        )

    return mutation.execute(
        operation=Operation.BELASTING_STARTEN,
        subject=body.burgerservicenummer,
        body=body,
        effect=apply,
    )


@router.post(
    "/parkeervergunningen/zoeken",
    response_model=ParkeervergunningenPublic,
    response_model_exclude_none=True,
    dependencies=[Depends(gate.lookup)],
    summary="Zoek de parkeervergunningen van een persoon",
)
def zoek_parkeervergunningen(query: BsnQuery, session: SessionDep) -> ParkeervergunningenPublic:
    """The person's parking permits, each with its object and gemeentecode."""
    return crud.parkeervergunningen(session=session, burgerservicenummer=query.burgerservicenummer)


@router.post(
    "/parkeervergunningen/beeindigingen",
    status_code=201,
    response_model=ParkeervergunningOntvangst,
    summary="Beeindig een parkeervergunning",
)
def beeindig_parkeervergunning(
    body: ParkeervergunningBeeindigingCreate, mutation: MutationDep, session: SessionDep
) -> JSONResponse:
    """End a permit; 404 when the person holds no such permit, 422 when already ended."""

    def apply() -> ParkeervergunningOntvangst:
        row = crud.beeindig_parkeervergunning(
            session=session,
            burgerservicenummer=body.burgerservicenummer,
            vergunningnummer=body.vergunningnummer,
            einddatum=body.einddatum,
        )
        return ParkeervergunningOntvangst(
            id=str(uuid.uuid4()),
            burgerservicenummer=body.burgerservicenummer,
            ontvangen_op=datetime.now(UTC),
            parkeervergunning=ParkeervergunningPublic.model_validate(row, from_attributes=True),
        )

    return mutation.execute(
        operation=Operation.PARKEERVERGUNNING_BEEINDIGEN,
        subject=body.burgerservicenummer,
        body=body,
        effect=apply,
    )
