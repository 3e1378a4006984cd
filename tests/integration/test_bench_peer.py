"""`burgerflow bench` with its hand-written peer, for every life event, against a local stack.

The stack runs as processes on free ports (`LocalStack`, one burgerflow worker); the bench
is pointed at it with `--api-url` and `--mocks-url`, so after the run the mocks are still up
and their effects ledger shows what each side did to the registries.
"""

import json
import os
import subprocess
import sys
from collections import Counter

import httpx
import pytest

from burgerflow.bench.local import LocalStack
from workflows.life_events import LIFE_EVENTS

pytestmark = pytest.mark.integration

PEER_KEY_PREFIX = "bench-peer-"
"""How the peer's idempotency keys start (its workflow ids)."""


@pytest.fixture
async def stack(tmp_path):
    local = LocalStack(tmp_path / "home")
    try:
        await local.start(workers=1)
        yield local
    finally:
        local.stop()


def _bench(local: LocalStack, life_event: str, cwd) -> dict:
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "burgerflow",
            "bench",
            "--life-event",
            life_event,
            "--cases",
            "4",
            "--concurrency",
            "2",
            "--warmup",
            "0",
            "--gated",
            "0.5",
            "--api-url",
            local.api_url,
            "--mocks-url",
            local.mocks_url,
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=400,
        cwd=cwd,
        env={**os.environ, **local.env},
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert "peer        [" in run.stderr, "the peer's progress shown"
    return json.loads(run.stdout)


@pytest.mark.parametrize("life_event", ["change_of_address", "emigration", "death"])
async def test_the_peer_completes_its_cases_and_lands_each_mutation_once(
    stack, tmp_path, life_event
):
    assert life_event in LIFE_EVENTS.types()
    report = _bench(stack, life_event, tmp_path)

    bf, peer, bare = report["burgerflow"], report["peer"], report["bare_temporal"]
    assert bf["statuses"] == peer["statuses"] == bare["statuses"] == {"completed": 4}
    assert report["setup"]["peer"].startswith("BenchPeer")
    assert report["ratio_vs_peer_cases_per_s"] == pytest.approx(
        bf["cases_per_s"] / peer["cases_per_s"], rel=0.01
    )
    # The peer waited for the decisions burgerflow's caseworkers gave, and the baseline too.
    assert peer["updates_per_case"] == bf["updates_per_case"] == bare["updates_per_case"] > 0
    # One look-up activity per case, then its steps; payloads counted for every side.
    lookups = peer["payloads"][f"bench.peer.{life_event}.lookups"]
    assert lookups["tasks"] == 1 and lookups["result_bytes"] > 0
    for side in (bf, peer, bare):
        assert side["payload_bytes_per_case"] > 0
        assert side["largest_payload_bytes"] > 0
        assert sum(k["cases"] for k in side["by_kind"].values()) == 4
        assert side["by_kind"]["ungated"]["actions_per_case"] > 0
    assert bf["payload_bytes_per_case"] > peer["payload_bytes_per_case"]
    assert report["figures"]["cases per second"]["peer"] == peer["cases_per_s"]

    async with httpx.AsyncClient(base_url=stack.mocks_url) as mocks:
        response = await mocks.get("/_admin/effects")
    response.raise_for_status()
    effects = response.json()
    ours = [e for e in effects if e["idempotency_key"].startswith(PEER_KEY_PREFIX)]
    theirs = [e for e in effects if not e["idempotency_key"].startswith(PEER_KEY_PREFIX)]
    assert ours, "the peer's mutations reached the registries"
    # Exactly once each: one ledger row per key and registry, received once.
    assert all(e["received"] == 1 for e in ours)
    assert len({(e["registry"], e["idempotency_key"]) for e in ours}) == len(ours)
    # The same mutations as burgerflow's cases of the same kinds, to the same registries.
    assert Counter((e["registry"], e["operation"]) for e in ours) == Counter(
        (e["registry"], e["operation"]) for e in theirs
    )
    # Each on the peer's own people: none of burgerflow's subjects.
    assert not {e["subject"] for e in ours} & {e["subject"] for e in theirs}
