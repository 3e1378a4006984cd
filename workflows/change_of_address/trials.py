"""The change of address in `burgerflow eval` and `burgerflow bench` (its `extras`)."""

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from burgerflow.registry.client import RegistryClient
from workflows.case.evaluation import EvalIntake, EvalOutcome, EvalStep, Evaluation
from workflows.change_of_address.activities import FactActivities
from workflows.change_of_address.bench import BENCH
from workflows.change_of_address.domain import MoveRequest, StepKind
from workflows.change_of_address.evaluation import (
    ChangeOfAddressEval,
    EvalCaseInput,
    EvalCaseResult,
)
from workflows.change_of_address.policy import step_identity
from workflows.change_of_address.scenarios import SCENARIOS

__all__ = ["BENCH", "EVALUATION"]


def case_input(request: MoveRequest, intake: EvalIntake) -> EvalCaseInput:
    """The evaluation workflow's input for a scenario's move."""
    return EvalCaseInput(
        request=request,
        reported_on=intake.reported_on,
        max_turns=intake.max_turns,
        min_m2_per_person=intake.settings.min_m2_per_person,
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


def roles(request: MoveRequest) -> Mapping[str, str]:
    """The movers by their part in the move: `reporter`, `co_mover_1`, ..."""
    named = {b: f"co_mover_{n}" for n, b in enumerate(request.co_movers, start=1)}
    named[request.bsn] = "reporter"
    return named


def identity(kind: str, role: str | None, params: Mapping[str, Any]) -> str:
    """The policy's own step identity (kind, subject, the parameters that tell steps apart)."""
    return step_identity(StepKind(kind), role, dict(params))


EVALUATION: Evaluation[MoveRequest, EvalCaseResult] = Evaluation(
    scenarios=SCENARIOS,
    workflow=ChangeOfAddressEval,
    result=EvalCaseResult,
    case_input=case_input,
    activities=activities,
    outcome=outcome,
    roles=roles,
    step_identity=identity,
)
"""The change of address in `burgerflow eval`: its scenarios through agent and policy v1."""
