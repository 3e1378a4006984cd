"""The caseworker API over approval tasks: the inbox, a gate's detail, and decisions."""

import asyncio
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field
from sqlmodel import Session
from temporalio.client import WorkflowUpdateFailedError
from temporalio.exceptions import ApplicationError
from temporalio.service import RPCError, RPCStatusCode

from approvals import store
from approvals.models import ApprovalTask, ApprovalTaskPublic
from burgerflow.api.deps import EngineDep, PrincipalDep, TemporalDep
from burgerflow.api.problems import Problem
from burgerflow.auth import Principal
from burgerflow.constants import Role
from workflows.change_of_address.models import (
    DecisionInput,
    DecisionKind,
    Gate,
    GateRefusal,
    GateStatus,
)
from workflows.change_of_address.workflow import ChangeOfAddress

router = APIRouter(prefix="/v1/approvals", tags=["approvals"])

DECIDERS = (Role.CASEWORKER, Role.SUPERVISOR)


class DecisionIn(BaseModel):
    """A caseworker's decision on a gate."""

    decision: DecisionKind
    reason: str = Field(min_length=3, max_length=2000)


def _scope(principal: Principal) -> str | None:
    """The municipality the caller is limited to (None: all, for auditors); 403 otherwise."""
    if principal.role is Role.AUDITOR:
        return None
    if principal.role in DECIDERS and principal.municipality:
        return principal.municipality
    raise Problem(403, "Forbidden", f"The role {principal.role} has no access to approvals.")


def _get_in_scope(engine: EngineDep, principal: Principal, gate_id: str) -> ApprovalTask:
    municipality = _scope(principal)
    with Session(engine) as session:
        task = store.get_approval(session, gate_id=gate_id)
    if task is None:
        raise Problem(404, "Not Found", f"There is no approval {gate_id}.")
    if municipality is not None and task.municipality != municipality:
        raise Problem(403, "Forbidden", "This approval belongs to another municipality.")
    return task


@router.get("", response_model=list[ApprovalTaskPublic])
async def list_approvals(
    principal: PrincipalDep,
    engine: EngineDep,
    status: Annotated[GateStatus | None, Query()] = None,
) -> list[ApprovalTask]:
    """The inbox: approval tasks of the caller's municipality (all of them for auditors)."""
    municipality = _scope(principal)

    def query() -> list[ApprovalTask]:
        with Session(engine) as session:
            return list(store.list_approvals(session, municipality=municipality, status=status))

    return await asyncio.to_thread(query)


@router.get("/{gate_id}", response_model=ApprovalTaskPublic)
async def get_approval(gate_id: str, principal: PrincipalDep, engine: EngineDep) -> ApprovalTask:
    """One approval task with its evidence, the rule that fired and the decisions so far."""
    return await asyncio.to_thread(_get_in_scope, engine, principal, gate_id)


_REFUSAL_STATUS = {
    GateRefusal.UNKNOWN_GATE: 404,
    GateRefusal.OUT_OF_SCOPE: 403,
    GateRefusal.NOT_A_DECIDER: 403,
    GateRefusal.ALREADY_DECIDED: 409,
    GateRefusal.SAME_PERSON_TWICE: 409,
}


@router.post("/{gate_id}/decision", response_model=Gate)
async def decide(
    gate_id: str,
    body: DecisionIn,
    principal: PrincipalDep,
    engine: EngineDep,
    temporal: TemporalDep,
) -> Gate:
    """Approve or reject a gate, with a reason.

    403 out of scope; 409 when the gate is already decided or when the same person decides a
    four-eyes gate twice.
    """
    if principal.role not in DECIDERS:
        raise Problem(403, "Forbidden", "Only caseworkers and supervisors decide gates.")
    task = await asyncio.to_thread(_get_in_scope, engine, principal, gate_id)
    handle = temporal.get_workflow_handle(task.case_id)
    try:
        return await handle.execute_update(
            ChangeOfAddress.decide,
            DecisionInput(
                gate_id=gate_id,
                decision=body.decision,
                reason=body.reason,
                actor=principal.sub,
                role=principal.role,
                municipality=principal.municipality,
            ),
        )
    except WorkflowUpdateFailedError as e:
        cause = e.cause
        if isinstance(cause, ApplicationError) and cause.type in _REFUSAL_STATUS:
            status = _REFUSAL_STATUS[GateRefusal(cause.type)]
            raise Problem(status, "Decision refused", cause.message) from e
        raise Problem(500, "Decision failed", str(cause or e)) from e
    except RPCError as e:
        if e.status is RPCStatusCode.NOT_FOUND:
            raise Problem(409, "Case closed", "The case of this gate is no longer open.") from e
        raise Problem(503, "Service Unavailable", "Decisions cannot be taken right now.") from e
