"""Tables of the approvals store: a projection of the cases and gates held by Temporal.

The workflow is the source of truth; these rows let caseworkers list and filter without
querying every workflow, and let intake enforce idempotency and one open case per person.
Cases and their subjects carry no BSN in clear: citizens are found through a keyed hash
(`subject_key`). A gate's evidence and facts do name the people involved, as the caseworker
must know whom they decide about; only the gate's caseworkers, supervisors and auditors read
them (a citizen's own view of a case leaves them out).
"""

from datetime import UTC, datetime
from typing import Any

from pydantic import field_validator
from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel


def _json_list() -> Any:
    """A JSON list column; the server default lets `init_db` add it to an older table."""
    return Field(default_factory=list, sa_column=Column(JSON, nullable=False, server_default="[]"))


def _json_object() -> Any:
    """A JSON object column; the server default lets `init_db` add it to an older table."""
    return Field(default_factory=dict, sa_column=Column(JSON, nullable=False, server_default="{}"))


class CaseRecordBase(SQLModel):
    """Shared fields of a case projection."""

    type: str = Field(index=True)
    status: str = Field(index=True)
    municipality: str | None = Field(default=None, index=True)


class CaseRecord(CaseRecordBase, table=True):
    """One case, as last projected by its workflow."""

    __tablename__ = "case_record"

    case_id: str = Field(primary_key=True)
    created_at: datetime
    updated_at: datetime


class CaseSubject(SQLModel, table=True):
    """A person a case is about (reporter or co-mover), by keyed hash of their BSN."""

    __tablename__ = "case_subject"

    case_id: str = Field(primary_key=True, foreign_key="case_record.case_id")
    subject_key: str = Field(primary_key=True, index=True)
    reporter: bool = False


class OpenCase(SQLModel, table=True):
    """The open change-of-address case of a reporter; at most one row per reporter."""

    __tablename__ = "open_case"

    subject_key: str = Field(primary_key=True)
    type: str = Field(primary_key=True)
    case_id: str = Field(index=True)


class IntakeKey(SQLModel, table=True):
    """An `Idempotency-Key` seen at intake: the same key and body give the same case."""

    __tablename__ = "intake_key"

    owner: str = Field(primary_key=True)
    key: str = Field(primary_key=True)
    body_hash: str
    case_id: str
    created_at: datetime


class ApprovalTaskBase(SQLModel):
    """Shared fields of an approval task (a gate waiting for caseworkers)."""

    case_id: str = Field(index=True)
    rule: str = Field(index=True)
    risk: str = Field(index=True)
    municipality: str | None = Field(default=None, index=True)
    description: str
    status: str = Field(index=True)
    required_approvals: int = 1
    approvals: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    """Approvals so far (a four-eyes gate needs two)."""
    due_at: datetime | None = Field(default=None, index=True)
    escalated: bool = False
    claimed_by: str | None = Field(default=None, index=True)
    """The caseworker who took the gate, if anyone."""
    policy_version: str | None = None
    caseworker_summary: str | None = None
    """The agent's summary of the case."""


class ApprovalTask(ApprovalTaskBase, table=True):
    """A gate of a case, as projected by its workflow."""

    __tablename__ = "approval_task"

    gate_id: str = Field(primary_key=True)
    evidence: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON))
    decisions: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON))
    agent_rationale: list[str] = _json_list()
    rules_fired: list[str] = _json_list()
    flags: list[str] = _json_list()
    facts: dict[str, Any] = _json_object()
    comments: list[dict[str, Any]] = _json_list()
    created_at: datetime
    updated_at: datetime


class ApprovalTaskPublic(ApprovalTaskBase):
    """An approval task in the inbox: the gate without its evidence."""

    gate_id: str
    created_at: datetime
    updated_at: datetime
    overdue: bool = False
    """Pending past its due date (set by the API from the current time)."""

    @field_validator("created_at", "updated_at", "due_at", mode="after")
    @classmethod
    def _utc(cls, value: datetime | None) -> datetime | None:
        """The store keeps UTC without a zone; say so on the way out."""
        return value.replace(tzinfo=UTC) if value and value.tzinfo is None else value


class ApprovalTaskDetail(ApprovalTaskPublic):
    """One approval task with everything a caseworker needs to decide it.

    Attributes:
        evidence: The registry facts that made the rule fire.
        facts: The wider registry facts of the case (address, object, residents, movers).
        agent_rationale: The agent's reasons for each planned step and each concern.
        rules_fired: Every rule of the policy that fired on the case.
        flags: Recorded, not gated, findings such as `late_report`.
        decisions: The decisions so far, each with its reason.
        comments: Caseworkers' notes.
    """

    evidence: dict[str, Any]
    facts: dict[str, Any]
    agent_rationale: list[str]
    rules_fired: list[str]
    flags: list[str]
    decisions: list[dict[str, Any]]
    comments: list[dict[str, Any]]

    @field_validator("evidence", "facts", mode="before")
    @classmethod
    def _object_or_empty(cls, value: Any) -> Any:
        return {} if value is None else value

    @field_validator(
        "agent_rationale", "rules_fired", "flags", "decisions", "comments", mode="before"
    )
    @classmethod
    def _list_or_empty(cls, value: Any) -> Any:
        return [] if value is None else value


class InboxCounts(SQLModel):
    """How many approval tasks of the caller's scope are in each state."""

    pending: int = 0
    overdue: int = 0
    escalated: int = 0
    mine: int = 0
    unclaimed: int = 0
    approved: int = 0
    rejected: int = 0
    cancelled: int = 0


class ConversationRecord(SQLModel, table=True):
    """A conversation with the intake assistant, as the chat queue lists it.

    No message text is kept here: the messages are in the conversation's workflow (its
    history is encrypted), read with its `state` query. The row goes when the conversation's
    retention period ends.

    Attributes:
        conversation_id: `conv-<uuid>`.
        subject_key: The citizen, by keyed hash of their BSN.
        owner: Who opened it (`citizen:<sub>`).
        status: `active`, `handed_over` or `closed`.
        municipality: The citizen's municipality, whose chat queue takes it over.
        handed_over: Whether it was ever handed over (its municipality's caseworkers read it).
        handover_reason: Why it was handed over last.
        handed_over_at: When.
        claimed_by: The caseworker who holds it.
        life_event: The life event recognised.
        language: The citizen's language.
        created_at: When it was opened.
        updated_at: When it was last projected.
        closed_at: When it closed.
    """

    __tablename__ = "conversation"

    conversation_id: str = Field(primary_key=True)
    subject_key: str = Field(index=True)
    owner: str
    status: str = Field(index=True)
    municipality: str | None = Field(default=None, index=True)
    handed_over: bool = False
    handover_reason: str | None = None
    handed_over_at: datetime | None = None
    claimed_by: str | None = None
    life_event: str | None = None
    language: str = "nl"
    created_at: datetime
    updated_at: datetime
    closed_at: datetime | None = None


class ConversationPublic(SQLModel):
    """A conversation in a list (`GET /v1/conversations`)."""

    conversation_id: str
    status: str
    municipality: str | None
    handover_reason: str | None
    handed_over_at: datetime | None
    claimed_by: str | None
    life_event: str | None
    language: str
    created_at: datetime
    updated_at: datetime
    closed_at: datetime | None

    @field_validator("created_at", "updated_at", "handed_over_at", "closed_at", mode="after")
    @classmethod
    def _utc(cls, value: datetime | None) -> datetime | None:
        """The store keeps UTC without a zone; say so on the way out."""
        return value.replace(tzinfo=UTC) if value and value.tzinfo is None else value
