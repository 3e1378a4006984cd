"""Driving cases: burgerflow's through its HTTP API with simulated caseworkers, the bare
baseline's straight through a Temporal client.

Both drivers keep at most `concurrency` cases open at once (a closed loop: a slot takes the
next case when its case ends) and wait for the end of each case with a long poll on its
workflow result, which costs the server next to nothing, rather than polling the API.
"""

import asyncio
import contextlib
import sys
import time
import uuid
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import IO, Any

import httpx
from temporalio.client import Client, WorkflowFailureError, WorkflowUpdateFailedError
from temporalio.service import RPCError

from burgerflow.bench.baseline import BareCase, BareCaseInput, BareDecision
from burgerflow.bench.peer import Peer, PeerDecision, PeerGate
from burgerflow.core.constants import CaseStatus
from workflows.case.bench import APPROVALS, BenchCase, CaseKind
from workflows.case.models import CaseState
from workflows.life_events import LIFE_EVENTS

REPORT_ATTEMPTS = 4
"""A report that gets a 503 or no answer is sent again (same key) this often in all."""
POLL_INTERVAL_S = 0.1
"""How often the simulated caseworkers look at their inbox."""


@dataclass
class CaseRun:
    """One case as the driver saw it.

    Attributes:
        index: Position in the run.
        kind: The path the case was meant to take.
        reported_at: Unix time just before the report (or the start, for the baseline).
        case_id: The case's workflow id, once known.
        status: The final status, `error` when it never started, `timeout` when it did
            not end in time, `workflow_failed` when its workflow failed.
        ended_at: Unix time the driver saw the end.
        seen_at_gate_at: When a caseworker first saw one of its gates in the inbox.
        decisions: Decisions the caseworkers had accepted.
        report_attempts: How many times the report was sent.
        idempotency_key: The report's `Idempotency-Key`.
        error: What went wrong, if anything.
    """

    index: int
    kind: CaseKind
    reported_at: float = 0.0
    case_id: str | None = None
    status: str | None = None
    ended_at: float | None = None
    seen_at_gate_at: float | None = None
    decisions: int = 0
    report_attempts: int = 0
    idempotency_key: str | None = None
    error: str | None = None
    at_gate: asyncio.Event = field(default_factory=asyncio.Event, repr=False)


class Progress:
    """A progress line on stderr: a bar on a terminal, a line per tenth otherwise."""

    def __init__(self, label: str, total: int, *, stream: IO[str] | None = None) -> None:
        """Start counting `total` cases under `label`."""
        self.label = label
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        self.tty = self.stream.isatty()
        self.started = time.monotonic()
        self.done = 0
        self.failed = 0
        self._last_draw = 0.0
        self._last_tenth = -1

    def case_ended(self, ok: bool) -> None:
        """Count one ended case."""
        self.done += 1
        self.failed += 0 if ok else 1
        self._draw()

    def _line(self) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-9)
        width = 30
        filled = int(width * self.done / max(self.total, 1))
        bar = "#" * filled + "." * (width - filled)
        return (
            f"{self.label:<11} [{bar}] {self.done:>5}/{self.total} "
            f"{self.done / elapsed:6.1f} cases/s  failed {self.failed}"
        )

    def _draw(self, final: bool = False) -> None:
        now = time.monotonic()
        if self.tty:
            if final or now - self._last_draw >= 0.2 or self.done == self.total:
                self.stream.write("\r" + self._line())
                self.stream.flush()
                self._last_draw = now
            return
        tenth = 10 * self.done // max(self.total, 1)
        if tenth != self._last_tenth or final:
            self._last_tenth = tenth
            self.stream.write(self._line() + "\n")
            self.stream.flush()

    def close(self) -> None:
        """Draw the last state and end the line."""
        if self.tty:
            self._draw(final=True)
            self.stream.write("\n")
            self.stream.flush()


async def _closed_loop(
    items: Sequence[CaseRun], concurrency: int, run_one: Callable[[CaseRun], Awaitable[None]]
) -> None:
    """Run `run_one` over `items` with at most `concurrency` in flight, in order."""
    queue: asyncio.Queue[CaseRun] = asyncio.Queue()
    for item in items:
        queue.put_nowait(item)

    async def slot() -> None:
        while True:
            try:
                item = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            await run_one(item)

    await asyncio.gather(*(slot() for _ in range(max(1, min(concurrency, len(items))))))


@dataclass
class Tokens:
    """Bearer headers of the parties in a run."""

    portal: dict[str, str]
    """A `service` token: a municipal portal reporting for any citizen."""
    caseworkers: tuple[dict[str, str], dict[str, str]]
    """Two different caseworkers of the municipality that decides the gates (four-eyes)."""


@dataclass
class Caseworkers:
    """Simulated caseworkers: watch the inbox and approve the gates of this run's cases.

    A gate needing two approvals gets them from two different caseworkers, one after the
    other, as the four-eyes rule wants. With `decide` off they only watch: a case whose gate
    shows up is marked as waiting (`CaseRun.at_gate`) and left there.
    """

    api: httpx.AsyncClient
    tokens: Tokens
    decide: bool = True
    cases: dict[str, CaseRun] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    _handled: set[str] = field(default_factory=set)
    _tasks: set[asyncio.Task[None]] = field(default_factory=set)

    async def run(self, stop: asyncio.Event) -> None:
        """Poll the inbox until `stop` is set; decide each new gate of a known case."""
        while not stop.is_set():
            try:
                response = await self.api.get(
                    "/v1/approvals",
                    params={"status": "pending"},
                    headers=self.tokens.caseworkers[0],
                )
                tasks: list[dict[str, Any]] = response.json() if response.is_success else []
            except httpx.HTTPError as e:
                self.errors.append(f"inbox: {type(e).__name__}")
                tasks = []
            now = time.time()
            for task in tasks:
                case = self.cases.get(task["case_id"])
                if case is None or task["gate_id"] in self._handled:
                    continue
                self._handled.add(task["gate_id"])
                if case.seen_at_gate_at is None:
                    case.seen_at_gate_at = now
                case.at_gate.set()
                if not self.decide:
                    continue
                decide = asyncio.create_task(self._decide(case, task))
                self._tasks.add(decide)
                decide.add_done_callback(self._tasks.discard)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), POLL_INTERVAL_S)
        for pending in list(self._tasks):
            pending.cancel()

    async def _decide(self, case: CaseRun, task: dict[str, Any]) -> None:
        gate_id = task["gate_id"]
        needed = int(task["required_approvals"]) - len(task.get("decisions", []))
        for headers in self.tokens.caseworkers:
            if needed <= 0:
                return
            try:
                response = await self.api.post(
                    f"/v1/approvals/{gate_id}/decision",
                    json={"decision": "approve", "reason": "Benchmark: documents checked."},
                    headers=headers,
                )
            except httpx.HTTPError as e:
                response = None
                self.errors.append(f"decision: {type(e).__name__}")
            if response is not None and response.status_code == 200:
                case.decisions += 1
                needed -= 1
            elif response is None or response.status_code != 409:
                # Not decided (409 is this caseworker having decided already): let the next
                # look at the inbox try the gate again.
                if response is not None:
                    self.errors.append(f"decision {response.status_code}: {response.text[:200]}")
                self._handled.discard(gate_id)
                return


async def run_burgerflow_cases(
    *,
    api: httpx.AsyncClient,
    temporal: Client,
    movers: Sequence[BenchCase],
    concurrency: int,
    tokens: Tokens,
    case_timeout_s: float,
    progress: Progress | None = None,
    day: date | None = None,
    decide: bool = True,
) -> tuple[list[CaseRun], list[str]]:
    """Report every prepared case through the API and see each case to its end.

    Args:
        api: HTTP client on the burgerflow API.
        temporal: Client on the Temporal cluster the API starts cases on.
        movers: The prepared cases, in order (each its own reporter's).
        concurrency: Cases open at once.
        tokens: The portal's and the caseworkers' bearer headers.
        case_timeout_s: A case not ended this long after its report counts as `timeout`.
        progress: Where to show progress.
        day: The day the cases report (their event's date; today when None).
        decide: Let the caseworkers approve gates; when False a case ends for the driver
            (status `awaiting_approval`) as soon as its gate is in the inbox.

    Returns:
        Every case as the driver saw it, and the caseworkers' errors.
    """
    runs = [CaseRun(index=i, kind=m.kind) for i, m in enumerate(movers)]
    caseworkers = Caseworkers(api=api, tokens=tokens, decide=decide)
    stop = asyncio.Event()
    watcher = asyncio.create_task(caseworkers.run(stop))
    day = day or date.today()

    async def one(run: CaseRun) -> None:
        prepared = movers[run.index]
        key = run.idempotency_key = f"bench-{uuid.uuid4()}"
        run.reported_at = time.time()
        response: httpx.Response | None = None
        for attempt in range(1, REPORT_ATTEMPTS + 1):
            run.report_attempts = attempt
            try:
                response = await api.post(
                    "/v1/life-events",
                    json=prepared.report(day),
                    headers={**tokens.portal, "Idempotency-Key": key},
                )
            except httpx.TransportError as e:
                run.error = f"report: {type(e).__name__}"
                response = None
            if response is not None and response.status_code != 503:
                break
            await asyncio.sleep(0.5 * attempt)
        if response is None or response.status_code != 202:
            run.status = "error"
            if response is not None:
                run.error = f"report answered {response.status_code}: {response.text[:200]}"
        else:
            run.error = None
            run.case_id = str(response.json()["case_id"])
            caseworkers.cases[run.case_id] = run
            event = LIFE_EVENTS.of_case(run.case_id)
            handle = temporal.get_workflow_handle(
                run.case_id, result_type=event.state if event else CaseState
            )
            remaining = max(run.reported_at + case_timeout_s - time.time(), 1.0)
            result = asyncio.ensure_future(handle.result())
            waits: set[asyncio.Future[Any]] = {result}
            if not decide:
                waits.add(asyncio.ensure_future(run.at_gate.wait()))
            await asyncio.wait(waits, timeout=remaining, return_when=asyncio.FIRST_COMPLETED)
            for pending in waits - {result}:
                pending.cancel()
            if not result.done():
                result.cancel()
                run.status = (
                    CaseStatus.AWAITING_APPROVAL.value if run.at_gate.is_set() else "timeout"
                )
            elif isinstance(result.exception(), WorkflowFailureError):
                error = result.exception()
                run.status = "workflow_failed"
                run.error = str(getattr(error, "cause", None) or error)
            elif result.exception() is not None:
                run.status = "error"
                run.error = repr(result.exception())
            else:
                run.status = str(result.result().status)
        run.ended_at = time.time()
        if progress:
            progress.case_ended(run.status in (CaseStatus.COMPLETED, CaseStatus.AWAITING_APPROVAL))

    try:
        await _closed_loop(runs, concurrency, one)
    finally:
        stop.set()
        await watcher
    return runs, caseworkers.errors


def bare_shape(
    kind: CaseKind, before: int, after: int, updates: int | None = None
) -> BareCaseInput:
    """The baseline's mirror of a burgerflow case: its activities, one update per decision.

    Args:
        kind: The case's kind.
        before: Activities the case ran before its first decision.
        after: Activities it ran after it.
        updates: Decisions its history records; the kind's usual number when None.
    """
    return BareCaseInput(
        activities_before=before,
        activities_after=after,
        updates=APPROVALS[kind] if updates is None else updates,
    )


PEER_REPORTER = "bench-portal"
"""Who reports the peer's cases: the portal the burgerflow side's reports come from."""


async def run_peer_cases(
    *,
    temporal: Client,
    peer: Peer,
    cases: Sequence[BenchCase],
    approvals: Mapping[CaseKind, int],
    concurrency: int,
    task_queue: str,
    case_timeout_s: float,
    progress: Progress | None = None,
    day: date | None = None,
) -> list[CaseRun]:
    """Run the hand-written peer workflow once per prepared case and see each to its end.

    Each case starts straight through Temporal with its report's body; a gated case gets
    the kind's number of approvals, each from another caseworker, sent right after the start
    (the update waits until the workflow has checked its rules), so like the no-op baseline
    the peer pays no inbox polling.

    Args:
        temporal: A client with the peer's data converter (`connect_plain`).
        peer: The life event's peer workflow.
        cases: Its own prepared cases, in order.
        approvals: Decisions each kind of case waits for.
        concurrency: Cases open at once.
        task_queue: The peer worker's task queue.
        case_timeout_s: A case not ended this long after its start counts as `timeout`.
        progress: Where to show progress.
        day: The day the cases report (today when None).
    """
    prefix = f"bench-peer-{uuid.uuid4().hex[:8]}"
    runs = [CaseRun(index=i, kind=c.kind) for i, c in enumerate(cases)]
    day = day or date.today()

    async def one(run: CaseRun) -> None:
        run.case_id = f"{prefix}-{run.index}"
        body = {**cases[run.index].report(day), "case_id": run.case_id, "reporter": PEER_REPORTER}
        run.reported_at = time.time()
        try:
            handle = await temporal.start_workflow(
                peer.run,
                peer.input.model_validate(body),
                id=run.case_id,
                task_queue=task_queue,
            )
            run.report_attempts = 1

            async def case() -> None:
                for n in range(approvals[run.kind]):
                    decision = PeerDecision(caseworker=f"bench-cw-{n}")
                    await handle.execute_update(PeerGate.decide, decision)
                    run.decisions += 1
                await handle.result()

            await asyncio.wait_for(case(), timeout=case_timeout_s)
            run.status = CaseStatus.COMPLETED.value
        except TimeoutError:
            run.status = "timeout"
        except WorkflowFailureError as e:
            run.status = "workflow_failed"
            run.error = str(e.cause or e)
        except (RPCError, WorkflowUpdateFailedError) as e:
            run.status = "error"
            run.error = repr(e)
        run.ended_at = time.time()
        if progress:
            progress.case_ended(run.status == CaseStatus.COMPLETED)

    await _closed_loop(runs, concurrency, one)
    return runs


async def run_bare_cases(
    *,
    temporal: Client,
    shapes: Sequence[tuple[CaseKind, BareCaseInput]],
    concurrency: int,
    task_queue: str,
    case_timeout_s: float,
    progress: Progress | None = None,
) -> list[CaseRun]:
    """Run one `BareCase` per shape, sending its updates, and wait for each to end."""
    prefix = f"bench-bare-{uuid.uuid4().hex[:8]}"
    runs = [CaseRun(index=i, kind=kind) for i, (kind, _) in enumerate(shapes)]

    async def one(run: CaseRun) -> None:
        shape = shapes[run.index][1]
        run.reported_at = time.time()
        run.case_id = f"{prefix}-{run.index}"
        try:
            handle = await temporal.start_workflow(
                BareCase.run, shape, id=run.case_id, task_queue=task_queue
            )
            run.report_attempts = 1

            async def case() -> None:
                for n in range(shape.updates):
                    await handle.execute_update(BareCase.decide, BareDecision(n=n))
                    run.decisions += 1
                await handle.result()

            await asyncio.wait_for(case(), timeout=case_timeout_s)
            run.status = CaseStatus.COMPLETED.value
        except TimeoutError:
            run.status = "timeout"
        except WorkflowFailureError as e:
            run.status = "workflow_failed"
            run.error = str(e.cause or e)
        run.ended_at = time.time()
        if progress:
            progress.case_ended(run.status == CaseStatus.COMPLETED)

    await _closed_loop(runs, concurrency, one)
    return runs
