"""The change-of-address workflow: one durable case from report to completion.

    received → gathering → (awaiting_approval) → executing → completed
                                 ↘ rejected

The agent gathers the facts and drafts a plan (its model and tool nodes are activities run
through the LangGraph plugin); the policy decides the gates in workflow code (v1.1 for cases
started with `POLICY_V1_1_PATCH`, v1.0 for those started before); the agent's letter is
checked against the facts (`settle_letter`); caseworkers decide gates through the `decide`
update of the generic gated case; then every step runs once as an activity with an
idempotency key derived from the case and the step. No registry changes before every gate is
approved; a cancelled case changes none.
"""

from collections.abc import Awaitable, Callable
from datetime import date, timedelta

from pydantic import BaseModel
from temporalio import workflow

from workflows.case.workflow import STEP_RETRY, GatedCase, StepActivity

with workflow.unsafe.imports_passed_through():
    from agents.change_of_address.outcome import AgentOutcome
    from agents.change_of_address.runner import run_change_of_address_agent
    from burgerflow.core.constants import CaseStatus, Role
    from workflows.case.letters import LETTER_TEXT_PARAM
    from workflows.case.models import Cancellation, Step, TimelineEntry
    from workflows.change_of_address import messages
    from workflows.change_of_address.activities import STEP_ACTIVITIES, FactActivities
    from workflows.change_of_address.domain import MoveRequest, StepKind
    from workflows.change_of_address.facts import summarise_facts
    from workflows.change_of_address.letters import letter_facts, letter_frame
    from workflows.change_of_address.models import (
        LIFE_EVENT,
        MoveCaseState,
        ReportMoveInput,
        StepInput,
    )
    from workflows.change_of_address.policy import (
        CURRENT_POLICY_VERSION,
        POLICY_VERSION,
        PolicyConfig,
        PolicyResult,
        evaluate,
    )

COMPLETED = "The move is registered and every organisation is informed."

POLICY_V1_1_PATCH = "change_of_address-policy-v1.1"
"""Cases started with it are judged by policy v1.1; those started before keep v1.0."""


async def gather(
    run_agent: Callable[[], Awaitable[AgentOutcome]],
    *,
    reported_on: date,
    config: PolicyConfig,
    version: Callable[[], str] = lambda: POLICY_VERSION,
    look_up_missing: Callable[[], bool] = lambda: True,
) -> tuple[AgentOutcome, PolicyResult]:
    """What a case does before its gates: the agent, the look-ups it left undone, the policy.

    The case and its evaluation workflow both gather this way, so an evaluation scores what a
    case would do.

    Args:
        run_agent: Runs the agent on the reported move (its turns are activities).
        reported_on: The day of the report (for `late_report`).
        config: The case's policy parameters.
        version: The policy version to apply, asked right before the policy runs (a case
            decides it with `workflow.patched` there); v1.0 by default.
        look_up_missing: Whether to do the look-ups the agent left undone (a case cancelled
            while gathering does not).

    Returns:
        The agent's outcome, its facts completed, and the policy's verdict.
    """
    outcome = await run_agent()
    if outcome.facts.missing() and look_up_missing():
        outcome.facts = await workflow.execute_activity_method(
            FactActivities.complete_facts,
            outcome.facts,
            start_to_close_timeout=timedelta(seconds=60),
            retry_policy=STEP_RETRY,
            summary="registry look-ups the agent left undone",
        )
    verdict = evaluate(
        outcome.facts,
        outcome.plan,
        reported_on=reported_on,
        config=config,
        agent_failure=outcome.failure,
        agent_transcript=[e.model_dump() for e in outcome.transcript],
        version=version(),
    )
    return outcome, verdict


@workflow.defn
class ChangeOfAddress(GatedCase):
    """A citizen's change of address as one durable, auditable case."""

    life_event = LIFE_EVENT
    first_step_kinds = (StepKind.BRP_REGISTER_ADDRESS,)
    last_step_kinds = frozenset({StepKind.CITIZEN_MESSAGE})
    _case: ReportMoveInput
    _state: MoveCaseState

    @workflow.init
    def __init__(self, case: ReportMoveInput) -> None:
        """Set up the case state from the report (before any handler can run)."""
        super().__init__()
        self._case = case
        self._state = MoveCaseState(
            case_id=case.case_id,
            status=CaseStatus.RECEIVED,
            bsn=case.bsn,
            co_movers=list(case.co_movers),
            reported_by_sub=case.reported_by.sub,
            move_date=case.move_date,
            new_address=case.new_address,
            updated_at=case.reported_at,
            timeline=[
                TimelineEntry(at=case.reported_at, event="status", detail=CaseStatus.RECEIVED)
            ],
        )

    @workflow.run
    async def run(self, case: ReportMoveInput) -> MoveCaseState:
        """Gather, decide the gates, wait for caseworkers, execute the steps."""
        await self.start_gathering()
        outcome, verdict = await gather(
            self._run_agent,
            reported_on=case.reported_on,
            config=PolicyConfig(min_m2_per_person=case.min_m2_per_person),
            version=self._policy_version,
            look_up_missing=lambda: not self.cancel_requested,
        )
        self._apply_verdict(verdict, outcome)
        await self.run_gates_and_steps(completed=COMPLETED)
        return self._state

    def _policy_version(self) -> str:
        """The case's policy version: v1.1 for a case started with its patch, else v1.0."""
        return CURRENT_POLICY_VERSION if self.patched(POLICY_V1_1_PATCH) else POLICY_VERSION

    async def _run_agent(self) -> AgentOutcome:
        case = self._case
        request = MoveRequest(
            bsn=case.bsn,
            co_movers=list(case.co_movers),
            new_address=case.new_address,
            move_date=case.move_date,
        )
        return await run_change_of_address_agent(request, max_turns=case.agent_max_turns)

    def _apply_verdict(self, verdict: PolicyResult, outcome: AgentOutcome) -> None:
        state = self._state
        case = self._case
        state.municipality = verdict.municipality
        state.new_object_id = verdict.new_object_id
        state.policy_version = verdict.version
        state.flags = list(verdict.flags)
        state.rules_fired = list(verdict.rules_fired)
        state.facts = summarise_facts(outcome.facts)
        state.agent_usage = outcome.usage
        plan = outcome.plan
        state.caseworker_summary = plan.caseworker_summary if plan else None
        state.agent_rationale = (
            [f"{s.kind}: {s.rationale}" for s in plan.steps]
            + [f"{c.topic}: {c.rationale}" for c in plan.concerns]
            if plan
            else [f"agent_failure: {outcome.failure or 'no plan'}"]
        )
        self.raise_gates(verdict.gates)
        letter = self.settle_letter(
            plan.citizen_message if plan else None,
            facts=letter_facts(case, outcome.facts, verdict.steps),
            frame=letter_frame(outcome.facts, verdict.municipality),
            template=messages.completed_body(case),
        )
        if letter is not None:
            citizen_text = letter.text
        else:
            citizen_text = plan.citizen_message if plan else messages.completed(case)
        state.steps = [
            Step(
                step_id=f"{n:02d}-{spec.kind}",
                kind=spec.kind,
                subject=spec.subject,
                params=(
                    {"onderwerp": messages.SUBJECT_COMPLETED, LETTER_TEXT_PARAM: citizen_text}
                    if spec.kind is StepKind.CITIZEN_MESSAGE
                    else spec.params
                ),
                rationale=spec.rationale,
                idempotency_key=f"{case.case_id}/{n:02d}-{spec.kind}",
                letter=letter if spec.kind is StepKind.CITIZEN_MESSAGE else None,
            )
            for n, spec in enumerate(verdict.steps, start=1)
        ]
        state.citizen_message = citizen_text
        if verdict.municipality:
            self.upsert_municipality(verdict.municipality)

    def rejection_steps(self, reason: str) -> list[Step]:
        """Only the message to the citizen, in the fixed words of a rejection."""
        text = messages.rejected(self._case, reason)
        self._state.citizen_message = text
        steps = [s for s in self._state.steps if s.kind == StepKind.CITIZEN_MESSAGE]
        for step in steps:
            step.params = {"onderwerp": messages.SUBJECT_REJECTED, "inhoud": text}
            step.idempotency_key = f"{self._case.case_id}/rejection-message"
            step.step_id = "rejection-message"
        return steps

    def _message(self, name: str, subject: str, text: str) -> Step:
        """A message to the reporter in fixed words, keyed by the case and `name`."""
        self._state.citizen_message = text
        return Step(
            step_id=name,
            kind=StepKind.CITIZEN_MESSAGE,
            subject=self._case.bsn,
            params={"onderwerp": subject, LETTER_TEXT_PARAM: text},
            rationale="The citizen hears what became of their report.",
            idempotency_key=f"{self._case.case_id}/{name}",
        )

    def cancellation_steps(self, cancellation: Cancellation) -> list[Step]:
        """Only the message to the citizen: the report is cancelled, nothing changed."""
        text = messages.cancelled(
            self._case,
            by_citizen=cancellation.role in (Role.CITIZEN, Role.SERVICE),
            reason=cancellation.reason,
        )
        return [self._message("cancellation-message", messages.SUBJECT_CANCELLED, text)]

    def rest_rejected_steps(self, refused: Step, reason: str) -> list[Step]:
        """The message to the citizen that the move is only partly done (unless the message
        itself was the step refused)."""
        if refused.kind == StepKind.CITIZEN_MESSAGE:
            return []
        text = messages.rest_rejected(self._case, reason)
        return [self._message("rest-rejected-message", messages.SUBJECT_PARTLY, text)]

    def step_activity(self, step: Step) -> StepActivity:
        """The activity of the step's kind."""
        return STEP_ACTIVITIES[StepKind(step.kind)]

    def step_input(self, step: Step) -> BaseModel:
        """The step with what every address change needs: the mover, date and BAG object."""
        return StepInput(
            case_id=self._case.case_id,
            step=step,
            citizen_bsn=self._case.bsn,
            move_date=self._case.move_date,
            new_object_id=self._state.new_object_id,
        )
