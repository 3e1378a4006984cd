"""`POST /v1/life-events`: report a life event and open a durable case for it."""

import asyncio
import hashlib
import json
import uuid
from datetime import UTC, datetime
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Header, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy import Engine
from sqlmodel import Session
from temporalio.client import Client
from temporalio.common import (
    SearchAttributePair,
    TypedSearchAttributes,
    WorkflowIDConflictPolicy,
    WorkflowIDReusePolicy,
)
from temporalio.exceptions import WorkflowAlreadyStartedError

from agents.change_of_address.plan import NewAddress
from approvals import store
from approvals.models import IntakeKey
from burgerflow.api.intake import ChangeOfAddressReport, move_date_problem
from burgerflow.core.auth import Principal
from burgerflow.core.constants import (
    SA_LIFE_EVENT,
    SA_STATUS,
    CaseStatus,
    LifeEventType,
    Role,
)
from burgerflow.core.deps import EngineDep, PrincipalDep, SettingsDep, TemporalDep
from burgerflow.core.keys import pseudonym_key, subject_key
from burgerflow.core.problems import Problem
from burgerflow.core.settings import Settings
from workflows.change_of_address.models import Reporter, ReportMoveInput
from workflows.change_of_address.workflow import ChangeOfAddress

router = APIRouter(prefix="/v1/life-events", tags=["life-events"])

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


class CaseCreated(BaseModel):
    """`202` answer: the case that handles the report."""

    case_id: str
    status: str
    links: dict[str, str]


def case_links(request: Request, case_id: str) -> dict[str, str]:
    """Links of a case for its clients."""
    base = str(request.base_url).rstrip("/")
    return {"self": f"{base}/v1/cases/{case_id}"}


def _body_hash(report: ChangeOfAddressReport) -> str:
    canonical = json.dumps(report.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _authorise(principal: Principal, report: ChangeOfAddressReport) -> None:
    if principal.role is Role.SERVICE:
        return
    if principal.role is Role.CITIZEN:
        if principal.bsn != report.bsn:
            raise Problem(403, "Forbidden", "A citizen reports a move for their own BSN only.")
        return
    raise Problem(403, "Forbidden", f"The role {principal.role} cannot report life events.")


def _workflow_input(
    settings: Settings, principal: Principal, report: ChangeOfAddressReport, case_id: str
) -> ReportMoveInput:
    return ReportMoveInput(
        case_id=case_id,
        bsn=report.bsn,
        new_address=NewAddress.model_validate(report.new_address.model_dump()),
        move_date=report.move_date,
        co_movers=report.co_movers,
        reported_at=datetime.now(UTC),
        reported_on=datetime.now(AMSTERDAM).date(),
        reported_by=Reporter(role=principal.role, sub=principal.sub),
        min_m2_per_person=settings.min_m2_per_person,
        agent_max_turns=settings.agent_max_turns,
        search_attributes=settings.temporal_search_attributes,
        gate_deadline_seconds=settings.gate_deadline_days * 24 * 3600,
    )


async def start_case(client: Client, settings: Settings, case_input: ReportMoveInput) -> None:
    """Start (or find already started) the workflow of a case; idempotent on the case id."""
    try:
        await client.start_workflow(
            ChangeOfAddress.run,
            case_input,
            id=case_input.case_id,
            task_queue=settings.task_queue,
            id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,
            id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
            search_attributes=(
                _initial_search_attributes() if case_input.search_attributes else None
            ),
            static_summary="Change of address",
        )
    except WorkflowAlreadyStartedError:
        pass  # a closed run already holds this case id: the case exists


def _initial_search_attributes() -> TypedSearchAttributes:
    return TypedSearchAttributes(
        [
            SearchAttributePair(SA_STATUS, CaseStatus.RECEIVED.value),
            SearchAttributePair(SA_LIFE_EVENT, LifeEventType.CHANGE_OF_ADDRESS.value),
        ]
    )


@router.post(
    "",
    status_code=202,
    response_model=CaseCreated,
    responses={
        403: {"description": "Not allowed to report for this BSN"},
        409: {"description": "Key reused with another body, or a case is already open"},
        422: {"description": "Invalid report"},
    },
)
async def report_life_event(
    request: Request,
    report: ChangeOfAddressReport,
    principal: PrincipalDep,
    settings: SettingsDep,
    engine: EngineDep,
    temporal: TemporalDep,
    idempotency_key: Annotated[str, Header(min_length=1, max_length=200)],
) -> JSONResponse:
    """Report a life event; the answer names the case that handles it.

    The same `Idempotency-Key` and body give the same case; the same key with another body
    gives 409. A reporter has at most one open change-of-address case.
    """
    _authorise(principal, report)
    today = datetime.now(AMSTERDAM).date()
    if reason := move_date_problem(report.move_date, today):
        raise Problem(
            422,
            "Invalid request",
            reason,
            extra={"invalid_params": [{"name": "move_date", "reason": reason}]},
        )
    owner = f"{principal.role}:{principal.sub}"
    body_hash = _body_hash(report)
    key = pseudonym_key(settings)
    reporter_key = subject_key(key, report.bsn)

    def register(case_id: str) -> tuple[str, bool]:
        """Record the case; returns (case id, created) or raises a Problem."""
        with Session(engine) as session:
            seen = store.find_intake(session, owner=owner, key=idempotency_key)
            if seen is not None:
                return _same_report(seen, body_hash), False
            open_id = store.register_case(
                session,
                case_id=case_id,
                type=LifeEventType.CHANGE_OF_ADDRESS,
                status=CaseStatus.RECEIVED,
                reporter_key=reporter_key,
                other_keys=[subject_key(key, b) for b in report.co_movers],
                owner=owner,
                idempotency_key=idempotency_key,
                body_hash=body_hash,
                now=datetime.now(UTC),
            )
            if open_id is not None:
                # The same report sent twice at once: the twin that won the race has
                # recorded this key (in the transaction that made us lose) and its case is
                # the answer, as for any repeated report.
                twin = store.find_intake(session, owner=owner, key=idempotency_key)
                if twin is not None:
                    return _same_report(twin, body_hash), False
                raise Problem(
                    409,
                    "A case is already open",
                    "This person already has an open change-of-address case.",
                    extra={"links": case_links(request, open_id)},
                )
            return case_id, True

    case_id, created = await asyncio.to_thread(register, f"coa-{uuid.uuid4()}")
    case_input = _workflow_input(settings, principal, report, case_id)
    try:
        await start_case(temporal, settings, case_input)
    except Exception as e:
        if created:
            await asyncio.to_thread(_unregister, engine, case_id)
        raise Problem(
            503,
            "Service Unavailable",
            "The case could not be started; try again.",
            headers={"Retry-After": "5"},
        ) from e
    body = CaseCreated(
        case_id=case_id, status=CaseStatus.RECEIVED, links=case_links(request, case_id)
    )
    return JSONResponse(
        body.model_dump(),
        status_code=202,
        headers={"Location": body.links["self"]},
    )


def _same_report(seen: IntakeKey, body_hash: str) -> str:
    """The case of an `Idempotency-Key` seen before; 409 when it came with another body."""
    if seen.body_hash != body_hash:
        raise Problem(
            409,
            "Idempotency-Key reused",
            "This Idempotency-Key was used before with another request body.",
        )
    return seen.case_id


def _unregister(engine: Engine, case_id: str) -> None:
    with Session(engine) as session:
        store.unregister_case(session, case_id=case_id)
