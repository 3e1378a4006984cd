"""Tables of the approvals store: a projection of the cases and gates held by Temporal.

The workflow is the source of truth; these rows let caseworkers list and filter without
querying every workflow, and let intake enforce idempotency and one open case per person.
BSNs never appear here in clear: citizens are found through a keyed hash (`subject_key`).
"""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel


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
    due_at: datetime | None = Field(default=None, index=True)
    escalated: bool = False
    policy_version: str | None = None
    caseworker_summary: str | None = None


class ApprovalTask(ApprovalTaskBase, table=True):
    """A gate of a case, as projected by its workflow."""

    __tablename__ = "approval_task"

    gate_id: str = Field(primary_key=True)
    evidence: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON))
    decisions: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON))
    created_at: datetime
    updated_at: datetime


class ApprovalTaskPublic(ApprovalTaskBase):
    """An approval task as the caseworker API returns it."""

    gate_id: str
    evidence: dict[str, Any]
    decisions: list[dict[str, Any]]
    created_at: datetime
    updated_at: datetime
