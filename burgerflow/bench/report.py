"""The benchmark's figures: one `Side` per system measured, their ratios, tables and JSON."""

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from functools import partial
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
        payload_bytes_per_case: Mean bytes of activity inputs and results in a history.
        largest_payload_bytes: The largest single activity input or result of any case.
        payloads: Per activity type: tasks, input and result bytes per case, and its
            largest single payload.
        by_kind: Per kind of case (`ungated`, `gated`, `four_eyes`): cases, and mean history
            events, actions and payload bytes per case.
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
    payload_bytes_per_case: float | None = None
    largest_payload_bytes: int | None = None
    payloads: dict[str, dict[str, float]] = field(default_factory=dict)
    by_kind: dict[str, dict[str, float | None]] = field(default_factory=dict)

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
        if gate_at is not None and (run.kind != "ungated" or trace.updates):
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
        payload_bytes_per_case=_mean([t.payload_bytes for t in found]),
        largest_payload_bytes=max((t.largest_payload for t in found), default=None),
        payloads=payloads_per_case(found),
        by_kind=_by_kind(runs, traces),
    )


def payloads_per_case(traces: Sequence[CaseTrace]) -> dict[str, dict[str, float]]:
    """Per activity type: tasks, input and result bytes per case, the largest payload."""
    totals: dict[str, dict[str, float]] = {}
    for t in traces:
        for name, p in t.payloads.items():
            sums = totals.setdefault(
                name, {"tasks": 0.0, "input_bytes": 0.0, "result_bytes": 0.0, "largest_bytes": 0.0}
            )
            sums["tasks"] += p.tasks
            sums["input_bytes"] += p.input
            sums["result_bytes"] += p.result
            sums["largest_bytes"] = max(sums["largest_bytes"], p.largest)
    n = max(len(traces), 1)
    per_case = {
        name: {
            "tasks": round(sums["tasks"] / n, 2),
            "input_bytes": round(sums["input_bytes"] / n, 1),
            "result_bytes": round(sums["result_bytes"] / n, 1),
            "largest_bytes": sums["largest_bytes"],
        }
        for name, sums in totals.items()
    }
    return dict(
        sorted(per_case.items(), key=lambda kv: -(kv[1]["input_bytes"] + kv[1]["result_bytes"]))
    )


def _by_kind(
    runs: Sequence[CaseRun], traces: dict[str, CaseTrace]
) -> dict[str, dict[str, float | None]]:
    """Cases, events, actions and payload bytes per case, for each kind of case."""
    grouped: dict[str, list[CaseTrace]] = {}
    for run in runs:
        trace = traces.get(run.case_id or "")
        if trace is not None:
            grouped.setdefault(str(run.kind), []).append(trace)
    return {
        kind: {
            "cases": len(found),
            "events_per_case": _mean([t.events for t in found]),
            "actions_per_case": _mean([t.actions for t in found]),
            "payload_bytes_per_case": _mean([t.payload_bytes for t in found]),
        }
        for kind, found in sorted(grouped.items())
    }


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


def _latency(side: Side, *, which: str, p: str) -> float | None:
    value: float | None = getattr(getattr(side, which), p)
    return value


def _of_kind(side: Side, *, kind: str, figure: str) -> float | None:
    return side.by_kind.get(kind, {}).get(figure)


def _cpu_ms(side: Side, *, proc: str) -> float | None:
    seconds = side.cpu_s.get(proc)
    return None if seconds is None else round(1000 * seconds / max(side.cases, 1), 1)


SIDES = ("burgerflow", "peer", "bare_temporal")
NO_RATIOS = frozenset({"cases not completed", "activity retries per case"})
"""Figures whose ratio means nothing (besides the CPU rows)."""
"""The systems a run measures, in the table's order."""
KINDS = ("ungated", "gated", "four_eyes")


@dataclass(frozen=True)
class Figure:
    """One row of the headline table: a figure for each side.

    Attributes:
        label: What it is.
        values: burgerflow's, the peer's and the no-op baseline's (None when not measured).
        digits: Decimals shown.
        ratios: Whether burgerflow's value over each other side's means something.
    """

    label: str
    values: tuple[float | None, float | None, float | None]
    digits: int = 1
    ratios: bool = True


def ratio(a: float | None, b: float | None) -> float | None:
    """`a / b`, None when either is missing or `b` is zero."""
    return None if a is None or b is None or b == 0 else round(a / b, 3)


def median(values: Sequence[float | None]) -> float | None:
    """The median of the values that are there; None when none is."""
    present = [v for v in values if v is not None]
    return percentile(present, 50)


@dataclass(frozen=True)
class BenchReport:
    """A benchmark run: its set-up, the sides and the headline ratios."""

    setup: dict[str, Any]
    burgerflow: Side
    baseline: Side
    errors: list[str]
    peer: Side | None = None

    @property
    def ratio(self) -> float:
        """burgerflow's cases per second over the no-op baseline's."""
        return round(self.burgerflow.cases_per_s / max(self.baseline.cases_per_s, 1e-9), 3)

    @property
    def ratio_vs_peer(self) -> float | None:
        """burgerflow's cases per second over the hand-written peer's."""
        return ratio(self.burgerflow.cases_per_s, self.peer.cases_per_s if self.peer else None)

    @property
    def all_completed(self) -> bool:
        """Whether every burgerflow and peer case of the timed window completed."""
        return self.burgerflow.not_completed == 0 and (
            self.peer is None or self.peer.not_completed == 0
        )

    def sides(self) -> tuple[Side, Side | None, Side]:
        """burgerflow, the peer (if run) and the no-op baseline."""
        return self.burgerflow, self.peer, self.baseline

    def figures(self) -> list[Figure]:
        """The headline figures, one row per figure, every side."""
        bf, peer, bare = self.sides()
        both = (bf, peer, bare)

        def each(read: Callable[[Side], float | None]) -> tuple[float | None, ...]:
            return tuple(None if side is None else read(side) for side in both)

        def row(label: str, read: Callable[[Side], float | None], digits: int = 1) -> Figure:
            a, b, c = each(read)
            return Figure(label, (a, b, c), digits)

        rows = [row("cases per second", lambda s: s.cases_per_s, 2)]
        for label, which in (
            ("report → completed", "completed"),
            ("report → awaiting_approval", "awaiting"),
        ):
            for p in ("p50", "p95", "p99"):
                rows.append(row(f"{label} {p} (ms)", partial(_latency, which=which, p=p), 0))
        rows += [
            row("history events per case", lambda s: s.events_per_case),
            row("Temporal actions per case", lambda s: s.actions_per_case),
        ]
        for kind in KINDS:
            if any(kind in side.by_kind for side in both if side is not None):
                for figure, label in (
                    ("events_per_case", "history events"),
                    ("actions_per_case", "Temporal actions"),
                ):
                    read = partial(_of_kind, kind=kind, figure=figure)
                    rows.append(row(f"{label} per {kind} case", read))
        rows += [
            row("activities per case", lambda s: s.activities_per_case),
            row("payload bytes per case", lambda s: s.payload_bytes_per_case, 0),
            row(
                "payload bytes per ungated case",
                partial(_of_kind, kind="ungated", figure="payload_bytes_per_case"),
                0,
            ),
            row("largest payload (bytes)", lambda s: s.largest_payload_bytes, 0),
            row("worker peak RSS (MiB)", lambda s: s.worker_peak_rss_mib),
        ]
        procs = sorted({p for side in both if side is not None for p in side.cpu_s})
        for proc in procs:
            a, b, c = each(partial(_cpu_ms, proc=proc))
            rows.append(Figure(f"CPU ms per case: {proc}", (a, b, c), 0, ratios=False))
        a, b, c = each(lambda s: round(s.activity_retries / max(s.cases, 1), 2))
        rows.append(Figure("activity retries per case", (a, b, c), 2, ratios=False))
        a, b, c = each(lambda s: s.not_completed)
        rows.append(Figure("cases not completed", (a, b, c), 0, ratios=False))
        return rows

    def to_json(self) -> dict[str, Any]:
        """The report as JSON-ready data."""
        sides = {
            name: None if side is None else {**asdict(side), "not_completed": side.not_completed}
            for name, side in zip(SIDES, self.sides(), strict=True)
        }
        return {
            "setup": self.setup,
            "ratio_cases_per_s": self.ratio,
            "ratio_vs_peer_cases_per_s": self.ratio_vs_peer,
            **sides,
            "figures": {f.label: dict(zip(SIDES, f.values, strict=True)) for f in self.figures()},
            "errors": self.errors,
        }

    def title(self) -> str:
        """What was run, in a line."""
        setup = self.setup
        kind = f"{setup['life_event']} " if setup.get("life_event") else ""
        return (
            f"burgerflow bench: {setup['cases']} {kind}cases at concurrency "
            f"{setup['concurrency']}, "
            f"{setup['gated_fraction']:.0%} gated (half of them four-eyes), "
            f"{setup['cpus']} CPUs"
        )

    def table(self) -> str:
        """The report as a plain-text table (also valid Markdown)."""
        tables = [
            figures_table(self.figures()),
            "",
            self._payload_table(),
            "",
            self._time_table(),
        ]
        return "\n".join([self.title(), "", *tables])

    def _payload_table(self) -> str:
        """Payload bytes per case, per activity type: inputs, results, the largest one."""
        header = ("payload bytes per case", "tasks", "inputs", "results", "largest")
        rows: list[tuple[str, ...]] = []
        for side in self.sides():
            if side is None:
                continue
            for name, p in side.payloads.items():
                rows.append(
                    (
                        f"{side.name}: {name}",
                        f"{p['tasks']:.1f}",
                        f"{p['input_bytes']:,.0f}",
                        f"{p['result_bytes']:,.0f}",
                        f"{p['largest_bytes']:,.0f}",
                    )
                )
        return _markdown(header, rows)

    def _time_table(self) -> str:
        """Where a case's time goes: per task kind, per case, queued and running."""
        header = (
            "where a case's time goes (ms per case)",
            "tasks",
            "queued",
            "running",
        )
        rows: list[tuple[str, ...]] = []
        for side in self.sides():
            if side is None:
                continue
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


def _num(value: float | None, digits: int) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


TABLE_HEADER = ("", "burgerflow", "peer", "no-op", "bf/peer", "bf/no-op")


def figures_table(figures: Sequence[Figure]) -> str:
    """The headline table of one run: each side's figure and burgerflow's ratios."""
    rows: list[tuple[str, ...]] = []
    for f in figures:
        bf, peer, bare = f.values
        rows.append(
            (
                f.label,
                *(_num(v, f.digits) for v in f.values),
                _num(ratio(bf, peer), 2) if f.ratios else "",
                _num(ratio(bf, bare), 2) if f.ratios else "",
            )
        )
    return _markdown(TABLE_HEADER, rows)


@dataclass(frozen=True)
class RunsReport:
    """Several runs of the same benchmark: each run, and the median and spread of each figure.

    Ratios are taken within each run (both sides measured minutes apart on the same
    machine) and their median reported, not the ratio of the medians.
    """

    runs: list[BenchReport]

    @property
    def all_completed(self) -> bool:
        """Whether every burgerflow and peer case of every run completed."""
        return all(r.all_completed for r in self.runs)

    def summary(self) -> dict[str, dict[str, dict[str, float | None]]]:
        """Per figure, per side and per ratio: the median, the lowest and the highest."""
        per_run = [{f.label: f for f in r.figures()} for r in self.runs]
        labels = list(dict.fromkeys(label for figs in per_run for label in figs))
        out: dict[str, dict[str, dict[str, float | None]]] = {}
        for label in labels:
            rows = [figs[label] for figs in per_run if label in figs]
            first = rows[0]
            columns: dict[str, list[float | None]] = {
                side: [r.values[i] for r in rows] for i, side in enumerate(SIDES)
            }
            if first.ratios:
                columns["bf/peer"] = [ratio(r.values[0], r.values[1]) for r in rows]
                columns["bf/no-op"] = [ratio(r.values[0], r.values[2]) for r in rows]
            out[label] = {
                name: {
                    "median": median(values),
                    "min": min((v for v in values if v is not None), default=None),
                    "max": max((v for v in values if v is not None), default=None),
                }
                for name, values in columns.items()
            }
        return out

    def to_json(self) -> dict[str, Any]:
        """Every run's report, and the summary."""
        return {
            "setup": {**self.runs[0].setup, "runs": len(self.runs)},
            "summary": self.summary(),
            "runs": [r.to_json() for r in self.runs],
        }

    def table(self) -> str:
        """The medians of every figure with their spread (lowest – highest), then each run."""
        title = f"{self.runs[0].title()}: median of {len(self.runs)} runs (lowest–highest)"
        parts = [title, "", summary_table(self.summary())]
        for n, run in enumerate(self.runs, start=1):
            parts += ["", f"Run {n}", "", run.table()]
        return "\n".join(parts)


def digits_of(label: str) -> int:
    """Decimals a figure is shown with, by its label."""
    if label in ("cases per second", "activity retries per case"):
        return 2
    if "(ms)" in label or "bytes" in label or label.startswith("CPU") or "not completed" in label:
        return 0
    return 1


Summary = dict[str, dict[str, dict[str, float | None]]]
"""Per figure, per side or ratio: `median`, `min`, `max`."""


def summary_of_figures(figures: dict[str, dict[str, float | None]]) -> Summary:
    """One run's figures (`BenchReport.to_json()["figures"]`) as a summary of one run."""
    out: Summary = {}
    for label, values in figures.items():
        columns = {side: values.get(side) for side in SIDES}
        if not label.startswith("CPU") and label not in NO_RATIOS:
            bf = values.get("burgerflow")
            columns["bf/peer"] = ratio(bf, values.get("peer"))
            columns["bf/no-op"] = ratio(bf, values.get("bare_temporal"))
        out[label] = {name: {"median": v, "min": v, "max": v} for name, v in columns.items()}
    return out


def summary_table(summary: Summary) -> str:
    """The headline table of a summary: each side's median (and spread) and the ratios."""

    def cell(stats: dict[str, float | None] | None, d: int) -> str:
        if stats is None or stats.get("median") is None:
            return "–"
        low, high = stats.get("min"), stats.get("max")
        if low == high:
            return _num(stats["median"], d)
        return f"{_num(stats['median'], d)} ({_num(low, d)}–{_num(high, d)})"

    rows: list[tuple[str, ...]] = []
    for label, columns in summary.items():
        d = digits_of(label)
        rows.append(
            (
                label,
                *(cell(columns.get(side), d) for side in SIDES),
                cell(columns.get("bf/peer"), 2) if "bf/peer" in columns else "",
                cell(columns.get("bf/no-op"), 2) if "bf/no-op" in columns else "",
            )
        )
    return _markdown(TABLE_HEADER, rows)


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
