"""The emigration in `burgerflow eval` and `burgerflow bench` (its `extras`)."""

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from burgerflow.registry.client import RegistryClient
from workflows.case.evaluation import EvalIntake, EvalOutcome, EvalStep, Evaluation
from workflows.emigration.activities import FactActivities
from workflows.emigration.bench import BENCH
from workflows.emigration.domain import EmigrationRequest, StepKind, step_identity
from workflows.emigration.evaluation import EmigrationEval, EvalCaseInput, EvalCaseResult
from workflows.emigration.scenarios import SCENARIOS

__all__ = ["BENCH", "EVALUATION"]


def case_input(request: EmigrationRequest, intake: EvalIntake) -> EvalCaseInput:
    """The evaluation workflow's input for a scenario's emigration."""
    return EvalCaseInput(
        request=request, reported_on=intake.reported_on, max_turns=intake.max_turns
    )


def activities(registry: RegistryClient) -> Sequence[Callable[..., Any]]:
    """The look-ups the evaluation workflow does for the agent, when it left some undone."""
    return [FactActivities(registry).complete_facts]


def outcome(result: EvalCaseResult) -> EvalOutcome:
    """The plan's steps, the rules fired and the agent's costs."""
    plan = result.outcome.plan
    return EvalOutcome(
        steps=[EvalStep(s.kind, s.subject, dict(s.params)) for s in (plan.steps if plan else [])],
        gates=result.verdict.rules_fired,
        turns=result.outcome.turns,
        usage=result.outcome.usage,
        tool_errors=result.outcome.tool_errors,
        failure=result.outcome.failure,
    )


def roles(request: EmigrationRequest) -> Mapping[str, str]:
    """The movers by their part in the emigration: `reporter`, `co_mover_1`, ..."""
    named = {b: f"co_mover_{n}" for n, b in enumerate(request.co_movers, start=1)}
    named[request.bsn] = "reporter"
    return named


def identity(kind: str, role: str | None, params: Mapping[str, Any]) -> str:
    """The domain's own step identity (kind, subject, the parameters that tell steps apart)."""
    return step_identity(StepKind(kind), role, dict(params))


EVALUATION: Evaluation[EmigrationRequest, EvalCaseResult] = Evaluation(
    scenarios=SCENARIOS,
    workflow=EmigrationEval,
    result=EvalCaseResult,
    case_input=case_input,
    activities=activities,
    outcome=outcome,
    roles=roles,
    step_identity=identity,
)
"""The emigration in `burgerflow eval`: its scenarios through agent and policy v1."""
