"""`/v1/conversations`: a citizen's chat with the intake assistant, and the chat queue.

A citizen opens a conversation and writes to it; the assistant answers, and may propose a
report, which only the citizen's confirmation sends (`/confirm`): through the same intake as
`POST /v1/life-events` (`burgerflow.api.life_events.submit_report`), with an idempotency key
of the proposal, so a double confirmation gives one case. A conversation handed over waits in
the chat queue of the citizen's municipality, where its caseworkers take it (`/claim`), write
to it, hand it back (`/hand-back`) or close it (`/close`).
"""

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy import Engine
from temporalio.client import Client

from approvals import conversations
from approvals.models import ConversationPublic
from burgerflow.api.life_events import CaseCreated, links_of, submit_report
from burgerflow.core.auth import Principal
from burgerflow.core.constants import CaseStatus, Role
from burgerflow.core.deps import EngineDep, PrincipalDep, SettingsDep, TemporalDep
from burgerflow.core.problems import Problem
from burgerflow.core.settings import Settings
from workflows.conversation.models import ChatMessage, ConversationState, ProposalState

router = APIRouter(prefix="/v1/conversations", tags=["conversations"])

_REFUSALS: dict[int | str, dict[str, Any]] = {
    401: {"description": "No valid bearer token"},
    403: {"description": "Not your conversation, or not your municipality's"},
    404: {"description": "No such conversation (or it was removed after its retention)"},
    409: {"description": "Refused in the conversation's state"},
}


class ConversationOpen(BaseModel):
    """`POST /v1/conversations`: the page's language and, if any, the first message."""

    language: Literal["nl", "en"] = "nl"
    text: str | None = Field(default=None, min_length=1, max_length=2000)


class MessageBody(BaseModel):
    """A message to the conversation."""

    text: str = Field(min_length=1, max_length=2000)


class ConfirmBody(BaseModel):
    """`/confirm`: the proposal the citizen read (the current one when left out)."""

    proposal: int | None = Field(default=None, ge=1)


class ConversationView(BaseModel):
    """A conversation as its citizen and caseworkers read it (never the BSN)."""

    conversation_id: str
    status: str
    language: str
    municipality: str | None
    messages: list[ChatMessage]
    proposal: ProposalState | None
    """The proposal the citizen may confirm now, if any."""
    proposals: list[ProposalState]
    life_event: str | None
    handed_over_at: datetime | None
    handover_reason: str | None
    claimed_by: str | None
    closed_at: datetime | None
    cases: list[str]
    started_at: datetime
    updated_at: datetime


class Confirmed(CaseCreated):
    """`/confirm`: the case the proposal started, and the conversation after it."""

    conversation: ConversationView


def view(state: ConversationState) -> ConversationView:
    """The citizen's and caseworkers' view of a conversation."""
    return ConversationView(
        conversation_id=state.conversation_id,
        status=state.status,
        language=state.language,
        municipality=state.municipality,
        messages=state.messages,
        proposal=state.current_proposal(),
        proposals=state.proposals,
        life_event=state.life_event,
        handed_over_at=state.handed_over_at,
        handover_reason=state.handover_reason,
        claimed_by=state.claimed_by,
        closed_at=state.closed_at,
        cases=state.cases,
        started_at=state.started_at,
        updated_at=state.updated_at,
    )


async def confirm_proposal(
    temporal: Client,
    engine: Engine,
    settings: Settings,
    principal: Principal,
    conversation_id: str,
    *,
    number: int | None,
    base_url: str,
) -> tuple[str, ConversationState]:
    """Start the case of a proposal with exactly its report; the case and the conversation.

    Only the conversation's citizen confirms. The report goes through `submit_report` with
    the key `<conversation_id>/proposal-<n>`, so confirming twice (or twice at once) gives
    one case; a proposal superseded by a newer one cannot be confirmed (409).
    """
    conversations.citizen_key(settings, principal)
    state = await conversations.read(temporal, engine, settings, principal, conversation_id)
    if not state.proposals:
        raise Problem(409, "Nothing to confirm", "The assistant has not proposed a report.")
    latest = state.proposals[-1]
    chosen = latest if number is None else state.proposal(number)
    if chosen is None:
        raise Problem(409, "Nothing to confirm", f"There is no proposal {number}.")
    if chosen.case_id is not None:
        return chosen.case_id, state
    if chosen is not latest:
        raise Problem(409, "Superseded", "A newer proposal replaced this one; confirm that one.")
    n = chosen.proposal.number
    case_id = await submit_report(
        chosen.proposal.report,
        principal=principal,
        settings=settings,
        engine=engine,
        temporal=temporal,
        idempotency_key=f"{conversation_id}/proposal-{n}",
        base_url=base_url,
    )
    state = await conversations.record_case(temporal, principal, conversation_id, n, case_id)
    return case_id, state


@router.post("", status_code=201, response_model=ConversationView, responses=_REFUSALS)
async def open_conversation(
    principal: PrincipalDep,
    settings: SettingsDep,
    engine: EngineDep,
    temporal: TemporalDep,
    body: ConversationOpen | None = None,
) -> ConversationView:
    """Open a conversation with the intake assistant (citizens only): its greeting, and its
    answer to `text` when the first message comes along."""
    opened = body or ConversationOpen()
    state = await conversations.open_conversation(
        temporal, engine, settings, principal, language=opened.language
    )
    if opened.text:
        state = await conversations.post_message(
            temporal, engine, settings, principal, state.conversation_id, opened.text
        )
    return view(state)


@router.get("", response_model=list[ConversationPublic], responses=_REFUSALS)
async def list_conversations(
    principal: PrincipalDep,
    settings: SettingsDep,
    engine: EngineDep,
    status: Annotated[Literal["active", "handed_over", "closed"] | None, Query()] = None,
) -> list[ConversationPublic]:
    """A citizen's conversations; for caseworkers and supervisors the chat queue of their
    municipality (`?status=handed_over`: the ones waiting or being answered)."""
    return await conversations.list_conversations(engine, settings, principal, status=status)


@router.get("/{conversation_id}", response_model=ConversationView, responses=_REFUSALS)
async def get_conversation(
    conversation_id: str,
    principal: PrincipalDep,
    settings: SettingsDep,
    engine: EngineDep,
    temporal: TemporalDep,
) -> ConversationView:
    """A conversation: its messages (who wrote each), its proposal, where it stands."""
    return view(await conversations.read(temporal, engine, settings, principal, conversation_id))


@router.post("/{conversation_id}/messages", response_model=ConversationView, responses=_REFUSALS)
async def post_message(
    conversation_id: str,
    body: MessageBody,
    principal: PrincipalDep,
    settings: SettingsDep,
    engine: EngineDep,
    temporal: TemporalDep,
) -> ConversationView:
    """A message of the citizen (the assistant answers while the conversation is active) or
    of the caseworker who took the conversation."""
    state = await conversations.post_message(
        temporal, engine, settings, principal, conversation_id, body.text
    )
    return view(state)


@router.post(
    "/{conversation_id}/confirm",
    status_code=202,
    response_model=Confirmed,
    responses={**_REFUSALS, 422: {"description": "The report no longer passes intake"}},
)
async def confirm(
    conversation_id: str,
    request: Request,
    principal: PrincipalDep,
    settings: SettingsDep,
    engine: EngineDep,
    temporal: TemporalDep,
    body: ConfirmBody | None = None,
) -> JSONResponse:
    """Start the case the assistant proposed, with exactly that report (its citizen only)."""
    if principal.role is not Role.CITIZEN:
        raise Problem(403, "Forbidden", "Only the conversation's citizen confirms.")
    case_id, state = await confirm_proposal(
        temporal,
        engine,
        settings,
        principal,
        conversation_id,
        number=(body or ConfirmBody()).proposal,
        base_url=str(request.base_url),
    )
    links = links_of(str(request.base_url), case_id)
    answer = Confirmed(
        case_id=case_id, status=CaseStatus.RECEIVED, links=links, conversation=view(state)
    )
    return JSONResponse(
        answer.model_dump(mode="json"), status_code=202, headers={"Location": links["self"]}
    )


async def _caseworker(
    action: str,
    conversation_id: str,
    principal: Principal,
    settings: Settings,
    engine: Engine,
    temporal: Client,
) -> ConversationView:
    state = await conversations.caseworker_action(
        temporal, engine, settings, principal, conversation_id, action
    )
    return view(state)


@router.post("/{conversation_id}/claim", response_model=ConversationView, responses=_REFUSALS)
async def claim(
    conversation_id: str,
    principal: PrincipalDep,
    settings: SettingsDep,
    engine: EngineDep,
    temporal: TemporalDep,
) -> ConversationView:
    """Take a handed-over conversation of your municipality; 409 when another holds it."""
    return await _caseworker("claim", conversation_id, principal, settings, engine, temporal)


@router.post("/{conversation_id}/hand-back", response_model=ConversationView, responses=_REFUSALS)
async def hand_back(
    conversation_id: str,
    principal: PrincipalDep,
    settings: SettingsDep,
    engine: EngineDep,
    temporal: TemporalDep,
) -> ConversationView:
    """Hand the conversation you hold back to the assistant."""
    return await _caseworker("hand_back", conversation_id, principal, settings, engine, temporal)


@router.post("/{conversation_id}/close", response_model=ConversationView, responses=_REFUSALS)
async def close(
    conversation_id: str,
    principal: PrincipalDep,
    settings: SettingsDep,
    engine: EngineDep,
    temporal: TemporalDep,
) -> ConversationView:
    """Close the conversation: its citizen, or the caseworker who holds it."""
    if principal.role is Role.CITIZEN:
        state = await conversations.close_by_citizen(
            temporal, engine, settings, principal, conversation_id
        )
        return view(state)
    return await _caseworker("close", conversation_id, principal, settings, engine, temporal)
