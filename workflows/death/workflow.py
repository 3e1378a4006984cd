"""The report of a death as a workflow: one durable case from report to completion.

    received → gathering → awaiting_approval → executing → completed
                                 ↘ rejected

The agent gathers the facts and drafts a plan (its model and tool nodes are activities run
through the LangGraph plugin); policy v1 decides the gates in workflow code — always the
`deed`, since a registrar draws up the deed by law; caseworkers of the municipality of death
decide them through the `decide` update of the generic gated case; then every step runs once
as an activity with an idempotency key derived from the case and the step: deed, permit, the
BRP, the organisations, the partner's letter and, last, the undertaker's message with the
deed's and permit's numbers. No registry changes before every gate is approved.
"""

from collections.abc import Awaitable, Callable
from datetime import date, timedelta

from pydantic import BaseModel
from temporalio import workflow

from workflows.case.workflow import STEP_RETRY, GatedCase, StepActivity

with workflow.unsafe.imports_passed_through():
    from agents.death.outcome import AgentOutcome
    from agents.death.runner import run_death_agent
    from burgerflow.core.constants import CaseStatus
    from workflows.case.models import Cancellation, Step, TimelineEntry
    from workflows.death import messages
    from workflows.death.activities import STEP_ACTIVITIES, FactActivities
    from workflows.death.domain import DeathFacts, DeathRequest, StepKind
    from workflows.death.facts import full_name, summarise_facts
    from workflows.death.models import (
        LIFE_EVENT,
        DeathCaseState,
        DeathStepInput,
        ReportDeathInput,
    )
    from workflows.death.policy import PolicyResult, evaluate

COMPLETED = "The deed is drawn up, the permit issued and every organisation is informed."
REJECTION_STEP = "rejection-message"
CANCELLATION_STEP = "cancellation-message"
REST_REJECTED_STEP = "rest-rejected-message"
FIXED_MESSAGES = frozenset({REJECTION_STEP, CANCELLATION_STEP, REST_REJECTED_STEP})
"""The undertaker's messages worded before they run (the completed one is worded last)."""


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
        run_agent: Runs the agent on the reported death (its turns are activities).
        reported_on: The day of the report (for `late_report`).
        look_up_missing: Whether to still do the look-ups the agent left undone (not for a
            case cancelled while it gathered).

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


def deceased_name(facts: DeathFacts) -> str:
    """How the letters name the deceased: as BRP does, else by the reported surname."""
    return full_name(facts.deceased) or facts.request.deceased.geslachtsnaam


@workflow.defn
class ReportOfDeath(GatedCase):
    """A reported death as one durable, auditable case of the municipality of death."""

    life_event = LIFE_EVENT
    first_step_kinds = (StepKind.DRAW_UP_DEED,)
    last_step_kinds = frozenset({StepKind.UNDERTAKER_MESSAGE})
    _case: ReportDeathInput
    _state: DeathCaseState

    @workflow.init
    def __init__(self, case: ReportDeathInput) -> None:
        """Set up the case state from the report (before any handler can run)."""
        super().__init__()
        self._case = case
        self._request: DeathRequest = case.request()
        self._name = case.deceased.geslachtsnaam
        self._state = DeathCaseState(
            case_id=case.case_id,
            status=CaseStatus.RECEIVED,
            bsn=case.bsn,
            reported_by_sub=case.reported_by.sub,
            # The case is the municipality of death's from the start: its caseworkers, and
            # only they, see it.
            municipality=case.place_of_death,
            deceased=case.deceased,
            date_of_death=case.date_of_death,
            place_of_death=case.place_of_death,
            manner=case.manner,
            disposal=case.disposal,
            updated_at=case.reported_at,
            timeline=[
                TimelineEntry(at=case.reported_at, event="status", detail=CaseStatus.RECEIVED)
            ],
        )

    @workflow.run
    async def run(self, case: ReportDeathInput) -> DeathCaseState:
        """Gather, decide the gates, wait for the registrar and caseworkers, run the steps."""
        self.upsert_municipality(case.place_of_death)
        await self.start_gathering()
        outcome, verdict = await gather(
            self._run_agent,
            reported_on=case.reported_on,
            look_up_missing=lambda: not self.cancel_requested,
        )
        self._apply_verdict(verdict, outcome)
        await self.run_gates_and_steps(completed=COMPLETED)
        return self._state

    async def _run_agent(self) -> AgentOutcome:
        return await run_death_agent(self._request, max_turns=self._case.agent_max_turns)

    def _apply_verdict(self, verdict: PolicyResult, outcome: AgentOutcome) -> None:
        state = self._state
        facts = outcome.facts
        self._name = deceased_name(facts)
        state.policy_version = verdict.version
        state.flags = list(verdict.flags)
        state.rules_fired = list(verdict.rules_fired)
        state.facts = summarise_facts(facts)
        state.surviving_partners = list(verdict.surviving_partners)
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
        kinds = {StepKind(s.kind) for s in verdict.steps}
        steps: list[Step] = []
        for n, spec in enumerate(verdict.steps, start=1):
            params = dict(spec.params)
            if spec.kind is StepKind.PARTNER_LETTER:
                partner = facts.persons.get(spec.subject or "")
                letter = messages.partner_letter(
                    self._request,
                    partner_name=full_name(partner) or "heer of mevrouw",
                    deceased_name=self._name,
                    kinds=kinds,
                )
                params = {
                    "onderwerp": messages.partner_subject(self._name),
                    "inhoud": letter,
                    "afzender": messages.sender(self._request),
                }
                state.citizen_message = state.citizen_message or letter
            steps.append(
                Step(
                    step_id=f"{n:02d}-{spec.kind}",
                    kind=spec.kind,
                    subject=spec.subject,
                    params=params,
                    rationale=spec.rationale,
                    idempotency_key=f"{self._case.case_id}/{n:02d}-{spec.kind}",
                )
            )
        state.steps = steps

    def _number(self, kind: StepKind, field: str) -> str | None:
        """A number from the receipt of the case's step of `kind`, once it ran."""
        for step in self._state.steps:
            if step.kind == kind and step.receipt and step.receipt.get(field):
                return str(step.receipt[field])
        return None

    def _undertaker_step(self, step_id: str, subject: str, text: str, why: str) -> Step:
        """A message to the undertaker in fixed words, keyed by its own step id."""
        self._state.undertaker_message = text
        return Step(
            step_id=step_id,
            kind=StepKind.UNDERTAKER_MESSAGE,
            subject=self._case.bsn,
            params={"onderwerp": subject, "inhoud": text},
            rationale=why,
            idempotency_key=f"{self._case.case_id}/{step_id}",
        )

    def rejection_steps(self, reason: str) -> list[Step]:
        """Only the message to the undertaker, in the fixed words of a rejection."""
        text = messages.undertaker_rejected(self._request, deceased_name=self._name, reason=reason)
        return [
            self._undertaker_step(
                REJECTION_STEP,
                messages.SUBJECT_UNDERTAKER_REJECTED,
                text,
                "The undertaker hears why the report was not processed.",
            )
        ]

    def cancellation_steps(self, cancellation: Cancellation) -> list[Step]:
        """Only the message to the undertaker: the report is withdrawn, nothing changed."""
        text = messages.undertaker_cancelled(
            self._request, deceased_name=self._name, reason=cancellation.reason
        )
        return [
            self._undertaker_step(
                CANCELLATION_STEP,
                messages.SUBJECT_UNDERTAKER_CANCELLED,
                text,
                "The undertaker hears that the report was withdrawn.",
            )
        ]

    def rest_rejected_steps(self, refused: Step, reason: str) -> list[Step]:
        """The message to the undertaker that the report is only partly processed (unless the
        undertaker's message itself was the step refused)."""
        if refused.kind == StepKind.UNDERTAKER_MESSAGE:
            return []
        text = messages.undertaker_rest_rejected(
            self._request,
            deceased_name=self._name,
            reason=reason,
            deed_number=self._number(StepKind.DRAW_UP_DEED, "aktenummer"),
            permit_number=self._number(StepKind.ISSUE_DISPOSAL_PERMIT, "verlofnummer"),
        )
        return [
            self._undertaker_step(
                REST_REJECTED_STEP,
                messages.SUBJECT_UNDERTAKER_PARTLY,
                text,
                "The undertaker hears what was done and that the rest was stopped.",
            )
        ]

    def step_activity(self, step: Step) -> StepActivity:
        """The activity of the step's kind."""
        return STEP_ACTIVITIES[StepKind(step.kind)]

    def step_input(self, step: Step) -> BaseModel:
        """The step with the reported death, the undertaker and the numbers issued so far.

        The undertaker's message is worded here, as it runs last: by then the deed and the
        permit have their numbers.
        """
        state = self._state
        state.deed_number = self._number(StepKind.DRAW_UP_DEED, "aktenummer")
        state.permit_number = self._number(StepKind.ISSUE_DISPOSAL_PERMIT, "verlofnummer")
        if step.kind == StepKind.UNDERTAKER_MESSAGE and step.step_id not in FIXED_MESSAGES:
            text = messages.undertaker_message(
                self._request,
                deceased_name=self._name,
                deed_number=state.deed_number,
                permit_number=state.permit_number,
                recorded_in_brp=any(s.kind == StepKind.BRP_RECORD_DEATH for s in state.steps),
            )
            step.params = {"onderwerp": messages.SUBJECT_UNDERTAKER, "inhoud": text}
            state.undertaker_message = text
        return DeathStepInput(
            case_id=self._case.case_id,
            step=step,
            bsn=self._case.bsn,
            request=self._request,
            undertaker=self._case.undertaker,
            deed_number=state.deed_number,
            permit_number=state.permit_number,
        )
