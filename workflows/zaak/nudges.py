"""A projection sink that also nudges the case's zaak registration.

The worker projects every status change and every gate change of a case (`project_case`,
`project_gates`); wrapping its sink makes each projection also signal-with-start the case's
`ZaakRegistration`, without the case workflows knowing of the zaaksysteem. The nudge runs
after the inner write and in the same activity: when it fails, the activity fails and is
retried, and its (idempotent) projection with it.
"""

import asyncio

from temporalio.client import Client

from workflows.case.projection import CaseProjection, GateProjection, ProjectionSink
from workflows.zaak.client import nudge_zaak

NUDGE_TIMEOUT_S = 10.0


class ZaakNudgingSink:
    """A `ProjectionSink` that writes to `inner`, then nudges the case's zaak."""

    def __init__(
        self,
        inner: ProjectionSink,
        client: Client,
        *,
        task_queue: str,
        loop: asyncio.AbstractEventLoop,
    ) -> None:
        """Args:
        inner: The sink that stores the projections (the approvals store's).
        client: The Temporal client that starts and signals the registrations.
        task_queue: The task queue of the registrations.
        loop: The event loop of `client` (the sink's methods run in a worker thread).
        """
        self._inner = inner
        self._client = client
        self._task_queue = task_queue
        self._loop = loop

    def _nudge(self, case_id: str, status: str | None) -> None:
        future = asyncio.run_coroutine_threadsafe(
            nudge_zaak(self._client, case_id, task_queue=self._task_queue, status=status),
            self._loop,
        )
        future.result(timeout=NUDGE_TIMEOUT_S)

    def write_case(self, projection: CaseProjection) -> None:
        """Store the case's status, then nudge its zaak."""
        self._inner.write_case(projection)
        self._nudge(projection.case_id, projection.status)

    def write_gates(self, projection: GateProjection) -> None:
        """Store the gates, then nudge the case's zaak."""
        self._inner.write_gates(projection)
        self._nudge(projection.case_id, None)
