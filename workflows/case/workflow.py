"""The generic gated case: what every life event's workflow shares, written once.

    received → gathering → (awaiting_approval) → executing → completed
                                 ↘ rejected

`GatedCase` holds the `state` query, the `decide`, `claim` and `comment` updates with their
validators, four-eyes, deadlines and escalation, status changes and their projection into the
approvals store, step execution with idempotency keys and the timeline. A life event's
workflow subclasses it, decorates itself with `@workflow.defn`, sets up its state in
`@workflow.init` and writes its own `@workflow.run`: gather the facts, let its policy decide
the gates (`raise_gates`) and plan the steps, then `run_gates_and_steps`.

Temporal collects query and update handlers from base classes, so the handler names here
(`state`, `decide`, `claim`, `comment`) and the activity names (`project_case`,
`project_gates`) are those every running case holds in its history: never rename them.
Update handlers that await an activity hold one `asyncio.Lock`, so two caseworkers' updates
never interleave their projections.
"""

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from datetime import timedelta
from typing import Any, ClassVar

from pydantic import BaseModel
from temporalio import workflow
from temporalio.common import RetryPolicy
from temporalio.exceptions import ActivityError, ApplicationError

with workflow.unsafe.imports_passed_through():
    from burgerflow.core.constants import (
        SA_STATUS,
        TERMINAL_STATUSES,
        CaseStatus,
        Role,
    )
    from workflows.case.models import (
        CaseInput,
        CaseState,
        ClaimInput,
        Comment,
        CommentInput,
        Decision,
        DecisionInput,
        DecisionKind,
        Gate,
        GateDraft,
        GateRefusal,
        GateStatus,
        Risk,
        Step,
        StepResult,
        StepStatus,
        TimelineEntry,
    )
    from workflows.case.projection import CaseProjection, GateProjection, ProjectionActivities

STEP_RETRY = RetryPolicy(
    initial_interval=timedelta(seconds=1),
    backoff_coefficient=2.0,
    maximum_interval=timedelta(seconds=60),
    non_retryable_error_types=["RegistryClientError"],
)
"""Steps retry 5xx, timeouts and lost connections until they succeed; 4xx are final."""

PROJECTION_RETRY = RetryPolicy(maximum_interval=timedelta(seconds=30))
DECIDER_ROLES = (Role.CASEWORKER, Role.SUPERVISOR)

StepActivity = Callable[[Any, Any], Awaitable[StepResult]]
"""An activity method that executes one step (`workflow.execute_activity_method`)."""


class GatedCase:
    """Base of every life event's workflow: gates, decisions, deadlines, steps, projection.

    A subclass sets `life_event`, builds `self._case` and `self._state` in its
    `@workflow.init`, and implements `step_activity` and `step_input`.
    """

    life_event: ClassVar[str]
    """The life event's `type` (projected with every status)."""

    _case: CaseInput
    _state: CaseState

    def __init__(self) -> None:
        """Set up what every case shares (call from the subclass's `@workflow.init`)."""
        self._lock = asyncio.Lock()

    # -- what a life event supplies ------------------------------------------------------

    def step_activity(self, step: Step) -> StepActivity:
        """The activity that executes `step` (by its kind)."""
        raise NotImplementedError

    def step_input(self, step: Step) -> BaseModel:
        """The activity input that executes `step`."""
        raise NotImplementedError

    # -- queries and updates ---------------------------------------------------------------

    @workflow.query
    def state(self) -> CaseState:
        """The case as it stands: status, gates, steps, outcome."""
        return self._state

    @workflow.update
    async def decide(self, decision: DecisionInput) -> Gate:
        """A caseworker approves or rejects a gate; returns the gate after the decision."""
        async with self._lock:
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

    @workflow.update
    async def claim(self, claim: ClaimInput) -> Gate:
        """A caseworker takes a pending gate (or releases it); returns the gate."""
        async with self._lock:
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

    @workflow.update
    async def comment(self, note: CommentInput) -> Gate:
        """A caseworker adds a note to a gate; returns the gate."""
        async with self._lock:
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

    # -- checks shared by the validators and the handlers ------------------------------------

    def _check_decision(self, decision: DecisionInput) -> Gate:
        gate = self._check_scope(decision.gate_id, decision.role, decision.municipality)
        self._check_pending(gate)
        if any(d.actor == decision.actor for d in gate.decisions):
            raise ApplicationError(
                "A four-eyes gate needs a second, different caseworker.",
                type=GateRefusal.SAME_PERSON_TWICE,
            )
        self._check_claim(gate, decision.actor, decision.role)
        return gate

    def _check_pending(self, gate: Gate) -> None:
        if gate.status is not GateStatus.PENDING or self._state.status in TERMINAL_STATUSES:
            raise ApplicationError(
                f"The gate is already {gate.status}.", type=GateRefusal.ALREADY_DECIDED
            )

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

    def _check_claim_input(self, claim: ClaimInput) -> Gate:
        gate = self._check_scope(claim.gate_id, claim.role, claim.municipality)
        self._check_pending(gate)
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

    # -- the case's course -----------------------------------------------------------------

    def raise_gates(self, drafts: Sequence[GateDraft]) -> None:
        """Turn the policy's gate drafts into the case's gates, each due after the deadline."""
        now = workflow.now()
        deadline = timedelta(seconds=self._case.gate_deadline_seconds)
        self._state.gates = [
            Gate(
                gate_id=f"{self._case.case_id}.{g.rule}",
                rule=g.rule,
                risk=g.risk,
                description=g.description,
                evidence=g.evidence,
                required_approvals=2 if g.risk is Risk.HIGH else 1,
                due_at=now + deadline,
                raised_at=now,
            )
            for g in drafts
        ]
        for gate in self._state.gates:
            self._log("gate_raised", gate.rule, gate_id=gate.gate_id)

    async def run_gates_and_steps(self, *, completed: str) -> CaseState:
        """Wait at the gates (if any), then execute every step once; finish the case.

        Args:
            completed: The case's outcome when every step is done.
        """
        if self._state.gates:
            await self._project_gates(self._state.gates)
            await self.set_status(CaseStatus.AWAITING_APPROVAL)
            await self._await_decisions()
            rejected = [g for g in self._state.gates if g.status is GateStatus.REJECTED]
            if rejected:
                await self._reject(rejected[0])
                return await self._finish()
        await self.set_status(CaseStatus.EXECUTING)
        for step in self._state.steps:
            if not await self.execute(step):
                self._state.outcome = f"Step {step.step_id} failed: {step.error}"
                await self.set_status(CaseStatus.FAILED)
                return await self._finish()
        self._state.outcome = completed
        await self.set_status(CaseStatus.COMPLETED)
        return await self._finish()

    def rejection_steps(self, reason: str) -> list[Step]:
        """The steps that still run when a gate is rejected (the message to the citizen).

        Args:
            reason: The rejecting caseworker's reason.
        """
        return []

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
        self._state.steps = self.rejection_steps(reason)
        for step in self._state.steps:
            await self.execute(step)
        self._state.outcome = f"Rejected at gate {gate.rule}: {reason}"
        await self.set_status(CaseStatus.REJECTED)

    async def execute(self, step: Step) -> bool:
        """Run one step; False when the registry refused it for good (a 4xx)."""
        try:
            result = await workflow.execute_activity_method(
                self.step_activity(step),
                self.step_input(step),
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

    async def set_status(self, status: CaseStatus) -> None:
        """Move the case to `status`: timeline, search attribute and projection."""
        self._state.status = status
        self._log("status", status)
        if self._case.search_attributes:
            workflow.upsert_search_attributes([SA_STATUS.value_set(status)])
        await workflow.execute_activity_method(
            ProjectionActivities.project_case,
            CaseProjection(
                case_id=self._case.case_id,
                type=self.life_event,
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
