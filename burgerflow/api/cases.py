"""`GET /v1/cases`, `GET /v1/cases/{case_id}` and `POST /v1/cases/{case_id}/cancel`: cases as
their workflows see them, and their cancellation."""

import asyncio
from datetime import datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlmodel import Session
from temporalio.client import WorkflowQueryFailedError
from temporalio.service import RPCError, RPCStatusCode

from approvals import service, store
from burgerflow.core.auth import Principal
from burgerflow.core.constants import CaseStatus, Role
from burgerflow.core.deps import EngineDep, PrincipalDep, SettingsDep, TemporalDep
from burgerflow.core.keys import pseudonym_key, subject_key
from burgerflow.core.problems import Problem
from workflows.case.client import query_state
from workflows.case.models import CaseState
from workflows.life_events import LIFE_EVENTS
from workflows.zaak.client import zaak_of_case
from workflows.zaak.models import ZaakState, ZaakStatus

router = APIRouter(prefix="/v1/cases", tags=["cases"])


class CaseSummary(BaseModel):
    """A case in a list."""

    case_id: str
    type: str
    status: str
    municipality: str | None
    created_at: datetime
    updated_at: datetime


def may_read_case(principal: Principal, state: CaseState) -> bool:
    """Whether `principal` may read `state`: its citizens, its municipality, auditors."""
    match principal.role:
        case Role.AUDITOR:
            return True
        case Role.CITIZEN:
            return principal.bsn in state.subjects()
        case Role.CASEWORKER | Role.SUPERVISOR:
            return principal.municipality is not None and (
                principal.municipality == state.municipality
            )
        case Role.SERVICE:
            return state.reported_by_sub == principal.sub
    return False


def citizen_view(state: CaseState) -> CaseState:
    """What a citizen sees of their own case: its status, steps, outcome and message.

    Left out: the registry facts and gate evidence (they name other people), the agent's
    internal summary and rationale, caseworkers' notes and claims, and who decided (a
    decision shows as the municipality's).
    """
    view = state.model_copy(deep=True)
    view.facts = {}
    view.agent_rationale = []
    view.caseworker_summary = None
    for gate in view.gates:
        gate.evidence = {}
        gate.comments = []
        gate.claimed_by = None
        for decision in gate.decisions:
            decision.actor = "gemeente"
    if view.letter is not None:
        view.letter = view.letter.model_copy(update={"draft": None, "reviewed_by": None})
    for step in view.steps:
        step.letter = None
    if view.cancellation is not None and view.cancellation.role not in (Role.CITIZEN,):
        view.cancellation = view.cancellation.model_copy(update={"actor": "gemeente"})
    view.timeline = [
        e.model_copy(update={"actor": None})
        for e in view.timeline
        if e.event in ("status", "gate_raised", "decision", "escalated")
    ]
    return view


async def fetch_case_state(temporal: TemporalDep, case_id: str) -> CaseState:
    """Query a case's workflow for its state; 404 when there is no such case."""
    event = LIFE_EVENTS.of_case(case_id)
    if event is None:
        raise Problem(404, "Not Found", f"There is no case {case_id}.")
    handle = temporal.get_workflow_handle(case_id)
    try:
        return await query_state(handle, event, rpc_timeout=timedelta(seconds=10))
    except RPCError as e:
        if e.status is RPCStatusCode.NOT_FOUND:
            raise Problem(404, "Not Found", f"There is no case {case_id}.") from e
        raise Problem(503, "Service Unavailable", "Cases cannot be read right now.") from e
    except WorkflowQueryFailedError as e:
        raise Problem(503, "Service Unavailable", f"The case could not be read: {e}") from e


@router.get(
    "/{case_id}",
    response_model=None,
    responses={
        200: {
            "model": CaseState,
            "description": "The case (with its life event's fields) and `zaak`: where its "
            "zaak in the zaaksysteem stands",
        }
    },
)
async def get_case(
    case_id: str, principal: PrincipalDep, temporal: TemporalDep, settings: SettingsDep
) -> JSONResponse:
    """A case's status, steps, gates, outcome and message to the citizen, and its zaak.

    The answer has the fields every case has and those of its life event (a move's new
    address, ...), so it is serialised as the life event's own model; `zaak` says where the
    case's zaak stands (`pending` until it is in the zaaksysteem, `registered`, `failed`, or
    `off` for a deployment without one).
    """
    state = await fetch_case_state(temporal, case_id)
    if not may_read_case(principal, state):
        raise Problem(403, "Forbidden", "This case is outside your scope.")
    view = citizen_view(state) if principal.role is Role.CITIZEN else state
    body = view.model_dump(mode="json")
    body["zaak"] = (await fetch_zaak_state(temporal, settings, case_id)).model_dump(mode="json")
    return JSONResponse(body)


async def fetch_zaak_state(temporal: TemporalDep, settings: SettingsDep, case_id: str) -> ZaakState:
    """Where a case's zaak stands; `pending` when its registration cannot be read now."""
    try:
        return await zaak_of_case(temporal, settings, case_id, rpc_timeout=timedelta(seconds=5))
    except (RPCError, WorkflowQueryFailedError) as e:
        return ZaakState(
            status=ZaakStatus.PENDING, identificatie=case_id, last_error=f"not readable: {e}"
        )


class CancelIn(BaseModel):
    """Why the case is cancelled (the citizen is told)."""

    reason: str = Field(min_length=3, max_length=2000)


@router.post(
    "/{case_id}/cancel",
    response_model=None,
    responses={
        200: {"model": CaseState, "description": "The case, ended `cancelled`"},
        403: {"description": "Not the case's citizen, service or municipality"},
        404: {"description": "No such case"},
        409: {"description": "The steps run already, or the case is closed"},
    },
)
async def cancel_case(
    case_id: str, body: CancelIn, principal: PrincipalDep, temporal: TemporalDep
) -> CaseState:
    """Cancel a case before its steps run: its open gates become `cancelled`, no registry is
    changed and the citizen gets a message.

    The reporting citizen or service, or a caseworker or supervisor of the case's
    municipality, until the case is `executing`; after that 409.
    """
    state = await service.cancel_case(temporal, principal, case_id, reason=body.reason)
    return citizen_view(state) if principal.role is Role.CITIZEN else state


@router.get("", response_model=list[CaseSummary])
async def list_cases(
    principal: PrincipalDep,
    settings: SettingsDep,
    engine: EngineDep,
    status: Annotated[CaseStatus | None, Query()] = None,
    type: Annotated[str | None, Query(description="A life event's type")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[CaseSummary]:
    """Cases in the caller's scope, newest first: a citizen's own, a municipality's, or all."""
    if type is not None and LIFE_EVENTS.get(type) is None:
        raise Problem(
            422,
            "Invalid request",
            f"There is no life event {type}.",
            extra={"invalid_params": [{"name": "type", "reason": "not a life event's type"}]},
        )
    scope: dict[str, str] = {}
    match principal.role:
        case Role.CITIZEN if principal.bsn:
            scope["subject_key"] = subject_key(pseudonym_key(settings), principal.bsn)
        case Role.CASEWORKER | Role.SUPERVISOR if principal.municipality:
            scope["municipality"] = principal.municipality
        case Role.AUDITOR:
            pass
        case _:
            raise Problem(403, "Forbidden", f"The role {principal.role} cannot list cases.")

    def query() -> list[CaseSummary]:
        with Session(engine) as session:
            rows = store.list_cases(session, status=status, type=type, limit=limit, **scope)
            return [CaseSummary.model_validate(r, from_attributes=True) for r in rows]

    return await asyncio.to_thread(query)
