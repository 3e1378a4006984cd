"""What the reliability tests share: the stack, its clients, movers, and ledger checks."""

import asyncio
import contextlib
import time
from collections import Counter
from collections.abc import AsyncIterator, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import httpx
from temporalio.client import Client, WorkflowExecutionStatus

from burgerflow.bench.driver import CaseRun, Tokens, run_burgerflow_cases
from burgerflow.bench.history import trace
from burgerflow.bench.local import LocalStack
from burgerflow.bench.population import CaseKind, Mover, make_movers
from burgerflow.bench.run import tokens_for
from burgerflow.stack import Child
from registries_mock.admin.client import AdminClient
from registries_mock.admin.schemas import EffectPublic
from workflows.change_of_address.workflow import ChangeOfAddress
from workflows.client import connect

STEP_EFFECTS = Counter(
    {
        ("brp", "adreswijziging"): 1,
        ("belastingdienst", "adreswijziging"): 1,
        ("gemeente", "belasting_beeindigen"): 1,
        ("gemeente", "belasting_starten"): 1,
        ("berichtenbox", "bericht_bezorgen"): 1,
    }
)
"""The effects of one completed move of a prepared mover (see `burgerflow.bench.population`)."""


@dataclass
class Harness:
    """A running stack and the clients a test drives it with."""

    stack: LocalStack
    api: httpx.AsyncClient
    admin: AdminClient
    temporal: Client
    tokens: Tokens

    def worker(self, name: str) -> Child:
        """Start a `burgerflow worker` process."""
        return self.stack.start_worker(name)

    async def movers(self, kinds: Sequence[CaseKind]) -> list[Mover]:
        """Fresh movers, one per kind."""
        return await make_movers(self.admin, list(kinds))

    async def run_cases(
        self,
        movers: Sequence[Mover],
        *,
        concurrency: int,
        timeout_s: float,
        decide: bool = True,
    ) -> list[CaseRun]:
        """Report the moves through the API and see each case to its end (or its gate)."""
        runs, errors = await run_burgerflow_cases(
            api=self.api,
            temporal=self.temporal,
            movers=movers,
            concurrency=concurrency,
            tokens=self.tokens,
            case_timeout_s=timeout_s,
            decide=decide,
        )
        assert not errors, errors
        return runs

    async def report(self, mover: Mover, key: str) -> httpx.Response:
        """One report through the API as the portal."""
        return await self.api.post(
            "/v1/life-events",
            json=mover.report(date.today()),
            headers={**self.tokens.portal, "Idempotency-Key": key},
        )

    async def effects_by_subject(self) -> dict[str, list[EffectPublic]]:
        """The whole effects ledger, by BSN."""
        rows: dict[str, list[EffectPublic]] = {}
        for row in await self.admin.effects():
            rows.setdefault(row.subject, []).append(row)
        return rows

    async def wait_closed(self, case_ids: Iterable[str], timeout_s: float) -> dict[str, str]:
        """Wait until every case's workflow has closed; returns each case's final status."""
        statuses: dict[str, str] = {}

        async def one(case_id: str) -> None:
            handle = self.temporal.get_workflow_handle_for(ChangeOfAddress.run, case_id)
            statuses[case_id] = str((await handle.result()).status)

        await asyncio.wait_for(asyncio.gather(*(one(c) for c in case_ids)), timeout_s)
        return statuses

    async def activity_retries(self, case_ids: Iterable[str]) -> int:
        """Activity attempts beyond the first, over the histories of `case_ids`."""
        total = 0
        for case_id in case_ids:
            history = await self.temporal.get_workflow_handle(case_id).fetch_history()
            total += trace(history).activity_retries
        return total

    async def workflow_statuses(self, query: str) -> Counter[WorkflowExecutionStatus | None]:
        """Execution statuses of the workflows a visibility query finds."""
        found: Counter[WorkflowExecutionStatus | None] = Counter()
        async for execution in self.temporal.list_workflows(query):
            found[execution.status] += 1
        return found


def assert_each_effect_once(
    ledger: dict[str, list[EffectPublic]], runs: Sequence[CaseRun], movers: Sequence[Mover]
) -> Counter[str]:
    """Every completed mover has each step's effect exactly once, under its case's keys.

    Returns:
        What the ledger shows: rows, and rows whose key arrived more than once (a retry the
        idempotency key turned into a replay).
    """
    counted: Counter[str] = Counter()
    for run in runs:
        mover = movers[run.index]
        rows = ledger.get(mover.bsn, [])
        kinds = Counter((r.registry, r.operation) for r in rows)
        assert kinds == STEP_EFFECTS, (run.case_id, kinds)
        assert {r.idempotency_key.split("/", 1)[0] for r in rows} == {run.case_id}, rows
        counted["effects"] += len(rows)
        counted["replayed_keys"] += sum(1 for r in rows if r.received > 1)
        counted["requests"] += sum(r.received for r in rows)
    return counted


async def wait_until(predicate, *, timeout_s: float, interval_s: float = 0.2, what: str) -> None:
    """Poll an async predicate until it holds; fail after `timeout_s`."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if await predicate():
            return
        await asyncio.sleep(interval_s)
    raise AssertionError(f"not within {timeout_s:.0f} s: {what}")


@contextlib.asynccontextmanager
async def open_harness(home: Path) -> AsyncIterator[Harness]:
    """Start Temporal, the mocks and the API in `home`; stop every process afterwards."""
    stack = LocalStack(home)
    try:
        await stack.start(workers=0)
        temporal = await connect(stack.settings)
        async with (
            httpx.AsyncClient(base_url=stack.api_url, timeout=60) as api,
            httpx.AsyncClient(base_url=stack.mocks_url, timeout=60) as mocks,
        ):
            yield Harness(
                stack=stack,
                api=api,
                admin=AdminClient(mocks),
                temporal=temporal,
                tokens=tokens_for(stack.settings),
            )
    finally:
        await asyncio.to_thread(stack.stop)
