"""Scoring one scenario and reporting a run: the figures a municipality compares models by.

Per scenario: the planned steps against the expected ones (precision: how many planned steps
were right; recall: how many expected steps were planned; steps compared by the life event's
step identity: kind, the part of its subject in the case, and the parameters that tell steps
apart, as its policy does), whether the gates the policy raised are exactly the expected
ones, the model turns, the tokens, the latency, refused tool calls and why there was no plan,
if there was none. Per life event and overall: precision and recall over all steps, the share
of scenarios with the right gates, and totals and means of the rest.
"""

import statistics
from collections import Counter
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, Field

from workflows.case.evaluation import BuiltScenario, EvalStep, Evaluation, Scenario


class ScenarioScore(BaseModel):
    """How the agent did on one scenario.

    Attributes:
        name: The scenario.
        description: What it is about.
        life_event: The life event's type.
        expected_steps: Steps the plan should have.
        planned_steps: Steps the plan had (0 without a plan).
        matched_steps: Planned steps that were expected.
        step_precision: `matched / planned`; None when nothing was planned.
        step_recall: `matched / expected`.
        missing_steps: Expected steps not planned.
        unexpected_steps: Planned steps not expected.
        expected_gates: The gates the case should raise.
        gates: The gates the policy raised.
        gates_agree: Whether they are the same.
        turns: Model turns.
        input_tokens: Prompt tokens.
        output_tokens: Completion tokens.
        total_tokens: Both.
        latency_s: Seconds from starting the case to the policy's verdict.
        tool_errors: Tool calls refused (unknown tool, invalid arguments, rejected plan).
        failure: Why the agent gave no plan, if it gave none.
        error: Why the scenario could not be run, if it could not.
    """

    name: str
    description: str = ""
    life_event: str = ""
    expected_steps: int
    planned_steps: int = 0
    matched_steps: int = 0
    step_precision: float | None = None
    step_recall: float = 0.0
    missing_steps: list[str] = Field(default_factory=list)
    unexpected_steps: list[str] = Field(default_factory=list)
    expected_gates: list[str]
    gates: list[str] = Field(default_factory=list)
    gates_agree: bool = False
    turns: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    total_tokens: int = 0
    latency_s: float = 0.0
    tool_errors: int = 0
    failure: str | None = None
    error: str | None = None


def score(
    evaluation: Evaluation[Any, Any],
    scenario: Scenario[Any],
    built: BuiltScenario[Any],
    result: Any,
    latency_s: float,
    *,
    life_event: str = "",
) -> ScenarioScore:
    """Compare what the agent and the policy made of a scenario with what was expected.

    Args:
        evaluation: The life event's evaluation (how to read `result`, step identities).
        scenario: The scenario.
        built: What it reported and expects.
        result: What its evaluation workflow returned.
        latency_s: Seconds from starting the workflow to its result.
        life_event: The life event's type.
    """
    outcome = evaluation.outcome(result)
    # Steps are told apart by who they are about, named by their part in the case rather
    # than by BSN, so that the report carries no BSN.
    roles = evaluation.roles(built.request)

    def identity(step: EvalStep) -> str:
        role = roles.get(step.subject, "someone_else") if step.subject else None
        return evaluation.step_identity(step.kind, role, step.params)

    want = Counter(identity(s) for s in built.steps)
    have = Counter(identity(s) for s in outcome.steps)
    matched = sum((want & have).values())
    planned = sum(have.values())
    expected = sum(want.values())
    gates = sorted(set(outcome.gates))
    return ScenarioScore(
        name=scenario.name,
        description=scenario.description,
        life_event=life_event,
        expected_steps=expected,
        planned_steps=planned,
        matched_steps=matched,
        step_precision=matched / planned if planned else None,
        step_recall=matched / expected if expected else 1.0,
        missing_steps=sorted((want - have).elements()),
        unexpected_steps=sorted((have - want).elements()),
        expected_gates=sorted(built.gates),
        gates=gates,
        gates_agree=set(gates) == set(built.gates),
        turns=outcome.turns,
        input_tokens=outcome.usage.input_tokens,
        output_tokens=outcome.usage.output_tokens,
        total_tokens=outcome.usage.total_tokens,
        latency_s=round(latency_s, 3),
        tool_errors=outcome.tool_errors,
        failure=outcome.failure,
    )


def could_not_run(
    scenario: Scenario[Any],
    built: BuiltScenario[Any],
    latency_s: float,
    error: str,
    *,
    life_event: str = "",
) -> ScenarioScore:
    """The score of a scenario whose workflow failed: nothing planned, nothing agreed."""
    return ScenarioScore(
        name=scenario.name,
        description=scenario.description,
        life_event=life_event,
        expected_steps=len(built.steps),
        expected_gates=sorted(built.gates),
        latency_s=round(latency_s, 3),
        error=error,
    )


class Overall(BaseModel):
    """The whole run in figures."""

    scenarios: int
    step_precision: float | None
    step_recall: float
    planned_steps: int
    expected_steps: int
    matched_steps: int
    gate_agreement: float
    gates_agreed: int
    turns: int
    turns_per_case: float
    total_tokens: int
    tokens_per_case: float
    latency_mean_s: float
    latency_p95_s: float
    latency_max_s: float
    no_plan: int
    tool_errors: int
    errors: int


class LifeEventReport(BaseModel):
    """One life event's part of a run.

    Attributes:
        type: The life event's type.
        title: Its name in the report's text.
        overall: The totals over its scenarios.
    """

    type: str
    title: str
    overall: Overall


class EvalReport(BaseModel):
    """A run of `burgerflow eval`.

    Attributes:
        provider: `scripted`, `openai` or `fake`.
        model: The model name.
        life_events: The life events scored, in run order, each with its totals.
        scenarios: One score per scenario, in run order.
        overall: The totals over every life event.
        model_requests: Requests sent to the model endpoint (None for the in-process
            scripted planner).
        bsns_in_model_requests: BSNs found in those request bodies (None when there were
            none to search). It must be 0.
        misbehaviour: For the fake, how often it misbehaved on purpose, by kind.
        duration_s: How long the run took.
    """

    provider: str
    model: str
    life_events: list[LifeEventReport] = Field(default_factory=list)
    scenarios: list[ScenarioScore]
    overall: Overall
    model_requests: int | None = None
    bsns_in_model_requests: int | None = None
    misbehaviour: dict[str, int] = Field(default_factory=dict)
    duration_s: float = 0.0


def summarise(scores: Sequence[ScenarioScore]) -> Overall:
    """The overall figures of a run."""
    planned = sum(s.planned_steps for s in scores)
    expected = sum(s.expected_steps for s in scores)
    matched = sum(s.matched_steps for s in scores)
    latencies = sorted(s.latency_s for s in scores) or [0.0]
    p95 = latencies[min(len(latencies) - 1, round(0.95 * (len(latencies) - 1)))]
    agreed = sum(s.gates_agree for s in scores)
    count = max(len(scores), 1)
    turns = sum(s.turns for s in scores)
    tokens = sum(s.total_tokens for s in scores)
    return Overall(
        scenarios=len(scores),
        step_precision=matched / planned if planned else None,
        step_recall=matched / expected if expected else 1.0,
        planned_steps=planned,
        expected_steps=expected,
        matched_steps=matched,
        gate_agreement=agreed / count,
        gates_agreed=agreed,
        turns=turns,
        turns_per_case=round(turns / count, 2),
        total_tokens=tokens,
        tokens_per_case=round(tokens / count, 1),
        latency_mean_s=round(statistics.fmean(latencies), 3),
        latency_p95_s=p95,
        latency_max_s=latencies[-1],
        no_plan=sum(s.failure is not None for s in scores),
        tool_errors=sum(s.tool_errors for s in scores),
        errors=sum(s.error is not None for s in scores),
    )


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.0f}%"


def progress_line(index: int, total: int, s: ScenarioScore) -> str:
    """One line per finished scenario, for the progress of a run."""
    width = len(str(total))
    if s.error:
        return f"[{index:>{width}}/{total}] {s.name}: could not run: {s.error}"
    gates = "gates ok" if s.gates_agree else "GATES DIFFER"
    return (
        f"[{index:>{width}}/{total}] {s.name}: steps {s.matched_steps}/{s.expected_steps}, "
        f"{gates}, {s.turns} turns, {s.total_tokens} tokens, {s.latency_s:.2f} s"
    )


def _table(scores: Sequence[ScenarioScore], name_width: int) -> list[str]:
    head = (
        f"{'scenario':<{name_width}}  {'steps':>7}  {'prec.':>5}  {'recall':>6}  "
        f"{'gates':<5}  {'turns':>5}  {'tokens':>7}  {'latency':>8}  notes"
    )
    lines = [head, "-" * len(head)]
    for s in scores:
        notes: list[str] = []
        if s.error:
            notes.append(f"error: {s.error}")
        if not s.gates_agree:
            notes.append(f"gates want [{', '.join(s.expected_gates)}] got [{', '.join(s.gates)}]")
        if s.failure:
            notes.append(f"no plan: {s.failure}")
        if s.missing_steps:
            notes.append(f"missing {', '.join(s.missing_steps)}")
        if s.unexpected_steps:
            notes.append(f"unexpected {', '.join(s.unexpected_steps)}")
        if s.tool_errors:
            notes.append(f"{s.tool_errors} refused call(s)")
        lines.append(
            f"{s.name:<{name_width}}  {f'{s.matched_steps}/{s.expected_steps}':>7}  "
            f"{_percent(s.step_precision):>5}  {_percent(s.step_recall):>6}  "
            f"{'ok' if s.gates_agree else 'DIFF':<5}  {s.turns:>5}  {s.total_tokens:>7}  "
            f"{f'{s.latency_s:.2f} s':>8}  {'; '.join(notes)}".rstrip()
        )
    return lines


def _figures(o: Overall) -> list[str]:
    return [
        f"  step precision   {_percent(o.step_precision)} "
        f"({o.matched_steps} of {o.planned_steps} planned steps expected)",
        f"  step recall      {_percent(o.step_recall)} "
        f"({o.matched_steps} of {o.expected_steps} expected steps planned)",
        f"  gate agreement   {_percent(o.gate_agreement)} "
        f"({o.gates_agreed} of {o.scenarios} scenarios)",
        f"  turns            {o.turns} ({o.turns_per_case} per case)",
        f"  tokens           {o.total_tokens} ({o.tokens_per_case} per case)",
        f"  latency          mean {o.latency_mean_s:.2f} s, p95 {o.latency_p95_s:.2f} s, "
        f"max {o.latency_max_s:.2f} s",
        f"  no plan          {o.no_plan} case(s); refused tool calls {o.tool_errors}; "
        f"scenarios that could not run {o.errors}",
    ]


def format_report(report: EvalReport) -> str:
    """The report as a table and a summary, for a terminal.

    With one life event: its table and the overall figures. With several: a table and
    figures per life event, then the figures over all of them.
    """
    o = report.overall
    name_width = max([len(s.name) for s in report.scenarios] + [8])
    titles = ", ".join(e.title for e in report.life_events) or "no life event"
    lines = [
        f"burgerflow eval: {titles}, provider {report.provider}, model "
        f"{report.model}, {o.scenarios} scenarios",
    ]
    if len(report.life_events) > 1:
        for event in report.life_events:
            scores = [s for s in report.scenarios if s.life_event == event.type]
            lines += ["", f"{event.title}:", "", *_table(scores, name_width)]
            lines += ["", f"Overall, {event.title}", *_figures(event.overall)]
        lines += ["", "Overall, every life event"]
    else:
        lines += ["", *_table(report.scenarios, name_width), "", "Overall"]
    privacy = (
        "in-process, nothing sent"
        if report.model_requests is None
        else f"{report.model_requests} requests, BSNs in their bodies: "
        f"{report.bsns_in_model_requests}"
    )
    lines += [*_figures(o), f"  model endpoint   {privacy}"]
    if report.misbehaviour:
        drawn = ", ".join(f"{k} {v}" for k, v in sorted(report.misbehaviour.items()))
        lines.append(f"  fake misbehaved  {drawn}")
    lines.append(f"  run took         {report.duration_s:.1f} s")
    return "\n".join(lines)
