"""The benchmark's figures: one `Side` per system measured, their ratio, a table and JSON."""

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from burgerflow.bench.driver import CaseRun
from burgerflow.bench.history import CaseTrace
from burgerflow.core.constants import CaseStatus


def percentile(values: Sequence[float], p: float) -> float | None:
    """The `p`-th percentile (0-100) of `values`, interpolated linearly; None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    rank = (len(ordered) - 1) * p / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass(frozen=True)
class Latency:
    """Latency percentiles in milliseconds over `n` cases."""

    n: int
    p50: float | None
    p95: float | None
    p99: float | None
    max: float | None

    @classmethod
    def of(cls, seconds: Sequence[float]) -> "Latency":
        """Summarise latencies given in seconds."""
        ms = [s * 1000 for s in seconds]

        def pct(p: float) -> float | None:
            value = percentile(ms, p)
            return None if value is None else round(value, 1)

        return cls(n=len(ms), p50=pct(50), p95=pct(95), p99=pct(99), max=pct(100))


def _mean(values: Sequence[float]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


@dataclass(frozen=True)
class Side:
    """What one system did with its cases in the timed window.

    Attributes:
        name: `burgerflow` or `bare_temporal`.
        cases: Cases in the timed window.
        statuses: Final status of each case, counted.
        wall_s: From the first report to the last end seen.
        cases_per_s: `cases / wall_s`.
        completed: Latency from report to completed.
        awaiting: Latency from report to awaiting approval (the baseline: to its gate).
        events_per_case: Mean history events.
        actions_per_case: Mean billable Temporal actions.
        activities_per_case: Mean activities scheduled.
        updates_per_case: Mean updates accepted.
        activity_retries: Activity attempts beyond the first, over all cases.
        report_retries: Reports sent more than once (503 or no answer).
        worker_peak_rss_mib: Peak resident memory of the worker process.
        cpu_s: CPU seconds each process used in the timed window.
        time_per_case: Per task kind (activity type, or workflow task): tasks per case, and
            milliseconds per case spent queued (waiting for a worker) and running.
    """

    name: str
    cases: int
    statuses: dict[str, int]
    wall_s: float
    cases_per_s: float
    completed: Latency
    awaiting: Latency
    events_per_case: float | None
    actions_per_case: float | None
    activities_per_case: float | None
    updates_per_case: float | None
    activity_retries: int
    report_retries: int
    worker_peak_rss_mib: float | None
    cpu_s: dict[str, float] = field(default_factory=dict)
    time_per_case: dict[str, dict[str, float]] = field(default_factory=dict)

    @property
    def not_completed(self) -> int:
        """Cases that did not complete."""
        return self.cases - self.statuses.get(CaseStatus.COMPLETED, 0)


def summarise(
    name: str,
    runs: Sequence[CaseRun],
    traces: dict[str, CaseTrace],
    *,
    awaiting_from_update: bool,
    worker_peak_rss_mib: float | None,
    cpu_s: dict[str, float],
) -> Side:
    """Build a `Side` from the driver's view of the cases and their histories.

    Args:
        name: The system's name.
        runs: Every case of the timed window.
        traces: Their histories, by case id.
        awaiting_from_update: Time the gate by the first completed update (the baseline)
            instead of by the `awaiting_approval` status (burgerflow).
        worker_peak_rss_mib: The worker's peak memory, if known.
        cpu_s: CPU seconds per process in the window.
    """
    started = min((r.reported_at for r in runs), default=0.0)
    ended = max((r.ended_at or r.reported_at for r in runs), default=0.0)
    wall = max(ended - started, 1e-9)
    completed: list[float] = []
    awaiting: list[float] = []
    found = [traces[r.case_id] for r in runs if r.case_id in traces]
    for run in runs:
        trace = traces.get(run.case_id or "")
        if trace is None:
            continue
        if run.status == CaseStatus.COMPLETED and trace.closed_at is not None:
            completed.append(trace.closed_at - run.reported_at)
        gate_at = trace.first_update_done_at if awaiting_from_update else trace.awaiting_at
        if gate_at is None and not awaiting_from_update:
            gate_at = run.seen_at_gate_at
        if gate_at is not None and run.kind != "ungated":
            awaiting.append(gate_at - run.reported_at)
    return Side(
        name=name,
        cases=len(runs),
        statuses=dict(Counter(str(r.status) for r in runs)),
        wall_s=round(wall, 2),
        cases_per_s=round(len(runs) / wall, 2),
        completed=Latency.of(completed),
        awaiting=Latency.of(awaiting),
        events_per_case=_mean([t.events for t in found]),
        actions_per_case=_mean([t.actions for t in found]),
        activities_per_case=_mean(
            [t.activities_before_gate + t.activities_after_gate for t in found]
        ),
        updates_per_case=_mean([t.updates for t in found]),
        activity_retries=sum(t.activity_retries for t in found),
        report_retries=sum(1 for r in runs if r.report_attempts > 1),
        worker_peak_rss_mib=(
            None if worker_peak_rss_mib is None else round(worker_peak_rss_mib, 1)
        ),
        cpu_s=cpu_s,
        time_per_case=_time_per_case(found),
    )


def _time_per_case(traces: Sequence[CaseTrace]) -> dict[str, dict[str, float]]:
    """Mean tasks, queued and running milliseconds per case, by task kind."""
    totals: dict[str, list[float]] = {}
    for t in traces:
        for name, timing in t.timings.items():
            sums = totals.setdefault(name, [0.0, 0.0, 0.0])
            sums[0] += timing.count
            sums[1] += timing.queued_s
            sums[2] += timing.running_s
    n = max(len(traces), 1)
    return {
        name: {
            "tasks": round(count / n, 2),
            "queued_ms": round(1000 * queued / n, 1),
            "running_ms": round(1000 * running / n, 1),
        }
        for name, (count, queued, running) in sorted(totals.items(), key=lambda kv: -kv[1][2])
    }


@dataclass(frozen=True)
class BenchReport:
    """A benchmark run: its set-up, both sides and the headline ratio."""

    setup: dict[str, Any]
    burgerflow: Side
    baseline: Side
    errors: list[str]

    @property
    def ratio(self) -> float:
        """burgerflow's cases per second over the bare baseline's."""
        return round(self.burgerflow.cases_per_s / max(self.baseline.cases_per_s, 1e-9), 3)

    def to_json(self) -> dict[str, Any]:
        """The report as JSON-ready data."""
        return {
            "setup": self.setup,
            "ratio_cases_per_s": self.ratio,
            "burgerflow": {
                **asdict(self.burgerflow),
                "not_completed": self.burgerflow.not_completed,
            },
            "bare_temporal": {
                **asdict(self.baseline),
                "not_completed": self.baseline.not_completed,
            },
            "errors": self.errors,
        }

    def table(self) -> str:
        """The report as a plain-text table (also valid Markdown)."""
        bf, bare = self.burgerflow, self.baseline

        def num(value: float | None, digits: int = 1) -> str:
            return "–" if value is None else f"{value:,.{digits}f}"

        def ratio(a: float | None, b: float | None) -> str:
            return "–" if a is None or b is None or b == 0 else f"{a / b:.2f}"

        rows: list[tuple[str, str, str, str]] = [
            (
                "cases per second",
                num(bf.cases_per_s, 2),
                num(bare.cases_per_s, 2),
                f"{self.ratio:.2f}",
            ),
        ]
        for label, a, b in (
            ("report → completed", bf.completed, bare.completed),
            ("report → awaiting_approval", bf.awaiting, bare.awaiting),
        ):
            for p in ("p50", "p95", "p99"):
                va, vb = getattr(a, p), getattr(b, p)
                rows.append((f"{label} {p} (ms)", num(va, 0), num(vb, 0), ratio(va, vb)))
        per_case = (
            ("history events per case", bf.events_per_case, bare.events_per_case),
            ("Temporal actions per case", bf.actions_per_case, bare.actions_per_case),
            ("activities per case", bf.activities_per_case, bare.activities_per_case),
            ("worker peak RSS (MiB)", bf.worker_peak_rss_mib, bare.worker_peak_rss_mib),
        )
        for label, va, vb in per_case:
            rows.append((label, num(va), num(vb), ratio(va, vb)))
        for proc in sorted(set(bf.cpu_s) | set(bare.cpu_s)):
            ca, cb = bf.cpu_s.get(proc), bare.cpu_s.get(proc)
            rows.append(
                (
                    f"CPU ms per case: {proc}",
                    num(None if ca is None else 1000 * ca / bf.cases, 0),
                    num(None if cb is None else 1000 * cb / bare.cases, 0),
                    "",
                )
            )
        rows.append(("cases not completed", str(bf.not_completed), str(bare.not_completed), ""))
        header = ("", "burgerflow", "bare Temporal", "ratio")
        setup = self.setup
        tables = [_markdown(header, rows), "", self._time_table()]
        kind = f"{setup['life_event']} " if setup.get("life_event") else ""
        title = (
            f"burgerflow bench: {setup['cases']} {kind}cases at concurrency "
            f"{setup['concurrency']}, "
            f"{setup['gated_fraction']:.0%} gated (half of them four-eyes), "
            f"{setup['cpus']} CPUs"
        )
        return "\n".join([title, "", *tables])

    def _time_table(self) -> str:
        """Where a case's time goes: per task kind, per case, queued and running."""
        header = (
            "where a case's time goes (ms per case)",
            "tasks",
            "queued",
            "running",
        )
        rows: list[tuple[str, ...]] = []
        for side in (self.burgerflow, self.baseline):
            for name, t in side.time_per_case.items():
                rows.append(
                    (
                        f"{side.name}: {name}",
                        f"{t['tasks']:.1f}",
                        f"{t['queued_ms']:,.0f}",
                        f"{t['running_ms']:,.0f}",
                    )
                )
        return _markdown(header, rows)


def _markdown(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> str:
    """A Markdown table, first column left-aligned, the others right-aligned."""
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: tuple[str, ...]) -> str:
        first = cells[0].ljust(widths[0])
        rest = [c.rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True)]
        return "| " + " | ".join([first, *rest]) + " |"

    rule = (
        "|"
        + "|".join("-" * (w + 1) + ":" if i else "-" * (w + 2) for i, w in enumerate(widths))
        + "|"
    )
    return "\n".join([line(header), rule, *(line(r) for r in rows)])
