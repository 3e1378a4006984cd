"""The approvals store as the sink of the workflows' projections.

`StoreSink` is what a worker gives `workflows.case.projection.ProjectionActivities`: it writes
each case's status and each gate's approval task with idempotent upserts.
"""

from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session

from approvals import store
from workflows.case.models import Gate
from workflows.case.projection import CaseProjection, GateProjection


class StoreSink:
    """Writes projections to the approvals store.

    Args:
        engine: The approvals database engine.
    """

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def write_case(self, projection: CaseProjection) -> None:
        """Store the case's status (and release the reporter's open-case claim when closed)."""
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

    def write_gates(self, projection: GateProjection) -> None:
        """Store the gates as approval tasks for the caseworkers' inbox."""
        with Session(self._engine) as session:
            for gate in projection.gates:
                store.upsert_approval(session, **approval_fields(projection, gate))


def approval_fields(projection: GateProjection, gate: Gate) -> dict[str, Any]:
    """The approval-task row of `gate` (shared by the sink and `approvals rebuild`)."""
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
