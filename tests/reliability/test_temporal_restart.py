"""The Temporal dev server stopped and started again on its file while cases wait at gates
and run their steps: every case finishes, each effect exactly once.

While Temporal is down the API answers 503 problem+json for a new report (nothing is
started, nothing half-recorded), and the same report with the same key goes through once
Temporal is back. The worker and the API reconnect by themselves.
"""

import asyncio
import time
import uuid

from burgerflow.bench.driver import CaseRun
from burgerflow.bench.population import CaseKind
from tests.reliability.harness import Harness, assert_each_effect_once, wait_until

GATED = 8
UNGATED = 12
SLOW_MS = 1000
DOWN_S = 3


async def _pending_gates(harness: Harness, case_ids: set[str]) -> list[dict]:
    response = await harness.api.get(
        "/v1/approvals", params={"status": "pending"}, headers=harness.tokens.caseworkers[0]
    )
    assert response.status_code == 200, response.text
    return [t for t in response.json() if t["case_id"] in case_ids]


async def test_temporal_restarted_on_its_file_finishes_every_case(harness: Harness):
    kinds = [CaseKind.GATED] * GATED + [CaseKind.UNGATED] * (UNGATED + 1)
    movers = await harness.movers(kinds)
    late = movers.pop()  # reported during the outage
    for registry in ("belastingdienst", "berichtenbox"):
        await harness.admin.faults(registry, 0.0, SLOW_MS)
    harness.worker("worker-1")

    case_ids: list[str] = []
    for mover in movers:
        response = await harness.report(mover, f"restart-{uuid.uuid4()}")
        assert response.status_code == 202, response.text
        case_ids.append(response.json()["case_id"])
    gated_ids = set(case_ids[:GATED])
    ungated_bsns = {m.bsn for m in movers[GATED:]}

    async def waiting_and_stepping() -> bool:
        if len(await _pending_gates(harness, gated_ids)) < GATED:
            return False
        ledger = await harness.effects_by_subject()
        return any(len(ledger.get(b, [])) for b in ungated_bsns)

    await wait_until(waiting_and_stepping, timeout_s=120, what="gates waiting, steps running")
    ledger = await harness.effects_by_subject()
    stepping = sum(1 for b in ungated_bsns if 0 < len(ledger.get(b, [])) < 5)
    effects_at_stop = sum(len(rows) for rows in ledger.values())

    assert harness.stack.temporal is not None
    harness.stack.terminate(harness.stack.temporal)
    down_at = time.monotonic()
    ready = await harness.api.get("/readyz")
    assert ready.status_code == 503 and ready.json()["checks"]["temporal"] != "ok"
    late_key = f"restart-late-{uuid.uuid4()}"
    refused = await harness.report(late, late_key)
    assert refused.status_code == 503, refused.text
    assert refused.headers["content-type"] == "application/problem+json"
    await asyncio.sleep(DOWN_S)

    await harness.stack.start_temporal()

    async def api_ready() -> bool:
        return (await harness.api.get("/readyz")).status_code == 200

    await wait_until(api_ready, timeout_s=60, what="the API reaching Temporal again")
    accepted = await harness.report(late, late_key)
    assert accepted.status_code == 202, accepted.text
    case_ids.append(accepted.json()["case_id"])
    movers.append(late)

    for gate in await _pending_gates(harness, gated_ids):
        decided = await harness.api.post(
            f"/v1/approvals/{gate['gate_id']}/decision",
            json={"decision": "approve", "reason": "Documents checked after the restart."},
            headers=harness.tokens.caseworkers[0],
        )
        assert decided.status_code == 200, decided.text

    statuses = await harness.wait_closed(case_ids, timeout_s=180)
    recovered_s = time.monotonic() - down_at
    assert list(statuses.values()) == ["completed"] * len(case_ids), statuses

    runs = [
        CaseRun(index=i, kind=m.kind, case_id=c)
        for i, (m, c) in enumerate(zip(movers, case_ids, strict=True))
    ]
    counted = assert_each_effect_once(await harness.effects_by_subject(), runs, movers)
    print(
        f"\ntemporal restart: stopped with {GATED} cases at their gate, {stepping} in their "
        f"steps and {effects_at_stop} effects applied; down {DOWN_S} s; a report during the "
        f"outage got 503 and went through after; all {len(case_ids)} completed "
        f"{recovered_s:.0f} s after the stop; {counted['replayed_keys']} keys sent again, "
        f"no effect twice"
    )
