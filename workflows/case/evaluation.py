"""What a life event gives `burgerflow eval`: its scenarios and how to run and read them.

A life event with an evaluation puts an `Evaluation` in its `extras["evaluation"]`. Each
`Scenario` builds its people and homes through a `ScenarioContext` and states, by hand and
independently of the policy code, the request to report, the steps the plan should have and
the gates the case should raise. The roof runs the request through the life event's
evaluation workflow (its agent and policy, nothing executed) and scores the answer the same
way for every life event: steps compared by identity (precision and recall), gates compared
as sets.
"""

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from agents.usage import TokenUsage
from burgerflow.core.settings import Settings
from burgerflow.registry.client import RegistryClient
from workflows.case.population import ScenarioContext

RequestT = TypeVar("RequestT")
"""What a scenario reports: the life event's request."""
ResultT = TypeVar("ResultT")
"""What the life event's evaluation workflow returns."""


@dataclass(frozen=True, slots=True)
class EvalStep:
    """A step as the evaluation compares it: kind, subject and parameters.

    Attributes:
        kind: The life event's step kind.
        subject: The BSN the step is about, if any.
        params: The step's parameters (the step identity picks the ones that tell it apart).
    """

    kind: str
    subject: str | None = None
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class BuiltScenario(Generic[RequestT]):
    """A scenario made in the registries: the request to report and what should come of it.

    Attributes:
        request: What is reported.
        steps: The steps the plan should have.
        gates: The rules whose gates the case should raise.
    """

    request: RequestT
    steps: Sequence[EvalStep]
    gates: frozenset[str]


@dataclass(frozen=True, slots=True)
class Scenario(Generic[RequestT]):
    """A named scenario and how to build it.

    Attributes:
        name: Its name (unique within the life event).
        description: What it is about, in one line.
        build: Makes its people and homes and returns what to report and expect.
    """

    name: str
    description: str
    build: Callable[[ScenarioContext], Awaitable[BuiltScenario[RequestT]]]


@dataclass(frozen=True, slots=True)
class EvalIntake:
    """What the run knows beside a scenario's request, for building the workflow's input.

    Attributes:
        reported_on: The day of the report.
        max_turns: The agent's model-turn budget.
        settings: The run's settings (thresholds of the policy).
    """

    reported_on: date
    max_turns: int
    settings: Settings


@dataclass(frozen=True, slots=True)
class EvalOutcome:
    """What the agent and the policy made of one scenario, as the scoring reads it.

    Attributes:
        steps: The planned steps (none without a plan).
        gates: The rules the policy fired.
        turns: Model turns.
        usage: Tokens used at the model endpoint.
        tool_errors: Tool calls refused.
        failure: Why the agent gave no plan, if it gave none.
    """

    steps: Sequence[EvalStep]
    gates: Sequence[str]
    turns: int
    usage: TokenUsage
    tool_errors: int = 0
    failure: str | None = None


@dataclass(frozen=True, slots=True)
class Evaluation(Generic[RequestT, ResultT]):
    """A life event's part in `burgerflow eval` (its `extras["evaluation"]`).

    Attributes:
        scenarios: Its scenarios, in the order they run.
        workflow: Its evaluation workflow (`@workflow.defn`): takes `case_input`'s model and
            returns `result`.
        result: The model of the workflow's result.
        case_input: Builds the workflow's input from a scenario's request.
        activities: The activities the workflow needs, bound to the run's registry client.
        outcome: Reads a result for the scoring.
        roles: Names, per BSN of a request, the person's part in it (`reporter`, ...), so
            that steps are compared, and reported, without BSNs.
        step_identity: A stable label of a step from its kind, the role of its subject and
            its parameters; two steps with one label are the same step.
    """

    scenarios: Sequence[Scenario[RequestT]]
    workflow: type
    result: type[ResultT]
    case_input: Callable[[RequestT, EvalIntake], BaseModel]
    activities: Callable[[RegistryClient], Sequence[Callable[..., Any]]]
    outcome: Callable[[ResultT], EvalOutcome]
    roles: Callable[[RequestT], Mapping[str, str]]
    step_identity: Callable[[str, str | None, Mapping[str, Any]], str]

    @property
    def workflow_type(self) -> str:
        """The Temporal workflow type of the evaluation workflow."""
        defn = getattr(self.workflow, "__temporal_workflow_definition")
        return str(defn.name)
