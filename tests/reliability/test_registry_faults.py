"""Every registry failing 30% of its requests, 200 ms slower: 50 cases all finish, and each
effect is applied exactly once.

Half of the injected mutation errors come after the effect was applied (the response is
lost), so a step must be retried with its idempotency key and the registry must answer the
retry with the stored first response.
"""

import time

from burgerflow.bench.population import CaseKind
from tests.reliability.harness import Harness, assert_each_effect_once

CASES = 50
ERROR_RATE = 0.3
LATENCY_MS = 200


async def test_flaky_slow_registries_finish_every_case_once(harness: Harness):
    movers = await harness.movers([CaseKind.UNGATED] * CASES)
    await harness.admin.faults("*", ERROR_RATE, LATENCY_MS, seed=7)
    harness.worker("worker-1")
    started = time.monotonic()

    runs = await harness.run_cases(movers, concurrency=CASES, timeout_s=300)

    elapsed = time.monotonic() - started
    assert [r.status for r in runs] == ["completed"] * CASES, [
        (r.case_id, r.status, r.error) for r in runs if r.status != "completed"
    ]
    await harness.admin.clear_faults()
    counted = assert_each_effect_once(await harness.effects_by_subject(), runs, movers)
    assert counted["effects"] == CASES * 5
    retries = await harness.activity_retries([r.case_id for r in runs if r.case_id])
    print(
        f"\nregistry faults: {CASES} cases at {ERROR_RATE:.0%} errors and +{LATENCY_MS} ms all "
        f"completed in {elapsed:.0f} s; {retries} activity retries; {counted['requests']} "
        f"mutation requests for {counted['effects']} effects ({counted['replayed_keys']} keys "
        f"replayed), none applied twice"
    )
