"""What a caseworker may see and do with approval tasks: shared by the API and the web page.

Reads come from the store (the projection); every change (claim, note, decision, a case's
cancellation) is an update of the case's workflow, which validates it and projects the result
back. Errors are `Problem`s: the API answers them as problem+json, the web page shows them.
"""

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session
from temporalio.client import Client, WorkflowQueryFailedError, WorkflowUpdateFailedError
from temporalio.exceptions import ApplicationError
from temporalio.service import RPCError, RPCStatusCode

from approvals import store
from approvals.models import ApprovalTask, ApprovalTaskDetail, ApprovalTaskPublic, InboxCounts
from approvals.store import InboxFilter
from burgerflow.core.auth import Principal
from burgerflow.core.constants import Role
from burgerflow.core.problems import Problem
from workflows.case.client import cancel_case as cancel_update
from workflows.case.client import query_state
from workflows.case.models import (
    CancelInput,
    CaseRefusal,
    CaseState,
    ClaimInput,
    CommentInput,
    DecisionInput,
    DecisionKind,
    Gate,
    GateRefusal,
    StepFailureChoice,
)
from workflows.case.workflow import GatedCase
from workflows.life_events import LIFE_EVENTS

DECIDERS = (Role.CASEWORKER, Role.SUPERVISOR)
"""Roles that claim, comment on and decide gates (of their own municipality)."""
READERS = (*DECIDERS, Role.AUDITOR)
"""Roles that read the inbox; auditors read every municipality's."""

REFUSAL_STATUS = {
    GateRefusal.UNKNOWN_GATE: 404,
    GateRefusal.OUT_OF_SCOPE: 403,
    GateRefusal.NOT_A_DECIDER: 403,
    GateRefusal.ALREADY_DECIDED: 409,
    GateRefusal.SAME_PERSON_TWICE: 409,
    GateRefusal.CLAIMED_BY_OTHER: 409,
    GateRefusal.NOT_CLAIMED: 409,
    GateRefusal.INVALID_CHOICE: 422,
}
"""HTTP status of each refusal by the workflow's update validators."""

CANCEL_REFUSAL_STATUS = {CaseRefusal.NOT_YOURS: 403, CaseRefusal.TOO_LATE: 409}
"""HTTP status of each refusal of a cancellation."""

CANCELLERS = (Role.CITIZEN, Role.SERVICE, *DECIDERS)
"""Roles that may cancel a case: its citizen, its reporting service, its municipality's."""


def read_scope(principal: Principal) -> str | None:
    """The municipality a reader is limited to (None: every one, for auditors); else 403."""
    if principal.role is Role.AUDITOR:
        return None
    if principal.role in DECIDERS and principal.municipality:
        return principal.municipality
    raise Problem(403, "Forbidden", f"The role {principal.role} has no access to approvals.")


def require_decider(principal: Principal) -> str:
    """The municipality of a caseworker or supervisor; 403 for every other role."""
    if principal.role not in DECIDERS or not principal.municipality:
        raise Problem(403, "Forbidden", "Only caseworkers and supervisors work on gates.")
    return principal.municipality


def require_escalation_reader(principal: Principal) -> str | None:
    """Escalations are for supervisors (of their municipality) and auditors; 403 otherwise."""
    if principal.role is Role.SUPERVISOR or principal.role is Role.AUDITOR:
        return read_scope(principal)
    raise Problem(403, "Forbidden", "Escalations are for supervisors.")


def _now() -> datetime:
    return datetime.now(UTC)


def _is_overdue(task: ApprovalTask, now: datetime) -> bool:
    if task.status != store.PENDING or task.due_at is None:
        return False
    due = task.due_at if task.due_at.tzinfo else task.due_at.replace(tzinfo=UTC)
    return due <= now


def public(task: ApprovalTask, now: datetime | None = None) -> ApprovalTaskPublic:
    """The inbox view of a task, with `overdue` set."""
    view = ApprovalTaskPublic.model_validate(task, from_attributes=True)
    view.overdue = _is_overdue(task, now or _now())
    return view


def detail(task: ApprovalTask, now: datetime | None = None) -> ApprovalTaskDetail:
    """The full view of a task, with `overdue` set."""
    view = ApprovalTaskDetail.model_validate(task, from_attributes=True)
    view.overdue = _is_overdue(task, now or _now())
    return view


def _filter_for(principal: Principal, municipality: str | None, **filters: Any) -> InboxFilter:
    mine = filters.pop("mine", None)
    if mine:
        filters["claimed_by"] = principal.sub
    return InboxFilter(municipality=municipality, **filters)


async def list_tasks(
    engine: Engine, principal: Principal, *, escalations: bool = False, **filters: Any
) -> list[ApprovalTaskPublic]:
    """The inbox of `principal`, filtered by the fields of `InboxFilter` and `mine`.

    Args:
        engine: The store.
        principal: The caller.
        escalations: Only escalated pending gates (supervisors and auditors only).
        **filters: `status`, `rule`, `risk`, `due_before`, `overdue`, `escalated`,
            `mine`, `unclaimed`, `case_id`; None filters nothing.
    """
    if escalations:
        municipality = require_escalation_reader(principal)
        filters.update(escalated=True, status=store.PENDING)
    else:
        municipality = read_scope(principal)
    f = _filter_for(principal, municipality, **{k: v for k, v in filters.items() if v is not None})
    now = _now()

    def query() -> list[ApprovalTaskPublic]:
        with Session(engine) as session:
            return [public(t, now) for t in store.list_approvals(session, f, now=now)]

    return await asyncio.to_thread(query)


async def counts(engine: Engine, principal: Principal) -> InboxCounts:
    """How many tasks of the caller's scope are pending, overdue, escalated, theirs, decided."""
    municipality = read_scope(principal)

    def query() -> InboxCounts:
        with Session(engine) as session:
            return store.inbox_counts(
                session, municipality=municipality, me=principal.sub, now=_now()
            )

    return await asyncio.to_thread(query)


def _get_in_scope(engine: Engine, principal: Principal, gate_id: str) -> ApprovalTask:
    municipality = read_scope(principal)
    with Session(engine) as session:
        task = store.get_approval(session, gate_id=gate_id)
    if task is None:
        raise Problem(404, "Not Found", f"There is no approval {gate_id}.")
    if municipality is not None and task.municipality != municipality:
        raise Problem(403, "Forbidden", "This approval belongs to another municipality.")
    return task


async def get_task(engine: Engine, principal: Principal, gate_id: str) -> ApprovalTaskDetail:
    """One task with its evidence, facts, the agent's summary and rationale; 403 out of scope."""
    return detail(await asyncio.to_thread(_get_in_scope, engine, principal, gate_id))


async def case_state(temporal: Client, case_id: str) -> CaseState | None:
    """The case as its workflow sees it now (for the timeline); None when it cannot be read."""
    event = LIFE_EVENTS.of_case(case_id)
    if event is None:
        return None
    try:
        return await query_state(
            temporal.get_workflow_handle(case_id), event, rpc_timeout=timedelta(seconds=10)
        )
    except (RPCError, WorkflowQueryFailedError):
        return None


async def _update(temporal: Client, case_id: str, run: Any) -> Gate:
    try:
        gate: Gate = await run(temporal.get_workflow_handle(case_id))
        return gate
    except WorkflowUpdateFailedError as e:
        cause = e.cause
        if isinstance(cause, ApplicationError) and cause.type in REFUSAL_STATUS:
            status = REFUSAL_STATUS[GateRefusal(cause.type)]
            raise Problem(status, "Refused", cause.message, extra={"code": cause.type}) from e
        raise Problem(500, "Update failed", str(cause or e)) from e
    except RPCError as e:
        if e.status is RPCStatusCode.NOT_FOUND:
            raise Problem(409, "Case closed", "The case of this gate is no longer open.") from e
        raise Problem(503, "Service Unavailable", "Gates cannot be changed right now.") from e


async def decide(
    engine: Engine,
    temporal: Client,
    principal: Principal,
    gate_id: str,
    *,
    decision: DecisionKind,
    reason: str,
    choice: StepFailureChoice | None = None,
    text: str | None = None,
) -> Gate:
    """Approve or reject a gate with a reason; 403 out of scope, 409 when refused.

    Args:
        engine: The store.
        temporal: The Temporal client.
        principal: The deciding caseworker.
        gate_id: The gate.
        decision: Approve or reject.
        reason: Why (at least three characters).
        choice: For a `step_failure` gate: `retry` or `done_by_hand` to approve,
            `reject_rest` (or none) to reject; 422 on another gate.
        text: For a `letter_review` gate: the letter as the caseworker wrote it (the citizen
            receives exactly this); 422 on another gate.
    """
    municipality = require_decider(principal)
    reason = reason.strip()
    if len(reason) < 3:
        raise Problem(422, "Invalid request", "A decision needs a reason.")
    if text is not None and not text.strip():
        text = None
    task = await asyncio.to_thread(_get_in_scope, engine, principal, gate_id)
    update = DecisionInput(
        gate_id=gate_id,
        decision=decision,
        reason=reason,
        actor=principal.sub,
        role=principal.role,
        municipality=municipality,
        choice=choice,
        text=text,
    )
    return await _update(
        temporal, task.case_id, lambda h: h.execute_update(GatedCase.decide, update)
    )


async def claim(
    engine: Engine, temporal: Client, principal: Principal, gate_id: str, *, release: bool = False
) -> Gate:
    """Take a gate (or release it); 409 when another caseworker holds it or it is decided."""
    municipality = require_decider(principal)
    task = await asyncio.to_thread(_get_in_scope, engine, principal, gate_id)
    update = ClaimInput(
        gate_id=gate_id,
        actor=principal.sub,
        role=principal.role,
        municipality=municipality,
        release=release,
    )
    return await _update(
        temporal, task.case_id, lambda h: h.execute_update(GatedCase.claim, update)
    )


async def comment(
    engine: Engine, temporal: Client, principal: Principal, gate_id: str, *, text: str
) -> Gate:
    """Add a caseworker's note to a gate."""
    municipality = require_decider(principal)
    text = text.strip()
    if not text:
        raise Problem(422, "Invalid request", "A note needs text.")
    task = await asyncio.to_thread(_get_in_scope, engine, principal, gate_id)
    update = CommentInput(
        gate_id=gate_id,
        text=text,
        actor=principal.sub,
        role=principal.role,
        municipality=municipality,
    )
    return await _update(
        temporal, task.case_id, lambda h: h.execute_update(GatedCase.comment, update)
    )


def may_cancel(principal: Principal, state: CaseState) -> bool:
    """Whether `principal` may cancel `state`: its citizen (the BSN it is about), the service
    that reported it, or a caseworker or supervisor of its municipality."""
    match principal.role:
        case Role.CITIZEN:
            return principal.bsn is not None and principal.bsn == state.bsn
        case Role.SERVICE:
            return principal.sub == state.reported_by_sub
        case Role.CASEWORKER | Role.SUPERVISOR:
            return principal.municipality is not None and (
                principal.municipality == state.municipality
            )
    return False


async def cancel_case(
    temporal: Client, principal: Principal, case_id: str, *, reason: str
) -> CaseState:
    """Cancel a case before its steps run; the case as it ended.

    403 for a caller who may not cancel it, 404 for no such case, 409 once its steps run (or
    when it is closed), 422 without a reason.
    """
    if principal.role not in CANCELLERS:
        raise Problem(403, "Forbidden", f"The role {principal.role} cannot cancel cases.")
    reason = reason.strip()
    if len(reason) < 3:
        raise Problem(422, "Invalid request", "A cancellation needs a reason.")
    event = LIFE_EVENTS.of_case(case_id)
    if event is None:
        raise Problem(404, "Not Found", f"There is no case {case_id}.")
    handle = temporal.get_workflow_handle(case_id)
    try:
        state = await query_state(handle, event, rpc_timeout=timedelta(seconds=10))
    except RPCError as e:
        if e.status is RPCStatusCode.NOT_FOUND:
            raise Problem(404, "Not Found", f"There is no case {case_id}.") from e
        raise Problem(503, "Service Unavailable", "Cases cannot be changed right now.") from e
    except WorkflowQueryFailedError as e:
        raise Problem(503, "Service Unavailable", f"The case could not be read: {e}") from e
    if not may_cancel(principal, state):
        raise Problem(403, "Forbidden", "You may not cancel this case.")
    request = CancelInput(
        reason=reason,
        actor=principal.sub,
        role=principal.role,
        municipality=principal.municipality,
        bsn=principal.bsn,
    )
    try:
        return await cancel_update(handle, event, request)
    except WorkflowUpdateFailedError as e:
        cause = e.cause
        if isinstance(cause, ApplicationError) and cause.type in CANCEL_REFUSAL_STATUS:
            status = CANCEL_REFUSAL_STATUS[CaseRefusal(cause.type)]
            raise Problem(status, "Refused", cause.message, extra={"code": cause.type}) from e
        raise Problem(500, "Update failed", str(cause or e)) from e
    except RPCError as e:
        if e.status is RPCStatusCode.NOT_FOUND:
            raise Problem(409, "Case closed", "The case is no longer open.") from e
        raise Problem(503, "Service Unavailable", "Cases cannot be changed right now.") from e
