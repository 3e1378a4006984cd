"""Reading a case from its workflow, and cancelling it, whichever life event it is.

The `state` query and the `cancel` update are declared once, on `GatedCase`, with the base
`CaseState` as their type; a client that asked by that reference alone would read every case
as the base model and drop the life event's own fields. `query_state` and `cancel_case` call
them by name (taken from the handler, never spelled) and read the answer as the life event's
state model.
"""

from datetime import timedelta
from typing import Any

from temporalio.client import Client, WorkflowHandle

from workflows.case.life_event import LifeEvent
from workflows.case.models import CancelInput, CaseState
from workflows.case.workflow import GatedCase

STATE_QUERY = str(getattr(GatedCase.state, "__temporal_query_definition").name)
"""The name of the `state` query every case answers."""
CANCEL_UPDATE = str(GatedCase.cancel._defn.name)
"""The name of the `cancel` update every case takes."""


async def query_state(
    handle: WorkflowHandle[Any, Any], event: LifeEvent, *, rpc_timeout: timedelta | None = None
) -> CaseState:
    """The case behind `handle` as it stands, as `event`'s state model."""
    state: CaseState = await handle.query(
        STATE_QUERY, result_type=event.state, rpc_timeout=rpc_timeout
    )
    return state


async def cancel_case(
    handle: WorkflowHandle[Any, Any], event: LifeEvent, request: CancelInput
) -> CaseState:
    """Cancel the case behind `handle`; the case as it ended, as `event`'s state model.

    Raises:
        temporalio.client.WorkflowUpdateFailedError: The case refused (its cause's type is a
            `CaseRefusal`).
    """
    state: CaseState = await handle.execute_update(CANCEL_UPDATE, request, result_type=event.state)
    return state


def case_handle(
    client: Client, case_id: str, run_id: str | None = None
) -> WorkflowHandle[Any, Any]:
    """The workflow handle of a case."""
    return client.get_workflow_handle(case_id, run_id=run_id)
