"""The change-of-address workflow: one durable case from report to completion.

    received → gathering → (awaiting_approval) → executing → completed
                                 ↘ rejected

The agent gathers the facts and drafts a plan (its model and tool nodes are activities run
through the LangGraph plugin); policy v1 decides the gates in workflow code; caseworkers
decide gates through the `decide` update; then every step runs once as an activity with an
idempotency key derived from the case and the step. No registry changes before every gate
is approved.
"""

from datetime import timedelta

from temporalio import workflow
from temporalio.common import RetryPolicy
from temporalio.exceptions import ActivityError, ApplicationError

with workflow.unsafe.imports_passed_through():
    from agents.change_of_address.plan import AgentOutcome, MoveRequest, StepKind
    from agents.change_of_address.runner import run_change_of_address_agent
    from burgerflow.core.constants import (
        SA_MUNICIPALITY,
        SA_STATUS,
        TERMINAL_STATUSES,
        CaseStatus,
        LifeEventType,
        Role,
    )
    from workflows.change_of_address import messages
    from workflows.change_of_address.activities import STEP_ACTIVITIES, FactActivities
    from workflows.change_of_address.facts import summarise_facts
    from workflows.change_of_address.models import (
        CaseState,
        ClaimInput,
        Comment,
        CommentInput,
        Decision,
        DecisionInput,
        DecisionKind,
        Gate,
        GateRefusal,
        GateStatus,
        ReportMoveInput,
        Risk,
        Step,
        StepInput,
        StepStatus,
        TimelineEntry,
    )
    from workflows.change_of_address.policy import PolicyConfig, PolicyResult, evaluate
    from workflows.change_of_address.projection import (
        CaseProjection,
        GateProjection,
        ProjectionActivities,
    )

STEP_RETRY = RetryPolicy(
    initial_interval=timedelta(seconds=1),
    backoff_coefficient=2.0,
    maximum_interval=timedelta(seconds=60),
    non_retryable_error_types=["RegistryClientError"],
)
"""Steps retry 5xx, timeouts and lost connections until they succeed; 4xx are final."""

PROJECTION_RETRY = RetryPolicy(maximum_interval=timedelta(seconds=30))
DECIDER_ROLES = (Role.CASEWORKER, Role.SUPERVISOR)


@workflow.defn
class ChangeOfAddress:
    """A citizen's change of address as one durable, auditable case."""

    @workflow.init
    def __init__(self, case: ReportMoveInput) -> None:
        """Set up the case state from the report (before any handler can run)."""
        self._case = case
        self._state = CaseState(
            case_id=case.case_id,
            status=CaseStatus.RECEIVED,
            reporter_bsn=case.bsn,
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
    async def run(self, case: ReportMoveInput) -> CaseState:
        """Gather, decide the gates, wait for caseworkers, execute the steps."""
        await self._set_status(CaseStatus.GATHERING)
        outcome = await self._run_agent()
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
            reported_on=case.reported_on,
            config=PolicyConfig(min_m2_per_person=case.min_m2_per_person),
            agent_failure=outcome.failure,
            agent_transcript=[e.model_dump() for e in outcome.transcript],
        )
        self._apply_verdict(verdict, outcome)
        if self._state.gates:
            await self._project_gates(self._state.gates)
            await self._set_status(CaseStatus.AWAITING_APPROVAL)
            await self._await_decisions()
            rejected = [g for g in self._state.gates if g.status is GateStatus.REJECTED]
            if rejected:
                await self._reject(rejected[0])
                return await self._finish()
        await self._set_status(CaseStatus.EXECUTING)
        for step in self._state.steps:
            if not await self._execute(step):
                self._state.outcome = f"Step {step.step_id} failed: {step.error}"
                await self._set_status(CaseStatus.FAILED)
                return await self._finish()
        self._state.outcome = "The move is registered and every organisation is informed."
        await self._set_status(CaseStatus.COMPLETED)
        return await self._finish()

    @workflow.query
    def state(self) -> CaseState:
        """The case as it stands: status, gates, steps, outcome."""
        return self._state

    @workflow.update
    async def decide(self, decision: DecisionInput) -> Gate:
        """A caseworker approves or rejects a gate; returns the gate after the decision."""
        gate = self._check_decision(decision)
        gate.decisions.append(
            Decision(
                decision=decision.decision,
                reason=decision.reason,
                actor=decision.actor,
                role=decision.role,
                decided_at=workflow.now(),
            )
        )
        if decision.decision is DecisionKind.REJECT:
            gate.status = GateStatus.REJECTED
        elif len(gate.approvals()) >= gate.required_approvals:
            gate.status = GateStatus.APPROVED
        # A four-eyes gate still pending goes back to the inbox for a second caseworker.
        gate.claimed_by = None
        self._log("decision", decision.decision, actor=decision.actor, gate_id=gate.gate_id)
        await self._project_gates([gate])
        return gate

    @decide.validator
    def validate_decide(self, decision: DecisionInput) -> None:
        """Refuse, before it reaches the history, a decision that cannot be taken."""
        self._check_decision(decision)

    def _check_decision(self, decision: DecisionInput) -> Gate:
        gate = self._check_scope(decision.gate_id, decision.role, decision.municipality)
        if gate.status is not GateStatus.PENDING or self._state.status in TERMINAL_STATUSES:
            raise ApplicationError(
                f"The gate is already {gate.status}.", type=GateRefusal.ALREADY_DECIDED
            )
        if any(d.actor == decision.actor for d in gate.decisions):
            raise ApplicationError(
                "A four-eyes gate needs a second, different caseworker.",
                type=GateRefusal.SAME_PERSON_TWICE,
            )
        self._check_claim(gate, decision.actor, decision.role)
        return gate

    def _check_claim(self, gate: Gate, actor: str, role: str) -> None:
        """A gate taken by one caseworker is theirs; a supervisor may step in."""
        if gate.claimed_by not in (None, actor) and role != Role.SUPERVISOR:
            raise ApplicationError(
                f"The gate is taken by {gate.claimed_by}.", type=GateRefusal.CLAIMED_BY_OTHER
            )

    def _check_scope(self, gate_id: str, role: str, municipality: str | None) -> Gate:
        gate = next((g for g in self._state.gates if g.gate_id == gate_id), None)
        if gate is None:
            raise ApplicationError(
                f"The case has no gate {gate_id}.", type=GateRefusal.UNKNOWN_GATE
            )
        if role not in DECIDER_ROLES:
            raise ApplicationError(
                "Only caseworkers and supervisors work on gates.", type=GateRefusal.NOT_A_DECIDER
            )
        if municipality != self._state.municipality:
            raise ApplicationError(
                "The gate belongs to another municipality.", type=GateRefusal.OUT_OF_SCOPE
            )
        return gate

    @workflow.update
    async def claim(self, claim: ClaimInput) -> Gate:
        """A caseworker takes a pending gate (or releases it); returns the gate."""
        gate = self._check_claim_input(claim)
        gate.claimed_by = None if claim.release else claim.actor
        self._log(
            "released" if claim.release else "claimed", actor=claim.actor, gate_id=gate.gate_id
        )
        await self._project_gates([gate])
        return gate

    @claim.validator
    def validate_claim(self, claim: ClaimInput) -> None:
        """Refuse a claim on a decided gate, on a gate another caseworker holds, or twice."""
        self._check_claim_input(claim)

    def _check_claim_input(self, claim: ClaimInput) -> Gate:
        gate = self._check_scope(claim.gate_id, claim.role, claim.municipality)
        if gate.status is not GateStatus.PENDING or self._state.status in TERMINAL_STATUSES:
            raise ApplicationError(
                f"The gate is already {gate.status}.", type=GateRefusal.ALREADY_DECIDED
            )
        if claim.release:
            if gate.claimed_by is None:
                raise ApplicationError("The gate is not taken.", type=GateRefusal.NOT_CLAIMED)
            self._check_claim(gate, claim.actor, claim.role)
            return gate
        if any(d.actor == claim.actor for d in gate.decisions):
            raise ApplicationError(
                "You already decided this four-eyes gate; a second caseworker must take it.",
                type=GateRefusal.SAME_PERSON_TWICE,
            )
        self._check_claim(gate, claim.actor, claim.role)
        return gate

    @workflow.update
    async def comment(self, note: CommentInput) -> Gate:
        """A caseworker adds a note to a gate; returns the gate."""
        gate = self._check_scope(note.gate_id, note.role, note.municipality)
        gate.comments.append(
            Comment(author=note.actor, role=note.role, text=note.text, at=workflow.now())
        )
        self._log("comment", actor=note.actor, gate_id=gate.gate_id)
        await self._project_gates([gate])
        return gate

    @comment.validator
    def validate_comment(self, note: CommentInput) -> None:
        """Refuse a note from outside the gate's municipality or from a non-caseworker."""
        self._check_scope(note.gate_id, note.role, note.municipality)

    async def _run_agent(self) -> AgentOutcome:
        case = self._case
        request = MoveRequest(
            reporter_bsn=case.bsn,
            co_mover_bsns=list(case.co_movers),
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
        now = workflow.now()
        deadline = timedelta(seconds=case.gate_deadline_seconds)
        state.gates = [
            Gate(
                gate_id=f"{case.case_id}.{g.rule}",
                rule=g.rule,
                risk=g.risk,
                description=g.description,
                evidence=g.evidence,
                required_approvals=2 if g.risk is Risk.HIGH else 1,
                due_at=now + deadline,
                raised_at=now,
            )
            for g in verdict.gates
        ]
        for gate in state.gates:
            self._log("gate_raised", gate.rule, gate_id=gate.gate_id)
        citizen_text = plan.citizen_message if plan else messages.completed(case)
        state.steps = [
            Step(
                step_id=f"{n:02d}-{spec.kind}",
                kind=spec.kind,
                subject=spec.subject,
                params=(
                    {"onderwerp": messages.SUBJECT_COMPLETED, "inhoud": citizen_text}
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

    async def _await_decisions(self) -> None:
        """Wait until every gate is decided or one is rejected; escalate gates past due."""

        def settled() -> bool:
            gates = self._state.gates
            return any(g.status is GateStatus.REJECTED for g in gates) or all(
                g.status is GateStatus.APPROVED for g in gates
            )

        while not settled():
            due = [
                g.due_at
                for g in self._state.gates
                if g.status is GateStatus.PENDING and not g.escalated and g.due_at
            ]
            timeout = max(min(due) - workflow.now(), timedelta(0)) if due else None
            try:
                await workflow.wait_condition(settled, timeout=timeout)
            except TimeoutError:
                await self._escalate_overdue()

    async def _escalate_overdue(self) -> None:
        now = workflow.now()
        overdue = [
            g
            for g in self._state.gates
            if g.status is GateStatus.PENDING and not g.escalated and g.due_at and g.due_at <= now
        ]
        for gate in overdue:
            gate.escalated = True
            workflow.logger.info("Gate %s is past its deadline: escalated", gate.rule)
            self._log("escalated", gate.rule, gate_id=gate.gate_id)
        await self._project_gates(overdue)

    async def _reject(self, gate: Gate) -> None:
        for other in self._state.gates:
            if other.status is GateStatus.PENDING:
                other.status = GateStatus.CANCELLED
        await self._project_gates(self._state.gates)
        reason = gate.decisions[-1].reason if gate.decisions else ""
        text = messages.rejected(self._case, reason)
        self._state.citizen_message = text
        self._state.steps = [s for s in self._state.steps if s.kind is StepKind.CITIZEN_MESSAGE]
        for step in self._state.steps:
            step.params = {"onderwerp": messages.SUBJECT_REJECTED, "inhoud": text}
            step.idempotency_key = f"{self._case.case_id}/rejection-message"
            step.step_id = "rejection-message"
            await self._execute(step)
        self._state.outcome = f"Rejected at gate {gate.rule}: {reason}"
        await self._set_status(CaseStatus.REJECTED)

    async def _execute(self, step: Step) -> bool:
        """Run one step; False when the registry refused it for good (a 4xx)."""
        try:
            result = await workflow.execute_activity_method(
                STEP_ACTIVITIES[step.kind],
                StepInput(
                    case_id=self._case.case_id,
                    step=step,
                    citizen_bsn=self._case.bsn,
                    move_date=self._case.move_date,
                    new_object_id=self._state.new_object_id,
                ),
                start_to_close_timeout=timedelta(seconds=30),
                retry_policy=STEP_RETRY,
                summary=f"step {step.step_id}",
            )
        except ActivityError as e:
            cause = e.cause
            step.status = StepStatus.FAILED
            step.error = cause.message if isinstance(cause, ApplicationError) else str(e)
            self._touch()
            return False
        step.status = StepStatus.DONE
        step.receipt = result.receipt
        self._touch()
        return True

    async def _set_status(self, status: CaseStatus) -> None:
        self._state.status = status
        self._log("status", status)
        if self._case.search_attributes:
            workflow.upsert_search_attributes([SA_STATUS.value_set(status)])
        await workflow.execute_activity_method(
            ProjectionActivities.project_case,
            CaseProjection(
                case_id=self._case.case_id,
                type=LifeEventType.CHANGE_OF_ADDRESS,
                status=status,
                municipality=self._state.municipality,
                terminal=status in TERMINAL_STATUSES,
                at=workflow.now(),
            ),
            start_to_close_timeout=timedelta(seconds=15),
            retry_policy=PROJECTION_RETRY,
        )

    async def _project_gates(self, gates: list[Gate]) -> None:
        await workflow.execute_activity_method(
            ProjectionActivities.project_gates,
            GateProjection(
                case_id=self._case.case_id,
                municipality=self._state.municipality,
                policy_version=self._state.policy_version,
                caseworker_summary=self._state.caseworker_summary,
                agent_rationale=self._state.agent_rationale,
                rules_fired=self._state.rules_fired,
                flags=self._state.flags,
                facts=self._state.facts,
                gates=gates,
                at=workflow.now(),
            ),
            start_to_close_timeout=timedelta(seconds=15),
            retry_policy=PROJECTION_RETRY,
        )

    async def _finish(self) -> CaseState:
        await workflow.wait_condition(workflow.all_handlers_finished)
        return self._state

    def _touch(self) -> None:
        self._state.updated_at = workflow.now()

    def _log(
        self, event: str, detail: str = "", *, actor: str | None = None, gate_id: str | None = None
    ) -> None:
        """Add a moment to the case's timeline (and touch the case)."""
        self._touch()
        self._state.timeline.append(
            TimelineEntry(
                at=self._state.updated_at, event=event, detail=detail, actor=actor, gate_id=gate_id
            )
        )
