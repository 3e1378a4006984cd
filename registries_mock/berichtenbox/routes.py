"""Berichtenbox routes under `/berichtenbox/api`."""

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from burgerflow.core.constants import Registry
from burgerflow.registry.schemas.berichtenbox import (
    BerichtCreate,
    BerichtenPublic,
    BerichtOntvangst,
)
from burgerflow.registry.schemas.common import BsnQuery, Operation
from registries_mock.berichtenbox import crud
from registries_mock.db import SessionDep
from registries_mock.mutations import FaultGate, Mutation

router = APIRouter(prefix="/berichtenbox/api", tags=["berichtenbox"])
gate = FaultGate(Registry.BERICHTENBOX)
MutationDep = Annotated[Mutation, Depends(gate.mutation)]


@router.post(
    "/berichten/zoeken",
    response_model=BerichtenPublic,
    dependencies=[Depends(gate.lookup)],
    summary="Zoek de berichten van een persoon",
)
def zoek_berichten(query: BsnQuery, session: SessionDep) -> BerichtenPublic:
    """The citizen's messages, newest first."""
    return crud.berichten(session=session, burgerservicenummer=query.burgerservicenummer)


@router.post(
    "/berichten",
    status_code=201,
    response_model=BerichtOntvangst,
    summary="Bezorg een bericht",
)
def bezorg_bericht(body: BerichtCreate, mutation: MutationDep, session: SessionDep) -> JSONResponse:
    """Deliver a message to the citizen's box; 404 when the recipient is not in BRP."""

    def apply() -> BerichtOntvangst:
        bericht = crud.bezorg(
            session=session,
            burgerservicenummer=body.burgerservicenummer,
            afzender=body.afzender,
            onderwerp=body.onderwerp,
            inhoud=body.inhoud,
        )
        return BerichtOntvangst(
            id=bericht.id,
            burgerservicenummer=bericht.burgerservicenummer,
            ontvangen_op=bericht.ontvangen_op,
        )

    return mutation.execute(
        operation=Operation.BERICHT_BEZORGEN,
        subject=body.burgerservicenummer,
        body=body,
        effect=apply,
    )
