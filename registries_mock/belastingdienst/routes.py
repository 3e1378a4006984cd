"""Belastingdienst routes under `/belastingdienst/api`."""

from fastapi import APIRouter, Depends

from burgerflow.core.constants import Registry
from burgerflow.registry.schemas.belastingdienst import BelastingplichtigePublic
from burgerflow.registry.schemas.common import BsnQuery
from registries_mock.adreskopie import add_adreswijziging_route, add_emigratie_route
from registries_mock.belastingdienst import crud
from registries_mock.belastingdienst.models import BelastingdienstAdres
from registries_mock.db import SessionDep
from registries_mock.mutations import FaultGate

router = APIRouter(prefix="/belastingdienst/api", tags=["belastingdienst"])
gate = FaultGate(Registry.BELASTINGDIENST)


@router.post(
    "/belastingplichtigen/zoeken",
    response_model=BelastingplichtigePublic,
    response_model_exclude_none=True,
    dependencies=[Depends(gate.lookup)],
    summary="Zoek een belastingplichtige",
)
def zoek_belastingplichtige(query: BsnQuery, session: SessionDep) -> BelastingplichtigePublic:
    """The address the Belastingdienst has for the person (absent when unknown)."""
    return crud.belastingplichtige(session=session, burgerservicenummer=query.burgerservicenummer)


add_adreswijziging_route(router, gate=gate, table=BelastingdienstAdres)
add_emigratie_route(router, gate=gate, table=BelastingdienstAdres)
