"""A worker SIGKILLed while it creates a case's zaak: a new worker finishes the case and the
registration, and the zaaksysteem has one zaak.

The zaaksysteem answers slowly (its latency fault): a creation's zaak is made at once and
its answer comes late. The worker process dies in that window, after the zaak exists and
before the worker heard so; the retried sync finds the zaak by its identificatie instead of
making a second one.
"""

import asyncio
import os
import signal
import sys
import time
from pathlib import Path

from temporalio.api.enums.v1 import EventType
from temporalio.testing import WorkflowEnvironment

from burgerflow.stack import Stack
from tests.support import TEST_PAYLOAD_KEY_1
from tests.zaak.stack import ZGW_CLIENT_ID, ZGW_SECRET, ZaakStack, open_zaak_stack
from tests.zaak.support import (
    assert_closed_in_order,
    registration_result,
    run_to_end,
    start_case,
    zaak_rows,
    zaak_view,
)
from workflows.zaak.models import ZaakStatus
from workflows.zaak.workflow import zaak_workflow_id

SLOW_MS = 2000


def _worker_env(stack: ZaakStack, temporal_env: WorkflowEnvironment) -> dict[str, str]:
    s = stack.settings
    return {
        "BURGERFLOW_HOME": str(s.home),
        "BURGERFLOW_TEMPORAL_ADDRESS": temporal_env.client.service_client.config.target_host,
        "BURGERFLOW_TASK_QUEUE": s.task_queue,
        "BURGERFLOW_REGISTRIES_BASE_URL": s.resolved_registries_base_url,
        "BURGERFLOW_DATABASE_URL": s.resolved_database_url,
        "BURGERFLOW_PAYLOAD_KEYS": TEST_PAYLOAD_KEY_1,
        "BURGERFLOW_ZGW_URL": s.zgw_url,
        "BURGERFLOW_ZGW_CLIENT_ID": ZGW_CLIENT_ID,
        "BURGERFLOW_ZGW_SECRET": ZGW_SECRET,
    }


async def _until(predicate, what: str, timeout_s: float = 120) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"not within {timeout_s:.0f} s: {what}")


async def _completed_syncs(stack: ZaakStack, case_id: str) -> int:
    history = await stack.temporal.get_workflow_handle(zaak_workflow_id(case_id)).fetch_history()
    completed = EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED
    return sum(1 for e in history.events if e.event_type == completed)


async def test_a_worker_killed_while_creating_the_zaak_leaves_one_zaak(
    temporal_env: WorkflowEnvironment, tmp_path: Path
):
    async with open_zaak_stack(temporal_env, tmp_path, worker=False) as stack:
        processes = Stack(stack.settings)
        env = _worker_env(stack, temporal_env)
        worker_args = [sys.executable, "-m", "burgerflow", "worker"]
        try:
            await stack.admin.faults("zgw", latency_ms=SLOW_MS)
            first = processes.spawn("worker-1", worker_args, env=env)
            case_id = await start_case(stack, "emigration")
            await _until(lambda: zaak_rows(stack, case_id), "the zaak made")
            os.kill(first.proc.pid, signal.SIGKILL)
            assert first.proc.wait(10) == -signal.SIGKILL
            # The sync that made the zaak never heard so.
            assert not await _completed_syncs(stack, case_id)
            await stack.admin.clear_faults()
            killed_at = time.monotonic()

            processes.spawn("worker-2", worker_args, env=env)
            case = await run_to_end(stack, case_id, timeout=180)
            final = await registration_result(stack, case_id, timeout=180)
            recovered_s = time.monotonic() - killed_at
        finally:
            await asyncio.to_thread(processes.stop)

        assert case["status"] == "completed"
        assert final.status is ZaakStatus.REGISTERED
        assert len(zaak_rows(stack, case_id)) == 1
        view = await zaak_view(stack, case_id)
        assert_closed_in_order(view, case)
        history = await stack.temporal.get_workflow_handle(
            zaak_workflow_id(case_id)
        ).fetch_history()
        attempts = [
            e.activity_task_started_event_attributes.attempt
            for e in history.events
            if e.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED
        ]
        assert max(attempts) >= 2, attempts
        print(
            f"\nworker killed mid-creation: one zaak; the new worker closed it "
            f"{recovered_s:.0f} s after the kill (sync attempts {attempts})"
        )
