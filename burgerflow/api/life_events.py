"""`POST /v1/life-events`: report a life event and open a durable case for it.

`GET /v1/life-events` lists the life events this deployment handles. Both read the one list
of life events (`workflows.life_events`) when the app is built: the report's `type` picks the
life event, whose model validates the body, whose rules say who may report it, and whose
workflow handles the case.
"""

import asyncio
import hashlib
import json
import uuid
from datetime import UTC, datetime
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Body, Header, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ValidationError
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

from approvals import store
from approvals.models import IntakeKey
from burgerflow.core.auth import Principal
from burgerflow.core.constants import SA_LIFE_EVENT, SA_STATUS, CaseStatus, Role
from burgerflow.core.deps import EngineDep, PrincipalDep, SettingsDep, TemporalDep
from burgerflow.core.keys import pseudonym_key, subject_key
from burgerflow.core.problems import Problem
from burgerflow.core.settings import Settings
from workflows.case.intake import ReportBase
from workflows.case.life_event import Intake, LifeEvent
from workflows.case.models import CaseInput, Reporter
from workflows.life_events import LIFE_EVENTS
from workflows.zaak.client import nudge_zaak

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


class CaseCreated(BaseModel):
    """`202` answer: the case that handles the report."""

    case_id: str
    status: str
    links: dict[str, str]


class LifeEventInfo(BaseModel):
    """A life event this deployment handles (`GET /v1/life-events`)."""

    type: str
    title: dict[str, str]
    reporters: list[str]
    """The roles that may report it (a citizen only for their own BSN)."""
    policy_version: str
    rules: list[str]
    body_schema: dict[str, Any]
    """The JSON schema of its `POST /v1/life-events` body."""


def case_links(request: Request, case_id: str) -> dict[str, str]:
    """Links of a case for its clients."""
    return links_of(str(request.base_url), case_id)


def links_of(base_url: str, case_id: str) -> dict[str, str]:
    """Links of a case, from the API's base URL."""
    return {"self": f"{base_url.rstrip('/')}/v1/cases/{case_id}"}


def _body_hash(report: BaseModel) -> str:
    canonical = json.dumps(report.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def parse_report(body: Any) -> tuple[LifeEvent, ReportBase]:
    """The life event a body's `type` names and the body validated by its model (422)."""
    kind = body.get("type") if isinstance(body, dict) else None
    event = LIFE_EVENTS.get(kind) if isinstance(kind, str) else None
    if event is None:
        raise RequestValidationError(
            [
                {
                    "loc": ("body", "type"),
                    "msg": f"must be one of: {', '.join(LIFE_EVENTS.types())}",
                    "type": "union_tag_invalid",
                }
            ]
        )
    try:
        return event, event.report.model_validate(body)
    except ValidationError as e:
        raise RequestValidationError(
            [{**err, "loc": ("body", *err["loc"])} for err in e.errors()]
        ) from e


def _authorise(principal: Principal, event: LifeEvent, report: ReportBase) -> None:
    if principal.role not in event.reporters:
        raise Problem(403, "Forbidden", f"The role {principal.role} cannot report a {event.type}.")
    if principal.role is Role.CITIZEN and principal.bsn != report.bsn:
        raise Problem(403, "Forbidden", "A citizen reports for their own BSN only.")


def _workflow_input(
    settings: Settings, principal: Principal, event: LifeEvent, report: ReportBase, case_id: str
) -> CaseInput:
    return event.case_input(
        report,
        Intake(
            case_id=case_id,
            reported_by=Reporter(
                role=principal.role, sub=principal.sub, organisation=principal.organisation
            ),
            reported_at=datetime.now(UTC),
            reported_on=datetime.now(AMSTERDAM).date(),
            settings=settings,
        ),
    )


async def start_case(
    client: Client, settings: Settings, event: LifeEvent, case_input: CaseInput
) -> None:
    """Start (or find already started) the workflow of a case; idempotent on the case id."""
    try:
        await client.start_workflow(
            event.workflow_type,
            case_input,
            id=case_input.case_id,
            task_queue=settings.task_queue,
            id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,
            id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
            search_attributes=(
                _initial_search_attributes(event) if case_input.search_attributes else None
            ),
            static_summary=event.summary or event.title_in("en"),
        )
    except WorkflowAlreadyStartedError:
        pass  # a closed run already holds this case id: the case exists


def _initial_search_attributes(event: LifeEvent) -> TypedSearchAttributes:
    return TypedSearchAttributes(
        [
            SearchAttributePair(SA_STATUS, CaseStatus.RECEIVED.value),
            SearchAttributePair(SA_LIFE_EVENT, event.type),
        ]
    )


def make_router() -> APIRouter:
    """The life-event routes for the life events of the list as it is now."""
    router = APIRouter(prefix="/v1/life-events", tags=["life-events"])

    @router.get("", response_model=list[LifeEventInfo])
    async def list_life_events() -> list[LifeEventInfo]:
        """The life events this deployment handles: who may report each and its body."""
        return [
            LifeEventInfo(
                type=e.type,
                title=dict(e.title),
                reporters=sorted(e.reporters),
                policy_version=e.policy_version,
                rules=e.rules.ids(),
                body_schema=e.report.model_json_schema(),
            )
            for e in LIFE_EVENTS
        ]

    router.add_api_route(
        "",
        report_life_event,
        methods=["POST"],
        status_code=202,
        response_model=CaseCreated,
        responses={
            403: {"description": "Not allowed to report this life event or for this BSN"},
            409: {"description": "Key reused with another body, or a case is already open"},
            422: {"description": "Invalid report"},
        },
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "oneOf": [e.report.model_json_schema() for e in LIFE_EVENTS],
                            "discriminator": {"propertyName": "type"},
                        }
                    }
                },
            }
        },
    )
    return router


async def report_life_event(
    request: Request,
    body: Annotated[Any, Body(include_in_schema=False)],
    principal: PrincipalDep,
    settings: SettingsDep,
    engine: EngineDep,
    temporal: TemporalDep,
    idempotency_key: Annotated[str, Header(min_length=1, max_length=200)],
) -> JSONResponse:
    """Report a life event; the answer names the case that handles it.

    The body's `type` names the life event. The same `Idempotency-Key` and body give the
    same case; the same key with another body gives 409. A reporter has at most one open
    case of each life event.
    """
    case_id = await submit_report(
        body,
        principal=principal,
        settings=settings,
        engine=engine,
        temporal=temporal,
        idempotency_key=idempotency_key,
        base_url=str(request.base_url),
    )
    created = CaseCreated(
        case_id=case_id, status=CaseStatus.RECEIVED, links=case_links(request, case_id)
    )
    return JSONResponse(
        created.model_dump(),
        status_code=202,
        headers={"Location": created.links["self"]},
    )


async def submit_report(
    body: Any,
    *,
    principal: Principal,
    settings: Settings,
    engine: Engine,
    temporal: Client,
    idempotency_key: str,
    base_url: str,
) -> str:
    """Take a report through intake and start its case: the one path every report takes
    (`POST /v1/life-events`, a confirmed proposal of the intake assistant, the citizen page's
    form).

    The body is validated by its life event's model (422), the caller must be one of its
    reporters (a citizen for their own BSN; 403), the day's checks must pass (422). The same
    `idempotency_key` (scoped to the caller) and body give the same case; the same key with
    another body gives 409, as does a second open case of the same life event.

    Args:
        body: The report body (its `type` names the life event).
        principal: Who reports.
        settings: Deployment settings.
        engine: The approvals store (intake keys, open cases).
        temporal: The Temporal client.
        idempotency_key: The caller's key of this report.
        base_url: The API's base URL, for the links of a 409.

    Returns:
        The case id.

    Raises:
        Problem: 403, 409, 422 or 503, as the API answers them.
    """
    event, report = parse_report(body)
    _authorise(principal, event, report)
    today = datetime.now(AMSTERDAM).date()
    if problems := event.check_report(report, today):
        raise Problem(
            422,
            "Invalid request",
            "; ".join(p.reason for p in problems),
            extra={"invalid_params": [{"name": p.name, "reason": p.reason} for p in problems]},
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
                type=event.type,
                status=CaseStatus.RECEIVED,
                reporter_key=reporter_key,
                other_keys=[subject_key(key, b) for b in event.other_subjects(report)],
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
                    f"This person already has an open {event.title_in('en').lower()} case.",
                    extra={"links": links_of(base_url, open_id)},
                )
            return case_id, True

    try:
        case_id, created = await asyncio.to_thread(register, event.new_case_id(str(uuid.uuid4())))
    except store.OpenCaseContention as e:
        raise Problem(
            503,
            "Service Unavailable",
            "Another case of this person is closing right now; try again.",
            headers={"Retry-After": "1"},
        ) from e
    case_input = _workflow_input(settings, principal, event, report, case_id)
    try:
        await start_case(temporal, settings, event, case_input)
        if settings.zgw_enabled:
            await nudge_zaak(temporal, case_id, task_queue=settings.task_queue)
    except Exception as e:
        if created:
            await asyncio.to_thread(_unregister, engine, case_id)
        raise Problem(
            503,
            "Service Unavailable",
            "The case could not be started; try again.",
            headers={"Retry-After": "5"},
        ) from e
    return case_id


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
