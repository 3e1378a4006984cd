"""Activities that project a case and its gates into the approvals store.

The workflow is the source of truth; the store is its projection, written by these
idempotent upserts so a retried activity changes nothing twice.
"""

import asyncio
from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import Engine
from sqlmodel import Session
from temporalio import activity

from approvals import store
from workflows.change_of_address.models import Gate


class CaseProjection(BaseModel):
    """Activity input: a case's latest status."""

    case_id: str
    type: str
    status: str
    municipality: str | None
    terminal: bool
    at: datetime


class GateProjection(BaseModel):
    """Activity input: the latest state of some gates of a case.

    Fields added after the first release have defaults, so a case started before them
    projects as it did.
    """

    case_id: str
    municipality: str | None
    policy_version: str | None
    caseworker_summary: str | None
    gates: list[Gate]
    at: datetime
    agent_rationale: list[str] = Field(default_factory=list)
    rules_fired: list[str] = Field(default_factory=list)
    flags: list[str] = Field(default_factory=list)
    facts: dict[str, Any] = Field(default_factory=dict)


class ProjectionActivities:
    """Writes the projection of cases and gates; holds the store's engine."""

    def __init__(self, engine: Engine) -> None:
        """Args:
        engine: The approvals database engine.
        """
        self._engine = engine

    @activity.defn
    async def project_case(self, projection: CaseProjection) -> None:
        """Store the case's status (and release the reporter's open-case claim when closed)."""

        def write() -> None:
            with Session(self._engine) as session:
                store.project_case(
                    session,
                    case_id=projection.case_id,
                    type=projection.type,
                    status=projection.status,
                    municipality=projection.municipality,
                    terminal=projection.terminal,
                    now=projection.at,
                )

        await asyncio.to_thread(write)

    @activity.defn
    async def project_gates(self, projection: GateProjection) -> None:
        """Store the gates as approval tasks for the caseworkers' inbox."""

        def write() -> None:
            with Session(self._engine) as session:
                for gate in projection.gates:
                    store.upsert_approval(session, **approval_fields(projection, gate))

        await asyncio.to_thread(write)


def approval_fields(projection: GateProjection, gate: Gate) -> dict[str, Any]:
    """The approval-task row of `gate` (shared by the activity and `approvals rebuild`)."""
    return {
        "gate_id": gate.gate_id,
        "now": projection.at,
        "created_at": gate.raised_at or projection.at,
        "case_id": projection.case_id,
        "rule": gate.rule,
        "risk": gate.risk,
        "municipality": projection.municipality,
        "description": gate.description,
        "status": gate.status,
        "required_approvals": gate.required_approvals,
        "approvals": len(gate.approvals()),
        "due_at": gate.due_at,
        "escalated": gate.escalated,
        "claimed_by": gate.claimed_by,
        "policy_version": projection.policy_version,
        "caseworker_summary": projection.caseworker_summary,
        "agent_rationale": projection.agent_rationale,
        "rules_fired": projection.rules_fired,
        "flags": projection.flags,
        "facts": projection.facts,
        "evidence": gate.evidence,
        "decisions": [d.model_dump(mode="json") for d in gate.decisions],
        "comments": [c.model_dump(mode="json") for c in gate.comments],
    }
