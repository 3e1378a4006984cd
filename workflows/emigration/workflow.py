"""The emigration workflow: one durable case from the report of a departure to completion.

    received → gathering → (awaiting_approval) → executing → completed
                     ↘            ↘ rejected         ↘ (step_failure gate) → rejected
                      cancelled ← ┘

The agent gathers the facts and drafts a plan (its model and tool nodes are activities run
through the LangGraph plugin); policy v1 decides the gates in workflow code; the agent's
letter is checked against the facts (`settle_letter`); caseworkers decide gates through the
`decide` update of the generic gated case; then every step runs once as an activity with an
idempotency key derived from the case and the step. No registry changes before every gate is
approved; a cancelled case changes none, and the reporter is told.

What changed the commands of an emigration after its first release is behind
`workflow.patched`: the letter check (the generic case's `LETTER_CHECK_PATCH`), and the
citizen's letters after a cancellation or a rejected rest and the look-ups skipped after a
cancellation while gathering (`SHARED_RULES_PATCH`), so the cases started before replay as
they ran.
"""

from collections.abc import Awaitable, Callable
from datetime import date, timedelta

from pydantic import BaseModel
from temporalio import workflow

from workflows.case.workflow import STEP_RETRY, GatedCase, StepActivity

with workflow.unsafe.imports_passed_through():
    from agents.emigration.outcome import AgentOutcome
    from agents.emigration.runner import run_emigration_agent
    from burgerflow.core.constants import CaseStatus, Role
    from workflows.case.letters import LETTER_TEXT_PARAM
    from workflows.case.models import Cancellation, Step, TimelineEntry
    from workflows.emigration import messages
    from workflows.emigration.activities import STEP_ACTIVITIES, FactActivities
    from workflows.emigration.domain import EmigrationRequest, StepKind, deregistration_date
    from workflows.emigration.facts import summarise_facts
    from workflows.emigration.letters import letter_facts, letter_frame
    from workflows.emigration.models import (
        LIFE_EVENT,
        EmigrationCaseState,
        ReportEmigrationInput,
        StepInput,
    )
    from workflows.emigration.policy import PolicyResult, evaluate

COMPLETED = "The emigration is registered and every organisation is informed."

SHARED_RULES_PATCH = "emigration-shared-rules"
"""Cases started with it skip the look-ups left undone when cancelled while gathering, and
send the reporter a letter after a cancellation or after a caseworker rejected the rest;
those started before end as they did."""


async def gather(
    run_agent: Callable[[], Awaitable[AgentOutcome]],
    *,
    reported_on: date,
    look_up_missing: Callable[[], bool] = lambda: True,
) -> tuple[AgentOutcome, PolicyResult]:
    """What a case does before its gates: the agent, the look-ups it left undone, the policy.

    The case and its evaluation workflow both gather this way, so an evaluation scores what a
    case would do.

    Args:
        run_agent: Runs the agent on the reported emigration (its turns are activities).
        reported_on: The day of the report.
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
        agent_failure=outcome.failure,
        agent_transcript=[e.model_dump() for e in outcome.transcript],
    )
    return outcome, verdict


def request_of(case: ReportEmigrationInput) -> EmigrationRequest:
    """The reported emigration, as the agent and the policy read it."""
    return EmigrationRequest(
        bsn=case.bsn,
        co_movers=list(case.co_movers),
        country=case.country,
        foreign_address=case.foreign_address,
        departure_date=case.departure_date,
    )


@workflow.defn
class Emigration(GatedCase):
    """A citizen's (and their household's) emigration as one durable, auditable case."""

    life_event = LIFE_EVENT
    first_step_kinds = (StepKind.BRP_REGISTER_EMIGRATION,)
    last_step_kinds = frozenset({StepKind.CITIZEN_MESSAGE})
    _case: ReportEmigrationInput
    _state: EmigrationCaseState

    @workflow.init
    def __init__(self, case: ReportEmigrationInput) -> None:
        """Set up the case state from the report (before any handler can run)."""
        super().__init__()
        self._case = case
        self._state = EmigrationCaseState(
            case_id=case.case_id,
            status=CaseStatus.RECEIVED,
            bsn=case.bsn,
            co_movers=list(case.co_movers),
            reported_by_sub=case.reported_by.sub,
            departure_date=case.departure_date,
            deregistration_date=deregistration_date(case.departure_date, case.reported_on),
            country=case.country,
            foreign_address=case.foreign_address,
            updated_at=case.reported_at,
            timeline=[
                TimelineEntry(at=case.reported_at, event="status", detail=CaseStatus.RECEIVED)
            ],
        )

    @workflow.run
    async def run(self, case: ReportEmigrationInput) -> EmigrationCaseState:
        """Gather, decide the gates, wait for caseworkers, execute the steps."""
        await self.start_gathering()
        outcome, verdict = await gather(
            self._run_agent, reported_on=case.reported_on, look_up_missing=self._look_up_missing
        )
        self._apply_verdict(verdict, outcome)
        await self.run_gates_and_steps(completed=COMPLETED)
        return self._state

    def _look_up_missing(self) -> bool:
        """Whether to do the look-ups the agent left undone: not for a case cancelled while
        gathering (it stops at its gates), unless it started before that rule."""
        return not (self.cancel_requested and self.patched(SHARED_RULES_PATCH))

    async def _run_agent(self) -> AgentOutcome:
        return await run_emigration_agent(
            request_of(self._case),
            deregistration=self._state.deregistration_date,
            max_turns=self._case.agent_max_turns,
        )

    def _apply_verdict(self, verdict: PolicyResult, outcome: AgentOutcome) -> None:
        state = self._state
        case = self._case
        state.municipality = verdict.municipality
        state.deregistration_date = verdict.deregistration_date
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
            facts=letter_facts(case, outcome.facts, verdict.steps, verdict.municipality),
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
                    {
                        **spec.params,
                        "onderwerp": messages.SUBJECT_COMPLETED,
                        LETTER_TEXT_PARAM: citizen_text,
                    }
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
        """Only the letter to the reporter, in the fixed words of a rejection."""
        text = messages.rejected(self._case, reason)
        self._state.citizen_message = text
        steps = [s for s in self._state.steps if s.kind == StepKind.CITIZEN_MESSAGE]
        for step in steps:
            step.params = {"onderwerp": messages.SUBJECT_REJECTED, LETTER_TEXT_PARAM: text}
            step.idempotency_key = f"{self._case.case_id}/rejection-message"
            step.step_id = "rejection-message"
            # The rejection is told in fixed words, not in the checked letter's.
            step.letter = None
        return steps

    def _message(self, name: str, subject: str, text: str) -> Step:
        """A letter to the reporter in fixed words, keyed by the case and `name`."""
        self._state.citizen_message = text
        return Step(
            step_id=name,
            kind=StepKind.CITIZEN_MESSAGE,
            subject=self._case.bsn,
            params={"onderwerp": subject, LETTER_TEXT_PARAM: text},
            rationale="The reporter hears what became of their report.",
            idempotency_key=f"{self._case.case_id}/{name}",
        )

    def cancellation_steps(self, cancellation: Cancellation) -> list[Step]:
        """Only the letter to the reporter: the report is cancelled, nothing changed (none
        for a case started before the reporter was told)."""
        if not self.patched(SHARED_RULES_PATCH):
            return []
        text = messages.cancelled(
            self._case,
            by_citizen=cancellation.role in (Role.CITIZEN, Role.SERVICE),
            reason=cancellation.reason,
        )
        return [self._message("cancellation-message", messages.SUBJECT_CANCELLED, text)]

    def rest_rejected_steps(self, refused: Step, reason: str) -> list[Step]:
        """The letter to the reporter that the emigration is only partly done (unless the
        letter itself was the step refused, or the case started before the reporter was
        told)."""
        if refused.kind == StepKind.CITIZEN_MESSAGE or not self.patched(SHARED_RULES_PATCH):
            return []
        text = messages.rest_rejected(self._case, reason)
        return [self._message("rest-rejected-message", messages.SUBJECT_PARTLY, text)]

    def step_activity(self, step: Step) -> StepActivity:
        """The activity of the step's kind."""
        return STEP_ACTIVITIES[StepKind(step.kind)]

    def step_input(self, step: Step) -> BaseModel:
        """The step with what every registry is told: who, where to, from which day."""
        return StepInput(
            case_id=self._case.case_id,
            step=step,
            citizen_bsn=self._case.bsn,
            country=self._case.country,
            foreign_address=self._case.foreign_address,
            deregistration_date=self._state.deregistration_date,
        )
