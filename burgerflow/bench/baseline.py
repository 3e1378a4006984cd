"""The bare Temporal baseline of `burgerflow bench`: the same shape of work, none of the content.

`BareCase` runs the number of no-op activities a burgerflow case ran before its gate, waits
for as many updates as the case's caseworkers sent, then runs the no-op activities the case
ran after its gate. Measured on the same Temporal server in the same run, it is the cost of
Temporal alone, so the benchmark's headline is the ratio of burgerflow to it.

Run the worker with `python -m burgerflow.bench.baseline --task-queue TQ`; it connects with the
`BURGERFLOW_TEMPORAL_*` settings and burgerflow's data converter, like `burgerflow worker`.
"""

import argparse
import asyncio
import contextlib
import signal
from collections.abc import Sequence
from datetime import timedelta

from pydantic import BaseModel
from temporalio import activity, workflow

BASELINE_WORKFLOW = "BenchBareCase"


class BareCaseInput(BaseModel):
    """The shape of one burgerflow case, as counted from its history."""

    activities_before: int
    activities_after: int = 0
    updates: int = 0


class BareDecision(BaseModel):
    """Update input: a decision with no content."""

    n: int


@activity.defn(name="bench.noop")
async def noop() -> None:
    """Do nothing: the activity's cost is Temporal's alone."""


@workflow.defn(name=BASELINE_WORKFLOW)
class BareCase:
    """No-op activities around a wait for updates, the outline of a gated case."""

    def __init__(self) -> None:
        """Nothing decided, not yet at the gate."""
        self._at_gate = False
        self._decisions = 0

    @workflow.run
    async def run(self, shape: BareCaseInput) -> int:
        """Run the activities before the gate, wait for the updates, run the rest."""
        for _ in range(shape.activities_before):
            await self._noop()
        self._at_gate = True
        await workflow.wait_condition(lambda: self._decisions >= shape.updates)
        for _ in range(shape.activities_after):
            await self._noop()
        await workflow.wait_condition(workflow.all_handlers_finished)
        return shape.activities_before + shape.activities_after

    @workflow.update
    async def decide(self, decision: BareDecision) -> int:
        """Count a decision once the workflow is at its gate.

        The client sends it right after the start; waiting here instead of polling for the
        gate keeps the baseline's driver from adding work a real caseworker would not.
        """
        await workflow.wait_condition(lambda: self._at_gate)
        self._decisions += 1
        return self._decisions

    async def _noop(self) -> None:
        await workflow.execute_activity(noop, start_to_close_timeout=timedelta(seconds=30))


async def run_baseline_worker(task_queue: str) -> None:
    """Poll `task_queue` for the baseline until SIGINT or SIGTERM.

    Built like `burgerflow worker` (same client settings, data converter and worker defaults)
    so the difference between the two is burgerflow's own work.
    """
    from temporalio.worker import Worker

    from burgerflow.core.settings import Settings
    from workflows.client import connect

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    client = await connect(Settings())
    worker = Worker(
        client,
        task_queue=task_queue,
        workflows=[BareCase],
        activities=[noop],
        graceful_shutdown_timeout=timedelta(seconds=10),
    )
    async with worker:
        await stop.wait()


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the baseline worker process."""
    parser = argparse.ArgumentParser(description="the bare Temporal baseline worker of the bench")
    parser.add_argument("--task-queue", required=True)
    args = parser.parse_args(argv)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(run_baseline_worker(args.task_queue))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
