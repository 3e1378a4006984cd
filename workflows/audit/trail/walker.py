"""The history walker: a decoded case history, event by event, into its `Trail`.

The history is the audit record: it holds the request (the workflow input), every registry
read and model call of the agent (the LangGraph plugin's activity inputs and results), the
policy verdict and the gates (the projection activities' inputs and the workflow's result),
every caseworker decision (the `decide` update events, with who, when and why) and every
step with its idempotency key and registry receipt. The walker reads what every gated case
records alike and asks the life event's `TrailAdapter` the rest.
"""

from collections.abc import Callable
from datetime import datetime
from typing import Any

from temporalio.api.enums.v1 import EventType
from temporalio.api.history.v1 import HistoryEvent
from temporalio.client import WorkflowHistory

from workflows.audit.history import first_value
from workflows.audit.trail import rendering
from workflows.audit.trail.adapter import Pseudonym, activity_name
from workflows.audit.trail.langgraph import graph_result, graph_state, model_call, tool_replies
from workflows.audit.trail.lookup import trail_reading
from workflows.audit.trail.models import (
    DecisionRecord,
    GateRecord,
    LetterRecord,
    OutcomeRecord,
    PolicyRecord,
    RegistryRead,
    StepRecord,
    Trail,
    TrailEvent,
    TrailKind,
)
from workflows.audit.trail.payloads import as_dict, event_time, failure_message, resolve
from workflows.case.letters import LetterProblem
from workflows.case.projection import ProjectionActivities
from workflows.case.rules import STEP_FAILURE
from workflows.case.workflow import GatedCase

PROJECT_CASE_ACTIVITY = activity_name(ProjectionActivities.project_case)
PROJECT_GATES_ACTIVITY = activity_name(ProjectionActivities.project_gates)
DECIDE_UPDATE = str(GatedCase.decide._defn.name)
CANCEL_UPDATE = str(GatedCase.cancel._defn.name)
DONE_BY_HAND = "done_by_hand"
REJECT_REST = "reject_rest"


def _problem_text(raw: Any) -> str:
    """A letter problem as a phrase; as recorded when today's model no longer reads it."""
    try:
        return LetterProblem.model_validate(raw).describe()
    except ValueError:
        return str(raw)


def letter_record(raw: dict[str, Any]) -> LetterRecord:
    """The trail's record of a recorded letter (plain JSON)."""
    source = str(raw.get("source", "?"))
    problems = [_problem_text(p) for p in raw.get("problems") or []]
    reviewed_by = raw.get("reviewed_by")
    draft = raw.get("draft")
    if source == "caseworker":
        why = f"Written by {reviewed_by} in the letter review."
    elif draft is None:
        why = "The template: there was no drafted letter."
    elif problems:
        why = f"The drafted letter failed the check ({'; '.join(problems)}): the template is sent."
    else:
        why = "The drafted letter passed the check" + (
            f", approved by {reviewed_by}." if reviewed_by else "."
        )
    return LetterRecord(
        source=source, why=why, problems=problems, draft=draft, reviewed_by=reviewed_by
    )


class _Activity:
    """An activity as the history tells it: scheduled, started (attempts), closed."""

    def __init__(self, event: HistoryEvent) -> None:
        attrs = event.activity_task_scheduled_event_attributes
        self.scheduled = event
        self.name = attrs.activity_type.name
        self.input = first_value(attrs.input)
        self.attempts = 1


def _workflow_type(history: WorkflowHistory) -> str:
    for event in history.events[:1]:
        if event.event_type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED:
            return event.workflow_execution_started_event_attributes.workflow_type.name
    return ""


class HistoryWalker:
    """Reads a decoded history event by event into a `Trail`."""

    def __init__(self, history: WorkflowHistory) -> None:
        """Find the history's life event and its trail adapter."""
        self.history = history
        self.reading = trail_reading(_workflow_type(history), history.workflow_id)
        self.adapter = self.reading.adapter
        self.trail = Trail(
            case_id=history.workflow_id,
            workflow_type="",
            history_events=len(history.events),
        )
        self.activities: dict[int, _Activity] = {}
        self.updates: dict[str, tuple[HistoryEvent, str, dict[str, Any]]] = {}
        self.gates: dict[str, GateRecord] = {}

    def add(self, event: HistoryEvent, kind: TrailKind, title: str, **kw: Any) -> None:
        """Add a moment to the timeline."""
        self.trail.timeline.append(
            TrailEvent(
                at=event_time(event.event_time),
                event_id=event.event_id,
                kind=kind,
                title=title,
                **kw,
            )
        )

    def walk(self) -> Trail:
        """Read every event of the history; the trail they make."""
        handlers: dict[int, Callable[[HistoryEvent], None]] = {
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED: self.on_started,
            EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED: self.on_scheduled,
            EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED: self.on_activity_started,
            EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED: self.on_activity_completed,
            EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED: self.on_activity_failed,
            EventType.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT: self.on_activity_failed,
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED: self.on_update_accepted,
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED: self.on_update_completed,
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED: self.on_completed,
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED: self.on_closed_otherwise,
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED: self.on_closed_otherwise,
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED: self.on_closed_otherwise,
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT: self.on_closed_otherwise,
        }
        for event in self.history.events:
            handler = handlers.get(event.event_type)
            if handler is not None:
                handler(event)
        self.trail.gates = list(self.gates.values())
        return self.trail

    # The request and the end -------------------------------------------------------------

    def on_started(self, event: HistoryEvent) -> None:
        """The request: the workflow's start input."""
        attrs = event.workflow_execution_started_event_attributes
        self.trail.workflow_type = attrs.workflow_type.name
        request = as_dict(first_value(attrs.input))
        self.trail.request = request
        reporter = as_dict(request.get("reported_by"))
        actor = f"{reporter.get('role', '?')} {reporter.get('sub', '?')}"
        summary = self.adapter.request_summary(request)
        self.add(
            event,
            TrailKind.REQUEST,
            rendering.request_title(self.reading.title, actor, summary),
            actor=actor,
            detail=request,
        )

    def on_completed(self, event: HistoryEvent) -> None:
        """The case's end: its final state (the workflow's result)."""
        state = as_dict(first_value(event.workflow_execution_completed_event_attributes.result))
        self.trail.closed = True
        self.apply_case_state(state)
        self.add_unprojected_statuses(state)
        status = str(state.get("status", "completed"))
        self.trail.status = status
        self.trail.outcome = OutcomeRecord(
            at=event_time(event.event_time),
            event_id=event.event_id,
            status=status,
            outcome=state.get("outcome"),
            citizen_message=state.get("citizen_message"),
        )
        self.add(
            event,
            TrailKind.OUTCOME,
            rendering.outcome_title(status, state.get("outcome")),
            detail={
                "status": status,
                "outcome": state.get("outcome"),
                "citizen_message": state.get("citizen_message"),
            },
        )

    def on_closed_otherwise(self, event: HistoryEvent) -> None:
        """A case that failed, was terminated, cancelled or timed out."""
        kind = EventType.Name(event.event_type).removeprefix("EVENT_TYPE_WORKFLOW_EXECUTION_")
        status = kind.lower()
        reason = ""
        if event.HasField("workflow_execution_failed_event_attributes"):
            reason = failure_message(event.workflow_execution_failed_event_attributes.failure)
        elif event.HasField("workflow_execution_terminated_event_attributes"):
            attrs = event.workflow_execution_terminated_event_attributes
            reason = f"terminated by {attrs.identity}: {attrs.reason}"
        self.trail.closed = True
        self.trail.status = status
        self.trail.outcome = OutcomeRecord(
            at=event_time(event.event_time),
            event_id=event.event_id,
            status=status,
            outcome=reason,
        )
        self.add(
            event,
            TrailKind.OUTCOME,
            rendering.outcome_title(status, reason),
            detail={"reason": reason},
        )

    def add_unprojected_statuses(self, state: dict[str, Any]) -> None:
        """The statuses a lean case went through without projecting them (`gathering`,
        `executing`; its end, projected by a local activity), from its final timeline, each
        at its own time and in history order (at the workflow task that made the change); a
        case that projected every status adds none."""
        seen = [e.detail.get("status") for e in self.trail.timeline if e.kind is TrailKind.STATUS]
        tasks = [
            (event_time(e.event_time), e.event_id)
            for e in self.history.events
            if e.event_type == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED
        ]
        added = False
        for raw in state.get("timeline") or []:
            entry = as_dict(raw)
            status = entry.get("detail")
            if entry.get("event") != "status" or status == "received" or not status:
                continue
            if status in seen:
                seen.remove(status)
                continue
            at = datetime.fromisoformat(str(entry["at"]))
            # The workflow task that made the change: the first to complete at or after it.
            event_id = next((i for t, i in tasks if t >= at), self.history.events[-1].event_id)
            self.trail.timeline.append(
                TrailEvent(
                    at=at,
                    event_id=event_id,
                    kind=TrailKind.STATUS,
                    title=rendering.status_title(str(status)),
                    detail={"status": status},
                )
            )
            added = True
        if added:
            self.trail.timeline.sort(key=lambda e: e.event_id)

    def apply_case_state(self, state: dict[str, Any]) -> None:
        """Take the policy, gates and steps from a recorded `CaseState` (the final result)."""
        self.trail.municipality = state.get("municipality") or self.trail.municipality
        self.set_policy(state)
        for gate in state.get("gates") or []:
            self.merge_gate(as_dict(gate))
        recorded = {s.step_id: s for s in self.trail.steps}
        for raw in state.get("steps") or []:
            step = as_dict(raw)
            known = recorded.get(str(step.get("step_id")))
            if known is None:
                continue
            if step.get("status") == DONE_BY_HAND:
                known.status = DONE_BY_HAND
                known.receipt = as_dict(step.get("receipt")) or known.receipt
            elif known.receipt is None and step.get("receipt"):
                known.receipt = step["receipt"]

    def set_policy(self, data: dict[str, Any]) -> None:
        """The policy verdict of a projection or the final state, once it is recorded."""
        if not data.get("policy_version"):
            return
        gates = [as_dict(g) for g in data.get("gates") or []]
        fired = data.get("rules_fired") or [g.get("rule") for g in gates if g.get("rule")]
        self.trail.policy = PolicyRecord(
            version=data["policy_version"],
            rules_fired=list(dict.fromkeys(str(r) for r in fired)),
            flags=[str(f) for f in data.get("flags") or []],
        )

    # Activities ----------------------------------------------------------------------------

    def on_scheduled(self, event: HistoryEvent) -> None:
        """An activity scheduled; a projection's input is read right away."""
        record = _Activity(event)
        self.activities[event.event_id] = record
        if record.name == PROJECT_CASE_ACTIVITY:
            self.on_status(event, as_dict(record.input))
        elif record.name == PROJECT_GATES_ACTIVITY:
            self.on_gates(event, as_dict(record.input))

    def on_activity_started(self, event: HistoryEvent) -> None:
        """An activity attempt started (a retry shows as a higher attempt)."""
        attrs = event.activity_task_started_event_attributes
        record = self.activities.get(attrs.scheduled_event_id)
        if record is not None:
            record.attempts = max(record.attempts, attrs.attempt)

    def on_activity_completed(self, event: HistoryEvent) -> None:
        """A model turn, a tools run, a look-up of the life event's own, or a step done."""
        attrs = event.activity_task_completed_event_attributes
        record = self.activities.get(attrs.scheduled_event_id)
        if record is None:
            return
        result = first_value(attrs.result)
        if record.name in self.adapter.model_activities:
            self.on_model_call(event, record, result)
        elif record.name in self.adapter.tools_activities:
            self.on_tools(event, record, result)
        elif (reads := self.adapter.workflow_reads(record.name, record.input, result)) is not None:
            for read in reads:
                self.add_read(
                    RegistryRead(
                        at=event_time(event.event_time),
                        event_id=event.event_id,
                        by="workflow",
                        tool=read.tool,
                        registry=read.registry,
                        arguments=read.arguments,
                        facts=read.facts,
                    ),
                    event,
                )
        elif self.is_step(record):
            self.on_step(event, record, result=result)

    def on_activity_failed(self, event: HistoryEvent) -> None:
        """A failed (or timed-out) model turn or step."""
        if event.HasField("activity_task_failed_event_attributes"):
            attrs = event.activity_task_failed_event_attributes
            scheduled_id, error = attrs.scheduled_event_id, failure_message(attrs.failure)
        else:
            timed_out = event.activity_task_timed_out_event_attributes
            scheduled_id, error = timed_out.scheduled_event_id, failure_message(timed_out.failure)
        record = self.activities.get(scheduled_id)
        if record is None:
            return
        if record.name in self.adapter.model_activities:
            self.on_model_call(event, record, None, error=error)
        elif self.is_step(record):
            self.on_step(event, record, error=error)

    @staticmethod
    def is_step(record: _Activity) -> bool:
        """Whether an activity executes a step (its input carries a step with a key)."""
        return "idempotency_key" in as_dict(as_dict(record.input).get("step"))

    def on_status(self, event: HistoryEvent, projection: dict[str, Any]) -> None:
        """A status projection."""
        status = str(projection.get("status", "?"))
        self.trail.status = status
        self.trail.municipality = projection.get("municipality") or self.trail.municipality
        self.add(event, TrailKind.STATUS, rendering.status_title(status), detail={"status": status})

    def on_gates(self, event: HistoryEvent, projection: dict[str, Any]) -> None:
        """A gate projection: the policy verdict (first time), new gates and escalations."""
        self.trail.municipality = projection.get("municipality") or self.trail.municipality
        self.on_gates_only(event, projection)
        # A lean case projects its status with its gates (after them, as the sink writes it).
        if as_dict(projection.get("case")):
            self.on_status(event, as_dict(projection["case"]))

    def on_gates_only(self, event: HistoryEvent, projection: dict[str, Any]) -> None:
        """The gates of a gate projection: the policy (first time), new gates, escalations."""
        if self.trail.policy is None and projection.get("policy_version"):
            self.set_policy(projection)
            policy = self.trail.policy
            assert policy is not None
            self.add(
                event,
                TrailKind.POLICY,
                rendering.policy_title(policy),
                detail=policy.model_dump(mode="json"),
            )
        for raw in projection.get("gates") or []:
            gate = as_dict(raw)
            gate_id = str(gate.get("gate_id"))
            before = self.gates.get(gate_id)
            was_escalated = before is not None and before.escalated
            record = self.merge_gate(gate)
            if before is None:
                self.add(
                    event,
                    TrailKind.GATE_RAISED,
                    rendering.gate_raised_title(record),
                    detail={"gate_id": gate_id, "rule": record.rule, "evidence": record.evidence},
                )
            elif record.escalated and not was_escalated:
                self.add(
                    event,
                    TrailKind.ESCALATION,
                    rendering.escalation_title(record),
                    detail={"gate_id": gate_id},
                )

    def merge_gate(self, gate: dict[str, Any]) -> GateRecord:
        """The gate's record, created or brought up to date from a recorded gate."""
        gate_id = str(gate.get("gate_id"))
        record = self.gates.get(gate_id)
        if record is None:
            record = GateRecord(
                gate_id=gate_id,
                rule=str(gate.get("rule", "?")),
                risk=str(gate.get("risk", "?")),
                description=str(gate.get("description", "")),
                evidence=as_dict(gate.get("evidence")),
                required_approvals=int(gate.get("required_approvals", 1)),
                raised_at=gate.get("raised_at"),
            )
            self.gates[gate_id] = record
        record.status = str(gate.get("status", record.status))
        record.escalated = record.escalated or bool(gate.get("escalated"))
        return record

    def on_model_call(
        self, event: HistoryEvent, record: _Activity, result: Any, *, error: str | None = None
    ) -> None:
        """A model turn of the agent."""
        produced = graph_result(result)
        self.learn_pseudonyms(produced)
        call = model_call(
            at=event_time(event.event_time),
            event_id=event.event_id,
            state=graph_state(record.input),
            produced=produced,
            attempts=record.attempts,
            error=error,
        )
        self.trail.model_calls.append(call)
        self.add(
            event,
            TrailKind.MODEL_CALL,
            rendering.model_call_title(call),
            detail=call.model_dump(mode="json", exclude={"at", "event_id"}),
        )

    def on_tools(self, event: HistoryEvent, record: _Activity, result: Any) -> None:
        """A tools run: the agent's plan, or its registry reads."""
        state = graph_state(record.input)
        produced = graph_result(result)
        tokens = self.learn_pseudonyms(produced) or self.learn_pseudonyms(state)
        for reply in tool_replies(state, produced):
            if reply.tool in self.adapter.plan_tools:
                self.add(
                    event,
                    TrailKind.PLAN,
                    rendering.plan_title(reply.text),
                    detail={"plan": resolve(reply.args, tokens), "accepted": reply.ok},
                )
                continue
            # The registry data the tool merged into the case's facts (what the policy used);
            # a history from before pseudonymisation has it in the tool message itself.
            facts = self.adapter.tool_facts(reply.tool, state, produced)
            args = as_dict(reply.args)
            self.add_read(
                RegistryRead(
                    at=event_time(event.event_time),
                    event_id=event.event_id,
                    by="agent",
                    tool=reply.tool,
                    registry=self.adapter.registry(reply.tool),
                    arguments=as_dict(resolve(args, tokens)),
                    model_arguments=args if tokens else None,
                    facts=facts if facts is not None else reply.content,
                    model_saw=reply.content if facts is not None else None,
                    ok=reply.ok,
                ),
                event,
            )

    def add_read(self, read: RegistryRead, event: HistoryEvent) -> None:
        """Record a registry read and its moment."""
        self.trail.registry_reads.append(read)
        self.add(
            event,
            TrailKind.REGISTRY_READ,
            rendering.registry_read_title(read),
            detail=read.model_dump(mode="json", exclude={"at", "event_id"}),
        )

    def learn_pseudonyms(self, state: dict[str, Any]) -> dict[str, str]:
        """Note the pseudonyms a graph state carries; the token-to-value table."""
        found: list[Pseudonym] = self.adapter.pseudonyms(state)
        for pseudonym in found:
            self.trail.pseudonyms[pseudonym.token] = pseudonym.shown
        return {p.token: p.stands_for for p in found}

    def on_step(
        self,
        event: HistoryEvent,
        record: _Activity,
        *,
        result: Any = None,
        error: str | None = None,
    ) -> None:
        """A step done (with its receipt) or failed."""
        step_input = as_dict(record.input)
        step = as_dict(step_input.get("step"))
        step_id = str(step.get("step_id", "?"))
        letter = letter_record(step["letter"]) if as_dict(step.get("letter")) else None
        if letter is not None and not any(s.step_id == step_id for s in self.trail.steps):
            self.add(
                event,
                TrailKind.LETTER,
                rendering.letter_title(letter),
                detail=letter.model_dump(mode="json"),
            )
        step_record = StepRecord(
            step_id=step_id,
            kind=str(step.get("kind", record.name)),
            subject=step.get("subject") or self.adapter.step_subject(step_input),
            idempotency_key=str(step.get("idempotency_key")),
            params=as_dict(step.get("params")),
            rationale=str(step.get("rationale", "")),
            status="failed" if error else "done",
            receipt=as_dict(result).get("receipt") if result is not None else None,
            error=error,
            at=event_time(event.event_time),
            event_id=event.event_id,
            attempts=record.attempts,
            letter=letter,
        )
        self.trail.steps.append(step_record)
        self.add(
            event,
            TrailKind.STEP,
            rendering.step_title(step_record),
            detail=step_record.model_dump(mode="json", exclude={"at", "event_id"}),
        )

    # Updates (caseworkers' acts) -----------------------------------------------------------

    def on_update_accepted(self, event: HistoryEvent) -> None:
        """A caseworker's decision, claim or note, as accepted by the workflow."""
        attrs = event.workflow_execution_update_accepted_event_attributes
        request = attrs.accepted_request
        name = request.input.name
        args = as_dict(first_value(request.input.args))
        self.updates[request.meta.update_id] = (event, name, args)
        actor = args.get("actor")
        if name == CANCEL_UPDATE:
            self.add(
                event,
                TrailKind.CANCELLATION,
                rendering.cancellation_title(
                    str(args.get("role")), str(actor), str(args.get("reason", ""))
                ),
                actor=actor,
                detail={"update": name, **args},
            )
            return
        if name != DECIDE_UPDATE:
            self.add(
                event,
                TrailKind.UPDATE,
                rendering.update_title(name, actor or request.meta.identity),
                actor=actor,
                detail={"update": name, **args},
            )
            return
        gate_id = str(args.get("gate_id"))
        gate = self.gates.get(gate_id)
        choice = args.get("choice")
        if choice is None and gate is not None and gate.rule == STEP_FAILURE:
            # A rejected step failure rejects the rest, as the workflow records it.
            choice = REJECT_REST if args.get("decision") == "reject" else None
        decision = DecisionRecord(
            at=event_time(event.event_time),
            event_id=event.event_id,
            decision=str(args.get("decision")),
            actor=str(actor),
            role=str(args.get("role")),
            reason=str(args.get("reason", "")),
            choice=choice,
            text=args.get("text"),
        )
        if gate is not None:
            gate.decisions.append(decision)
        self.add(
            event,
            TrailKind.DECISION,
            rendering.decision_title(decision, gate.rule if gate else gate_id),
            actor=decision.actor,
            detail=args,
        )
        if choice == DONE_BY_HAND and gate is not None:
            self.on_done_by_hand(event, str(gate.evidence.get("step_id")), decision)

    def on_done_by_hand(self, event: HistoryEvent, step_id: str, decision: DecisionRecord) -> None:
        """A refused step a caseworker marked done by hand: nothing ran, the reason is kept."""
        step = next((s for s in reversed(self.trail.steps) if s.step_id == step_id), None)
        if step is None:
            return
        step.status = DONE_BY_HAND
        self.add(
            event,
            TrailKind.STEP,
            rendering.done_by_hand_title(step, decision.actor, decision.reason),
            actor=decision.actor,
            detail={"step_id": step_id, "done_by_hand": True, "reason": decision.reason},
        )

    def on_update_completed(self, event: HistoryEvent) -> None:
        """An update's outcome: a refusal, or the gate as the decision left it."""
        attrs = event.workflow_execution_update_completed_event_attributes
        accepted = self.updates.get(attrs.meta.update_id)
        if accepted is None:
            return
        accepted_event, name, args = accepted
        if attrs.outcome.HasField("failure"):
            error = failure_message(attrs.outcome.failure)
            if name == DECIDE_UPDATE:
                gate = self.gates.get(str(args.get("gate_id")))
                for decision in gate.decisions if gate else []:
                    if decision.event_id == accepted_event.event_id:
                        decision.accepted = False
            self.add(
                event,
                TrailKind.UPDATE,
                rendering.update_refused_title(name, error),
                detail={"error": error},
            )
            return
        if name == DECIDE_UPDATE:
            decided = as_dict(first_value(attrs.outcome.success))
            if decided.get("gate_id"):
                self.merge_gate(decided)


def build_trail(history: WorkflowHistory) -> Trail:
    """Build the decision trail of a case from its decoded history.

    Args:
        history: The case's history with its payloads decoded
            (`workflows.audit.history.decode_history`).

    Returns:
        The trail: summary sections and a timeline of every recorded moment.

    Raises:
        PayloadNotReadable: A payload is still encrypted.
    """
    return HistoryWalker(history).walk()
