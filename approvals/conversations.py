"""Conversations in the store, and what citizens and caseworkers may do with them.

The store lists conversations for the chat queue and for their citizen (status, municipality,
who holds it; never a message). Reads of a conversation come from its workflow (`state`
query); every change is an update of the workflow, which validates it. Shared by the API
(`/v1/conversations`), the caseworker page (`/ui/gesprekken`) and the citizen page (`/mijn/`).

Scope: a citizen reaches their own conversations; caseworkers and supervisors those of
their municipality that were handed over; nobody else any.
"""

import asyncio
import uuid
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, col, select
from temporalio.client import (
    Client,
    WorkflowHandle,
    WorkflowQueryFailedError,
    WorkflowUpdateFailedError,
)
from temporalio.common import WorkflowIDReusePolicy
from temporalio.exceptions import ApplicationError
from temporalio.service import RPCError, RPCStatusCode

from approvals.models import ConversationPublic, ConversationRecord
from burgerflow.core.auth import Principal
from burgerflow.core.constants import Role
from burgerflow.core.errors import Problem
from burgerflow.core.keys import pseudonym_key, subject_key
from burgerflow.core.settings import Settings
from workflows.conversation.models import (
    CONVERSATION_ID_PREFIX,
    Author,
    CaseStarted,
    CaseworkerAction,
    CitizenClose,
    ConversationInput,
    ConversationProjection,
    ConversationRefusal,
    ConversationState,
    MessageIn,
)
from workflows.conversation.workflow import Conversation

CASEWORKERS = (Role.CASEWORKER, Role.SUPERVISOR)

REFUSAL_STATUS = {
    ConversationRefusal.NOT_YOURS: 403,
    ConversationRefusal.OUT_OF_SCOPE: 403,
    ConversationRefusal.CLOSED: 409,
    ConversationRefusal.NOT_HANDED_OVER: 409,
    ConversationRefusal.CLAIMED_BY_OTHER: 409,
    ConversationRefusal.NOT_CLAIMED: 409,
    ConversationRefusal.FULL: 409,
    ConversationRefusal.UNKNOWN_PROPOSAL: 409,
    ConversationRefusal.EMPTY: 422,
}
"""HTTP status of each refusal by the workflow's update validators."""

UPDATE_TIMEOUT = timedelta(minutes=3)
"""How long a request waits for the assistant's answer (its model turns included)."""


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


# The store ------------------------------------------------------------------------------------


def register_conversation(
    session: Session,
    *,
    conversation_id: str,
    subject_key: str,
    owner: str,
    language: str,
    now: datetime,
) -> None:
    """Record a new conversation of the citizen `subject_key`."""
    session.add(
        ConversationRecord(
            conversation_id=conversation_id,
            subject_key=subject_key,
            owner=owner,
            status="active",
            language=language,
            created_at=now,
            updated_at=now,
        )
    )
    session.commit()


def project_conversation(session: Session, projection: ConversationProjection) -> None:
    """Store a conversation's latest status; an older projection changes nothing, and a
    conversation the store no longer has (removed) is not brought back."""
    record = session.get(ConversationRecord, projection.conversation_id)
    if record is None or _aware(projection.at) < _aware(record.updated_at):
        return
    record.status = projection.status
    record.municipality = projection.municipality
    record.handed_over = record.handed_over or projection.handed_over
    record.handover_reason = projection.handover_reason
    record.handed_over_at = projection.handed_over_at
    record.claimed_by = projection.claimed_by
    record.life_event = projection.life_event
    record.closed_at = projection.closed_at
    record.updated_at = projection.at
    session.add(record)
    session.commit()


def forget_conversation(session: Session, conversation_id: str) -> None:
    """Remove a conversation from the store."""
    record = session.get(ConversationRecord, conversation_id)
    if record is not None:
        session.delete(record)
        session.commit()


def list_conversation_records(
    session: Session,
    *,
    subject_key: str | None = None,
    municipality: str | None = None,
    status: str | None = None,
    handed_over: bool | None = None,
    limit: int = 200,
) -> Sequence[ConversationRecord]:
    """Conversations, the longest waiting hand-overs first, then the newest."""
    query = select(ConversationRecord)
    if subject_key is not None:
        query = query.where(ConversationRecord.subject_key == subject_key)
    if municipality is not None:
        query = query.where(ConversationRecord.municipality == municipality)
    if status is not None:
        query = query.where(ConversationRecord.status == status)
    if handed_over is not None:
        query = query.where(ConversationRecord.handed_over == handed_over)
    order = (
        col(ConversationRecord.handed_over_at).is_(None),
        col(ConversationRecord.handed_over_at),
        col(ConversationRecord.created_at).desc(),
    )
    return session.exec(query.order_by(*order).limit(limit)).all()


class ConversationStoreSink:
    """Writes the conversations' projections to the store (the chat queue)."""

    def __init__(self, engine: Engine) -> None:
        """Args:
        engine: The approvals database engine.
        """
        self._engine = engine

    def write_conversation(self, projection: ConversationProjection) -> None:
        """Store the conversation's status, municipality and holder."""
        with Session(self._engine) as session:
            project_conversation(session, projection)

    def forget_conversation(self, conversation_id: str) -> None:
        """Remove the conversation (its retention period is over)."""
        with Session(self._engine) as session:
            forget_conversation(session, conversation_id)


# Scope ----------------------------------------------------------------------------------------


def citizen_key(settings: Settings, principal: Principal) -> str:
    """The keyed hash of a citizen's BSN; 403 for anyone else."""
    if principal.role is not Role.CITIZEN or not principal.bsn:
        raise Problem(403, "Forbidden", "Only a citizen opens and confirms conversations.")
    return subject_key(pseudonym_key(settings), principal.bsn)


def _in_scope(settings: Settings, principal: Principal, record: ConversationRecord) -> bool:
    if principal.role is Role.CITIZEN and principal.bsn:
        return record.subject_key == subject_key(pseudonym_key(settings), principal.bsn)
    if principal.role in CASEWORKERS and principal.municipality:
        return record.handed_over and record.municipality == principal.municipality
    return False


async def record_in_scope(
    engine: Engine, settings: Settings, principal: Principal, conversation_id: str
) -> ConversationRecord:
    """The store's row of a conversation the caller may reach; 404 when there is none (or it
    was removed), 403 out of scope."""

    def get() -> ConversationRecord | None:
        with Session(engine) as session:
            return session.get(ConversationRecord, conversation_id)

    record = await asyncio.to_thread(get)
    if record is None:
        raise Problem(404, "Not Found", f"There is no conversation {conversation_id}.")
    if not _in_scope(settings, principal, record):
        raise Problem(403, "Forbidden", "This conversation is outside your scope.")
    return record


async def list_conversations(
    engine: Engine, settings: Settings, principal: Principal, *, status: str | None = None
) -> list[ConversationPublic]:
    """A citizen's own conversations; the chat queue of a caseworker's municipality."""
    scope: dict[str, Any] = {}
    if principal.role is Role.CITIZEN and principal.bsn:
        scope["subject_key"] = subject_key(pseudonym_key(settings), principal.bsn)
    elif principal.role in CASEWORKERS and principal.municipality:
        scope["municipality"] = principal.municipality
        scope["handed_over"] = True
    else:
        raise Problem(403, "Forbidden", f"The role {principal.role} has no conversations.")

    def query() -> list[ConversationPublic]:
        with Session(engine) as session:
            rows = list_conversation_records(session, status=status, **scope)
            return [ConversationPublic.model_validate(r, from_attributes=True) for r in rows]

    return await asyncio.to_thread(query)


# Reading and changing a conversation -----------------------------------------------------------


def _handle(temporal: Client, conversation_id: str) -> WorkflowHandle[Any, Any]:
    return temporal.get_workflow_handle_for(Conversation.run, conversation_id)


async def read_state(temporal: Client, conversation_id: str) -> ConversationState:
    """The conversation as its workflow sees it; 404 or 503 when it cannot be read."""
    try:
        return await _handle(temporal, conversation_id).query(
            Conversation.state, rpc_timeout=timedelta(seconds=10)
        )
    except RPCError as e:
        if e.status is RPCStatusCode.NOT_FOUND:
            raise Problem(404, "Not Found", f"There is no conversation {conversation_id}.") from e
        raise Problem(503, "Service Unavailable", "Conversations cannot be read now.") from e
    except WorkflowQueryFailedError as e:
        raise Problem(503, "Service Unavailable", f"The conversation could not be read: {e}") from e


async def read(
    temporal: Client,
    engine: Engine,
    settings: Settings,
    principal: Principal,
    conversation_id: str,
) -> ConversationState:
    """A conversation the caller may read."""
    await record_in_scope(engine, settings, principal, conversation_id)
    return await read_state(temporal, conversation_id)


async def _update(run: Callable[[], Awaitable[ConversationState]]) -> ConversationState:
    try:
        return await run()
    except WorkflowUpdateFailedError as e:
        cause = e.cause
        if isinstance(cause, ApplicationError) and cause.type in REFUSAL_STATUS:
            status = REFUSAL_STATUS[ConversationRefusal(cause.type)]
            raise Problem(status, "Refused", cause.message, extra={"code": cause.type}) from e
        raise Problem(500, "Update failed", str(cause or e)) from e
    except RPCError as e:
        if e.status is RPCStatusCode.NOT_FOUND:
            raise Problem(409, "Conversation closed", "The conversation has ended.") from e
        raise Problem(503, "Service Unavailable", "The conversation cannot be changed now.") from e


async def open_conversation(
    temporal: Client,
    engine: Engine,
    settings: Settings,
    principal: Principal,
    *,
    language: str = "nl",
) -> ConversationState:
    """Start a conversation of the signed-in citizen with the assistant (its greeting)."""
    key = citizen_key(settings, principal)
    assert principal.bsn is not None
    conversation_id = f"{CONVERSATION_ID_PREFIX}-{uuid.uuid4()}"
    now = datetime.now(UTC)

    def register() -> None:
        with Session(engine) as session:
            register_conversation(
                session,
                conversation_id=conversation_id,
                subject_key=key,
                owner=f"{principal.role}:{principal.sub}",
                language=language,
                now=now,
            )

    await asyncio.to_thread(register)
    start = ConversationInput(
        conversation_id=conversation_id,
        bsn=principal.bsn,
        citizen_sub=principal.sub,
        language=language,
        started_at=now,
        max_turns=settings.intake_max_turns,
        unclear_limit=settings.intake_unclear_messages,
        idle_seconds=settings.conversation_idle_minutes * 60,
        retention_seconds=settings.conversation_retention_days * 24 * 3600,
    )
    try:
        handle = await temporal.start_workflow(
            Conversation.run,
            start,
            id=conversation_id,
            task_queue=settings.task_queue,
            id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,
            static_summary="Conversation with the intake assistant",
        )
        return await handle.query(Conversation.state, rpc_timeout=timedelta(seconds=30))
    except Exception as e:

        def unregister() -> None:
            with Session(engine) as session:
                forget_conversation(session, conversation_id)

        await asyncio.to_thread(unregister)
        raise Problem(
            503,
            "Service Unavailable",
            "The conversation could not be started; try again.",
            headers={"Retry-After": "5"},
        ) from e


async def post_message(
    temporal: Client,
    engine: Engine,
    settings: Settings,
    principal: Principal,
    conversation_id: str,
    text: str,
) -> ConversationState:
    """A message of the citizen, or of the caseworker who took the conversation."""
    await record_in_scope(engine, settings, principal, conversation_id)
    text = text.strip()
    if not text:
        raise Problem(422, "Invalid request", "A message needs text.")
    if principal.role is Role.CITIZEN:
        message = MessageIn(text=text, author=Author.CITIZEN, bsn=principal.bsn)
    else:
        message = MessageIn(
            text=text,
            author=Author.CASEWORKER,
            actor=principal.sub,
            municipality=principal.municipality,
        )
    handle = _handle(temporal, conversation_id)
    return await _update(
        lambda: handle.execute_update(
            Conversation.post_message, message, rpc_timeout=UPDATE_TIMEOUT
        )
    )


def _caseworker(principal: Principal) -> CaseworkerAction:
    if principal.role not in CASEWORKERS or not principal.municipality:
        raise Problem(403, "Forbidden", "Only caseworkers and supervisors take conversations.")
    return CaseworkerAction(
        actor=principal.sub, role=principal.role, municipality=principal.municipality
    )


async def caseworker_action(
    temporal: Client,
    engine: Engine,
    settings: Settings,
    principal: Principal,
    conversation_id: str,
    action: str,
) -> ConversationState:
    """`claim`, `hand_back` or `close` by a caseworker of the citizen's municipality."""
    who = _caseworker(principal)
    await record_in_scope(engine, settings, principal, conversation_id)
    update = {
        "claim": Conversation.claim,
        "hand_back": Conversation.hand_back,
        "close": Conversation.close,
    }[action]
    handle = _handle(temporal, conversation_id)
    return await _update(lambda: handle.execute_update(update, who, rpc_timeout=UPDATE_TIMEOUT))


async def close_by_citizen(
    temporal: Client,
    engine: Engine,
    settings: Settings,
    principal: Principal,
    conversation_id: str,
) -> ConversationState:
    """The citizen ends their conversation."""
    citizen_key(settings, principal)
    await record_in_scope(engine, settings, principal, conversation_id)
    assert principal.bsn is not None
    handle = _handle(temporal, conversation_id)
    return await _update(
        lambda: handle.execute_update(
            Conversation.close_by_citizen,
            CitizenClose(bsn=principal.bsn or ""),
            rpc_timeout=UPDATE_TIMEOUT,
        )
    )


async def record_case(
    temporal: Client, principal: Principal, conversation_id: str, proposal: int, case_id: str
) -> ConversationState:
    """Record in the conversation the case its proposal's confirmation started."""
    started = CaseStarted(proposal=proposal, case_id=case_id, bsn=principal.bsn or "")
    handle = _handle(temporal, conversation_id)
    return await _update(
        lambda: handle.execute_update(Conversation.record_case, started, rpc_timeout=UPDATE_TIMEOUT)
    )
