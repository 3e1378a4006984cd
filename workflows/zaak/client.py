"""Starting, nudging and reading a case's `ZaakRegistration`.

`nudge_zaak` is signal-with-start: it starts the case's registration if it is not running and
signals `case_changed` either way, so the API (when it starts a case) and the worker (after
each projection) can both call it, in any order, any number of times. Once the registration
has ended (the zaak is closed, or was refused), a nudge changes nothing.
"""

from datetime import timedelta

from temporalio.client import Client, WorkflowQueryFailedError
from temporalio.common import WorkflowIDReusePolicy
from temporalio.exceptions import WorkflowAlreadyStartedError
from temporalio.service import RPCError, RPCStatusCode

from burgerflow.core.settings import Settings
from workflows.zaak.models import CaseChanged, ZaakInput, ZaakState, ZaakStatus
from workflows.zaak.workflow import ZaakRegistration, zaak_workflow_id

CASE_CHANGED_SIGNAL = str(ZaakRegistration.case_changed.__temporal_signal_definition.name)  # type: ignore[attr-defined]
"""The name of the `case_changed` signal."""


async def nudge_zaak(
    client: Client, case_id: str, *, task_queue: str, status: str | None = None
) -> None:
    """Start the case's registration if needed and tell it the case moved on."""
    try:
        await client.start_workflow(
            ZaakRegistration.run,
            ZaakInput(case_id=case_id),
            id=zaak_workflow_id(case_id),
            task_queue=task_queue,
            id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,
            start_signal=CASE_CHANGED_SIGNAL,
            start_signal_args=[CaseChanged(status=status)],
            static_summary="the case's zaak in the zaaksysteem",
        )
    except WorkflowAlreadyStartedError:
        pass  # the registration has ended: the zaak is closed (or was refused)


async def zaak_of_case(
    client: Client, settings: Settings, case_id: str, *, rpc_timeout: timedelta | None = None
) -> ZaakState:
    """Where the case's zaak stands; `off` without a zaaksysteem, `pending` before its
    registration has started."""
    if not settings.zgw_enabled:
        return ZaakState(status=ZaakStatus.OFF, identificatie=case_id)
    handle = client.get_workflow_handle_for(ZaakRegistration.run, zaak_workflow_id(case_id))
    try:
        return await handle.query(ZaakRegistration.zaak, rpc_timeout=rpc_timeout)
    except RPCError as e:
        if e.status is RPCStatusCode.NOT_FOUND:
            return ZaakState(status=ZaakStatus.PENDING, identificatie=case_id)
        raise
    except WorkflowQueryFailedError:
        raise
