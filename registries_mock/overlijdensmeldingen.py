"""Deaths reported to Belastingdienst, Toeslagen, DUO and RDW (`POST .../overlijdensmeldingen`).

Each of those registries takes the same notification, idempotently, on its own prefix and
behind its own fault gate, and answers with a receipt; the RDW's names the deceased's
vehicles and the last day the heirs may register them in their own name (five weeks after
the death). The registries' own data are left as they are: the ledger records the effect.
"""

import uuid
from datetime import UTC, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse
from sqlmodel import Session

from burgerflow.core.constants import Registry
from burgerflow.registry.schemas.common import Operation
from burgerflow.registry.schemas.overlijden import (
    OverlijdensmeldingCreate,
    OverlijdensmeldingOntvangst,
)
from registries_mock.belastingdienst.routes import gate as belastingdienst_gate
from registries_mock.brp import crud as brp_crud
from registries_mock.db import SessionDep
from registries_mock.duo.routes import gate as duo_gate
from registries_mock.mutations import FaultGate, Mutation
from registries_mock.problems import not_found
from registries_mock.rdw import crud as rdw_crud
from registries_mock.rdw.routes import gate as rdw_gate
from registries_mock.toeslagen.routes import gate as toeslagen_gate

TENAAMSTELLING_TERMIJN = timedelta(weeks=5)
"""How long the heirs have to register a deceased's vehicle in their own name."""


def verwerk_overlijdensmelding(
    *, session: Session, registry: Registry, body: OverlijdensmeldingCreate
) -> OverlijdensmeldingOntvangst:
    """The receipt of a death notification.

    Raises:
        ProblemError: 404 when the person is not in BRP.
    """
    bsn = body.burgerservicenummer
    if brp_crud.get_persoon(session=session, burgerservicenummer=bsn) is None:
        raise not_found("De persoon is niet ingeschreven in de BRP.")
    kentekens: list[str] = []
    uiterste_datum = None
    if registry is Registry.RDW:
        voertuigen = rdw_crud.voertuigen(session=session, burgerservicenummer=bsn).voertuigen
        kentekens = [v.kenteken for v in voertuigen]
        uiterste_datum = body.datum_overlijden + TENAAMSTELLING_TERMIJN
    return OverlijdensmeldingOntvangst(
        id=str(uuid.uuid4()),
        registratie=registry.value,
        burgerservicenummer=bsn,
        datum_overlijden=body.datum_overlijden,
        ontvangen_op=datetime.now(UTC),
        kentekens=kentekens,
        uiterste_datum_tenaamstelling=uiterste_datum,
    )


def overlijdensmelding_router(prefix: str, gate: FaultGate) -> APIRouter:
    """`POST {prefix}/overlijdensmeldingen` for the gate's registry."""
    registry = gate.registry
    router = APIRouter(prefix=prefix, tags=[registry.value])

    def overlijdensmelding(
        body: OverlijdensmeldingCreate,
        mutation: Annotated[Mutation, Depends(gate.mutation)],
        session: SessionDep,
    ) -> JSONResponse:
        return mutation.execute(
            operation=Operation.OVERLIJDENSMELDING,
            subject=body.burgerservicenummer,
            body=body,
            effect=lambda: verwerk_overlijdensmelding(
                session=session, registry=registry, body=body
            ),
        )

    overlijdensmelding.__doc__ = (
        f"Report a death to {registry.value}. Requires `Idempotency-Key`. 404 when the "
        "person is not in BRP."
    )
    router.add_api_route(
        "/overlijdensmeldingen",
        overlijdensmelding,
        methods=["POST"],
        status_code=201,
        response_model=OverlijdensmeldingOntvangst,
        response_model_exclude_none=True,
        summary="Verwerk een overlijdensmelding",
        name=f"{registry.value}_overlijdensmelding",
    )
    return router


ROUTERS = (
    overlijdensmelding_router("/belastingdienst/api", belastingdienst_gate),
    overlijdensmelding_router("/toeslagen/api", toeslagen_gate),
    overlijdensmelding_router("/duo/api", duo_gate),
    overlijdensmelding_router("/rdw/api", rdw_gate),
)
"""The notification routes of the four registries, for the mocks' app."""
