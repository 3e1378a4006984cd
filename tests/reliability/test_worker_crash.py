"""A worker SIGKILLed in the middle of the steps: a new worker finishes every case, and each
effect is in the ledger exactly once.

The Belastingdienst and the message box answer slowly (1 s), so the cases spend seconds in
their steps; the worker dies when some cases have written effects and others are still
waiting for theirs. Requests in flight at that moment are applied by the registries after
the worker is gone: the new worker retries those steps with the same idempotency keys, and
the ledger turns each retry into a replay instead of a second effect.
"""

import asyncio
import time

from burgerflow.bench.population import CaseKind
from tests.reliability.harness import Harness, assert_each_effect_once, wait_until

CASES = 20
SLOW_MS = 1000


async def test_a_killed_worker_loses_and_doubles_nothing(harness: Harness):
    movers = await harness.movers([CaseKind.UNGATED] * CASES)
    for registry in ("belastingdienst", "berichtenbox"):
        await harness.admin.faults(registry, 0.0, SLOW_MS)
    first = harness.worker("worker-1")
    run = asyncio.create_task(harness.run_cases(movers, concurrency=CASES, timeout_s=240))

    async def mid_steps() -> bool:
        rows = [r for rows in (await harness.effects_by_subject()).values() for r in rows]
        messages = sum(1 for r in rows if r.registry == "berichtenbox")
        return messages >= 2

    await wait_until(mid_steps, timeout_s=120, interval_s=0.1, what="the first cases done")
    harness.stack.kill(first)
    killed_at = time.monotonic()
    at_kill = await harness.effects_by_subject()
    effects_at_kill = sum(len(rows) for rows in at_kill.values())
    finished_at_kill = sum(
        1 for rows in at_kill.values() if any(r.registry == "berichtenbox" for r in rows)
    )
    assert first.proc.returncode == -9
    assert 0 < finished_at_kill < CASES, "the worker died in the middle of the run"

    harness.worker("worker-2")
    runs = await run
    recovered_s = time.monotonic() - killed_at

    assert [r.status for r in runs] == ["completed"] * CASES, [
        (r.case_id, r.status, r.error) for r in runs if r.status != "completed"
    ]
    counted = assert_each_effect_once(await harness.effects_by_subject(), runs, movers)
    assert counted["effects"] == CASES * 5
    print(
        f"\nworker crash: killed with {effects_at_kill}/{CASES * 5} effects applied and "
        f"{finished_at_kill}/{CASES} cases messaged; the new worker finished all {CASES} in "
        f"{recovered_s:.0f} s; {counted['replayed_keys']} effects had their key sent again "
        f"({counted['requests']} requests for {counted['effects']} effects), none applied twice"
    )
