"""`burgerflow approvals rebuild`: the store rebuilt from Temporal, its source of truth.

Lists the change-of-address workflows through visibility, reads each case's state (the
result of a closed case, a query of an open one; a query needs a running worker), and
replaces the projection (cases, subjects, open cases, approval tasks) in one transaction.
Intake keys are the API's own record and stay as they are.
"""

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import Engine
from sqlmodel import Session
from temporalio.client import Client, WorkflowExecution, WorkflowExecutionStatus

from approvals import store
from approvals.projection import approval_fields
from burgerflow.core.constants import SA_LIFE_EVENT, TERMINAL_STATUSES
from burgerflow.core.keys import pseudonym_key, subject_key
from burgerflow.core.settings import Settings
from workflows.case.client import query_state
from workflows.case.models import CaseState
from workflows.case.projection import GateProjection
from workflows.life_events import LIFE_EVENTS

log = logging.getLogger(__name__)


def cases_query() -> str:
    """The visibility query of every case of the list's life events (by the life-event
    search attribute)."""
    types = ", ".join(f"'{t}'" for t in LIFE_EVENTS.types())
    return f"{SA_LIFE_EVENT.name} IN ({types})"


@dataclass
class RebuildReport:
    """What a rebuild found and wrote.

    Attributes:
        cases: Cases written.
        gates: Approval tasks written.
        unreadable: Workflow ids whose state could not be read (left out).
    """

    cases: int = 0
    gates: int = 0
    unreadable: list[str] = field(default_factory=list)


async def _state_of(client: Client, execution: WorkflowExecution) -> CaseState:
    event = LIFE_EVENTS.of_workflow_type(execution.workflow_type)
    if event is None:
        raise ValueError(f"{execution.workflow_type} is not a life event's workflow")
    handle = client.get_workflow_handle(
        execution.id, run_id=execution.run_id, result_type=event.state
    )
    if execution.status is WorkflowExecutionStatus.COMPLETED:
        state: CaseState = await handle.result(rpc_timeout=timedelta(seconds=30))
        return state
    return await query_state(handle, event, rpc_timeout=timedelta(seconds=30))


async def read_cases(
    client: Client, *, query: str | None = None, concurrency: int = 8
) -> tuple[list[tuple[WorkflowExecution, CaseState]], list[str]]:
    """Every case that `query` lists, with its state; and the ids that could not be read."""
    executions = [e async for e in client.list_workflows(query or cases_query())]
    limit = asyncio.Semaphore(concurrency)

    async def read(e: WorkflowExecution) -> tuple[WorkflowExecution, CaseState | None]:
        async with limit:
            try:
                return e, await _state_of(client, e)
            except Exception as error:  # one unreadable case must not stop the rebuild
                log.warning("case %s could not be read: %s", e.id, error)
                return e, None

    results = await asyncio.gather(*(read(e) for e in executions))
    found = [(e, s) for e, s in results if s is not None]
    return found, [e.id for e, s in results if s is None]


async def rebuild(
    client: Client,
    engine: Engine,
    settings: Settings,
    *,
    query: str | None = None,
    wipe: bool = True,
) -> RebuildReport:
    """Replace the projection with what the workflows hold.

    Args:
        client: A Temporal client (with burgerflow's data converter).
        engine: The approvals store.
        settings: For the pseudonym key of the subjects.
        query: The visibility query selecting the cases (every life event's by default).
        wipe: Delete the old projection first (False: only upsert what is found).
    """
    cases, unreadable = await read_cases(client, query=query)
    key = pseudonym_key(settings)
    report = RebuildReport(unreadable=unreadable)

    def write() -> None:
        with Session(engine) as session:
            if wipe:
                store.wipe_projection(session, commit=False)
            for execution, state in cases:
                store.restore_case(
                    session,
                    case_id=state.case_id,
                    type=state.type,
                    status=state.status,
                    municipality=state.municipality,
                    reporter_key=subject_key(key, state.bsn),
                    other_keys=[subject_key(key, b) for b in state.subjects()[1:]],
                    open=state.status not in TERMINAL_STATUSES,
                    created_at=state.timeline[0].at if state.timeline else execution.start_time,
                    updated_at=state.updated_at,
                    commit=False,
                )
                projection = GateProjection(
                    case_id=state.case_id,
                    municipality=state.municipality,
                    policy_version=state.policy_version,
                    caseworker_summary=state.caseworker_summary,
                    agent_rationale=state.agent_rationale,
                    rules_fired=state.rules_fired,
                    flags=state.flags,
                    facts=state.facts,
                    gates=state.gates,
                    at=state.updated_at,
                )
                for gate in state.gates:
                    store.upsert_approval(
                        session, commit=False, **approval_fields(projection, gate)
                    )
                    report.gates += 1
                report.cases += 1
            session.commit()

    await asyncio.to_thread(write)
    return report
