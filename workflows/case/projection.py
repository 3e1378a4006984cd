"""Activities that project a case and its gates into the approvals store.

The workflow is the source of truth; the store is its projection. The activities are defined
here, where the workflows call them; what they write to is a `ProjectionSink` the worker is
given (the approvals store's, `approvals.projection.StoreSink`), so this layer does not import
the store. Each write is an idempotent upsert, and a projection that arrives late never
overwrites a newer one, so a retried activity changes nothing twice.
"""

import asyncio
from datetime import datetime
from typing import Any, Protocol

from pydantic import BaseModel, Field
from temporalio import activity

from workflows.case.models import Gate


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
    case: CaseProjection | None = None
    """The case's status, projected in the same activity (a lean case at its gates and, when
    it has gates, at its end); written after the gates."""


class ProjectionSink(Protocol):
    """Where projections are written (blocking calls; the activities run them in a thread)."""

    def write_case(self, projection: CaseProjection) -> None:
        """Store the case's status (and release its reporter's open-case claim when closed)."""

    def write_gates(self, projection: GateProjection) -> None:
        """Store the gates as approval tasks."""


class ProjectionActivities:
    """The projection activities, writing to the worker's sink."""

    def __init__(self, sink: ProjectionSink) -> None:
        """Args:
        sink: Where the projections go (the approvals store).
        """
        self._sink = sink

    @activity.defn
    async def project_case(self, projection: CaseProjection) -> None:
        """Store the case's status (and release the reporter's open-case claim when closed)."""
        await asyncio.to_thread(self._sink.write_case, projection)

    @activity.defn
    async def project_gates(self, projection: GateProjection) -> None:
        """Store the gates as approval tasks for the caseworkers' inbox, then the case's
        status when it comes along (releasing the reporter's open-case claim when closed)."""
        await asyncio.to_thread(self._sink.write_gates, projection)
        if projection.case is not None:
            await asyncio.to_thread(self._sink.write_case, projection.case)
