"""Admin routes under `/_admin` (dev mode only): test data, the effects ledger, faults, reset."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from burgerflow.core.constants import Registry
from burgerflow.registry.schemas.brp import PersoonPublic
from registries_mock.admin import crud
from registries_mock.admin.schemas import (
    AdresCreate,
    EffectPublic,
    FaultCreate,
    FaultPublic,
    PersoonCreate,
    ResetPublic,
)
from registries_mock.brp import crud as brp_crud
from registries_mock.db import SessionDep, StateDep
from registries_mock.effects import crud as effects_crud

router = APIRouter(prefix="/_admin", tags=["admin"])


@router.post("/adressen", status_code=201, response_model=AdresCreate, response_model_by_alias=True)
def create_adres(body: AdresCreate, session: SessionDep, state: StateDep) -> JSONResponse:
    """Create (201) or replace (200) an addressable object and its address in BAG.

    409 when the nummeraanduiding belongs to another object or another object has the same
    postcode, number, letter and addition.
    """
    with state.write_lock:
        created = crud.create_adres(session=session, body=body)
    return JSONResponse(
        body.model_dump(mode="json", by_alias=True), status_code=201 if created else 200
    )


@router.post("/personen", status_code=201, response_model=PersoonPublic)
def create_persoon(body: PersoonCreate, session: SessionDep, state: StateDep) -> JSONResponse:
    """Create (201) or replace (200) one person across every registry.

    Answers with the BRP `Persoon`. 422 when the address object is not in BAG.
    """
    today = date.today()
    with state.write_lock:
        created = crud.create_persoon(session=session, body=body, today=today)
    persoon = brp_crud.get_persoon(session=session, burgerservicenummer=body.burgerservicenummer)
    assert persoon is not None
    public = brp_crud.personen_public(session=session, personen=[persoon], today=today)[0]
    return JSONResponse(
        public.model_dump(mode="json", by_alias=True, exclude_none=True),
        status_code=201 if created else 200,
    )


@router.get("/effects", response_model=list[EffectPublic])
def effects(
    session: SessionDep,
    subject: Annotated[str | None, Query(pattern=r"^[0-9]{9}$")] = None,
    registry: Annotated[Registry | None, Query()] = None,
) -> list[EffectPublic]:
    """The effects ledger, oldest first: one row per idempotency key and registry."""
    rows = effects_crud.list_effects(
        session=session, subject=subject, registry=registry.value if registry else None
    )
    return [
        EffectPublic(
            registry=r.registratie,
            operation=r.operation,
            subject=r.subject,
            idempotency_key=r.idempotency_key,
            received=r.received,
            applied_at=r.applied_at,
        )
        for r in rows
    ]


def _faults(state: StateDep) -> list[FaultPublic]:
    return [
        FaultPublic(registry=r.value, error_rate=s.error_rate, latency_ms=s.latency_ms)
        for r, s in state.faults.settings().items()
    ]


@router.post("/faults", response_model=list[FaultPublic])
def set_faults(body: FaultCreate, state: StateDep) -> list[FaultPublic]:
    """Set the faults of one registry or `*`; zero rate and latency clear them.

    Answers the active settings.
    """
    state.faults.configure(
        None if body.registry == "*" else Registry(body.registry),
        error_rate=body.error_rate,
        latency_ms=body.latency_ms,
        seed=body.seed,
    )
    return _faults(state)


@router.get("/faults", response_model=list[FaultPublic])
def get_faults(state: StateDep) -> list[FaultPublic]:
    """The active fault settings."""
    return _faults(state)


@router.post("/reset", response_model=ResetPublic)
def reset(session: SessionDep, state: StateDep) -> ResetPublic:
    """Restore the seeded population, clear the faults and empty the effects ledger."""
    with state.write_lock:
        state.faults.clear()
        return crud.reset(session=session)
