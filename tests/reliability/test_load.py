"""300 cases at concurrency 50 on two workers: every case ends completed or waits at its gate;
none is lost and none is doubled.

A fifth of the cases stop at a gate nobody decides (half of them four-eyes), so at the end
the run holds completed and waiting cases side by side. Twenty more moves are reported twice
at the same moment with the same `Idempotency-Key`, as a portal that retries too eagerly
would: each must give one case. Then the counts must agree everywhere: the driver's, the
Temporal visibility store's, the approvals store's and the registries' ledger.
"""

import asyncio
import time
import uuid
from collections import Counter

from burgerflow.bench.population import CaseKind, plan_kinds
from burgerflow.core.auth import issue_token
from burgerflow.core.constants import Role
from tests.reliability.harness import STEP_EFFECTS, Harness, wait_until

CASES = 300
CONCURRENCY = 50
DUPLICATED = 20


async def test_300_cases_on_two_workers_none_lost_none_doubled(harness: Harness):
    kinds = plan_kinds(CASES, 0.2)
    movers = await harness.movers([*kinds, *[CaseKind.UNGATED] * DUPLICATED])
    movers, twice = movers[:CASES], movers[CASES:]
    harness.worker("worker-1")
    harness.worker("worker-2")
    started = time.monotonic()

    async def report_twice(mover) -> tuple[int, int, set[str]]:
        key = f"twice-{uuid.uuid4()}"
        first, second = await asyncio.gather(harness.report(mover, key), harness.report(mover, key))
        ids = {r.json().get("case_id") for r in (first, second) if r.status_code == 202}
        return first.status_code, second.status_code, ids

    duplicates = asyncio.gather(*(report_twice(m) for m in twice))
    runs = await harness.run_cases(movers, concurrency=CONCURRENCY, timeout_s=300, decide=False)
    twice_answers = await duplicates
    elapsed = time.monotonic() - started

    # The driver: completed or waiting, as each case's path says.
    expected = {
        CaseKind.UNGATED: "completed",
        CaseKind.GATED: "awaiting_approval",
        CaseKind.FOUR_EYES: "awaiting_approval",
    }
    wrong = [(r.case_id, r.kind, r.status, r.error) for r in runs if r.status != expected[r.kind]]
    assert not wrong, wrong
    # Twice reported, once opened.
    assert all(a == b == 202 and len(ids) == 1 for a, b, ids in twice_answers), twice_answers
    twice_ids = {next(iter(ids)) for _, _, ids in twice_answers}
    case_ids = {r.case_id for r in runs}
    assert len(case_ids) == CASES and len(twice_ids) == DUPLICATED
    assert not case_ids & twice_ids
    everything = case_ids | twice_ids
    await harness.wait_closed(twice_ids, timeout_s=120)

    # Temporal: one workflow per case, no more.
    queue = harness.stack.settings.task_queue

    async def visible() -> bool:
        found = await harness.workflow_statuses(f"TaskQueue = '{queue}'")
        return sum(found.values()) >= len(everything)

    await wait_until(visible, timeout_s=60, what="every workflow in visibility")
    workflows = [e.id async for e in harness.temporal.list_workflows(f"TaskQueue = '{queue}'")]
    assert Counter(workflows) == Counter(everything)

    # The registries: each completed case's effects once; nothing for a case at its gate.
    ledger = await harness.effects_by_subject()
    by_bsn = {m.bsn: r for m, r in zip(movers, runs, strict=True)}
    for bsn, run in by_bsn.items():
        rows = ledger.get(bsn, [])
        if run.kind is CaseKind.UNGATED:
            assert Counter((r.registry, r.operation) for r in rows) == STEP_EFFECTS, rows
            assert {r.idempotency_key.split("/", 1)[0] for r in rows} == {run.case_id}
        else:
            assert rows == [], "no registry changes before a gate is approved"
    effects = sum(len(rows) for rows in ledger.values())
    assert effects == 5 * (kinds.count(CaseKind.UNGATED) + DUPLICATED)

    # The approvals store agrees: every case once, waiting cases in the inbox.
    token = issue_token(harness.stack.settings, role=Role.AUDITOR)
    auditor = {"Authorization": f"Bearer {token}"}

    async def projected() -> bool:
        listed = await harness.api.get("/v1/cases", params={"limit": 500}, headers=auditor)
        rows = [c for c in listed.json() if c["case_id"] in everything]
        want = Counter(expected[r.kind] for r in runs) + Counter({"completed": DUPLICATED})
        return Counter(c["status"] for c in rows) == want and len(rows) == len(everything)

    await wait_until(projected, timeout_s=60, what="the approvals store catching up")
    inbox = await harness.api.get(
        "/v1/approvals", params={"status": "pending"}, headers=harness.tokens.caseworkers[0]
    )
    waiting = {t["case_id"] for t in inbox.json()}
    assert waiting == {r.case_id for r in runs if r.kind is not CaseKind.UNGATED}

    statuses = Counter(r.status for r in runs)
    print(
        f"\nload: {CASES} cases at concurrency {CONCURRENCY} on two workers in {elapsed:.0f} s "
        f"({CASES / elapsed:.1f} cases/s): {dict(statuses)}; {DUPLICATED} moves reported twice "
        f"at once gave {DUPLICATED} cases; {len(workflows)} workflows, {effects} effects, "
        f"{len(waiting)} gates waiting; none lost, none doubled"
    )
