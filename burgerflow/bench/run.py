"""`burgerflow bench`: the whole run, from starting the stack to the report.

1. Start a local stack in a temporary home on free ports (or use the given endpoints).
2. Make one case per slot of the mix through the mocks' admin API, as the life event's bench
   part says (outside the timed window).
3. Warm up, then run the cases through the API at the chosen concurrency, caseworkers
   approving the gated ones; count each case's history.
4. Stop the burgerflow worker; start the hand-written peer's worker on the same Temporal
   server; run the peer's workflow on its own prepared cases (same kinds, same bench part,
   fresh people) at the same concurrency, its caseworkers sending the same decisions; count
   its histories.
5. Start the no-op baseline's worker; run the bare baseline with the shape of each
   burgerflow case (same activities, one update per decision) at the same concurrency;
   count its histories.
6. Report the three sides and burgerflow's ratios to the other two.

`--runs N` does all of it N times, each on a fresh stack, and reports the median and spread
of every figure (`RunsReport`).
"""

import asyncio
import os
import platform
import shutil
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from temporalio.client import Client

from burgerflow.bench.baseline import BareCaseInput
from burgerflow.bench.driver import (
    CaseRun,
    Progress,
    Tokens,
    bare_shape,
    run_bare_cases,
    run_burgerflow_cases,
    run_peer_cases,
)
from burgerflow.bench.history import CaseTrace, trace
from burgerflow.bench.local import LocalStack, baseline_worker_args, peer_worker_args
from burgerflow.bench.options import BenchOptions
from burgerflow.bench.peer import PEERS
from burgerflow.bench.peer.worker import connect_plain
from burgerflow.bench.population import Numbers, bench_life_event, make_cases, plan_kinds
from burgerflow.bench.procs import CpuSnapshot, peak_rss_mib
from burgerflow.bench.report import BenchReport, RunsReport, summarise
from burgerflow.core.auth import issue_token
from burgerflow.core.constants import Role
from burgerflow.core.settings import Settings
from burgerflow.stack import Child, Stack
from registries_mock.admin.client import AdminClient
from workflows.case.bench import BenchCase, CaseKind
from workflows.client import connect

HISTORY_FETCHES = 16
"""Histories fetched at once after a phase."""


@dataclass
class Target:
    """Where the benchmark sends its load, and the processes it can watch."""

    settings: Settings
    api_url: str
    mocks_url: str
    local: LocalStack | None = None
    worker: Child | None = None
    pids: dict[str, int] = field(default_factory=dict)
    home: Path | None = None


@asynccontextmanager
async def _target(options: BenchOptions, settings: Settings) -> AsyncIterator[Target]:
    """The given endpoints, or a local stack started (and stopped) for the run."""
    if options.api_url and options.mocks_url:
        pids = {"bench": os.getpid()}
        if options.worker_pid:
            pids["worker"] = options.worker_pid
        yield Target(
            settings=settings,
            api_url=options.api_url.rstrip("/"),
            mocks_url=options.mocks_url.rstrip("/"),
            pids=pids,
        )
        return
    home = Path(tempfile.mkdtemp(prefix="burgerflow-bench-"))
    local = LocalStack(home)
    try:
        await local.start(workers=0)
        worker = local.start_worker("worker")
        assert local.temporal and local.api and local.mocks
        yield Target(
            settings=local.settings,
            api_url=local.api_url,
            mocks_url=local.mocks_url,
            local=local,
            worker=worker,
            pids={
                "temporal": local.temporal.proc.pid,
                "worker": worker.proc.pid,
                "api": local.api.proc.pid,
                "mocks": local.mocks.proc.pid,
                "bench": os.getpid(),
            },
            home=home,
        )
    finally:
        await asyncio.to_thread(local.stop)
        if not options.keep_home:
            shutil.rmtree(home, ignore_errors=True)


async def _traces(temporal: Client, runs: Sequence[CaseRun]) -> dict[str, CaseTrace]:
    """The history of every case that started, counted."""
    limit = asyncio.Semaphore(HISTORY_FETCHES)
    traces: dict[str, CaseTrace] = {}

    async def one(case_id: str) -> None:
        async with limit:
            history = await temporal.get_workflow_handle(case_id).fetch_history()
        traces[case_id] = trace(history)

    await asyncio.gather(*(one(r.case_id) for r in runs if r.case_id))
    return traces


def tokens_for(settings: Settings, life_event: str | None = None) -> Tokens:
    """Bearer headers for the portal and two caseworkers, signed with the settings' key.

    Args:
        settings: Their signing key.
        life_event: The life event driven (see `bench_life_event`): its caseworkers are of
            the municipality where its bench cases' gates are decided.
    """
    municipality = bench_life_event(life_event)[1].municipality

    def bearer(token: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {token}"}

    def caseworker(sub: str) -> dict[str, str]:
        return bearer(
            issue_token(settings, role=Role.CASEWORKER, sub=sub, municipality=municipality)
        )

    return Tokens(
        portal=bearer(issue_token(settings, role=Role.SERVICE, sub="bench-portal")),
        caseworkers=(caseworker("bench-cw-a"), caseworker("bench-cw-b")),
    )


async def _prepare(options: BenchOptions, target: Target) -> tuple[list[BenchCase], ...]:
    """Two sets of the same kinds of case, fresh people each: burgerflow's and the peer's.

    Both are made before either side runs (outside the timed windows) from one source of
    identifiers, so the two never share a person or a home and both sides run against a
    registry of the same size.
    """
    kinds = plan_kinds(options.warmup + options.cases, options.gated_fraction)
    numbers = Numbers()
    async with httpx.AsyncClient(base_url=target.mocks_url, timeout=60) as mocks:
        admin = AdminClient(mocks)
        sets = [
            await make_cases(admin, kinds, numbers=numbers, life_event=options.life_event)
            for _ in range(2)
        ]
    return tuple(sets)


async def _burgerflow_phase(
    options: BenchOptions,
    target: Target,
    temporal: Client,
    cases: Sequence[BenchCase],
    errors: list[str],
) -> tuple[list[CaseRun], dict[str, CaseTrace], dict[str, float], float | None]:
    """Warm up and run the timed burgerflow cases; returns runs, traces, CPU, peak memory."""
    tokens = tokens_for(target.settings, options.life_event)
    limits = httpx.Limits(max_connections=options.concurrency + 20)
    async with httpx.AsyncClient(base_url=target.api_url, timeout=60, limits=limits) as api:

        async def batch(label: str, part: Sequence[BenchCase]) -> list[CaseRun]:
            progress = Progress(label, len(part))
            runs, cw_errors = await run_burgerflow_cases(
                api=api,
                temporal=temporal,
                movers=part,
                concurrency=options.concurrency,
                tokens=tokens,
                case_timeout_s=options.case_timeout_s,
                progress=progress,
            )
            progress.close()
            errors.extend(cw_errors)
            return runs

        if options.warmup:
            await batch("warm-up", cases[: options.warmup])
        before = CpuSnapshot.take(target.pids)
        runs = await batch("burgerflow", cases[options.warmup :])
        cpu = CpuSnapshot.take(target.pids).since(before)
    worker_pid = target.pids.get("worker")
    peak = peak_rss_mib(worker_pid) if worker_pid else None
    return runs, await _traces(temporal, runs), cpu, peak


async def _peer_phase(
    options: BenchOptions,
    target: Target,
    cases: Sequence[BenchCase],
) -> tuple[list[CaseRun], dict[str, CaseTrace], dict[str, float], float | None]:
    """Warm up and run the hand-written peer on its own cases; runs, traces, CPU, memory."""
    event, bench = bench_life_event(options.life_event)
    peer = PEERS[event.type]
    queue = f"bench-peer-{uuid.uuid4().hex[:8]}"
    if target.local:
        worker = target.local.start_peer_worker(queue)
    else:
        worker = Stack(target.settings).spawn("peer-worker", peer_worker_args(queue))
    pids = {k: v for k, v in target.pids.items() if k != "worker"} | {"worker": worker.proc.pid}
    temporal = await connect_plain(target.settings)
    try:

        async def batch(label: str, part: Sequence[BenchCase]) -> list[CaseRun]:
            progress = Progress(label, len(part))
            runs = await run_peer_cases(
                temporal=temporal,
                peer=peer,
                cases=part,
                approvals=bench.approvals,
                concurrency=options.concurrency,
                task_queue=queue,
                case_timeout_s=options.case_timeout_s,
                progress=progress,
            )
            progress.close()
            return runs

        if options.warmup:
            await batch("warm-up", cases[: options.warmup])
        before = CpuSnapshot.take(pids)
        runs = await batch("peer", cases[options.warmup :])
        cpu = CpuSnapshot.take(pids).since(before)
        peak = peak_rss_mib(worker.proc.pid)
    finally:
        LocalStack.terminate(worker)
        worker.log.close()
    return runs, await _traces(temporal, runs), cpu, peak


async def _baseline_phase(
    options: BenchOptions,
    target: Target,
    temporal: Client,
    shapes: Sequence[tuple[CaseKind, BareCaseInput]],
) -> tuple[list[CaseRun], dict[str, CaseTrace], dict[str, float], float | None]:
    """Warm up and run the bare baseline; returns runs, traces, CPU, peak memory."""
    queue = f"bench-bare-{uuid.uuid4().hex[:8]}"
    if target.local:
        worker = target.local.start_baseline_worker(queue)
    else:
        # Given endpoints: the worker inherits this process's BURGERFLOW_* settings.
        worker = Stack(target.settings).spawn("baseline-worker", baseline_worker_args(queue))
    pids = {k: v for k, v in target.pids.items() if k != "worker"} | {"worker": worker.proc.pid}
    try:

        async def batch(
            label: str, part: Sequence[tuple[CaseKind, BareCaseInput]]
        ) -> list[CaseRun]:
            progress = Progress(label, len(part))
            runs = await run_bare_cases(
                temporal=temporal,
                shapes=part,
                concurrency=options.concurrency,
                task_queue=queue,
                case_timeout_s=options.case_timeout_s,
                progress=progress,
            )
            progress.close()
            return runs

        if options.warmup:
            await batch("warm-up", shapes[: options.warmup])
        before = CpuSnapshot.take(pids)
        runs = await batch("bare", shapes)
        cpu = CpuSnapshot.take(pids).since(before)
        peak = peak_rss_mib(worker.proc.pid)
    finally:
        LocalStack.terminate(worker)
        worker.log.close()
    return runs, await _traces(temporal, runs), cpu, peak


async def run_bench(options: BenchOptions, settings: Settings) -> BenchReport:
    """Run the benchmark and return its report (progress goes to stderr).

    Args:
        options: Life event, cases, concurrency, mix, and the endpoints when not a local
            stack.
        settings: Settings for given endpoints (Temporal address, JWT key); a local stack
            makes its own.

    Raises:
        ValueError: The life event is unknown or has no bench part (before anything starts).
    """
    event, _ = bench_life_event(options.life_event)
    errors: list[str] = []
    async with _target(options, settings) as target:
        temporal = await connect(target.settings)
        bf_cases, peer_cases = await _prepare(options, target)
        bf_runs, bf_traces, bf_cpu, bf_peak = await _burgerflow_phase(
            options, target, temporal, bf_cases, errors
        )
        shapes: list[tuple[CaseKind, BareCaseInput]] = []
        for run in bf_runs:
            t = bf_traces.get(run.case_id or "")
            before, after = (t.activities_before_gate, t.activities_after_gate) if t else (0, 0)
            updates = t.updates if t else None
            shapes.append((run.kind, bare_shape(run.kind, before, after, updates)))
        # The burgerflow worker has nothing left to do: stopping it leaves the machine to the
        # peer and the baseline as it was left to burgerflow.
        if target.local and target.worker:
            LocalStack.terminate(target.worker)
        peer_runs, peer_traces, peer_cpu, peer_peak = await _peer_phase(options, target, peer_cases)
        errors.extend(f"peer: {r.error}" for r in peer_runs if r.error)
        bare_runs, bare_traces, bare_cpu, bare_peak = await _baseline_phase(
            options, target, temporal, shapes
        )
    setup = {
        "life_event": event.type,
        "cases": options.cases,
        "concurrency": options.concurrency,
        "gated_fraction": options.gated_fraction,
        "warmup": options.warmup,
        "peer": PEERS[event.type].workflow.__name__,
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "local_stack": target.local is not None,
        "when": time.strftime("%Y-%m-%d %H:%M %Z"),
    }
    return BenchReport(
        setup=setup,
        burgerflow=summarise(
            "burgerflow",
            bf_runs,
            bf_traces,
            awaiting_from_update=False,
            worker_peak_rss_mib=bf_peak,
            cpu_s=bf_cpu,
        ),
        peer=summarise(
            "peer",
            peer_runs,
            peer_traces,
            awaiting_from_update=True,
            worker_peak_rss_mib=peer_peak,
            cpu_s=peer_cpu,
        ),
        baseline=summarise(
            "bare_temporal",
            bare_runs,
            bare_traces,
            awaiting_from_update=True,
            worker_peak_rss_mib=bare_peak,
            cpu_s=bare_cpu,
        ),
        errors=errors[:50],
    )


async def run_benches(options: BenchOptions, settings: Settings) -> BenchReport | RunsReport:
    """Run the benchmark `options.runs` times; one run's report, or all runs' with medians."""
    reports = []
    for n in range(options.runs):
        if options.runs > 1:
            sys.stderr.write(f"run {n + 1} of {options.runs}\n")
        reports.append(await run_bench(options, settings))
    return reports[0] if options.runs == 1 else RunsReport(reports)
