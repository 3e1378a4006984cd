"""What a life event tells the trail walker about its own history.

The walker reads what every gated case records the same way: the request, the status and
gate projections, the decisions, the steps, the outcome and the agent's LangGraph activities.
What only the life event knows (its agent's graph, which tools read which registry and what
they add to the facts, its pseudonyms, its own look-up activities, how its request reads for
people) it asks a `TrailAdapter`. A life event registers one as `extras["trail"]`; a life
event without one gets the base class, which reads the generic trail.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from temporalio import activity

MODEL_NODE = "model"
TOOLS_NODE = "tools"
"""The nodes of an agent graph that call the model and run its tools: the LangGraph plugin
runs each as an activity named `<graph>.<node>`."""


def activity_name(fn: Callable[..., Any]) -> str:
    """The Temporal name of an activity function or method."""
    name = activity._Definition.must_from_callable(fn).name
    assert name is not None, fn
    return name


@dataclass(frozen=True, slots=True)
class Pseudonym:
    """One pseudonym the agent used in place of personal data.

    Attributes:
        token: The pseudonym as the model saw it (`PERSON_1`).
        stands_for: What a tool call's argument with the token means (a BSN, an object id).
        shown: What the trail's pseudonym table shows for it (value and text).
    """

    token: str
    stands_for: str
    shown: str


@dataclass(frozen=True, slots=True)
class WorkflowRead:
    """A registry look-up the workflow did itself (one the agent left undone).

    Attributes:
        tool: The agent's tool it stood in for.
        registry: The registry read.
        arguments: What was asked.
        facts: What the look-up added to the case's facts.
    """

    tool: str
    registry: str
    arguments: dict[str, Any]
    facts: Any


class TrailAdapter:
    """How one life event's history reads, beyond what every gated case shares.

    The base class knows nothing of a life event: its trail holds the request, gates,
    decisions, steps and outcome, the model turns of the graphs it is given, and every tool
    result as a read of an unknown registry.
    """

    def __init__(
        self,
        *,
        graphs: Iterable[str] = (),
        model_node: str = MODEL_NODE,
        tools_node: str = TOOLS_NODE,
        plan_tools: Iterable[str] = (),
    ) -> None:
        """Name the agent's graphs and nodes.

        Args:
            graphs: The names of the life event's agent graphs.
            model_node: The node that calls the model.
            tools_node: The node that runs the tools.
            plan_tools: Tools by which the agent hands in its plan (not registry reads).
        """
        self.graphs = tuple(graphs)
        self.model_activities = frozenset(f"{g}.{model_node}" for g in self.graphs)
        self.tools_activities = frozenset(f"{g}.{tools_node}" for g in self.graphs)
        self.plan_tools = frozenset(plan_tools)

    def request_summary(self, request: dict[str, Any]) -> str:
        """What was reported, in one line after "<life event> reported by <who>" (or "")."""
        return ""

    def request_fields(self, request: dict[str, Any]) -> list[tuple[str, str]]:
        """The request as label and value pairs, for the trail page's request card."""
        return [("BSN", str(request.get("bsn") or "—"))]

    def step_subject(self, step_input: dict[str, Any]) -> str | None:
        """Whom a step concerns when the step names no subject of its own."""
        value = step_input.get("bsn")
        return str(value) if value else None

    def registry(self, tool: str) -> str:
        """The registry a look-up tool reads ("?" when unknown)."""
        return "?"

    def tool_facts(self, tool: str, before: dict[str, Any], after: dict[str, Any]) -> Any:
        """The registry data a tool call added to the graph's facts (None: not known).

        Args:
            tool: The tool that ran.
            before: The graph state the tools node received.
            after: The state the tools node returned.
        """
        return None

    def pseudonyms(self, state: dict[str, Any]) -> list[Pseudonym]:
        """The pseudonyms a graph state carries."""
        return []

    def workflow_reads(
        self, activity: str, activity_input: Any, result: Any
    ) -> list[WorkflowRead] | None:
        """The registry reads of one of the life event's own look-up activities.

        Returns:
            The reads (empty when the look-up found nothing new), or None when `activity`
            is not one of its look-ups.
        """
        return None
