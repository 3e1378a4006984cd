"""`ZaakRegistration`: one per case (workflow id `zaak-<case_id>`), keeping its zaak in step.

The case workflows do not call the zaaksysteem: a zaaksysteem that is down must delay the
registration, never the case. Whoever sees the case move on (the API starting it, the
worker's projection of its status and gates) signals `case_changed` with signal-with-start,
so whichever comes first starts this workflow. Each wake-up runs `zaak.sync`, which reads the
whole case and makes the zaak match it, so several signals coalesce into one sync and a
status that was never signalled on its own is still registered. `zaak.sync` is retried
without end (backoff capped at 30 s) while the zaaksysteem is unreachable or failing; a
refusal (4xx) ends the registration `failed`. The workflow ends when the ended case's zaak has
its resultaat and eindstatus.
"""

from datetime import timedelta

from temporalio import workflow
from temporalio.common import RetryPolicy
from temporalio.exceptions import ActivityError, ApplicationError

with workflow.unsafe.imports_passed_through():
    from workflows.zaak.activities import ZGW_REJECTED, ZaakActivities
    from workflows.zaak.models import (
        CaseChanged,
        SyncInput,
        ZaakInput,
        ZaakState,
        ZaakStatus,
    )

SYNC_RETRY = RetryPolicy(
    initial_interval=timedelta(seconds=1),
    backoff_coefficient=2.0,
    maximum_interval=timedelta(seconds=30),
    maximum_attempts=0,
    non_retryable_error_types=[ZGW_REJECTED],
)
"""Retry a sync for as long as it takes, unless the zaaksysteem refused it."""


def zaak_workflow_id(case_id: str) -> str:
    """The workflow id of a case's `ZaakRegistration`."""
    return f"zaak-{case_id}"


@workflow.defn(name="ZaakRegistration")
class ZaakRegistration:
    """Keeps one case's zaak in step with the case until the case has ended."""

    def __init__(self) -> None:
        """Start with a sync to do: the start itself is the first change."""
        self._state = ZaakState(identificatie="")
        self._changed = True

    @workflow.run
    async def run(self, request: ZaakInput) -> ZaakState:
        """Sync on every change until the ended case's zaak is closed (or refused)."""
        self._state.identificatie = request.case_id
        while True:
            await workflow.wait_condition(lambda: self._changed)
            self._changed = False
            try:
                result = await workflow.execute_activity_method(
                    ZaakActivities.sync,
                    SyncInput(case_id=request.case_id),
                    start_to_close_timeout=timedelta(seconds=120),
                    heartbeat_timeout=timedelta(seconds=15),
                    retry_policy=SYNC_RETRY,
                    summary="sync the zaak",
                )
            except ActivityError as e:
                cause = e.cause
                self._state.status = ZaakStatus.FAILED
                self._state.last_error = (
                    cause.message if isinstance(cause, ApplicationError) else str(e)
                )
                break
            self._state.status = ZaakStatus.REGISTERED
            self._state.url = result.url
            self._state.statuses_synced = result.statuses_synced
            self._state.last_error = None
            if result.closed:
                break
        await workflow.wait_condition(workflow.all_handlers_finished)
        return self._state

    @workflow.signal
    def case_changed(self, change: CaseChanged) -> None:
        """The case moved on: sync again (once, however many signals arrive meanwhile)."""
        self._changed = True

    @workflow.query
    def zaak(self) -> ZaakState:
        """Where the case's zaak stands."""
        return self._state
