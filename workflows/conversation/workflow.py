"""A conversation with the intake assistant, as one durable workflow.

    active ⇄ handed_over → closed → (retention) → removed from the store

Each message is an update (`post_message`): the citizen's goes to the intake assistant while
the conversation is active (its model and tool turns are activities run through the LangGraph
plugin), and waits in the chat queue of the citizen's municipality once it is handed over,
where a caseworker takes it (`claim`), answers (`post_message`), hands it back to the
assistant (`hand_back`) or closes it (`close`). Its state is the `state` query.

The workflow never starts a case. The assistant proposes a report; the citizen confirms it at
the API, which starts the case through the same intake as `POST /v1/life-events` and records
it here (`record_case`). A closed conversation stays readable for the retention period, then
its store row is removed and the workflow ends; its history (encrypted) stays in Temporal.
"""

import asyncio
from datetime import datetime, timedelta

from temporalio import workflow
from temporalio.common import RetryPolicy
from temporalio.exceptions import ActivityError, ApplicationError

with workflow.unsafe.imports_passed_through():
    from agents.intake.runner import IntakeAnswer, answer_message
    from agents.intake.state import initial_state
    from agents.intake.tools import HandOverReason
    from workflows.conversation.activities import CitizenRef, ConversationActivities, Forget
    from workflows.conversation.models import (
        Author,
        CaseStarted,
        CaseworkerAction,
        ChatMessage,
        CitizenClose,
        ConversationInput,
        ConversationProjection,
        ConversationRefusal,
        ConversationState,
        ConversationStatus,
        MessageIn,
        ProposalState,
    )
    from workflows.conversation.texts import municipality_name, text

MAX_MESSAGES = 200
"""A conversation holds at most this many messages (its history stays small)."""

SUPERVISOR = "supervisor"

LOOKUP_RETRY = RetryPolicy(
    initial_interval=timedelta(seconds=1),
    maximum_interval=timedelta(seconds=10),
    non_retryable_error_types=["RegistryClientError"],
)
PROJECTION_RETRY = RetryPolicy(maximum_interval=timedelta(seconds=30))


def _refuse(refusal: ConversationRefusal, message: str) -> ApplicationError:
    return ApplicationError(message, type=refusal.value, non_retryable=True)


@workflow.defn
class Conversation:
    """A citizen's conversation with the intake assistant and, when needed, a person."""

    @workflow.init
    def __init__(self, start: ConversationInput) -> None:
        """Set up the conversation with its greeting (before any handler can run)."""
        self._input = start
        self._lock = asyncio.Lock()
        self._activity = 0
        self._municipality_known = False
        self._intake = initial_state(start.bsn, language=start.language, max_turns=start.max_turns)
        self._state = ConversationState(
            conversation_id=start.conversation_id,
            status=ConversationStatus.ACTIVE,
            bsn=start.bsn,
            citizen_sub=start.citizen_sub,
            language=start.language,
            started_at=start.started_at,
            updated_at=start.started_at,
        )
        self._add(Author.ASSISTANT, text("greeting", start.language), at=start.started_at)

    @workflow.run
    async def run(self, start: ConversationInput) -> ConversationState:
        """Wait for messages until the conversation closes (by someone, or idle), keep it
        readable for the retention period, then remove it from the store."""
        async with self._lock:
            await self._ensure_municipality()
            await self._project()
        idle = timedelta(seconds=start.idle_seconds)
        while not self._is_closed():
            seen = self._activity
            if not await self._changed(seen, idle):
                async with self._lock:
                    if self._activity == seen and not self._is_closed():
                        self._close("idle", notice="closed.idle")
                        await self._project()
        await workflow.wait_condition(workflow.all_handlers_finished)
        await workflow.sleep(timedelta(seconds=start.retention_seconds))
        await workflow.execute_activity_method(
            ConversationActivities.forget,
            Forget(conversation_id=start.conversation_id),
            start_to_close_timeout=timedelta(seconds=30),
            retry_policy=PROJECTION_RETRY,
        )
        await workflow.wait_condition(workflow.all_handlers_finished)
        return self._state

    @workflow.query
    def state(self) -> ConversationState:
        """The conversation as it stands."""
        return self._state

    # Messages ----------------------------------------------------------------------------

    @workflow.update
    async def post_message(self, message: MessageIn) -> ConversationState:
        """A message of the citizen (answered by the assistant while the conversation is
        active) or of the caseworker who took it."""
        async with self._lock:
            self._check_message(message)
            self._activity += 1
            if message.author is Author.CITIZEN:
                self._add(Author.CITIZEN, message.text)
                if self._state.status is ConversationStatus.ACTIVE:
                    await self._assistant(message.text)
            else:
                self._add(Author.CASEWORKER, message.text, name=message.actor)
            return self._state

    @post_message.validator
    def _validate_message(self, message: MessageIn) -> None:
        self._check_message(message)

    def _check_message(self, message: MessageIn) -> None:
        state = self._state
        if state.status is ConversationStatus.CLOSED:
            raise _refuse(ConversationRefusal.CLOSED, "The conversation is closed.")
        if len(state.messages) >= MAX_MESSAGES:
            raise _refuse(ConversationRefusal.FULL, "The conversation is full; start a new one.")
        if not message.text.strip():
            raise _refuse(ConversationRefusal.EMPTY, "A message needs text.")
        if message.author is Author.CITIZEN:
            if message.bsn != state.bsn:
                raise _refuse(ConversationRefusal.NOT_YOURS, "This is not your conversation.")
        elif message.author is Author.CASEWORKER:
            self._check_caseworker(message.actor or "", message.municipality, taken=True)
        else:
            raise _refuse(ConversationRefusal.NOT_YOURS, "Only the citizen and a caseworker write.")

    def _check_caseworker(
        self, actor: str, municipality: str | None, *, taken: bool, supervisor: bool = False
    ) -> None:
        state = self._state
        if state.status is not ConversationStatus.HANDED_OVER:
            raise _refuse(
                ConversationRefusal.NOT_HANDED_OVER, "The conversation is not handed over."
            )
        if municipality is None or municipality != state.municipality:
            raise _refuse(
                ConversationRefusal.OUT_OF_SCOPE,
                "The conversation belongs to another municipality.",
            )
        if taken:
            if state.claimed_by is None:
                raise _refuse(ConversationRefusal.NOT_CLAIMED, "Take the conversation first.")
            if state.claimed_by != actor and not supervisor:
                raise _refuse(
                    ConversationRefusal.CLAIMED_BY_OTHER,
                    "Another caseworker holds the conversation.",
                )

    # The caseworker's side ---------------------------------------------------------------

    @workflow.update
    async def claim(self, who: CaseworkerAction) -> ConversationState:
        """A caseworker of the citizen's municipality takes the conversation."""
        async with self._lock:
            self._check_claim(who)
            self._activity += 1
            if self._state.claimed_by != who.actor:
                self._state.claimed_by = who.actor
                language = self._state.language
                self._add(
                    Author.SYSTEM,
                    text(
                        "claimed",
                        language,
                        name=who.actor,
                        municipality=municipality_name(self._state.municipality, language),
                    ),
                )
                await self._project()
            return self._state

    @claim.validator
    def _validate_claim(self, who: CaseworkerAction) -> None:
        self._check_claim(who)

    def _check_claim(self, who: CaseworkerAction) -> None:
        self._check_caseworker(who.actor, who.municipality, taken=False)
        holder = self._state.claimed_by
        if holder is not None and holder != who.actor and who.role != SUPERVISOR:
            raise _refuse(
                ConversationRefusal.CLAIMED_BY_OTHER, "Another caseworker holds the conversation."
            )

    @workflow.update
    async def hand_back(self, who: CaseworkerAction) -> ConversationState:
        """The caseworker hands the conversation back to the assistant."""
        async with self._lock:
            self._check_holder(who)
            self._activity += 1
            state = self._state
            state.status = ConversationStatus.ACTIVE
            state.claimed_by = None
            state.unclear = 0
            self._add(Author.SYSTEM, text("handed_back", state.language))
            await self._project()
            return state

    @hand_back.validator
    def _validate_hand_back(self, who: CaseworkerAction) -> None:
        self._check_holder(who)

    def _check_holder(self, who: CaseworkerAction) -> None:
        self._check_caseworker(
            who.actor, who.municipality, taken=True, supervisor=who.role == SUPERVISOR
        )

    @workflow.update
    async def close(self, who: CaseworkerAction) -> ConversationState:
        """The caseworker who holds the conversation closes it."""
        async with self._lock:
            self._check_holder(who)
            self._activity += 1
            self._close(who.actor)
            await self._project()
            return self._state

    @close.validator
    def _validate_close(self, who: CaseworkerAction) -> None:
        self._check_holder(who)

    @workflow.update
    async def close_by_citizen(self, citizen: CitizenClose) -> ConversationState:
        """The citizen ends the conversation."""
        async with self._lock:
            self._check_citizen_close(citizen)
            self._activity += 1
            self._close("citizen")
            await self._project()
            return self._state

    @close_by_citizen.validator
    def _validate_citizen_close(self, citizen: CitizenClose) -> None:
        self._check_citizen_close(citizen)

    def _check_citizen_close(self, citizen: CitizenClose) -> None:
        if citizen.bsn != self._state.bsn:
            raise _refuse(ConversationRefusal.NOT_YOURS, "This is not your conversation.")
        if self._state.status is ConversationStatus.CLOSED:
            raise _refuse(ConversationRefusal.CLOSED, "The conversation is closed.")

    # Cases -------------------------------------------------------------------------------

    @workflow.update
    async def record_case(self, started: CaseStarted) -> ConversationState:
        """Record the case the citizen's confirmation of a proposal started (idempotent)."""
        async with self._lock:
            self._check_case(started)
            proposal = self._state.proposal(started.proposal)
            assert proposal is not None
            if proposal.case_id is None:
                proposal.case_id = started.case_id
                proposal.confirmed_at = workflow.now()
                self._state.cases.append(started.case_id)
                self._add(
                    Author.SYSTEM,
                    text("case_started", self._state.language, case_id=started.case_id),
                )
            return self._state

    @record_case.validator
    def _validate_case(self, started: CaseStarted) -> None:
        self._check_case(started)

    def _check_case(self, started: CaseStarted) -> None:
        if started.bsn != self._state.bsn:
            raise _refuse(ConversationRefusal.NOT_YOURS, "This is not your conversation.")
        proposal = self._state.proposal(started.proposal)
        if proposal is None or proposal.case_id not in (None, started.case_id):
            raise _refuse(ConversationRefusal.UNKNOWN_PROPOSAL, "There is no such proposal open.")

    # The assistant -----------------------------------------------------------------------

    async def _assistant(self, message: str) -> None:
        state = self._state
        self._intake["language"] = state.language
        self._intake, answer = await answer_message(self._intake, message)
        state.usage = state.usage.add(answer.usage)
        state.tool_errors += answer.tool_errors
        if answer.language in ("nl", "en") and answer.kind != "none":
            state.language = answer.language
        match answer.kind:
            case "reply":
                self._add(Author.ASSISTANT, answer.text or text("no_answer", state.language))
                self._count(answer)
            case "proposal":
                assert answer.proposal is not None
                state.life_event = answer.proposal.life_event
                state.unclear = 0
                state.proposals.append(ProposalState(proposal=answer.proposal))
                self._add(
                    Author.ASSISTANT,
                    text("proposal", state.language),
                    proposal=answer.proposal.number,
                )
            case "handover":
                if answer.life_event:
                    state.life_event = answer.life_event
                await self._hand_over(answer.handover or HandOverReason.OTHER, answer)
            case _:
                self._add(Author.ASSISTANT, text("no_answer", state.language))
                self._count(answer)
        if state.status is ConversationStatus.ACTIVE and state.unclear >= self._input.unclear_limit:
            await self._hand_over(HandOverReason.UNCLEAR, None)

    def _count(self, answer: IntakeAnswer) -> None:
        """A reply that recognised no life event counts towards handing over."""
        if answer.life_event:
            self._state.life_event = answer.life_event
            self._state.unclear = 0
        else:
            self._state.unclear += 1

    async def _hand_over(self, reason: HandOverReason, answer: IntakeAnswer | None) -> None:
        await self._ensure_municipality()
        state = self._state
        language = state.language
        offline = (answer.offline or {}) if answer is not None else {}
        state.status = ConversationStatus.HANDED_OVER
        state.handed_over_at = workflow.now()
        state.handover_reason = reason.value
        state.claimed_by = None
        state.unclear = 0
        self._add(
            Author.SYSTEM,
            text(
                f"handover.{reason.value}",
                language,
                municipality=municipality_name(state.municipality, language),
                reason=offline.get(language) or offline.get("nl") or "",
            ).strip(),
        )
        await self._project()

    # Helpers -----------------------------------------------------------------------------

    def _is_closed(self) -> bool:
        return self._state.status is ConversationStatus.CLOSED

    async def _changed(self, seen: int, idle: timedelta) -> bool:
        """Wait until something happens after `seen` (True) or `idle` passes (False)."""
        try:
            await workflow.wait_condition(
                lambda: self._is_closed() or self._activity != seen, timeout=idle
            )
        except TimeoutError:
            return False
        return True

    def _add(
        self,
        author: Author,
        message: str,
        *,
        name: str | None = None,
        proposal: int | None = None,
        at: datetime | None = None,
    ) -> None:
        moment = at if at is not None else workflow.now()
        self._state.messages.append(
            ChatMessage(
                number=len(self._state.messages) + 1,
                at=moment,
                author=author,
                name=name,
                text=message,
                proposal=proposal,
            )
        )
        self._state.updated_at = moment

    def _close(self, by: str, *, notice: str = "closed") -> None:
        state = self._state
        state.status = ConversationStatus.CLOSED
        state.closed_at = workflow.now()
        state.closed_by = by
        self._add(Author.SYSTEM, text(notice, state.language))

    async def _ensure_municipality(self) -> None:
        if self._municipality_known:
            return
        try:
            self._state.municipality = await workflow.execute_activity_method(
                ConversationActivities.municipality,
                CitizenRef(bsn=self._state.bsn),
                start_to_close_timeout=timedelta(seconds=30),
                retry_policy=LOOKUP_RETRY,
                summary="the citizen's municipality",
            )
        except ActivityError:
            # BRP refused the look-up for good: no municipality's queue can take the
            # conversation; it stays with the assistant rather than fail.
            workflow.logger.warning("the citizen's municipality could not be looked up")
        self._municipality_known = True

    async def _project(self) -> None:
        state = self._state
        await workflow.execute_activity_method(
            ConversationActivities.project,
            ConversationProjection(
                conversation_id=state.conversation_id,
                status=state.status,
                municipality=state.municipality,
                handed_over=state.handed_over_at is not None,
                handover_reason=state.handover_reason,
                handed_over_at=state.handed_over_at,
                claimed_by=state.claimed_by,
                life_event=state.life_event,
                at=workflow.now(),
                closed_at=state.closed_at,
            ),
            start_to_close_timeout=timedelta(seconds=30),
            retry_policy=PROJECTION_RETRY,
            summary=f"conversation {state.status}",
        )
