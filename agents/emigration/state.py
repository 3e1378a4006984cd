"""Graph state of the emigration agent.

State crosses the activity boundary as JSON in both directions (the plugin types it `Any`),
so the values the nodes write are JSON-ready: `facts` is an `EmigrationFacts`, `plan` an
`EmigrationPlan`, `pseudonyms` a `Pseudonyms` and `usage` a `TokenUsage`, in their JSON form,
and messages are restored by the `merge_messages` reducer. Read the typed values with the
`read_*` functions.

The messages are exactly what the model saw and said: in tokens, never a BSN, a name, a date
of birth or an address. The request, the facts and the plan are in the clear; they never go
to the model.
"""

from collections.abc import Mapping
from datetime import date
from typing import Annotated, Any, NotRequired

from langchain_core.messages import AnyMessage, HumanMessage
from typing_extensions import TypedDict

from agents.channels import merge_facts
from agents.emigration.prompts import render_request
from agents.emigration.views import request_view
from agents.messages import merge_messages
from agents.pseudonyms import Pseudonyms
from agents.usage import TokenUsage
from workflows.emigration.domain import EmigrationFacts, EmigrationPlan, EmigrationRequest

GRAPH_NAME = "emigration"
"""Name of the graph in the LangGraph plugin; activity names start with it."""

DEFAULT_MAX_TURNS = 8
"""Model turns the agent may take before it ends without a plan."""

MAX_PLAN_ATTEMPTS = 2
"""Plans the model may submit that fail validation: the first is answered with the error and
retried once; the second ends the run without a plan (gate `agent_failure`)."""


class EmigrationState(TypedDict):
    """State of one emigration agent run.

    Attributes:
        request: The reported emigration (`EmigrationRequest`, JSON form).
        messages: The conversation with the model, in tokens: request, replies, tool results.
        facts: Everything the look-up tools fetched (`EmigrationFacts`, JSON form). Written
            only by the tool node, from registry responses.
            Tool rounds write what they added; `merge_facts` folds it in.
        plan: The accepted plan (`EmigrationPlan`, JSON form); None until a valid one arrives.
        turns: Model turns taken so far.
        max_turns: The turn budget; past it the graph ends, with or without a plan.
        pseudonyms: The case's tokens and what they stand for (`Pseudonyms`, JSON form).
        usage: Tokens used at the model endpoint so far (`TokenUsage`, JSON form).
        tool_errors: Tool calls refused so far.
        plan_rejections: Submitted plans that failed validation so far.
        plan_error: Why the last submitted plan was rejected.
        pending_lookups: Tools of the look-ups still to do, after the last tool round;
            the model is offered only those and the plan tool.
    pending_lookups: NotRequired[list[str]]
    """

    request: dict[str, Any]
    messages: Annotated[list[AnyMessage], merge_messages]
    facts: Annotated[dict[str, Any], merge_facts]
    plan: NotRequired[dict[str, Any] | None]
    turns: int
    max_turns: int
    pseudonyms: NotRequired[dict[str, Any]]
    usage: NotRequired[dict[str, Any]]
    tool_errors: NotRequired[int]
    plan_rejections: NotRequired[int]
    plan_error: NotRequired[str | None]


def initial_state(
    request: EmigrationRequest, deregistration: date, *, max_turns: int = DEFAULT_MAX_TURNS
) -> EmigrationState:
    """The state a run starts from: the request in tokens as the first message, no facts yet.

    Args:
        request: The reported emigration.
        deregistration: The day the movers are deregistered.
        max_turns: The model-turn budget.
    """
    pseudonyms = Pseudonyms()
    view = request_view(request, deregistration.isoformat(), pseudonyms)
    return EmigrationState(
        request=request.model_dump(mode="json"),
        messages=[HumanMessage(content=render_request(view), id="request")],
        facts=EmigrationFacts(request=request).model_dump(mode="json"),
        plan=None,
        turns=0,
        max_turns=max_turns,
        pseudonyms=pseudonyms.model_dump(mode="json"),
        usage=TokenUsage().model_dump(mode="json"),
        tool_errors=0,
        plan_rejections=0,
        plan_error=None,
    )


def read_request(state: Mapping[str, Any]) -> EmigrationRequest:
    """The typed request of `state`."""
    return EmigrationRequest.model_validate(state["request"])


def read_facts(state: EmigrationState) -> EmigrationFacts:
    """The typed facts of `state`."""
    return EmigrationFacts.model_validate(state["facts"])


def read_plan(state: EmigrationState) -> EmigrationPlan | None:
    """The typed plan of `state`, or None when none was accepted."""
    plan = state.get("plan")
    return None if plan is None else EmigrationPlan.model_validate(plan)


def read_pseudonyms(state: Mapping[str, Any]) -> Pseudonyms:
    """The case's tokens."""
    return Pseudonyms.model_validate(state.get("pseudonyms") or {})


def read_usage(state: Mapping[str, Any]) -> TokenUsage:
    """Tokens used so far."""
    return TokenUsage.model_validate(state.get("usage") or {})
