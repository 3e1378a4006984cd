"""Burgerlijke stand routes under `/burgerlijke-stand/api`: deeds, permits, undertakers' messages.

Look-ups take their key in the body (`.../zoeken`); the three mutations take an
`Idempotency-Key` and record their effect in the ledger under the deceased's BSN.
"""

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from burgerflow.core.constants import Registry
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
from burgerflow.registry.schemas.common import BsnQuery, Operation
from registries_mock.burgerlijke_stand import crud
from registries_mock.burgerlijke_stand.models import AkteVanOverlijden
from registries_mock.db import SessionDep
from registries_mock.mutations import FaultGate, Mutation

router = APIRouter(prefix="/burgerlijke-stand/api", tags=["burgerlijke stand"])
gate = FaultGate(Registry.BURGERLIJKE_STAND)
MutationDep = Annotated[Mutation, Depends(gate.mutation)]


@router.post(
    "/akten-van-overlijden/zoeken",
    response_model=AktenVanOverlijdenPublic,
    response_model_exclude_none=True,
    dependencies=[Depends(gate.lookup)],
    summary="Zoek de akte van overlijden van een persoon",
)
def zoek_akten(query: BsnQuery, session: SessionDep) -> AktenVanOverlijdenPublic:
    """The person's deed of death, if one was drawn up (`akten` empty otherwise)."""
    return crud.akten(session=session, burgerservicenummer=query.burgerservicenummer)


@router.post(
    "/akten-van-overlijden",
    status_code=201,
    response_model=AkteVanOverlijdenPublic,
    summary="Maak een akte van overlijden op",
)
def maak_akte(
    body: AkteVanOverlijdenCreate, mutation: MutationDep, session: SessionDep
) -> JSONResponse:
    """Draw up the deed of death, with its number; the person's deed if they have one.

    Requires `Idempotency-Key`. 422 when the death comes before the birth.
    """
    return mutation.execute(
        operation=Operation.AKTE_VAN_OVERLIJDEN,
        subject=body.burgerservicenummer,
        body=body,
        effect=lambda: crud.akte_public(crud.maak_akte(session=session, body=body)),
    )


@router.post(
    "/verloven",
    status_code=201,
    response_model=VerlofPublic,
    summary="Geef verlof tot begraven of cremeren",
)
def geef_verlof(body: VerlofCreate, mutation: MutationDep, session: SessionDep) -> JSONResponse:
    """Issue the permit for burial or cremation on a deed; the deed's permit if it has one.

    Requires `Idempotency-Key`. 404 when the deed is unknown, 422 when the day lies before
    the death.
    """
    # The ledger files the permit under the deceased; an unknown deed records nothing.
    akte = session.get(AkteVanOverlijden, body.aktenummer)
    return mutation.execute(
        operation=Operation.VERLOF,
        subject=akte.burgerservicenummer if akte else "",
        body=body,
        effect=lambda: crud.verlof_public(crud.geef_verlof(session=session, body=body)),
    )


@router.post(
    "/uitvaartberichten/zoeken",
    response_model=UitvaartberichtenPublic,
    response_model_exclude_none=True,
    dependencies=[Depends(gate.lookup)],
    summary="Zoek de berichten aan een uitvaartondernemer",
)
def zoek_uitvaartberichten(query: OntvangerQuery, session: SessionDep) -> UitvaartberichtenPublic:
    """The messages sent to an undertaker, newest first."""
    return crud.uitvaartberichten(session=session, ontvanger=query.ontvanger)


@router.post(
    "/uitvaartberichten",
    status_code=201,
    response_model=UitvaartberichtOntvangst,
    summary="Stuur een bericht aan een uitvaartondernemer",
)
def bezorg_uitvaartbericht(
    body: UitvaartberichtCreate, mutation: MutationDep, session: SessionDep
) -> JSONResponse:
    """Deliver a message to an undertaker (the deed's and permit's numbers, or a refusal).

    Requires `Idempotency-Key`.
    """

    def apply() -> UitvaartberichtOntvangst:
        bericht = crud.bezorg_uitvaartbericht(session=session, body=body)
        return UitvaartberichtOntvangst(
            id=bericht.id,
            ontvanger=bericht.ontvanger,
            aktenummer=bericht.aktenummer,
            verlofnummer=bericht.verlofnummer,
            bezorgd_op=bericht.bezorgd_op,
        )

    return mutation.execute(
        operation=Operation.UITVAARTBERICHT,
        subject=body.burgerservicenummer,
        body=body,
        effect=apply,
    )
