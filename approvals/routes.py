"""The caseworker API over approval tasks: the inbox, a gate's detail, claims, notes, decisions.

Scope: caseworkers and supervisors see and work on the gates of their own municipality;
supervisors also get the escalations; auditors read everything and change nothing; citizens
and services have no access here (a citizen follows their own case at `/v1/cases/{id}`).
"""

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from approvals import service
from approvals.models import ApprovalTaskDetail, ApprovalTaskPublic, InboxCounts
from burgerflow.core.deps import EngineDep, PrincipalDep, TemporalDep
from workflows.case.models import (
    LETTER_MAX_LENGTH,
    DecisionKind,
    Gate,
    GateStatus,
    Risk,
    StepFailureChoice,
)

router = APIRouter(prefix="/v1/approvals", tags=["approvals"])

_REFUSALS: dict[int | str, dict[str, Any]] = {
    401: {"description": "No valid bearer token"},
    403: {"description": "Not your role or not your municipality"},
    404: {"description": "No such approval"},
}


class DecisionIn(BaseModel):
    """A caseworker's decision on a gate; the reason is mandatory.

    Attributes:
        decision: `approve` or `reject`.
        reason: Why (recorded; a rejection's reason is told to the citizen).
        choice: On a `step_failure` gate: `retry` (run the step again with the same
            idempotency key, after fixing the data) or `done_by_hand` (runs nothing, the
            reason is recorded) with `approve`; `reject` rejects the rest (`reject_rest`).
        text: On a `letter_review` gate, with `approve`: the letter as you wrote it; the
            citizen receives exactly this text. Leave it out to send the proposed letter.
    """

    decision: DecisionKind
    reason: str = Field(min_length=3, max_length=2000)
    choice: StepFailureChoice | None = None
    text: str | None = Field(default=None, max_length=LETTER_MAX_LENGTH)


class CommentIn(BaseModel):
    """A caseworker's note on a gate."""

    text: str = Field(min_length=1, max_length=2000)


@router.get("", response_model=list[ApprovalTaskPublic], responses=_REFUSALS)
async def list_approvals(
    principal: PrincipalDep,
    engine: EngineDep,
    status: Annotated[GateStatus | None, Query()] = None,
    rule: Annotated[str | None, Query(max_length=64)] = None,
    risk: Annotated[Risk | None, Query()] = None,
    due_before: Annotated[datetime | None, Query()] = None,
    overdue: Annotated[bool | None, Query()] = None,
    escalated: Annotated[bool | None, Query()] = None,
    mine: Annotated[bool | None, Query(description="Only gates I have taken")] = None,
    unclaimed: Annotated[bool | None, Query()] = None,
    case_id: Annotated[str | None, Query(max_length=100)] = None,
) -> list[ApprovalTaskPublic]:
    """The inbox: approval tasks of the caller's municipality (all of them for auditors).

    Soonest due first. `overdue` gates are pending past their due date; `escalated` ones have
    gone to the supervisors.
    """
    return await service.list_tasks(
        engine,
        principal,
        status=status,
        rule=rule,
        risk=risk,
        due_before=due_before,
        overdue=overdue,
        escalated=escalated,
        mine=mine,
        unclaimed=unclaimed,
        case_id=case_id,
    )


@router.get("/counts", response_model=InboxCounts, responses=_REFUSALS)
async def inbox_counts(principal: PrincipalDep, engine: EngineDep) -> InboxCounts:
    """How many tasks of the caller's scope are pending, overdue, escalated, theirs, decided."""
    return await service.counts(engine, principal)


@router.get("/escalations", response_model=list[ApprovalTaskPublic], responses=_REFUSALS)
async def escalations(principal: PrincipalDep, engine: EngineDep) -> list[ApprovalTaskPublic]:
    """Pending gates past their deadline: the supervisors' list (auditors read it too)."""
    return await service.list_tasks(engine, principal, escalations=True)


@router.get("/{gate_id}", response_model=ApprovalTaskDetail, responses=_REFUSALS)
async def get_approval(
    gate_id: str, principal: PrincipalDep, engine: EngineDep
) -> ApprovalTaskDetail:
    """One approval task: the evidence behind the rule, the registry facts, the agent's
    summary and rationale, the policy version, the decisions and notes so far."""
    return await service.get_task(engine, principal, gate_id)


@router.post("/{gate_id}/claim", response_model=Gate, responses=_REFUSALS)
async def claim(
    gate_id: str, principal: PrincipalDep, engine: EngineDep, temporal: TemporalDep
) -> Gate:
    """Take a pending gate; 409 when another caseworker holds it or it is decided."""
    return await service.claim(engine, temporal, principal, gate_id)


@router.post("/{gate_id}/unclaim", response_model=Gate, responses=_REFUSALS)
async def unclaim(
    gate_id: str, principal: PrincipalDep, engine: EngineDep, temporal: TemporalDep
) -> Gate:
    """Release a gate you hold (a supervisor may release anyone's); 409 when not held."""
    return await service.claim(engine, temporal, principal, gate_id, release=True)


@router.post("/{gate_id}/comments", response_model=Gate, status_code=201, responses=_REFUSALS)
async def add_comment(
    gate_id: str,
    body: CommentIn,
    principal: PrincipalDep,
    engine: EngineDep,
    temporal: TemporalDep,
) -> Gate:
    """Add a note to a gate (recorded in the case's history, not a decision)."""
    return await service.comment(engine, temporal, principal, gate_id, text=body.text)


@router.post("/{gate_id}/decision", response_model=Gate, responses=_REFUSALS)
async def decide(
    gate_id: str,
    body: DecisionIn,
    principal: PrincipalDep,
    engine: EngineDep,
    temporal: TemporalDep,
) -> Gate:
    """Approve or reject a gate, with a reason (and a choice or a letter's text, see the body).

    403 out of scope; 409 when the gate is already decided, when another caseworker holds
    it, or when the same person decides a four-eyes gate twice; 422 for a choice or text
    the gate does not take.
    """
    return await service.decide(
        engine,
        temporal,
        principal,
        gate_id,
        decision=body.decision,
        reason=body.reason,
        choice=body.choice,
        text=body.text,
    )
