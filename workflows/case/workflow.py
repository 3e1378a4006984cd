"""The generic gated case: what every life event's workflow shares, written once.

    received → gathering → (awaiting_approval) → executing → completed
                     ↘            ↘ rejected         ↘ (step_failure gate) → rejected
                      cancelled ← ┘

`GatedCase` holds the `state` query, the `decide`, `claim`, `comment` and `cancel` updates
with their validators, four-eyes, deadlines and escalation, status changes and their
projection into the approvals store, step execution with idempotency keys and the timeline,
and the rules every life event shares: the letter to the citizen checked against the case's
facts (`settle_letter`, and a `letter_review` gate when review is on), a step a registry
refuses after the gates put to a caseworker (the `step_failure` gate), and cancellation
before the steps run. A life event's workflow subclasses it, decorates itself with
`@workflow.defn`, sets up its state in `@workflow.init` and writes its own `@workflow.run`:
gather the facts, let its policy decide the gates (`raise_gates`), settle its letter and plan
the steps, then `run_gates_and_steps`.

Temporal collects query and update handlers from base classes, so the handler names here
(`state`, `decide`, `claim`, `comment`, `cancel`) and the activity names (`project_case`,
`project_gates`) are those every running case holds in its history: never rename them.
Update handlers that await an activity hold one `asyncio.Lock`, so two caseworkers' updates
never interleave their projections. What changed the commands of a case after its first
release is behind `workflow.patched` (`LETTER_CHECK_PATCH`, `STEP_FAILURE_PATCH`,
`LEAN_CASE_PATCH`), so the cases started before replay as they ran.

A case started with `LEAN_CASE_PATCH` costs less: its status goes to the approvals store and
the search attributes only where someone reads it there (at its gates, together with the
gates' projection, and at its end), the `state` query giving the live status in between; and
its steps run in waves (`step_waves`): the registration the others build on first, then every
independent step at once, then the message that tells how it went.
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
        SA_MUNICIPALITY,
        SA_STATUS,
        TERMINAL_STATUSES,
        CaseStatus,
        Role,
    )
    from workflows.case.letters import (
        LETTER_TEXT_PARAM,
        Letter,
        LetterFacts,
        LetterFrame,
        LetterSource,
        frame_letter,
    )
    from workflows.case.letters import settle_letter as settle
    from workflows.case.models import (
        CancelInput,
        Cancellation,
        CaseInput,
        CaseRefusal,
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
        StepFailureChoice,
        StepResult,
        StepStatus,
        TimelineEntry,
    )
    from workflows.case.projection import CaseProjection, GateProjection, ProjectionActivities
    from workflows.case.rules import LETTER_REVIEW, STEP_FAILURE

STEP_RETRY = RetryPolicy(
    initial_interval=timedelta(seconds=1),
    backoff_coefficient=2.0,
    maximum_interval=timedelta(seconds=60),
    non_retryable_error_types=["RegistryClientError"],
)
"""Steps retry 5xx, timeouts and lost connections until they succeed; 4xx are final."""

PROJECTION_RETRY = RetryPolicy(maximum_interval=timedelta(seconds=30))
DECIDER_ROLES = (Role.CASEWORKER, Role.SUPERVISOR)

LETTER_CHECK_PATCH = "letter-check"
"""Cases started with it check their letter (`settle_letter`) and may raise `letter_review`."""
STEP_FAILURE_PATCH = "step-failure-gate"
"""Cases started with it put a step a registry refused to a caseworker instead of failing."""
LEAN_CASE_PATCH = "lean-case"
"""Cases started with it project their status only at their gates and their end (one
search-attribute upsert each) and run their independent steps in parallel (`step_waves`).
It implies every patch before it (`GatedCase.patched`), so a case records this one marker
instead of one per patch."""

PROJECTED_STATUSES = frozenset({CaseStatus.AWAITING_APPROVAL, *TERMINAL_STATUSES})
"""The statuses a lean case projects: those the inbox, `GET /v1/cases` and the reporter's
open-case claim act on. The others are in the `state` query and the timeline."""

StepActivity = Callable[[Any, Any], Awaitable[StepResult]]
"""An activity method that executes one step (`workflow.execute_activity_method`)."""

_FINISHED_STEPS = (StepStatus.DONE, StepStatus.DONE_BY_HAND)


class GatedCase:
    """Base of every life event's workflow: gates, decisions, deadlines, steps, projection.

    A subclass sets `life_event`, builds `self._case` and `self._state` in its
    `@workflow.init`, and implements `step_activity` and `step_input`.
    """

    life_event: ClassVar[str]
    """The life event's `type` (projected with every status)."""
    first_step_kinds: ClassVar[tuple[str, ...]] = ()
    """Step kinds a lean case runs one by one, in plan order, before the others: the
    registration the other steps build on."""
    last_step_kinds: ClassVar[frozenset[str]] = frozenset()
    """Step kinds a lean case runs after every other step: the message that tells how it
    went (and may cite the others' receipts)."""

    _case: CaseInput
    _state: CaseState

    def __init__(self) -> None:
        """Set up what every case shares (call from the subclass's `@workflow.init`)."""
        self._lock = asyncio.Lock()
        self._executing = False
        """Set just before the steps start: from then on the case cannot be cancelled."""
        self._lean: bool | None = None
        self._municipality_upserted = False
        self._rest_rejection: tuple[Step, Decision] | None = None
        """In a lean case: the refused step whose rest a caseworker rejected, and how."""

    # -- what a life event supplies ------------------------------------------------------

    def step_activity(self, step: Step) -> StepActivity:
        """The activity that executes `step` (by its kind)."""
        raise NotImplementedError

    def step_input(self, step: Step) -> BaseModel:
        """The activity input that executes `step`."""
        raise NotImplementedError

    def cancellation_steps(self, cancellation: Cancellation) -> list[Step]:
        """The steps that run when the case is cancelled (the message to the citizen).

        Args:
            cancellation: Who cancelled, and why.
        """
        return []

    def rest_rejected_steps(self, refused: Step, reason: str) -> list[Step]:
        """The steps that run when a caseworker rejects the rest after a refused step.

        Args:
            refused: The step the registry refused.
            reason: The caseworker's reason.
        """
        return []

    # -- versions --------------------------------------------------------------------------

    @property
    def lean(self) -> bool:
        """Whether the case runs with `LEAN_CASE_PATCH` (asked first in `run`, through
        `start_gathering`, and remembered)."""
        if self._lean is None:
            self._lean = workflow.patched(LEAN_CASE_PATCH)
        return self._lean

    def patched(self, patch_id: str) -> bool:
        """`workflow.patched(patch_id)`, true without a marker of its own in a lean case
        (every patch before `LEAN_CASE_PATCH` is part of it)."""
        return self.lean or workflow.patched(patch_id)

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
                    choice=self._choice_of(gate, decision),
                    text=decision.text,
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

    @workflow.update
    async def cancel(self, request: CancelInput) -> CaseState:
        """Cancel the case before its steps run; returns the case once it has ended.

        The case stops where it is: at its gates (they become `cancelled`), or after
        gathering when the request arrives then. No registry is changed; the citizen is told
        (`cancellation_steps`).
        """
        self._check_cancel(request)
        self._state.cancellation = Cancellation(
            reason=request.reason, actor=request.actor, role=request.role, at=workflow.now()
        )
        self._log("cancel_requested", request.role, actor=request.actor)
        await workflow.wait_condition(lambda: self._state.status in TERMINAL_STATUSES)
        return self._state

    @cancel.validator
    def validate_cancel(self, request: CancelInput) -> None:
        """Refuse, before it reaches the history, a cancellation by another or too late."""
        self._check_cancel(request)

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
        self._check_choice(gate, decision)
        return gate

    def _check_pending(self, gate: Gate) -> None:
        if gate.status is not GateStatus.PENDING or self._state.status in TERMINAL_STATUSES:
            raise ApplicationError(
                f"The gate is already {gate.status}.", type=GateRefusal.ALREADY_DECIDED
            )
        if self._state.cancellation is not None:
            raise ApplicationError("The case is cancelled.", type=GateRefusal.ALREADY_DECIDED)

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

    def _check_choice(self, gate: Gate, decision: DecisionInput) -> None:
        """A step failure is decided with a choice, a letter with an optional text; others
        with neither."""

        def refuse(message: str) -> None:
            raise ApplicationError(message, type=GateRefusal.INVALID_CHOICE)

        approve = decision.decision is DecisionKind.APPROVE
        if gate.rule == STEP_FAILURE:
            if decision.text is not None:
                refuse("A step failure takes a choice, not a text.")
            allowed = (
                (StepFailureChoice.RETRY, StepFailureChoice.DONE_BY_HAND)
                if approve
                else (None, StepFailureChoice.REJECT_REST)
            )
            if decision.choice not in allowed:
                refuse(
                    "Approve a refused step with `retry` or `done_by_hand`; reject it to "
                    "reject the rest."
                )
        elif gate.rule == LETTER_REVIEW:
            if decision.choice is not None:
                refuse("A letter is approved, as it is or with your text; it takes no choice.")
            if not approve:
                refuse(
                    "A letter is approved as it is or with your own text; to stop the case, "
                    "cancel it."
                )
        elif decision.choice is not None or decision.text is not None:
            refuse("This gate is approved or rejected with a reason only.")

    @staticmethod
    def _choice_of(gate: Gate, decision: DecisionInput) -> StepFailureChoice | None:
        """The recorded choice: a rejected step failure rejects the rest."""
        if gate.rule == STEP_FAILURE and decision.decision is DecisionKind.REJECT:
            return StepFailureChoice.REJECT_REST
        return decision.choice

    def _check_cancel(self, request: CancelInput) -> None:
        """The case's own citizen, its reporting service or its municipality's caseworkers
        may cancel it, until its steps run."""
        state = self._state
        match request.role:
            case Role.CITIZEN:
                mine = request.bsn is not None and request.bsn == state.bsn
            case Role.SERVICE:
                mine = request.actor == state.reported_by_sub
            case Role.CASEWORKER | Role.SUPERVISOR:
                mine = request.municipality is not None and (
                    request.municipality == state.municipality
                )
            case _:
                mine = False
        if not mine:
            raise ApplicationError("You may not cancel this case.", type=CaseRefusal.NOT_YOURS)
        too_late = (
            self._executing
            or state.status in (CaseStatus.EXECUTING, *TERMINAL_STATUSES)
            or state.cancellation is not None
            or any(g.status is GateStatus.REJECTED for g in state.gates)
        )
        if too_late:
            raise ApplicationError(
                f"The case can no longer be cancelled: it is {state.status}"
                + (" and being cancelled." if state.cancellation else "."),
                type=CaseRefusal.TOO_LATE,
            )

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

    @property
    def cancel_requested(self) -> bool:
        """Whether someone cancelled the case (it stops at the next point it can)."""
        return self._state.cancellation is not None

    async def run_gates_and_steps(self, *, completed: str) -> CaseState:
        """Wait at the gates (if any), then execute every step once; finish the case.

        A case cancelled while gathering or at its gates ends `cancelled` here, with no step
        run but the message to the citizen.

        Args:
            completed: The case's outcome when every step is done.
        """
        if self.cancel_requested:
            return await self._end_cancelled()
        if self._state.gates:
            if self.lean:
                await self.set_status(CaseStatus.AWAITING_APPROVAL, gates=self._state.gates)
            else:
                await self._project_gates(self._state.gates)
                await self.set_status(CaseStatus.AWAITING_APPROVAL)
            await self._await_decisions()
            if self.cancel_requested:
                return await self._end_cancelled()
            rejected = [g for g in self._state.gates if g.status is GateStatus.REJECTED]
            if rejected:
                await self._reject(rejected[0])
                return await self._finish()
            self._apply_letter_review()
        self._executing = True
        await self.set_status(CaseStatus.EXECUTING)
        if not await self._run_steps():
            return await self._finish()
        self._state.outcome = completed
        await self.set_status(CaseStatus.COMPLETED)
        return await self._finish()

    async def _run_steps(self) -> bool:
        """Execute every step once; False when the case ended otherwise.

        A step a registry refused for good goes to a caseworker (a `step_failure` gate):
        retried with the same idempotency key, marked done by hand, or the rest rejected. A
        case started before that ends `failed` at the refused step, as it did. A lean case
        runs its steps in waves (`step_waves`), the others one after another.
        """
        if self.lean:
            return await self._run_waves()
        for step in self._state.steps:
            while not await self.execute(step):
                if not self.patched(STEP_FAILURE_PATCH):
                    self._state.outcome = f"Step {step.step_id} failed: {step.error}"
                    await self.set_status(CaseStatus.FAILED)
                    return False
                gate = await self._await_step_failure(step)
                decision = gate.decisions[-1]
                if decision.choice is StepFailureChoice.RETRY:
                    # The same step, with the same idempotency key, once more.
                    step.status, step.error = StepStatus.PLANNED, None
                    continue
                if decision.choice is StepFailureChoice.DONE_BY_HAND:
                    self._done_by_hand(step, decision)
                    break
                await self._reject_rest(step, decision)
                return False
        return True

    def step_waves(self, steps: Sequence[Step]) -> list[list[Step]]:
        """The steps of a lean case in the waves they run in: each of `first_step_kinds`
        alone, in plan order; then every other step at once; then `last_step_kinds`.

        Args:
            steps: The case's planned steps.
        """
        first = [[s] for s in steps if s.kind in self.first_step_kinds]
        last = [s for s in steps if s.kind in self.last_step_kinds]
        middle = [
            s
            for s in steps
            if s.kind not in self.first_step_kinds and s.kind not in self.last_step_kinds
        ]
        return [wave for wave in (*first, middle, last) if wave]

    async def _run_waves(self) -> bool:
        """Run the steps wave by wave; a wave's steps at once, each settled on its own.

        When a caseworker rejects the rest after a refused step, the steps of its wave that
        are running finish (a registry change is never taken back), those still waiting at
        their own `step_failure` gate stay undone (the gate is cancelled), and no later wave
        runs.
        """
        for wave in self.step_waves(self._state.steps):
            await asyncio.gather(*(self._settle_step(step) for step in wave))
            if self._rest_rejection is not None:
                refused, decision = self._rest_rejection
                await self._reject_rest(refused, decision)
                return False
        return True

    async def _settle_step(self, step: Step) -> None:
        """Run one step until it is done, done by hand, or its rest rejected."""
        while not await self.execute(step):
            if self._rest_rejection is not None:
                return
            gate = await self._await_step_failure(step)
            if gate.status is GateStatus.CANCELLED:
                return
            decision = gate.decisions[-1]
            if decision.choice is StepFailureChoice.RETRY:
                step.status, step.error = StepStatus.PLANNED, None
                continue
            if decision.choice is StepFailureChoice.DONE_BY_HAND:
                self._done_by_hand(step, decision)
                return
            self._rest_rejection = (step, decision)
            for other in self._state.gates:
                if other.rule == STEP_FAILURE and other.status is GateStatus.PENDING:
                    other.status = GateStatus.CANCELLED
                    other.claimed_by = None
            return

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
            return (
                self.cancel_requested
                or any(g.status is GateStatus.REJECTED for g in gates)
                or all(g.status is GateStatus.APPROVED for g in gates)
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
        if not self.lean:
            await self._project_gates(self._state.gates)
        reason = gate.decisions[-1].reason if gate.decisions else ""
        self._state.steps = self.rejection_steps(reason)
        for step in self._state.steps:
            await self.execute(step)
        self._state.outcome = f"Rejected at gate {gate.rule}: {reason}"
        await self.set_status(CaseStatus.REJECTED, gates=self._state.gates)

    async def _end_cancelled(self) -> CaseState:
        """End a cancelled case: open gates cancelled, only the citizen's message sent."""
        cancellation = self._state.cancellation
        assert cancellation is not None
        for gate in self._state.gates:
            if gate.status is GateStatus.PENDING:
                gate.status = GateStatus.CANCELLED
                gate.claimed_by = None
        if self._state.gates and not self.lean:
            await self._project_gates(self._state.gates)
        self._state.steps = self.cancellation_steps(cancellation)
        for step in self._state.steps:
            await self.execute(step)
        self._state.outcome = f"Cancelled by the {cancellation.role}: {cancellation.reason}"
        await self.set_status(CaseStatus.CANCELLED, gates=self._state.gates)
        return await self._finish()

    # -- a step a registry refused -----------------------------------------------------------

    async def _await_step_failure(self, step: Step) -> Gate:
        """Raise the `step_failure` gate of a refused step and wait until it is decided."""
        gate = self._step_failure_gate(step)
        self._state.gates.append(gate)
        self._log("gate_raised", gate.rule, gate_id=gate.gate_id)
        await self._project_gates([gate])
        while gate.status is GateStatus.PENDING:
            due = gate.due_at if not gate.escalated else None
            timeout = max(due - workflow.now(), timedelta(0)) if due else None
            try:
                await workflow.wait_condition(
                    lambda: gate.status is not GateStatus.PENDING, timeout=timeout
                )
            except TimeoutError:
                await self._escalate_overdue()
        return gate

    def _step_failure_gate(self, step: Step) -> Gate:
        earlier = [
            g
            for g in self._state.gates
            if g.rule == STEP_FAILURE and g.evidence.get("step_id") == step.step_id
        ]
        suffix = f".{len(earlier) + 1}" if earlier else ""
        now = workflow.now()
        done = [s.step_id for s in self._state.steps if s.status in _FINISHED_STEPS]
        return Gate(
            gate_id=f"{self._case.case_id}.{STEP_FAILURE}.{step.step_id}{suffix}",
            rule=STEP_FAILURE,
            risk=Risk.NORMAL,
            description=(
                f"The registry refused step {step.step_id} ({step.kind}) after the gates: "
                f"{step.error}"
            ),
            evidence={
                "step_id": step.step_id,
                "kind": step.kind,
                "subject": step.subject,
                "idempotency_key": step.idempotency_key,
                "registry_answer": step.error,
                "steps_done": done,
            },
            due_at=now + timedelta(seconds=self._case.gate_deadline_seconds),
            raised_at=now,
        )

    def _done_by_hand(self, step: Step, decision: Decision) -> None:
        """Record that a caseworker did the step another way; nothing runs."""
        step.status = StepStatus.DONE_BY_HAND
        step.receipt = {
            "done_by_hand": True,
            "actor": decision.actor,
            "reason": decision.reason,
            "at": decision.decided_at.isoformat(),
        }
        self._touch()

    async def _reject_rest(self, refused: Step, decision: Decision) -> None:
        """Leave the refused step and every one not yet run undone; tell the citizen;
        `rejected`."""
        for step in self._state.steps:
            if step.status is StepStatus.PLANNED:
                step.status = StepStatus.SKIPPED
        told = self.rest_rejected_steps(refused, decision.reason)
        self._state.steps.extend(told)
        for step in told:
            await self.execute(step)
        self._state.outcome = (
            f"Rejected after step {refused.step_id} was refused ({refused.error}): "
            f"{decision.reason}"
        )
        cancelled = [
            g
            for g in self._state.gates
            if g.rule == STEP_FAILURE and g.status is GateStatus.CANCELLED
        ]
        await self.set_status(CaseStatus.REJECTED, gates=cancelled)

    # -- the letter to the citizen -----------------------------------------------------------

    def settle_letter(
        self, draft: str | None, *, facts: LetterFacts, frame: LetterFrame, template: str
    ) -> Letter | None:
        """The letter to the citizen: the model's draft if it passes the check, else the
        life event's template, in the frame; with a `letter_review` gate when review is on.

        Call it after `raise_gates`, and put `letter.text` in the step that delivers it (its
        `LETTER_TEXT_PARAM`) with `letter` on that step.

        Args:
            draft: The text the model drafted (None: it drafted none).
            facts: What the letter may name.
            frame: The letter's fixed parts (greeting, what to do, where to ask, sender).
            template: The life event's words for what happened.

        Returns:
            The letter, or None for a case started before letters were checked (it sends
            its text as it always did).
        """
        if not self.patched(LETTER_CHECK_PATCH):
            return None
        letter = settle(
            draft,
            facts=facts,
            frame=frame,
            template=template,
            review=self._case.letter_review and draft is not None,
        )
        self._state.letter = letter
        self._state.citizen_message = letter.text
        self._log("letter", letter.source)
        if letter.review:
            self._state.gates.append(
                self._letter_review_gate(letter, frame_letter(frame, template))
            )
            self._log("gate_raised", LETTER_REVIEW, gate_id=self._state.gates[-1].gate_id)
        return letter

    def _letter_review_gate(self, letter: Letter, template: str) -> Gate:
        now = workflow.now()
        checked = (
            "The draft failed the check, so the template is proposed: "
            + "; ".join(p.describe() for p in letter.problems)
            + "."
            if letter.problems
            else "The draft passed the check."
        )
        return Gate(
            gate_id=f"{self._case.case_id}.{LETTER_REVIEW}",
            rule=LETTER_REVIEW,
            risk=Risk.NORMAL,
            description=f"Letter review is on: read the letter before it is sent. {checked}",
            evidence={
                "proposed": letter.text,
                "draft": letter.draft,
                "problems": [p.describe() for p in letter.problems],
                "template": template,
            },
            due_at=now + timedelta(seconds=self._case.gate_deadline_seconds),
            raised_at=now,
        )

    def _apply_letter_review(self) -> None:
        """After the gates: the reviewed letter (the caseworker's text, if they wrote one)
        goes into the steps that deliver it."""
        letter = self._state.letter
        if letter is None or not letter.review:
            return
        gate = next((g for g in self._state.gates if g.rule == LETTER_REVIEW), None)
        approval = gate.approvals()[-1] if gate is not None and gate.approvals() else None
        if approval is None:
            return
        letter.reviewed_by = approval.actor
        if approval.text is not None:
            letter.text = approval.text
            letter.source = LetterSource.CASEWORKER
        self._state.citizen_message = letter.text
        for step in self._state.steps:
            if step.letter is not None:
                step.letter = letter.model_copy(deep=True)
                step.params[LETTER_TEXT_PARAM] = letter.text
        self._touch()

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

    async def start_gathering(self) -> None:
        """Move the case to `gathering` (call first in `run`: it decides `lean`)."""
        await self.set_status(CaseStatus.GATHERING)

    async def set_status(self, status: CaseStatus, *, gates: Sequence[Gate] = ()) -> None:
        """Move the case to `status`: timeline, search attribute and projection.

        A lean case projects only `PROJECTED_STATUSES`, with one upsert of its search
        attributes, and together with `gates` in one activity when there are any; a case
        started before projects every status (and leaves `gates` to its caller).

        Args:
            status: The new status.
            gates: Gates whose latest state goes with the status (lean cases).
        """
        if not self.lean:
            self._state.status = status
            self._log("status", status)
            if self._case.search_attributes:
                workflow.upsert_search_attributes([SA_STATUS.value_set(status)])
            await self._project_case(status)
            return
        if status in PROJECTED_STATUSES:
            await self._project_status(status, gates)
        # Live once projected: who reads `awaiting_approval` finds the gates in the inbox.
        self._state.status = status
        self._log("status", status)

    async def _project_status(self, status: CaseStatus, gates: Sequence[Gate]) -> None:
        """A lean case's projection of `status`: one upsert, one activity (a local one at
        the end, where the case has nothing left to wait for)."""
        if self._case.search_attributes:
            updates = [SA_STATUS.value_set(status)]
            if self._state.municipality and not self._municipality_upserted:
                updates.append(SA_MUNICIPALITY.value_set(self._state.municipality))
                self._municipality_upserted = True
            workflow.upsert_search_attributes(updates)
        local = status in TERMINAL_STATUSES
        if gates:
            await self._project_gates(list(gates), case=self._case_projection(status), local=local)
        else:
            await self._project_case(status, local=local)

    def upsert_municipality(self, municipality: str) -> None:
        """Set the case's municipality search attribute now (a case started before
        `LEAN_CASE_PATCH`); a lean case sends it with its next status."""
        if self._case.search_attributes and not self.lean:
            workflow.upsert_search_attributes([SA_MUNICIPALITY.value_set(municipality)])

    def _case_projection(self, status: CaseStatus) -> CaseProjection:
        return CaseProjection(
            case_id=self._case.case_id,
            type=self.life_event,
            status=status,
            municipality=self._state.municipality,
            terminal=status in TERMINAL_STATUSES,
            at=workflow.now(),
        )

    async def _project_case(self, status: CaseStatus, *, local: bool = False) -> None:
        """Project the case's status; as a local activity when `local` (a lean case's end)."""
        projection = self._case_projection(status)
        if local:
            await workflow.execute_local_activity_method(
                ProjectionActivities.project_case,
                projection,
                start_to_close_timeout=timedelta(seconds=15),
                retry_policy=PROJECTION_RETRY,
            )
            return
        await workflow.execute_activity_method(
            ProjectionActivities.project_case,
            projection,
            start_to_close_timeout=timedelta(seconds=15),
            retry_policy=PROJECTION_RETRY,
        )

    async def _project_gates(
        self, gates: list[Gate], *, case: CaseProjection | None = None, local: bool = False
    ) -> None:
        """Project `gates`, and the case's status with them when `case` is given; as a local
        activity when `local` (a lean case's end)."""
        projection = GateProjection(
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
            case=case,
        )
        if local:
            await workflow.execute_local_activity_method(
                ProjectionActivities.project_gates,
                projection,
                start_to_close_timeout=timedelta(seconds=15),
                retry_policy=PROJECTION_RETRY,
            )
            return
        await workflow.execute_activity_method(
            ProjectionActivities.project_gates,
            projection,
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
