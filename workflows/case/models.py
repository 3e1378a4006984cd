"""Models every life event's case shares: gates, decisions, steps, the timeline, the state.

Every workflow, activity, update and query takes one model and returns one model, so fields
can be added without breaking running cases. A life event's own input and state subclass
`CaseInput` and `CaseState`; the JSON of a case is the same whichever class reads it.
"""

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from pydantic import AliasChoices, BaseModel, Field

from agents.usage import TokenUsage
from burgerflow.core.constants import CaseStatus
from workflows.case.letters import Letter


class Reporter(BaseModel):
    """Who reported the event: a citizen for themselves or a service (portal) for them.

    Attributes:
        role: Their role.
        sub: Their subject.
        organisation: The organisation they act for, when their token names one (an
            undertaker's, for a funeral director).
    """

    role: str
    sub: str
    organisation: str | None = None


class Risk(StrEnum):
    """Risk class of a gate: high-risk gates need two different approvers (four-eyes)."""

    NORMAL = "normal"
    HIGH = "high"


class GateStatus(StrEnum):
    """Where a human validation gate stands."""

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    CANCELLED = "cancelled"
    """Left undecided when another gate of the case was rejected, or the case was cancelled."""


class GateRefusal(StrEnum):
    """Why a decision was refused before it reached the history (the update's error type)."""

    UNKNOWN_GATE = "UnknownGate"
    NOT_A_DECIDER = "NotADecider"
    OUT_OF_SCOPE = "OutOfScope"
    ALREADY_DECIDED = "AlreadyDecided"
    SAME_PERSON_TWICE = "SamePersonTwice"
    CLAIMED_BY_OTHER = "ClaimedByOther"
    NOT_CLAIMED = "NotClaimed"
    INVALID_CHOICE = "InvalidChoice"
    """A choice or text the gate does not take (a text on a gate other than a letter's,
    a rejected letter, a step failure approved without saying how)."""


class CaseRefusal(StrEnum):
    """Why a cancellation was refused before it reached the history (the update's error type)."""

    NOT_YOURS = "NotYours"
    """The caller may not cancel this case (another citizen, service or municipality)."""
    TOO_LATE = "TooLate"
    """Steps run, the case is closed, or it is cancelled or rejected already."""


class DecisionKind(StrEnum):
    """A caseworker's decision on a gate."""

    APPROVE = "approve"
    REJECT = "reject"


class StepFailureChoice(StrEnum):
    """What a caseworker does with a step a registry refused (a `step_failure` gate)."""

    RETRY = "retry"
    """Run the step again, with the same idempotency key (after fixing the data)."""
    DONE_BY_HAND = "done_by_hand"
    """The caseworker did it another way; the step runs nothing and records the reason."""
    REJECT_REST = "reject_rest"
    """Leave this step and every one after it undone; the case ends `rejected`."""


class Decision(BaseModel):
    """One caseworker's recorded decision on a gate.

    Attributes:
        choice: On a `step_failure` gate, what to do with the refused step.
        text: On an approved `letter_review` gate, the caseworker's own text of the letter
            (None: the proposed letter as it is).
    """

    decision: DecisionKind
    reason: str
    actor: str
    role: str
    decided_at: datetime
    choice: StepFailureChoice | None = None
    text: str | None = None


class Comment(BaseModel):
    """A caseworker's note on a gate (not a decision)."""

    author: str
    role: str
    text: str
    at: datetime


class Gate(BaseModel):
    """A human validation gate raised by a policy rule (or by the agent)."""

    gate_id: str
    rule: str
    risk: Risk
    description: str
    evidence: dict[str, Any] = Field(default_factory=dict)
    required_approvals: int = 1
    decisions: list[Decision] = Field(default_factory=list)
    status: GateStatus = GateStatus.PENDING
    due_at: datetime | None = None
    escalated: bool = False
    raised_at: datetime | None = None
    claimed_by: str | None = None
    """The caseworker who took the gate; others leave it to them (a supervisor may not)."""
    comments: list[Comment] = Field(default_factory=list)

    def approvals(self) -> list[Decision]:
        """The approving decisions so far."""
        return [d for d in self.decisions if d.decision is DecisionKind.APPROVE]


class GateDraft(BaseModel):
    """A gate a policy requires, with the evidence that triggered it."""

    rule: str
    risk: Risk
    description: str
    evidence: dict[str, Any] = Field(default_factory=dict)


LETTER_MAX_LENGTH = 10_000
"""The longest letter text a caseworker may write."""


class DecisionInput(BaseModel):
    """Update input: a caseworker decides a gate.

    Attributes:
        choice: Required to approve a `step_failure` gate (`retry`, `done_by_hand`); a
            rejection of one is `reject_rest`. Refused on other gates.
        text: The edited letter, only when approving a `letter_review` gate.
    """

    gate_id: str
    decision: DecisionKind
    reason: str = Field(min_length=1)
    actor: str
    role: str
    municipality: str | None = None
    choice: StepFailureChoice | None = None
    text: str | None = Field(default=None, min_length=1, max_length=LETTER_MAX_LENGTH)


class ClaimInput(BaseModel):
    """Update input: a caseworker takes a gate, or releases it (`release`)."""

    gate_id: str
    actor: str
    role: str
    municipality: str | None = None
    release: bool = False


class CancelInput(BaseModel):
    """Update input: someone cancels the case before its steps run.

    Attributes:
        reason: Why (the citizen is told).
        actor: Who: a caseworker's `sub`, a service's `sub`, a citizen's `sub`.
        role: Their role.
        municipality: A caseworker's or supervisor's municipality.
        bsn: A citizen's BSN (only the case's own citizen may cancel).
    """

    reason: str = Field(min_length=1, max_length=2000)
    actor: str
    role: str
    municipality: str | None = None
    bsn: str | None = None


class Cancellation(BaseModel):
    """A cancellation the case accepted: who, when and why."""

    reason: str
    actor: str
    role: str
    at: datetime


class CommentInput(BaseModel):
    """Update input: a caseworker adds a note to a gate."""

    gate_id: str
    text: str = Field(min_length=1, max_length=2000)
    actor: str
    role: str
    municipality: str | None = None


class TimelineEntry(BaseModel):
    """One moment in a case's life, for the caseworker's timeline.

    Attributes:
        at: When it happened (workflow time).
        event: `status`, `gate_raised`, `escalated`, `decision`, `claimed`, `released`,
            `comment`, `cancel_requested` or `letter`.
        detail: The new status, the rule, the decision, ...
        actor: Who did it, for a person's act.
        gate_id: The gate it concerns, if any.
    """

    at: datetime
    event: str
    detail: str = ""
    actor: str | None = None
    gate_id: str | None = None


class StepStatus(StrEnum):
    """Where an administrative step stands."""

    PLANNED = "planned"
    DONE = "done"
    DONE_BY_HAND = "done_by_hand"
    """A caseworker did it another way after a registry refused it (nothing ran)."""
    FAILED = "failed"
    SKIPPED = "skipped"


class Step(BaseModel):
    """An administrative step of the case, executed once with its idempotency key."""

    step_id: str
    kind: str
    """The life event's step kind (one of its `StepKind` values)."""
    subject: str | None = None
    params: dict[str, Any] = Field(default_factory=dict)
    rationale: str = ""
    idempotency_key: str
    status: StepStatus = StepStatus.PLANNED
    receipt: dict[str, Any] | None = None
    error: str | None = None
    letter: Letter | None = None
    """For the step that delivers a letter to the citizen: the letter and how it was checked."""


class StepResult(BaseModel):
    """Activity output: the registry's receipt for one step."""

    step_id: str
    receipt: dict[str, Any]


class CaseInput(BaseModel):
    """Start input of every case: who reported what, when, and the case's settings.

    A life event's input subclasses it with the fields of its report.
    """

    case_id: str
    bsn: str
    """The BSN the case is about: the reporter's own, or the person reported for."""
    reported_at: datetime
    reported_on: date
    """The day of the report in the Netherlands (for `late_report`)."""
    reported_by: Reporter
    agent_max_turns: int = 8
    search_attributes: bool = True
    """Upsert the case's search attributes (off for a namespace that does not define them)."""
    gate_deadline_seconds: float = 5 * 24 * 3600
    letter_review: bool = False
    """Every letter a model drafted waits for a caseworker (`BURGERFLOW_LETTER_REVIEW=always`)."""


class CaseState(BaseModel):
    """What a case looks like now: the `state` query behind `GET /v1/cases/{id}`.

    A life event's state subclasses it with the fields of its report and facts.
    """

    case_id: str
    type: str
    status: CaseStatus
    bsn: str = Field(validation_alias=AliasChoices("bsn", "reporter_bsn"))
    """The BSN the case is about, named as in the report (`reporter_bsn` in older results)."""
    reported_by_sub: str
    municipality: str | None = None
    flags: list[str] = Field(default_factory=list)
    gates: list[Gate] = Field(default_factory=list)
    steps: list[Step] = Field(default_factory=list)
    caseworker_summary: str | None = None
    citizen_message: str | None = None
    outcome: str | None = None
    policy_version: str | None = None
    rules_fired: list[str] = Field(default_factory=list)
    agent_rationale: list[str] = Field(default_factory=list)
    """The agent's reasons: one line per planned step and per concern."""
    facts: dict[str, Any] = Field(default_factory=dict)
    """The registry facts behind the rules, summarised for the caseworker."""
    timeline: list[TimelineEntry] = Field(default_factory=list)
    agent_usage: TokenUsage = Field(default_factory=TokenUsage)
    """Tokens the agent used at its model endpoint for this case (zero for the scripted
    planner); each model turn's usage is also in its activity result in the history."""
    updated_at: datetime
    letter: Letter | None = None
    """The letter to the citizen, as checked (and reviewed); None before it is drafted and
    in cases started before letters were checked."""
    cancellation: Cancellation | None = None
    """Who cancelled the case, when and why."""

    def subjects(self) -> list[str]:
        """The BSNs the case is about: `bsn` first, then the others a life event names."""
        return [self.bsn]
