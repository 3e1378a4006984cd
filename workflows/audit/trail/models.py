"""The decision trail's records: what an auditor reads of a case, section by section.

Every record keeps the history event it comes from (`event_id`), so each line of a trail can
be checked against `temporal workflow show`.
"""

from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field


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
    CANCELLATION = "cancellation"
    LETTER = "letter"
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
        tool: The look-up tool (for the workflow's look-ups, the tool it stood in for).
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
            fixed system prompt is the agent's code, not part of the history.
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
    """A caseworker's decision on a gate, from the `decide` update event.

    Attributes:
        choice: On a `step_failure` gate: `retry`, `done_by_hand` or `reject_rest`.
        text: On a `letter_review` gate: the letter as the caseworker wrote it.
    """

    at: datetime
    event_id: int
    decision: str
    actor: str
    role: str
    reason: str
    accepted: bool = True
    """False when the workflow refused the update after accepting it (it never is today)."""
    choice: str | None = None
    text: str | None = None


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


class LetterRecord(BaseModel):
    """The letter a step delivered: whose words, and why (a draft that failed the check).

    Attributes:
        source: `model` (the draft passed the check), `template` or `caseworker`.
        why: How the letter came to be, in one sentence.
        problems: What the draft named that the case does not.
        draft: The model's draft, as it came.
        reviewed_by: The caseworker who approved or wrote it (letter review).
    """

    source: str
    why: str
    problems: list[str] = Field(default_factory=list)
    draft: str | None = None
    reviewed_by: str | None = None


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
    letter: LetterRecord | None = None
    """For the step that delivered a letter: how it was checked."""


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
        municipality: The case's municipality (whose caseworkers may decide its gates).
        request: The reported life event, as the workflow received it (its start input).
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
