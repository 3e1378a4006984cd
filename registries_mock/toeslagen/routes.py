"""Toeslagen routes under `/toeslagen/api`."""

from fastapi import APIRouter, Depends

from burgerflow.core.constants import Registry
from burgerflow.registry.schemas.common import BsnQuery
from burgerflow.registry.schemas.toeslagen import ToeslagenPublic
from registries_mock.adreskopie import add_adreswijziging_route, add_emigratie_route
from registries_mock.db import SessionDep
from registries_mock.mutations import FaultGate
from registries_mock.toeslagen import crud
from registries_mock.toeslagen.models import ToeslagenAdres

router = APIRouter(prefix="/toeslagen/api", tags=["toeslagen"])
gate = FaultGate(Registry.TOESLAGEN)


@router.post(
    "/toeslagen/zoeken",
    response_model=ToeslagenPublic,
    response_model_exclude_none=True,
    dependencies=[Depends(gate.lookup)],
    summary="Zoek de toeslagen van een persoon",
)
def zoek_toeslagen(query: BsnQuery, session: SessionDep) -> ToeslagenPublic:
    """A person's benefits, each `{soort, status, ...}`; an empty list when none."""
    return crud.toeslagen(session=session, burgerservicenummer=query.burgerservicenummer)


add_adreswijziging_route(router, gate=gate, table=ToeslagenAdres)
add_emigratie_route(router, gate=gate, table=ToeslagenAdres)
