"""The emigration workflow: one durable case from the report of a departure to completion.

    received → gathering → (awaiting_approval) → executing → completed
                                 ↘ rejected

The agent gathers the facts and drafts a plan (its model and tool nodes are activities run
through the LangGraph plugin); policy v1 decides the gates in workflow code; caseworkers
decide gates through the `decide` update of the generic gated case; then every step runs
once as an activity with an idempotency key derived from the case and the step. No registry
changes before every gate is approved.
"""

from collections.abc import Awaitable, Callable
from datetime import date, timedelta

from pydantic import BaseModel
from temporalio import workflow

from workflows.case.workflow import STEP_RETRY, GatedCase, StepActivity

with workflow.unsafe.imports_passed_through():
    from agents.emigration.outcome import AgentOutcome
    from agents.emigration.runner import run_emigration_agent
    from burgerflow.core.constants import SA_MUNICIPALITY, CaseStatus
    from workflows.case.models import Step, TimelineEntry
    from workflows.emigration import messages
    from workflows.emigration.activities import STEP_ACTIVITIES, FactActivities
    from workflows.emigration.domain import EmigrationRequest, StepKind, deregistration_date
    from workflows.emigration.facts import summarise_facts
    from workflows.emigration.models import (
        LIFE_EVENT,
        EmigrationCaseState,
        ReportEmigrationInput,
        StepInput,
    )
    from workflows.emigration.policy import PolicyResult, evaluate

COMPLETED = "The emigration is registered and every organisation is informed."


async def gather(
    run_agent: Callable[[], Awaitable[AgentOutcome]], *, reported_on: date
) -> tuple[AgentOutcome, PolicyResult]:
    """What a case does before its gates: the agent, the look-ups it left undone, the policy.

    The case and its evaluation workflow both gather this way, so an evaluation scores what a
    case would do.

    Args:
        run_agent: Runs the agent on the reported emigration (its turns are activities).
        reported_on: The day of the report.

    Returns:
        The agent's outcome, its facts completed, and the policy's verdict.
    """
    outcome = await run_agent()
    if outcome.facts.missing():
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
        await self.set_status(CaseStatus.GATHERING)
        outcome, verdict = await gather(self._run_agent, reported_on=case.reported_on)
        self._apply_verdict(verdict, outcome)
        await self.run_gates_and_steps(completed=COMPLETED)
        return self._state

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
                        "inhoud": citizen_text,
                    }
                    if spec.kind is StepKind.CITIZEN_MESSAGE
                    else spec.params
                ),
                rationale=spec.rationale,
                idempotency_key=f"{case.case_id}/{n:02d}-{spec.kind}",
            )
            for n, spec in enumerate(verdict.steps, start=1)
        ]
        state.citizen_message = citizen_text
        if verdict.municipality and case.search_attributes:
            workflow.upsert_search_attributes([SA_MUNICIPALITY.value_set(verdict.municipality)])

    def rejection_steps(self, reason: str) -> list[Step]:
        """Only the letter to the reporter, in the fixed words of a rejection."""
        text = messages.rejected(self._case, reason)
        self._state.citizen_message = text
        steps = [s for s in self._state.steps if s.kind == StepKind.CITIZEN_MESSAGE]
        for step in steps:
            step.params = {"onderwerp": messages.SUBJECT_REJECTED, "inhoud": text}
            step.idempotency_key = f"{self._case.case_id}/rejection-message"
            step.step_id = "rejection-message"
        return steps

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
