"""The report of a death in `burgerflow eval` (its `extras["evaluation"]`)."""

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from burgerflow.registry.client import RegistryClient
from workflows.case.evaluation import EvalIntake, EvalOutcome, EvalStep, Evaluation
from workflows.death.activities import FactActivities
from workflows.death.domain import DeathRequest, StepKind
from workflows.death.evaluation import EvalCaseInput, EvalCaseResult, ReportOfDeathEval
from workflows.death.policy import step_identity
from workflows.death.scenarios import SCENARIOS


def case_input(request: DeathRequest, intake: EvalIntake) -> EvalCaseInput:
    """The evaluation workflow's input for a scenario's death."""
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


def roles(request: DeathRequest) -> Mapping[str, str]:
    """The deceased by their part in the case (partners are `someone_else`)."""
    return {request.bsn: "deceased"}


def identity(kind: str, role: str | None, params: Mapping[str, Any]) -> str:
    """The policy's own step identity (kind, subject, the parameters that tell steps apart)."""
    return step_identity(StepKind(kind), role, dict(params))


EVALUATION: Evaluation[DeathRequest, EvalCaseResult] = Evaluation(
    scenarios=SCENARIOS,
    workflow=ReportOfDeathEval,
    result=EvalCaseResult,
    case_input=case_input,
    activities=activities,
    outcome=outcome,
    roles=roles,
    step_identity=identity,
)
"""The report of a death in `burgerflow eval`: its scenarios through agent and policy v1."""
