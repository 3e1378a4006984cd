"""The decision trail of a case, built from its Temporal history alone.

The history is the audit record (DESIGN principle 3): it holds the request, every registry
read and model call of the agent (the LangGraph plugin's activity inputs and results), the
policy verdict and the gates (the projection activities' inputs and the workflow's result),
every caseworker decision (the `decide` update events, with who, when and why) and every
step with its idempotency key and registry receipt. This module reads all of that into one
`Trail`: summary sections for people and a timeline of every recorded moment.

Payloads are read as plain JSON, never through today's models, so a trail can be built for
a case that years of code changes later no longer validates against them.
"""

import json
from collections.abc import Callable
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from google.protobuf.timestamp_pb2 import Timestamp
from pydantic import BaseModel, Field
from temporalio import activity
from temporalio.api.enums.v1 import EventType
from temporalio.api.failure.v1 import Failure
from temporalio.api.history.v1 import HistoryEvent
from temporalio.client import WorkflowHistory

from agents.change_of_address.nodes import MODEL_NODE, TOOLS_NODE
from agents.change_of_address.state import GRAPH_NAME
from agents.change_of_address.tools import (
    LOOKUP_ADDRESS,
    LOOKUP_BELASTINGEN,
    LOOKUP_PARKEERVERGUNNINGEN,
    LOOKUP_PERSONS,
    LOOKUP_STUDIEFINANCIERING,
    LOOKUP_TOESLAGEN,
    LOOKUP_VOERTUIGEN,
    SUBMIT_PLAN,
)
from workflows.audit.history import first_value, payload_value
from workflows.case.projection import ProjectionActivities
from workflows.change_of_address.activities import FactActivities
from workflows.change_of_address.workflow import ChangeOfAddress


def _activity_name(fn: Callable[..., Any]) -> str:
    name = activity._Definition.must_from_callable(fn).name
    assert name is not None, fn
    return name


MODEL_ACTIVITY = f"{GRAPH_NAME}.{MODEL_NODE}"
TOOLS_ACTIVITY = f"{GRAPH_NAME}.{TOOLS_NODE}"
COMPLETE_FACTS_ACTIVITY = _activity_name(FactActivities.complete_facts)
PROJECT_CASE_ACTIVITY = _activity_name(ProjectionActivities.project_case)
PROJECT_GATES_ACTIVITY = _activity_name(ProjectionActivities.project_gates)
DECIDE_UPDATE = str(ChangeOfAddress.decide._defn.name)

TOOL_REGISTRIES: dict[str, str] = {
    LOOKUP_PERSONS: "BRP (Haal Centraal BRP Personen bevragen)",
    LOOKUP_ADDRESS: "BAG (adres en verblijfsobject) en BRP (bewoners)",
    LOOKUP_TOESLAGEN: "Toeslagen",
    LOOKUP_STUDIEFINANCIERING: "DUO",
    LOOKUP_VOERTUIGEN: "RDW",
    LOOKUP_BELASTINGEN: "gemeente (belastingen)",
    LOOKUP_PARKEERVERGUNNINGEN: "gemeente (parkeervergunningen)",
}
"""Which registry each look-up tool reads."""

TOOL_FACT_GROUPS: dict[str, str] = {
    LOOKUP_PERSONS: "persons",
    LOOKUP_ADDRESS: "address",
    LOOKUP_TOESLAGEN: "toeslagen",
    LOOKUP_STUDIEFINANCIERING: "studiefinanciering",
    LOOKUP_VOERTUIGEN: "voertuigen",
    LOOKUP_BELASTINGEN: "belastingen",
    LOOKUP_PARKEERVERGUNNINGEN: "parkeervergunningen",
}
"""The field of `MoveFacts` each look-up tool fills."""


class TrailKind(StrEnum):
    """What a moment of the timeline records."""

    REQUEST = "request"
    STATUS = "status"
    MODEL_CALL = "model_call"
    REGISTRY_READ = "registry_read"
    PLAN = "plan"
    POLICY = "policy"
    GATE_RAISED = "gate_raised"
    ESCALATION = "escalation"
    DECISION = "decision"
    UPDATE = "update"
    STEP = "step"
    OUTCOME = "outcome"


class TrailEvent(BaseModel):
    """One recorded moment of the case.

    Attributes:
        at: When the history recorded it (UTC).
        event_id: The history event it comes from (for `temporal workflow show`).
        kind: What it records.
        title: One line for people.
        actor: Who acted, for a person's act (a caseworker, the reporter).
        detail: The recorded data behind it.
    """

    at: datetime
    event_id: int
    kind: TrailKind
    title: str
    actor: str | None = None
    detail: dict[str, Any] = Field(default_factory=dict)


class RegistryRead(BaseModel):
    """One registry look-up: which registry, what was asked, which facts came back.

    Attributes:
        by: `agent` (a tool call of the model) or `workflow` (a look-up the agent left undone).
        tool: The look-up tool (or the `MoveFacts` group for the workflow's look-ups).
        registry: The registry read.
        arguments: What was asked (BSNs, the address), pseudonyms resolved.
        model_arguments: The arguments as the model wrote them (with pseudonyms), if any.
        facts: The registry data the look-up added to the case's facts (what the policy
            judged).
        model_saw: The tool result as the model read it (pseudonymised), if it differs.
        ok: False when the registry refused (the tool result carries the error).
    """

    at: datetime
    event_id: int
    by: str
    tool: str
    registry: str
    arguments: dict[str, Any] = Field(default_factory=dict)
    model_arguments: dict[str, Any] | None = None
    facts: Any = None
    model_saw: Any = None
    ok: bool = True


class ModelCall(BaseModel):
    """One model turn of the agent: provider, model, prompt, output and tokens.

    Attributes:
        turn: The agent's turn number.
        provider: The provider the endpoint reported (None: not recorded by the model).
        model: The model name the endpoint reported.
        prompt: The messages new to this turn (the request, tool results, a reminder); the
            fixed system prompt is code (`agents/change_of_address/prompts.py`).
        context_messages: How many messages the model saw in all.
        output: The model's answer: text and tool calls.
        tokens: Input, output and total tokens as the endpoint reported them.
        attempts: Activity attempts (more than 1: retried).
        error: Why the turn failed, when it did.
    """

    at: datetime
    event_id: int
    turn: int | None = None
    provider: str | None = None
    model: str | None = None
    prompt: list[dict[str, Any]] = Field(default_factory=list)
    context_messages: int = 0
    output: dict[str, Any] = Field(default_factory=dict)
    tokens: dict[str, int] | None = None
    attempts: int = 1
    error: str | None = None


class DecisionRecord(BaseModel):
    """A caseworker's decision on a gate, from the `decide` update event."""

    at: datetime
    event_id: int
    decision: str
    actor: str
    role: str
    reason: str
    accepted: bool = True
    """False when the workflow refused the update after accepting it (it never is today)."""


class GateRecord(BaseModel):
    """A gate: the rule that raised it, its evidence, and every decision on it."""

    gate_id: str
    rule: str
    risk: str
    description: str = ""
    evidence: dict[str, Any] = Field(default_factory=dict)
    required_approvals: int = 1
    status: str = "pending"
    escalated: bool = False
    raised_at: datetime | None = None
    decisions: list[DecisionRecord] = Field(default_factory=list)


class StepRecord(BaseModel):
    """An administrative step: its idempotency key and the registry's receipt."""

    step_id: str
    kind: str
    subject: str | None = None
    idempotency_key: str
    params: dict[str, Any] = Field(default_factory=dict)
    rationale: str = ""
    status: str = "scheduled"
    receipt: dict[str, Any] | None = None
    error: str | None = None
    at: datetime
    event_id: int
    attempts: int = 1


class PolicyRecord(BaseModel):
    """The policy verdict: its version, the rules that fired and the flags it set."""

    version: str | None = None
    rules_fired: list[str] = Field(default_factory=list)
    flags: list[str] = Field(default_factory=list)


class OutcomeRecord(BaseModel):
    """How the case ended, and what the citizen was told."""

    at: datetime
    event_id: int
    status: str
    outcome: str | None = None
    citizen_message: str | None = None


class Trail(BaseModel):
    """The decision trail of one case, from its history alone.

    Attributes:
        case_id: The case (workflow id).
        workflow_type: The workflow that ran it.
        history_events: Events in the history the trail was built from.
        status: The last status recorded.
        closed: Whether the history is complete (the case ended).
        municipality: The municipality of the new address (who may decide its gates).
        request: The reported move, as the workflow received it.
        policy: The policy verdict (None until the policy ran and its result was recorded).
        gates: Every gate with its evidence and decisions.
        steps: Every step with its idempotency key and receipt.
        registry_reads: Every registry look-up.
        model_calls: Every model turn.
        outcome: How the case ended (None while it runs).
        pseudonyms: What the pseudonyms in the model's prompts stand for (token to BSN,
            object id or text), so an auditor can read what the model saw.
        timeline: Every recorded moment, in history order.
    """

    case_id: str
    workflow_type: str
    history_events: int
    status: str | None = None
    closed: bool = False
    municipality: str | None = None
    request: dict[str, Any] = Field(default_factory=dict)
    policy: PolicyRecord | None = None
    gates: list[GateRecord] = Field(default_factory=list)
    steps: list[StepRecord] = Field(default_factory=list)
    registry_reads: list[RegistryRead] = Field(default_factory=list)
    model_calls: list[ModelCall] = Field(default_factory=list)
    outcome: OutcomeRecord | None = None
    pseudonyms: dict[str, str] = Field(default_factory=dict)
    timeline: list[TrailEvent] = Field(default_factory=list)


def _time(ts: Timestamp) -> datetime:
    return ts.ToDatetime(tzinfo=UTC)


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def failure_message(failure: Failure) -> str:
    """The message of a (decoded) failure, with its error type when it has one."""
    message = failure.message
    if failure.HasField("encoded_attributes"):
        message = str(_dict(payload_value(failure.encoded_attributes)).get("message", message))
    kind = (
        failure.application_failure_info.type
        if failure.HasField("application_failure_info")
        else ""
    )
    if failure.HasField("cause") and not message:
        return failure_message(failure.cause)
    return f"{kind}: {message}" if kind else message


def _message_view(message: dict[str, Any]) -> dict[str, Any]:
    """The parts of a LangChain message (as JSON) an auditor reads."""
    view: dict[str, Any] = {"role": message.get("type"), "content": message.get("content")}
    for key in ("name", "tool_call_id", "status"):
        if message.get(key):
            view[key] = message[key]
    calls = message.get("tool_calls") or []
    if calls:
        view["tool_calls"] = [{"name": c.get("name"), "args": c.get("args")} for c in calls]
    return view


def _graph_state(activity_input: Any) -> dict[str, Any]:
    """The graph state a LangGraph activity received (its first positional argument)."""
    args = _dict(activity_input).get("args") or []
    return _dict(args[0]) if args else {}


def _graph_result(activity_result: Any) -> dict[str, Any]:
    return _dict(_dict(activity_result).get("result"))


class _Activity:
    """An activity as the history tells it: scheduled, started (attempts), closed."""

    def __init__(self, event: HistoryEvent) -> None:
        attrs = event.activity_task_scheduled_event_attributes
        self.scheduled = event
        self.name = attrs.activity_type.name
        self.input = first_value(attrs.input)
        self.attempts = 1


class _Builder:
    """Reads a decoded history event by event into a `Trail`."""

    def __init__(self, history: WorkflowHistory) -> None:
        self.history = history
        self.trail = Trail(
            case_id=history.workflow_id,
            workflow_type="",
            history_events=len(history.events),
        )
        self.activities: dict[int, _Activity] = {}
        self.updates: dict[str, tuple[HistoryEvent, str, dict[str, Any]]] = {}
        self.gates: dict[str, GateRecord] = {}

    def add(self, event: HistoryEvent, kind: TrailKind, title: str, **kw: Any) -> None:
        self.trail.timeline.append(
            TrailEvent(
                at=_time(event.event_time), event_id=event.event_id, kind=kind, title=title, **kw
            )
        )

    def build(self) -> Trail:
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
        attrs = event.workflow_execution_started_event_attributes
        self.trail.workflow_type = attrs.workflow_type.name
        request = _dict(first_value(attrs.input))
        self.trail.request = request
        reporter = _dict(request.get("reported_by"))
        actor = f"{reporter.get('role', '?')} {reporter.get('sub', '?')}"
        address = _dict(request.get("new_address"))
        movers = 1 + len(request.get("co_movers") or [])
        self.add(
            event,
            TrailKind.REQUEST,
            f"Change of address reported by {actor}: {movers} mover(s) to "
            f"{address.get('postcode', '?')} {address.get('huisnummer', '?')} "
            f"on {request.get('move_date', '?')}",
            actor=actor,
            detail=request,
        )

    def on_completed(self, event: HistoryEvent) -> None:
        state = _dict(first_value(event.workflow_execution_completed_event_attributes.result))
        self.trail.closed = True
        self.apply_case_state(state)
        status = str(state.get("status", "completed"))
        self.trail.status = status
        self.trail.outcome = OutcomeRecord(
            at=_time(event.event_time),
            event_id=event.event_id,
            status=status,
            outcome=state.get("outcome"),
            citizen_message=state.get("citizen_message"),
        )
        self.add(
            event,
            TrailKind.OUTCOME,
            f"Case {status}: {state.get('outcome') or ''}".strip(),
            detail={
                "status": status,
                "outcome": state.get("outcome"),
                "citizen_message": state.get("citizen_message"),
            },
        )

    def on_closed_otherwise(self, event: HistoryEvent) -> None:
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
            at=_time(event.event_time), event_id=event.event_id, status=status, outcome=reason
        )
        self.add(
            event, TrailKind.OUTCOME, f"Case {status}: {reason}".strip(), detail={"reason": reason}
        )

    def apply_case_state(self, state: dict[str, Any]) -> None:
        """Take the policy, gates and steps from a recorded `CaseState` (the final result)."""
        self.trail.municipality = state.get("municipality") or self.trail.municipality
        self.set_policy(state)
        for gate in state.get("gates") or []:
            self.merge_gate(_dict(gate))
        recorded = {s.step_id: s for s in self.trail.steps}
        for raw in state.get("steps") or []:
            step = _dict(raw)
            known = recorded.get(str(step.get("step_id")))
            if known is not None and known.receipt is None and step.get("receipt"):
                known.receipt = step["receipt"]

    def set_policy(self, data: dict[str, Any]) -> None:
        if not data.get("policy_version"):
            return
        gates = [_dict(g) for g in data.get("gates") or []]
        fired = data.get("rules_fired") or [g.get("rule") for g in gates if g.get("rule")]
        self.trail.policy = PolicyRecord(
            version=data["policy_version"],
            rules_fired=list(dict.fromkeys(str(r) for r in fired)),
            flags=[str(f) for f in data.get("flags") or []],
        )

    # Activities ----------------------------------------------------------------------------

    def on_scheduled(self, event: HistoryEvent) -> None:
        record = _Activity(event)
        self.activities[event.event_id] = record
        if record.name == PROJECT_CASE_ACTIVITY:
            self.on_status(event, _dict(record.input))
        elif record.name == PROJECT_GATES_ACTIVITY:
            self.on_gates(event, _dict(record.input))

    def on_activity_started(self, event: HistoryEvent) -> None:
        attrs = event.activity_task_started_event_attributes
        record = self.activities.get(attrs.scheduled_event_id)
        if record is not None:
            record.attempts = max(record.attempts, attrs.attempt)

    def on_activity_completed(self, event: HistoryEvent) -> None:
        attrs = event.activity_task_completed_event_attributes
        record = self.activities.get(attrs.scheduled_event_id)
        if record is None:
            return
        result = first_value(attrs.result)
        if record.name == MODEL_ACTIVITY:
            self.on_model_call(event, record, result)
        elif record.name == TOOLS_ACTIVITY:
            self.on_tools(event, record, result)
        elif record.name == COMPLETE_FACTS_ACTIVITY:
            self.on_completed_facts(event, record, result)
        elif self.is_step(record):
            self.on_step(event, record, result=result)

    def on_activity_failed(self, event: HistoryEvent) -> None:
        if event.HasField("activity_task_failed_event_attributes"):
            attrs = event.activity_task_failed_event_attributes
            scheduled_id, error = attrs.scheduled_event_id, failure_message(attrs.failure)
        else:
            timed_out = event.activity_task_timed_out_event_attributes
            scheduled_id, error = timed_out.scheduled_event_id, failure_message(timed_out.failure)
        record = self.activities.get(scheduled_id)
        if record is None:
            return
        if record.name == MODEL_ACTIVITY:
            self.on_model_call(event, record, None, error=error)
        elif self.is_step(record):
            self.on_step(event, record, error=error)

    @staticmethod
    def is_step(record: _Activity) -> bool:
        return "idempotency_key" in _dict(_dict(record.input).get("step"))

    def on_status(self, event: HistoryEvent, projection: dict[str, Any]) -> None:
        status = str(projection.get("status", "?"))
        self.trail.status = status
        self.trail.municipality = projection.get("municipality") or self.trail.municipality
        self.add(event, TrailKind.STATUS, f"Status: {status}", detail={"status": status})

    def on_gates(self, event: HistoryEvent, projection: dict[str, Any]) -> None:
        self.trail.municipality = projection.get("municipality") or self.trail.municipality
        if self.trail.policy is None and projection.get("policy_version"):
            self.set_policy(projection)
            policy = self.trail.policy
            assert policy is not None
            self.add(
                event,
                TrailKind.POLICY,
                f"Policy {policy.version}: rules fired {', '.join(policy.rules_fired) or 'none'}",
                detail=policy.model_dump(mode="json"),
            )
        for raw in projection.get("gates") or []:
            gate = _dict(raw)
            gate_id = str(gate.get("gate_id"))
            before = self.gates.get(gate_id)
            was_escalated = before is not None and before.escalated
            record = self.merge_gate(gate)
            if before is None:
                approvals = record.required_approvals
                self.add(
                    event,
                    TrailKind.GATE_RAISED,
                    f"Gate {record.rule} ({record.risk} risk, {approvals} approval"
                    f"{'s' if approvals != 1 else ''} needed): {record.description}",
                    detail={"gate_id": gate_id, "rule": record.rule, "evidence": record.evidence},
                )
            elif record.escalated and not was_escalated:
                self.add(
                    event,
                    TrailKind.ESCALATION,
                    f"Gate {record.rule} passed its deadline: escalated to supervisors",
                    detail={"gate_id": gate_id},
                )

    def merge_gate(self, gate: dict[str, Any]) -> GateRecord:
        gate_id = str(gate.get("gate_id"))
        record = self.gates.get(gate_id)
        if record is None:
            record = GateRecord(
                gate_id=gate_id,
                rule=str(gate.get("rule", "?")),
                risk=str(gate.get("risk", "?")),
                description=str(gate.get("description", "")),
                evidence=_dict(gate.get("evidence")),
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
        state = _graph_state(record.input)
        messages = [_dict(m) for m in state.get("messages") or []]
        last_ai = max((i for i, m in enumerate(messages) if m.get("type") == "ai"), default=-1)
        prompt = [_message_view(m) for m in messages[last_ai + 1 :]]
        produced = _graph_result(result)
        self.learn_pseudonyms(produced)
        replies = [_dict(m) for m in produced.get("messages") or []]
        reply = replies[-1] if replies else {}
        meta = _dict(reply.get("response_metadata"))
        usage = reply.get("usage_metadata")
        tokens = (
            {
                k: int(v)
                for k, v in _dict(usage).items()
                if k.endswith("tokens") and isinstance(v, int)
            }
            if usage
            else None
        )
        call = ModelCall(
            at=_time(event.event_time),
            event_id=event.event_id,
            turn=produced.get("turns", state.get("turns", 0) + 1),
            provider=meta.get("model_provider"),
            model=meta.get("model_name") or meta.get("model"),
            prompt=prompt,
            context_messages=len(messages),
            output=_message_view(reply) if reply else {},
            tokens=tokens,
            attempts=record.attempts,
            error=error,
        )
        self.trail.model_calls.append(call)
        asked = [c["name"] for c in call.output.get("tool_calls", [])]
        what = f"asked for {', '.join(asked)}" if asked else "answered without a tool call"
        self.add(
            event,
            TrailKind.MODEL_CALL,
            f"Model turn {call.turn} ({call.model or 'model not recorded'}): "
            + (f"failed: {error}" if error else what),
            detail=call.model_dump(mode="json", exclude={"at", "event_id"}),
        )

    def on_tools(self, event: HistoryEvent, record: _Activity, result: Any) -> None:
        state = _graph_state(record.input)
        produced = _graph_result(result)
        tokens = self.learn_pseudonyms(produced) or self.learn_pseudonyms(state)
        messages = [_dict(m) for m in state.get("messages") or []]
        calls = {
            c.get("id"): _dict(c)
            for m in messages[-1:]
            for c in m.get("tool_calls") or []
            if m.get("type") == "ai"
        }
        before = _dict(state.get("facts"))
        after = _dict(produced.get("facts")) or before
        for reply in produced.get("messages") or []:
            message = _dict(reply)
            call = calls.get(message.get("tool_call_id"), {})
            tool = str(message.get("name") or call.get("name") or "?")
            ok = message.get("status", "success") == "success"
            if tool == SUBMIT_PLAN:
                self.add(
                    event,
                    TrailKind.PLAN,
                    f"Plan submitted by the agent: {message.get('content')}",
                    detail={"plan": _resolve(call.get("args"), tokens), "accepted": ok},
                )
                continue
            model_saw = _parse_json(message.get("content"))
            group = TOOL_FACT_GROUPS.get(tool)
            # The registry data the tool merged into the case's facts (what the policy used);
            # a history from before pseudonymisation has it in the tool message itself.
            facts = _new_facts(before, after, group) if group and "facts" in produced else None
            args = _dict(call.get("args"))
            read = RegistryRead(
                at=_time(event.event_time),
                event_id=event.event_id,
                by="agent",
                tool=tool,
                registry=TOOL_REGISTRIES.get(tool, "?"),
                arguments=_dict(_resolve(args, tokens)),
                model_arguments=args if tokens else None,
                facts=facts if facts is not None else model_saw,
                model_saw=model_saw if facts is not None else None,
                ok=ok,
            )
            self.trail.registry_reads.append(read)
            self.add(
                event,
                TrailKind.REGISTRY_READ,
                f"{read.registry} read by the agent ({tool})" + ("" if ok else ": refused"),
                detail=read.model_dump(mode="json", exclude={"at", "event_id"}),
            )

    def learn_pseudonyms(self, state: dict[str, Any]) -> dict[str, str]:
        """Note the pseudonyms the agent used (token to BSN, object id or text)."""
        entries = _dict(state.get("pseudonyms")).get("entries") or []
        table = {
            str(e["token"]): str(e.get("value") or e.get("text") or "")
            for e in map(_dict, entries)
            if e.get("token")
        }
        for entry in map(_dict, entries):
            if entry.get("token"):
                shown = " · ".join(str(v) for v in (entry.get("value"), entry.get("text")) if v)
                self.trail.pseudonyms[str(entry["token"])] = shown
        return table

    def on_completed_facts(self, event: HistoryEvent, record: _Activity, result: Any) -> None:
        before, after = _dict(record.input), _dict(result)
        for tool, group in TOOL_FACT_GROUPS.items():
            added = _new_facts(before, after, group)
            if not added:
                continue
            registry = TOOL_REGISTRIES[tool]
            read = RegistryRead(
                at=_time(event.event_time),
                event_id=event.event_id,
                by="workflow",
                tool=tool,
                registry=registry,
                arguments={"bsns": sorted(added)} if group != "address" else {},
                facts=added,
            )
            self.trail.registry_reads.append(read)
            self.add(
                event,
                TrailKind.REGISTRY_READ,
                f"{registry} read by the workflow (a look-up the agent left undone)",
                detail=read.model_dump(mode="json", exclude={"at", "event_id"}),
            )

    def on_step(
        self,
        event: HistoryEvent,
        record: _Activity,
        *,
        result: Any = None,
        error: str | None = None,
    ) -> None:
        step = _dict(_dict(record.input).get("step"))
        subject = step.get("subject") or _dict(record.input).get("citizen_bsn")
        record_ = StepRecord(
            step_id=str(step.get("step_id", "?")),
            kind=str(step.get("kind", record.name)),
            subject=subject,
            idempotency_key=str(step.get("idempotency_key")),
            params=_dict(step.get("params")),
            rationale=str(step.get("rationale", "")),
            status="failed" if error else "done",
            receipt=_dict(result).get("receipt") if result is not None else None,
            error=error,
            at=_time(event.event_time),
            event_id=event.event_id,
            attempts=record.attempts,
        )
        self.trail.steps.append(record_)
        self.add(
            event,
            TrailKind.STEP,
            f"Step {record_.step_id} ({record_.kind}) "
            + (f"failed: {error}" if error else f"done, key {record_.idempotency_key}"),
            detail=record_.model_dump(mode="json", exclude={"at", "event_id"}),
        )

    # Updates (caseworkers' acts) -----------------------------------------------------------

    def on_update_accepted(self, event: HistoryEvent) -> None:
        attrs = event.workflow_execution_update_accepted_event_attributes
        request = attrs.accepted_request
        name = request.input.name
        args = _dict(first_value(request.input.args))
        self.updates[request.meta.update_id] = (event, name, args)
        actor = args.get("actor")
        if name == DECIDE_UPDATE:
            decision = DecisionRecord(
                at=_time(event.event_time),
                event_id=event.event_id,
                decision=str(args.get("decision")),
                actor=str(actor),
                role=str(args.get("role")),
                reason=str(args.get("reason", "")),
            )
            gate_id = str(args.get("gate_id"))
            gate = self.gates.get(gate_id)
            if gate is not None:
                gate.decisions.append(decision)
            rule = gate.rule if gate else gate_id
            self.add(
                event,
                TrailKind.DECISION,
                f"{decision.actor} ({decision.role}) decided {decision.decision} on gate "
                f"{rule}: {decision.reason}",
                actor=decision.actor,
                detail=args,
            )
        else:
            self.add(
                event,
                TrailKind.UPDATE,
                f"{name} by {actor or request.meta.identity}",
                actor=actor,
                detail={"update": name, **args},
            )

    def on_update_completed(self, event: HistoryEvent) -> None:
        attrs = event.workflow_execution_update_completed_event_attributes
        accepted = self.updates.get(attrs.meta.update_id)
        if accepted is None:
            return
        _, name, args = accepted
        if attrs.outcome.HasField("failure"):
            error = failure_message(attrs.outcome.failure)
            if name == DECIDE_UPDATE:
                gate = self.gates.get(str(args.get("gate_id")))
                for decision in gate.decisions if gate else []:
                    if decision.event_id == accepted[0].event_id:
                        decision.accepted = False
            self.add(event, TrailKind.UPDATE, f"{name} refused: {error}", detail={"error": error})
            return
        if name == DECIDE_UPDATE:
            decided = _dict(first_value(attrs.outcome.success))
            if decided.get("gate_id"):
                self.merge_gate(decided)


def _new_facts(before: dict[str, Any], after: dict[str, Any], group: str) -> Any:
    """What a look-up added to the facts group `group` (None when it added nothing)."""
    old, new = before.get(group), after.get(group)
    if isinstance(new, dict) and group != "address":
        added = {k: v for k, v in new.items() if _dict(old).get(k) != v}
        return added or None
    return new if new is not None and new != old else None


def _resolve(value: Any, tokens: dict[str, str]) -> Any:
    """`value` with the agent's pseudonyms replaced by what they stand for."""
    if isinstance(value, str):
        return tokens.get(value, value)
    if isinstance(value, list):
        return [_resolve(v, tokens) for v in value]
    if isinstance(value, dict):
        return {k: _resolve(v, tokens) for k, v in value.items()}
    return value


def _parse_json(text: Any) -> Any:
    if not isinstance(text, str):
        return text
    try:
        return json.loads(text)
    except ValueError:
        return text


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
    return _Builder(history).build()
