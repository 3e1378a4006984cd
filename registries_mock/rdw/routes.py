"""RDW routes under `/rdw/api`."""

from fastapi import APIRouter, Depends

from burgerflow.core.constants import Registry
from burgerflow.registry.schemas.common import BsnQuery
from burgerflow.registry.schemas.rdw import VoertuigenPublic
from registries_mock.adreskopie import add_adreswijziging_route, add_emigratie_route
from registries_mock.db import SessionDep
from registries_mock.mutations import FaultGate
from registries_mock.rdw import crud
from registries_mock.rdw.models import RdwAdres

router = APIRouter(prefix="/rdw/api", tags=["rdw"])
gate = FaultGate(Registry.RDW)


@router.post(
    "/voertuigen/zoeken",
    response_model=VoertuigenPublic,
    response_model_exclude_none=True,
    dependencies=[Depends(gate.lookup)],
    summary="Zoek de voertuigen van een persoon",
)
def zoek_voertuigen(query: BsnQuery, session: SessionDep) -> VoertuigenPublic:
    """The vehicles registered to the person; an empty list when none."""
    return crud.voertuigen(session=session, burgerservicenummer=query.burgerservicenummer)


add_adreswijziging_route(router, gate=gate, table=RdwAdres)
add_emigratie_route(router, gate=gate, table=RdwAdres)
