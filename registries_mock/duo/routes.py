"""DUO routes under `/duo/api`."""

from fastapi import APIRouter, Depends

from burgerflow.core.constants import Registry
from burgerflow.registry.schemas.common import BsnQuery
from burgerflow.registry.schemas.duo import StudiefinancieringPublic
from registries_mock.adreskopie import add_adreswijziging_route, add_emigratie_route
from registries_mock.db import SessionDep
from registries_mock.duo import crud
from registries_mock.duo.models import DuoAdres
from registries_mock.mutations import FaultGate

router = APIRouter(prefix="/duo/api", tags=["duo"])
gate = FaultGate(Registry.DUO)


@router.post(
    "/studiefinanciering/zoeken",
    response_model=StudiefinancieringPublic,
    response_model_exclude_none=True,
    dependencies=[Depends(gate.lookup)],
    summary="Zoek de studiefinanciering van een persoon",
)
def zoek_studiefinanciering(query: BsnQuery, session: SessionDep) -> StudiefinancieringPublic:
    """Whether the person receives student finance, with details when so."""
    return crud.studiefinanciering(session=session, burgerservicenummer=query.burgerservicenummer)


add_adreswijziging_route(router, gate=gate, table=DuoAdres)
add_emigratie_route(router, gate=gate, table=DuoAdres)
